import { condition } from '@temporalio/workflow';
import { patched } from '../patches';
import { runClock } from '../clock';
import { localDateTime, sameTimeDaysLater } from '../domain/calendar';
import { durationMs } from '../domain/duration';
import { choiceZh } from '../domain/field-labels';
import { dayKindLabels, shippingModeLabels } from '../domain/labels';
import { calendarOf, shippingMode, type OrderState, type Sentence } from '../domain/state';
import {
  dateEnds,
  finishedAt,
  daysLate,
  daysLaterMidnight,
  lateByAt,
  reconcileLateness,
  unfinishedWithPromise,
  watchPolicy,
} from '../domain/watch';
import { escalate, remind, tell } from './notices';

// The company's watch over its orders (domain.md §5, §6), beside whatever stage the order is in:
// overdue against the promised date, progress that stalls, an expected arrival without a
// signature. Each clock counts company days as its policy says (calendar or working days).

/**
 * The patch under which an order runs these clocks: an order whose policy has them but whose
 * history was written by a worker without them (a rolling deploy) replays as it ran.
 */
export const WATCH_CLOCKS = 'watch-clocks';
/** The patch under which the order's rep hears of finished goods, shipping and complaints. */
export const REP_NOTICES = 'rep-notices';

/**
 * 逾期: at the end of the promised date an order whose goods are not finished is late; the rep and
 * production hear at once, the supervisor once it is the policy's days late. Two due points, no
 * daily tick: days late are counted where they are read. A promised date that moves (a delay, a
 * late return, an amendment) starts the clock again from the new date.
 */
export async function overdueOrders(s: OrderState) {
  const policy = watchPolicy(s, 'overdue');
  if (!policy) return;
  const { dayKind, tell, escalateAfterDays, escalateTo } = policy;
  for (;;) {
    await condition(() => unfinishedWithPromise(s));
    const promised = s.promisedDate!;
    const movedOrFinished = () => s.promisedDate !== promised || !unfinishedWithPromise(s);
    if (patched(WATCH_CLOCKS)) {
      reconcileLateness(s, Date.now()); // a date moved past today ends the lateness
      const late = () => {
        const days = daysLate(s, Date.now());
        return {
          zh: `交期 ${promised} 已过仍未完工：已逾期 ${days} 个${dayKindLabels[dayKind].zh}`,
          en: `not finished by the promised date ${promised}: ${days} ${dayKind} day(s) late`,
        };
      };
      await runClock(s, 'overdue', movedOrFinished, () => {
        if (!s.overdue)
          return {
            dueAt: dateEnds(s, promised),
            action: `mark late and tell ${tell.join(', ')}`,
            fire: () => {
              reconcileLateness(s, Date.now());
              remind(s, 'overdue', tell, late());
            },
          };
        if (s.overdue.escalated) return undefined;
        return {
          dueAt: lateByAt(s, promised, escalateAfterDays),
          action: `escalate to ${escalateTo}`,
          fire: () => {
            s.overdue!.escalated = true;
            escalate(s, 'overdue', escalateTo, late());
          },
        };
      });
    }
    await condition(movedOrFinished);
  }
}

/**
 * 进度停滞: the weekly progress reminder (stages/production.ts) goes to the owner; progress still
 * not updated the policy's days after it is escalated, once for each stall.
 */
export async function stalledProgress(s: OrderState) {
  const policy = watchPolicy(s, 'stalledProgress');
  if (!policy) return;
  const { afterDays, dayKind, to } = policy;
  for (;;) {
    await condition(() => inProduction(s));
    const last = s.facts.lastProgressAt;
    const reportedOrMovedOn = () => !inProduction(s) || s.facts.lastProgressAt !== last;
    // The last report as the company's people read a time: its date and time of day in the company's zone.
    const since = last === undefined ? undefined : localDateTime(Date.parse(last), calendarOf(s).timeZone);
    if (patched(WATCH_CLOCKS)) {
      const remindedAt = Date.parse(last ?? s.facts.productionNoticeAt!) + durationMs(s.policy.clocks.progressUpdate.every);
      await runClock(s, 'stalled-progress', reportedOrMovedOn, (firings) =>
        firings > 0
          ? undefined
          : {
              dueAt: sameTimeDaysLater(remindedAt, afterDays, dayKind, calendarOf(s)),
              action: `escalate to ${to}`,
              fire: () =>
                escalate(s, 'stalled-progress', to, {
                  zh: `自${since ? ` ${since} ` : '生产通知单下达'}起未报告进度，提醒负责人后又过了 ${afterDays} 个${dayKindLabels[dayKind].zh}`,
                  en: `no progress reported since ${since ?? 'the production notice'}, ${afterDays} ${dayKind} day(s) after the owner was reminded`,
                }),
            },
      );
    }
    await condition(reportedOrMovedOn);
  }
}

