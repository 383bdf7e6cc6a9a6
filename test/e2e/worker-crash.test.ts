import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { FileOutbox } from '../../activities/outbox';
import { OrderInput } from '../../workflows/domain/order';
import { policyFor, startOrder } from '../../client/channels';
import { eventSignal, snapshotQuery, submitEvent, timelineQuery } from '../../workflows/messages';
import type { OrderEvent } from '../../workflows/domain/events';
import { devServer } from '../support/servers';
import { standardOrder } from '../support/scenario';

// A real worker process, killed with SIGKILL in the middle of an order and started again: the
// order finishes with every event applied once and every message sent once (CLI dev server).

const root = path.resolve(__dirname, '..', '..', '..');
const taskQueue = `crash-test-${process.pid}`;
const outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderflow-crash-'));

function startWorker(address: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(root, 'dist', 'worker', 'main.js')], {
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: address,
      TEMPORAL_TASK_QUEUE: taskQueue,
      ORDERFLOW_OUTBOX_DIR: outboxDir,
      ORDERFLOW_LOG_LEVEL: 'WARN',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('polling task queue')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

const event = (type: string, role: OrderEvent['actor']['role'], data: Record<string, unknown> = {}) =>
  ({ type, actor: { id: `${role}-1`, role }, data }) as OrderEvent;

describe('a worker killed in the middle of an order (dev server)', function () {
  this.timeout(120_000);
  let worker: ChildProcess | undefined;

  after(async () => {
    if (worker && worker.exitCode === null) await killed(worker);
    fs.rmSync(outboxDir, { recursive: true, force: true });
  });

  it('finishes the order after a restart with no lost event and no duplicated message', async () => {
    const env = await devServer();
    worker = await startWorker(env.address);
    const order = OrderInput.parse(standardOrder({ deposit: { kind: 'rate', basisPoints: 2000 } }));
    const handle: WorkflowHandle = await startOrder(
      env.client,
      { order, policy: policyFor(order.channel, order.customer.class) },
      { taskQueue },
    );
    const send = (e: OrderEvent) => handle.executeUpdate(submitEvent, { args: [e] });
    await send(event('order-confirmed', 'order-desk'));
    await send(event('price-approved', 'finance'));
    await send(event('delivery-date-estimated', 'production', { promisedDate: '2031-06-01' }));
    await send(event('confirmation-sent', 'order-desk', { documentRef: 'OC-1' }));
    await send(event('signed-confirmation-returned', 'order-desk', { documentRef: 'OC-1s' }));

    await killed(worker);
    // While no worker runs, events still arrive (as signals: an update would wait for a worker);
    // they reach the workflow together, in one workflow task, when a worker is back.
    const whileDown = [
      event('deposit-received', 'finance', { amount: 100_000, paymentRef: 'B-1' }),
      event('production-notice-issued', 'finance', { noticeRef: 'PN-1' }),
      event('technical-order-issued', 'technical', { orderRef: 'TO-1' }),
      event('qc-passed', 'qc', { reportRef: 'QC-1' }),
      event('stocked', 'warehouse', { location: 'A-1' }),
    ];
    for (const e of whileDown) await handle.signal(eventSignal, e);

    worker = await startWorker(env.address);
    await send(event('shipping-requested', 'order-desk', { requestRef: 'SR-1' }));
    await send(event('shipped', 'warehouse', { carrier: 'SF', trackingRef: 'SF1' }));
    const snapshot = await send(event('signed-for', 'customer', { receiptRef: 'AR-1' }));

    assert.equal(snapshot.status, 'completed');
    const timeline = await handle.query(timelineQuery);
    assert.deepEqual(
      timeline.filter((t) => t.kind === 'rejected-event'),
      [],
    );
    assert.equal(timeline.filter((t) => t.kind === 'event').length, 5 + whileDown.length + 3);

    // Every message on the timeline is in the outbox exactly once, delivered.
    const messages = timeline.filter((t) => ['notification', 'reminder', 'escalation'].includes(t.kind));
    let delivered = await new FileOutbox(outboxDir).list(order.orderNumber);
    for (let i = 0; i < 50 && delivered.length < messages.length; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      delivered = await new FileOutbox(outboxDir).list(order.orderNumber);
    }
    assert.equal(delivered.length, messages.length);
    assert.equal(new Set(delivered.map((m) => m.key)).size, delivered.length);
    assert.ok(delivered.every((m) => m.deliveredAt));
    assert.equal((await handle.query(snapshotQuery)).received, 100_000);
    await handle.terminate('test done');
  });
});
