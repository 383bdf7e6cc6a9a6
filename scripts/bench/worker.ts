import { createActivities } from '../../activities';
import { FileOutbox } from '../../activities/outbox';
import { defaultMaxCachedWorkflows, limitWorkflowHeap } from '../../worker/worker';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';

// A worker process for `npm run bench`, so that its CPU time and memory are its own:
// node worker.js <address> <task queue> <workflow bundle> <outbox dir> [max cached workflows, else production's default]
async function main() {
  const [address, taskQueue, bundle, outboxDir, cached] = process.argv.slice(2);
  Runtime.install({ logger: new DefaultLogger('WARN') });
  limitWorkflowHeap();
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowBundle: { codePath: bundle },
    activities: createActivities({ outbox: new FileOutbox(outboxDir) }),
    maxCachedWorkflows: cached ? Number(cached) : defaultMaxCachedWorkflows,
  });
  process.stdout.write('ready\n');
  await worker.run();
  await connection.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
