import { NativeConnection, Runtime } from '@temporalio/worker';
import { connectWithRetry, temporalSettings } from './connection';
import { workerAnnouncer, workerLogger } from './log';
import { createOrderWorker, defaultOutboxDir } from './worker';

// The worker process: `npm run worker`, or started by `npm start` and by docker-compose.
// The SDK's Runtime stops the worker gracefully on SIGINT/SIGTERM.

/** A configuration the worker cannot run with (sysexits' EX_CONFIG): restarting would not help. */
const configurationError = 78;

async function main() {
  let settings: ReturnType<typeof temporalSettings>;
  try {
    // The SDK's own metrics (task latencies, slots, cache, polls) for Prometheus when asked for.
    const metricsAddress = process.env.ORDERFLOW_WORKER_METRICS_ADDRESS;
    Runtime.install({
      logger: workerLogger(),
      ...(metricsAddress ? { telemetryOptions: { metrics: { prometheus: { bindAddress: metricsAddress } } } } : {}),
    });
    settings = temporalSettings();
  } catch (error) {
    console.error(`[worker] cannot start: ${(error as Error).message}`);
    process.exit(configurationError);
  }
  const announce = workerAnnouncer();
  const connection = await connectWithRetry(() => NativeConnection.connect(settings.connection), settings.address);
  const worker = await createOrderWorker({
    connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    outboxDir: defaultOutboxDir(),
    webhookUrl: process.env.ORDERFLOW_WEBHOOK_URL || undefined,
    maxCachedWorkflows: process.env.ORDERFLOW_MAX_CACHED_WORKFLOWS ? Number(process.env.ORDERFLOW_MAX_CACHED_WORKFLOWS) : undefined,
  });
  announce(`polling task queue ${settings.taskQueue} in namespace ${settings.namespace} at ${settings.address}`);
  try {
    await worker.run();
  } finally {
    await connection.close();
  }
  announce('stopped');
}

main().catch((error) => {
  Runtime.instance().logger.error('failed', { error });
  process.exit(1);
});
