import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { Connection } from '@temporalio/client';
import { dynamicConfigFlags, resolveTemporalBinary, howToInstall } from './temporal-servers';
import { searchAttributeFlags } from '../workflows/search-attributes';

// `npm start`: the whole system on one machine. The Temporal dev server (SQLite in .data/, so
// orders survive a restart; Web UI on 8233) unless TEMPORAL_ADDRESS names a cluster to use
// instead, then the worker and the API as child processes, restarted with backoff when they
// crash. Ctrl-C stops the API, then the worker, then Temporal, with one line each.

const root = path.resolve(__dirname, '..', '..');
const dataDir = path.resolve(root, process.env.ORDERFLOW_DATA_DIR || '.data');
const frontendPort = Number(process.env.TEMPORAL_PORT || 7233);
const uiPort = Number(process.env.TEMPORAL_UI_PORT || 8233);
const apiPort = Number(process.env.PORT || 3000);
const apiHost = process.env.ORDERFLOW_HOST || '127.0.0.1';
const say = (line: string) => console.error(`[start] ${line}`);

/** The exit status worker and API use for a configuration they cannot run with: restarting would not help. */
const configurationError = 78;
// A crashed process waits 1 s, 2 s, 4 s … 30 s before its restart; after a minute of running it starts again at 1 s.
const firstDelayMs = 1000;
const longestDelayMs = 30_000;
const healthyAfterMs = 60_000;

interface Service {
  name: string;
  args: string[];
  child?: ChildProcess;
  startedAt: number;
  failures: number;
  restartTimer?: NodeJS.Timeout;
}

const services: Service[] = [];
let temporal: ChildProcess | undefined;
let stopping = false;

/** A port something else holds: one line naming it and the variable that moves it. */
async function checkPortsFree(ports: { port: number; host: string; variable: string; what: string }[]) {
  for (const { port, host, variable, what } of ports) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
    });
    if (!free) {
      say(`port ${port} (${what}) is already in use: stop what holds it or set ${variable} to a free port`);
      process.exit(1);
    }
  }
}

// Each child runs in its own process group, so the terminal's Ctrl-C reaches only this supervisor,
// which then stops them in order (otherwise Temporal would stop while the worker still drains).
function launch(command: string, args: string[], env: NodeJS.ProcessEnv, stdio: 'inherit' | 'pipe') {
  return spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', stdio, stdio], detached: true });
}

function startService(service: Service, env: NodeJS.ProcessEnv) {
  const child = launch(process.execPath, service.args, env, 'inherit');
  service.child = child;
  service.startedAt = Date.now();
  child.on('exit', (code, signal) => {
    if (stopping) return;
    if (code === configurationError) {
      say(`${service.name} cannot run with this configuration (see its line above); stopping`);
      return void stop(1);
    }
    if (Date.now() - service.startedAt >= healthyAfterMs) service.failures = 0;
    const delayMs = Math.min(firstDelayMs * 2 ** service.failures, longestDelayMs);
    service.failures++;
    say(`${service.name} exited (${signal ?? `code ${code}`}); restarting in ${delayMs / 1000} s`);
    service.restartTimer = setTimeout(() => startService(service, env), delayMs);
  });
}

