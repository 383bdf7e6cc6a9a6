import assert from 'node:assert/strict';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Cluster } from '../../scripts/cluster';
import type { Role } from '../../workflows/domain/order';
import { call, eventually, startApi, type ApiUnderTest, type Call } from '../support/api-server';
import { clusterStartTimeoutMs, stopTestCluster, testCluster } from '../support/cluster';
import { toPaid } from '../support/main-line';

// The production path: the API and a worker against Temporal 1.28.1 as four services on PostgreSQL
// (scripts/cluster.ts). The history service is killed with SIGKILL while orders are being driven
// through the API; callers keep sending, retrying each request with its own Idempotency-Key as the
// 503's Retry-After says. Nothing may answer 500, and every event is applied exactly once.

const orders = 10;
const run = `${process.pid}-${Date.now().toString(36)}`;
const customerId = `C-CLUSTER-${run}`;

const order = (orderNumber: string) => ({
  orderNumber,
  customer: { id: customerId, name: 'Ningbo Lamps', class: 'A' },
  salesRep: { id: 'rep-li', name: 'Li Na' },
  lines: [{ productCode: 'LAMP-PD-60', quantity: 12, unitPrice: 32_000 }],
  delivery: { address: '88 Zhongshan Rd, Ningbo', contact: 'Mr Zhao', phone: '+86 574 0000 0000' },
});

/** Its main line from the first confirmation to its payment in full (12 at ¥320). */
const paid = toPaid(384_000);

interface Answer {
  at: number;
  ms: number;
  what: string;
  status: number;
  retryAfter: string | null;
  body: unknown;
}

