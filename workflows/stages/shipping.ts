import { receivingTimePending, shippingMode, type OrderState } from '../domain/state';
import { tell } from './notices';

/** 发货: the warehouse checks the goods against the order and ships, by special vehicle when large. */
export async function ship(s: OrderState) {
  tell(s, 'ship', 'warehouse', `released: ship by ${shippingMode(s)}`);
  // 001 ch.3/ch.4: the customer's receiving time is confirmed before dispatch.
  if (receivingTimePending(s))
    tell(
      s,
      'receiving-time-needed',
      'sales-rep',
      "confirm the customer's receiving time (date and time window): the goods ship once it is recorded",
    );
}
