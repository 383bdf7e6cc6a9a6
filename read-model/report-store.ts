import type { Kysely } from 'kysely';
import type { Report, ReportKind } from '../workflows/reports/types';
import type { Database, ReportsTable } from './schema';

// The stored reports: one row per kind and company date (a run repeated for the day replaces its
// report), listed by kind and date, each downloadable whole.

export async function saveReport(db: Kysely<Database>, report: Report): Promise<void> {
  const row: ReportsTable = {
    id: report.id,
    kind: report.kind,
    run_date: report.runDate,
    period_from: report.periodFrom,
    period_to: report.periodTo,
    status: report.status,
    skip_reason: report.skipReason,
    created_at: report.createdAt,
    summary: JSON.stringify(report.summary),
    body: JSON.stringify(report),
    notified_at: null,
    notice_problem: null,
  };
  const { id: _id, ...update } = row;
  await db
    .insertInto('reports')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(update))
    .execute();
}

/** Its notices are out (or one could not be delivered, and why). */
export async function markNotified(db: Kysely<Database>, id: string, at: string, problem: string | null): Promise<void> {
  await db
    .updateTable('reports')
    .set({ notified_at: problem ? null : at, notice_problem: problem })
    .where('id', '=', id)
    .execute();
}

export interface ReportFilters {
  kind?: ReportKind;
  from?: string;
  to?: string;
  status?: Report['status'];
  limit: number;
  offset: number;
}

/** The reports, newest first, without their tables. */
export async function listReports(db: Kysely<Database>, f: ReportFilters) {
  let q = db.selectFrom('reports');
  if (f.kind !== undefined) q = q.where('kind', '=', f.kind);
  if (f.status !== undefined) q = q.where('status', '=', f.status);
  if (f.from !== undefined) q = q.where('run_date', '>=', f.from);
  if (f.to !== undefined) q = q.where('run_date', '<=', f.to);
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      'id',
      'kind',
      'run_date',
      'period_from',
      'period_to',
      'status',
      'skip_reason',
      'created_at',
      'summary',
      'notified_at',
      'notice_problem',
    ])
    .orderBy('run_date', 'desc')
    .orderBy('kind')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return {
    total: Number(total),
    reports: rows.map((r) => ({
      id: r.id,
      kind: r.kind as ReportKind,
      runDate: r.run_date,
      periodFrom: r.period_from,
      periodTo: r.period_to,
      status: r.status as Report['status'],
      skipReason: r.skip_reason,
      createdAt: r.created_at,
      summary: JSON.parse(r.summary) as Report['summary'],
      notifiedAt: r.notified_at,
      noticeProblem: r.notice_problem,
    })),
  };
}

export async function reportById(db: Kysely<Database>, id: string): Promise<Report | undefined> {
  const row = await db.selectFrom('reports').select('body').where('id', '=', id).executeTakeFirst();
  return row && (JSON.parse(row.body) as Report);
}
