import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Client } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { createApp } from '../api/app';
import { developmentTokens } from '../api/auth';
import { durationMs } from '../workflows/domain/duration';
import type { OrderEvent } from '../workflows/domain/events';
import type { OrderInput, Role } from '../workflows/domain/order';
import { defaultPolicy, resolvePolicy, type Policy } from '../workflows/domain/policy';
import { submitEvent, workflowIdOf } from '../workflows/messages';
import { startOrder } from '../client/channels';
import { sandboxSettings, workflowBundlePath } from '../worker/worker';
import { installQuietRuntime, startLocalDevServer } from './temporal-servers';

// npm run bench [-- --orders 120 --rounds 6 --concurrency 8 --samples 100 --cached 300 --open 10000 --due PT10M --node current]
// npm run bench -- --against <another build's dist/workflow-bundle.js> [--orders 160 --rounds 8]
//
// Measures OrderFlow's order workflow against a no-op workflow of the same shape (same updates,
// one outbox notice per event; scripts/bench/noop-workflow.ts) on one CLI dev server, in one run,
// and prints ratios: machines here are noisy, so only figures taken side by side mean anything.
// Workers run as child processes so that their CPU time and memory are theirs alone (Linux /proc).
// Not part of `npm test`: it asserts nothing; the targets are read off its last line.

const { values: opts } = parseArgs({
  options: {
    // Whole lifecycles per workflow kind, in rounds where order and no-op take turns, each round a few seconds long:
    // with 4 rounds of 10 (2 s each) a stalled minute on the machine read as the code's (0.65 between runs of 0.74).
    orders: { type: 'string', default: '120' },
    rounds: { type: 'string', default: '6' },
    concurrency: { type: 'string', default: '8' },
    samples: { type: 'string', default: '100' }, // REST and raw-client events each
    cached: { type: 'string', default: '300' }, // open orders for the memory-per-order figure
    open: { type: 'string', default: '0' }, // with N > 0: N open orders on one worker with the production cache settings
    due: { type: 'string', default: 'PT10M' }, // the window over which those orders' escalations fall due, once they are open
    // Another build's workflow bundle: its orders' lifecycles are the baseline instead of the no-op's (nothing else is measured).
    // A change's effect is within the machine's drift between two runs; side by side, taking turns, it shows.
    against: { type: 'string' },
    // The Node the workers run on: `current`, the one running the bench; `image`, the line the Docker image ships
    // (its NODE_IMAGE), as in production; or a line (`24`).
    node: { type: 'string', default: 'current' },
  },
});
const num = (name: keyof typeof opts) => Number(opts[name]);

const workerNode = nodeBinary(opts.node!);
const workerVersion = execFileSync(workerNode, ['--version'], { encoding: 'utf8' }).trim();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'orderflow-bench-'));
let address = '';
let queues = 0;

// ---- worker processes -------------------------------------------------------------------------

interface BenchWorker {
  child: ChildProcess;
  taskQueue: string;
  outboxDir: string;
}

async function startWorker(bundle: string, cached?: number): Promise<BenchWorker> {
  const taskQueue = `bench-${process.pid}-${++queues}`;
  const outboxDir = path.join(scratch, taskQueue);
  const args = [path.join(__dirname, 'bench', 'worker.js'), address, taskQueue, bundle, outboxDir, ...(cached ? [String(cached)] : [])];
  const child = spawn(workerNode, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`bench worker exited (${code})`)));
  });
  return { child, taskQueue, outboxDir };
}

async function stopWorker({ child }: BenchWorker) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/**
 * The Node binary the workers run on. What a workflow's promises and stacks cost beside the SDK's fixed work changes
 * from one V8 to the next (docs/performance.md, December 4, night: on Node 26 the order's throughput ratio is higher),
 * so `--node image` measures the workers on the line production runs. npx fetches a line from the npm registry once
 * and keeps it in its cache.
 */
function nodeBinary(wanted: string): string {
  if (wanted === 'current') return process.execPath;
  const line = wanted === 'image' ? imageNodeLine() : wanted;
  return execFileSync('npx', ['--yes', `node@${line}`, '--print', 'process.execPath'], { encoding: 'utf8' }).trim();
}

