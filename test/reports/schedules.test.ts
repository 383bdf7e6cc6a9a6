import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, type ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import { FileOutbox } from '../../activities/outbox';
import { ensureReportSchedules, reportScheduleId, reportScheduleOptions } from '../../client/report-schedules';
import { reportSettings } from '../../client/reports-policy';
import { localTime } from '../../read-model/report-formats';
import { reportById } from '../../read-model/report-store';
import type { ReadModel } from '../../read-model/store';
import { addCalendarDays, dateAt, isWorkingDay, startOfDate } from '../../workflows/domain/calendar';
import { reportKinds, type ReportKind, type ReportOutcome, type ReportSettings } from '../../workflows/reports/types';
import { workerConfigFromEnvironment } from '../../worker/config';
import { createOrderWorker } from '../../worker/worker';
import { eventually } from '../support/api-server';
import { event, order, seeded } from '../support/report-orders';
import { devServer, timeSkippingServer } from '../support/servers';

// The reports on the company's clock. The time-skipping test server has no Schedules (sdk-java#1954:
// "meant to cover testing individual workflows, not features like schedules"), so the schedules are
// proven on the CLI dev server (their specs and next action times: 17:30 company time, the holiday
// left out), and the report workflow runs on the time-skipping server started as its schedule starts
// it, at 17:30 of a working day and of a holiday.

const DAY = 24 * 3600_000;
const timeZone = 'Asia/Shanghai';

/** The first working day (of the default calendar, Monday to Saturday) after `date`. */
function nextWorkingDay(date: string, settings: ReportSettings = reportSettings()): string {
  let day = addCalendarDays(date, 1);
  while (!isWorkingDay(day, settings.calendar)) day = addCalendarDays(day, 1);
  return day;
}

/** The instant of HH:MM on a company date. */
const atTime = (date: string, hhmm: string) =>
  startOfDate(date, timeZone) + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * 60_000;

describe('report schedules (CLI dev server)', function () {
  this.timeout(120_000);
  const taskQueue = `reports-${process.pid}-${Date.now()}`;
  const holiday = nextWorkingDay(nextWorkingDay(dateAt(Date.now(), timeZone)));
  // And a Sunday the company works (调休).
  let sunday = addCalendarDays(dateAt(Date.now(), timeZone), 1);
  while (new Date(`${sunday}T00:00:00Z`).getUTCDay() !== 0) sunday = addCalendarDays(sunday, 1);
  const withHoliday = reportSettings({ calendar: { holidays: [holiday], workdays: [sunday] } });

  after(async () => {
    const { client } = await devServer();
    for (const kind of reportKinds) await client.schedule.getHandle(reportScheduleId(kind)).delete();
  });

  const describeSchedule = async (kind: ReportKind) => (await devServer()).client.schedule.getHandle(reportScheduleId(kind)).describe();

  it("runs the daily tracking at 17:30 company time on working days, leaving out the calendar's holiday and adding its working Sunday", async () => {
    const { client } = await devServer();
    assert.deepEqual(await ensureReportSchedules(client, withHoliday, taskQueue), reportKinds.map(reportScheduleId));
    const schedule = await describeSchedule('daily-tracking');
    const action = schedule.action as ScheduleOptionsStartWorkflowAction<never>;
    assert.deepEqual([action.workflowType, action.args, action.taskQueue], ['companyReport', [{ kind: 'daily-tracking' }], taskQueue]);
    assert.equal(schedule.spec.timezone, timeZone);
    const next = schedule.info.nextActionTimes;
    assert.ok(next.length >= 5, `${next.length} next action times`);
    assert.ok(
      next.every((t) => localTime(t.toISOString(), timeZone).endsWith(' 17:30')),
      next.map((t) => t.toISOString()).join(),
    );
    const dates = next.map((t) => dateAt(t.getTime(), timeZone));
    assert.ok(!dates.includes(holiday), `${holiday} is left out: ${dates.join()}`);
    assert.ok(dates.includes(nextWorkingDay(holiday)), `the working day after the holiday is kept: ${dates.join()}`);
    assert.ok(dates.includes(sunday), `the working Sunday ${sunday} is added: ${dates.join()}`);
    assert.ok(
      dates.every((d) => isWorkingDay(d, withHoliday.calendar)),
      dates.join(),
    );
  });

  it('runs the weekly report on Monday morning and the monthly check on the 1st', async () => {
    const weekly = (await describeSchedule('weekly')).info.nextActionTimes;
    assert.ok(weekly.length > 0);
    for (const t of weekly) {
      assert.equal(new Date(`${dateAt(t.getTime(), timeZone)}T00:00:00Z`).getUTCDay(), 1, t.toISOString());
      assert.ok(localTime(t.toISOString(), timeZone).endsWith(' 08:30'), t.toISOString());
    }
    const monthly = (await describeSchedule('monthly')).info.nextActionTimes;
    assert.ok(monthly.length > 0);
    for (const t of monthly) assert.ok(localTime(t.toISOString(), timeZone).endsWith('-01 08:00'), t.toISOString());
  });

  // 团订 sales pipeline
  it("runs the group sales manager's summary at 08:30 on working days, before 09:00 (003 §1.4), leaving out the holiday", async () => {
    const schedule = await describeSchedule('group-sales-daily');
    const action = schedule.action as ScheduleOptionsStartWorkflowAction<never>;
    assert.deepEqual(action.args, [{ kind: 'group-sales-daily' }]);
    const dates = schedule.info.nextActionTimes.map((t) => {
      assert.ok(localTime(t.toISOString(), timeZone).endsWith(' 08:30'), t.toISOString());
      return dateAt(t.getTime(), timeZone);
    });
    assert.ok(dates.length >= 5 && !dates.includes(holiday), dates.join());
    assert.ok(
      dates.every((d) => isWorkingDay(d, withHoliday.calendar)),
      dates.join(),
    );
  });

  it('is brought in line with the policy when it exists: the holiday taken out of the calendar runs again', async () => {
    const { client } = await devServer();
    await ensureReportSchedules(client, reportSettings(), taskQueue);
    const dates = (await describeSchedule('daily-tracking')).info.nextActionTimes.map((t) => dateAt(t.getTime(), timeZone));
    assert.ok(dates.includes(holiday), `${holiday} runs once it is no longer a holiday: ${dates.join()}`);
    const listed: string[] = [];
    for await (const s of client.schedule.list()) if (s.scheduleId.startsWith('report-')) listed.push(s.scheduleId);
    assert.ok(
      reportKinds.every((kind) => listed.filter((id) => id === reportScheduleId(kind)).length <= 1),
      listed.join(),
    );
  });
});

