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
export const ComplaintEventAccepted = z
  .object({
    accepted: z.literal(true).describe('always true here: a refused event is a problem'),
    event: z
      .object({
        id: z.string().describe('the Idempotency-Key it was sent with: sending it again changes nothing'),
        type: ComplaintEventType.describe('the complaint step'),
        actor: Actor.describe('who took the step (from the token)'),
      })
      .describe('the event as the complaint recorded it'),
    /** The complaint after the event: see GET /orders/{id}/complaints/{number}. */
    complaint: z
      .record(z.string(), z.unknown())
      .describe('the complaint after the event, as GET /orders/{id}/complaints/{number} shows it'),
  })
  .meta({
    examples: [
      {
        accepted: true,
        event: { id: 'key-c41e', type: 'customer-contacted', actor: { id: 'tech-zhou', name: '周强 Zhou Qiang', role: 'technical' } },
        complaint: { orderNumber: 'SO-1001', number: 1, stage: 'investigating', expectedEvents: ['cause-found', 'closed-by-supervisor'] },
      },
    ],
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

/** A complaint as GET /orders/{id}/complaints/{number} shows it (workflows/domain/complaints.ts ComplaintSnapshot), for the OpenAPI document. */
export const complaintSnapshotExample = {
  orderNumber: 'SO-1001',
  number: 1,
  category: 'installation',
  description: 'the sash sticks when it rains',
  filedAt: '2027-03-09T01:30:00.000Z',
  filedBy: { id: 'store-hz-1', name: '王敏 Wang Min', role: 'customer' },
  stage: 'fix-pending',
  expectedEvents: ['fix-scheduled', 'closed-by-supervisor'],
  openClocks: [{ name: 'complaint-fix', dueAt: '2027-03-12T06:00:00.000Z', action: 'escalate to supervisor' }],
  contactedAt: '2027-03-09T03:00:00.000Z',
  finding: {
    at: '2027-03-09T06:00:00.000Z',
    by: { id: 'tech-zhou', name: '周强 Zhou Qiang', role: 'technical' },
    responsibleParty: 'installation',
    cause: 'installation',
    finding: 'the frame was fixed out of level, against drawing W-12 v2',
    drawingRef: 'W-12 v2',
    contractRef: 'contract §6 installation',
  },
  visits: [],
  confirmation: null,
  supervisorClose: null,
  closedAt: null,
  callbacks: [],
  callbacksDue: 2,
  timeline: [
    {
      at: '2027-03-09T01:30:00.000Z',
      kind: 'status-change',
      type: 'reported',
      actor: { id: 'store-hz-1', name: '王敏 Wang Min', role: 'customer' },
      detail: 'complaint 1 on order SO-1001 (installation): the sash sticks when it rains; regional manager and technical told',
    },
    {
      at: '2027-03-09T03:00:00.000Z',
      kind: 'event',
      type: 'customer-contacted',
      actor: { id: 'tech-zhou', name: '周强 Zhou Qiang', role: 'technical' },
      detail: 'phone: the sash sticks when it rains',
    },
    {
      at: '2027-03-09T06:00:00.000Z',
      kind: 'event',
      type: 'cause-found',
      actor: { id: 'tech-zhou', name: '周强 Zhou Qiang', role: 'technical' },
      detail: 'installation: the frame was fixed out of level, against drawing W-12 v2',
    },
  ],
};
