import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { OutboxMessage } from '../../activities/outbox';
import { createOrderWorker } from '../../worker/worker';
import type { EventType, OrderEvent } from '../../workflows/domain/events';
import { OrderInput, type Role } from '../../workflows/domain/order';
import { defaultPolicy } from '../../workflows/domain/policy';
import type { DeadLetter, TimelineEntry } from '../../workflows/domain/state';
import { deadLettersQuery, resendNotice, submitEvent, timelineQuery, workflowIdOf } from '../../workflows/messages';
import { call, eventually, newKey, startApi, type ApiUnderTest } from '../support/api-server';
import { toPaid } from '../support/main-line';
import { standardOrder } from '../support/scenario';
import { devServer, timeSkippingServer } from '../support/servers';

// A notice the receiver refuses must not hold up the order: it becomes a dead letter, the order
// carries on and completes, operators see it through the API and send it again once the receiver is
// fixed, and it is then delivered exactly once. Real stack: the CLI dev server, a worker, the API,
// and a webhook on 127.0.0.1.

describe('poison notices become dead letters (dev server)', function () {
  let api: ApiUnderTest;
  let webhook: http.Server;
  /**
   * The receiver refuses (400) an order's first two notices and everything for the operator, until
   * fixed; and every notice of the orders numbered CLOSED-…, for good.
   */
  let fixed = false;
  const deliveredKeys: string[] = [];

  before(async () => {
    webhook = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const { notice, orderNumber: order } = JSON.parse(body) as OutboxMessage;
        if (order.startsWith('CLOSED-') || (!fixed && (notice.seq <= 2 || notice.to === 'operator'))) {
          res.writeHead(400).end('unknown recipient');
          return;
        }
        deliveredKeys.push(req.headers['idempotency-key'] as string);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
    api = await startApi({ webhookUrl: `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/notices` });
  });
  after(async () => {
    await api?.stop();
    webhook?.close();
  });

  const orderNumber = `POISON-${process.pid}-${Date.now()}`;
  const send = (role: Role, type: EventType, data: Record<string, unknown> = {}) =>
    call(api, 'POST', `/api/v1/orders/${orderNumber}/events`, { role, body: { type, data } });
  const deadLetters = async (role: Role = 'operator') => call(api, 'GET', `/api/v1/orders/${orderNumber}/dead-letters`, { role });
  const timeline = async () =>
    (await call(api, 'GET', `/api/v1/orders/${orderNumber}/timeline`, { role: 'supervisor' })).body.timeline as TimelineEntry[];

  it('lets the order complete past refused notices, lists them for operators, and delivers each resend once', async () => {
    const created = await call(api, 'POST', '/api/v1/orders', {
      role: 'order-desk',
      body: {
        orderNumber,
        customer: { id: 'C-POISON', name: 'Ningbo Lamps', class: 'A' },
        salesRep: { id: 'rep-li' },
        lines: [{ productCode: 'LAMP-PD-60', quantity: 12, unitPrice: 32_000 }],
        delivery: { address: '88 Zhongshan Rd, Ningbo', contact: 'Mr Zhao', phone: '+86 574 0000 0000' },
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    for (const [role, type, data] of toPaid(384_000)) {
      const answer = await send(role, type, data);
      assert.equal(answer.status, 200, `${type}: ${JSON.stringify(answer.body)}`);
    }
    assert.equal((await call(api, 'GET', `/api/v1/orders/${orderNumber}`, { role: 'supervisor' })).body.status, 'completed');

    // Notices 1 and 2 were refused; so were the two escalations about them to the operator, which
    // are recorded but not escalated again. Every other notice went out: the order was not held up.
    const letters = await eventually(deadLetters, (answer) => answer.body?.deadLetters?.length === 4, 30_000);
    assert.equal(letters.status, 200, JSON.stringify(letters.body));
    const seqs = (letters.body.deadLetters as DeadLetter[]).map((d) => d.notice.seq).sort((a, b) => a - b);
    assert.deepEqual(seqs.slice(0, 2), [1, 2]);
    for (const letter of letters.body.deadLetters as DeadLetter[]) assert.match(letter.reason, /refused the notice \(HTTP 400\)/);
    const escalations = (letters.body.deadLetters as DeadLetter[]).filter((d) => d.notice.to === 'operator');
    assert.equal(escalations.length, 2);
    assert.ok(escalations.every((d) => d.notice.kind === 'escalation' && d.notice.type === 'notice-not-delivered'));

    const shown = await timeline();
    const notices = shown.filter((t) => ['notification', 'reminder', 'escalation'].includes(t.kind)).length;
    const sent = await eventually(
      async () => deliveredKeys.length,
      (n) => n >= notices - 4,
      30_000,
    );
    assert.equal(sent, notices - 4, 'every other notice delivered');
    const notDelivered = shown.filter((t) => t.kind === 'notice-not-delivered');
    assert.equal(notDelivered.length, 4, JSON.stringify(notDelivered));
    assert.equal(
      shown.filter((t) => t.kind === 'escalation' && t.type === 'notice-not-delivered').length,
      2,
      'escalated once per notice, never about an escalation',
    );

    // Operators and supervisors only.
    assert.equal((await deadLetters('sales-rep')).status, 403);
    assert.equal((await call(api, 'GET', '/api/v1/dead-letters', { role: 'customer' })).status, 403);
    assert.equal(
      (await call(api, 'POST', `/api/v1/orders/${orderNumber}/dead-letters/1/resend`, { role: 'finance', body: {} })).status,
      403,
    );
    assert.equal((await deadLetters('supervisor')).status, 200);

    const listed = await eventually(
      () => call(api, 'GET', '/api/v1/dead-letters', { role: 'operator' }),
      (answer) =>
        answer.body?.orders?.some(
          (o: { orderNumber: string; undeliveredNotices: number }) => o.orderNumber === orderNumber && o.undeliveredNotices === 4,
        ),
      30_000,
    );
    assert.ok(
      listed.body.orders.some((o: { orderNumber: string; status: string }) => o.orderNumber === orderNumber && o.status === 'completed'),
      JSON.stringify(listed.body),
    );

    const unknown = await call(api, 'POST', `/api/v1/orders/${orderNumber}/dead-letters/999/resend`, { role: 'operator', body: {} });
    assert.equal(unknown.status, 404, JSON.stringify(unknown.body));

    // The receiver is fixed: every dead letter is sent again, one request retried with its key.
    fixed = true;
    const before = deliveredKeys.length;
    for (const seq of seqs) {
      const key = newKey();
      const first = await call(api, 'POST', `/api/v1/orders/${orderNumber}/dead-letters/${seq}/resend`, {
        role: 'operator',
        body: {},
        key,
      });
      assert.equal(first.status, 200, JSON.stringify(first.body));
      const retried = await call(api, 'POST', `/api/v1/orders/${orderNumber}/dead-letters/${seq}/resend`, {
        role: 'operator',
        body: {},
        key,
      });
      assert.equal(retried.status, 200, JSON.stringify(retried.body));
      assert.deepEqual(retried.body, first.body, 'a retry gets the first answer');
      const reused = await call(api, 'POST', `/api/v1/orders/${orderNumber}/dead-letters/${seq === 1 ? 2 : 1}/resend`, {
        role: 'operator',
        body: {},
        key,
      });
      assert.equal(reused.status, 422, JSON.stringify(reused.body));
    }
    const emptied = await eventually(deadLetters, (answer) => answer.body?.deadLetters?.length === 0, 30_000);
    assert.deepEqual(emptied.body.deadLetters, []);
    const resentKeys = deliveredKeys.slice(before);
    assert.deepEqual(
      resentKeys.map((k) => Number(k.split('/').pop())).sort((a, b) => a - b),
      seqs,
      'each resend delivered once',
    );
    assert.equal(new Set(deliveredKeys).size, deliveredKeys.length, 'no notice delivered twice');
    const resends = (await timeline()).filter((t) => t.kind === 'notice-resent');
    assert.equal(resends.length, 4);
    assert.ok(resends.every((t) => t.actor?.role === 'operator'));

    const cleared = await eventually(
      () => call(api, 'GET', '/api/v1/dead-letters', { role: 'operator' }),
      (answer) => !answer.body?.orders?.some((o: { orderNumber: string }) => o.orderNumber === orderNumber),
      30_000,
    );
    assert.ok(!cleared.body.orders.some((o: { orderNumber: string }) => o.orderNumber === orderNumber), 'no longer listed');
  });

  it('closes a cancelled order although none of its notices could be delivered, and keeps them listed', async () => {
    const closed = `CLOSED-${process.pid}-${Date.now()}`;
    const created = await call(api, 'POST', '/api/v1/orders', {
      role: 'order-desk',
      body: {
        orderNumber: closed,
        customer: { id: 'C-POISON', name: 'Ningbo Lamps', class: 'A' },
        salesRep: { id: 'rep-li' },
        lines: [{ productCode: 'LAMP-PD-60', quantity: 1, unitPrice: 32_000 }],
        delivery: { address: '88 Zhongshan Rd, Ningbo', contact: 'Mr Zhao', phone: '+86 574 0000 0000' },
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const cancelled = await call(api, 'POST', `/api/v1/orders/${closed}/events`, {
      role: 'order-desk',
      body: { type: 'cancelled', data: { reason: 'customer withdrew' } },
    });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    // Four cancellation notices, each escalated to the operator once; the escalations are refused too.
    const letters = await eventually(
      () => call(api, 'GET', `/api/v1/orders/${closed}/dead-letters`, { role: 'operator' }),
      (answer) => answer.body?.deadLetters?.length === 8,
      30_000,
    );
    assert.equal(letters.body.deadLetters.length, 8, JSON.stringify(letters.body));
    const env = await devServer();
    await env.client.workflow.getHandle(workflowIdOf(closed)).result(); // the workflow ends: nothing holds the order open
    const resend = await call(api, 'POST', `/api/v1/orders/${closed}/dead-letters/1/resend`, { role: 'supervisor', body: {} });
    assert.equal(resend.status, 409, JSON.stringify(resend.body));
    assert.equal(resend.body.type, 'urn:orderflow:problem:order-closed');
    const listed = await eventually(
      () => call(api, 'GET', '/api/v1/dead-letters', { role: 'supervisor' }),
      (answer) => answer.body?.orders?.some((o: { orderNumber: string }) => o.orderNumber === closed),
      30_000,
    );
    const entry = listed.body.orders.find((o: { orderNumber: string }) => o.orderNumber === closed);
    assert.deepEqual(entry, { orderNumber: closed, undeliveredNotices: 8, status: 'cancelled', stage: 'cancelled' });
  });
});

describe('a receiver that keeps failing (time-skipping server)', function () {
  this.timeout(180_000);
  let webhook: http.Server;
  let url: string;
  /** Requests per notice number; notice 1 and everything for the operator get 503, the rest 204. */
  const requests = new Map<number, number>();

  before(async () => {
    webhook = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const { notice } = JSON.parse(body) as OutboxMessage;
        requests.set(notice.seq, (requests.get(notice.seq) ?? 0) + 1);
        res.writeHead(notice.seq === 1 || notice.to === 'operator' ? 503 : 204).end();
      });
    });
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/notices`;
  });
  after(() => webhook?.close());

  it("retries a 503 with backoff for the policy's 8 attempts, then dead-letters it; the order carries on; a failed resend stays listed", async () => {
    const env = await timeSkippingServer();
    const outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderflow-poison-'));
    const taskQueue = `poison-${process.pid}-${Date.now()}`;
    const worker = await createOrderWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      outboxDir,
      webhookUrl: url,
      shutdownForceTime: '10s',
    });
    const order = OrderInput.parse(standardOrder());
    const event = (type: EventType, role: Role) => ({ type, data: {}, actor: { id: `${role}-1`, role } }) as unknown as OrderEvent;
    try {
      await worker.runUntil(async () => {
        const handle = await env.client.workflow.start('standardOrder', {
          taskQueue,
          workflowId: `order-${order.orderNumber}-${taskQueue}`,
          args: [{ order, policy: defaultPolicy }],
        });
        await handle.executeUpdate(submitEvent, { args: [event('order-confirmed', 'order-desk')] }); // notice 1: price review, to finance
        let letters: DeadLetter[] = [];
        // Skipped time: 8 attempts wait 5 s, 10 s, 20 s … 320 s between them, about 10.5 minutes.
        for (let i = 0; i < 12 && letters.length < 2; i++) {
          await env.sleep('5 minutes');
          letters = await handle.query(deadLettersQuery);
        }
        assert.deepEqual(
          letters.map((d) => d.notice.seq),
          [1, 2],
          JSON.stringify(letters),
        );
        assert.equal(requests.get(1), 8, 'tried exactly 8 times');
        assert.match(letters[0].reason, /still failing after 8 attempts \(last: the receiving system answered HTTP 503\)/);
        assert.equal(letters[1].notice.to, 'operator');
        assert.equal(requests.get(2), 8);

        const timeline = await handle.query(timelineQuery);
        const queued = timeline.find((t) => t.kind === 'notification' && t.type === 'price-review')!;
        const gaveUp = timeline.find((t) => t.kind === 'notice-not-delivered' && t.type === 'price-review')!;
        const waited = Date.parse(gaveUp.at) - Date.parse(queued.at);
        assert.ok(waited >= 600_000 && waited < 1_200_000, `retried with backoff over ${waited} ms`);
        assert.equal(
          timeline.filter((t) => t.kind === 'escalation' && t.type === 'notice-not-delivered').length,
          1,
          'no escalation about the escalation',
        );

        // The order carries on: the next notice goes out at once.
        await handle.executeUpdate(submitEvent, { args: [event('price-approved', 'finance')] });
        await env.sleep('1 minute');
        assert.equal(requests.get(3), 1, JSON.stringify([...requests]));
        assert.equal((await handle.query(deadLettersQuery)).length, 2);

        // A resend that fails again is tried the same 8 times, stays on the list, and is not escalated again.
        const operator = { id: 'op-1', role: 'operator' as const };
        const resending = await handle.executeUpdate(resendNotice, { args: [{ seq: 1, actor: operator, id: 'resend-1', digest: 'd-1' }] });
        assert.ok(resending.find((d) => d.notice.seq === 1)?.resentAt, 'marked as being resent');
        for (let i = 0; i < 12 && requests.get(1)! < 16; i++) await env.sleep('5 minutes');
        assert.equal(requests.get(1), 16);
        const after = await handle.query(deadLettersQuery);
        assert.deepEqual(
          after.map((d) => d.notice.seq),
          [1, 2],
        );
        assert.equal(after[0].resentAt, undefined);
        const shown = await handle.query(timelineQuery);
        assert.equal(shown.filter((t) => t.kind === 'notice-not-delivered' && t.type === 'price-review').length, 2);
        assert.equal(shown.filter((t) => t.kind === 'escalation' && t.type === 'notice-not-delivered').length, 1);
        await handle.terminate('test over');
      });
    } finally {
      fs.rmSync(outboxDir, { recursive: true, force: true });
    }
  });
});
