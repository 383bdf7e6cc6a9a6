import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { RobotsConfig } from '../../activities/robots';
import { workflowIdOf } from '../../workflows/messages';
import { baselines } from '../../workflows/patches';
import type { TimelineEntry } from '../../workflows/domain/state';
import { call, eventually, orderThrough, startApi, type ApiUnderTest } from '../support/api-server';
import { patchIdsOf } from '../support/histories';
import { devServer } from '../support/servers';
import { intoProduction } from '../support/main-line';

// What an operator reads in the Temporal UI, read from the server as the UI reads it (describe, the
// workflow's metadata query, the history): the order's summary, its current stage and each notice's
// delivery in business words, Chinese with the English beside. And a group robot that refuses a notice
// (an error code in its 200 answer) makes a dead letter on the order, as the webhook's 4xx does. The Stack
// Trace tab shows where the order waits, in the few frames the sandbox records (workflows/stack-depth.ts).

describe('the Temporal UI in business words (dev server)', function () {
  let api: ApiUnderTest;
  let robot: http.Server;
  let refused = 0;

  before(async () => {
    // Production's WeCom robot whose key was revoked: WeCom answers 200 with errcode 93000.
    robot = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        refused++;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 93000, errmsg: 'invalid webhook url' }));
      });
    });
    await new Promise<void>((resolve) => robot.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(robot.address() as AddressInfo).port}/cgi-bin/webhook/send?key=revoked`;
    api = await startApi({
      robots: RobotsConfig.parse({
        robots: { 'production-group': { platform: 'wecom', url } },
        roles: { production: ['production-group'] },
      }),
    });
    await orderThrough(api, 'UI-1', 'C-UI', intoProduction);
  });
  after(async () => {
    await api?.stop();
    robot?.close();
  });

  it("shows the order's summary and its current stage in Chinese with the English beside", async () => {
    const { client } = await devServer();
    const handle = client.workflow.getHandle(workflowIdOf('UI-1'));
    const description = await handle.describe();
    assert.equal(await description.staticSummary(), '标准订单 UI-1 · Ningbo Lamps（A 类）| standard order UI-1 for Ningbo Lamps (class A)');
    assert.match((await description.staticDetails()) ?? '', /金额 amount: ¥5,000\.00/);
    // The current details, as the UI asks for them (the SDK's built-in metadata query).
    const details = await eventually(
      async () => (await handle.query<temporal.api.sdk.v1.IWorkflowMetadata>('__temporal_workflow_metadata')).currentDetails ?? '',
      (text) => text.includes('生产 (production)'),
    );
    const lines = details.split('\n\n');
    assert.equal(lines[0], '**生产中 (in production)** · 阶段 stage: **生产 (production)**');
    assert.ok(lines.includes('金额 amount ¥5,000.00 · 未收 balance due ¥5,000.00'), details);
    assert.ok(lines.includes('交期 promised date: 2031-05-01'), details);
    assert.ok(
      lines.some((line) => line.startsWith('等待 waits for: ') && line.includes('生产进度已更新 progress-reported')),
      details,
    );
    assert.ok(
      lines.some((line) => /^时钟 clock 技术单催办 \(technical order\): .* — \d{4}-\d\d-\d\d \d\d:\d\d \(Asia\/Shanghai\)$/.test(line)),
      details,
    );
  });

  it("names each notice's delivery and its order in the history's activity summaries, and each clock's timer", async () => {
    const { client } = await devServer();
    const history = await client.workflow.getHandle(workflowIdOf('UI-1')).fetchHistory();
    const summaryOf = (event: temporal.api.history.v1.IHistoryEvent) =>
      event.userMetadata?.summary ? defaultPayloadConverter.fromPayload<string>(event.userMetadata.summary) : undefined;
    const summaries = (history.events ?? []).filter((event) => event.activityTaskScheduledEventAttributes).map(summaryOf);
    const timers = (history.events ?? []).filter((event) => event.timerStartedEventAttributes).map(summaryOf);
    assert.ok(
      timers.some((summary) => summary?.startsWith('技术单催办 technical-order: ')),
      timers.join('\n'),
    );
    assert.ok(summaries.length >= 4, `${summaries.length} deliveries`);
    assert.ok(summaries.includes('通知 财务: 待价格审核 · UI-1 (notification to finance: price-review)'), summaries.join('\n'));
    assert.ok(summaries.includes('通知 生产部: 待评估交期 · UI-1 (notification to production: estimate-needed)'), summaries.join('\n'));
    assert.ok(
      summaries.every((summary) => summary?.endsWith(')') && summary.includes(' · UI-1 ')),
      summaries.join('\n'),
    );
  });

  it('records one patch marker on a new order (the newest baseline) and upserts its search attributes only as they change from its start', async () => {
    const { client } = await devServer();
    const handle = client.workflow.getHandle(workflowIdOf('UI-1'));
    const events = (await handle.fetchHistory()).events ?? [];
    assert.deepEqual(patchIdsOf(events), [baselines[0].id]);
    const versions = events.filter((event) =>
      Object.keys(event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}).includes(
        'TemporalChangeVersion',
      ),
    );
    assert.equal(versions.length, 1);
    assert.deepEqual((await handle.describe()).searchAttributes.TemporalChangeVersion, [baselines[0].id]);
    // Listed by its starter, the order upserts its search attributes only as they change: not once more as started.
    const stageOf = (fields: temporal.api.common.v1.ISearchAttributes | null | undefined) =>
      fields?.indexedFields?.OrderStage ? defaultPayloadConverter.fromPayload<string>(fields.indexedFields.OrderStage) : undefined;
    const stages = [
      stageOf(events[0].workflowExecutionStartedEventAttributes?.searchAttributes),
      ...events.map((event) => stageOf(event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes)).filter(Boolean),
    ];
    assert.deepEqual(stages.slice(0, 2), ['intake', 'price-review']);
  });

  it('shows in the Stack Trace tab the line each wait of the order is on, in three frames at most', async () => {
    const { client } = await devServer();
    // The UI's Stack Trace tab sends this query: one stack per place the workflow waits, frames separated by newlines.
    const stacks = (await client.workflow.getHandle(workflowIdOf('UI-1')).query<string>('__stack_trace'))
      .split('\n\n')
      .map((stack) => stack.split('\n').filter((line) => line.trim().startsWith('at ')));
    const frames = stacks.map((stack) => stack.length);
    assert.ok(stacks.length >= 5, `${stacks.length} stacks`);
    assert.ok(Math.max(...frames) <= 3, `frames per stack: ${frames.join(' ')}`);
    assert.ok(
      stacks.some((stack) => /workflows\/order-runtime\.ts:\d+:\d+\)$/.test(stack[0])),
      stacks.map((stack) => stack.join('\n')).join('\n\n'),
    );
  });

  it("dead-letters a notice the group robot refuses, with the platform's answer as the reason", async () => {
    const timeline = await eventually(
      async () => (await call(api, 'GET', '/api/v1/orders/UI-1/timeline', { role: 'supervisor' })).body.timeline as TimelineEntry[],
      (entries) => entries.some((e) => e.kind === 'notice-not-delivered'),
    );
    const letters = timeline.filter((e) => e.kind === 'notice-not-delivered');
    assert.ok(letters.length >= 1);
    assert.match(letters[0].detail, /WeCom robot production-group refused the notice \(errcode 93000: invalid webhook url\)/);
    assert.ok(refused >= 1);
    const deadLetters = await call(api, 'GET', '/api/v1/orders/UI-1/dead-letters', { role: 'operator' });
    assert.equal(deadLetters.status, 200);
    assert.ok(deadLetters.body.deadLetters.every((d: { notice: { to: string } }) => d.notice.to === 'production'));
  });

  it("answers the saved list views the README gives operators (the order desk's, late orders, a customer, a stage, a rep, dead letters)", async () => {
    const { client } = await devServer();
    const orderIds = async (query: string) => {
      const ids: string[] = [];
      for await (const execution of client.workflow.list({ query: `${query} AND TaskQueue = '${api.taskQueue}'` }))
        ids.push(execution.workflowId);
      return ids;
    };
    const views: [string, boolean][] = [
      ["OrderStage IN ('intake', 'confirmation', 'confirmation-return') AND ExecutionStatus = 'Running'", false],
      ["OrderLate = true AND ExecutionStatus = 'Running'", false],
      [
        "PromisedDate <= '2031-05-07T23:59:59+08:00' AND OrderStatus IN ('in-production', 'awaiting-shipment') AND ExecutionStatus = 'Running'",
        true,
      ],
      ["CustomerId = 'C-UI'", true],
      ["OrderStage = 'production'", true],
      ["SalesRep = 'rep-1' AND ExecutionStatus = 'Running'", true],
      ['UndeliveredNotices > 0', true],
    ];
    for (const [query, listsIt] of views) {
      const ids = await eventually(
        () => orderIds(query),
        (found) => found.includes(workflowIdOf('UI-1')) === listsIt,
      );
      assert.equal(ids.includes(workflowIdOf('UI-1')), listsIt, query);
    }
  });
});
