import { TestWorkflowEnvironment } from '@temporalio/testing';
import { stopTestCluster } from './cluster';
import { installQuietRuntime, startLocalDevServer, startTimeSkippingServer } from '../../scripts/temporal-servers';

// Real Temporal servers for the tests, started once per run on first use and stopped at the end:
// the time-skipping test server for workflow logic, the CLI dev server for end-to-end behaviour
// (visibility, search attributes, worker restarts). Both on free ports of their own choosing.
// With TEMPORAL_ADDRESS set (`npm run test:cluster` sets it to its PostgreSQL cluster), the
// end-to-end tests use that Temporal instead of a dev server, in TEMPORAL_NAMESPACE or `default`.
// Workers load the workflow bundle `npm run build` made, so it is bundled once per run.

installQuietRuntime();

let timeSkipping: Promise<TestWorkflowEnvironment> | undefined;
let dev: Promise<TestWorkflowEnvironment> | undefined;

export function timeSkippingServer(): Promise<TestWorkflowEnvironment> {
  timeSkipping ??= startTimeSkippingServer();
  return timeSkipping;
}

/**
 * A time-skipping server for one simulation, starting at today's time, stopped after it (a server
 * starts in a fraction of a second). A shared one only moves forward, and it was seen to move on to
 * the due time of timers an order had cancelled (the overdue clock's, at a promised date years
 * ahead): over a run it drifted decades, and an order promised for a fixed date was late on arrival.
 */
export async function withOwnTimeSkippingServer<T>(use: (env: TestWorkflowEnvironment) => Promise<T>): Promise<T> {
  const env = await startTimeSkippingServer();
  try {
    return await use(env);
  } finally {
    await env.teardown();
  }
}

export function devServer(): Promise<TestWorkflowEnvironment> {
  const address = process.env.TEMPORAL_ADDRESS;
  dev ??= address
    ? TestWorkflowEnvironment.createFromExistingServer({ address, namespace: process.env.TEMPORAL_NAMESPACE || 'default' })
    : startLocalDevServer();
  return dev;
}

export async function stopServers() {
  const started = [timeSkipping, dev].filter((env): env is Promise<TestWorkflowEnvironment> => env !== undefined);
  await Promise.all(started.map(async (env) => (await env).teardown()));
  // The cluster last: a worker or client of the tests above may still be connected to it.
  await stopTestCluster();
}
