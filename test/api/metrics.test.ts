import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ApiMetrics } from '../../api/metrics';
import { call, newKey, startApi, type ApiUnderTest } from '../support/api-server';
import { devServer } from '../support/servers';

// Metrics for operators: the API's requests by route and status in Prometheus' format on a port of
// their own, and the worker's SDK metrics on the address it is given.

const root = path.resolve(__dirname, '..', '..', '..');

describe('metrics for operators (dev server)', function () {
  this.timeout(120_000);
  let api: ApiUnderTest;
  let server: Server;
  const metrics = new ApiMetrics();

  before(async () => {
    api = await startApi({ metrics });
    server = await metrics.serve(0, '127.0.0.1');
  });
  after(async () => {
    server?.close();
    await api?.stop();
  });

  it('counts API requests by route pattern and status, with their latency, on a port of their own', async () => {
    assert.equal((await call(api, 'GET', '/api/v1/orders/NO-SUCH-ORDER', { role: 'order-desk' })).status, 404);
    assert.equal((await call(api, 'POST', '/api/v1/orders', { role: 'order-desk', body: {}, key: newKey() })).status, 400);
    const text = await (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`)).text();
    assert.match(text, /orderflow_api_requests_total\{method="GET",route="\/orders\/:id",status="404"\} 1/);
    assert.match(text, /orderflow_api_requests_total\{method="POST",route="\/orders",status="400"\} 1/);
    assert.match(text, /orderflow_api_request_duration_seconds_count\{method="GET",route="\/orders\/:id"\} 1/);
    assert.doesNotMatch(text, /NO-SUCH-ORDER/, 'a route pattern, never the raw path');
    assert.equal((await fetch(`${api.url}/metrics`)).status, 404, 'not on the public API');
  });

  it("serves the worker's SDK metrics on ORDERFLOW_WORKER_METRICS_ADDRESS", async () => {
    const env = await devServer();
    const probe = await metrics.serve(0, '127.0.0.1'); // borrow a free port, then give it to the worker
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const worker = spawn(process.execPath, [path.join(root, 'dist', 'worker', 'main.js')], {
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: env.address,
        TEMPORAL_TASK_QUEUE: `metrics-${process.pid}`,
        ORDERFLOW_WORKER_METRICS_ADDRESS: `127.0.0.1:${port}`,
      },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        worker.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('polling task queue') && resolve());
        worker.once('exit', (code) => reject(new Error(`worker exited (${code})`)));
      });
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      assert.match(text, /temporal_/, "the SDK core's metrics");
    } finally {
      worker.kill('SIGKILL');
    }
  });
});
