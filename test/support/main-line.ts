import type { EventType } from '../../workflows/domain/events';
import type { Role } from '../../workflows/domain/order';

// A class A standard order's main line as the tests send it, written once for the domain's, the API's, the
// console's and the cluster's tests (the time-skipping scenarios give each step its time as well: scenario.ts).

/** One event of the main line: who sends it, its type and its data. */
export type Step = [Role, EventType, Record<string, unknown>?];

/** From the first confirmation until the goods are shipped (in transit), from when complaints are taken. */
export const toShipped: readonly Step[] = [
  ['order-desk', 'order-confirmed'],
  ['finance', 'price-approved'],
  ['production', 'delivery-date-estimated', { promisedDate: '2031-05-01' }],
  ['order-desk', 'confirmation-sent', { documentRef: 'OC-1' }],
  ['order-desk', 'signed-confirmation-returned', { documentRef: 'OC-1s' }],
  ['finance', 'production-notice-issued', { noticeRef: 'PN-1' }],
  ['technical', 'technical-order-issued', { orderRef: 'TO-1' }],
  ['qc', 'qc-passed', { reportRef: 'QC-1' }],
  ['warehouse', 'stocked', { location: 'A-1' }],
  ['order-desk', 'shipping-requested', { requestRef: 'SR-1' }],
  ['warehouse', 'shipped', { carrier: 'SF', trackingRef: 'SF-1' }],
];

/** Into production, where progress reports are always expected: through the production notice. */
export const intoProduction = toShipped.slice(0, 6);

/** Into production through the technical order. */
export const throughTechnicalOrder = toShipped.slice(0, 7);

/** On until the customer has signed for the goods (the balance then falls due). */
export const toSignedFor: readonly Step[] = [...toShipped, ['warehouse', 'signed-for', { receiptRef: 'AR-1' }]];

/** On to the payment in full of an order of `amount` fen: the order completes. */
export const toPaid = (amount: number): Step[] => [...toSignedFor, ['finance', 'payment-received', { amount, paymentRef: 'BANK-1' }]];
