import { approvalSubject, type OrderState } from '../domain/state';
import { tell } from './notices';

/**
 * 初审 / 技术确认: technical decides feasibility (an infeasible order waits for an alternative the
 * customer accepts), and technical and purchasing confirm materials in writing, which fixes the lead time.
 */
export async function technicalReview(s: OrderState) {
  tell(s, 'technical-review', 'technical', {
    zh: '非标产品：请判断可行性并书面确认材料',
    en: 'non-standard lines: decide feasibility and confirm materials in writing',
  });
}

/** 价格审核: finance checks the price against the price policy; a dispute goes to the sales manager. */
export async function priceReview(s: OrderState) {
  tell(s, 'price-review', 'finance', { zh: '请按价格政策审核订单价格', en: 'check the order price against the price policy' });
}

/** Large or custom orders need a supervisor's approval before production (001): in line after the price review, for orders started before it ran beside. */
export async function supervisorApproval(s: OrderState) {
  const subject = approvalSubject(s);
  tell(s, 'approval-needed', 'supervisor', { zh: `${subject.zh}：生产前请审批`, en: `${subject.en}: approve before production` });
}

/** Production waits for the supervisor's approval asked for at confirmation: the supervisor hears that it now holds production. */
export async function productionApproval(s: OrderState) {
  const subject = approvalSubject(s);
  tell(s, 'approval-needed', 'supervisor', {
    zh: `${subject.zh}已可投产：生产等待您的审批`,
    en: `${subject.en} ready for production: production waits for your approval`,
  });
}
