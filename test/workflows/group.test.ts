import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkflowFailedError, type ApplicationFailure } from '@temporalio/client';
import { channelForms, policyFor } from '../../client/channels';
import type { OrderInput } from '../../workflows/domain/order';
import { groupOrder as groupOrderWorkflow } from '../../workflows/group-order';
import { createOrderWorker } from '../../worker/worker';
import { simulate, type Scenario } from '../../scripts/simulator';
import { addCalendarDays, dateAt, startOfDate } from '../../workflows/domain/calendar';
import { withOwnTimeSkippingServer } from '../support/servers';
import { entries, step, type Step } from '../support/scenario';

// group order channel (团订, 003): the production tracking table's 17:30 deadline on the
// time-skipping test server, at real durations, in the company's time zone and calendar.

const HOUR = 3600_000;
const timeZone = 'Asia/Shanghai';
const run = (scenario: Scenario) => withOwnTimeSkippingServer((env) => simulate(env, { startAt: '09:00', ...scenario }));

/** The company date the scenario starts on (the next 09:00 company time, as `startAt` does). */
function startDay(): string {
  const now = Date.now(); // each simulation's own server starts at today's time
  const today = dateAt(now, timeZone);
  return startOfDate(today, timeZone) + 9 * HOUR > now ? today : addCalendarDays(today, 1);
}
/** 17:30 company time on a date. */
const halfPastFive = (date: string) => startOfDate(date, timeZone) + 17.5 * HOUR;

let orders = 0;
const groupOrder = (): Scenario['order'] => ({
  orderNumber: `G-${Date.now()}-${++orders}`,
  channel: 'group',
  customer: { id: 'C-G1', name: 'Suzhou Hotel Group', class: 'B' },
  salesRep: { id: 'rep-1' },
  lines: [{ productCode: 'VEST-1', quantity: 50, unitPrice: 20_000 }],
  delivery: { address: '1 Renmin Rd, Suzhou', contact: 'Ms Xu', phone: '13600000000' },
});

/** Contract stamped and the full advance in on day 0, the order pack handed over and signed: tracked from 12:00 on day 0. */
const intoTracking: Step[] = [
  step('PT1H', 'contract-stamped', 'finance', { contractRef: 'GC-1' }),
  step('PT2H', 'deposit-received', 'finance', { amount: 500_000, paymentRef: 'B-1' }),
  step('PT2H30M', 'order-pack-handed-over', 'order-desk', {
    measurementRequestRef: 'LT-1',
    productionOrderRef: 'SC-1',
    deliveryNoteRef: 'SH-1',
  }),
  step('PT2H40M', 'order-pack-signed', 'production', { receiptRef: 'P-1' }),
  step('PT3H', 'order-pack-signed', 'warehouse', { receiptRef: 'L-1' }),
];
const entry = (at: string) => step(at, 'progress-reported', 'order-desk', { percentDone: 10 });

