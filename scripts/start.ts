import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { resolveTemporalBinary, howToInstall } from './temporal-servers';
import { searchAttributeFlags } from '../workflows/search-attributes';

// `npm start`: the whole system on one machine. The Temporal dev server (SQLite in .data/, so
// orders survive a restart; Web UI on 8233) unless TEMPORAL_ADDRESS names a cluster to use
// instead, then the worker and the API as child processes. Ctrl-C stops all three.

const root = path.resolve(__dirname, '..', '..');
const frontendPort = Number(process.env.TEMPORAL_PORT || 7233);
const uiPort = Number(process.env.TEMPORAL_UI_PORT || 8233);
const apiPort = Number(process.env.PORT || 3000);
const children: { name: string; process: ChildProcess }[] = [];
let stopping = false;

function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
  children.push({ name, process: child });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[start] ${name} exited (${signal ?? code}); stopping the others`);
      void stop(1);
    }
  });
  return child;
}

/** Stops the API and the worker first (they finish in-flight work), then Temporal. */
async function stop(exitCode: number) {
  if (stopping) return;
  stopping = true;
  for (const group of [['api', 'worker'], ['temporal']]) {
    await Promise.all(children.filter((c) => group.includes(c.name)).map(({ process: child }) => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    })));
  }
  process.exit(exitCode);
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
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  let address = process.env.TEMPORAL_ADDRESS;
  if (!address) {
    const binary = resolveTemporalBinary('cli');
    if (binary.executable.type !== 'existing-path') {
      throw new Error(`No working Temporal CLI found (${binary.source}). ${howToInstall('cli')}`);
    }
    fs.mkdirSync(path.join(root, '.data'), { recursive: true });
    address = `127.0.0.1:${frontendPort}`;
    run('temporal', binary.executable.path, [
      'server', 'start-dev',
      '--ip', '127.0.0.1',
      '--port', String(frontendPort),
      '--ui-port', String(uiPort),
      '--db-filename', path.join(root, '.data', 'temporal.db'),
      '--log-level', 'warn',
      ...searchAttributeFlags(),
    ]);
    await waitFor('Temporal', async () => {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return true;
      } finally {
        await connection.close();
      }
    });
  }
  const env = { TEMPORAL_ADDRESS: address, PORT: String(apiPort) };
  run('worker', process.execPath, [path.join(root, 'dist', 'worker', 'main.js')], env);
  run('api', process.execPath, [path.join(root, 'dist', 'api', 'main.js')], env);
  await waitFor('the API', async () => (await fetch(`http://127.0.0.1:${apiPort}/healthz`)).ok);
  if (stopping) return;
  console.log([
    '',
    'OrderFlow is running:',
    `  API          http://localhost:${apiPort}  (health: /healthz)`,
    process.env.TEMPORAL_ADDRESS ? `  Temporal     ${address} (existing cluster)` : `  Temporal UI  http://localhost:${uiPort}\n  Temporal     ${address} (dev server, data in .data/temporal.db)`,
    'Ctrl-C stops everything.',
    '',
  ].join('\n'));
}

main().catch((error) => {
  console.error(`[start] ${error instanceof Error ? error.message : error}`);
  void stop(1);
});