/** 到货: the expected arrival ended without the customer's signature: the warehouse and the rep are reminded until it comes. */
export async function arrivalOverdue(s: OrderState) {
  const policy = watchPolicy(s, 'arrivalOverdue');
  if (!policy) return;
  const signed = () => s.facts.signedForAt !== undefined;
  await condition(() => arrivalExpectedOrSigned(s));
  if (signed() || !patched(WATCH_CLOCKS)) return;
  const arrival = s.facts.expectedArrival!;
  const { everyDays, dayKind, to } = policy;
  await runClock(s, 'arrival-overdue', signed, (firings) => ({
    dueAt: firings === 0 ? dateEnds(s, arrival) : daysLaterMidnight(s, Date.now(), dayKind, everyDays),
    action: `remind ${to.join(', ')}`,
    fire: () =>
      remind(s, 'arrival-overdue', to, {
        zh: `预计到货日 ${arrival} 已过，客户仍未签收（第 ${firings + 1} 次提醒）`,
        en: `expected arrival ${arrival} passed without the customer's signature (reminder ${firings + 1})`,
      }),
  }));
}

/**
 * The order's own sales rep hears of what the customer will ask about (001 ch.3, ch.6): the goods
 * finished (QC passed), shipped, and each complaint; late is the overdue clock's. Notices to the
 * rep carry the rep's id (the role is the fallback: domain/state.ts notify).
 */
export async function repNotices(s: OrderState) {
  const news: { happened: () => boolean; type: string; said: () => Sentence }[] = [
    {
      happened: () => finishedAt(s) !== undefined,
      type: 'goods-finished',
      said: () => ({ zh: '货物已完工：已入库', en: 'goods finished: put away in the warehouse' }),
    },
    {
      happened: () => s.facts.shippedAt !== undefined,
      type: 'shipped',
      said: () => {
        const arrival = s.facts.expectedArrival;
        return {
          zh: `已${shippingModeLabels[shippingMode(s)].zh}发货${arrival ? `，预计 ${arrival} 到货` : ''}`,
          en: `shipped by ${shippingMode(s)}${arrival ? `, expected to arrive ${arrival}` : ''}`,
        };
      },
    },
  ];
  // Each told once; what happened before this run began was told in an earlier one.
  const told = new Set(news.filter((n) => n.happened()).map((n) => n.type));
  const fresh = () => news.filter((n) => n.happened() && !told.has(n.type));
  let complaintsTold = s.complaints.length;
  for (;;) {
    await condition(() => fresh().length > 0 || s.complaints.length > complaintsTold);
    const due = fresh();
    const complaints = s.complaints.slice(complaintsTold);
    for (const n of due) told.add(n.type);
    complaintsTold = s.complaints.length;
    if (!patched(REP_NOTICES)) continue;
    for (const n of due) tell(s, n.type, 'sales-rep', n.said());
    for (const c of complaints)
      tell(s, 'complaint', 'sales-rep', {
        zh: `您的客户提出第 ${c.number} 号投诉（${choiceZh(c.category)}）：${c.description}`,
        en: `complaint ${c.number} (${c.category}) from your customer: ${c.description}`,
      });
  }
}

overdueOrders.wakesWhen = unfinishedWithPromise;
const inProduction = (s: OrderState) => s.stage === 'production';
stalledProgress.wakesWhen = inProduction;
const arrivalExpectedOrSigned = (s: OrderState) => s.facts.expectedArrival !== undefined || s.facts.signedForAt !== undefined;
arrivalOverdue.wakesWhen = arrivalExpectedOrSigned;
