import { z } from 'zod';
import { complaintEventData, ComplaintEventType, complaintEventTypes } from '../workflows/domain/complaint-events';
import { Actor } from '../workflows/domain/order';

// The requests and answers of a complaint's own API (POST /orders/{id}/complaints/{number}/events,
// GET /orders/{id}/complaints/{number}), from the complaint's event schemas.

/** The complaint's number on its order (1 for the first filed). */
export const ComplaintNumber = z.coerce.number().int().positive().max(10_000);

/** One alternative per complaint event type. The acting person comes from the token, never the body. */
export const ComplaintEventRequest = z.discriminatedUnion(
  'type',
  complaintEventTypes.map((type) =>
    z
      .object({
        type: z.literal(type).describe('the complaint step'),
        data: (complaintEventData[type] as z.ZodObject).prefault({}).describe("the step's fields"),
        note: z.string().max(2000).optional().describe("a note for the complaint's timeline"),
      })
      .strict(),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
);

/** The answer to an accepted complaint event (a refused one is a problem). */
export const ComplaintEventAccepted = z.object({
  accepted: z.literal(true),
  event: z.object({ id: z.string(), type: ComplaintEventType, actor: Actor }),
  /** The complaint after the event: see GET /orders/{id}/complaints/{number}. */
  complaint: z.record(z.string(), z.unknown()),
});

/** An example of each complaint event's request, for the OpenAPI document (in the process's order). */
export const complaintEventExamples: Record<ComplaintEventType, { summary: string; value: unknown }> = {
  'customer-contacted': {
    summary: 'technical has called the customer',
    value: { type: 'customer-contacted', data: { channel: 'phone', summary: 'the sash sticks when it rains' } },
  },
  'cause-found': {
    summary: 'technical reports the cause and the responsible party to the regional manager',
    value: {
      type: 'cause-found',
      data: {
        responsibleParty: 'installation',
        cause: 'installation',
        finding: 'the frame was fixed out of level, against drawing W-12 v2',
        drawingRef: 'W-12 v2',
        contractRef: 'contract §6 installation',
      },
    },
  },
  'fix-scheduled': {
    summary: 'the marketing assistant sends an installation team',
    value: { type: 'fix-scheduled', data: { visitDate: '2027-03-12', team: 'installation team 2', plan: 'refit and level the frame' } },
  },
  'visit-made': {
    summary: 'the team reports the visit',
    value: { type: 'visit-made', data: { outcome: 'fixed', report: 'frame refitted, sash runs freely' } },
  },
  'customer-satisfied': {
    summary: 'the customer confirms the problem is solved (staff: with confirmationRef)',
    value: { type: 'customer-satisfied', data: { rating: 5 } },
  },
  'customer-not-satisfied': {
    summary: 'the customer is not satisfied: another visit',
    value: { type: 'customer-not-satisfied', data: { reason: 'still draughty at the top corner' } },
  },
  'closed-by-supervisor': {
    summary: 'a supervisor closes it without the customer, with the reason',
    value: { type: 'closed-by-supervisor', data: { reason: 'the customer cannot be reached after five attempts over two weeks' } },
  },
  'callback-made': { summary: 'the customer was called back after closing', value: { type: 'callback-made', data: { rating: 4 } } },
};
