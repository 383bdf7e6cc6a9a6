import express from 'express';
import { WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import { OrderInput } from '../workflows/domain/order';
import { resolvePolicy } from '../workflows/domain/policy';
import { snapshotQuery, submitEvent, workflowIdOf } from '../workflows/messages';
import * as sa from '../workflows/search-attributes';

export interface AppDeps {
  client: Client;
  taskQueue: string;
}

/** The HTTP front: thin over the order workflows (the workflow holds the truth). */
export function createApp({ client, taskQueue }: AppDeps) {
  const app = express();
  app.use(express.json({ limit: '256kb' }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.post('/api/v1/orders', async (req, res) => {
    const parsed = OrderInput.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ errors: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })) });
      return;
    }
    const order = parsed.data;
    const handle = await client.workflow.start('standardOrder', {
      taskQueue,
      workflowId: workflowIdOf(order.orderNumber),
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      args: [{ order, policy: resolvePolicy() }],
      typedSearchAttributes: [
        { key: sa.OrderStatus, value: 'pending-confirmation' },
        { key: sa.OrderStage, value: 'intake' },
        { key: sa.OrderChannel, value: order.channel },
        { key: sa.CustomerId, value: order.customer.id },
        { key: sa.CustomerClass, value: order.customer.class },
        { key: sa.SalesRep, value: order.salesRep.id },
      ],
      staticSummary: `${order.channel} order ${order.orderNumber} for ${order.customer.name}`,
    });
    res.status(201).location(`/api/v1/orders/${order.orderNumber}`).json(await handle.query(snapshotQuery));
  });

  app.get('/api/v1/orders/:id', async (req, res) => {
    res.json(await client.workflow.getHandle(workflowIdOf(req.params.id)).query(snapshotQuery));
  });

  app.post('/api/v1/orders/:id/events', async (req, res) => {
    const handle = client.workflow.getHandle(workflowIdOf(req.params.id));
    const snapshot = await handle.executeUpdate(submitEvent, { args: [req.body] });
    res.json({ accepted: true, snapshot });
  });

  return app;
}