/** The Node line of the Dockerfile's default base image (`ARG NODE_IMAGE=node:26-…`). */
function imageNodeLine(): string {
  const dockerfile = fs.readFileSync(path.join(__dirname, '..', '..', 'Dockerfile'), 'utf8');
  const line = /^ARG NODE_IMAGE=node:(\d+)/m.exec(dockerfile)?.[1];
  if (!line) throw new Error('the Dockerfile names no default NODE_IMAGE=node:<line>');
  return line;
}

/** User + system CPU seconds of a process so far. */
function cpuSeconds(pid: number): number {
  // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks.
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}

const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

function rssMiB(pid: number): number {
  const line = fs
    .readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.split(/\s+/)[1]) / 1024;
}

/**
 * The dev server this process started (the SDK spawns the CLI as its child): its CPU is part of what a
 * lifecycle costs, and on a shared machine it is taken from the workers (search-attribute upserts, for one).
 */
function devServerPid(): number {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = Number(fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      if (parent === process.pid && fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('start-dev')) return Number(entry);
    } catch {
      // a process that ended while the list was read
    }
  }
  throw new Error('the dev server started by the bench was not found in /proc');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the worker has finished what it was given (its CPU stops moving), returns its CPU seconds. */
async function settledCpu(pid: number): Promise<number> {
  let last = cpuSeconds(pid);
  for (;;) {
    await sleep(1000);
    const now = cpuSeconds(pid);
    if (now - last < 0.02) return now;
    last = now;
  }
}

