import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { FileOutbox, type OutboxMessage } from '../../activities/outbox';

// The outbox: every message kept under its key, a retry never sends twice (real files, a real
// HTTP server on 127.0.0.1 for the webhook).

const message = (key: string): OutboxMessage => ({
  key,
  orderNumber: 'SO-1',
  at: '2026-11-22T01:00:00.000Z',
  notice: { seq: 1, kind: 'escalation', type: 'first-confirmation', to: 'supervisor', detail: 'not confirmed within PT2H' },
});

const quietActivityEnvironment = () => new MockActivityEnvironment(undefined, { logger: new DefaultLogger('WARN') });

describe('outbox activity', () => {
  let dir: string;
  let server: http.Server;
  let url: string;
  const received: { key: string | undefined; body: OutboxMessage }[] = [];
  let failNext = 0;

  before(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        if (failNext > 0) {
          failNext--;
          res.writeHead(503).end();
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
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('delivers a message once however often the activity is retried', async () => {
    const { deliverNotice } = createActivities({ outbox: new FileOutbox(dir), webhookUrl: url });
    const env = quietActivityEnvironment();
    assert.equal(await env.run(deliverNotice, message('order-SO-1/1')), true);
    assert.equal(await env.run(deliverNotice, message('order-SO-1/1')), false);
    assert.deepEqual(received.map((r) => r.key), ['order-SO-1/1']);
    const [stored] = await new FileOutbox(dir).list('SO-1');
    assert.ok(stored.deliveredAt);
  });

  it('keeps a message whose webhook failed and delivers it on the retry, with the same key', async () => {
    const { deliverNotice } = createActivities({ outbox: new FileOutbox(dir), webhookUrl: url });
    const env = quietActivityEnvironment();
    failNext = 1;
    await assert.rejects(env.run(deliverNotice, message('order-SO-1/2')), /webhook answered 503/);
    assert.equal((await new FileOutbox(dir).list())[0].deliveredAt, undefined, 'kept, not yet delivered');
    assert.equal(await env.run(deliverNotice, message('order-SO-1/2')), true);
    assert.deepEqual(received.map((r) => r.key), ['order-SO-1/2']);
  });
});
