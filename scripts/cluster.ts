import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { indexedValueTypes, orderSearchAttributes } from '../workflows/search-attributes';

// A production-shaped Temporal for the tests: the server at docker-compose's pinned version, built
// from the Go module proxy, on PostgreSQL from Debian's package, with its four services as separate
// processes on free ports of 127.0.0.1 — so the end-to-end suite and the outage tests run against
// what production runs, not only the single-process dev server. Everything lives under
// .data/cluster/ and is made afresh at each start; `stop()` leaves no process behind.

const root = path.resolve(__dirname, '..', '..');
export const temporalServerVersion = 'v1.28.1';
const goBin = path.join(root, '.temporal', 'go', 'bin');
const binaries = { server: path.join(goBin, 'server'), sql: path.join(goBin, 'sql') };

export const services = ['frontend', 'history', 'matching', 'worker'] as const;
export type Service = (typeof services)[number];

export interface Cluster {
  /** The frontend's host:port. */
  address: string;
  namespace: string;
  /** Kills one service (SIGKILL unless told otherwise) and waits until its process is gone. */
  stopService(service: Service, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a stopped service again and waits until it listens. */
  startService(service: Service): Promise<void>;
  /** Stops the four services, then PostgreSQL. */
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** Where the database, configuration and logs go (emptied first). */
  dir?: string;
  namespace?: string;
  log?: (line: string) => void;
}

const say = (line: string) => console.log(`[cluster] ${line}`);

/** Runs a command to its end without blocking the event loop (a cold Go build takes minutes); its output, or an error with it. */
export function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; uid?: number; gid?: number; cwd?: string } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { ...options, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${path.basename(command)} ${args.join(' ')} failed: ${error.message}\n${stdout}${stderr}`));
      else resolve(stdout);
    });
  });
}

function goCommand(): string {
  for (const candidate of [
    process.env.GO,
    '/usr/local/go/bin/go',
    ...(process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, 'go')),
  ]) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  throw new Error('The cluster needs Go to build the Temporal server: install it (https://go.dev/dl/) or set GO to the go binary');
}

/** The module version a Go binary was built from (`go version -m`), or undefined when it is missing. */
function builtVersion(go: string, binary: string): string | undefined {
  if (!fs.existsSync(binary)) return undefined;
  const info = spawnSync(go, ['version', '-m', binary], { encoding: 'utf8' });
  return /\tmod\tgo\.temporal\.io\/server\t(\S+)/.exec(info.stdout ?? '')?.[1];
}

/**
 * The Temporal server and its SQL schema tool at the pinned version, built into .temporal/go/bin
 * (about 3.5 minutes cold on 2 cores; skipped when both are already that version). Returns the
 * module's source directory, which holds the schema files.
 */
export async function ensureTemporalServer(log = say): Promise<string> {
  const go = goCommand();
  const env = { ...process.env, GOBIN: goBin, GOFLAGS: `${process.env.GOFLAGS ?? ''} -buildvcs=false`.trim() };
  if (Object.values(binaries).some((binary) => builtVersion(go, binary) !== temporalServerVersion)) {
    log(`building the Temporal server ${temporalServerVersion} from the Go module proxy (a few minutes the first time)`);
    const started = Date.now();
    await run(
      go,
      [
        'install',
        `go.temporal.io/server/cmd/server@${temporalServerVersion}`,
        `go.temporal.io/server/cmd/tools/sql@${temporalServerVersion}`,
      ],
      { env },
    );
    log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  return JSON.parse(await run(go, ['mod', 'download', '-json', `go.temporal.io/server@${temporalServerVersion}`], { env })).Dir;
}

function postgresBinDir(): string | undefined {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'postgres'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest && path.join(base, newest, 'bin');
}

/** PostgreSQL's server binaries, from Debian's `postgresql` package (installed when missing and we are root). */
export async function ensurePostgres(log = say): Promise<string> {
  const found = postgresBinDir();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new Error('PostgreSQL is not installed: run `sudo apt-get install -y postgresql` (the cluster tests need its server binaries)');
  }
  log("installing PostgreSQL from Debian's package");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update'], { env });
  await run('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], { env });
  const installed = postgresBinDir();
  if (!installed) throw new Error('apt-get installed postgresql but no server binaries are under /usr/lib/postgresql/*/bin');
  return installed;
}

/** PostgreSQL refuses to run as root: as root, it runs as the `postgres` user the package creates. */
export function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('running as root, but there is no `postgres` user to run PostgreSQL as');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

// Temporal keeps each host's membership port in a PostgreSQL smallint (cluster_membership.rpc_port), so
// ports come from below 32768, not from the kernel's ephemeral range; each is checked free by binding it.
const taken = new Set<number>();
async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (taken.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.unref();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) {
      taken.add(port);
      return port;
    }
  }
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Polls `attempt` until it gives a value; fails at the timeout, or at once when the process it waits for has exited. */
async function until<T>(
  what: string,
  attempt: () => Promise<T | undefined>,
  timeoutMs: number,
  logFile?: string,
  child?: ChildProcess,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  const tail = () =>
    logFile && fs.existsSync(logFile)
      ? `\n--- last lines of ${logFile}:\n${fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n')}`
      : '';
  let last: unknown;
  for (;;) {
    if (child && (child.exitCode !== null || child.signalCode !== null))
      throw new Error(`${what}: the process exited (${child.exitCode ?? child.signalCode})${tail()}`);
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`${what} not ready after ${timeoutMs / 1000} s${last ? `: ${(last as Error).message}` : ''}${tail()}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

interface Ports {
  grpc: number;
  membership: number;
  http?: number;
}

function serverConfig(ports: Record<Service, Ports>, postgresPort: number, dynamicConfigPath: string): string {
  const store = (database: string, maxConns: number) => `
      sql:
        pluginName: postgres12
        databaseName: ${database}
        connectAddr: 127.0.0.1:${postgresPort}
        connectProtocol: tcp
        user: temporal
        password: temporal
        maxConns: ${maxConns}
        maxIdleConns: ${maxConns}
        maxConnLifetime: 1h`;
  const service = (name: Service) => `
  ${name}:
    rpc:
      grpcPort: ${ports[name].grpc}
      membershipPort: ${ports[name].membership}
      bindOnLocalHost: true${ports[name].http ? `\n      httpPort: ${ports[name].http}` : ''}`;
  return `# Written by scripts/cluster.ts at each start.
log:
  stdout: true
  level: warn
persistence:
  defaultStore: default
  visibilityStore: visibility
  numHistoryShards: 4
  datastores:
    default:${store('temporal', 10)}
    visibility:${store('temporal_visibility', 4)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: 127.0.0.1
services:${services.map(service).join('')}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: 127.0.0.1:${ports.frontend.grpc}
dcRedirectionPolicy:
  policy: noop
publicClient:
  hostPort: 127.0.0.1:${ports.frontend.grpc}
dynamicConfigClient:
  filepath: ${dynamicConfigPath}
  pollInterval: 10s
`;
}

// Search attributes registered on a running cluster are seen at once, not after a cache period.
const dynamicConfig = `system.forceSearchAttributesCacheRefreshOnRead:
  - value: true
`;

/** Builds what is missing, then starts PostgreSQL, sets up both schemas and starts the four services. */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const log = options.log ?? say;
  const namespace = options.namespace ?? 'default';
  const started = Date.now();
  const moduleDir = await ensureTemporalServer(log);
  const pgBin = await ensurePostgres(log);
  const dir = clusterDir(options.dir ?? path.join(root, '.data', 'cluster'), log);
  const logs = path.join(dir, 'logs');
  fs.mkdirSync(logs, { recursive: true });
  const children = new Map<string, ChildProcess>();
  // A test run that ends abruptly must not leave servers behind.
  const killAll = () => children.forEach((child) => child.kill('SIGKILL'));
  process.once('exit', killAll);

  const launch = (name: string, command: string, args: string[], extra: { uid?: number; gid?: number } = {}) => {
    const out = fs.openSync(path.join(logs, `${name}.log`), 'a');
    const child = spawn(command, args, { cwd: dir, stdio: ['ignore', out, out], ...extra });
    fs.closeSync(out);
    children.set(name, child);
    return child;
  };

  const stopOne = async (name: string) => {
    const child = children.get(name);
    if (!child) return;
    // PostgreSQL's fast shutdown is SIGINT; the Temporal services stop on SIGTERM.
    child.kill(name === 'postgres' ? 'SIGINT' : 'SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited(child);
    clearTimeout(timer);
    children.delete(name);
  };
  const stop = async () => {
    process.removeListener('exit', killAll);
    await Promise.all(services.map(stopOne));
    await stopOne('postgres');
  };

  try {
    // PostgreSQL: a private data directory, trust authentication on 127.0.0.1 only.
    const user = postgresUser();
    const pgData = path.join(dir, 'postgres');
    fs.mkdirSync(pgData, { mode: 0o700 });
    if (user) fs.chownSync(pgData, user.uid, user.gid);
    await run(path.join(pgBin, 'initdb'), ['-D', pgData, '-U', 'temporal', '--auth=trust', '-E', 'UTF8', '--locale=C'], {
      ...user,
      cwd: dir,
    });
    const postgresPort = await freePort();
    const postgres = launch(
      'postgres',
      path.join(pgBin, 'postgres'),
      ['-D', pgData, '-p', String(postgresPort), '-k', pgData, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
      user,
    );
    await until(
      'PostgreSQL',
      async () => {
        const ready = spawnSync(path.join(pgBin, 'pg_isready'), [
          '-h',
          '127.0.0.1',
          '-p',
          String(postgresPort),
          '-U',
          'temporal',
          '-d',
          'postgres',
        ]);
        return ready.status === 0 || undefined;
      },
      60_000,
      path.join(logs, 'postgres.log'),
      postgres,
    );

    // Both schemas, with the SQL tool and the schema files of the same server version.
    const sql = (database: string, ...args: string[]) =>
      run(binaries.sql, [
        '--plugin',
        'postgres12',
        '--endpoint',
        '127.0.0.1',
        '--port',
        String(postgresPort),
        '--user',
        'temporal',
        '--password',
        'temporal',
        '--database',
        database,
        ...args,
      ]);
    for (const [database, schema] of [
      ['temporal', 'temporal'],
      ['temporal_visibility', 'visibility'],
    ]) {
      await sql(database, 'create-database');
      await sql(database, 'setup-schema', '--version', '0.0');
      await sql(database, 'update-schema', '--schema-dir', path.join(moduleDir, 'schema', 'postgresql', 'v12', schema, 'versioned'));
    }

    // The four services, one process each, from one configuration file.
    const ports = {} as Record<Service, Ports>;
    for (const service of services) ports[service] = { grpc: await freePort(), membership: await freePort() };
    ports.frontend.http = await freePort();
    const configDir = path.join(dir, 'config');
    fs.mkdirSync(configDir);
    fs.writeFileSync(path.join(configDir, 'dynamic.yaml'), dynamicConfig);
    fs.writeFileSync(path.join(configDir, 'cluster.yaml'), serverConfig(ports, postgresPort, path.join(configDir, 'dynamic.yaml')));

    const startService = async (service: Service) => {
      const child = launch(service, binaries.server, [
        '--root',
        dir,
        '--config',
        'config',
        '--env',
        'cluster',
        '--allow-no-auth',
        'start',
        '--service',
        service,
      ]);
      const logFile = path.join(logs, `${service}.log`);
      // The worker service serves no gRPC of its own: it is up once it listens for membership.
      const port = service === 'worker' ? ports.worker.membership : ports[service].grpc;
      await until(`the ${service} service`, async () => (await listening(port)) || undefined, 120_000, logFile, child);
    };
    const stopService = async (service: Service, signal: NodeJS.Signals = 'SIGKILL') => {
      const child = children.get(service);
      if (!child) return;
      child.kill(signal);
      await exited(child);
      children.delete(service);
    };
    for (const service of services) await startService(service);

    const address = `127.0.0.1:${ports.frontend.grpc}`;
    await prepareNamespace(address, namespace, path.join(logs, 'frontend.log'));
    log(
      `Temporal ${temporalServerVersion} on PostgreSQL ${path.basename(path.dirname(pgBin))} at ${address}, ` +
        `namespace ${namespace} (ready in ${Math.round((Date.now() - started) / 1000)} s; logs in ${logs})`,
    );
    return { address, namespace, stopService, startService, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The data directory, emptied; as root, one the `postgres` user can reach (else a private one under the temp dir). */
function clusterDir(wanted: string, log: (line: string) => void): string {
  fs.rmSync(wanted, { recursive: true, force: true });
  fs.mkdirSync(wanted, { recursive: true });
  const user = postgresUser();
  if (!user) return wanted;
  const reachable = spawnSync('test', ['-x', wanted], { uid: user.uid, gid: user.gid }).status === 0;
  if (reachable) return wanted;
  fs.rmSync(wanted, { recursive: true, force: true });
  const fallback = fs.mkdtempSync(path.join(os.tmpdir(), 'orderflow-cluster-'));
  log(`the postgres user cannot reach ${wanted}; using ${fallback}`);
  return fallback;
}

/** The namespace and the order search attributes, then a probe that a listing by them works. */
async function prepareNamespace(address: string, namespace: string, logFile: string) {
  const connection = await until('the frontend', () => Connection.connect({ address, connectTimeout: 2_000 }), 120_000, logFile);
  try {
    const service = connection.workflowService;
    await until(
      `namespace ${namespace}`,
      async () => {
        try {
          await service.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('7 days') });
        } catch (error) {
          if (!/already exists|AlreadyExists/i.test((error as Error).message)) throw error;
        }
        return service.describeNamespace({ namespace });
      },
      120_000,
      logFile,
    );
    await until(
      'the order search attributes',
      async () => {
        const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
        const missing = orderSearchAttributes.filter((key) => !customAttributes?.[key.name]);
        if (missing.length === 0) return true;
        await connection.operatorService.addSearchAttributes({
          namespace,
          searchAttributes: Object.fromEntries(missing.map((key) => [key.name, indexedValueTypes()[key.name]])),
        });
        return undefined;
      },
      120_000,
      logFile,
    );
    await until(
      'a listing by order status',
      () => service.listWorkflowExecutions({ namespace, query: `${orderSearchAttributes[0].name} = 'probe'` }),
      120_000,
      logFile,
    );
  } finally {
    await connection.close();
  }
}

// `node dist/scripts/cluster.js`: start the cluster and keep it up until Ctrl-C (for trying things by hand).
if (require.main === module) {
  startCluster().then(
    (cluster) => {
      say(`TEMPORAL_ADDRESS=${cluster.address} — Ctrl-C stops it`);
      const shutdown = () => void cluster.stop().then(() => process.exit(0));
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    },
    (error) => {
      console.error(`[cluster] ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
