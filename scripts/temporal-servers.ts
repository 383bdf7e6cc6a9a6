import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { indexedValueTypes, orderSearchAttributes } from '../workflows/search-attributes';

// Finds the Temporal CLI (dev server + Web UI) and the time-skipping test server, in this order:
// the environment variable, the project-local PyPI install (.temporal/pip, see install-temporal.js),
// a binary on PATH, and last the SDK's own download (which needs internet).

const root = path.resolve(__dirname, '..', '..');
const pins = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).temporalBinaries as Record<
  'cli' | 'testServer',
  { pip: string; executable: string; env: string }
>;

export type TemporalBinary = keyof typeof pins;

/** The SDK's `EphemeralServerExecutable` shape, without importing @temporalio/testing here. */
export type ServerExecutable = { type: 'existing-path'; path: string } | { type: 'cached-download' };

export interface ResolvedBinary {
  executable: ServerExecutable;
  /** Where it was found, for the start-up log. */
  source: string;
}

// The CLI answers `--version`; the test server prints its usage and exits 0 when given no port. A busy
// machine may fail a start now and then (seen once in a full test run: the binary was there, the check
// failed, and the SDK's download was tried offline), so a binary that is there gets a second try.
function works(kind: TemporalBinary, file: string): boolean {
  const args = kind === 'cli' ? ['--version'] : [];
  const answers = () => {
    const run = spawnSync(file, args, { encoding: 'utf8', timeout: 20_000 });
    const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
    return run.status === 0 && (kind === 'cli' ? /temporal version/.test(output) : /Usage/.test(output));
  };
  return answers() || answers();
}

function onPath(executable: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, executable);
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

export function howToInstall(kind: TemporalBinary): string {
  const pin = pins[kind];
  return (
    `Run \`npm install\` (its postinstall pip-installs ${pin.pip} into .temporal/pip), ` +
    `or set ${pin.env} to a working \`${pin.executable}\` binary, or put one on PATH.`
  );
}

export function resolveTemporalBinary(kind: TemporalBinary, env: NodeJS.ProcessEnv = process.env): ResolvedBinary {
  const pin = pins[kind];
  const tried: string[] = [];
  const fromEnv = env[pin.env];
  if (fromEnv) {
    if (works(kind, fromEnv)) return { executable: { type: 'existing-path', path: fromEnv }, source: pin.env };
    // An explicit setting that does not work is a mistake to report, not to paper over.
    throw new Error(`${pin.env}=${fromEnv} does not run as the Temporal ${kind}. ${howToInstall(kind)}`);
  }
  const local = path.join(root, '.temporal', 'pip', 'bin', pin.executable);
  tried.push(local);
  if (fs.existsSync(local) && works(kind, local)) {
    return { executable: { type: 'existing-path', path: local }, source: `project-local ${pin.pip}` };
  }
  const fromPath = onPath(pin.executable);
  if (fromPath) {
    tried.push(fromPath);
    if (works(kind, fromPath)) return { executable: { type: 'existing-path', path: fromPath }, source: 'PATH' };
  }
  return { executable: { type: 'cached-download' }, source: `the SDK's download (none answering at ${tried.join(', ')})` };
}

/** Wraps a server start so that a failed SDK download ends with the fix, not a network stack trace. */
export async function startWithBinary<T>(kind: TemporalBinary, start: (binary: ResolvedBinary) => Promise<T>): Promise<T> {
  const binary = resolveTemporalBinary(kind);
  try {
    return await start(binary);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not start the Temporal ${kind} from ${binary.source}: ${detail}\n${howToInstall(kind)}`, { cause: error });
  }
}

/**
 * The time-skipping test server, with the order search attributes registered (it rejects a
 * workflow's upsert of an attribute it does not know).
 */
export async function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  const env = await startWithBinary('testServer', ({ executable }) =>
    TestWorkflowEnvironment.createTimeSkipping({ server: { executable } }),
  );
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: indexedValueTypes(),
  });
  return env;
}

/**
 * The server settings OrderFlow runs with (dev servers here; a cluster's dynamic config, README): eager
 * activities. A workflow task that schedules an activity (every notice goes out through the outbox activity)
 * gets the activity task back in its answer when the worker has a free slot, instead of through the
 * server's task matching: a reminder of an evicted order cost the server about half as much (npm run bench
 * -- --open 3000 --due PT3M: 1,606 of 3,000 reminders within 60 s without, 2,944 with).
 */
export const serverDynamicConfig = { 'system.enableActivityEagerExecution': true };

/** The dev server's flags for `serverDynamicConfig`. */
export const dynamicConfigFlags = (): string[] =>
  Object.entries(serverDynamicConfig).flatMap(([key, value]) => ['--dynamic-config-value', `${key}=${JSON.stringify(value)}`]);

/** A throw-away CLI dev server on free ports, with the order search attributes, for end-to-end tests. */
export function startLocalDevServer(): Promise<TestWorkflowEnvironment> {
  return startWithBinary('cli', ({ executable }) =>
    TestWorkflowEnvironment.createLocal({
      server: {
        executable,
        ip: '127.0.0.1',
        searchAttributes: [...orderSearchAttributes],
        extraArgs: ['--log-level', 'never', ...dynamicConfigFlags()],
      },
    }),
  );
}

/**
 * The SDK runtime for the tests, the simulator and the history recorder, installed once per
 * process: workflow and activity warnings show, the SDK core's chatter about test servers does not.
 */
export function installQuietRuntime() {
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }), forward: {} } },
  });
}