describe('group order: the 17:30 production tracking table (time-skipping server)', function () {
  this.timeout(180_000);

  it('an entry made that day asks nothing; a working day without one is reported to the group-sales manager at 17:30 company time', async () => {
    const day0 = startDay();
    const result = await run({
      order: groupOrder(),
      policy: { calendar: { workingDays: [1, 2, 3, 4, 5, 6, 7] } },
      // Day 0: entered at 16:00. Day 1: none.
      steps: [...intoTracking, entry('PT7H')],
      until: 'P1DT9H',
    });
    const missed = entries(result.timeline, 'escalation', 'group-tracking');
    const day1 = addCalendarDays(day0, 1);
    assert.deepEqual(
      missed.map((t) => [t.to, t.detail]),
      [['group-sales-manager', `production tracking table not filled in by 17:30 on ${day1} (stage body-measurement)`]],
    );
    assert.ok(Date.parse(missed[0].at) - halfPastFive(day1) < 1000 && Date.parse(missed[0].at) >= halfPastFive(day1), missed[0].at);
    assert.deepEqual(result.snapshot.group!.missedEntries, [day1]);
    // The next deadline is open: day 2 at 17:30.
    const clock = result.snapshot.openClocks.find((c) => c.name === 'group-tracking')!;
    assert.equal(Date.parse(clock.dueAt), halfPastFive(addCalendarDays(day0, 2)));
  });

  it('a company holiday asks for no entry; the next working day does', async () => {
    const day0 = startDay();
    const [day1, day2] = [addCalendarDays(day0, 1), addCalendarDays(day0, 2)];
    const result = await run({
      order: groupOrder(),
      policy: { calendar: { workingDays: [1, 2, 3, 4, 5, 6, 7], holidays: [day1] } },
      steps: [...intoTracking, entry('PT7H')],
      until: 'P2DT9H',
    });
    assert.deepEqual(
      entries(result.timeline, 'escalation', 'group-tracking').map((t) => t.detail.split(' on ')[1].slice(0, 10)),
      [day2],
      'the holiday in between asked for nothing',
    );
    assert.deepEqual(result.snapshot.group!.missedEntries, [day2]);
  });

  it('after delivery and the balance, the customer is called back every 90 days (回访) by service and the sales rep', async () => {
    const result = await run({
      order: groupOrder(),
      policy: { channels: { group: { group: { processSteps: ['sewing'] } } } },
      steps: [
        ...intoTracking,
        step('PT4H', 'body-measurement-scheduled', 'production', { date: '2030-01-02' }),
        step('PT5H', 'body-measurement-done', 'production', { sheetRef: 'M-1' }),
        step('PT5H10M', 'fabric-purchased', 'purchasing', { purchaseRef: 'PO-1' }),
        step('PT5H20M', 'process-step-completed', 'production', { step: 'sewing' }),
        step('PT5H30M', 'stocked', 'warehouse', { location: 'G-1' }),
        step('PT6H', 'progress-reported', 'order-desk', { percentDone: 100 }),
        step('PT6H10M', 'shipped', 'warehouse', { carrier: 'own van', trackingRef: 'SH-1' }),
        step('PT6H20M', 'signed-for', 'customer', { receiptRef: 'JH-1' }),
        step('PT6H30M', 'payment-received', 'finance', { amount: 500_000, paymentRef: 'B-2' }),
      ],
      until: 'P91D',
    });
    assert.equal(result.stage, 'after-sales');
    const signedFor = Date.parse(entries(result.timeline, 'event', 'signed-for')[0].at);
    const callbacks = entries(result.timeline, 'reminder', 'group-callback');
    assert.deepEqual(
      callbacks.map((t) => t.to),
      ['service', 'sales-rep'],
    );
    assert.ok(Date.parse(callbacks[0].at) - (signedFor + 90 * 24 * HOUR) < 1000, callbacks[0].at);
    assert.equal(entries(result.timeline, 'escalation', 'group-tracking').length, 0, 'entered on the one tracked day');
  });

  it('a group order started without the channel’s settings (not through startOrder) fails at once, naming them', async () => {
    const failure = await withOwnTimeSkippingServer(async (env) => {
      const taskQueue = `group-no-policy-${Date.now()}`;
      const outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderflow-group-'));
      const worker = await createOrderWorker({
        connection: env.nativeConnection,
        namespace: env.namespace ?? 'default',
        taskQueue,
        outboxDir,
        shutdownForceTime: '5s',
      });
      try {
        return await worker.runUntil(async () => {
          const order = channelForms.group.createSchema.parse(groupOrder()) as OrderInput;
          const handle = await env.client.workflow.start(groupOrderWorkflow, {
            taskQueue,
            workflowId: `order-${order.orderNumber}`,
            args: [{ order, policy: policyFor('standard', 'B') }],
          });
          return handle.result().then(
            () => undefined,
            (error: WorkflowFailedError) => error.cause as ApplicationFailure,
          );
        });
      } finally {
        fs.rmSync(outboxDir, { recursive: true, force: true });
      }
    });
    assert.equal(failure?.message, 'invalid order or policy');
    assert.match(JSON.stringify(failure?.details), /policy\.group/);
  });
});
