import { ApplicationFailure, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import { noticeSummary } from '../domain/labels';
import type { createActivities } from '../../activities';
import { addCalendarDays, dateAt, isWorkingDay, startOfDate } from '../domain/calendar';
import type { ReportOutcome, ReportRequest } from './types';

// One run of a company report, started by its Temporal Schedule (client/report-schedules.ts) or by
// hand with the same argument. The schedule already leaves out the holidays it knew of when it was
// made; the run asks for the calendar as it is now, so a holiday added since is kept too: a daily
// report records the day as skipped, a weekly or monthly one reports on the next working day.

type Activities = ReturnType<typeof createActivities>;

const { reportSettings, produceReport, recordSkippedReport, markReportNotified } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

// As the orders' notices: retried with backoff, then given up on (the report records why).
const { deliverNotice } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 8 },
});

export async function companyReport({ kind }: ReportRequest): Promise<ReportOutcome> {
  const started = Date.now();
  const { calendar, reports } = await reportSettings();
  const scheduledDate = dateAt(started, calendar.timeZone);
  let runDate = scheduledDate;
  if (!isWorkingDay(runDate, calendar)) {
    const why = calendar.holidays.includes(runDate) ? '公司假日 a company holiday' : '非工作日 not a working day';
    if (reports.kinds[kind].onDayOff === 'skip') {
      const reason = `${runDate} ${why}`;
      const id = await recordSkippedReport({ kind, runDate, at: new Date(started).toISOString(), reason });
      return { id, status: 'skipped', skipReason: reason, notices: 0 };
    }
    // The same time of day on the next working day; the report keeps the period it was scheduled for.
    do runDate = addCalendarDays(runDate, 1);
    while (!isWorkingDay(runDate, calendar));
    await sleep(startOfDate(runDate, calendar.timeZone) + (started - startOfDate(scheduledDate, calendar.timeZone)) - Date.now());
  }

  const at = new Date().toISOString();
  const { id, notices } = await produceReport({ kind, runDate: scheduledDate, at });
  let problem: string | null = null;
  for (const [i, notice] of notices.entries()) {
    try {
      const message = { seq: i + 1, kind: 'notification', type: `report-${kind}`, ...notice } as const;
      await deliverNotice.executeWithOptions({ summary: noticeSummary(id, message) }, [
        { key: `${workflowInfo().workflowId}/${i + 1}`, orderNumber: id, at, notice: message },
      ]);
    } catch (error) {
      // One receiver down does not keep the others from their report.
      problem = `the notice to ${notice.to} could not be delivered: ${(error as ApplicationFailure).cause?.message ?? (error as Error).message}`;
    }
  }
  await markReportNotified({ id, at: new Date().toISOString(), problem });
  return { id, status: 'produced', skipReason: null, notices: notices.length };
}
