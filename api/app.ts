import { randomUUID } from 'node:crypto';
import path from 'node:path';
import express, { type RequestHandler } from 'express';
import type { Client } from '@temporalio/client';
import type { Policy } from '../workflows/domain/policy';
import { authenticate, type Tokens } from './auth';
import { openApiDocument } from './openapi';
import { orderRoutes } from './orders';
import { handleErrors, Problem } from './problem';

export interface AppDeps {
  client: Client;
  taskQueue: string;
  policy: Policy;
  tokens: Tokens;
  bodyLimit?: string;
  /** Where the JSON request log goes (stdout by default). */
  log?: (line: string) => void;
}

/** The HTTP front, testable without listening: thin over the order workflows (they hold the truth). */
export function createApp({ client, taskQueue, policy, tokens, bodyLimit = '64kb', log = console.log }: AppDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLog(log));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await client.connection.withDeadline(Date.now() + 2000, () => client.workflowService.getSystemInfo({}));
      res.json({ status: 'ready' });
    } catch (error) {
      throw new Problem(503, 'Temporal not reachable', (error as Error).message);
    }
  });
  const openApi = openApiDocument();
  app.get('/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  // Swagger UI from the npm package, served locally: the docs work offline.
  app.get('/docs', (_req, res) => {
    res.type('html').send(docsPage);
  });
  app.use('/docs/assets', express.static(path.dirname(require.resolve('swagger-ui-dist/package.json'))));

  app.use('/api/v1', requireJsonBody, express.json({ limit: bodyLimit }), authenticate(tokens), orderRoutes({ client, taskQueue, policy }));
  app.use((req, _res, next) => next(new Problem(404, 'Not found', `${req.method} ${req.path}`)));
  app.use(handleErrors);
  return app;
}

/** A JSON log line per request, with the request ID the caller sent or a new one. */
const requestLog = (log: (line: string) => void): RequestHandler => (req, res, next) => {
  const requestId = req.header('x-request-id')?.slice(0, 100) || randomUUID();
  const started = process.hrtime.bigint();
  res.locals.requestId = requestId;
  res.setHeader('X-Request-Id', requestId);
  res.on('finish', () => {
    log(JSON.stringify({
      time: new Date().toISOString(),
      level: res.statusCode >= 500 ? 'error' : 'info',
      requestId,
      method: req.method,
      path: req.originalUrl,
      status: res.statusCode,
      ms: Number(process.hrtime.bigint() - started) / 1e6,
      actor: res.locals.actor?.id,
    }));
  });
  next();
};

const requireJsonBody: RequestHandler = (req, _res, next) => {
  if (req.method === 'POST' && !req.is('application/json')) {
    throw new Problem(415, 'Unsupported media type', 'send Content-Type: application/json');
  }
  next();
};

const docsPage = `<!doctype html>
<html><head><meta charset="utf-8"><title>OrderFlow API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui' });</script>
</body></html>`;
