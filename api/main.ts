import fs from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { resolvePolicy } from '../workflows/domain/policy';
import { connectWithRetry, temporalSettings } from '../worker/connection';
import { createApp } from './app';
import { tokensFromEnvironment } from './auth';

// The API process: `npm run api`, or started by `npm start` and by docker-compose.
async function main() {
  const settings = temporalSettings();
  const tokens = tokensFromEnvironment();
  // The policy new orders start with (snapshotted into each); running orders keep theirs.
  const policy = resolvePolicy(process.env.ORDERFLOW_POLICY_FILE ? JSON.parse(fs.readFileSync(process.env.ORDERFLOW_POLICY_FILE, 'utf8')) : {});
  const connection = await connectWithRetry(() => Connection.connect(settings.connection), settings.address);
  const client = new Client({ connection, namespace: settings.namespace });
  const port = Number(process.env.PORT || 3000);
  const app = createApp({ client, taskQueue: settings.taskQueue, policy, tokens, bodyLimit: process.env.ORDERFLOW_BODY_LIMIT });
  const server = app.listen(port, () => {
    console.log(`[api] listening on http://localhost:${port}`);
  });
  const stop = () => {
    // Finish in-flight requests, then close the Temporal connection.
    server.close(() => void connection.close().then(() => process.exit(0)));
    server.closeIdleConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  console.error('[api] failed:', error);
  process.exit(1);
});
