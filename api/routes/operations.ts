import path from 'node:path';
import express, { Router } from 'express';
import type { Client } from '@temporalio/client';
import { Problem } from '../problem';

// What operations and developers use beside the order resources: liveness, readiness, the OpenAPI
// document and its documentation page.

export interface OperationsDeps {
  client: Client;
  openApi: object;
  /** True once a shutdown began: readiness fails so a load balancer stops sending new requests. */
  shuttingDown: () => boolean;
}

const READINESS_DEADLINE_MS = 2000;

export function operationsRoutes({ client, openApi, shuttingDown }: OperationsDeps): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    if (shuttingDown()) throw new Problem(503, 'shutting-down', 'Shutting down', 'this instance is finishing its requests');
    try {
      await client.connection.withDeadline(Date.now() + READINESS_DEADLINE_MS, () =>
        client.workflowService.describeNamespace({ namespace: client.options.namespace }));
    } catch (error) {
      throw new Problem(503, 'temporal-unavailable', 'Temporal not reachable', (error as Error).message);
    }
    res.json({ status: 'ready', namespace: client.options.namespace });
  });

  router.get('/openapi.json', (_req, res) => {
    res.json(openApi);
  });

  // Swagger UI from the swagger-ui-dist package, served from here: the page works offline.
  router.get('/docs', (_req, res) => {
    res.type('html').send(docsPage);
  });
  router.use('/docs/assets', express.static(path.dirname(require.resolve('swagger-ui-dist/package.json')), { index: false }));

  return router;
}

const docsPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>OrderFlow API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui' });</script>
</body></html>`;
