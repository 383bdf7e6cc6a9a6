import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { reportSettings } from '../../client/reports-policy';
import type { ReadModelLocation } from '../../read-model/database';
import { reportCsv, reportXlsx } from '../../read-model/report-formats';
import { compileReport } from '../../read-model/reports';
import {
  findActivityLine,
  findProspect,
  listProspects,
  moveProspect,
  recordActivityLine,
  repDays,
  resultsBoard,
} from '../../read-model/sales-pipeline';
import { salesDay } from '../../read-model/sales-summary';
import { ReadModel } from '../../read-model/store';
import type { Report } from '../../workflows/reports/types';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { figures, reps, seedSalesWeek } from '../support/sales-reps';

// The group sales pipeline in the read model, on a SQLite file and on PostgreSQL: three reps' week
// seeded (test/support/sales-reps.ts, its table worked by hand), their Saturday summarised on Monday
// 2027-03-08 at 08:30 with the shortfalls and the Thursday–Saturday results board.

const settings = reportSettings();
const sheet = (report: Report, name: string) => report.sheets.find((s) => s.name === name)!;

const saturdaySummary = {
  reps: 3,
  repsReporting: 2,
  hq: 3,
  zl: 2,
  fa: 0,
  cc: 1,
  contracts: 1,
  contractAmount: 2_000_000,
  commission: 60_000,
  shortfalls: 6,
  repsWithShortfalls: 2,
};

