import { Router } from 'express';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { policyFor, startOrder, type PolicyFile } from '../../client/channels';
import { findCustomer, owedBy } from '../../read-model/customers';
import type { ReadModel } from '../../read-model/store';
import { Channel, type CreditCheck, type CustomerClass, type OrderInput } from '../../workflows/domain/order';
import { rolesFor } from '../../workflows/domain/permissions';
import { balanceDueNoticeOf, statementOf } from '../../workflows/domain/documents';
import type { LedgerSnapshot, OrderSnapshot } from '../../workflows/domain/snapshot';
import { snapshotQuery, timelineQuery } from '../../workflows/messages';
import { personOf } from '../auth';
import { digestOf, idempotencyOf, keyReused, type CreationKeys } from '../idempotency';
import { invalidRequest, Problem } from '../problem';
import { createOrderForms, OrderListQuery, type CreateOrder } from '../schemas';
import { listOrders } from '../order-list';
import { customerTimeline, snapshotFor } from '../customer-view';
import { orderHandle, visibleFilters, visibleOrder } from './order-handle';

// The order resources: create (starts the order's workflow), read its snapshot and timeline, list (from the read model).
// Thin: parse, relay; the workflow holds the truth.

export interface OrderRoutesDeps {
  client: Client;
  taskQueue: string;
  /** The policy file: each order starts with its channel's and customer class's policy (client/channels.ts). */
  policy: PolicyFile;
  creationKeys: CreationKeys;
  /** When given, an order must name a customer with a file there (ORDERFLOW_REQUIRE_CUSTOMER_FILE). */
  customerFiles?: ReadModel;
  /** The read model: the order list reads it, and a new order's credit check (the customer file's limit, the open balance) comes from it. */
  readModel?: ReadModel;
}

