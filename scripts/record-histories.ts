import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { simulate } from './simulator';
import { installQuietRuntime, startTimeSkippingServer } from './temporal-servers';

// `npm run record-histories`: runs every scenario under test/scenarios that ends (archived or
// cancelled) and writes its workflow history to test/histories/, where the replay test reads it.
// Record again only on purpose: a committed history is what running orders look like.
async function main() {
  const root = path.resolve(__dirname, '..', '..');
  const scenarios = path.join(root, 'test', 'scenarios');
  const out = path.join(root, 'test', 'histories');
  fs.mkdirSync(out, { recursive: true });
  installQuietRuntime();
  const env = await startTimeSkippingServer();
  try {
    for (const file of fs
      .readdirSync(scenarios)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const result = await simulate(env, JSON.parse(fs.readFileSync(path.join(scenarios, file), 'utf8')));
      if (result.stage !== 'archived' && result.stage !== 'cancelled') {
        console.log(`[record] ${file}: ends at ${result.stage}, not recorded`);
        continue;
      }
      // protobufjs' own JSON form (History.toJSON / fromObject in the replay test): @temporalio/common's
      // historyToJSON trips over the second copy of protobufjs that npm installs beside it.
      const write = (name: string, history: typeof result.history) => {
        fs.writeFileSync(
          path.join(out, name),
          `${JSON.stringify(temporal.api.history.v1.History.fromObject(history).toJSON(), null, 1)}\n`,
        );
        console.log(`[record] ${name}: ${history.events?.length} events`);
      };
      write(file, result.history);
      // A run that continued as new, for the replay of that path too.
      if (result.firstRunHistory) write(file.replace(/\.json$/, '.first-run.json'), result.firstRunHistory);
    }
  } finally {
    await env.teardown();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
