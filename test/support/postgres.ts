import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ensurePostgres, postgresUser } from '../../scripts/cluster';

// A private PostgreSQL for the read model's tests: Debian's server binaries (as the cluster tests
// use them), a data directory of its own, trust authentication on 127.0.0.1 and a free port.

export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = await ensurePostgres(() => {});
  const user = postgresUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderflow-pg-'));
  const data = path.join(dir, 'data');
  fs.mkdirSync(data, { mode: 0o700 });
  if (user) {
    fs.chownSync(dir, user.uid, user.gid);
    fs.chownSync(data, user.uid, user.gid);
  }
  const initdb = spawnSync(path.join(bin, 'initdb'), ['-D', data, '-U', 'readmodel', '--auth=trust', '-E', 'UTF8', '--locale=C'], {
    ...user,
    cwd: dir,
  });
  if (initdb.status !== 0) throw new Error(`initdb failed: ${initdb.stderr.toString()}`);
  const port = await freePort();
  const server = spawn(path.join(bin, 'postgres'), ['-D', data, '-p', String(port), '-k', data, '-c', 'listen_addresses=127.0.0.1'], {
    ...user,
    cwd: dir,
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const until = Date.now() + 60_000;
  for (;;) {
    const ready = spawnSync(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'readmodel', '-d', 'postgres']);
    if (ready.status === 0) break;
    if (Date.now() > until || server.exitCode !== null) {
      server.kill('SIGKILL');
      throw new Error('PostgreSQL did not become ready within 60 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url: `postgres://readmodel@127.0.0.1:${port}/postgres`,
    async stop() {
      server.kill('SIGINT'); // fast shutdown
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