export function orderRoutes({ client, taskQueue, policy, creationKeys, customerFiles, readModel }: OrderRoutesDeps): Router {
  const router = Router();
  // Who may enter an order is who may confirm it at intake (接单): the policy's matrix has no
  // entry of its own for creation, and the two are the same people (order desk, sales, supervisor).
  // Checked before the form is read, so by the company's policy for standard orders.
  const creators = policyFor('standard', undefined, policy).permissions['order-confirmed'];

  router.post('/orders', async (req, res) => {
    const idempotency = idempotencyOf(req, res);
    const person = personOf(res);
    if (!creators.includes(person.role)) {
      throw new Problem(
        403,
        'role-not-permitted',
        'Your role may not create orders',
        `${person.role} may not create orders (allowed: ${creators.join(', ')})`,
      );
    }
    const channel = Channel.safeParse((req.body as { channel?: unknown } | undefined)?.channel ?? 'standard');
    if (!channel.success) throw invalidRequest(channel.error.issues, 'channel');
    const parsed = createOrderForms[channel.data].safeParse(req.body);
    if (!parsed.success) throw invalidRequest(parsed.error.issues);
    const data = parsed.data as CreateOrder;
    // A customer the policy lets enter orders enters them for their own company only.
    if (person.role === 'customer' && data.customer.id !== person.customerId) {
      throw new Problem(
        403,
        'role-not-permitted',
        'You may create orders only for your own company',
        `customer.id must be ${person.customerId}`,
      );
    }
    // A new customer gets a file first (002): the order names it by id.
    if (customerFiles && !(await findCustomer(customerFiles.db, data.customer.id))) {
      throw new Problem(
        422,
        'customer-file-missing',
        'The customer has no file yet',
        `customer ${data.customer.id} has no customer file: create it first (POST /api/v1/customers), then the order`,
      );
    }
    const order: OrderInput = { ...data, orderNumber: data.orderNumber ?? orderNumberFor(idempotency.key) };
    const release = creationKeys.claim(idempotency, order.orderNumber);
    const handle = orderHandle(client, order.orderNumber);
    try {
      // The creation's idempotency record (see idempotency.ts), and who entered the order.
      const memo = { idempotencyKey: idempotency.key, digest: idempotency.digest, createdBy: person.id };
      const creditCheck = readModel && (await creditCheckOf(readModel, order.customer.id));
      await startOrder(
        client,
        { order, policy: policyFor(order.channel, order.customer.class, policy), ...(creditCheck && { creditCheck }) },
        { taskQueue, memo },
      );
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
    res
      .status(201)
      .location(`${req.baseUrl}/orders/${order.orderNumber}`)
      .json(snapshotFor(person.role, await handle.query(snapshotQuery)));
  });

  if (readModel) {
    // Late and days late count the company's working days, as on the board.
    const { calendar } = policyFor('standard', undefined, policy);
    router.get('/orders', async (req, res) => {
      const query = OrderListQuery.safeParse(req.query);
      if (!query.success) throw invalidRequest(query.error.issues, 'query');
      const filters = visibleFilters(personOf(res), query.data);
      res.json(filters ? await listOrders(readModel, filters, calendar) : { orders: [], nextPageToken: null });
    });
  }

  router.get('/orders/:id', async (req, res) => {
    const person = personOf(res);
    res.json(snapshotFor(person.role, await (await visibleOrder(client, person, req.params.id)).query(snapshotQuery)));
  });

  // What this person may send now (the console's forms): the events the order expects, those the person's
  // role may send by the policy the order's channel and class start with. The order checks its own
  // snapshotted matrix when the event comes; this is what to offer, not what to allow.
  router.get('/orders/:id/allowed-events', async (req, res) => {
    const person = personOf(res);
    const snapshot = await (await visibleOrder(client, person, req.params.id)).query(snapshotQuery);
    const orderPolicy = policyFor(snapshot.channel as Channel, snapshot.customer.class as CustomerClass, policy);
    res.json({ events: snapshot.expectedEvents.filter((type) => rolesFor(orderPolicy, type).includes(person.role)) });
  });

  router.get('/orders/:id/timeline', async (req, res) => {
    const person = personOf(res);
    const timeline = await (await visibleOrder(client, person, req.params.id)).query(timelineQuery);
    res.json({ timeline: person.role === 'customer' ? customerTimeline(timeline) : timeline });
  });

  // The order's money as documents (对账单, 余款催收告知书), from its ledger; whoever may read the order may read them.
  const withLedger = async (person: ReturnType<typeof personOf>, id: string) => {
    const snapshot = await (await visibleOrder(client, person, id)).query(snapshotQuery);
    if (!snapshot.ledger) {
      throw new Problem(404, 'not-found', 'No ledger', 'the order started before payment plans: see its received and balanceDue');
    }
    return snapshot as OrderSnapshot & { ledger: LedgerSnapshot };
  };
  router.get('/orders/:id/statement', async (req, res) => {
    res.json(statementOf(await withLedger(personOf(res), req.params.id)));
  });
  router.get('/orders/:id/balance-due-notice', async (req, res) => {
    res.json(balanceDueNoticeOf(await withLedger(personOf(res), req.params.id)));
  });

  return router;
}

/**
 * 信用额度: the customer file's credit limit and what the customer owes on their other orders, read once when
 * the order is taken and handed to the workflow (which reads no database); none when the file sets no limit.
 */
async function creditCheckOf({ db }: ReadModel, customerId: string): Promise<CreditCheck | undefined> {
  const customer = await findCustomer(db, customerId);
  if (customer?.creditLimit === undefined || customer.creditLimit === null) return undefined;
  return { creditLimit: customer.creditLimit, openBalance: (await owedBy(db, customerId)).balance, checkedAt: new Date().toISOString() };
}

/** An order number made from the key, so a retried creation without a number finds the same order. */
const orderNumberFor = (key: string) => `SO-${digestOf(key).slice(0, 12).toUpperCase()}`;
