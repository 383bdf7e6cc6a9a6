import { condition } from '@temporalio/workflow';
import { now } from '../clock';
import { isCustom, isLarge, moveTo, type OrderState } from '../domain/state';
import { tell } from './notices';

/**
 * 初审 / 技术确认: technical decides feasibility (an infeasible order waits for an alternative the
 * customer accepts), and technical and purchasing confirm materials in writing, which fixes the lead time.
 */
export async function technicalReview(s: OrderState) {
  moveTo(s, now(), 'technical-review');
  tell(s, 'technical-review', 'technical', 'non-standard lines: decide feasibility and confirm materials in writing');
  await condition(() => s.facts.feasible === true && s.facts.materialsConfirmationRef !== undefined);
}

/** 大样图: drawings are sent and confirmed by the customer, revised as often as asked. */
export async function drawings(s: OrderState) {
  moveTo(s, now(), 'drawings');
  await condition(() => s.facts.drawing?.state === 'confirmed');
}

/** 价格审核: finance checks the price against the price policy; a dispute goes to the sales manager. */
export async function priceReview(s: OrderState) {
  moveTo(s, now(), 'price-review');
  tell(s, 'price-review', 'finance', 'check the order price against the price policy');
  await condition(() => s.facts.priceApproved === true);
}

/** Large or custom orders need a supervisor's approval before production (001). */
export async function supervisorApproval(s: OrderState) {
  moveTo(s, now(), 'supervisor-approval');
  const why = [isLarge(s) && 'large', isCustom(s) && 'custom'].filter(Boolean).join(' and ');
  tell(s, 'approval-needed', 'supervisor', `${why} order: approve before production`);
  await condition(() => s.facts.supervisorApproved === true);
}
