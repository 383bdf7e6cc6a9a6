import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { createOrderWorker } from '../../worker/worker';
import { devServer } from '../support/servers';

// The API process (dist/api/main.js) stops gracefully: on SIGTERM it takes no new connections and
// finishes the requests in flight, even one waiting for an order that has no worker yet.

describe('API process shutdown (dev server)', () => {
  it('finishes an in-flight creation after SIGTERM, refuses new connections, and exits 0', async () => {
    const env = await devServer();
    const taskQueue = `api-shutdown-${process.pid}-${Date.now()}`;
    const api = spawn(process.execPath, [path.join(__dirname, '..', '..', 'api', 'main.js')], {
      env: { ...process.env, TEMPORAL_ADDRESS: env.address, TEMPORAL_TASK_QUEUE: taskQueue, PORT: '0', NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const logs: { msg: string; url?: string }[] = [];
    const listening = new Promise<string>((resolve) => {
      readline.createInterface({ input: api.stdout! }).on('line', (line) => {
        const entry = JSON.parse(line);
        logs.push(entry);
        if (entry.msg === 'listening') resolve(entry.url.replace('localhost', '127.0.0.1'));
      });
    });
    const exited = new Promise<number | null>((resolve) => api.on('exit', resolve));
    const outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderflow-shutdown-'));
    try {
      const url = await listening;
      const orderNumber = `SHUT-${process.pid}`;
      // No worker polls the task queue yet: the creation waits for the new order's first answer.
      const inFlight = fetch(`${url}/api/v1/orders`, {
        method: 'POST',
        headers: { authorization: 'Bearer dev-order-desk', 'content-type': 'application/json', 'idempotency-key': orderNumber },
        body: JSON.stringify({
          orderNumber,
          customer: { id: 'C-S', name: 'Shutdown Co', class: 'A' },
          salesRep: { id: 'rep-s' },
          lines: [{ productCode: 'P', quantity: 1, unitPrice: 100 }],
          delivery: { address: 'a', contact: 'c', phone: '123' },
        }),
      });
      const handle = env.client.workflow.getHandle(`order-${orderNumber}`);
      for (
        let i = 0;
        i < 100 &&
        !(await handle.describe().then(
          () => true,
          () => false,
        ));
        i++
      )
        await new Promise((r) => setTimeout(r, 100));

      api.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 300));
      await assert.rejects(fetch(`${url}/healthz`), 'no new connections once shutting down');
      const worker = await createOrderWorker({
        connection: env.nativeConnection,
        namespace: 'default',
        taskQueue,
        outboxDir,
        shutdownForceTime: '5s',
      });
      const answer = await worker.runUntil(inFlight);
      assert.equal(answer.status, 201);
      assert.equal(((await answer.json()) as { orderNumber: string }).orderNumber, orderNumber);
      assert.equal(await exited, 0);
      assert.deepEqual(
        logs.map((l) => l.msg).filter((m) => m !== 'request'),
        ['listening', 'stopped'],
      );
    } finally {
      api.kill('SIGKILL');
      fs.rmSync(outboxDir, { recursive: true, force: true });
    }
  });
});
