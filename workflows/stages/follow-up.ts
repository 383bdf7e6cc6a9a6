import { condition } from '@temporalio/workflow';
import { counting, ladder, runClock } from '../clock';
import { untoldDelay, type OrderState } from '../domain/state';
import { escalate } from './notices';

/** A delay is told to the customer within 24 hours, or escalated (001). Runs beside the main line. */
export async function delayNotices(s: OrderState) {
  for (;;) {
    await condition(() => delayUntold(s));
    const delay = untoldDelay(s)!;
    const { after, to, dayKind } = s.policy.clocks.delayNotice;
    await runClock(
      s,
      'delay-notice',
      () => delay.toldAt !== undefined,
      ladder(counting(s, dayKind), Date.parse(delay.reportedAt), [
        {
          after,
          action: `escalate to ${to}`,
          fire: () =>
            escalate(s, 'delay-notice', to, {
              zh: `延期未在 ${after}内告知客户：${delay.reason}`,
              en: `delay not told to the customer within ${after}: ${delay.reason}`,
            }),
        },
      ]),
    );
    await condition(() => delay.toldAt !== undefined);
  }
}

const delayUntold = (s: OrderState) => untoldDelay(s) !== undefined;
delayNotices.wakesWhen = delayUntold;
