import { TestWorkflowEnvironment } from '@temporalio/testing';
import { installQuietRuntime, startLocalDevServer, startTimeSkippingServer } from '../../scripts/temporal-servers';

// Real Temporal servers for the tests, started once per run on first use and stopped at the end:
// the time-skipping test server for workflow logic, the CLI dev server for end-to-end behaviour
// (visibility, search attributes, worker restarts). Both on free ports of their own choosing.
// Workers load the workflow bundle `npm run build` made, so it is bundled once per run.

installQuietRuntime();

let timeSkipping: Promise<TestWorkflowEnvironment> | undefined;
let dev: Promise<TestWorkflowEnvironment> | undefined;

export function timeSkippingServer(): Promise<TestWorkflowEnvironment> {
  timeSkipping ??= startTimeSkippingServer();
  return timeSkipping;
}

export function devServer(): Promise<TestWorkflowEnvironment> {
  dev ??= startLocalDevServer();
  return dev;
}

export async function stopServers() {
  const started = [timeSkipping, dev].filter((env): env is Promise<TestWorkflowEnvironment> => env !== undefined);
  await Promise.all(started.map(async (env) => (await env).teardown()));
}
