import fs from 'node:fs';
import { z } from 'zod';
import { IsoDuration } from '../workflows/domain/policy';
import { Role } from '../workflows/domain/order';
import type { ReportKind, ReportSettings, ReportsPolicy } from '../workflows/reports/types';
import { policyFor, type PolicyFile } from './channels';
import { issueList } from './issues';

// When the company's reports run and who gets them: the `reports` key of the policy file
// (ORDERFLOW_POLICY_FILE), beside the calendar they follow. The worker reads both when it creates
// the schedules, and each report run reads them again, so a holiday added to the file counts at once.

const Timing = z
  .object({
    at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, company time'),
    weekdays: z.array(z.int().min(1).max(7)).min(1).optional().describe("ISO weekdays; none: the calendar's working days"),
    dayOfMonth: z.int().min(1).max(28).optional(),
  })
  .strict();

const kind = (schedule: z.input<typeof Timing>, to: Role[], onDayOff: 'skip' | 'next-working-day') =>
  z
    .object({
      schedule: Timing.default(schedule),
      to: z.array(Role).min(1).default(to),
      onDayOff: z.enum(['skip', 'next-working-day']).default(onDayOff),
    })
    .strict()
    .prefault({});

export const ReportsPolicySchema = z
  .object({
    kinds: z
      .object({
        // 17:30 每日生产跟踪 on working days; the supervisor checks after it; the weekly report on Monday morning; the monthly check on the 1st.
        'daily-tracking': kind({ at: '17:30' }, ['order-desk', 'production'], 'skip'),
        'supervisor-daily': kind({ at: '18:00' }, ['supervisor'], 'skip'),
        weekly: kind({ at: '08:30', weekdays: [1] }, ['supervisor', 'order-desk', 'production'], 'next-working-day'),
        monthly: kind({ at: '08:00', dayOfMonth: 1 }, ['supervisor'], 'next-working-day'),
        // 团订 sales pipeline: the reps' lines of the working day before, to the group sales manager before 09:00 (003 §1.4).
        'group-sales-daily': kind({ at: '08:30' }, ['group-sales-manager'], 'skip'),
        // group order channel (团订, 003): the group-sales manager (团订部经理) reports group orders by Monday 10:00.
        'group-weekly': kind({ at: '08:30', weekdays: [1] }, ['group-sales-manager'], 'next-working-day'),
      } satisfies Record<ReportKind, unknown>)
      .prefault({}),
    missingEntriesTo: z.array(Role).min(1).default(['supervisor']),
    progressStaleAfter: IsoDuration.default('P7D'),
    delayToldWithin: IsoDuration.default('PT24H'),
    // 团订 sales pipeline: 流程标准 (003 §三) — 150+ prospects always, 3+ customers seen a day, 25+ effective activities a week.
    groupSales: z
      .object({
        pipelineAtLeast: z.int().min(0).default(150),
        visitsPerDayAtLeast: z.int().min(0).default(3),
        effectiveActivitiesPerWeekAtLeast: z.int().min(0).default(25),
      })
      .strict()
      .prefault({}),
  })
  .strict();

/** The calendar (the standard channel's, as new orders get it) and the reports' policy from a policy file. */
export function reportSettings(file: PolicyFile & { reports?: unknown } = {}): ReportSettings {
  const { reports, ...orders } = file;
  const parsed = ReportsPolicySchema.safeParse(reports ?? {});
  if (!parsed.success) {
    throw new Error(`the policy file's reports: ${issueList(parsed.error.issues, '(reports)')}`);
  }
  return { calendar: policyFor('standard', undefined, orders).calendar, reports: parsed.data as ReportsPolicy };
}

/** Reads the policy file (none: the defaults) each time it is called. */
export function reportSettingsFrom(policyFile: string | undefined): () => ReportSettings {
  return () => reportSettings(policyFile ? (JSON.parse(fs.readFileSync(policyFile, 'utf8')) as PolicyFile) : {});
}
