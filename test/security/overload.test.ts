import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { createApp } from '../../api/app';
import { apiConfigFromEnvironment } from '../../api/config';
import { developmentTokens } from '../../api/auth';
import { apiGrpcRetryInterceptor } from '../../api/overload';
import { defaultPolicy } from '../../workflows/domain/policy';
import type { TimelineEntry } from '../../workflows/domain/state';
import { createOrderWorker } from '../../worker/worker';
import { call, eventually, newKey, orderThrough, startApi, type ApiUnderTest, type Call } from '../support/api-server';
import { devServer } from '../support/servers';
import { intoProduction } from '../support/main-line';

// Overload and outages answered honestly: 429 or 503 with Retry-After, never a 500, never a wait
// without end; nothing accepted twice, nothing lost.

let orders = 0;
const uniqueNumber = () => `OV-${process.pid}-${++orders}`;
const smallOrder = (customerId = 'C-OV') => ({
  customer: { id: customerId, name: 'Wuxi Lamps', class: 'A' },
  salesRep: { id: 'rep-ov' },
  lines: [{ productCode: 'LAMP-1', quantity: 10, unitPrice: 50_000 }],
  delivery: { address: 'No. 5 Road', contact: 'Mr Gu', phone: '13600000000' },
});

function assertProblem(answer: Call, status: number, type: string) {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.equal(answer.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  assert.equal(answer.body.type, `urn:orderflow:problem:${type}`, JSON.stringify(answer.body));
  assert.match(answer.headers.get('retry-after') ?? '', /^\d+$/, 'Retry-After says when to come back');
  assert.doesNotMatch(JSON.stringify(answer.body), /workflow|grpc|RESOURCE_EXHAUSTED|deadline/i, 'business words only');
}

async function inProduction(api: ApiUnderTest) {
  const id = uniqueNumber();
  await orderThrough(api, id, 'C-OV', intoProduction);
  return id;
}

/** 250 progress reports at once to one order: each answered one of `allowed`, and each accepted one on the timeline once. */
async function burst(api: ApiUnderTest, id: string, allowed = [200, 409, 429]) {
  const sent = Array.from({ length: 250 }, (_, i) => ({ key: newKey(), note: `burst report ${i}` }));
  const answers = await Promise.all(
    sent.map(({ key, note }) =>
      call(api, 'POST', `/api/v1/orders/${id}/events`, {
        role: 'production',
        key,
        body: { type: 'progress-reported', data: { percentDone: 50 }, note },
      }),
    ),
  );
  const byStatus = new Map<number, number>();
  for (const answer of answers) byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
  assert.deepEqual(
    [...byStatus.keys()].filter((s) => !allowed.includes(s)),
    [],
    `answers by status: ${JSON.stringify([...byStatus])}`,
  );
  for (const answer of answers.filter((a) => a.status === 429)) assertProblem(answer, 429, 'too-many-requests');
  for (const answer of answers.filter((a) => a.status === 503)) assertProblem(answer, 503, 'temporal-unavailable');
  // Temporal may refuse a query to the order for a moment after the burst (a 429 or 503, as the burst's own
  // answers were): the timeline is read once the order answers.
  const timelineOf = async () => {
    const read = () => call(api, 'GET', `/api/v1/orders/${id}/timeline`, { role: 'production' });
    const answer = await eventually(read, ({ status }) => status !== 429 && status !== 503, 30_000);
    assert.equal(answer.status, 200, `the timeline after the burst: ${JSON.stringify(answer.body)}`);
    return answer.body.timeline as TimelineEntry[];
  };
  const reportsOf = (timeline: TimelineEntry[]) =>
    timeline.filter((t) => t.kind === 'event' && t.type === 'progress-reported').map((t) => t.detail.split(' — ')[1]);
  const reports = reportsOf(await timelineOf());
  assert.equal(new Set(reports).size, reports.length, 'no report applied twice');
  for (const [i, { note }] of sent.entries()) {
    if (answers[i].status === 200) assert.ok(reports.includes(note), `${note} was accepted: it is on the timeline`);
  }
  // A report refused for overload may still have been taken by the order (Temporal admitted it before the
  // answer was lost): its retry with the same key is then answered 200 and applies nothing again.
  const taken = sent.filter(({ note }, i) => answers[i].status !== 200 && reports.includes(note));
  for (const { key, note } of taken) {
    const retried = await call(api, 'POST', `/api/v1/orders/${id}/events`, {
      role: 'production',
      key,
      body: { type: 'progress-reported', data: { percentDone: 50 }, note },
    });
    assert.equal(retried.status, 200, JSON.stringify(retried.body));
  }
  assert.equal(reportsOf(await timelineOf()).length, reports.length, 'the retries applied nothing');
  return byStatus;
}

/** The order takes an event once a burst is over (Temporal may still refuse for a moment: then it is retried). */
async function takesAnotherEvent(api: ApiUnderTest, id: string) {
  const key = newKey();
  const report = () =>
    call(api, 'POST', `/api/v1/orders/${id}/events`, {
      role: 'production',
      key,
      body: { type: 'progress-reported', data: { percentDone: 60 } },
    });
  const answer = await eventually(report, ({ status }) => status !== 429 && status !== 503, 30_000);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
}

describe('overload and outage settings', () => {
  it('allow 8 events in flight per order and wait 7 s for Temporal by default, and name a wrong value', () => {
    const config = apiConfigFromEnvironment({});
    assert.equal(config.maxInFlightPerOrder, 8, "under Temporal's own 10 in-flight updates per order");
    assert.equal(config.temporalTimeoutMs, 7000, 'an outage is answered within 10 s');
    assert.equal(apiConfigFromEnvironment({ ORDERFLOW_MAX_INFLIGHT_PER_ORDER: '3' }).maxInFlightPerOrder, 3);
    assert.throws(() => apiConfigFromEnvironment({ ORDERFLOW_MAX_INFLIGHT_PER_ORDER: '0' }), /ORDERFLOW_MAX_INFLIGHT_PER_ORDER/);
  });
});

describe('overload: 429 with Retry-After, never a 500 (dev server)', function () {
  let api: ApiUnderTest;
  let connection: Connection;
  /** A client connected as api/main.ts connects: the API's own gRPC retries. */
  const apiClient = () => new Client({ connection, namespace: 'default' });
  before(async () => {
    connection = await Connection.connect({ address: (await devServer()).address, interceptors: [apiGrpcRetryInterceptor()] });
    api = await startApi({ client: apiClient() });
  });
  after(async () => {
    await api?.stop();
    await connection?.close();
  });

  it('answers 250 concurrent events to one order 200, 409 or 429, and applies each accepted one once', async () => {
    const id = await inProduction(api);
    const byStatus = await burst(api, id);
    assert.ok((byStatus.get(200) ?? 0) > 0, `within the in-flight limit, events are accepted: ${JSON.stringify([...byStatus])}`);
    assert.ok((byStatus.get(429) ?? 0) > 0, 'beyond the in-flight limit: 429 before Temporal');
    await takesAnotherEvent(api, id);
  });

  it("answers Temporal's own RESOURCE_EXHAUSTED 429 at once, without the client retrying it for ~40 s", async () => {
    // No limit of ours: Temporal refuses the updates beyond its own in-flight limit per order.
    const unlimited = await startApi({ maxInFlightPerOrder: 1000, client: apiClient() });
    try {
      const id = await inProduction(unlimited);
      // Under this load Temporal also aborts a few admitted updates ("update was aborted", UNAVAILABLE): a 503.
      const byStatus = await burst(unlimited, id, [200, 409, 429, 503]);
      // Retried by the client, they would run into the request's deadline and be 503s, after 7 s each.
      assert.ok((byStatus.get(429) ?? 0) > 0, 'Temporal refused some, and the caller heard so at once: 429');
      // On a slow machine Temporal may abort every update it admitted (all 503s, none accepted): the callers were
      // told to retry, and the order is unharmed.
      await takesAnotherEvent(unlimited, id);
    } finally {
      await unlimited.stop();
    }
  });
});

describe('outages: 503 with Retry-After within 10 s, and nothing created twice (dev server)', function () {
  this.timeout(240_000);
  let api: ApiUnderTest;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let outboxDir: string;
  let connection: Connection;
  const startWorker = async () => {
    const env = await devServer();
    worker = await createOrderWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue: api.taskQueue,
      outboxDir,
      shutdownForceTime: '5s',
      readModel: api.readModel,
    });
    running = worker.run();
  };
  const stopWorker = async () => {
    worker?.shutdown();
    await running;
    worker = undefined;
  };
  before(async () => {
    outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderflow-outage-'));
    // Connected as api/main.ts connects: the SDK's own retries of a refused query would outlast the deadline.
    connection = await Connection.connect({ address: (await devServer()).address, interceptors: [apiGrpcRetryInterceptor()] });
    api = await startApi({ worker: false, client: new Client({ connection, namespace: 'default' }) });
    await startWorker();
  });
  after(async () => {
    await stopWorker();
    await api?.stop();
    await connection?.close();
    if (outboxDir) fs.rmSync(outboxDir, { recursive: true, force: true });
  });

  it('answers events, reads and creates 503 while no worker polls, /readyz too; the retried create is the same one order', async () => {
    const id = await inProduction(api);
    assert.equal((await fetch(`${api.url}/readyz`)).status, 200);
    await stopWorker();

    const customerId = `C-OUT-${process.pid}-${Date.now()}`;
    const key = newKey();
    const timed = async (name: string, answer: Promise<Call>) => {
      const started = Date.now();
      return { name, answer: await answer, ms: Date.now() - started };
    };
    const answers = await Promise.all([
      timed(
        'event',
        call(api, 'POST', `/api/v1/orders/${id}/events`, {
          role: 'production',
          body: { type: 'progress-reported', data: { percentDone: 70 } },
        }),
      ),
      timed('snapshot', call(api, 'GET', `/api/v1/orders/${id}`, { role: 'production' })),
      timed('timeline', call(api, 'GET', `/api/v1/orders/${id}/timeline`, { role: 'production' })),
      timed('create', call(api, 'POST', '/api/v1/orders', { role: 'order-desk', body: smallOrder(customerId), key })),
    ]);
    const times = answers.map(({ name, ms }) => `${name} ${ms} ms`).join(', ');
    assert.ok(
      answers.every(({ ms }) => ms < 10_000),
      `answered in ${times}`,
    );
    const [event, snapshot, timeline, created] = answers.map(({ answer }) => answer);
    for (const answer of [event, created]) assertProblem(answer, 503, 'temporal-unavailable');
    // Temporal holds one read of an order that is not answering and refuses the next (the order is busy): a 429.
    for (const answer of [snapshot, timeline]) {
      if (answer.status === 429) assertProblem(answer, 429, 'too-many-requests');
      else assertProblem(answer, 503, 'temporal-unavailable');
    }

    // Temporal lists a stopped worker's poller until it is a minute stale.
    const readiness = await eventually(
      () => fetch(`${api.url}/readyz`),
      (r) => r.status === 503,
      90_000,
    );
    assert.equal(readiness.status, 503);
    assert.match(((await readiness.json()) as { detail: string }).detail, /no worker polls the task queue/);

    await startWorker();
    const retried = await call(api, 'POST', '/api/v1/orders', { role: 'order-desk', body: smallOrder(customerId), key });
    assert.ok([200, 201].includes(retried.status), JSON.stringify(retried.body));
    assert.equal(retried.body.customer.id, customerId);
    const listed = await eventually(
      () => call(api, 'GET', `/api/v1/orders?customerId=${customerId}`, { role: 'order-desk' }),
      (page) => page.body.orders?.length > 0,
    );
    assert.deepEqual(
      listed.body.orders.map((o: { orderNumber: string }) => o.orderNumber),
      [retried.body.orderNumber],
      'one order, not two',
    );
    assert.equal((await fetch(`${api.url}/readyz`)).status, 200);
  });

  it('answers 503 within 10 s when Temporal cannot be reached at all, /readyz too', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const connection = Connection.lazy({ address: `127.0.0.1:${closedPort}`, interceptors: [apiGrpcRetryInterceptor()] });
    const app = createApp({
      client: new Client({ connection, namespace: 'default' }),
      taskQueue: 'nowhere',
      policy: defaultPolicy,
      tokens: developmentTokens,
      log: () => {},
      readModel: api.readModel,
    });
    const server = await new Promise<net.Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const down = {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      taskQueue: 'nowhere',
      logs: [],
      stop: async () => {},
    };
    try {
      const started = Date.now();
      const answers = await Promise.all([
        call(down, 'GET', '/api/v1/orders/SO-1', { role: 'order-desk' }),
        call(down, 'POST', '/api/v1/orders/SO-1/events', { role: 'order-desk', body: { type: 'order-confirmed', data: {} } }),
        call(down, 'POST', '/api/v1/orders', { role: 'order-desk', body: smallOrder() }),
      ]);
      assert.ok(Date.now() - started < 10_000, `answered in ${Date.now() - started} ms`);
      for (const answer of answers) assertProblem(answer, 503, 'temporal-unavailable');
      // The list reads the read model: it answers while Temporal is away.
      const listed = await call(down, 'GET', '/api/v1/orders', { role: 'order-desk' });
      assert.equal(listed.status, 200, JSON.stringify(listed.body));
      assert.ok(listed.body.orders.length > 0);
      assert.equal((await fetch(`${down.url}/readyz`)).status, 503);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await connection.close().catch(() => undefined);
    }
  });
});
