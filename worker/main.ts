import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { ensureReportSchedules } from '../client/report-schedules';
import { ReadModel } from '../read-model/store';
import { workerConfigFromEnvironment, type WorkerConfig } from './config';
import { connectWithRetry } from './connection';
import { workerAnnouncer, workerLogger } from './log';
import { createOrderWorker, limitWorkflowHeap } from './worker';

// The worker process: `npm run worker`, or started by `npm start` and by docker-compose.
// The SDK's Runtime stops the worker gracefully on SIGINT/SIGTERM.

/** A configuration the worker cannot run with (sysexits' EX_CONFIG): restarting would not help. */
const configurationError = 78;

async function main() {
  let config: WorkerConfig;
  try {
    config = workerConfigFromEnvironment();
    limitWorkflowHeap(config.workflowHeapMiB);
    Runtime.install({
      logger: workerLogger(),
      // The SDK's own metrics (task latencies, slots, sticky cache, polls) for Prometheus when asked for.
      ...(config.metricsAddress ? { telemetryOptions: { metrics: { prometheus: { bindAddress: config.metricsAddress } } } } : {}),
    });
  } catch (error) {
    console.error(`[worker] cannot start: ${(error as Error).message}`);
    process.exit(configurationError);
  }
  const settings = config.temporal;
  const announce = workerAnnouncer();
  const readModel = await ReadModel.open(config.readModel);
  const connection = await connectWithRetry(() => NativeConnection.connect(settings.connection), settings.address);
  const worker = await createOrderWorker({
    connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    outboxDir: config.outboxDir,
    webhookUrl: config.webhookUrl,
    robots: config.robots,
    maxCachedWorkflows: config.maxCachedWorkflows,
    readModel,
    reportSettings: config.reportSettings,
  });
  if (config.reportSchedules) {
    // The worker makes the schedules: it runs the reports they start, reads the same policy file, and
    // every deployment has one (the API may be left out or run several times); create-or-update is idempotent.
    // A schedule it cannot make (a namespace that refuses schedules) leaves the orders running: one warning.
    const clientConnection = await Connection.connect(settings.connection);
    try {
      const client = new Client({ connection: clientConnection, namespace: settings.namespace });
      const ids = await ensureReportSchedules(client, config.reportSettings(), settings.taskQueue);
      announce(`report schedules ${ids.join(', ')} in place`);
    } catch (error) {
      Runtime.instance().logger.warn(`report schedules not made: ${(error as Error).message}`);
    } finally {
      await clientConnection.close();
    }
  }
  announce(`polling task queue ${settings.taskQueue} in namespace ${settings.namespace} at ${settings.address}`);
  try {
    await worker.run();
  } finally {
    await connection.close();
    await readModel.close();
  }
  announce('stopped');
}

main().catch((error) => {
  Runtime.instance().logger.error('failed', { error });
  process.exit(1);
});