/** Stops one process and waits for it; after 15 s it is killed. */
function stopProcess(child: ChildProcess | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The API first (it finishes in-flight requests), then the worker (it finishes its tasks), then Temporal. */
async function stop(exitCode: number) {
  if (stopping) return;
  stopping = true;
  for (const name of ['api', 'worker']) {
    const service = services.find((s) => s.name === name);
    if (!service) continue;
    clearTimeout(service.restartTimer);
    await stopProcess(service.child);
  }
  if (temporal) {
    await stopProcess(temporal);
    say('Temporal stopped');
  }
  process.exit(exitCode);
}

// If this supervisor itself ends some other way, it takes its children with it.
process.on('exit', () => {
  for (const child of [...services.map((s) => s.child), temporal]) {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

/**
 * The dev server's output, passed through while it runs. Once it is asked to stop, its own
 * internal workers report, at WARN, each poll cut off by its frontend closing first (the ~50 lines
 * "Failed to poll for task" / "network dial error"): expected in a shutdown, so not shown.
 */
function forwardWhileRunning(input: NodeJS.ReadableStream, output: NodeJS.WritableStream) {
  readline.createInterface({ input }).on('line', (line) => {
    if (!stopping) output.write(`${line}\n`);
  });
}

async function waitFor(what: string, ready: () => Promise<boolean>, seconds = 120) {
  for (let i = 0; i < seconds * 2; i++) {
    if (stopping) return;
    if (await ready().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${what} was not ready within ${seconds} s`);
}

async function main() {
  // A second Ctrl-C while stopping does not wait for the graceful stop any longer.
  const onSignal = () => {
    if (!stopping) return void stop(0);
    say('stopping now, without waiting');
    process.exit(1); // the exit handler kills what still runs
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // A closed terminal: the children, in sessions of their own, would not hear of it.
  process.on('SIGHUP', onSignal);

  let address = process.env.TEMPORAL_ADDRESS;
  await checkPortsFree([
    ...(address
      ? []
      : [
          { port: frontendPort, host: '127.0.0.1', variable: 'TEMPORAL_PORT', what: 'Temporal' },
          { port: uiPort, host: '127.0.0.1', variable: 'TEMPORAL_UI_PORT', what: 'the Temporal Web UI' },
        ]),
    { port: apiPort, host: apiHost, variable: 'PORT', what: 'the API' },
  ]);
  if (!address) {
    const binary = resolveTemporalBinary('cli');
    if (binary.executable.type !== 'existing-path') {
      throw new Error(`No working Temporal CLI found (${binary.source}). ${howToInstall('cli')}`);
    }
    fs.mkdirSync(dataDir, { recursive: true });
    address = `127.0.0.1:${frontendPort}`;
    temporal = launch(
      binary.executable.path,
      [
        'server',
        'start-dev',
        '--ip',
        '127.0.0.1',
        '--port',
        String(frontendPort),
        '--ui-port',
        String(uiPort),
        '--db-filename',
        path.join(dataDir, 'temporal.db'),
        '--log-level',
        'warn',
        ...searchAttributeFlags(),
        ...dynamicConfigFlags(),
      ],
      {},
      'pipe',
    );
    forwardWhileRunning(temporal.stdout!, process.stdout);
    forwardWhileRunning(temporal.stderr!, process.stderr);
    temporal.on('exit', (code, signal) => {
      if (stopping) return;
      say(`Temporal exited (${signal ?? `code ${code}`}); stopping the others`);
      void stop(1);
    });
    const temporalAddress = address;
    await waitFor('Temporal', async () => {
      const connection = await Connection.connect({ address: temporalAddress, connectTimeout: 1000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return true;
      } finally {
        await connection.close();
      }
    });
  }
  if (stopping) return;
  const env = {
    TEMPORAL_ADDRESS: address,
    PORT: String(apiPort),
    ORDERFLOW_OUTBOX_DIR: process.env.ORDERFLOW_OUTBOX_DIR || path.join(dataDir, 'outbox'),
    // The worker writes the read model and the API reads it: one file for both, beside the rest of the data.
    ORDERFLOW_DATABASE_URL: process.env.ORDERFLOW_DATABASE_URL || `sqlite:${path.join(dataDir, 'read-model.sqlite')}`,
  };
  for (const name of ['worker', 'api']) {
    const service: Service = { name, args: [path.join(root, 'dist', name, 'main.js')], startedAt: 0, failures: 0 };
    services.push(service);
    startService(service, env);
  }
  const apiUrl = `http://${apiHost.includes(':') ? `[${apiHost}]` : apiHost}:${apiPort}`;
  await waitFor('the API', async () => (await fetch(`${apiUrl}/healthz`)).ok);
  if (stopping) return;
  console.log(
    [
      '',
      'OrderFlow is running:',
      `  Console      ${apiUrl}/console/  (sign in with an API token; development tokens: dev-order-desk, dev-finance …)`,
      `  API          ${apiUrl}  (health: /healthz)`,
      process.env.TEMPORAL_ADDRESS
        ? `  Temporal     ${address} (existing cluster)`
        : `  Temporal UI  http://localhost:${uiPort}\n  Temporal     ${address} (dev server, data in ${path.join(dataDir, 'temporal.db')})`,
      'Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

main().catch((error) => {
  say(error instanceof Error ? error.message : String(error));
  void stop(1);
});
