import { Router } from 'express';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import type { OrderInput } from '../../workflows/domain/order';
import type { Policy } from '../../workflows/domain/policy';
import { snapshotQuery, timelineQuery, workflowIdOf, type StartOrder } from '../../workflows/messages';
import * as sa from '../../workflows/search-attributes';
import { personOf } from '../auth';
import { digestOf, idempotencyOf, keyReused, type CreationKeys, type Idempotency } from '../idempotency';
import { invalidRequest, Problem } from '../problem';
import { CreateOrder, OrderListQuery } from '../schemas';
import { listOrders } from '../visibility';
import { orderHandle, visibleFilters, visibleOrder } from './order-handle';

// The order resources: create (starts the order's workflow), read its snapshot and timeline, list.
// Thin: parse, relay; the workflow holds the truth.

export interface OrderRoutesDeps {
  client: Client;
  taskQueue: string;
  policy: Policy;
  creationKeys: CreationKeys;
}

export function orderRoutes({ client, taskQueue, policy, creationKeys }: OrderRoutesDeps): Router {
  const router = Router();
  // Who may enter an order is who may confirm it at intake (接单): the policy's matrix has no
  // entry of its own for creation, and the two are the same people (order desk, sales, supervisor).
  const creators = policy.permissions['order-confirmed'];

  router.post('/orders', async (req, res) => {
    const idempotency = idempotencyOf(req, res);
    const person = personOf(res);
    if (!creators.includes(person.role)) {
      throw new Problem(403, 'role-not-permitted', 'Your role may not create orders', `${person.role} may not create orders (allowed: ${creators.join(', ')})`);
    }
    const parsed = CreateOrder.safeParse(req.body);
    if (!parsed.success) throw invalidRequest(parsed.error.issues);
    // A customer the policy lets enter orders enters them for their own company only.
    if (person.role === 'customer' && parsed.data.customer.id !== person.customerId) {
      throw new Problem(403, 'role-not-permitted', 'You may create orders only for your own company', `customer.id must be ${person.customerId}`);
    }
    const order: OrderInput = { ...parsed.data, orderNumber: parsed.data.orderNumber ?? orderNumberFor(idempotency.key) };
    const release = creationKeys.claim(idempotency, order.orderNumber);
    const handle = orderHandle(client, order.orderNumber);
    try {
      await start(client, taskQueue, { order, policy }, idempotency, person.id);
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) {
        release();
        throw error;
      }
      // A retry of this creation is answered as the first time; another creation of the number is a conflict.
      const { memo } = await handle.describe();
      if (memo?.idempotencyKey !== idempotency.key) {
        release();
        throw new Problem(409, 'order-exists', 'Order already exists', `order ${order.orderNumber} exists`);
      }
      if (memo.digest !== idempotency.digest) throw keyReused(`this key created order ${order.orderNumber} from another body`);
    }
    res.status(201).location(`${req.baseUrl}/orders/${order.orderNumber}`).json(await handle.query(snapshotQuery));
  });

  router.get('/orders', async (req, res) => {
    const query = OrderListQuery.safeParse(req.query);
    if (!query.success) throw invalidRequest(query.error.issues, 'query');
    const filters = visibleFilters(personOf(res), query.data);
    res.json(filters ? await listOrders(client, filters) : { orders: [], nextPageToken: null });
  });

  router.get('/orders/:id', async (req, res) => {
    res.json(await (await visibleOrder(client, personOf(res), req.params.id)).query(snapshotQuery));
  });

  router.get('/orders/:id/timeline', async (req, res) => {
    res.json({ timeline: await (await visibleOrder(client, personOf(res), req.params.id)).query(timelineQuery) });
  });

  return router;
}

/** An order number made from the key, so a retried creation without a number finds the same order. */
const orderNumberFor = (key: string) => `SO-${digestOf(key).slice(0, 12).toUpperCase()}`;

function start(client: Client, taskQueue: string, input: StartOrder, { key, digest }: Idempotency, createdBy: string) {
  const { order } = input;
  return client.workflow.start('standardOrder', {
    taskQueue,
    workflowId: workflowIdOf(order.orderNumber),
    // An order number is never used twice, even after its order closed.
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    args: [input],
    // The creation's idempotency record (see idempotency.ts), and who entered the order.
    memo: { idempotencyKey: key, digest, createdBy },
    staticSummary: `${order.channel} order ${order.orderNumber} for ${order.customer.name} (class ${order.customer.class})`,
    // Listed at once, before the workflow's first task keeps them current.
    typedSearchAttributes: [
      { key: sa.OrderStatus, value: 'pending-confirmation' },
      { key: sa.OrderStage, value: 'intake' },
      { key: sa.OrderChannel, value: order.channel },
      { key: sa.CustomerId, value: order.customer.id },
      { key: sa.CustomerClass, value: order.customer.class },
      { key: sa.SalesRep, value: order.salesRep.id },
    ],
  });
}
