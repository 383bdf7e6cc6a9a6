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
 * The goods are finished when they are put away as finished goods (成品入库): production's promise
 * (交期) is kept by then; release and shipping have clocks of their own. A channel without put-away
 * finishes when it ships.
 */
export const finishedAt = (s: OrderState): string | undefined => s.facts.stockedAt ?? s.facts.shippedAt;

/** Whether the overdue clock watches the order: it has a promised date and its goods are not finished. */
export const unfinishedWithPromise = (s: OrderState) => s.promisedDate !== undefined && finishedAt(s) === undefined;

/** When a company date ends (the company's midnight after it): an order not finished by the promised date's end is late. */
export const dateEnds = (s: OrderState, date: IsoDate) => startOfDate(addCalendarDays(date, 1), calendarOf(s).timeZone);

/** How days late are counted: as the overdue clock's policy says (working days for orders that predate it, as the read model counts them). */
export const lateDayKind = (s: OrderState): DayKind => watchPolicy(s, 'overdue')?.dayKind ?? 'working';

/**
 * Days late (延期天数): company days after the promised date up to the day the goods were finished,
 * or up to `at` while they are not; 0 when not past the promised date. Computed where it is read,
 * so that no clock has to tick every midnight to keep a count.
 */
export function daysLate(s: OrderState, at: number): number {
  if (!s.promisedDate) return 0;
  const finished = finishedAt(s);
  const through = dateAt(finished ? Date.parse(finished) : at, calendarOf(s).timeZone);
  return daysAfter(s.promisedDate, through, lateDayKind(s), calendarOf(s));
}

/** The company midnight at which an order promised for `promised` and not finished becomes `days` days late. */
export function lateByAt(s: OrderState, promised: IsoDate, days: number): number {
  const { timeZone } = calendarOf(s);
  return startOfDate(addDays(promised, days, lateDayKind(s), calendarOf(s)), timeZone);
}

/**
 * Brings the order's lateness up to `at`: late once the promised date has ended before the goods
 * were finished; no longer late when the promised date moved past `at`'s date (a delay, a late
 * return, an amendment). A late order whose date moved to another past date stays late, and the
 * supervisor is told again only of a new date.
 */
export function reconcileLateness(s: OrderState, at: number): void {
  if (!s.promisedDate || at < dateEnds(s, s.promisedDate)) {
    if (s.overdue) {
      record(s, new Date(at).toISOString(), {
        kind: 'date-change',
        type: 'overdue',
        detail: `no longer late: promised date now ${s.promisedDate ?? 'none'}`,
      });
      delete s.overdue;
    }
    return;
  }
  if (s.overdue?.promisedDate !== s.promisedDate) s.overdue = { promisedDate: s.promisedDate, escalated: false };
}

/** The company midnight that begins the `days`-th day of the given kind after `at`'s date. */
export function daysLaterMidnight(s: OrderState, at: number, kind: DayKind, days = 1): number {
  const { timeZone } = calendarOf(s);
  return startOfDate(addDays(dateAt(at, timeZone), days, kind, calendarOf(s)), timeZone);
}