/** Runs `work` for 0..count-1, at most `concurrency` at once. */
async function pool(count: number, concurrency: number, work: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

// ---- the orders -------------------------------------------------------------------------------

const event = (type: string, role: Role, data: Record<string, unknown> = {}) => ({ type, role, data });

/** A class A standard order from confirmation to payment: the README's walk-through. */
const lifecycle = [
  event('order-confirmed', 'order-desk'),
  event('price-approved', 'finance'),
  event('delivery-date-estimated', 'production', { promisedDate: '2031-01-15' }),
  event('confirmation-sent', 'order-desk', { documentRef: 'OC-1' }),
  event('signed-confirmation-returned', 'order-desk', { documentRef: 'OC-1s' }),
  event('production-notice-issued', 'finance', { noticeRef: 'PN-1' }),
  event('technical-order-issued', 'technical', { orderRef: 'TO-1' }),
  event('qc-passed', 'qc', { reportRef: 'QC-1' }),
  event('stocked', 'warehouse', { location: 'A-03' }),
  event('shipping-requested', 'sales-rep', { requestRef: 'SR-1' }),
  event('shipped', 'warehouse', { carrier: 'SF Express', trackingRef: 'SF1' }),
  event('signed-for', 'customer', { receiptRef: 'AR-1' }),
  event('payment-received', 'finance', { amount: 384_000, paymentRef: 'BANK-1' }),
];
const intoProduction = lifecycle.slice(0, 7);

const orderInput = (orderNumber: string): OrderInput => ({
  orderNumber,
  channel: 'standard',
  customer: { id: 'C-BENCH', name: 'Ningbo Lamps', class: 'A' },
  salesRep: { id: 'rep-li' },
  lines: [{ productCode: 'LAMP-PD-60', quantity: 12, unitPrice: 32_000 }],
  deposit: { kind: 'none' },
  delivery: { address: '88 Zhongshan Rd, Ningbo', contact: 'Mr Zhao', phone: '+86 574 0000 0000' },
});

type Kind = 'order' | 'noop';
let orders = 0;

async function startBenchOrder(client: Client, kind: Kind, taskQueue: string, policy: Policy = defaultPolicy, events = lifecycle.length) {
  const orderNumber = `BENCH-${process.pid}-${++orders}`;
  return kind === 'order'
    ? startOrder(client, { order: orderInput(orderNumber), policy }, { taskQueue })
    : client.workflow.start('noopOrder', { taskQueue, workflowId: workflowIdOf(orderNumber), args: [{ events }] });
}

async function send(client: Client, workflowId: string, events: typeof lifecycle) {
  const handle = client.workflow.getHandle(workflowId);
  for (const e of events) {
    await handle.executeUpdate(submitEvent, {
      args: [{ type: e.type, actor: { id: `${e.role}-1`, role: e.role }, data: e.data } as OrderEvent],
    });
  }
}

// ---- the measurements -------------------------------------------------------------------------

type Side = 'baseline' | 'order';

/**
 * Whole lifecycles of the order and of a baseline (the no-op, or another build's order): orders per
 * second, and worker and dev server CPU seconds per order. The sides take turns, a round each (who goes
 * first alternating), on a worker each: the machine's pace drifts by half over minutes here, and one
 * side measured after the other took the drift for a difference.
 */
async function lifecycles(client: Client, bundles: Record<Side, string>, baseline: Kind) {
  const sides: Side[] = ['baseline', 'order'];
  const kinds: Record<Side, Kind> = { baseline, order: 'order' };
  const workers = { baseline: await startWorker(bundles.baseline), order: await startWorker(bundles.order) };
  const measured = { baseline: { seconds: 0, cpu: 0, server: 0 }, order: { seconds: 0, cpu: 0, server: 0 } };
  /** Each round's throughput, order ÷ baseline: how far one run's rounds spread says how far to trust its ratio. */
  const byRound: number[] = [];
  const server = devServerPid();
  const perRound = Math.ceil(num('orders') / num('rounds'));
  for (let turn = 0; turn < num('rounds'); turn++) {
    const roundSeconds: Record<Side, number> = { baseline: 0, order: 0 };
    for (const side of turn % 2 === 0 ? sides : [...sides].reverse()) {
      const pid = workers[side].child.pid!;
      const cpu0 = cpuSeconds(pid);
      const server0 = cpuSeconds(server);
      const t0 = performance.now();
      await pool(perRound, num('concurrency'), async () => {
        const handle = await startBenchOrder(client, kinds[side], workers[side].taskQueue);
        await send(client, handle.workflowId, lifecycle);
      });
      const seconds = (performance.now() - t0) / 1000;
      measured[side].seconds += seconds;
      roundSeconds[side] = seconds;
      measured[side].cpu += (await settledCpu(pid)) - cpu0;
      measured[side].server += cpuSeconds(server) - server0;
    }
    byRound.push(round(roundSeconds.baseline / roundSeconds.order));
  }
  await Promise.all(sides.map((side) => stopWorker(workers[side])));
  const count = perRound * num('rounds');
  const figures = (side: Side) => ({
    ordersPerSecond: count / measured[side].seconds,
    cpuPerOrder: measured[side].cpu / count,
    serverCpuPerOrder: measured[side].server / count,
  });
  return { count, baseline: figures('baseline'), order: figures('order'), byRound };
}

type Lifecycles = Awaited<ReturnType<typeof lifecycles>>;

function printLifecycles({ count, baseline, order, byRound }: Lifecycles, baselineName: string) {
  const side = (name: string, f: Lifecycles['order']) =>
    `${name} ${f.ordersPerSecond.toFixed(2)}/s, ${ms(f.cpuPerOrder)} ms CPU (dev server ${ms(f.serverCpuPerOrder)} ms)`;
  console.log(
    `lifecycles (${count} orders × ${lifecycle.length} events, ${num('rounds')} rounds each): ${side('order', order)}; ${side(baselineName, baseline)}`,
  );
  console.log(`throughput by round, order ÷ ${baselineName}: ${byRound.join(' ')}`);
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

/** One event's round trip through the REST API against the same update sent with the raw client. */
async function restRoundTrip(client: Client, bundle: string) {
  const worker = await startWorker(bundle);
  const app = createApp({ client, taskQueue: worker.taskQueue, policy: {}, tokens: developmentTokens, log: () => undefined });
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  const handle = await startBenchOrder(client, 'order', worker.taskQueue);
  await send(client, handle.workflowId, intoProduction);
  const orderNumber = handle.workflowId.slice(workflowIdOf('').length);
  const rest: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < num('samples'); i++) {
    const data = { percentDone: i % 100, comment: `sample ${i}` };
    let t = performance.now();
    const response = await fetch(`${url}/orders/${orderNumber}/events`, {
      method: 'POST',
      headers: { authorization: 'Bearer dev-production', 'content-type': 'application/json', 'idempotency-key': `bench-rest-${i}` },
      body: JSON.stringify({ type: 'progress-reported', data }),
    });
    if (!response.ok) throw new Error(`REST event answered ${response.status}: ${await response.text()}`);
    rest.push(performance.now() - t);
    t = performance.now();
    await handle.executeUpdate(submitEvent, {
      args: [{ type: 'progress-reported', actor: { id: 'production-1', role: 'production' }, data, id: `bench-raw-${i}` }],
    });
    raw.push(performance.now() - t);
  }
  await new Promise((resolve) => server.close(resolve));
  await stopWorker(worker);
  return { restP50: percentile(rest, 0.5), restP95: percentile(rest, 0.95), rawP50: percentile(raw, 0.5), rawP95: percentile(raw, 0.95) };
}

/** Waits until every workflow has completed its first workflow task (it is then in the worker's cache). */
async function firstTasksDone(client: Client, workflowIds: string[]) {
  await pool(workflowIds.length, 20, async (i) => {
    for (;;) {
      const { historyLength } = await client.workflow.getHandle(workflowIds[i]).describe();
      if (historyLength >= 4) return;
      await sleep(200);
    }
  });
}

/** Worker memory per open order held in its cache (MiB). */
async function memoryPerOpenOrder(client: Client, kind: Kind, bundle: string) {
  const count = num('cached');
  const worker = await startWorker(bundle, count + 50);
  const pid = worker.child.pid!;
  const start = async () => (await startBenchOrder(client, kind, worker.taskQueue, defaultPolicy, 1e9)).workflowId;
  // Warm up (module initialisation, first bundle load), then measure what the open orders add.
  const warm: string[] = [];
  await pool(20, 10, async () => void warm.push(await start()));
  await firstTasksDone(client, warm);
  await sleep(2000);
  const before = rssMiB(pid);
  const open: string[] = [];
  await pool(count, 20, async () => void open.push(await start()));
  await firstTasksDone(client, open);
  await sleep(2000);
  const perOrder = (rssMiB(pid) - before) / count;
  await stopWorker(worker);
  return perOrder;
}

/**
 * N open orders on one worker with its production cache settings, and their first-confirmation
 * escalations falling due one after another over `--due`, from the time all of them should be
 * open (30 ms an order, at least a minute): a day's reminders of a large factory, compressed, and
 * not mixed up with how fast the bench opens orders. Reports the worker's peak RSS, how long the
 * opening took, and how late each escalation reached the outbox (evicted orders are replayed when
 * their timer fires).
 */
async function openOrders(client: Client, bundle: string, count: number) {
  const spreadMs = durationMs(opts.due!);
  const worker = await startWorker(bundle);
  const pid = worker.child.pid!;
  let peakRss = rssMiB(pid);
  const sampler = setInterval(() => {
    if (worker.child.exitCode === null) peakRss = Math.max(peakRss, rssMiB(pid));
  }, 1000);
  const dueAt = new Map<string, number>();
  const openedAt = Date.now();
  const firstDue = openedAt + Math.max(60_000, count * 30);
  await pool(count, 20, async (i) => {
    const startedAt = Date.now();
    const seconds = Math.max(1, Math.round((firstDue + (i * spreadMs) / count - startedAt) / 1000));
    const policy = resolvePolicy({ clocks: { firstConfirmation: { after: `PT${seconds}S`, to: 'supervisor' } } });
    const { workflowId } = await startBenchOrder(client, 'order', worker.taskQueue, policy);
    dueAt.set(workflowId, startedAt + seconds * 1000);
  });
  const openingSeconds = (Date.now() - openedAt) / 1000;
  const lastDue = Math.max(...dueAt.values());
  while (Date.now() < lastDue + 60_000 && worker.child.exitCode === null) await sleep(5000);
  clearInterval(sampler);
  const fired = new Map<string, number>();
  for (const name of fs.existsSync(worker.outboxDir) ? fs.readdirSync(worker.outboxDir) : []) {
    const message = JSON.parse(fs.readFileSync(path.join(worker.outboxDir, name), 'utf8')) as {
      orderNumber: string;
      deliveredAt?: string;
      notice: { type: string; kind: string };
    };
    if (message.notice.type === 'first-confirmation' && message.deliveredAt) {
      fired.set(workflowIdOf(message.orderNumber), Date.parse(message.deliveredAt));
    }
  }
  const lateness = [...dueAt].map(([id, at]) => (fired.has(id) ? (fired.get(id)! - at) / 1000 : Infinity));
  const crashed = worker.child.exitCode !== null;
  await stopWorker(worker);
  return {
    orders: count,
    openingSeconds: round(openingSeconds),
    workerPeakRssMiB: round(peakRss),
    workerCrashed: crashed,
    remindersDue: dueAt.size,
    remindersFired: fired.size,
    remindersWithin60s: lateness.filter((l) => l <= 60).length,
    p50LatenessSeconds: round(percentile(lateness, 0.5)),
    maxLatenessSeconds: round(Math.max(...lateness)),
  };
}

const ms = (seconds: number) => (seconds * 1000).toFixed(0);
const round = (n: number, digits = 2) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : n);

