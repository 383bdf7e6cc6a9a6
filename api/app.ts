import express, { type RequestHandler } from 'express';
import type { Client } from '@temporalio/client';
import type { PolicyFile } from '../client/channels';
import { authenticate, type Tokens } from './auth';
import { CreationKeys } from './idempotency';
import { jsonLog, requestLog, type Log } from './log';
import type { ApiMetrics } from './metrics';
import { teachMistakes } from './mistakes';
import { openApiDocument } from './openapi';
import { handleErrors, Problem, TOO_DEEP } from './problem';
import { deadLetterRoutes } from './routes/dead-letters';
import { complaintRoutes } from './routes/complaints';
import { eventRoutes } from './routes/events';
import type { ReadModel } from '../read-model/store';
import { companyRoutes } from './routes/company';
import { consolePages, meRoutes } from './routes/console';
import { customerRoutes } from './routes/customers';
import { operationsRoutes } from './routes/operations';
import { orderRoutes } from './routes/orders';
import { reportRoutes } from './routes/reports';
import { salesPipelineRoutes } from './routes/sales-pipeline';
import { documentRoutes } from './routes/documents';
import { documentSettings } from './documents/letterhead';

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
  /** Event requests one order may have in flight in this process before it answers 429. */
  maxInFlightPerOrder?: number;
  log?: Log;
  /** Requests counted for operators (api/metrics.ts); none in tests that do not ask. */
  metrics?: ApiMetrics;
  shuttingDown?: () => boolean;
  /** The read model behind the board, the KPIs and the customer file (those routes answer 404 without one). */
  readModel?: ReadModel;
  /** Refuse an order whose customer has no file in the read model (ORDERFLOW_REQUIRE_CUSTOMER_FILE). */
  requireCustomerFile?: boolean;
}

/** The HTTP front, testable without listening: thin over the order workflows, which hold the truth. */
export function createApp(deps: AppDeps) {
  const {
    client,
    taskQueue,
    policy,
    tokens,
    bodyLimit = '64kb',
    temporalTimeoutMs = 7000,
    maxInFlightPerOrder = 8,
    log = jsonLog,
    metrics,
    shuttingDown = () => false,
    readModel,
    requireCustomerFile = false,
  } = deps;
  teachMistakes();
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLog(log));
  if (metrics) app.use(metrics.record);
  app.use(operationsRoutes({ client, taskQueue, openApi: openApiDocument(), shuttingDown }));
  app.use(consolePages());
  app.use(
    '/api/v1',
    authenticate(tokens, log),
    jsonBodies(bodyLimit),
    temporalDeadline(client, temporalTimeoutMs),
    orderRoutes({
      client,
      taskQueue,
      policy,
      creationKeys: new CreationKeys(),
      customerFiles: requireCustomerFile ? readModel : undefined,
      readModel,
    }),
    eventRoutes({ client, maxInFlightPerOrder }),
    complaintRoutes({ client, maxInFlightPerOrder }),
    deadLetterRoutes({ client }),
    meRoutes({ policy }),
    ...(readModel ? [companyRoutes({ readModel, policy }), customerRoutes({ readModel, policy }), reportRoutes({ readModel })] : []),
    // 团订 sales pipeline
    ...(readModel ? [salesPipelineRoutes({ readModel, policy })] : []),
    // printable documents
    documentRoutes({ client, settings: documentSettings(policy) }),
  );
  app.use((req, _res, next) => next(new Problem(404, 'not-found', 'Not found', `${req.method} ${req.path}`)));
  app.use(handleErrors(log));
  return app;
}

/** Every POST is JSON (415 otherwise), at most `limit` long (413), nested at most MAX_JSON_DEPTH deep (400). */
function jsonBodies(limit: string): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    if (req.method === 'POST' && !req.is('application/json')) {
      throw new Problem(415, 'unsupported-media-type', 'Unsupported media type', 'send Content-Type: application/json');
    }
    next();
  };
  return [requireJson, express.json({ limit, verify: refuseDeepJson })];
}

export const MAX_JSON_DEPTH = 32;

/**
 * Refuses JSON nested deeper than MAX_JSON_DEPTH before it is parsed (the parser, zod and the digest all
 * recurse: 5,000 levels overflowed the stack). A scan of the raw bytes: no recursion, strings skipped.
 */
function refuseDeepJson(_req: unknown, _res: unknown, body: Buffer) {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) throw Object.assign(new Error(`nested deeper than ${MAX_JSON_DEPTH} levels`), { type: TOO_DEEP });
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
}

/**
 * Every Temporal call a request makes shares one deadline: an order whose worker is down would
 * otherwise hold the request open for ever. The connection keeps the deadline in async-local
 * storage, so it reaches the calls the route handlers make after `next()`.
 */
const temporalDeadline =
  (client: Client, ms: number): RequestHandler =>
  (_req, _res, next) => {
    void client.connection.withDeadline(Date.now() + ms, async () => next());
  };
