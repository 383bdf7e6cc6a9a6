import { NativeConnection, Runtime } from '@temporalio/worker';
import { connectWithRetry, temporalSettings } from './connection';
import { createOrderWorker, defaultOutboxDir } from './worker';

// The worker process: `npm run worker`, or started by `npm start` and by docker-compose.
// The SDK's Runtime stops the worker gracefully on SIGINT/SIGTERM.
async function main() {
  Runtime.install({ logger: undefined });
  const settings = temporalSettings();
  const connection = await connectWithRetry(() => NativeConnection.connect(settings.connection), settings.address);
  const worker = await createOrderWorker({
    connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    outboxDir: defaultOutboxDir(),
    webhookUrl: process.env.ORDERFLOW_WEBHOOK_URL || undefined,
  });
  console.log(`[worker] polling task queue ${settings.taskQueue} in namespace ${settings.namespace} at ${settings.address}`);
  try {
    await worker.run();
  } finally {
    await connection.close();
  }
}

main().catch((error) => {
  console.error('[worker] failed:', error);
  process.exit(1);
});