/**
 * The no-op workflow's bundle, built for this run. It runs in a sandbox like the order's: the same stack depth
 * (the SDK records a stack for each promise, the no-op's fewer), as its worker has the order's cache and heap.
 */
async function bundleNoop(): Promise<string> {
  const file = path.join(scratch, 'noop-bundle.js');
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('./bench/noop-workflow'),
    preloadModules: sandboxSettings(),
    logger: new DefaultLogger('WARN'),
  });
  fs.writeFileSync(file, code);
  return file;
}

/** `--against`: this build's lifecycles against another build's, and nothing else. */
async function compareBuilds(client: Client, orderBundle: string, otherBundle: string) {
  const measured = await lifecycles(client, { baseline: otherBundle, order: orderBundle }, 'order');
  printLifecycles(measured, 'that build');
  const { baseline: other, order } = measured;
  console.log(
    JSON.stringify({
      throughputRatio: round(order.ordersPerSecond / other.ordersPerSecond),
      workerCpuRatio: round(order.cpuPerOrder / other.cpuPerOrder),
      devServerCpuRatio: round(order.serverCpuPerOrder / other.serverCpuPerOrder),
      throughputRatioByRound: measured.byRound,
      workerNode: workerVersion,
    }),
  );
}

async function main() {
  installQuietRuntime();
  const env = await startLocalDevServer();
  address = env.address;
  const client = env.client;
  const orderBundle = workflowBundlePath();
  try {
    console.log(
      `bench: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ` +
        `workers on node ${workerVersion}; dev server ${address}`,
    );
    if (opts.against) return await compareBuilds(client, orderBundle, path.resolve(opts.against));
    const noopBundle = await bundleNoop();
    const measured = await lifecycles(client, { baseline: noopBundle, order: orderBundle }, 'noop');
    printLifecycles(measured, 'no-op');
    const { baseline: noop, order } = measured;
    const rest = await restRoundTrip(client, orderBundle);
    console.log(
      `event round trip (${num('samples')} each): REST p50 ${rest.restP50.toFixed(1)} ms p95 ${rest.restP95.toFixed(1)} ms; ` +
        `raw update p50 ${rest.rawP50.toFixed(1)} ms p95 ${rest.rawP95.toFixed(1)} ms`,
    );
    const memoryNoop = await memoryPerOpenOrder(client, 'noop', noopBundle);
    const memoryOrder = await memoryPerOpenOrder(client, 'order', orderBundle);
    console.log(`memory per open cached order (${num('cached')}): order ${memoryOrder.toFixed(3)} MiB, no-op ${memoryNoop.toFixed(3)} MiB`);
    const open = num('open') > 0 ? await openOrders(client, orderBundle, num('open')) : undefined;
    if (open) console.log(`open orders: ${JSON.stringify(open)}`);
    console.log(
      JSON.stringify({
        throughputRatio: round(order.ordersPerSecond / noop.ordersPerSecond),
        throughputRatioByRound: measured.byRound,
        workerCpuRatio: round(order.cpuPerOrder / noop.cpuPerOrder),
        restP50Ratio: round(rest.restP50 / rest.rawP50),
        restP95Ratio: round(rest.restP95 / rest.rawP95),
        memoryPerOpenOrderMiB: round(memoryOrder, 3),
        noopMemoryPerOpenOrderMiB: round(memoryNoop, 3),
        ...(open ? { open } : {}),
        workerNode: workerVersion,
      }),
    );
  } finally {
    await env.teardown();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
