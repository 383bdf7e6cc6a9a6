import assert from 'node:assert/strict';
import { workflowIdOf } from '../../workflows/messages';
import { call, eventually, orderThrough, sendEvent, startApi, type ApiUnderTest } from '../support/api-server';
import { devServer } from '../support/servers';
import { intoProduction, type Step } from '../support/main-line';

// Orders that live for years: Temporal takes ~2,000 updates in one run, so the order continues as
// new on its own, in whatever stage, and an event sent around it is neither lost nor applied twice.

const EVENTS = 5000;
const CONCURRENCY = 8;

describe('an order that takes thousands of events (API, dev server)', function () {
  this.timeout(900_000);
  let api: ApiUnderTest;
  before(async () => {
    api = await startApi();
  });
  after(async () => api?.stop());

  it(`applies ${EVENTS} progress reports sent as fast as the API takes them, continuing as new, its state, clocks and timeline whole`, async () => {
    const orderNumber = `LONG-${process.pid}-${Date.now()}`;
    const mainLine: Step[] = [...intoProduction, ['technical', 'technical-order-issued', { orderRef: 'TO-1' }]];
    await orderThrough(api, orderNumber, 'C-LONG', mainLine);

    let next = 0;
    const failures: string[] = [];
    const lastKey = `long-${orderNumber}-${EVENTS - 1}`;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < EVENTS) {
          const i = next++;
          const answer = await sendEvent(
            api,
            orderNumber,
            'production',
            'progress-reported',
            { percentDone: i % 101, comment: `report ${i}` },
            `long-${orderNumber}-${i}`,
          );
          if (answer.status !== 200) failures.push(`${i}: ${answer.status} ${JSON.stringify(answer.body)}`);
        }
      }),
    );
    assert.deepEqual(failures, []);

    // A retry of an event already applied is answered and applied nothing twice, across runs too.
    assert.equal(
      (
        await sendEvent(
          api,
          orderNumber,
          'production',
          'progress-reported',
          { percentDone: (EVENTS - 1) % 101, comment: `report ${EVENTS - 1}` },
          lastKey,
        )
      ).status,
      200,
    );

    // 1,000 events a run by default: it continued as new at least four times.
    const { client } = await devServer();
    const runs: string[] = [];
    for await (const execution of client.workflow.list({ query: `WorkflowId = "${workflowIdOf(orderNumber)}"` }))
      runs.push(execution.status.name);
    assert.ok(runs.filter((status) => status === 'CONTINUED_AS_NEW').length >= 4, `runs: ${runs.join(', ')}`);

    const order = (await call(api, 'GET', `/api/v1/orders/${orderNumber}`, { role: 'production' })).body;
    assert.equal(order.stage, 'production');
    assert.deepEqual(
      order.openClocks.map((c: { name: string }) => c.name).sort(),
      ['overdue', 'progress-update', 'stalled-progress'],
      'the weekly progress clock and the watch clocks (promised date, stalled progress) run on in the new run',
    );
    assert.deepEqual(order.expectedEvents.sort(), [
      'cancelled',
      'change-requested',
      'delay-reported',
      'invoice-issued',
      'payment-received',
      'progress-reported',
      'qc-failed',
      'qc-passed',
    ]);
    const timeline = (await call(api, 'GET', `/api/v1/orders/${orderNumber}/timeline`, { role: 'production' })).body.timeline as {
      kind: string;
      type: string;
      detail: string;
    }[];
    const reports = timeline.filter((t) => t.kind === 'event' && t.type === 'progress-reported');
    assert.equal(reports.length, EVENTS, 'every report applied once');
    assert.equal(new Set(reports.map((t) => t.detail)).size, EVENTS);
    assert.deepEqual(
      timeline.filter((t) => t.kind === 'event' && t.type !== 'progress-reported').map((t) => t.type),
      mainLine.map(([, type]) => type),
    );
    const told = timeline.filter((t) => t.kind === 'notification' && t.type === 'production-notice');
    assert.equal(told.length, 2, 'finance and technical told of the production notice once each, not again in each new run');

    // The order goes on: QC passes it in the latest run, and it is listed once.
    assert.equal((await sendEvent(api, orderNumber, 'qc', 'qc-passed', { reportRef: 'QC-1' })).body.snapshot.stage, 'put-away');
    const listed = await eventually(
      () => call(api, 'GET', '/api/v1/orders?customerId=C-LONG', { role: 'production' }),
      (answer) =>
        answer.body.orders.some((o: { orderNumber: string; stage: string }) => o.orderNumber === orderNumber && o.stage === 'put-away'),
    );
    assert.equal(
      listed.body.orders.filter((o: { orderNumber: string }) => o.orderNumber === orderNumber).length,
      1,
      'listed once, not once per run',
    );
  });
});
