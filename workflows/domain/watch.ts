import { addCalendarDays, addDays, dateAt, daysAfter, startOfDate, type DayKind } from './calendar';
import type { IsoDate } from './order';
import type { Policy } from './policy';
import { calendarOf, record, type OrderState } from './state';

// Watching orders (domain.md §5, §6): overdue against the promised date, stalled progress, the
// expected arrival. Pure: the clocks in stages/watch.ts call these with the workflow's time.

/** A watch clock's policy; absent in orders that started before the clock existed (they keep the rules they started with). */
export function watchPolicy<K extends 'overdue' | 'stalledProgress' | 'arrivalOverdue'>(
  s: OrderState,
  key: K,
): Policy['clocks'][K] | undefined {
  return s.policy.clocks[key] as Policy['clocks'][K] | undefined;
}

/**
 * The goods are finished when QC passes them (检验合格): the promised date is production's
 * finished date (交期), and what follows (put-away, release, shipping) is the warehouse's and
 * finance's, with clocks of their own.
 */
export const finishedAt = (s: OrderState): string | undefined => s.facts.qcPassedAt;

/** Whether the overdue clock watches the order: it has a promised date and its goods are not finished. */
export const unfinishedWithPromise = (s: OrderState) => s.promisedDate !== undefined && finishedAt(s) === undefined;

/** When a company date ends (the company's midnight after it): an order not finished by the promised date's end is late. */
export const dateEnds = (s: OrderState, date: IsoDate) => startOfDate(addCalendarDays(date, 1), calendarOf(s).timeZone);

/** Days after the promised date up to and including the company date at `at`, counted as the policy says. */
export function daysLateAt(s: OrderState, at: number): number {
  const policy = watchPolicy(s, 'overdue');
  if (!policy || !s.promisedDate) return 0;
  return daysAfter(s.promisedDate, dateAt(at, calendarOf(s).timeZone), policy.dayKind, calendarOf(s));
}

/**
 * Brings the order's lateness up to `at`: late once the promised date has ended before the goods
 * were finished, by the days counted since; no longer late when the promised date moved past
 * `at`'s date. Returns the days late before, so that the caller can tell who a new threshold concerns.
 */
export function countDaysLate(s: OrderState, at: number): number {
  const before = s.overdue?.daysLate ?? 0;
  if (!s.promisedDate || at < dateEnds(s, s.promisedDate)) {
    if (s.overdue) {
      record(s, new Date(at).toISOString(), {
        kind: 'date-change',
        type: 'overdue',
        detail: `no longer late: promised date now ${s.promisedDate ?? 'none'}`,
      });
      delete s.overdue;
    }
    return before;
  }
  s.overdue = { promisedDate: s.promisedDate, daysLate: daysLateAt(s, at) };
  return before;
}

/** The company midnight that begins the `days`-th day of the given kind after `at`'s date. */
export function daysLaterMidnight(s: OrderState, at: number, kind: DayKind, days = 1): number {
  const { timeZone } = calendarOf(s);
  return startOfDate(addDays(dateAt(at, timeZone), days, kind, calendarOf(s)), timeZone);
}
