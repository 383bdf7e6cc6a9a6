import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import type { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { RobotsConfig } from '../../activities/robots';
import { createApp } from '../../api/app';
import type { ApiMetrics } from '../../api/metrics';
import { developmentTokens, type Tokens } from '../../api/auth';
import type { Log } from '../../api/log';
import type { Role } from '../../workflows/domain/order';
import type { PolicyFile } from '../../client/channels';
import { ReadModel } from '../../read-model/store';
import type { ReadModelLocation } from '../../read-model/database';
import { createOrderWorker } from '../../worker/worker';
import type { Step } from './main-line';
import { devServer } from './servers';

// The API on an ephemeral port of 127.0.0.1, over the CLI dev server (or the Temporal given), with
// a real worker polling its own task queue (or none, to see how the API answers when no worker does).

export interface ApiUnderTest {
  url: string;
  /** The task queue its orders run on (a test may run its own worker there). */
  taskQueue: string;
  /** The JSON log lines the app wrote. */
  logs: Parameters<Log>[0][];
  /** The read model its worker projects into and its board reads (a SQLite file of its own unless given). */
  readModel: ReadModel;
  stop(): Promise<void>;
}

export async function startApi(
  options: {
    worker?: boolean;
    temporalTimeoutMs?: number;
    tokens?: Tokens;
    policy?: PolicyFile;
    webhookUrl?: string;
    robots?: RobotsConfig;
    maxInFlightPerOrder?: number;
    client?: Client;
    temporal?: TestWorkflowEnvironment;
    metrics?: ApiMetrics;
    readModel?: ReadModelLocation;
    requireCustomerFile?: boolean;
  } = {},
): Promise<ApiUnderTest> {
  const env = options.temporal ?? (await devServer());
  const taskQueue = `api-test-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderflow-api-'));
  const readModel = await ReadModel.open(options.readModel ?? { kind: 'sqlite', file: path.join(outboxDir, 'read-model.sqlite') });
  const worker: Worker | undefined =
    options.worker === false
      ? undefined
      : await createOrderWorker({
          connection: env.nativeConnection,
          namespace: env.namespace ?? 'default',
          taskQueue,
          outboxDir,
          webhookUrl: options.webhookUrl,
          robots: options.robots,
          shutdownForceTime: '5s',
          readModel,
        });
  const running = worker?.run();
  const logs: ApiUnderTest['logs'] = [];
  const app = createApp({
    client: options.client ?? env.client,
    taskQueue,
    policy: options.policy ?? {},
    tokens: options.tokens ?? developmentTokens,
    temporalTimeoutMs: options.temporalTimeoutMs,
    maxInFlightPerOrder: options.maxInFlightPerOrder,
    log: (entry) => logs.push(entry),
    metrics: options.metrics,
    readModel,
    requireCustomerFile: options.requireCustomerFile,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  // Server and client share this process: a test that computes for seconds (the fuzz's generators
  // on a busy machine) blocks both idle timers, and when they fire together the server may close a
  // kept-alive connection the client has just picked (ECONNRESET). The client's own 4 s expiry decides.
  server.keepAliveTimeout = 60_000;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    taskQueue,
    logs,
    readModel,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      worker?.shutdown();
      await running;
      await readModel.close();
      fs.rmSync(outboxDir, { recursive: true, force: true });
    },
  };
}

/** The development token of a role (`dev-customer` is customer C-DEV). */
export const tokenOf = (role: Role) => `dev-${role}`;

let keys = 0;
export const newKey = () => `key-${process.pid}-${Date.now()}-${++keys}`;

export interface Call {
  status: number;
  // Tests read whatever JSON came back; the assertions say what it must hold.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
}

export interface CallOptions {
  role?: Role;
  body?: unknown;
  /** The Idempotency-Key of a POST (a fresh one unless given). */
  key?: string;
  headers?: Record<string, string>;
  /** A body sent as it is, not as JSON. */
  raw?: string;
}

/** One HTTP request to the API under test; the answer's JSON parsed. */
export async function call(api: Pick<ApiUnderTest, 'url'>, method: string, url: string, options: CallOptions = {}): Promise<Call> {
  const headers: Record<string, string> = {};
  if (options.role) headers.authorization = `Bearer ${tokenOf(options.role)}`;
  if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
  if (method === 'POST') headers['idempotency-key'] = options.key ?? newKey();
  Object.assign(headers, options.headers);
  const response = await fetch(`${api.url}${url}`, {
    method,
    headers,
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

/** An event sent to an order through the API as `role` (with a fresh Idempotency-Key unless `key` is given). */
export const sendEvent = (
  api: Pick<ApiUnderTest, 'url'>,
  orderNumber: string,
  role: Role,
  type: string,
  data: Record<string, unknown> = {},
  key?: string,
): Promise<Call> => call(api, 'POST', `/api/v1/orders/${orderNumber}/events`, { role, body: { type, data }, key });

/** Polls until `ready` holds: visibility (listing) is eventually consistent. */
export async function eventually<T>(read: () => Promise<T>, ready: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ready(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Creates a ¥5,000 class A standard order of `customerId` through the API and sends `steps`, each of which must be accepted. */
export async function orderThrough(api: ApiUnderTest, orderNumber: string, customerId: string, steps: readonly Step[], salesRep = 'rep-1') {
  const created = await call(api, 'POST', '/api/v1/orders', {
    role: 'order-desk',
    body: {
      orderNumber,
      customer: { id: customerId, name: 'Ningbo Lamps', class: 'A' },
      salesRep: { id: salesRep },
      lines: [{ productCode: 'LAMP-1', quantity: 10, unitPrice: 50_000 }],
      delivery: { address: 'No. 1 Road', contact: 'Ms Wu', phone: '13800000000' },
    },
  });
  if (created.status !== 201) throw new Error(`creating ${orderNumber}: ${created.status} ${JSON.stringify(created.body)}`);
  for (const [role, type, data = {}] of steps) {
    const answer = await sendEvent(api, orderNumber, role, type, data);
    if (answer.status !== 200) throw new Error(`${type} on ${orderNumber}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
}
