import { DefaultLogger, NativeConnection, Runtime, type LogLevel } from '@temporalio/worker';
import { connectWithRetry, temporalSettings } from './connection';
import { createOrderWorker, defaultOutboxDir } from './worker';

// The worker process: `npm run worker`, or started by `npm start` and by docker-compose.
// The SDK's Runtime stops the worker gracefully on SIGINT/SIGTERM.
async function main() {
  // ORDERFLOW_LOG_LEVEL: TRACE, DEBUG, INFO (default: every outbox message is logged), WARN, ERROR.
  Runtime.install({ logger: new DefaultLogger((process.env.ORDERFLOW_LOG_LEVEL as LogLevel | undefined) ?? 'INFO') });
  const settings = temporalSettings();
  const connection = await connectWithRetry(() => NativeConnection.connect(settings.connection), settings.address);
  const worker = await createOrderWorker({
    connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    outboxDir: defaultOutboxDir(),
    webhookUrl: process.env.ORDERFLOW_WEBHOOK_URL || undefined,
    maxCachedWorkflows: process.env.ORDERFLOW_MAX_CACHED_WORKFLOWS ? Number(process.env.ORDERFLOW_MAX_CACHED_WORKFLOWS) : undefined,
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
