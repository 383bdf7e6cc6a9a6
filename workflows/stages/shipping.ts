import { shippingModeLabels } from '../domain/labels';
import { receivingTimePending, shippingMode, type OrderState } from '../domain/state';
import { tell } from './notices';

/** 发货: the warehouse checks the goods against the order and ships, by special vehicle when large. */
export async function ship(s: OrderState) {
  tell(s, 'ship', 'warehouse', {
    zh: `已放行：请${shippingModeLabels[shippingMode(s)].zh}发货`,
    en: `released: ship by ${shippingMode(s)}`,
  });
  // 001 ch.3/ch.4: the customer's receiving time is confirmed before dispatch.
  if (receivingTimePending(s))
    tell(s, 'receiving-time-needed', 'sales-rep', {
      zh: '请确认客户收货时间（日期和时段）：登记后才发货',
      en: "confirm the customer's receiving time (date and time window): the goods ship once it is recorded",
    });
}
