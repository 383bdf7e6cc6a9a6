import assert from 'node:assert/strict';
import path from 'node:path';
import { workerConfigFromEnvironment } from '../../worker/config';

// The worker's configuration, read once at start from the environment and checked.

describe('worker configuration', () => {
  it('defaults for npm start: the project outbox, no webhook, the default cache, no metrics, the local dev server', () => {
    const config = workerConfigFromEnvironment({});
    assert.equal(config.outboxDir, path.resolve(__dirname, '..', '..', '..', '.data', 'outbox'));
    assert.equal(config.webhookUrl, undefined);
    assert.equal(config.maxCachedWorkflows, undefined);
    assert.equal(config.metricsAddress, undefined);
    assert.equal(config.temporal.taskQueue, 'orders');
  });

  it('reads every setting, and an empty variable as unset', () => {
    const config = workerConfigFromEnvironment({
      ORDERFLOW_OUTBOX_DIR: '/var/lib/orderflow/outbox',
      ORDERFLOW_WEBHOOK_URL: 'https://hooks.example.com/orderflow',
      ORDERFLOW_MAX_CACHED_WORKFLOWS: '500',
      ORDERFLOW_WORKER_METRICS_ADDRESS: '0.0.0.0:9465',
      TEMPORAL_TASK_QUEUE: '',
    });
    assert.deepEqual(
      [config.outboxDir, config.webhookUrl, config.maxCachedWorkflows, config.metricsAddress, config.temporal.taskQueue],
      ['/var/lib/orderflow/outbox', 'https://hooks.example.com/orderflow', 500, '0.0.0.0:9465', 'orders'],
    );
  });

  it('names each wrong variable', () => {
    assert.throws(() => workerConfigFromEnvironment({ ORDERFLOW_WEBHOOK_URL: 'ftp://x' }), /ORDERFLOW_WEBHOOK_URL/);
    assert.throws(() => workerConfigFromEnvironment({ ORDERFLOW_MAX_CACHED_WORKFLOWS: 'lots' }), /ORDERFLOW_MAX_CACHED_WORKFLOWS/);
    assert.throws(
      () => workerConfigFromEnvironment({ ORDERFLOW_WORKER_METRICS_ADDRESS: '9465' }),
      /ORDERFLOW_WORKER_METRICS_ADDRESS: host:port/,
    );
  });
});
