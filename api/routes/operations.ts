import path from 'node:path';
import express, { Router } from 'express';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { Problem } from '../problem';

// What operations and developers use beside the order resources: liveness, readiness, the OpenAPI
// document and its documentation page.

export interface OperationsDeps {
  client: Client;
  /** Where the orders' workflows run: ready only while a worker polls it. */
  taskQueue: string;
  openApi: object;
  /** True once a shutdown began: readiness fails so a load balancer stops sending new requests. */
  shuttingDown: () => boolean;
}

const READINESS_DEADLINE_MS = 2000;
const POLLER_FRESH_MS = 70_000;

const timestampMs = (t: { seconds?: { toNumber(): number } | number | null; nanos?: number | null }) =>
  Number(typeof t.seconds === 'object' && t.seconds ? t.seconds.toNumber() : (t.seconds ?? 0)) * 1000 + Math.floor((t.nanos ?? 0) / 1e6);

export function operationsRoutes({ client, taskQueue, openApi, shuttingDown }: OperationsDeps): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    if (shuttingDown()) throw new Problem(503, 'shutting-down', 'Shutting down', 'this instance is finishing its requests');
    let pollers;
    try {
      ({ pollers } = await client.connection.withDeadline(Date.now() + READINESS_DEADLINE_MS, () =>
        client.workflowService.describeTaskQueue({
          namespace: client.options.namespace,
          taskQueue: { name: taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
          taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
        }),
      ));
    } catch {
      throw new Problem(503, 'temporal-unavailable', 'Temporal not reachable', 'the order service cannot reach Temporal', {
        retryAfterSeconds: 5,
      });
    }
    // Temporal lists a poller for minutes after its last poll; a worker that polls re-polls within a minute.
    const polling = (pollers ?? []).some((p) => p.lastAccessTime && Date.now() - timestampMs(p.lastAccessTime) < POLLER_FRESH_MS);
    if (!polling) {
      throw new Problem(503, 'temporal-unavailable', 'No worker is running orders', `no worker polls the task queue ${taskQueue}`, {
        retryAfterSeconds: 5,
      });
    }
    res.json({ status: 'ready', namespace: client.options.namespace, taskQueue });
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
