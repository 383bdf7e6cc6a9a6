import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { reportSettings } from '../../client/reports-policy';
import { createCustomer } from '../../read-model/customers';
import { reportCsv, reportXlsx } from '../../read-model/report-formats';
import { listReports, reportById, saveReport } from '../../read-model/report-store';
import { compileReport } from '../../read-model/reports';
import type { ReadModel } from '../../read-model/store';
import type { TimelineEntry } from '../../workflows/domain/state';
import type { OrderProjection } from '../../workflows/read-model';
import type { Report } from '../../workflows/reports/types';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { event, order, seeded } from '../support/report-orders';

// The reports compiled from orders seeded into a real SQLite read model (and the weekly one on PostgreSQL): the weekly report's
// figures worked out by hand, the 17:30 tracking's missing entries, the supervisor's four checks,
// and the report parsed back from its XLSX and CSV.

const settings = reportSettings();
const H = 3600_000;

/** The week 2027-02-01 – 2027-02-07 as the orders left it; the weekly report runs on Monday 2027-02-08. */
const week: [OrderProjection, TimelineEntry[]][] = [
  // Finished in the week, on time; a QC failure in the week before it passed.
  [
    order('W-1', {
      status: 'shipped',
      stage: 'in-transit',
      promisedDate: '2027-02-04',
      finishedAt: '2027-02-03T07:00:00.000Z',
      daysLate: 0,
      pieces: 40,
    }),
    [event('qc-failed', '2027-02-02T03:00:00.000Z', 'reason=scratches')],
  ],
  // Finished in the week, two working days late.
  [
    order('W-2', {
      status: 'completed',
      stage: 'after-sales',
      promisedDate: '2027-02-03',
      finishedAt: '2027-02-06T03:00:00.000Z',
      daysLate: 2,
      pieces: 25,
      amount: 120_000,
    }),
    [],
  ],
  // Finished the week before: not this week's.
  [
    order('W-3', {
      status: 'completed',
      stage: 'after-sales',
      promisedDate: '2027-01-30',
      finishedAt: '2027-01-29T03:00:00.000Z',
      daysLate: 0,
      pieces: 7,
    }),
    [],
  ],
  // In production, promised next week, a delay reported this week.
  [order('W-4', { promisedDate: '2027-02-10', pieces: 100 }), [event('delay-reported', '2027-02-02T02:00:00.000Z', 'reason=glass late')]],
  // In production, promised this week and not finished: late, and counted due but not completed.
  [order('W-5', { promisedDate: '2027-02-05', pieces: 60 }), []],
  // Not yet in production, promised next week.
  [order('W-6', { status: 'pending-confirmation', stage: 'deposit', promisedDate: '2027-02-12', pieces: 10 }), []],
  // Cancelled: not due.
  [order('W-7', { status: 'cancelled', stage: 'cancelled', promisedDate: '2027-02-02', pieces: 3 }), []],
  // In production, promised next week, its pieces not on its row.
  [order('W-8', { promisedDate: '2027-02-13' }), []],
];

const weekFigures = {
  ordersCompleted: 2,
  piecesCompleted: 65,
  ordersInProduction: 3,
  piecesInProduction: 160,
  ordersPlannedNextWeek: 3,
  piecesPlannedNextWeek: 110,
  ordersDue: 3,
  ordersDueCompleted: 2,
  completionRate: 66.7,
  exceptions: 3,
  ordersWithoutPieces: 1,
};

const sheet = (report: Report, name: string) => report.sheets.find((s) => s.name === name)!;

