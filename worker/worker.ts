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
  /** A pre-built bundle (tests, simulator) or, by default, the workflows bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  shutdownForceTime?: WorkerOptions['shutdownForceTime'];
}

/** The order worker: the same in production, in the tests and in the simulator. */
export function createOrderWorker(options: OrderWorkerOptions): Promise<Worker> {
  const { connection, namespace, taskQueue, outboxDir, webhookUrl, workflowBundle, shutdownForceTime } = options;
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: workflowsPath() }),
    activities: createActivities({ outbox: new FileOutbox(outboxDir), webhookUrl }),
    shutdownForceTime,
  });
}

export function workflowsPath(): string {
  return require.resolve(path.join(__dirname, '..', 'workflows'));
}

export const defaultOutboxDir = () => process.env.ORDERFLOW_OUTBOX_DIR || path.resolve(__dirname, '..', '..', '.data', 'outbox');