describe('a history service killed mid-run (Temporal 1.28.1 cluster on PostgreSQL)', function () {
  this.timeout(10 * 60_000);
  let cluster: Cluster;
  let temporal: TestWorkflowEnvironment;
  let api: ApiUnderTest;

  before(async function () {
    this.timeout(clusterStartTimeoutMs);
    cluster = await testCluster();
    temporal = await TestWorkflowEnvironment.createFromExistingServer({ address: cluster.address, namespace: cluster.namespace });
    api = await startApi({ temporal });
  });
  after(async () => {
    await api?.stop();
    await temporal?.teardown();
    // Unless the other suites run on it (npm run test:cluster), the cluster need not idle through the rest of the run.
    if (cluster && process.env.TEMPORAL_ADDRESS !== cluster.address) await stopTestCluster();
  });

  it('answers 503 with Retry-After (never 500) while history is down, and every order finishes with each event applied once', async () => {
    const answers: Answer[] = [];
    let down: { from: number; to?: number } | undefined;
    const downAt = (at: number) => down !== undefined && at >= down.from && (down.to === undefined || at <= down.to);

    const timed = async (what: string, request: () => Promise<Call>): Promise<Call> => {
      const sent = Date.now();
      const answer = await request();
      answers.push({
        at: Date.now(),
        ms: Date.now() - sent,
        what,
        status: answer.status,
        retryAfter: answer.headers.get('retry-after'),
        body: answer.body,
      });
      return answer;
    };
    /** One request, retried with the same Idempotency-Key until it is answered other than 503/429. */
    const send = async (what: string, role: Role, url: string, body: unknown, key: string): Promise<Call> => {
      for (;;) {
        const answer = await timed(what, () => call(api, 'POST', url, { role, body, key }));
        if (answer.status !== 503 && answer.status !== 429) return answer;
        await new Promise((resolve) => setTimeout(resolve, Number(answer.headers.get('retry-after')) * 1000));
      }
    };
    const progress = new Array<number>(orders).fill(0);

    const drive = async (i: number) => {
      const orderNumber = `SO-CL-${run}-${i}`;
      const created = await send(`create ${orderNumber}`, 'order-desk', '/api/v1/orders', order(orderNumber), `create-${orderNumber}`);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      for (const [step, [role, type, data]] of paid.entries()) {
        const answer = await send(
          `${type} ${orderNumber}`,
          role,
          `/api/v1/orders/${orderNumber}/events`,
          { type, data: data ?? {} },
          `${orderNumber}-${step}`,
        );
        assert.equal(answer.status, 200, `${type} on ${orderNumber}: ${JSON.stringify(answer.body)}`);
        progress[i] = step + 1;
      }
      return orderNumber;
    };

    const outage = (async () => {
      // Mid-run: every order has some events applied and most are still to come.
      await eventually(
        async () => Math.min(...progress),
        (least) => least >= 3,
        5 * 60_000,
      );
      down = { from: Date.now() };
      await cluster.stopService('history', 'SIGKILL');
      // Reads meet the outage too: an order's snapshot needs history; the listing reads SQL visibility.
      for (const url of [`/api/v1/orders/SO-CL-${run}-0`, `/api/v1/orders?customerId=${customerId}`]) {
        await timed(`GET ${url}`, () => call(api, 'GET', url, { role: 'order-desk' }));
      }
      // Keep history down until the callers have met the outage: a few 503s, or 30 s.
      await eventually(
        async () => answers.filter((a) => a.status === 503 && downAt(a.at)).length,
        (n) => n >= orders,
        30_000,
      );
      await cluster.startService('history');
      down.to = Date.now();
    })();
    const numbers = await Promise.all([...Array(orders).keys()].map(drive));
    await outage;

    const refusals = answers.filter((a) => a.status >= 500 && a.status !== 503);
    assert.deepEqual(refusals, [], 'no server error other than 503');
    const duringOutage = answers.filter((a) => downAt(a.at) && a.status === 503);
    assert.ok(duringOutage.length > 0, 'the callers met the outage');
    const byStatus: Record<number, number> = {};
    for (const { status } of answers) byStatus[status] = (byStatus[status] ?? 0) + 1;
    const slowest = duringOutage.reduce((a, b) => (b.ms > a.ms ? b : a));
    console.log(
      `      ${answers.length} requests; answers by status ${JSON.stringify(byStatus)}; history down ${((down!.to! - down!.from) / 1000).toFixed(1)} s; ` +
        `slowest 503 ${slowest.ms} ms (${slowest.what}); reads while down: ` +
        answers
          .filter((a) => a.what.startsWith('GET'))
          .map((a) => `${a.what} → ${a.status} in ${a.ms} ms`)
          .join(', '),
    );
    for (const answer of answers.filter((a) => a.status === 503 || a.status === 429)) {
      assert.match(answer.retryAfter ?? '', /^\d+$/, `${answer.what}: ${answer.status} without Retry-After`);
    }

    for (const orderNumber of numbers) {
      const snapshot = await call(api, 'GET', `/api/v1/orders/${orderNumber}`, { role: 'order-desk' });
      assert.equal(snapshot.body.status, 'completed', `${orderNumber}: ${JSON.stringify(snapshot.body)}`);
      const { body } = await call(api, 'GET', `/api/v1/orders/${orderNumber}/timeline`, { role: 'order-desk' });
      const applied = (body.timeline as { kind: string; type: string }[]).filter((t) => t.kind === 'event').map((t) => t.type);
      assert.deepEqual(
        applied,
        paid.map(([, type]) => type),
        `${orderNumber}: each event applied once, in order`,
      );
      assert.deepEqual(
        (body.timeline as { kind: string }[]).filter((t) => t.kind === 'rejected-event'),
        [],
      );
    }

    // The README's list filters, on SQL visibility.
    const list = (query: string) => call(api, 'GET', `/api/v1/orders?${query}`, { role: 'sales-rep' });
    const completed = await eventually(
      () => list(`status=completed&customerId=${customerId}&pageSize=100`),
      (page) => page.body.orders?.length === orders,
      30_000,
    );
    assert.equal(completed.status, 200, JSON.stringify(completed.body));
    assert.deepEqual(completed.body.orders.map((o: { orderNumber: string }) => o.orderNumber).sort(), [...numbers].sort());
    const pending = await list(`status=pending-confirmation&customerId=${customerId}`);
    assert.deepEqual(pending.body.orders, []);
    const firstPage = await list(`customerId=${customerId}&pageSize=4`);
    assert.equal(firstPage.body.orders.length, 4);
    const secondPage = await list(`customerId=${customerId}&pageSize=4&pageToken=${encodeURIComponent(firstPage.body.nextPageToken)}`);
    assert.equal(secondPage.body.orders.length, 4);
    assert.equal(new Set([...firstPage.body.orders, ...secondPage.body.orders].map((o: { orderNumber: string }) => o.orderNumber)).size, 8);
  });
});
