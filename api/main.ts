import { Client, Connection } from '@temporalio/client';
import { connectWithRetry, temporalSettings } from '../worker/connection';
import { createApp } from './app';

// The API process: `npm run api`, or started by `npm start` and by docker-compose.
async function main() {
  const settings = temporalSettings();
  const connection = await connectWithRetry(() => Connection.connect(settings.connection), settings.address);
  const client = new Client({ connection, namespace: settings.namespace });
  const port = Number(process.env.PORT || 3000);
  const server = createApp({ client, taskQueue: settings.taskQueue }).listen(port, () => {
    console.log(`[api] listening on http://localhost:${port}`);
  });
  const stop = () => {
    // Finish in-flight requests, then close the Temporal connection.
    server.close(() => void connection.close().then(() => process.exit(0)));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  console.error('[api] failed:', error);
  process.exit(1);
});
