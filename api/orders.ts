import { createHash } from 'node:crypto';
import { Router, type Request } from 'express';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { z } from 'zod';
import { eventData, EventType, type OrderEvent } from '../workflows/domain/events';
import { Channel, OrderInput, OrderNumber } from '../workflows/domain/order';
import type { Policy } from '../workflows/domain/policy';
import type { OrderSnapshot } from '../workflows/domain/snapshot';
import { stages, statuses } from '../workflows/domain/state';
import { snapshotQuery, submitEvent, timelineQuery, workflowIdOf, type StartOrder } from '../workflows/messages';
import * as sa from '../workflows/search-attributes';
import { actorOf } from './auth';
import { badRequest, invalidFields, Problem } from './problem';

// The order resources. Thin: parse, authenticate, relay to the workflow; the workflow decides.

/** POST /orders: the order form; the order number is the caller's or made from the idempotency key. */
export const CreateOrder = OrderInput.extend({ orderNumber: OrderNumber.optional() });

/** POST /orders/{id}/events: the acting person and role come from the token, never from the body. */
export const EventRequest = z
  .object({ type: EventType, data: z.record(z.string(), z.unknown()).default({}), note: z.string().max(2000).optional() })
  .strict();

const SafeId = z.string().regex(/^[A-Za-z0-9_.@:-]{1,64}$/, 'letters, digits and _ . @ : - only');
export const OrderListQuery = z
  .object({
    status: z.enum(statuses as [string, ...string[]]).optional(),
    stage: z.enum(stages as [string, ...string[]]).optional(),
    channel: Channel.optional(),
    customerId: SafeId.optional(),
    salesRep: SafeId.optional(),
    late: z.enum(['true', 'false']).optional(),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
    pageToken: z.string().regex(/^[A-Za-z0-9_-]*$/).max(2000).optional(),
  })
  .strict();

const createRoles = ['order-desk', 'sales-rep', 'supervisor'];

export interface OrderRoutesDeps {
  client: Client;
  taskQueue: string;
  policy: Policy;
}

