import { counting, ladder, runClock } from '../clock';
import type { OrderState } from '../domain/state';
import { escalate } from './notices';

/** 接单: the order desk's first confirmation within 2 hours of receipt, or the supervisor hears of it (001). */
export async function intake(s: OrderState) {
  const { after, to, dayKind } = s.policy.clocks.firstConfirmation;
  await runClock(
    s,
    'first-confirmation',
    () => s.facts.confirmedAt !== undefined,
    ladder(counting(s, dayKind), Date.parse(s.receivedAt), [
      {
        after,
        action: `escalate to ${to}`,
        fire: () =>
          escalate(s, 'first-confirmation', to, {
            zh: `订单收到后 ${after}内未确认`,
            en: `order not confirmed within ${after} of receipt`,
          }),
      },
    ]),
  );
}
