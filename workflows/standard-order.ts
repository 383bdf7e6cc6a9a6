import type { OrderSnapshot } from './domain/snapshot';
import type { OrderWorkflowInput } from './messages';
import { runOrder, type ChannelWork } from './order-runtime';
import { afterSales } from './stages/after-sales';
import { confirmationReturn, deliveryEstimate } from './stages/confirmation';
import { deposit } from './stages/deposit';
import { delayNotices } from './stages/follow-up';
import { intake } from './stages/intake';
import { production, productionNotice } from './stages/production';
import { invoiceDue, receivables } from './stages/receivables';
import { putAway, release, shippingRequestChase } from './stages/release';
import { priceReview, productionApproval, supervisorApproval, technicalReview } from './stages/review';
import { ship } from './stages/shipping';
import { arrivalOverdue, overdueOrders, repNotices, stalledProgress } from './stages/watch';

/**
 * The standard sales order (domain.md §4, documents 001 and 002), from intake to sign-off and
 * after-sales. Its route (which stage follows which, and what each waits for) is data in
 * domain/route.ts; here is what OrderFlow does while the order is in each stage: tell the people
 * who owe the next step, and run the stage's clocks until the order moves on.
 */
export const standardWork: ChannelWork = {
  stages: {
    intake, // 2-hour first confirmation
    'technical-review': technicalReview,
    'price-review': priceReview,
    'supervisor-approval': supervisorApproval, // large or custom orders
    'delivery-estimate': deliveryEstimate,
    'confirmation-return': confirmationReturn, // late return moves the promised date
    deposit, // daily reminders until it arrives
    'production-approval': productionApproval, // asked for at confirmation; production waits for it
    'production-notice': productionNotice,
    production, // technical order in 2–3 days, weekly progress
    'put-away': putAway,
    release, // class A at once, B and C after the balance
    shipping: ship,
    'after-sales': afterSales, // complaints until the warranty ends, then archive
  },
  // Beside whatever stage the order is in; the money side lines only on orders with a ledger.
  sideLines: [delayNotices, shippingRequestChase, receivables, invoiceDue, overdueOrders, stalledProgress, arrivalOverdue, repNotices],
};

export async function standardOrder(input: OrderWorkflowInput): Promise<OrderSnapshot> {
  return runOrder(input, standardWork);
}
