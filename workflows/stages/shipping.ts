import { shippingMode, type OrderState } from '../domain/state';
import { tell } from './notices';

/** 发货: the warehouse checks the goods against the order and ships, by special vehicle when large. */
export async function ship(s: OrderState) {
  tell(s, 'ship', 'warehouse', `released: ship by ${shippingMode(s)}`);
}
