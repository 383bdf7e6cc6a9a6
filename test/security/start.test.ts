import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { devServer } from '../support/servers';

// `npm start`'s supervisor (dist/scripts/start.js) on free ports with a data directory of its own:
// a port in use stops it with one line, a crashed worker is restarted and said so, Ctrl-C stops
// every process in order with at most one line each. And the API process alone on a taken port.

const root = path.resolve(__dirname, '..', '..', '..');

interface Run {
  child: ChildProcess;
  /** stdout and stderr, line by line, as they came. */
  lines: string[];
  exited: Promise<number | null>;
}

function run(script: string, env: NodeJS.ProcessEnv): Run {
  const child = spawn(process.execPath, [path.join(root, 'dist', script)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    let rest = '';
    stream.on('data', (chunk: Buffer) => {
      const parts = (rest + chunk.toString()).split('\n');
      rest = parts.pop()!;
      lines.push(...parts);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, exited };
}

/** Waits until a line matches (no sleeps: the output is the signal). */
async function lineMatching(r: Run, pattern: RegExp, timeoutMs = 90_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = r.lines.find((line) => pattern.test(line));
    if (found) return found;
    if (r.child.exitCode !== null) throw new Error(`exited (${r.child.exitCode}) before ${pattern}:\n${r.lines.join('\n')}`);
    if (Date.now() > until) throw new Error(`no line ${pattern} within ${timeoutMs} ms:\n${r.lines.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A port held by a listener of this test, on 127.0.0.1. */
async function holdPort(): Promise<net.Server> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const portOf = (server: net.Server) => (server.address() as net.AddressInfo).port;

async function freePort(): Promise<number> {
  const server = await holdPort();
  const port = portOf(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The processes whose parent is `pid` running `script` (from /proc: no name matching across the machine). */
function childrenRunning(pid: number, script: string): number[] {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        const command = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
        return parent === pid && command.includes(script) ? [Number(entry)] : [];
      } catch {
        return []; // gone meanwhile
      }
    });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start supervisor', function () {
  this.timeout(180_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderflow-start-'));
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  for (const variable of ['TEMPORAL_PORT', 'TEMPORAL_UI_PORT', 'PORT']) {
    it(`a port in use (${variable}) → one line naming the port and ${variable}, non-zero exit, nothing started`, async () => {
      const held = await holdPort();
      try {
        const ports: NodeJS.ProcessEnv = {
          TEMPORAL_PORT: String(await freePort()),
          TEMPORAL_UI_PORT: String(await freePort()),
          PORT: String(await freePort()),
        };
        ports[variable] = String(portOf(held));
        const r = run('scripts/start.js', { ...ports, ORDERFLOW_DATA_DIR: dataDir });
        assert.notEqual(await r.exited, 0);
        const said = r.lines.filter((line) => line.trim() !== '');
        assert.equal(said.length, 1, said.join('\n'));
        assert.match(said[0], new RegExp(`port ${portOf(held)} .*already in use.*set ${variable} `));
        assert.ok(!fs.existsSync(path.join(dataDir, 'temporal.db')), 'Temporal was not started');
      } finally {
        await new Promise((resolve) => held.close(resolve));
      }
    });
  }

  describe('running', () => {
    let r: Run;
    let apiUrl: string;

    before(async () => {
      const apiPort = await freePort();
      apiUrl = `http://127.0.0.1:${apiPort}`;
      r = run('scripts/start.js', {
        TEMPORAL_PORT: String(await freePort()),
        TEMPORAL_UI_PORT: String(await freePort()),
        PORT: String(apiPort),
        ORDERFLOW_DATA_DIR: dataDir,
        TEMPORAL_ADDRESS: '',
        ORDERFLOW_HOST: '',
        ORDERFLOW_LOG_FORMAT: '',
      });
      await lineMatching(r, /Ctrl-C stops everything/);
    });
    after(() => {
      // Its children have process groups of their own: a supervisor killed outright leaves them behind.
      if (r.child.exitCode !== null) return;
      for (const pid of childrenRunning(r.child.pid!, '')) process.kill(pid, 'SIGKILL');
      r.child.kill('SIGKILL');
    });

    it('restarts a killed worker, says so in one line, and the API keeps answering', async () => {
      const [worker] = childrenRunning(r.child.pid!, 'dist/worker/main.js');
      assert.ok(worker, 'a worker runs');
      const polling = () => r.lines.filter((line) => /^\[worker\] polling task queue/.test(line)).length;
      await lineMatching(r, /^\[worker\] polling task queue/);
      const before = r.lines.length;
      process.kill(worker, 'SIGKILL');
      await lineMatching(r, /^\[start\] worker exited \(SIGKILL\); restarting in 1 s$/);
      const pollingBefore = polling();
      for (let i = 0; polling() === pollingBefore; i++) {
        assert.ok(i < 600, 'the worker polls again within a minute');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const restarted = childrenRunning(r.child.pid!, 'dist/worker/main.js');
      assert.equal(restarted.length, 1);
      assert.notEqual(restarted[0], worker);
      assert.equal((await fetch(`${apiUrl}/healthz`, { headers: { 'x-request-id': 'after-restart' } })).status, 200);
      await lineMatching(r, /"requestId":"after-restart"/); // its log line is out before the next test counts lines
      const said = r.lines.slice(before).filter((line) => line.startsWith('[start]'));
      assert.deepEqual(said, ['[start] worker exited (SIGKILL); restarting in 1 s']);
    });

    it('SIGINT stops the API, the worker and Temporal in that order, one line each, and exits 0', async () => {
      const pids = ['dist/api/main.js', 'dist/worker/main.js', 'start-dev'].flatMap((script) => childrenRunning(r.child.pid!, script));
      assert.equal(pids.length, 3, 'API, worker and Temporal run');
      const before = r.lines.length;
      r.child.kill('SIGINT');
      assert.equal(await r.exited, 0);
      const said = r.lines.slice(before).filter((line) => line.trim() !== '');
      assert.equal(said.length, 3, said.join('\n'));
      assert.equal(JSON.parse(said[0]).msg, 'stopped');
      assert.equal(said[1], '[worker] stopped');
      assert.equal(said[2], '[start] Temporal stopped');
      assert.deepEqual(pids.filter(alive), [], 'nothing left running');
    });
  });

  it('the API process alone exits non-zero with one line when its port is in use', async () => {
    const env = await devServer();
    const held = await holdPort();
    try {
      const r = run('api/main.js', {
        TEMPORAL_ADDRESS: env.address,
        PORT: String(portOf(held)),
        ORDERFLOW_HOST: '127.0.0.1',
        NODE_ENV: 'development',
      });
      assert.equal(await r.exited, 78);
      const said = r.lines.filter((line) => line.trim() !== '');
      assert.equal(said.length, 1, said.join('\n'));
      assert.match(JSON.parse(said[0]).msg, new RegExp(`port ${portOf(held)} .*already in use: set PORT`));
    } finally {
      await new Promise((resolve) => held.close(resolve));
    }
  });

  for (const trustProxy of ['', 'loopback']) {
    it(`the API process binds 127.0.0.1 by default${trustProxy ? ' and, with ORDERFLOW_TRUST_PROXY=loopback, logs the client from X-Forwarded-For' : ', ignoring X-Forwarded-For'}`, async () => {
      const env = await devServer();
      const r = run('api/main.js', {
        TEMPORAL_ADDRESS: env.address,
        PORT: '0',
        ORDERFLOW_HOST: '',
        ORDERFLOW_TRUST_PROXY: trustProxy,
        NODE_ENV: 'development',
      });
      try {
        const listening = JSON.parse(await lineMatching(r, /"msg":"listening"/));
        assert.match(listening.url, /^http:\/\/127\.0\.0\.1:\d+$/);
        const answer = await fetch(`${listening.url}/healthz`, {
          headers: { 'x-forwarded-for': '203.0.113.7', 'x-request-id': `proxy-${trustProxy}` },
        });
        assert.equal(answer.status, 200);
        const logged = JSON.parse(await lineMatching(r, new RegExp(`"requestId":"proxy-${trustProxy}"`)));
        assert.equal(logged.ip, trustProxy ? '203.0.113.7' : '127.0.0.1');
      } finally {
        r.child.kill('SIGTERM');
        await r.exited;
      }
    });
  }
});
