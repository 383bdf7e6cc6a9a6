import express, { type RequestHandler } from 'express';
import type { Client } from '@temporalio/client';
import type { PolicyFile } from '../client/channels';
import { authenticate, type Tokens } from './auth';
import { CreationKeys } from './idempotency';
import { jsonLog, requestLog, type Log } from './log';
import { openApiDocument } from './openapi';
import { handleErrors, Problem } from './problem';
import { eventRoutes } from './routes/events';
import { operationsRoutes } from './routes/operations';
import { orderRoutes } from './routes/orders';

export interface AppDeps {
  client: Client;
  /** Where new orders' workflows run. */
  taskQueue: string;
  /** The policy file new orders start with, per channel and customer class (snapshotted into each). */
  policy: PolicyFile;
  tokens: Tokens;
  bodyLimit?: string;
  /** How long one request may wait for Temporal before it is answered 503. */
  temporalTimeoutMs?: number;
  log?: Log;
  shuttingDown?: () => boolean;
}

/** The HTTP front, testable without listening: thin over the order workflows, which hold the truth. */
export function createApp(deps: AppDeps) {
  const { client, taskQueue, policy, tokens, bodyLimit = '64kb', temporalTimeoutMs = 10_000, log = jsonLog, shuttingDown = () => false } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLog(log));
  app.use(operationsRoutes({ client, openApi: openApiDocument(), shuttingDown }));
  app.use(
    '/api/v1',
    authenticate(tokens),
    jsonBodies(bodyLimit),
    temporalDeadline(client, temporalTimeoutMs),
    orderRoutes({ client, taskQueue, policy, creationKeys: new CreationKeys() }),
    eventRoutes({ client }),
  );
  app.use((req, _res, next) => next(new Problem(404, 'not-found', 'Not found', `${req.method} ${req.path}`)));
  app.use(handleErrors(log));
  return app;
}

/** Every POST is JSON (415 otherwise), at most `limit` long (413). */
function jsonBodies(limit: string): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    if (req.method === 'POST' && !req.is('application/json')) {
      throw new Problem(415, 'unsupported-media-type', 'Unsupported media type', 'send Content-Type: application/json');
    }
    next();
  };
  return [requireJson, express.json({ limit })];
}

/**
 * Every Temporal call a request makes shares one deadline: an order whose worker is down would
 * otherwise hold the request open for ever. The connection keeps the deadline in async-local
 * storage, so it reaches the calls the route handlers make after `next()`.
 */
const temporalDeadline = (client: Client, ms: number): RequestHandler => (_req, _res, next) => {
  void client.connection.withDeadline(Date.now() + ms, async () => next());
};