export function orderRoutes({ client, taskQueue, policy }: OrderRoutesDeps): Router {
  const router = Router();
  const handleOf = (req: Request) => client.workflow.getHandle(workflowIdOf(orderNumberOf(req)));

  router.post('/orders', async (req, res) => {
    const { key, digest } = idempotency(req);
    if (!createRoles.includes(actorOf(res.locals).role)) {
      throw new Problem(403, 'Role may not create orders', `allowed: ${createRoles.join(', ')}`);
    }
    const parsed = CreateOrder.safeParse(req.body);
    if (!parsed.success) throw badRequest(invalidFields(parsed.error.issues));
    const order = { ...parsed.data, orderNumber: parsed.data.orderNumber ?? `SO-${digestOf(key).slice(0, 10).toUpperCase()}` };
    const workflowId = workflowIdOf(order.orderNumber);
    const start: StartOrder = { order, policy };
    try {
      await client.workflow.start('standardOrder', {
        taskQueue,
        workflowId,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args: [start],
        memo: { idempotencyKey: key, digest },
        staticSummary: `${order.channel} order ${order.orderNumber} for ${order.customer.name}`,
        typedSearchAttributes: [
          { key: sa.OrderStatus, value: 'pending-confirmation' },
          { key: sa.OrderStage, value: 'intake' },
          { key: sa.OrderChannel, value: order.channel },
          { key: sa.CustomerId, value: order.customer.id },
          { key: sa.CustomerClass, value: order.customer.class },
          { key: sa.SalesRep, value: order.salesRep.id },
        ],
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      // A retry of the same creation answers as the first time; anything else is a conflict.
      const { memo } = await client.workflow.getHandle(workflowId).describe();
      if (memo?.idempotencyKey !== key) throw new Problem(409, 'Order already exists', `order ${order.orderNumber} exists`);
      if (memo.digest !== digest) throw new Problem(422, 'Idempotency key reused with another request', `key ${key} created order ${order.orderNumber} from another body`);
    }
    const snapshot = await client.workflow.getHandle(workflowId).query(snapshotQuery);
    res.status(201).location(`${req.baseUrl}/orders/${order.orderNumber}`).json(snapshot);
  });

  router.get('/orders', async (req, res) => {
    const parsed = OrderListQuery.safeParse(req.query);
    if (!parsed.success) throw badRequest(invalidFields(parsed.error.issues, 'query'));
    const q = parsed.data;
    const clauses = [
      q.status && `${sa.OrderStatus.name} = "${q.status}"`,
      q.stage && `${sa.OrderStage.name} = "${q.stage}"`,
      q.channel && `${sa.OrderChannel.name} = "${q.channel}"`,
      q.customerId && `${sa.CustomerId.name} = "${q.customerId}"`,
      q.salesRep && `${sa.SalesRep.name} = "${q.salesRep}"`,
      q.late && `${sa.OrderLate.name} = ${q.late}`,
    ].filter(Boolean);
    const page = await client.workflowService.listWorkflowExecutions({
      namespace: client.options.namespace,
      query: [`${sa.OrderStatus.name} IS NOT NULL`, ...clauses].join(' AND '),
      pageSize: q.pageSize,
      nextPageToken: q.pageToken ? Buffer.from(q.pageToken, 'base64url') : undefined,
    }).catch((error) => {
      // The server cannot read a page token it did not issue; that is the caller's mistake.
      if (q.pageToken) throw badRequest([{ field: 'query.pageToken', message: 'not a page token from a previous answer' }]);
      throw error;
    });
    res.json({
      orders: page.executions.map((execution) => {
        const fields = execution.searchAttributes?.indexedFields ?? {};
        const value = (name: string) => (fields[name] ? defaultPayloadConverter.fromPayload(fields[name]) : undefined);
        return {
          orderNumber: execution.execution?.workflowId?.replace(/^order-/, ''),
          status: value(sa.OrderStatus.name),
          stage: value(sa.OrderStage.name),
          channel: value(sa.OrderChannel.name),
          customerId: value(sa.CustomerId.name),
          customerClass: value(sa.CustomerClass.name),
          salesRep: value(sa.SalesRep.name),
          promisedDate: value(sa.PromisedDate.name),
          late: value(sa.OrderLate.name),
        };
      }),
      nextPageToken: page.nextPageToken?.length ? Buffer.from(page.nextPageToken).toString('base64url') : null,
    });
  });

  router.get('/orders/:id', async (req, res) => {
    res.json(await handleOf(req).query(snapshotQuery));
  });

  router.get('/orders/:id/timeline', async (req, res) => {
    res.json({ timeline: await handleOf(req).query(timelineQuery) });
  });

  router.post('/orders/:id/events', async (req, res) => {
    const { key, digest } = idempotency(req);
    const handle = handleOf(req);
    const parsed = EventRequest.safeParse(req.body);
    if (!parsed.success) throw badRequest(invalidFields(parsed.error.issues));
    const data = eventData[parsed.data.type].safeParse(parsed.data.data);
    if (!data.success) throw badRequest(invalidFields(data.error.issues, 'data'));
    const event = { ...parsed.data, data: data.data, actor: actorOf(res.locals), id: key, digest } as OrderEvent;
    // The update ID carries the digest: Temporal answers a retry with the first result, and the
    // workflow recognises the key reused for another event.
    const snapshot: OrderSnapshot = await handle.executeUpdate(submitEvent, { args: [event], updateId: `${key}/${digest}` });
    res.json({ accepted: true, event: { type: event.type, actor: event.actor }, snapshot });
  });

  return router;
}

function orderNumberOf(req: Request): string {
  const parsed = OrderNumber.safeParse(req.params.id);
  if (!parsed.success) throw new Problem(404, 'Order not found', `no order ${String(req.params.id)}`);
  return parsed.data;
}

/** Every POST carries an Idempotency-Key; the digest of its body tells a retry from a reuse. */
function idempotency(req: Request): { key: string; digest: string } {
  const key = req.header('idempotency-key');
  if (!key || !/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw badRequest([{ field: 'header.Idempotency-Key', message: 'required: 1–200 visible ASCII characters' }]);
  }
  return { key, digest: digestOf(stableJson(req.body)) };
}

const digestOf = (text: string) => createHash('sha256').update(text).digest('hex');

/** JSON with sorted keys, so a retry whose client orders keys differently is still the same body. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
