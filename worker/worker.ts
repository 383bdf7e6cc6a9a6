import path from 'node:path';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities';
import { FileOutbox } from '../activities/outbox';

export interface OrderWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  outboxDir: string;
  webhookUrl?: string;
  shutdownForceTime?: WorkerOptions['shutdownForceTime'];
}

/** The order worker: the same in production, in the tests and in the simulator. */
export function createOrderWorker(options: OrderWorkerOptions): Promise<Worker> {
  const { connection, namespace, taskQueue, outboxDir, webhookUrl, shutdownForceTime } = options;
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    workflowBundle: { codePath: workflowBundlePath() },
    activities: createActivities({ outbox: new FileOutbox(outboxDir), webhookUrl }),
    shutdownForceTime,
  });
}

/** Built by `npm run build` (scripts/bundle-workflows.ts). */
export function workflowBundlePath(): string {
  return path.join(__dirname, '..', 'workflow-bundle.js');
}

export function workflowsPath(): string {
  return require.resolve(path.join(__dirname, '..', 'workflows'));
}

export const defaultOutboxDir = () => process.env.ORDERFLOW_OUTBOX_DIR || path.resolve(__dirname, '..', '..', '.data', 'outbox');
