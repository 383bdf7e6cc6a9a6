import { parseArgs } from 'node:util';
import { readModelLocation } from '../read-model/database';
import { measureViews } from '../read-model/measure';
import { seedReadModel } from '../read-model/seed';
import { ReadModel } from '../read-model/store';
import { defaultPolicy } from '../workflows/domain/policy';

// npm run seed-read-model -- --open 10000 --finished 100000 [--database-url URL]
// Fills a read model (ORDERFLOW_DATABASE_URL, or --database-url) with synthetic orders, then measures
// the status board and the KPIs on it (median of 5 runs each, ms). Meant for an empty database:
// point it at one of its own, not at the one the worker writes.
async function main() {
  const { values } = parseArgs({
    options: {
      open: { type: 'string', default: '10000' },
      finished: { type: 'string', default: '100000' },
      'database-url': { type: 'string' },
    },
  });
  const readModel = await ReadModel.open(readModelLocation(values['database-url'] ?? (process.env.ORDERFLOW_DATABASE_URL || undefined)));
  try {
    const started = Date.now();
    await seedReadModel(readModel, { open: Number(values.open), finished: Number(values.finished) }, Date.now(), (line) =>
      console.log(`[seed] ${line}`),
    );
    console.log(
      `[seed] ${values.open} open and ${values.finished} finished orders in ${((Date.now() - started) / 1000).toFixed(1)} s (${readModel.location.kind})`,
    );
    const medians = await measureViews(readModel, defaultPolicy.calendar);
    for (const [question, ms] of Object.entries(medians)) console.log(`[measure] ${question}: ${ms} ms`);
    console.log(
      JSON.stringify({
        database: readModel.location.kind,
        open: Number(values.open),
        finished: Number(values.finished),
        medianMs: medians,
      }),
    );
  } finally {
    await readModel.close();
  }
}

main().catch((error) => {
  console.error(`[seed] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
