import type { IsoDate } from './order';
import { durationMs } from './duration';

// The company's calendar: days end at midnight in its time zone (China Standard Time by default),
// working days and holidays come from the policy. Pure functions over epoch milliseconds, so the
// workflow can use them with its deterministic clock.

export interface CompanyCalendar {
  timeZone: string;
  /** ISO weekdays that are working days, 1 = Monday … 7 = Sunday. */
  workingDays: readonly number[];
  holidays: readonly IsoDate[];
  /** Extra working days on weekends (调休). */
  workdays: readonly IsoDate[];
}

const DAY = 24 * 3600 * 1000;

// One formatter per zone: constructing an Intl.DateTimeFormat costs far more than using one.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

type Parts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

// The same instants come back again and again (an order's dates and day boundaries, read in every condition the
// workflow evaluates), and formatting one costs far more than looking it up: the last few thousand are kept
// (shared by the worker's workflows, scripts/bundle-workflows.ts). The parts depend on the second, not the millisecond.
const recentParts = new Map<string, Parts>();
const recentPartsKept = 4096;

function parts(at: number, timeZone: string): Parts {
  const key = `${Math.floor(at / 1000)} ${timeZone}`;
  let p = recentParts.get(key);
  if (!p) {
    const fields = formatterFor(timeZone).formatToParts(new Date(at));
    const get = (type: string) => Number(fields.find((f) => f.type === type)?.value);
    p = { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
    if (recentParts.size >= recentPartsKept) recentParts.clear();
    recentParts.set(key, p);
  }
  return p;
}

/** Offset of the zone from UTC at an instant, in milliseconds. */
function offsetMs(at: number, timeZone: string): number {
  const p = parts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** The company date (YYYY-MM-DD) at an instant. */
export function dateAt(at: number, timeZone: string): IsoDate {
  const p = parts(at, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The company's date and time of day (YYYY-MM-DD HH:MM) at an instant, as its people read it. */
export function localDateTime(at: number, timeZone: string): string {
  const p = parts(at, timeZone);
  return `${dateAt(at, timeZone)} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** The instant a company date begins (its midnight in the company's zone). */
export function startOfDate(date: IsoDate, timeZone: string): number {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  // Two passes settle the offset even on a day whose offset changes (daylight saving).
  let at = utcMidnight - offsetMs(utcMidnight, timeZone);
  at = utcMidnight - offsetMs(at, timeZone);
  return at;
}

export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

export function isWorkingDay(date: IsoDate, calendar: CompanyCalendar): boolean {
  if (calendar.workdays.includes(date)) return true;
  if (calendar.holidays.includes(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
  return calendar.workingDays.includes(weekday);
}

/** Moves a date by `days` working days (weekends and holidays skipped). */
export function addWorkingDays(date: IsoDate, days: number, calendar: CompanyCalendar): IsoDate {
  let result = date;
  for (let left = days; left > 0;) {
    result = addCalendarDays(result, 1);
    if (isWorkingDay(result, calendar)) left--;
  }
  return result;
}

/** How a clock counts days (each clock says so in the policy): every calendar day, or working days only. */
export type DayKind = 'calendar' | 'working';

/** Moves a date by `days` company days of the given kind. */
export function addDays(date: IsoDate, days: number, kind: DayKind, calendar: CompanyCalendar): IsoDate {
  return kind === 'working' ? addWorkingDays(date, days, calendar) : addCalendarDays(date, days);
}

/** Company days of the given kind after `from`, up to and including `to`: 0 when `to` is not after `from`. */
export function daysAfter(from: IsoDate, to: IsoDate, kind: DayKind, calendar: CompanyCalendar): number {
  let count = 0;
  for (let day = addCalendarDays(from, 1); day <= to; day = addCalendarDays(day, 1)) {
    if (kind === 'calendar' || isWorkingDay(day, calendar)) count++;
  }
  return count;
}

/**
 * `times` × `duration` after `at`, as a clock of the given kind counts it: calendar time, or, for
 * working days, its whole days as working days at the same company time of day (weekends and
 * holidays skipped) and the hours beyond them as they are.
 */
export function laterBy(at: number, duration: string, kind: DayKind, calendar: CompanyCalendar, times = 1): number {
  const ms = durationMs(duration) * times;
  if (kind === 'calendar') return at + ms;
  const days = Math.floor(ms / DAY_MS);
  return sameTimeDaysLater(at, days, 'working', calendar) + (ms - days * DAY_MS);
}

const DAY_MS = 24 * 3600 * 1000;

/** The same company time of day, `days` company days of the given kind later. */
export function sameTimeDaysLater(at: number, days: number, kind: DayKind, calendar: CompanyCalendar): number {
  const date = dateAt(at, calendar.timeZone);
  return startOfDate(addDays(date, days, kind, calendar), calendar.timeZone) + (at - startOfDate(date, calendar.timeZone));
}
