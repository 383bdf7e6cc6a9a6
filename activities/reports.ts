import { ApplicationFailure } from '@temporalio/activity';
import { compileReport, skippedReport } from '../read-model/reports';
import { markNotified, saveReport } from '../read-model/report-store';
import type { ReadModel } from '../read-model/store';
import type { Role } from '../workflows/domain/order';
import type { Report, ReportKind, ReportSettings } from '../workflows/reports/types';

// The report workflow's activities: what the calendar and the reports' policy say now, and the
// report compiled from the read model and stored (a retry compiles and stores it again under the
// same id). Its notices leave through the orders' outbox activity (deliverNotice).

export interface ReportActivityDeps {
  readModel?: ReadModel;
  /** The calendar and the reports' policy as they are now (the worker reads its policy file each time). */
  reportSettings?: () => ReportSettings;
}

export interface ReportNotice {
  to: Role;
  detail: string;
}

/** At most this many orders named in one notice; the report itself lists them all. */
const namedInNotice = 20;

export function reportActivities({ readModel, reportSettings }: ReportActivityDeps) {
  const db = () => {
    if (!readModel) throw ApplicationFailure.nonRetryable('this worker has no read model to report from', 'NoReadModel');
    return readModel.db;
  };
  const settings = () => {
    if (!reportSettings) throw ApplicationFailure.nonRetryable('this worker has no report settings', 'NoReportSettings');
    return reportSettings();
  };

  return {
    async reportSettings(): Promise<ReportSettings> {
      return settings();
    },

    /** Compiles the report for the company date, stores it, and says who is told what. */
    async produceReport(request: { kind: ReportKind; runDate: string; at: string }): Promise<{ id: string; notices: ReportNotice[] }> {
      const current = settings();
      const report = await compileReport(db(), request.kind, request.runDate, request.at, current);
      await saveReport(db(), report);
      return { id: report.id, notices: noticesOf(report, current) };
    },

    /** Stores a run that did not report (a day off), with why. */
    async recordSkippedReport(request: { kind: ReportKind; runDate: string; at: string; reason: string }): Promise<string> {
      const report = skippedReport(request.kind, request.runDate, request.at, settings().calendar, request.reason);
      await saveReport(db(), report);
      return report.id;
    },

    async markReportNotified(request: { id: string; at: string; problem: string | null }): Promise<void> {
      await markNotified(db(), request.id, request.at, request.problem);
    },
  };
}

function noticesOf(report: Report, { reports }: ReportSettings): ReportNotice[] {
  const where = `GET /api/v1/reports/${report.id}`;
  const figures = Object.entries(report.summary)
    .map(([name, value]) => `${name}=${value ?? '–'}`)
    .join(', ');
  const notices = reports.kinds[report.kind].to.map((to) => ({ to, detail: `${report.title}: ${figures} (${where})` }));
  if (report.kind === 'daily-tracking') {
    const missing = report.sheets[0].rows.filter((row) => row.missing);
    if (missing.length > 0) {
      const named = missing.slice(0, namedInNotice).map((row) => `${row.orderNumber} (${row.missing})`);
      const more = missing.length > namedInNotice ? `, … ${missing.length - namedInNotice} more` : '';
      const detail = `生产跟踪缺项 Missing tracking entries ${report.runDate}, ${missing.length} orders: ${named.join(', ')}${more} (${where})`;
      notices.push(...reports.missingEntriesTo.map((to) => ({ to, detail })));
    }
  }
  // 团订 sales pipeline: the group sales manager sees at once who fell short of which standard.
  if (report.kind === 'group-sales-daily') {
    const shortfalls = report.sheets[1].rows;
    if (shortfalls.length > 0) {
      const named = shortfalls.slice(0, namedInNotice).map((row) => `${row.rep} ${row.shortfall} ${row.actual}/${row.standard}`);
      const more = shortfalls.length > namedInNotice ? `, … ${shortfalls.length - namedInNotice} more` : '';
      for (const notice of notices) notice.detail += `; 未达标 shortfalls: ${named.join(', ')}${more}`;
    }
  }
  return notices;
}
