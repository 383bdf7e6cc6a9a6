import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import type { PolicyFile } from '../client/channels';
import { durationMs } from '../workflows/domain/duration';
import { simulate, type Scenario, type SimulationResult } from './simulator';
import { installQuietRuntime, startTimeSkippingServer } from './temporal-servers';

// `npm run record-histories`: runs the scenarios below and writes their workflow histories to
// test/histories/, where the replay test reads them: one journey per channel, complaints as child
// workflows with their order, and runs that continued as new. A history already committed is kept:
// it is what running orders recorded with older code look like. Record one again only on purpose,
// by name (`npm run record-histories -- sample-sent-and-signed-for`), or all (`-- --all`).

interface Recording {
  /** test/histories/<name>.json: the order's last run. */
  name: string;
  /** The scenario under test/scenarios it runs. */
  scenario: string;
  /**
   * Only the scenario's steps up to this time from the start, and the order recorded there, still open (as
   * running orders are): a long journey's history grows with every event's answer (the order's snapshot).
   */
  through?: string;
  /** Over the scenario's own policy (e.g. a low continue-as-new threshold, as a channel's layer). */
  policy?: PolicyFile;
  /** The journey continues as new: its first run is recorded too (`<name>.first-run.json`). */
  continuesAsNew?: true;
}

const recordings: Recording[] = [
  { name: 'standard-happy-path', scenario: 'standard-happy-path.json' },
  { name: 'custom-order-cancelled', scenario: 'custom-order-cancelled.json' },
  { name: 'late-return-delay-and-balance', scenario: 'late-return-delay-and-balance.json' },
  { name: 'continued-as-new-in-production', scenario: 'continued-as-new-in-production.json', continuesAsNew: true },
  // recorded with the waits of 2ed7757..6d93760 (projection in step with the journey, a clock's lean wait, side lines started when they wake)
  { name: 'standard-happy-path-lean-waits', scenario: 'standard-happy-path.json' },
  { name: 'late-return-delay-and-balance-lean-waits', scenario: 'late-return-delay-and-balance.json' },
  // recorded with the baseline (workflows/patches.ts): one patch marker for all of the above
  { name: 'standard-happy-path-baseline', scenario: 'standard-happy-path.json' },
  { name: 'late-return-delay-and-balance-baseline', scenario: 'late-return-delay-and-balance.json' },
  { name: 'continued-as-new-in-production-baseline', scenario: 'continued-as-new-in-production.json', continuesAsNew: true },
  // recorded with the second baseline: the company's views kept by one wait
  { name: 'standard-happy-path-baseline-2', scenario: 'standard-happy-path.json' },
  { name: 'late-return-delay-and-balance-baseline-2', scenario: 'late-return-delay-and-balance.json' },
  { name: 'continued-as-new-in-production-baseline-2', scenario: 'continued-as-new-in-production.json', continuesAsNew: true },
  // recorded with the third baseline: the views wait for a clock an event ended to close
  { name: 'standard-happy-path-baseline-3', scenario: 'standard-happy-path.json' },
  { name: 'late-return-delay-and-balance-baseline-3', scenario: 'late-return-delay-and-balance.json' },
  { name: 'continued-as-new-in-production-baseline-3', scenario: 'continued-as-new-in-production.json', continuesAsNew: true },
  // (change-before-assessment.json was recorded with the code of d04caa8: it cannot be recorded again.)
  // one per channel
  { name: 'sample-sent-and-signed-for', scenario: 'sample-confirmed-late-sent-signed-for.json' },
  { name: 'distributor-enquiry-to-technical-order', scenario: 'distributor-enquiry-to-outbound-notice.json', through: 'P6D' },
  { name: 'store-intent-to-re-measurement', scenario: 'store-intent-to-acceptance.json', through: 'P19D' },
  { name: 'group-contract-to-body-measurement', scenario: 'group-contract-to-balance.json', through: 'P2D' },
  { name: 'contract-review-to-production', scenario: 'contract-review-to-archive.json', through: 'P7DT2H' },
  // a complaint's workflow (<name>.complaint-1.json) with its order's
  { name: 'complaint-installation-confirmed', scenario: 'complaint-installation-confirmed.json' },
  {
    name: 'group-continued-as-new',
    scenario: 'group-contract-to-balance.json',
    policy: { channels: { group: { rules: { continueAsNewAfterUpdates: 12 } } } },
    continuesAsNew: true,
  },
];

/** The files a recording writes: the last run, the first run when it continued as new, each complaint's workflow. */
function historiesOf(name: string, result: SimulationResult) {
  return [
    { file: `${name}.json`, history: result.history },
    ...(result.firstRunHistory ? [{ file: `${name}.first-run.json`, history: result.firstRunHistory }] : []),
    ...result.complaintHistories.map((history, i) => ({ file: `${name}.complaint-${i + 1}.json`, history })),
  ];
}

async function main() {
  const root = path.resolve(__dirname, '..', '..');
  const scenarios = path.join(root, 'test', 'scenarios');
  const out = path.join(root, 'test', 'histories');
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== '--all' && !recordings.some((r) => r.name === arg));
  if (unknown.length > 0) throw new Error(`no such recording: ${unknown.join(', ')} (known: ${recordings.map((r) => r.name).join(', ')})`);
  const wanted = recordings.filter((r) =>
    args.includes('--all') || args.includes(r.name) ? true : args.length === 0 && !fs.existsSync(path.join(out, `${r.name}.json`)),
  );
  if (wanted.length === 0) {
    console.log('[record] every history is recorded; name one to record it again, or --all');
    return;
  }
  fs.mkdirSync(out, { recursive: true });
  installQuietRuntime();
  for (const { name, scenario: file, through, policy, continuesAsNew } of wanted) {
    const scenario = JSON.parse(fs.readFileSync(path.join(scenarios, file), 'utf8')) as Scenario;
    if (through) {
      scenario.steps = scenario.steps?.filter((step) => step.at === 'PT0S' || durationMs(step.at) <= durationMs(through));
      scenario.until = through;
    }
    // A server of its own for each: one only moves forward, and its clock would drift over the runs.
    const env = await startTimeSkippingServer();
    try {
      const result = await simulate(env, { ...scenario, policy: { ...scenario.policy, ...policy } });
      if (result.continuedAsNew !== (continuesAsNew ?? false)) throw new Error(`${name}: continued as new: ${result.continuedAsNew}`);
      for (const { file: historyFile, history } of historiesOf(name, result)) {
        // protobufjs' own JSON form (History.toJSON / fromObject in the replay test): @temporalio/common's
        // historyToJSON trips over the second copy of protobufjs that npm installs beside it.
        const json = JSON.stringify(temporal.api.history.v1.History.fromObject(history).toJSON(), null, 1);
        fs.writeFileSync(path.join(out, historyFile), `${json}\n`);
        console.log(`[record] ${historyFile}: ${history.events?.length} events, ends at ${result.stage}`);
      }
    } finally {
      await env.teardown();
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
