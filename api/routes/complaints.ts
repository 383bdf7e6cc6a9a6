import { Router, type Response } from 'express';
import { WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { ComplaintEvent } from '../../workflows/domain/complaint-events';
import { complaintSnapshotQuery, complaintWorkflowIdOf, submitComplaintEvent } from '../../workflows/messages';
import { actorOf, personOf } from '../auth';
import { ComplaintEventRequest, ComplaintNumber } from '../complaint-schemas';
import { idempotencyOf } from '../idempotency';
import { limitEventsInFlightPerOrder } from '../overload';
import { invalidRequest, Problem } from '../problem';
import { visibleOrder } from './order-handle';

// A complaint of an order (投诉): its own workflow, `<order's workflow>-complaint-<n>`. Its events go to
// it as the `submitComplaintEvent` update, checked by its validator (role, step, a reused key) as
// the order's events are; whoever may read and act on the order may read and act on its complaints.

export function complaintRoutes({ client, maxInFlightPerOrder }: { client: Client; maxInFlightPerOrder: number }): Router {
  const router = Router();

  router.get('/orders/:id/complaints/:number', async (req, res) => {
    const handle = await complaintOf(client, res, req.params.id, req.params.number);
    res.json(await handle.query(complaintSnapshotQuery).catch(unlessNotFound));
  });

  router.post('/orders/:id/complaints/:number/events', limitEventsInFlightPerOrder(maxInFlightPerOrder));
  router.post('/orders/:id/complaints/:number/events', async (req, res) => {
    const { key, digest } = idempotencyOf(req, res);
    const handle = await complaintOf(client, res, req.params.id, req.params.number);
    const parsed = ComplaintEventRequest.safeParse(req.body);
    if (!parsed.success) throw invalidRequest(parsed.error.issues);
    const actor = actorOf(res);
    const event = { ...(parsed.data as Omit<ComplaintEvent, 'actor'>), actor, id: key, digest } as ComplaintEvent;
    const complaint = await handle
      .executeUpdate(submitComplaintEvent, { args: [event], updateId: `${key}/${digest}` })
      .catch((error: unknown) => (error instanceof WorkflowNotFoundError ? refuseIfFinished(handle) : Promise.reject(error)));
    res.json({ accepted: true, event: { id: key, type: event.type, actor }, complaint });
  });

  return router;
}

/** The complaint's workflow, once the person may see its order; a number that cannot be a complaint's names none. */
async function complaintOf(client: Client, res: Response, orderNumber: string, number: string): Promise<WorkflowHandle> {
  const order = await visibleOrder(client, personOf(res), orderNumber);
  const parsed = ComplaintNumber.safeParse(number);
  if (!parsed.success) throw complaintNotFound();
  return client.workflow.getHandle(complaintWorkflowIdOf(order.workflowId, parsed.data));
}

const complaintNotFound = () => new Problem(404, 'not-found', 'Complaint not found', 'the order has no complaint with this number');

function unlessNotFound(error: unknown): never {
  throw error instanceof WorkflowNotFoundError ? complaintNotFound() : error;
}

/** Temporal answers an update to a finished workflow as "not found": a finished complaint takes no events (409); one never filed is a 404. */
async function refuseIfFinished(handle: WorkflowHandle): Promise<never> {
  const { number, stage } = await handle.query(complaintSnapshotQuery).catch(unlessNotFound);
  throw new Problem(
    409,
    'event-not-expected',
    'The complaint does not expect this event now',
    `complaint ${number} is ${stage} and takes no more events`,
    {
      accepted: false,
      complaintStage: stage,
      expectedEvents: [],
    },
  );
}