describe('company reports from a SQLite read model', () => {
  describe('weekly report (Monday 2027-02-08: the week 2027-02-01 – 2027-02-07)', () => {
    let readModel: ReadModel;
    let report: Report;
    before(async () => {
      readModel = await seeded(week);
      report = await compileReport(readModel.db, 'weekly', '2027-02-08', '2027-02-08T00:30:00.000Z', settings);
    });
    after(async () => readModel?.close());

    it('counts orders and pieces completed, in production and planned, the completion rate and the exceptions', () => {
      assert.deepEqual([report.periodFrom, report.periodTo], ['2027-02-01', '2027-02-07']);
      assert.deepEqual(report.summary, weekFigures);
      assert.deepEqual(
        sheet(report, '完成 Completed').rows.map((r) => [r.orderNumber, r.pieces, r.daysLate]),
        [
          ['W-1', 40, 0],
          ['W-2', 25, 2],
        ],
      );
      assert.deepEqual(
        sheet(report, '下周计划 Plan').rows.map((r) => r.orderNumber),
        ['W-4', 'W-6', 'W-8'],
      );
      assert.deepEqual(
        sheet(report, '异常 Exceptions').rows.map((r) => [r.exception, r.orderNumber]),
        [
          ['逾期 Late', 'W-5'],
          ['延期 Delay reported', 'W-4'],
          ['质检不合格 QC failed', 'W-1'],
        ],
      );
    });

    it('opens as XLSX with the right rows: a worksheet per table, ¥ amounts, company times', async () => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await reportXlsx(report)) as unknown as ExcelJS.Buffer);
      assert.deepEqual(
        workbook.worksheets.map((w) => w.name),
        report.sheets.map((s) => s.name),
      );
      const completed = workbook.getWorksheet('完成 Completed')!;
      const values = (row: number) => (completed.getRow(row).values as unknown[]).slice(1);
      assert.equal(values(1)[0], '本周完成 Completed 2027-02-01 – 2027-02-07');
      assert.deepEqual(values(2).slice(0, 6), [
        '订单号 Order',
        '客户 Customer',
        '负责人 Owner (sales rep)',
        '交期 Promised date',
        '件数 Pieces',
        '金额 Amount',
      ]);
      assert.deepEqual(values(3), ['W-1', 'Ningbo Lamps', 'Li Na', '2027-02-04', 40, 5000, '2027-02-03 15:00', 0]);
      assert.deepEqual(values(4), ['W-2', 'Ningbo Lamps', 'Li Na', '2027-02-03', 25, 1200, '2027-02-06 11:00', 2]);
      assert.equal(completed.rowCount, 4);
      assert.equal(completed.getCell('F3').numFmt, '"¥"#,##0.00');
      const summary = workbook.getWorksheet('汇总 Summary')!;
      assert.deepEqual((summary.getRow(11).values as unknown[]).slice(1), ['完成率% Completion rate %', 66.7]);
    });

    it('reads as CSV with the Chinese-and-English headers, ¥ with 2 decimals and company times', () => {
      const csv = reportCsv(report);
      assert.ok(csv.startsWith('\uFEFF周报 Weekly report 2027-02-01 – 2027-02-07\r\n'));
      assert.ok(csv.includes('\r\nW-1,Ningbo Lamps,Li Na,2027-02-04,40,"¥5,000.00",2027-02-03 15:00,0\r\n'), csv);
      assert.ok(csv.includes('\r\nW-2,Ningbo Lamps,Li Na,2027-02-03,25,"¥1,200.00",2027-02-06 11:00,2\r\n'), csv);
    });

    it('is stored once per kind and day, listed by kind and date, and read back whole', async () => {
      await saveReport(readModel.db, report);
      await saveReport(readModel.db, { ...report, summary: { ...report.summary, exceptions: 3 } }); // the day run again: replaced
      const daily = await compileReport(readModel.db, 'daily-tracking', '2027-02-08', '2027-02-08T09:30:00.000Z', settings);
      await saveReport(readModel.db, daily);
      assert.deepEqual(await reportById(readModel.db, report.id), report);
      const weekly = await listReports(readModel.db, { kind: 'weekly', limit: 10, offset: 0 });
      assert.deepEqual(
        weekly.reports.map((r) => [r.id, r.status, r.summary.ordersCompleted]),
        [['weekly-2027-02-08', 'produced', 2]],
      );
      assert.equal((await listReports(readModel.db, { from: '2027-02-08', to: '2027-02-08', limit: 10, offset: 0 })).total, 2);
      assert.equal((await listReports(readModel.db, { from: '2027-02-09', limit: 10, offset: 0 })).total, 0);
    });
  });

  describe("daily tracking and the supervisor's check (Wednesday 2027-02-10)", () => {
    const at = '2027-02-10T10:00:00.000Z'; // 18:00 in Shanghai
    const daysBefore = (days: number, hour = 2) =>
      new Date(Date.parse('2027-02-10T00:00:00.000Z') - days * 24 * H + hour * H).toISOString();
    let readModel: ReadModel;
    before(async () => {
      readModel = await seeded([
        // Up to date: progress reported today (14:00).
        [
          order('T-1', { customer: { id: 'C-FILED', name: 'Hangzhou Glass', class: 'B' } }),
          [event('production-notice-issued', daysBefore(3)), event('progress-reported', '2027-02-10T06:00:00.000Z', 'percentDone=40')],
        ],
        // Last progress nine days ago: missing today's, and not updated in time.
        [
          order('T-2', { salesRep: { id: 'rep-wu', name: 'Wu Gang' } }),
          [event('production-notice-issued', daysBefore(10)), event('progress-reported', daysBefore(9), 'percentDone=10')],
        ],
        // Put away, awaiting shipment: on the sheet, nothing missing.
        [
          order('T-3', { status: 'awaiting-shipment', stage: 'release' }),
          [event('production-notice-issued', daysBefore(20)), event('stocked', daysBefore(1))],
        ],
        // Shown shipped with no shipment on the record.
        [
          order('T-4', { status: 'shipped', stage: 'in-transit' }),
          [event('production-notice-issued', daysBefore(20)), event('stocked', daysBefore(2))],
        ],
        // A delay reported two days ago and never told.
        [
          order('T-5', { status: 'in-production', stage: 'production' }),
          [
            event('production-notice-issued', daysBefore(3)),
            event('progress-reported', '2027-02-10T05:00:00.000Z', 'percentDone=70'),
            event('delay-reported', daysBefore(2), 'reason=glass late, newPromisedDate=2027-03-05'),
          ],
        ],
        // Promised last Friday, not finished, no delay reported; taken today, for a customer without a file.
        [
          order('T-6', {
            status: 'pending-confirmation',
            stage: 'deposit',
            promisedDate: '2027-02-05',
            receivedAt: '2027-02-10T01:00:00.000Z',
          }),
          [],
        ],
        // Past the delivery estimate without a promised date.
        [
          order('T-7', {
            status: 'pending-confirmation',
            stage: 'deposit',
            promisedDate: null,
            customer: { id: 'C-FILED', name: 'Hangzhou Glass', class: 'B' },
          }),
          [],
        ],
      ]);
      await createCustomer(readModel.db, 'C-FILED', { name: 'Hangzhou Glass', class: 'B', contacts: [] }, 'test');
    });
    after(async () => readModel?.close());

    it('lists each order from the production notice to delivery with its checkpoints, and the missing entries', async () => {
      const report = await compileReport(readModel.db, 'daily-tracking', '2027-02-10', at, settings);
      const rows = report.sheets[0].rows;
      assert.deepEqual(
        rows.map((r) => [r.orderNumber, r.missing]),
        [
          ['T-1', ''],
          ['T-2', '今日进度 today’s progress'],
          ['T-3', ''],
          ['T-4', ''],
          ['T-5', ''],
        ],
      );
      const t1 = rows.find((r) => r.orderNumber === 'T-1')!;
      assert.deepEqual([t1.productionNotice, t1.lastProgress, t1.percentDone], [daysBefore(3), '2027-02-10T06:00:00.000Z', 40]);
      assert.equal(rows.find((r) => r.orderNumber === 'T-3')!.putAway, daysBefore(1));
      assert.deepEqual(report.summary, { orders: 5, ordersWithMissingEntries: 1 });
    });

    it("finds each check's orders with their owner", async () => {
      const report = await compileReport(readModel.db, 'supervisor-daily', '2027-02-10', at, settings);
      const findings = report.sheets[0].rows.map((r) => [r.orderNumber, r.check, r.owner]);
      const of = (check: string) => findings.filter((f) => f[1] === check).map((f) => [f[0], f[2]]);
      assert.deepEqual(of('进度未及时更新 Progress not updated in time'), [['T-2', 'Wu Gang']]);
      assert.deepEqual(of('延期未告知 Delay not told'), [
        ['T-5', 'Li Na'],
        ['T-6', 'Li Na'],
      ]);
      assert.deepEqual(of('发货状态与记录不符 Shipping status disagrees with the record'), [['T-4', 'Li Na']]);
      // Only T-1's and T-7's customer has a file; of the others only T-6 was taken today (the others were told of on their day).
      assert.deepEqual(
        report.sheets[0].rows.filter((r) => r.check === '资料不全 Incomplete data').map((r) => [r.orderNumber, r.detail]),
        [
          ['T-6', '客户 C-1 无客户档案 no customer file'],
          ['T-7', '无交期 no promised date after the delivery estimate'],
        ],
      );
      assert.equal(report.summary.findings, findings.length);
    });
  });
  describe('on PostgreSQL', () => {
    let pg: TestPostgres | undefined;
    let readModel: ReadModel;
    before(async function () {
      this.timeout(120_000);
      pg = await startPostgres();
      readModel = await seeded(week, { kind: 'postgres', url: pg.url });
    });
    after(async () => {
      await readModel?.close();
      await pg?.stop();
    });

    it('gives the same weekly report as SQLite, and stores and lists it; every kind compiles', async () => {
      const onSqlite = await seeded(week);
      const expected = await compileReport(onSqlite.db, 'weekly', '2027-02-08', '2027-02-08T00:30:00.000Z', settings);
      await onSqlite.close();
      const report = await compileReport(readModel.db, 'weekly', '2027-02-08', '2027-02-08T00:30:00.000Z', settings);
      assert.deepEqual(report.summary, weekFigures);
      assert.deepEqual(report, expected);
      await saveReport(readModel.db, report);
      assert.deepEqual(await reportById(readModel.db, report.id), report);
      assert.deepEqual(
        (await listReports(readModel.db, { kind: 'weekly', from: '2027-02-01', limit: 10, offset: 0 })).reports.map((r) => r.id),
        [report.id],
      );
      for (const kind of ['daily-tracking', 'supervisor-daily', 'monthly'] as const) {
        const other = await compileReport(readModel.db, kind, '2027-02-08', '2027-02-08T10:00:00.000Z', settings);
        assert.equal(other.status, 'produced', kind);
      }
    });
  });
});
