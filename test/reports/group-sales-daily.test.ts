import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, type ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import { FileOutbox } from '../../activities/outbox';
import { reportScheduleOptions } from '../../client/report-schedules';
import { reportSettings } from '../../client/reports-policy';
import { localTime } from '../../read-model/report-formats';
import { reportById } from '../../read-model/report-store';
import { createProspect, recordActivityLine } from '../../read-model/sales-pipeline';
import { ReadModel } from '../../read-model/store';
import { addCalendarDays, dateAt, isWorkingDay, startOfDate } from '../../workflows/domain/calendar';
import { endsItsWorkingWeek, previousWorkingDay } from '../../workflows/domain/sales-pipeline';
import type { ReportOutcome } from '../../workflows/reports/types';
import { createOrderWorker } from '../../worker/worker';
import { withOwnTimeSkippingServer } from '../support/servers';

// The group sales manager's morning summary (团订, 003 §1.4: before 09:00) run by the report workflow on
// the time-skipping server, started as its Temporal Schedule starts it: at 08:30 on a working day it
// summarises the working day before and tells the group sales manager; on a holiday it records a skip
// and tells nobody. (The schedule's own times are checked on the CLI dev server, schedules.test.ts.)

const timeZone = 'Asia/Shanghai';
const settings0 = reportSettings();

function nextWorkingDay(date: string, calendar = settings0.calendar): string {
  let day = addCalendarDays(date, 1);
  while (!isWorkingDay(day, calendar)) day = addCalendarDays(day, 1);
  return day;
}

describe('group sales morning summary on the company clock (time-skipping server)', function () {
  this.timeout(180_000);

  it('reports at 08:30 on a working day for the working day before, to the group sales manager; a holiday records a skip', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderflow-group-sales-'));
    const readModel = await ReadModel.open({ kind: 'sqlite', file: path.join(dir, 'read-model.sqlite') });
    try {
      await withOwnTimeSkippingServer(async (env) => {
        const workingDay = nextWorkingDay(dateAt((await env.currentTimeMs()) + 24 * 3600_000, timeZone));
        const holiday = nextWorkingDay(workingDay);
        const settings = reportSettings({ calendar: { holidays: [holiday] } });
        const covered = previousWorkingDay(workingDay, settings.calendar);
        // One rep texted the day before; another kept a prospect but texted nothing.
        const rep = { id: 'rep-zhang', name: '张伟 Zhang Wei' };
        await recordActivityLine(
          readModel.db,
          rep,
          covered,
          { hq: 2, zl: 1, fa: 0, cc: 1, contracts: 1, contractAmount: 2_000_000, commission: 60_000 },
          rep.id,
          `${covered}T12:00:00.000Z`,
        );
        await createProspect(
          readModel.db,
          { id: 'P-1', company: 'Hangzhou Yintai Hotel', rep: { id: 'rep-wang', name: null }, openedOn: '2026-01-05' },
          '2026-01-05T02:00:00.000Z',
          { key: 'k', digest: 'd' },
        );

        const taskQueue = `group-sales-${process.pid}-${Date.now()}`;
        const worker = await createOrderWorker({
          connection: env.nativeConnection,
          namespace: env.namespace ?? 'default',
          taskQueue,
          outboxDir: dir,
          readModel,
          reportSettings: () => settings,
        });
        // Results through a plain client: the testing client's result() lets the server skip to any timer it holds.
        const client = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });
        const action = reportScheduleOptions('group-sales-daily', settings, taskQueue).action as ScheduleOptionsStartWorkflowAction<never>;
        const runAt = async (date: string) => {
          await env.sleep(startOfDate(date, timeZone) + (8 * 60 + 30) * 60_000 - (await env.currentTimeMs()));
          const handle = await client.workflow.start(action.workflowType, {
            args: action.args,
            taskQueue: action.taskQueue,
            workflowId: `${action.workflowId}-${date}`,
          });
          return (await handle.result()) as ReportOutcome;
        };

        await worker.runUntil(async () => {
          const worked = await runAt(workingDay);
          assert.deepEqual(worked, { id: `group-sales-daily-${workingDay}`, status: 'produced', skipReason: null, notices: 1 });
          const report = await reportById(readModel.db, worked.id);
          assert.deepEqual([report?.periodFrom, report?.periodTo], [covered, covered]);
          const createdAt = localTime(report!.createdAt, timeZone);
          assert.ok(createdAt.startsWith(`${workingDay} 08:`) && createdAt < `${workingDay} 09:00`, `made ${createdAt}, before 09:00`);
          assert.deepEqual(report?.summary, {
            reps: 2,
            repsReporting: 1,
            hq: 2,
            zl: 1,
            fa: 0,
            cc: 1,
            contracts: 1,
            contractAmount: 2_000_000,
            commission: 60_000,
            // Zhang: pipeline 0/150. Wang: no line, pipeline 1/150, visits 0/3. When the day ends its working week, both
            // fall short of 25 effective activities too.
            shortfalls: endsItsWorkingWeek(covered, settings.calendar) ? 6 : 4,
            repsWithShortfalls: 2,
          });
          const notices = (await new FileOutbox(dir).list(worked.id)).map((m) => [m.notice.to, m.notice.type, Boolean(m.deliveredAt)]);
          assert.deepEqual(notices, [['group-sales-manager', 'report-group-sales-daily', true]]);
          assert.match(
            (await new FileOutbox(dir).list(worked.id))[0].notice.detail,
            /团订业务经理每日工作记录 .*hq=2, zl=1, fa=0, cc=1, contracts=1.*未达标 shortfalls: rep-wang 未报日报 No activity line recorded 0\/1, .*张伟 Zhang Wei 客户储备不足 Pipeline below standard 0\/150/,
          );

          const off = await runAt(holiday);
          assert.deepEqual(off, {
            id: `group-sales-daily-${holiday}`,
            status: 'skipped',
            skipReason: `${holiday} 公司假日 a company holiday`,
            notices: 0,
          });
          assert.deepEqual(await new FileOutbox(dir).list(off.id), [], 'nobody is told on a holiday');
        });
      });
    } finally {
      await readModel.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
