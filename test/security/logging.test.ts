import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

// The worker's Runtime logger and the API's log, each in a process of its own (pino writes to the
// file descriptor itself): one line per entry, JSON through pino with ORDERFLOW_LOG_FORMAT=json,
// and the SDK's worker lifecycle chatter kept out of INFO.

const dist = path.resolve(__dirname, '..', '..');

// What the activity logger attaches to an outbox message: long enough that a default inspect would wrap it.
const notice = {
  sdkComponent: 'activity',
  taskQueue: 'orders',
  attempt: 1,
  namespace: 'default',
  activityType: 'deliverNotice',
  workflowId: 'order-SO-1',
  workflowType: 'standardOrder',
  key: 'order-SO-1/1',
  order: 'SO-1',
  seq: 1,
  kind: 'notification',
  type: 'price-review',
  to: 'finance',
  detail: 'check the order price against the price policy',
};

function workerLines(env: Record<string, string>) {
  const script = `
    const { workerLogger, workerAnnouncer } = require(${JSON.stringify(path.join(dist, 'worker', 'log.js'))});
    const log = workerLogger();
    log.info('Worker state changed', { sdkComponent: 'worker', state: 'RUNNING' });
    log.info('notice', ${JSON.stringify(notice)});
    log.debug('a detail');
    workerAnnouncer()('stopped');`;
  const run = spawnSync(process.execPath, ['-e', script], {
    env: { ...process.env, ORDERFLOW_LOG_LEVEL: '', ORDERFLOW_LOG_FORMAT: '', ...env },
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  const lines = (text: string) => text.split('\n').filter((line) => line !== '');
  return { stdout: lines(run.stdout), stderr: lines(run.stderr) };
}

describe('logging', () => {
  it('worker, text: one line per outbox message at INFO; lifecycle chatter and DEBUG not shown', () => {
    const { stdout, stderr } = workerLines({});
    assert.equal(stderr.length, 1, stderr.join('\n'));
    assert.match(stderr[0], /\] INFO: notice \{.*"to":"finance".*"detail":"check the order price against the price policy"\}$/);
    assert.deepEqual(stdout, ['[worker] stopped']);
  });

  it('worker, JSON: one pino JSON line per entry, with the message fields', () => {
    const { stdout, stderr } = workerLines({ ORDERFLOW_LOG_FORMAT: 'json' });
    assert.deepEqual(stderr, []);
    const entries = stdout.map((line) => JSON.parse(line));
    assert.deepEqual(
      entries.map((e) => [e.level, e.msg]),
      [
        ['info', 'notice'],
        ['info', 'stopped'],
      ],
    );
    assert.equal(entries[0].to, 'finance');
    assert.equal(entries[0].key, 'order-SO-1/1');
    assert.ok(!Number.isNaN(Date.parse(entries[0].time)));
  });

  it('worker at DEBUG shows the lifecycle lines, as DEBUG', () => {
    const { stdout } = workerLines({ ORDERFLOW_LOG_FORMAT: 'json', ORDERFLOW_LOG_LEVEL: 'DEBUG' });
    const entries = stdout.map((line) => JSON.parse(line));
    assert.deepEqual(
      entries.map((e) => [e.level, e.msg]),
      [
        ['debug', 'Worker state changed'],
        ['info', 'notice'],
        ['debug', 'a detail'],
        ['info', 'stopped'],
      ],
    );
  });

  it('API: jsonLog writes one JSON line per entry through pino, at the configured level', () => {
    const script = `
      const { jsonLog } = require(${JSON.stringify(path.join(dist, 'api', 'log.js'))});
      jsonLog({ level: 'debug', msg: 'not shown at info' });
      jsonLog({ level: 'info', msg: 'request', status: 200, path: '/healthz' });
      jsonLog({ level: 'error', msg: 'failed' });`;
    const run = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, ORDERFLOW_LOG_LEVEL: '' }, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const entries = run.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    assert.deepEqual(
      entries.map((e) => [e.level, e.msg, e.status]),
      [
        ['info', 'request', 200],
        ['error', 'failed', undefined],
      ],
    );
  });
});
