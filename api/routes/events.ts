import { Router } from 'express';
import { WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { OrderEvent } from '../../workflows/domain/events';
import { snapshotQuery, submitEvent } from '../../workflows/messages';
import { actorOf, personOf } from '../auth';
import { snapshotFor } from '../customer-view';
import { idempotencyOf } from '../idempotency';
import { limitEventsInFlightPerOrder } from '../overload';
import { invalidRequest, Problem } from '../problem';
import { EventRequest } from '../schemas';
import { visibleOrder } from './order-handle';

// POST /orders/{id}/events: a business event, sent as the `submitEvent` update so that the answer
// says whether the order accepted it. The order's validator decides (stage, permission matrix,
// a reused key); a refusal is written nowhere, so a refused request leaves the order as it was.

export function eventRoutes({ client, maxInFlightPerOrder }: { client: Client; maxInFlightPerOrder: number }): Router {
  const router = Router();

  router.post('/orders/:id/events', limitEventsInFlightPerOrder(maxInFlightPerOrder));
  router.post('/orders/:id/events', async (req, res) => {
    const { key, digest } = idempotencyOf(req, res);
    const person = personOf(res);
    const handle = await visibleOrder(client, person, req.params.id);
    const parsed = EventRequest.safeParse(req.body);
    if (!parsed.success) throw invalidRequest(parsed.error.issues);
    const actor = actorOf(res);
    // The key is the event's id (the workflow never applies an id twice, across continue-as-new
    // too) and, with the digest, the update ID (Temporal answers a retried update with its first result).
    const event = { ...(parsed.data as EventRequest), actor, id: key, digest } as OrderEvent;
    const snapshot = await handle
      .executeUpdate(submitEvent, { args: [event], updateId: `${key}/${digest}` })
      .catch((error: unknown) => (error instanceof WorkflowNotFoundError ? refuseIfClosed(handle) : Promise.reject(error)));
    res.json({ accepted: true, event: { id: key, type: event.type, actor }, snapshot: snapshotFor(person.role, snapshot) });
  });

  return router;
}

/**
 * Temporal answers an update to a closed workflow as "not found"; but the order exists (archived or
 * cancelled) and takes no more events: a 409. (A retry of an update it accepted before closing is
 * still answered with the first result.) An order that never existed stays a 404: the query throws.
 */
async function refuseIfClosed(handle: WorkflowHandle): Promise<never> {
  const { stage } = await handle.query(snapshotQuery);
  throw new Problem(
    409,
    'event-not-expected',
    'The order does not expect this event now',
    `the order is closed (stage ${stage}) and takes no more events`,
    {
      accepted: false,
      stage,
      expectedEvents: [],
    },
  );
}