describe('report workflow on the company clock (time-skipping server)', function () {
  this.timeout(180_000);
  let readModel: ReadModel;
  let outboxDir: string;
  before(async () => {
    // One order in production whose progress nobody reported: a missing entry on every day's sheet.
    readModel = await seeded([[order('RS-1'), [event('production-notice-issued', '2020-01-01T02:00:00.000Z')]]]);
    outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderflow-report-outbox-'));
  });
  after(async () => readModel?.close());

  it('runs the 17:30 tracking on a working day and records a skip on a holiday; a weekly report on a holiday Monday waits for Tuesday', async () => {
    const env = await timeSkippingServer();
    const taskQueue = `reports-${process.pid}-${Date.now()}`;
    const workingDay = nextWorkingDay(dateAt((await env.currentTimeMs()) + DAY, timeZone));
    const holiday = nextWorkingDay(workingDay);
    let monday = addCalendarDays(holiday, 1);
    while (new Date(`${monday}T00:00:00Z`).getUTCDay() !== 1) monday = addCalendarDays(monday, 1);
    // The holidays are in the calendar the run reads, not only in the schedule's spec: one added after the schedule was made.
    const settings = reportSettings({ calendar: { holidays: [holiday, monday] } });
    const worker = await createOrderWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      outboxDir,
      readModel,
      reportSettings: () => settings,
    });

    // Time moves only by env.sleep: the testing client's own result() lets the server skip to any timer it holds
    // (after the first report it leapt ten years, to a default timeout), so results are awaited with a plain client.
    const client = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });

    /** Starts the report at `hhmm` on `date`, with the workflow type, arguments and task queue its schedule starts it with. */
    async function startAsScheduled(kind: ReportKind, date: string, hhmm: string) {
      await env.sleep(atTime(date, hhmm) - (await env.currentTimeMs()));
      const action = reportScheduleOptions(kind, settings, taskQueue).action as ScheduleOptionsStartWorkflowAction<never>;
      return client.workflow.start(action.workflowType, {
        args: action.args,
        taskQueue: action.taskQueue,
        workflowId: `${action.workflowId}-${date}T${hhmm}`,
      });
    }
    const runAsScheduled = async (kind: ReportKind, date: string, hhmm: string) =>
      (await (await startAsScheduled(kind, date, hhmm)).result()) as ReportOutcome;

    await worker.runUntil(async () => {
      const worked = await runAsScheduled('daily-tracking', workingDay, '17:30');
      assert.deepEqual(worked, { id: `daily-tracking-${workingDay}`, status: 'produced', skipReason: null, notices: 3 });
      const report = await reportById(readModel.db, worked.id);
      assert.equal(report?.status, 'produced');
      assert.deepEqual(report?.summary, { orders: 1, ordersWithMissingEntries: 1 });
      assert.equal(report?.sheets[0].rows[0].missing, '今日进度 today’s progress');
      assert.equal(localTime(report!.createdAt, timeZone), `${workingDay} 17:30`);
      const notices = (await new FileOutbox(outboxDir).list(worked.id)).map((m) => [m.notice.to, m.notice.type, Boolean(m.deliveredAt)]);
      assert.deepEqual(notices, [
        ['order-desk', 'report-daily-tracking', true],
        ['production', 'report-daily-tracking', true],
        ['supervisor', 'report-daily-tracking', true],
      ]);
      const row = await readModel.db.selectFrom('reports').selectAll().where('id', '=', worked.id).executeTakeFirstOrThrow();
      assert.ok(row.notified_at !== null && row.notice_problem === null);

      const off = await runAsScheduled('daily-tracking', holiday, '17:30');
      assert.deepEqual(off, {
        id: `daily-tracking-${holiday}`,
        status: 'skipped',
        skipReason: `${holiday} 公司假日 a company holiday`,
        notices: 0,
      });
      const skipped = await reportById(readModel.db, off.id);
      assert.deepEqual(
        [skipped?.status, skipped?.skipReason, skipped?.sheets[0].rows],
        ['skipped', off.skipReason, [{ reason: off.skipReason }]],
      );
      assert.deepEqual(await new FileOutbox(outboxDir).list(off.id), [], 'nobody is told on a holiday');

      const started = await startAsScheduled('weekly', monday, '08:30');
      // It waits for the next working day: once its timer is set, a day passes.
      await eventually(
        async () => (await started.fetchHistory()).events ?? [],
        (events) => events.some((e) => e.timerStartedEventAttributes),
      );
      await env.sleep(DAY);
      const weekly = (await started.result()) as ReportOutcome;
      assert.deepEqual([weekly.id, weekly.status], [`weekly-${monday}`, 'produced']);
      const week = await reportById(readModel.db, weekly.id);
      assert.deepEqual([week?.periodFrom, week?.periodTo], [addCalendarDays(monday, -7), addCalendarDays(monday, -1)]);
      assert.equal(
        localTime(week!.createdAt, timeZone),
        `${addCalendarDays(monday, 1)} 08:30`,
        'reported at 08:30 on the next working day',
      );
    });
  });
});

