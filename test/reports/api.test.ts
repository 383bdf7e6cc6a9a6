import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { reportSettings } from '../../client/reports-policy';
import { saveReport } from '../../read-model/report-store';
import { compileReport } from '../../read-model/reports';
import type { Role } from '../../workflows/domain/order';
import type { Report } from '../../workflows/reports/types';
import { call, startApi, tokenOf, type ApiUnderTest } from '../support/api-server';
import { order } from '../support/report-orders';

// The reports over HTTP (the API on the dev server, its own SQLite read model): the list, each
// report as JSON, CSV and XLSX, and none of it for a customer.

describe('reports API (dev server, SQLite)', () => {
  let api: ApiUnderTest;
  let report: Report;
  before(async () => {
    api = await startApi({ worker: false });
    await api.readModel.project({
      order: order('RA-1', {
        status: 'completed',
        stage: 'after-sales',
        promisedDate: '2027-02-04',
        finishedAt: '2027-02-03T07:00:00.000Z',
        daysLate: 0,
        pieces: 12,
      }),
      firstEntry: 0,
      entries: [],
    });
    report = await compileReport(api.readModel.db, 'weekly', '2027-02-08', '2027-02-08T00:30:00.000Z', reportSettings());
    await saveReport(api.readModel.db, report);
  });
  after(async () => api?.stop());

  const get = (url: string, role: Role, headers: Record<string, string> = {}) =>
    fetch(`${api.url}/api/v1${url}`, { headers: { authorization: `Bearer ${tokenOf(role)}`, ...headers } });

  it('refuses a customer every report, in every format (403)', async () => {
    for (const url of [
      '/reports',
      '/reports?kind=weekly',
      `/reports/${report.id}`,
      `/reports/${report.id}?format=xlsx`,
      '/reports/no-such-report',
    ]) {
      const refused = await call(api, 'GET', `/api/v1${url}`, { role: 'customer' });
      assert.equal(refused.status, 403, url);
      assert.equal(refused.body.type, 'urn:orderflow:problem:role-not-permitted');
    }
  });

  it('lists the reports by kind and date, and serves one as JSON', async () => {
    const listed = await call(api, 'GET', '/api/v1/reports?kind=weekly&from=2027-02-01&to=2027-02-28', { role: 'supervisor' });
    assert.equal(listed.status, 200);
    assert.deepEqual(
      listed.body.reports.map((r: Report) => [r.id, r.status, r.summary.ordersCompleted, r.summary.piecesCompleted]),
      [['weekly-2027-02-08', 'produced', 1, 12]],
    );
    assert.equal((await call(api, 'GET', '/api/v1/reports?kind=monthly', { role: 'order-desk' })).body.total, 0);
    assert.equal((await call(api, 'GET', '/api/v1/reports?kind=yearly', { role: 'order-desk' })).status, 400);
    const one = await call(api, 'GET', `/api/v1/reports/${report.id}`, { role: 'production' });
    assert.deepEqual([one.status, one.body], [200, report]);
    assert.equal((await call(api, 'GET', '/api/v1/reports/weekly-1999-01-04', { role: 'supervisor' })).status, 404);
    assert.equal((await call(api, 'GET', `/api/v1/reports/${report.id}?format=pdf`, { role: 'supervisor' })).status, 400);
  });

  it('serves CSV by ?format= and XLSX by Accept, as downloads', async () => {
    const csv = await get(`/reports/${report.id}?format=csv`, 'supervisor');
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type')!, /^text\/csv; charset=utf-8/);
    assert.match(csv.headers.get('content-disposition')!, /^attachment; filename="?weekly-2027-02-08\.csv"?$/);
    assert.ok((await csv.text()).includes('\r\nRA-1,Ningbo Lamps,Li Na,2027-02-04,12,"¥5,000.00",2027-02-03 15:00,0\r\n'));

    const xlsx = await get(`/reports/${report.id}`, 'order-desk', {
      accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    assert.equal(xlsx.status, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.arrayBuffer()) as ExcelJS.Buffer);
    const completed = workbook.getWorksheet('完成 Completed')!;
    assert.deepEqual((completed.getRow(3).values as unknown[]).slice(1, 6), ['RA-1', 'Ningbo Lamps', 'Li Na', '2027-02-04', 12]);
    assert.equal(completed.rowCount, 3);
  });

  it('documents the reports in the OpenAPI', async () => {
    const { body } = await call(api, 'GET', '/openapi.json');
    assert.deepEqual(Object.keys(body.paths['/reports/{id}'].get.responses['200'].content), [
      'application/json',
      'text/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    assert.ok(body.components.schemas.Report.examples.length > 0);
    assert.ok(body.components.schemas.ReportPage.examples.length > 0);
    assert.match(body.paths['/reports'].get.description, /customer token gets 403/);
  });
});
