import { Runtime, DefaultLogger, bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { startLocalDevServer, startTimeSkippingServer } from '../../scripts/temporal-binaries';
import { workflowsPath } from '../../worker/worker';

// Real Temporal servers for the tests, started once per run on first use and stopped at the end:
// the time-skipping test server for workflow logic, the CLI dev server for end-to-end behaviour
// (visibility, search attributes, worker restarts). Both on free ports of their own choosing.

Runtime.install({ logger: new DefaultLogger('WARN') });

let bundle: Promise<WorkflowBundle> | undefined;
let timeSkipping: Promise<TestWorkflowEnvironment> | undefined;
let dev: Promise<TestWorkflowEnvironment> | undefined;

/** The workflow code, bundled once per test run and shared by every worker. */
export function workflowBundle(): Promise<WorkflowBundle> {
  bundle ??= bundleWorkflowCode({ workflowsPath: workflowsPath(), logger: new DefaultLogger('WARN') });
  return bundle;
}

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
