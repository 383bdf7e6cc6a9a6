import { condition } from '@temporalio/workflow';
import { every, runClock } from '../clock';
import { balanceDue, shipsBeforeBalance, type OrderState } from '../domain/state';
import { remind, tell } from './notices';

/** 检验 / 入库: goods that passed QC go into the warehouse. Status 待发货. */
export async function putAway(s: OrderState) {
  tell(s, 'put-away', 'warehouse', 'QC passed: put the goods away');
}

/**
 * 收款发货: class A ships on its agreement terms; B and C get the balance-due notice (余款催收告知书)
 * and ship only once finance confirms the balance. No shipment without a shipping request, unless
 * a supervisor releases in an emergency (the request is then chased, see shippingRequestChase).
 */
export async function release(s: OrderState) {
  const paid = () => shipsBeforeBalance(s) || balanceDue(s) === 0;
  if (paid()) return;
  tell(s, 'balance-due-notice', 'customer', `balance due before shipping: ${balanceDue(s)} fen`);
  const { every: interval, to } = s.policy.clocks.balanceReminder;
  await runClock(
    s,
    'balance-reminder',
    paid,
    every(Date.now(), interval, `remind ${to.join(', ')}`, (n) =>
      remind(s, 'balance-reminder', to, `balance of ${balanceDue(s)} fen not received (reminder ${n})`),
    ),
  );
}

/** After an emergency release, the missing shipping request (手工单后补) is chased until it arrives. */
export async function shippingRequestChase(s: OrderState) {
  const missing = () => s.facts.emergencyRelease !== undefined && s.facts.shippingRequestRef === undefined;
  await condition(missing);
  const { every: interval, to } = s.policy.clocks.shippingRequestChase;
  await runClock(
    s,
    'shipping-request-chase',
    () => !missing(),
    every(Date.parse(s.facts.emergencyRelease!.at), interval, `remind ${to.join(', ')}`, (n) =>
      remind(s, 'shipping-request-chase', to, `shipping request still missing after the emergency release (reminder ${n})`),
    ),
  );
}
