import { afterSales } from './stages/after-sales';
import { confirmationAndReturn, deliveryEstimate } from './stages/confirmation';
import { deposit } from './stages/deposit';
import { delayNotices } from './stages/follow-up';
import { intake } from './stages/intake';
import { production, productionNotice } from './stages/production';
import { putAway, release, shippingRequestChase } from './stages/release';
import { drawings, priceReview, supervisorApproval, technicalReview } from './stages/review';
import { ship, signOff } from './stages/shipping';
import { isCustom, needsSupervisor, type OrderState } from './domain/state';
import type { OrderSnapshot } from './domain/snapshot';
import type { OrderWorkflowInput } from './messages';
import { besideTheMainLine, runOrder } from './order-runtime';

/**
 * The standard sales order (domain.md §4, documents 001 and 002), from intake to sign-off and
 * after-sales. Read it as the documents' flow chart; each stage waits on people and runs its clocks.
 */
export async function standardOrder(input: OrderWorkflowInput): Promise<OrderSnapshot> {
  return runOrder(input, async (s: OrderState) => {
    // Side lines, beside whatever stage the order is in.
    besideTheMainLine(delayNotices(s));
    besideTheMainLine(shippingRequestChase(s));
    // A continued-as-new order resumes where it continued: only after-sales continues as new.
    if (s.stage === 'after-sales') return afterSales(s);

    await intake(s); // 2-hour first confirmation
    if (isCustom(s)) {
      await technicalReview(s);
      await drawings(s);
    }
    await priceReview(s);
    if (needsSupervisor(s)) await supervisorApproval(s);
    await deliveryEstimate(s);
    await confirmationAndReturn(s); // late return moves the promised date
    if (s.depositDue > 0) await deposit(s);
    await productionNotice(s);
    await production(s); // technical order in 2–3 days, weekly progress, QC and rework
    await putAway(s);
    await release(s); // class A at once, B and C after the balance; emergency release
    await ship(s);
    await signOff(s);
    await afterSales(s); // complaints until the warranty ends, then archive
  });
}