function pipelineChecks(location: () => ReadModelLocation) {
  let readModel: ReadModel;
  let report: Report;
  before(async function () {
    this.timeout(120_000);
    readModel = await ReadModel.open(location());
    await seedSalesWeek(readModel);
    report = await compileReport(readModel.db, 'group-sales-daily', '2027-03-08', '2027-03-08T00:30:00.000Z', settings);
  });
  after(async () => readModel?.close());

  it("summarises Saturday's lines on Monday morning: each rep's Hq:Zl:Fa:Cc:N:C:T and the department's total, worked by hand", () => {
    assert.deepEqual([report.id, report.periodFrom, report.periodTo], ['group-sales-daily-2027-03-08', '2027-03-06', '2027-03-06']);
    assert.deepEqual(report.summary, saturdaySummary);
    assert.deepEqual(
      sheet(report, '日报 Daily lines').rows.map((r) => [
        r.repId,
        r.line,
        r.effectiveActivities,
        r.weekEffectiveActivities,
        r.openProspects,
      ]),
      [
        ['rep-liu', '1:1:0:0:0:0.00:0.00', 2, 27, 148],
        ['rep-wang', '未报 not recorded', null, 12, 40],
        ['rep-zhang', '2:1:0:1:1:20000.00:600.00', 4, 25, 150],
        [null, '3:2:0:1:1:20000.00:600.00', 6, 64, 338],
      ],
    );
  });

  it('lists every shortfall against the standards (150 prospects, 3 visits a day, 25 effective activities a week)', () => {
    assert.deepEqual(
      sheet(report, '未达标 Shortfalls').rows.map((r) => [r.repId, r.shortfall, r.actual, r.standard]),
      [
        ['rep-liu', '客户储备不足 Pipeline below standard', 148, 150],
        ['rep-liu', '拜访不足 Too few customer visits', 2, 3],
        ['rep-wang', '未报日报 No activity line recorded', 0, 1],
        ['rep-wang', '客户储备不足 Pipeline below standard', 40, 150],
        ['rep-wang', '拜访不足 Too few customer visits', 0, 3],
        ['rep-wang', '周有效活动量不足 Too few effective activities this week', 12, 25],
      ],
    );
  });

  it("shows Monday's results board: Thursday to Saturday per rep beside the plan, most effective activities first", () => {
    assert.deepEqual(
      sheet(report, '白板 Results board').rows.map((r) => [r.rep, r.daysReported, r.line, r.effectiveActivities, r.plan]),
      [
        [reps.zhang.name, 3, '5:3:2:3:2:28600.00:858.00', 13, '6:4:2:2:2:30000.00:900.00'],
        [reps.liu.name, 3, '7:3:2:0:0:0.00:0.00', 12, '6:3:3:0:0:0.00:0.00'],
        [reps.wang.name, 2, '1:2:1:1:1:5000.00:150.00', 5, '无计划 no plan'],
      ],
    );
  });

  it('judges Friday without the week (it is not the last working day): Liu had 150 open prospects then', async () => {
    const friday = await salesDay(readModel.db, '2027-03-05', settings.reports.groupSales, settings.calendar);
    assert.equal(friday.line, '6:3:2:1:1:8600.00:258.00');
    assert.deepEqual(
      friday.shortfalls.map((s) => `${s.repId} ${s.kind} ${s.actual}/${s.standard}`),
      ['rep-wang pipeline 40/150', 'rep-wang visits 2/3'],
    );
    assert.equal((await repDays(readModel.db, '2027-03-05', 'rep-liu'))[0].openProspects, 150);
  });

  it('keeps each prospect’s stage, the date of each move and its referral names; a correction replaced the line', async () => {
    const signed = await findProspect(readModel.db, 'PZ-1');
    assert.deepEqual(
      [signed?.stage, signed?.status, signed?.closedOn, signed?.moves.map((m) => `${m.to} ${m.on}`)],
      [
        'cc',
        'signed',
        '2027-03-05',
        ['dh 2027-02-01', 'hq 2027-02-03', 'zl 2027-02-10', 'fa 2027-02-24', 'cc 2027-03-02', 'signed 2027-03-05'],
      ],
    );
    assert.deepEqual(signed?.moves[2], {
      to: 'zl',
      on: '2027-02-10',
      at: '2027-02-10T12:00:00.000Z',
      by: 'rep-zhang',
      dataSheetRef: 'KH-ZL-001',
      proposalRequestRef: 'FA-SQ-001',
    });
    assert.deepEqual(
      signed?.referrals.map((r) => r.name),
      ['陈经理 Manager Chen', '李总 Mr Li'],
    );
    const line = await findActivityLine(readModel.db, 'rep-zhang', '2027-03-06');
    assert.deepEqual([line?.line, line?.corrections], ['2:1:0:1:1:20000.00:600.00', 1]);
    const open = await listProspects(readModel.db, { rep: 'rep-liu', status: 'open', limit: 1, offset: 0 });
    assert.equal(open.total, 149, '148 on Saturday and one opened on Sunday');
  });

  it('moves a prospect once per request: the same request again changes nothing, a step skipped is refused', async () => {
    const request = { key: 'move-once', digest: 'd-1' };
    assert.deepEqual(
      await moveProspect(readModel.db, 'PW-1', { to: 'hq', on: '2027-03-08' }, reps.wang, '2027-03-08T02:00:00.000Z', request),
      {
        ok: true,
      },
    );
    assert.deepEqual(
      await moveProspect(readModel.db, 'PW-1', { to: 'hq', on: '2027-03-08' }, reps.wang, '2027-03-08T02:00:00.000Z', request),
      {
        ok: true,
      },
    );
    assert.equal((await findProspect(readModel.db, 'PW-1'))?.moves.length, 2);
    const skipped = await moveProspect(readModel.db, 'PW-1', { to: 'fa', on: '2027-03-08' }, reps.wang, '2027-03-08T03:00:00.000Z', {
      key: 'skip',
      digest: 'd-2',
    });
    assert.ok('refused' in skipped && skipped.refused === 'not-next', JSON.stringify(skipped));
    assert.match('refused' in skipped ? skipped.detail : '', /PW company 1: .*next step is 资料搜集 Zl/);
  });

  it('takes two requests at once in turn: one moves the prospect, the other is told it is no longer the next step; one first line', async () => {
    const move = (key: string) =>
      moveProspect(readModel.db, 'PW-2', { to: 'hq', on: '2027-03-08' }, reps.wang, '2027-03-08T02:00:00.000Z', { key, digest: key });
    const answers = await Promise.all([move('at-once-1'), move('at-once-2')]);
    assert.deepEqual(answers.map((a) => ('ok' in a ? 'ok' : a.refused)).sort(), ['not-next', 'ok']);
    assert.equal((await findProspect(readModel.db, 'PW-2'))?.moves.length, 2);
    const lines = await Promise.all(
      ['1:0:0:0:0:0:0', '2:0:0:0:0:0:0'].map((line) =>
        recordActivityLine(readModel.db, reps.wang, '2027-03-08', figures(line), reps.wang.id, '2027-03-08T12:00:00.000Z'),
      ),
    );
    assert.deepEqual([...lines].sort(), ['corrected', 'recorded']);
    assert.equal((await findActivityLine(readModel.db, 'rep-wang', '2027-03-08'))?.corrections, 1);
    assert.equal(
      await recordActivityLine(
        readModel.db,
        reps.wang,
        '2027-03-08',
        figures(lines[0] === 'recorded' ? '2:0:0:0:0:0:0' : '1:0:0:0:0:0:0'),
        reps.wang.id,
        '2027-03-08T12:00:00.000Z',
      ),
      'unchanged',
    );
  });

  it('renders the summary as CSV and XLSX with the Hq:Zl:Fa:Cc:N:C:T headers and money in yuan', async () => {
    const csv = reportCsv(report);
    assert.ok(csv.includes('唤起需求 Hq,资料搜集 Zl,方案说明 Fa,促成 Cc,签单数 N,合同金额 C,提成 T'), csv.slice(0, 400));
    assert.ok(csv.includes('2:1:0:1:1:20000.00:600.00,2,1,0,1,1,"¥20,000.00",¥600.00,4,25,150,'), csv);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await reportXlsx(report)) as unknown as ArrayBuffer);
    assert.deepEqual(
      workbook.worksheets.map((w) => w.name),
      ['日报 Daily lines', '未达标 Shortfalls', '白板 Results board'],
    );
  });

  it('leaves the results board out on other mornings (Tuesday summarises Monday)', async () => {
    const tuesday = await compileReport(readModel.db, 'group-sales-daily', '2027-03-09', '2027-03-09T00:30:00.000Z', settings);
    assert.deepEqual(
      tuesday.sheets.map((s) => s.name),
      ['日报 Daily lines', '未达标 Shortfalls'],
    );
    assert.equal((await resultsBoard(readModel.db, '2027-03-04')).from, '2027-03-01');
  });
}

describe('group sales pipeline in the read model', () => {
  describe('on SQLite', () => {
    pipelineChecks(() => ({
      kind: 'sqlite',
      file: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'orderflow-sales-')), 'read-model.sqlite'),
    }));
  });

  describe('on PostgreSQL', () => {
    let pg: TestPostgres | undefined;
    before(async function () {
      this.timeout(120_000);
      pg = await startPostgres();
    });
    pipelineChecks(() => ({ kind: 'postgres', url: pg!.url }));
    // After the read model has closed (hooks run in the order they are declared).
    after(async () => pg?.stop());
  });
});
