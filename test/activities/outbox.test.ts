import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { createActivities } from '../../activities';
import { FileOutbox, type OutboxMessage } from '../../activities/outbox';
import { quietActivityEnvironment, undeliverable } from '../support/activities';

// The outbox: every message kept under its key, a retry never sends twice (real files, a real
// HTTP server on 127.0.0.1 for the webhook).

const message = (key: string): OutboxMessage => ({
  key,
  orderNumber: 'SO-1',
  at: '2026-11-22T01:00:00.000Z',
  notice: { seq: 1, kind: 'escalation', type: 'first-confirmation', to: 'supervisor', detail: 'not confirmed within PT2H' },
});

describe('outbox activity', () => {
  let dir: string;
  let server: http.Server;
  let url: string;
  const received: { key: string | undefined; body: OutboxMessage }[] = [];
  /** The statuses the webhook answers with next, one per request; then 204. */
  const answers: number[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const status = answers.shift();
        if (status !== undefined) {
          res.writeHead(status).end();
          return;
        }
        received.push({ key: req.headers['idempotency-key'] as string | undefined, body: JSON.parse(body) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  after(() => server.close());
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderflow-outbox-'));
    received.length = 0;
    answers.length = 0;
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('delivers a message once however often the activity is retried', async () => {
    const { deliverNotice } = createActivities({ outbox: new FileOutbox(dir), webhookUrl: url });
    const env = quietActivityEnvironment();
    assert.equal(await env.run(deliverNotice, message('order-SO-1/1')), true);
    assert.equal(await env.run(deliverNotice, message('order-SO-1/1')), false);
    assert.deepEqual(
      received.map((r) => r.key),
      ['order-SO-1/1'],
    );
    const [stored] = await new FileOutbox(dir).list('SO-1');
    assert.ok(stored.deliveredAt);
  });

  it('keeps a message whose webhook failed and delivers it on the retry, with the same key', async () => {
    const { deliverNotice } = createActivities({ outbox: new FileOutbox(dir), webhookUrl: url });
    const env = quietActivityEnvironment();
    answers.push(503);
    await assert.rejects(env.run(deliverNotice, message('order-SO-1/2')), /the receiving system answered HTTP 503/);
    assert.equal((await new FileOutbox(dir).list())[0].deliveredAt, undefined, 'kept, not yet delivered');
    assert.equal(await env.run(deliverNotice, message('order-SO-1/2')), true);
    assert.deepEqual(
      received.map((r) => r.key),
      ['order-SO-1/2'],
    );
  });

  it('treats a half-written record as not yet recorded: writes it again and delivers, once', async () => {
    const key = 'order-SO-1/3';
    // What a crash in the middle of a write used to leave behind.
    fs.writeFileSync(path.join(dir, `${encodeURIComponent(key)}.json`), '{"key":"order-SO-1/3","orderNum');
    const { deliverNotice } = createActivities({ outbox: new FileOutbox(dir), webhookUrl: url });
    const env = quietActivityEnvironment();
    assert.equal(await env.run(deliverNotice, message(key)), true);
    assert.equal(await env.run(deliverNotice, message(key)), false);
    assert.deepEqual(
      received.map((r) => r.key),
      [key],
    );
    const stored = await new FileOutbox(dir).list('SO-1');
    assert.equal(stored.length, 1);
    assert.ok(stored[0].deliveredAt);
    assert.deepEqual(
      fs.readdirSync(dir).filter((name) => name.endsWith('.tmp')),
      [],
      'no temporary file left behind',
    );
  });

  it('fails for good, not to be retried, on a 4xx from the webhook and on an outbox it cannot write', async () => {
    const env = quietActivityEnvironment();
    const { deliverNotice } = createActivities({ outbox: new FileOutbox(dir), webhookUrl: url });
    answers.push(400);
    await assert.rejects(env.run(deliverNotice, message('order-SO-1/4')), undeliverable(/refused the notice \(HTTP 400\)/));
    const blocked = path.join(dir, 'a-file');
    fs.writeFileSync(blocked, '');
    const unwritable = createActivities({ outbox: new FileOutbox(path.join(blocked, 'outbox')), webhookUrl: url });
    await assert.rejects(env.run(unwritable.deliverNotice, message('order-SO-1/5')), undeliverable(/outbox cannot be written/));
    assert.deepEqual(received, [], 'nothing was sent');
  });

  it("treats 408, 429, 5xx and an unreachable receiver as passing: an ordinary failure, retried by the workflow's policy", async () => {
    const env = quietActivityEnvironment();
    const { deliverNotice } = createActivities({ outbox: new FileOutbox(dir), webhookUrl: url });
    for (const status of [408, 429, 500, 503]) {
      answers.push(status);
      await assert.rejects(env.run(deliverNotice, message('order-SO-1/6')), (error: unknown) => {
        assert.ok(!(error instanceof ApplicationFailure && error.nonRetryable), `${status} must be retryable`);
        assert.match(String(error), new RegExp(`HTTP ${status}`));
        return true;
      });
    }
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/hook`;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = createActivities({ outbox: new FileOutbox(dir), webhookUrl: closedUrl });
    await assert.rejects(env.run(unreachable.deliverNotice, message('order-SO-1/6')), (error: unknown) => {
      assert.ok(!(error instanceof ApplicationFailure && error.nonRetryable));
      assert.match(String(error), /the receiving system could not be reached \(ECONNREFUSED\)/);
      return true;
    });
    assert.equal(await env.run(deliverNotice, message('order-SO-1/6')), true);
    assert.deepEqual(
      received.map((r) => r.key),
      ['order-SO-1/6'],
    );
  });
});
