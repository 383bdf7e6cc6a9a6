import { Client, Connection } from '@temporalio/client';
import { readModelLocation } from '../read-model/database';
import { rebuildReadModel } from '../read-model/rebuild';
import { ReadModel } from '../read-model/store';
import { temporalSettings } from '../worker/connection';

// npm run rebuild-read-model: empties the read model's orders (ORDERFLOW_DATABASE_URL) and re-projects
// every order of the task queue from Temporal (TEMPORAL_* as for the worker, whose workflows answer).
async function main() {
  const settings = temporalSettings();
  const readModel = await ReadModel.open(readModelLocation(process.env.ORDERFLOW_DATABASE_URL || undefined));
  const connection = await Connection.connect(settings.connection);
  try {
    const started = Date.now();
    const count = await rebuildReadModel(new Client({ connection, namespace: settings.namespace }), readModel, {
      taskQueue: settings.taskQueue,
      log: (line) => console.log(`[rebuild] ${line}`),
    });
    console.log(`[rebuild] ${count} orders re-projected in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await connection.close();
    await readModel.close();
  }
}

main().catch((error) => {
  console.error(`[rebuild] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
