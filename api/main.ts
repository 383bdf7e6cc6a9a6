import { Client, Connection } from '@temporalio/client';
import { connectWithRetry, temporalSettings } from '../worker/connection';
import { createApp } from './app';
import { apiConfigFromEnvironment } from './config';
import { jsonLog } from './log';
import { apiGrpcRetryInterceptor } from './overload';

// The API process: `npm run api`, or started by `npm start` and by docker-compose.
async function main() {
  const config = apiConfigFromEnvironment();
  const settings = temporalSettings();
  const connection = await connectWithRetry(
    () => Connection.connect({ ...settings.connection, interceptors: [apiGrpcRetryInterceptor()] }), settings.address);
  const client = new Client({ connection, namespace: settings.namespace });
  let shuttingDown = false;
  const app = createApp({
    client,
    taskQueue: settings.taskQueue,
    policy: config.policy,
    tokens: config.tokens,
    bodyLimit: config.bodyLimit,
    temporalTimeoutMs: config.temporalTimeoutMs,
    maxInFlightPerOrder: config.maxInFlightPerOrder,
    shuttingDown: () => shuttingDown,
  });
  const server = app.listen(config.port, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    jsonLog({ level: 'info', msg: 'listening', url: `http://localhost:${port}`, namespace: settings.namespace, taskQueue: settings.taskQueue });
  });

  // Graceful shutdown: refuse new connections, let in-flight requests finish (they may be waiting
  // on an order's answer), close idle keep-alive connections, then the Temporal connection. A
  // request still running after the timeout has its connection closed; the caller retries with
  // the same Idempotency-Key and nothing is applied twice.
  const stop = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    jsonLog({ level: 'info', msg: 'shutting down', signal });
    const force = setTimeout(() => {
      jsonLog({ level: 'warn', msg: 'requests still running at the shutdown timeout: closing their connections' });
      server.closeAllConnections();
    }, config.shutdownTimeoutMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      void connection.close().finally(() => {
        jsonLog({ level: 'info', msg: 'stopped' });
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
