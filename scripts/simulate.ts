import fs from 'node:fs';
import { simulate, type SimulationResult } from './simulator';
import { installQuietRuntime, startTimeSkippingServer } from './temporal-servers';

// npm run simulate -- <scenario.json> [--json]
async function main() {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('usage: npm run simulate -- <scenario.json> [--json]');
    process.exit(2);
  }
  const scenario = JSON.parse(fs.readFileSync(file, 'utf8'));
  installQuietRuntime();
  const env = await startTimeSkippingServer();
  try {
    const result = await simulate(env, scenario);
    console.log(args.includes('--json') ? JSON.stringify(printable(result), null, 2) : readable(result));
  } finally {
    await env.teardown();
  }
}

/** The whole snapshot (every key, `null` where unset: money, amendments, dates …) and the timeline. */
function printable({ snapshot, timeline }: SimulationResult) {
  return { ...snapshot, timeline };
}

function readable(result: SimulationResult): string {
  const lines = [
    `status: ${result.status}   stage: ${result.stage}`,
    `promised date: ${result.promisedDate ?? '—'}   (originally ${result.originalPromisedDate ?? '—'})`,
    '',
    ...result.timeline.map((t) =>
      `${t.at}  ${t.kind.padEnd(14)} ${t.type.padEnd(28)} ${t.to ? `→ ${t.to}  ` : ''}${t.actor ? `[${t.actor.role} ${t.actor.id}]  ` : ''}${t.detail}`.trimEnd(),
    ),
  ];
  return lines.join('\n');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
