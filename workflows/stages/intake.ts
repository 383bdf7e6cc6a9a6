import { condition } from '@temporalio/workflow';
import { ladder, now, runClock } from '../clock';
import { moveTo, type OrderState } from '../domain/state';
import { escalate } from './notices';

/** 接单: the order desk's first confirmation within 2 hours of receipt, or the supervisor hears of it (001). */
export async function intake(s: OrderState) {
  moveTo(s, now(), 'intake');
  const confirmed = () => s.facts.confirmedAt !== undefined;
  const { after, to } = s.policy.clocks.firstConfirmation;
  await runClock(s, 'first-confirmation', confirmed, ladder(Date.parse(s.receivedAt), [
    { after, action: `escalate to ${to}`, fire: () => escalate(s, 'first-confirmation', to, `order not confirmed within ${after} of receipt`) },
  ]));
  await condition(confirmed);
}
