import { Client, Connection } from '@temporalio/client';
import { ReadModel } from '../read-model/store';
import { connectWithRetry, temporalSettings } from '../worker/connection';
import { createApp } from './app';
import { apiConfigFromEnvironment } from './config';
import { jsonLog } from './log';
import { ApiMetrics } from './metrics';
import { apiGrpcRetryInterceptor } from './overload';

// The API process: `npm run api`, or started by `npm start` and by docker-compose.

/**
 * Exit status for a configuration the process cannot run with (sysexits' EX_CONFIG): restarting
 * would fail the same way, so `npm start` does not restart on it and compose's config check stops there.
 */
const configurationError = 78;

async function main() {
  let config: ReturnType<typeof apiConfigFromEnvironment>;
  let settings: ReturnType<typeof temporalSettings>;
  // An empty variable (compose's `${X:-}` when .env lacks it) means unset.
  const env = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ''));
  try {
    config = apiConfigFromEnvironment(env);
    settings = temporalSettings(env);
  } catch (error) {
    jsonLog({ level: 'error', msg: `cannot start: ${(error as Error).message}` });
    process.exit(configurationError);
  }
  // `--check-config`: validate the configuration and stop (compose runs it before the API).
  if (process.argv.includes('--check-config')) return;
  const readModel = await ReadModel.open(config.readModel);
  const connection = await connectWithRetry(
    () => Connection.connect({ ...settings.connection, interceptors: [apiGrpcRetryInterceptor()] }),
    settings.address,
  );
  const client = new Client({ connection, namespace: settings.namespace });
  let shuttingDown = false;
  const metrics = new ApiMetrics();
  if (config.metricsPort !== undefined) {
    await metrics.serve(config.metricsPort, config.host).catch((error: Error) => {
      jsonLog({
        level: 'error',
        msg: `cannot serve metrics on ${config.host}:${config.metricsPort} (${error.message}): set ORDERFLOW_METRICS_PORT to a free port`,
      });
      process.exit(configurationError);
    });
  }
  const app = createApp({
    metrics,
    client,
    taskQueue: settings.taskQueue,
    policy: config.policy,
    tokens: config.tokens,
    bodyLimit: config.bodyLimit,
    temporalTimeoutMs: config.temporalTimeoutMs,
    maxInFlightPerOrder: config.maxInFlightPerOrder,
    shuttingDown: () => shuttingDown,
    readModel,
    requireCustomerFile: config.requireCustomerFile,
  });
  // Behind a reverse proxy: the client's address and scheme come from its X-Forwarded-* headers.
  app.set('trust proxy', config.trustProxy);
  // Express 5 hands a listen error (a port in use, an address not on this machine) to this callback.
  const server = app.listen(config.port, config.host, (error?: Error) => {
    if (error) {
      const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      jsonLog({
        level: 'error',
        msg: inUse
          ? `port ${config.port} on ${config.host} is already in use: set PORT to a free port`
          : `cannot listen on ${config.host}:${config.port} (${error.message}): check ORDERFLOW_HOST and PORT`,
      });
      process.exit(configurationError);
    }
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    jsonLog({
      level: 'info',
      msg: 'listening',
      url: `http://${host}:${port}`,
      namespace: settings.namespace,
      taskQueue: settings.taskQueue,
    });
  });

  // Graceful shutdown: refuse new connections, let in-flight requests finish (they may be waiting
  // on an order's answer), close idle keep-alive connections, then the Temporal connection. A
  // request still running after the timeout has its connection closed; the caller retries with
  // the same Idempotency-Key and nothing is applied twice. One line at info when it is done.
  const stop = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    jsonLog({ level: 'debug', msg: 'shutting down', signal });
    const force = setTimeout(() => {
      jsonLog({ level: 'warn', msg: 'requests still running at the shutdown timeout: closing their connections' });
      server.closeAllConnections();
    }, config.shutdownTimeoutMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      void Promise.all([connection.close(), readModel.close()]).finally(() => {
        jsonLog({ level: 'info', msg: 'stopped', signal });
        process.exit(0);
      });
    });
    server.closeIdleConnections();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
  jsonLog({ level: 'error', msg: 'failed to start', error: String((error as Error)?.stack ?? error) });
  process.exit(1);
});
