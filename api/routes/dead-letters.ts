import { Router, type Response } from 'express';
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { Role } from '../../workflows/domain/order';
import { DEAD_LETTER_NOT_FOUND, deadLettersQuery, resendNotice, snapshotQuery, workflowIdOf } from '../../workflows/messages';
import * as sa from '../../workflows/search-attributes';
import { actorOf } from '../auth';
import { digestOf, idempotencyOf } from '../idempotency';
import { Problem } from '../problem';
import type { DeadLetterOrders } from '../schemas';
import { orderHandle } from './order-handle';

// Dead letters: notices the outbox gave up on (a receiver that refuses them, or one down for longer
// than the policy's attempts). The order carried on without them; operators and supervisors list
// them and send them again once the receiver is fixed. The order workflow keeps the list and the
// `UndeliveredNotices` search attribute; a resend is a Temporal update on the order.

const allowed: readonly Role[] = ['operator', 'supervisor'];
/** At most this many orders in one answer: a list for people to work through, not a bulk export. */
const MAX_ORDERS = 500;

function requireOperator(res: Response) {
  const { role } = actorOf(res);
  if (!allowed.includes(role)) {
    throw new Problem(
      403,
      'role-not-permitted',
      'Your role may not handle undelivered notices',
      `only ${allowed.join(' and ')} may (you are ${role})`,
    );
  }
}

export function deadLetterRoutes({ client }: { client: Client }): Router {
  const router = Router();

  router.get('/dead-letters', async (_req, res) => {
    requireOperator(res);
    const answer: DeadLetterOrders = { orders: [], truncated: false };
    const prefix = workflowIdOf('');
    for await (const execution of client.workflow.list({
      query: `${sa.OrderStatus.name} IS NOT NULL AND ${sa.UndeliveredNotices.name} > 0`,
    })) {
      if (answer.orders.length === MAX_ORDERS) {
        answer.truncated = true;
        break;
      }
      const attributes = execution.typedSearchAttributes;
      answer.orders.push({
        orderNumber: execution.workflowId.slice(prefix.length),
        undeliveredNotices: Number(attributes.get(sa.UndeliveredNotices) ?? 0),
        status: attributes.get(sa.OrderStatus) as DeadLetterOrders['orders'][number]['status'],
        stage: attributes.get(sa.OrderStage) as DeadLetterOrders['orders'][number]['stage'],
      });
    }
    res.json(answer);
  });

  router.get('/orders/:id/dead-letters', async (req, res) => {
    requireOperator(res);
    res.json({ orderNumber: req.params.id, deadLetters: await orderHandle(client, req.params.id).query(deadLettersQuery) });
  });

  router.post('/orders/:id/dead-letters/:seq/resend', async (req, res) => {
    requireOperator(res);
    const { key, digest } = idempotencyOf(req, res);
    const handle = orderHandle(client, req.params.id);
    const seq = /^[1-9]\d{0,8}$/.test(req.params.seq) ? Number(req.params.seq) : undefined;
    if (seq === undefined) throw notDeadLetter(req.params.seq);
    // The notice is part of the request (it is in the path, not the body): the same key for another notice is a 422.
    const request = { seq, actor: actorOf(res), id: key, digest: digestOf(`${digest}/resend/${seq}`) };
    // Temporal answers a retried update ID with its first result, and the order remembers the key: a retry resends nothing twice.
    const deadLetters = await handle
      .executeUpdate(resendNotice, { args: [request], updateId: `${key}/${request.digest}` })
      .catch((error: unknown) => {
        if (
          error instanceof WorkflowUpdateFailedError &&
          error.cause instanceof ApplicationFailure &&
          error.cause.type === DEAD_LETTER_NOT_FOUND
        ) {
          throw notDeadLetter(req.params.seq);
        }
        if (error instanceof WorkflowNotFoundError) return refuseIfClosed(handle);
        throw error;
      });
    res.json({ orderNumber: req.params.id, deadLetters });
  });

  return router;
}

const notDeadLetter = (seq: string) =>
  new Problem(
    404,
    'not-found',
    'No such undelivered notice',
    `notice ${seq} of this order is not an undelivered notice (it was delivered, or never existed)`,
  );

/** A closed order (archived or cancelled) sends nothing more; an order that never existed stays a 404 (the query throws). */
async function refuseIfClosed(handle: WorkflowHandle): Promise<never> {
  const { stage } = await handle.query(snapshotQuery);
  throw new Problem(409, 'order-closed', 'The order is closed', `the order is closed (stage ${stage}) and sends no more notices`);
}
