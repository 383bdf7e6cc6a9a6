import type { CompanyCalendar } from '../domain/calendar';
import type { Role } from '../domain/order';
import type { SalesStandards } from '../domain/sales-pipeline';

// The company's reports (domain.md §6), as the report workflow, its activities, the read model and
// the API share them. Plain types: the workflow bundle carries no zod (client/reports-policy.ts
// holds the schema the policy file is checked with).

export const reportKinds = [
  'daily-tracking',
  'supervisor-daily',
  'weekly',
  'monthly',
  // 团订 sales pipeline
  'group-sales-daily',
  // group order channel (团订, 003): the group-sales manager's Monday report of group orders
  'group-weekly',
] as const;
/**
 * 生产进度跟踪表 at 17:30, 主管每日检查, 周报 on Monday morning, 月度全面检查; 团订日报 before 09:00 for the day before;
 * 团订周报 (group orders only) on Monday morning.
 */
export type ReportKind = (typeof reportKinds)[number];

/** When a report's schedule fires, in the company's time zone. */
export interface ReportTiming {
  /** HH:MM, company time. */
  at: string;
  /** ISO weekdays (1 = Monday); none: the calendar's working days. Ignored with `dayOfMonth`. */
  weekdays?: number[];
  /** A day of the month instead of weekdays (the monthly check: 1, for the month before). */
  dayOfMonth?: number;
}

export interface ReportPolicy {
  schedule: ReportTiming;
  /** Who gets the report's notice. */
  to: Role[];
  /**
   * A run that falls on a day off in the company calendar (a holiday added after the schedule was
   * made, or a weekend): `skip` it, recorded as skipped (the daily reports), or report at the same
   * time on the next working day, for the same period (the weekly and monthly ones).
   */
  onDayOff: 'skip' | 'next-working-day';
}

/** The reports' part of the policy file (key `reports`): when each runs, who gets it, and the supervisor's thresholds. */
export interface ReportsPolicy {
  kinds: Record<ReportKind, ReportPolicy>;
  /** The daily tracking's missing entries go to the order desk's manager (销售经理). */
  missingEntriesTo: Role[];
  /** Progress not updated in time: no progress entry for this long while in production (ISO-8601). */
  progressStaleAfter: string;
  /** A delay told to the customer later than this after it was reported is a delay not told (ISO-8601). */
  delayToldWithin: string;
  /** 团订 sales pipeline: the group sales department's standards the morning summary checks each rep against. */
  groupSales: SalesStandards;
}

/** What a report run reads when it starts: the calendar and the reports' policy as the worker has them now. */
export interface ReportSettings {
  calendar: CompanyCalendar;
  reports: ReportsPolicy;
}

export type ColumnType = 'text' | 'int' | 'fen' | 'date' | 'datetime' | 'percent';

export interface ReportColumn {
  key: string;
  /** 中文 first, the English after it: what the CSV and XLSX headers show. */
  title: string;
  type: ColumnType;
}

export type Cell = string | number | null;

/** One table of a report: a worksheet in the XLSX, a block in the CSV. */
export interface ReportSheet {
  name: string;
  title: string;
  columns: ReportColumn[];
  rows: Record<string, Cell>[];
}

export interface Report {
  id: string;
  kind: ReportKind;
  title: string;
  /** The company date the report ran for. */
  runDate: string;
  /** The period it covers (company dates, both included). */
  periodFrom: string;
  periodTo: string;
  status: 'produced' | 'skipped';
  skipReason: string | null;
  createdAt: string;
  timeZone: string;
  /** The headline figures (counts; money in fen). */
  summary: Record<string, number | null>;
  sheets: ReportSheet[];
}

/** What the report workflow is started with (by its schedule, or by hand with the same arguments). */
export interface ReportRequest {
  kind: ReportKind;
}

export interface ReportOutcome {
  id: string;
  status: Report['status'];
  skipReason: string | null;
  notices: number;
}
