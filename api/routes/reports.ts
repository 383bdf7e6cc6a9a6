import { Router } from 'express';
import { reportCsv, reportXlsx } from '../../read-model/report-formats';
import { listReports, reportById } from '../../read-model/report-store';
import type { ReadModel } from '../../read-model/store';
import { invalidRequest, Problem } from '../problem';
import { formats, ReportListQuery, ReportQuery, type ReportFormat } from '../report-schemas';
import { staffOnly } from './company';

// The company's reports, as their schedules stored them in the read model: the list, and each one
// as JSON, CSV or XLSX (`?format=`, or the Accept header). For staff only.

export function reportRoutes({ readModel }: { readModel: ReadModel }): Router {
  const router = Router();

  router.get('/reports', async (req, res) => {
    staffOnly(res);
    const query = ReportListQuery.safeParse(req.query);
    if (!query.success) throw invalidRequest(query.error.issues, 'query');
    res.json(await listReports(readModel.db, query.data));
  });

  router.get('/reports/:id', async (req, res) => {
    staffOnly(res);
    const query = ReportQuery.safeParse(req.query);
    if (!query.success) throw invalidRequest(query.error.issues, 'query');
    const report = await reportById(readModel.db, req.params.id);
    if (!report) throw new Problem(404, 'not-found', 'Report not found', 'no report with this id');
    // No Accept header, */*, or none of ours: JSON (listed first).
    const accepted = req.accepts(Object.values(formats));
    const format = query.data.format ?? (Object.keys(formats) as ReportFormat[]).find((f) => formats[f] === accepted) ?? 'json';
    res.vary('Accept');
    if (format === 'json') return void res.json(report);
    res.attachment(`${report.id}.${format}`);
    if (format === 'csv') return void res.type(`${formats.csv}; charset=utf-8`).send(reportCsv(report));
    res.type(formats.xlsx).send(await reportXlsx(report));
  });

  return router;
}
