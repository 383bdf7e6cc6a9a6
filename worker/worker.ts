import path from 'node:path';
import v8 from 'node:v8';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities';
import { FileOutbox } from '../activities/outbox';
import type { RobotsConfig } from '../activities/robots';
import type { ReadModel } from '../read-model/store';
import type { ReportSettings } from '../workflows/reports/types';

export interface OrderWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  outboxDir: string;
  webhookUrl?: string;
  /** Group robots and their routing (ORDERFLOW_ROBOTS_FILE). */
  robots?: RobotsConfig;
  shutdownForceTime?: WorkerOptions['shutdownForceTime'];
  /** Open orders kept in memory (ORDERFLOW_MAX_CACHED_WORKFLOWS); evicted ones are replayed when a timer or an event wakes them. */
  maxCachedWorkflows?: number;
  /** The read model the orders project themselves into (none: projections are accepted and dropped, as in the simulator). */
  readModel?: ReadModel;
  /** The calendar and the reports' policy the company reports run with (none: no reports on this worker). */
  reportSettings?: () => ReportSettings;
}

/**
 * ~0.5 MiB each in use, more in garbage not yet collected (npm run bench): 500 keeps the worker
 * within 1 GiB however many orders are open. The SDK's own default grows with the heap limit
 * (over 2,000 here), and at ~2,300 open orders the worker ran out of memory.
 */
export const defaultMaxCachedWorkflows = 500;

/**
 * The workflows run in a worker thread whose V8 heap would otherwise be sized from the machine's
 * memory (4 GiB here): V8 then lets evicted orders' garbage pile up to many times what the cached
 * orders use. A heap of `mib` makes it collect early. The SDK creates that thread without resource
 * limits of its own, so the limit is set as a V8 flag, which an isolate created afterwards takes.
 * The young generation is held at Node 20's size (two semi-spaces of `semiSpaceMiB`): Node 24 and 26, the image's
 * lines, let it grow to 64 MiB, a fixed cost that the bench read as 0.1–0.3 MiB more per open order (docs/performance.md).
 * For the worker process only (worker/main.ts, and the bench's worker that stands for it).
 */
export function limitWorkflowHeap(mib = defaultWorkflowHeapMiB) {
  v8.setFlagsFromString(`--max-old-space-size=${mib}`);
  v8.setFlagsFromString(`--max-semi-space-size=${semiSpaceMiB}`);
}

/** Each of the workflow thread's two young-generation semi-spaces. */
export const semiSpaceMiB = 16;

/** Several times what the default cache holds (500 × ~0.5 MiB), well inside 1 GiB of RSS. */
export const defaultWorkflowHeapMiB = 512;

/** The order worker: the same in production, in the tests and in the simulator. */
export function createOrderWorker(options: OrderWorkerOptions): Promise<Worker> {
  const {
    connection,
    namespace,
    taskQueue,
    outboxDir,
    webhookUrl,
    robots,
    shutdownForceTime,
    maxCachedWorkflows = defaultMaxCachedWorkflows,
    readModel,
    reportSettings,
  } = options;
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    workflowBundle: { codePath: workflowBundlePath() },
    activities: createActivities({ outbox: new FileOutbox(outboxDir), webhookUrl, robots, readModel, reportSettings }),
    shutdownForceTime,
    maxCachedWorkflows,
  });
}

/** Built by `npm run build` (scripts/bundle-workflows.ts). */
export function workflowBundlePath(): string {
  return path.join(__dirname, '..', 'workflow-bundle.js');
}

export function workflowsPath(): string {
  return require.resolve(path.join(__dirname, '..', 'workflows'));
}

/**
 * Modules that set up the workflow sandbox before the SDK freezes it (the stack depth it records): preloaded first
 * by every bundle whose workflows run as the order's do, the order's and the bench's no-op's.
 */
export function sandboxSettings(): string[] {
  return [path.join(path.dirname(workflowsPath()), 'stack-depth')];
}
