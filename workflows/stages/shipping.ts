import { condition } from '@temporalio/workflow';
import { now } from '../clock';
import { moveTo, shippingMode, type OrderState } from '../domain/state';
import { tell } from './notices';

/** 发货: the warehouse checks the goods against the order and ships, by special vehicle when large. */
export async function ship(s: OrderState) {
  moveTo(s, now(), 'shipping');
  tell(s, 'ship', 'warehouse', `released: ship by ${shippingMode(s)}`);
  await condition(() => s.facts.shippedAt !== undefined);
}

/** 到货 / 签收: the customer signs the arrival receipt, which completes the order. */
export async function signOff(s: OrderState) {
  moveTo(s, now(), 'in-transit');
  await condition(() => s.facts.signedForAt !== undefined);
}
