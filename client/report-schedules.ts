import { ScheduleAlreadyRunning, type CalendarSpec, type Client, type ScheduleOptions, type ScheduleSpec } from '@temporalio/client';
import type { CompanyCalendar } from '../workflows/domain/calendar';
import { reportKinds, type ReportKind, type ReportSettings, type ReportTiming } from '../workflows/reports/types';

// The company's reports run on Temporal Schedules (not timers in a process): one schedule per report
// kind, at the policy's time in the company's time zone. A daily report's schedule leaves out the
// calendar's holidays and adds its extra working days (调休); the run checks the calendar again (a
// holiday added since), see workflows/reports/company-report.ts. The worker makes them at start:
// created when missing, brought in line with the policy when they exist.

const weekdayNames = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
const monthNames = [
  'JANUARY',
  'FEBRUARY',
  'MARCH',
  'APRIL',
  'MAY',
  'JUNE',
  'JULY',
  'AUGUST',
  'SEPTEMBER',
  'OCTOBER',
  'NOVEMBER',
  'DECEMBER',
] as const;

export const reportScheduleId = (kind: ReportKind) => `report-${kind}`;

/** A company date as a calendar spec matching that whole day, or that day at `at`. */
function dayOf(date: string, at?: { hour: number; minute: number }): CalendarSpec {
  const [year, month, day] = date.split('-').map(Number);
  return {
    year,
    month: monthNames[month - 1],
    dayOfMonth: day,
    ...(at ?? { hour: '*', minute: '*', second: '*' }),
  };
}

/** When a report kind runs: its time on its weekdays (or day of the month) in the company's zone. */
export function reportScheduleSpec(kind: ReportKind, timing: ReportTiming, calendar: CompanyCalendar, skipDaysOff: boolean): ScheduleSpec {
  const [hour, minute] = timing.at.split(':').map(Number);
  const weekdays = timing.weekdays ?? calendar.workingDays;
  const calendars: CalendarSpec[] = [
    timing.dayOfMonth !== undefined
      ? { dayOfMonth: timing.dayOfMonth, hour, minute, comment: `${kind}: day ${timing.dayOfMonth} of each month at ${timing.at}` }
      : { dayOfWeek: weekdays.map((d) => weekdayNames[d - 1]), hour, minute, comment: `${kind}: ${timing.at} on ISO weekdays ${weekdays}` },
  ];
  if (!skipDaysOff) return { calendars, timezone: calendar.timeZone };
  // A weekend the company works (调休) is a working day: the daily reports run then too.
  const extraWorkdays = timing.weekdays === undefined && timing.dayOfMonth === undefined ? calendar.workdays : [];
  return {
    calendars: [
      ...calendars,
      ...extraWorkdays.map((date) => ({ ...dayOf(date, { hour, minute }), comment: `${kind}: working day ${date}` })),
    ],
    skip: calendar.holidays.map((date) => ({ ...dayOf(date), comment: `holiday ${date}` })),
    timezone: calendar.timeZone,
  };
}

export function reportScheduleOptions(kind: ReportKind, settings: ReportSettings, taskQueue: string): ScheduleOptions {
  const policy = settings.reports.kinds[kind];
  return {
    scheduleId: reportScheduleId(kind),
    spec: reportScheduleSpec(kind, policy.schedule, settings.calendar, policy.onDayOff === 'skip'),
    action: { type: 'startWorkflow', workflowType: 'companyReport', args: [{ kind }], taskQueue, workflowId: `report-${kind}` },
    policies: {
      // One run at a time; a run missed while Temporal was down is made up within a day.
      overlap: 'SKIP',
      catchupWindow: '1 day',
    },
  };
}

/** Creates each report's schedule, or updates it to the policy when it exists; returns the schedule ids. */
export async function ensureReportSchedules(client: Client, settings: ReportSettings, taskQueue: string): Promise<string[]> {
  const ids: string[] = [];
  for (const kind of reportKinds) {
    const options = reportScheduleOptions(kind, settings, taskQueue);
    try {
      await client.schedule.create(options);
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await client.schedule.getHandle(options.scheduleId).update((previous) => ({
        ...previous,
        spec: options.spec,
        action: options.action,
        policies: { ...previous.policies, ...options.policies },
      }));
    }
    ids.push(options.scheduleId);
  }
  return ids;
}
