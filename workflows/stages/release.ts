import { condition } from '@temporalio/workflow';
import { counting, every, runClock } from '../clock';
import { stageLabels } from '../domain/labels';
import { totalsOf } from '../domain/ledger';
import { routeTakes } from '../domain/route';
import { creditApprovalPending, dueBeforeShipping, overLimit, releasable, type OrderState, type Stage } from '../domain/state';
import { balanceNotReceived, remind, tell } from './notices';

/** 检验 / 入库: goods that passed QC go into the warehouse. Status 待发货. */
export async function putAway(s: OrderState) {
  tell(s, 'put-away', 'warehouse', { zh: '质检合格：请入库', en: 'QC passed: put the goods away' });
}

/**
 * 收款发货: the goods ship once the instalments due before shipping are paid (class A on its terms,
 * B and C after the balance, by default); until then the customer has the balance-due notice
 * (余款催收告知书, with any compensation deducted) and sales and finance are reminded. No shipment
 * without a shipping request, unless a supervisor releases in an emergency (the request is then
 * chased, see shippingRequestChase). `before` names what the balance comes before, in the customer's words.
 */
export async function release(s: OrderState, before: Extract<Stage, 'shipping' | 'installation'> = 'shipping') {
  // The goods are ready: a class A order over the credit limit still waits for the supervisor's credit approval.
  // (A channel whose route takes no credit approval, the distributor's, is paid in full before release instead.)
  if (creditApprovalPending(s) && routeTakes(s, 'credit-approved')) {
    const over = overLimit(s);
    tell(s, 'credit-approval-needed', 'supervisor', { zh: `货物待发：${over.zh}`, en: `goods ready to ship: ${over.en}` });
  }
  const paid = () => releasable(s);
  if (paid()) return;
  const compensation = s.ledger ? totalsOf(s, s.ledger).compensation : 0;
  tell(s, 'balance-due-notice', 'customer', {
    zh: `${stageLabels[before].zh}前应付余款：${dueBeforeShipping(s)} fen${compensation > 0 ? `（已扣补偿 ${compensation} fen）` : ''}`,
    en: `balance due before ${before}: ${dueBeforeShipping(s)} fen${compensation > 0 ? ` (after ${compensation} fen compensation)` : ''}`,
  });
  const { every: interval, to, dayKind } = s.policy.clocks.balanceReminder;
  await runClock(
    s,
    'balance-reminder',
    paid,
    every(counting(s, dayKind), Date.now(), interval, `remind ${to.join(', ')}`, (n) =>
      remind(s, 'balance-reminder', to, balanceNotReceived(dueBeforeShipping(s), n)),
    ),
  );
}

/** After an emergency release, the missing shipping request (手工单后补) is chased until it arrives. */
export async function shippingRequestChase(s: OrderState) {
  const missing = () => shippingRequestMissing(s);
  await condition(missing);
  const { every: interval, to, dayKind } = s.policy.clocks.shippingRequestChase;
  await runClock(
    s,
    'shipping-request-chase',
    () => !missing(),
    every(counting(s, dayKind), Date.parse(s.facts.emergencyRelease!.at), interval, `remind ${to.join(', ')}`, (n) =>
      remind(s, 'shipping-request-chase', to, {
        zh: `紧急放行后仍未补发货申请（第 ${n} 次提醒）`,
        en: `shipping request still missing after the emergency release (reminder ${n})`,
      }),
    ),
  );
}

const shippingRequestMissing = (s: OrderState) => s.facts.emergencyRelease !== undefined && s.facts.shippingRequestRef === undefined;
shippingRequestChase.wakesWhen = shippingRequestMissing;
