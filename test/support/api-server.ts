import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import type { Worker } from '@temporalio/worker';
import { createApp } from '../../api/app';
import { developmentTokens } from '../../api/auth';
import type { Role } from '../../workflows/domain/order';
import { defaultPolicy } from '../../workflows/domain/policy';
import { createOrderWorker } from '../../worker/worker';
import { devServer } from './servers';

// The API on an ephemeral port of 127.0.0.1, over the CLI dev server, with a real worker.

export interface ApiUnderTest {
  url: string;
  stop(): Promise<void>;
}

export async function startApi(): Promise<ApiUnderTest> {
  const env = await devServer();
  const taskQueue = `api-test-${process.pid}-${Date.now()}`;
  const outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderflow-api-'));
  const worker: Worker = await createOrderWorker({
    connection: env.nativeConnection, namespace: 'default', taskQueue, outboxDir, shutdownForceTime: '5s',
  });
  const running = worker.run();
  const app = createApp({ client: env.client, taskQueue, policy: defaultPolicy, tokens: developmentTokens, log: () => undefined });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      worker.shutdown();
      await running;
      fs.rmSync(outboxDir, { recursive: true, force: true });
    },
  };
}

export const tokenOf = (role: Role) => Object.entries(developmentTokens).find(([, actor]) => actor.role === role)![0];

let keys = 0;
export const newKey = () => `key-${process.pid}-${Date.now()}-${++keys}`;

export interface Call {
  status: number;
  // eslint-style strictness is not worth it here: tests read whatever JSON came back.
  body: any;
  headers: Headers;
}

export async function call(api: ApiUnderTest, method: string, url: string, options: { role?: Role; body?: unknown; key?: string; headers?: Record<string, string>; raw?: string } = {}): Promise<Call> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.role) headers.authorization = `Bearer ${tokenOf(options.role)}`;
  if (options.body !== undefined || options.raw !== undefined) headers['content-type'] ??= 'application/json';
  if (method === 'POST') headers['idempotency-key'] ??= options.key ?? newKey();
  const response = await fetch(`${api.url}${url}`, {
    method,
    headers,
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}
