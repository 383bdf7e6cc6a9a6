import { condition } from '@temporalio/workflow';
import { counting, every, ladder, runClock } from '../clock';
import type { Fact } from '../domain/route';
import type { OrderState, Sentence } from '../domain/state';
import { escalate, remind, tell } from './notices';

/** 生产通知单: finance stamps the production notice, production signs it, technical gets a copy. */
export async function productionNotice(s: OrderState) {
  tell(s, 'production-notice', 'finance', { zh: '请在生产通知单上盖章', en: 'stamp the production notice' });
}

/**
 * 生产 and follow-up, until QC passes the goods (a failure sends them back to rework): the
 * technical order within 2–3 days of the notice, and progress updated at least weekly.
 */
export async function production(s: OrderState) {
  // Finished goods a confirmed change sent back: production and technical were told with the change.
  if (!s.amendments.some((a) => a.rework))
    tell(s, 'production-notice', 'technical', {
      zh: '生产通知单已下达：请将图纸转为技术单',
      en: 'production notice issued: turn the drawings into the technical order',
    });
  await Promise.all([technicalOrders(s), progressUpdates(s, s.facts.productionNoticeAt!)]);
}

/** The technical order, and each revised one a confirmed change to the drawings asks for, on the same clock. */
async function technicalOrders(s: OrderState) {
  for (;;) {
    await technicalOrder(s);
    await condition(() => s.facts.technicalOrderAt !== undefined);
    await condition(() => s.facts.technicalOrderAt === undefined);
  }
}
/** Both clocks count from the production notice. */
production.needs = ['productionNoticeAt'] satisfies Fact[];

/** 技术下单: remind technical after 2 days, escalate after 3 (000), from the notice or the change that revised the drawings. */
async function technicalOrder(s: OrderState) {
  const since = s.facts.technicalOrderRevisedFrom
    ? { zh: '图纸变更确认', en: 'the confirmed change to the drawings' }
    : { zh: '生产通知单下达', en: 'the production notice' };
  await technicalOrderClock(s, s.facts.technicalOrderRevisedFrom ?? s.facts.productionNoticeAt!, since);
}

/** The technical order's clock from `from` (what it counts from is `since`, in words). */
export async function technicalOrderClock(s: OrderState, from: string, since: Sentence) {
  const late = (within: string) => ({
    zh: `${since.zh}后 ${within}内未下技术单`,
    en: `technical order not issued within ${within} of ${since.en}`,
  });
  const { remindAfter, remindTo, escalateAfter, escalateTo, dayKind } = s.policy.clocks.technicalOrder;
  await runClock(
    s,
    'technical-order',
    () => s.facts.technicalOrderAt !== undefined,
    ladder(counting(s, dayKind), Date.parse(from), [
      {
        after: remindAfter,
        action: `remind ${remindTo}`,
        fire: () => remind(s, 'technical-order', [remindTo], late(remindAfter)),
      },
      {
        after: escalateAfter,
        action: `escalate to ${escalateTo}`,
        fire: () => escalate(s, 'technical-order', escalateTo, late(escalateAfter)),
      },
    ]),
  );
}

/** The sales side updates the order at least weekly (001), from `since` (an instant): each report restarts the clock. */
export async function progressUpdates(s: OrderState, since: string) {
  const { every: interval, to, dayKind } = s.policy.clocks.progressUpdate;
  for (;;) {
    const last = s.facts.lastProgressAt;
    await runClock(
      s,
      'progress-update',
      () => s.facts.lastProgressAt !== last,
      every(counting(s, dayKind), Date.parse(last ?? since), interval, `remind ${to.join(', ')}`, (n) =>
        remind(s, 'progress-update', to, { zh: `已 ${n} × ${interval}未报告生产进度`, en: `no progress reported for ${n} × ${interval}` }),
      ),
    );
  }
}