describe('reports policy (worker configuration)', () => {
  it("reads the reports' times and receivers from ORDERFLOW_POLICY_FILE, each time, and names a wrong one at start", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'orderflow-report-policy-')), 'policy.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        calendar: { holidays: ['2027-10-01'] },
        reports: { kinds: { weekly: { schedule: { at: '09:15', weekdays: [1] } } } },
      }),
    );
    const config = workerConfigFromEnvironment({ ORDERFLOW_POLICY_FILE: file });
    assert.equal(config.reportSchedules, true);
    assert.deepEqual(config.reportSettings().reports.kinds.weekly.schedule, { at: '09:15', weekdays: [1] });
    assert.deepEqual(config.reportSettings().calendar.holidays, ['2027-10-01']);
    // A holiday added to the file later: the next run reads it without a restart.
    fs.writeFileSync(file, JSON.stringify({ calendar: { holidays: ['2027-10-01', '2027-10-02'] } }));
    assert.deepEqual(config.reportSettings().calendar.holidays, ['2027-10-01', '2027-10-02']);
    assert.equal(workerConfigFromEnvironment({ ORDERFLOW_REPORT_SCHEDULES: 'false' }).reportSchedules, false);

    fs.writeFileSync(file, JSON.stringify({ reports: { kinds: { 'daily-tracking': { schedule: { at: '5:30pm' } } } } }));
    assert.throws(
      () => workerConfigFromEnvironment({ ORDERFLOW_POLICY_FILE: file }),
      /ORDERFLOW_POLICY_FILE: .*daily-tracking\.schedule\.at: HH:MM/,
    );
  });
});
