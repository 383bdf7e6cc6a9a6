import { z } from 'zod';
import { complaintCauses } from './events';
import { Actor, IsoDate } from './order';

// The events of one complaint (投诉, 000 §三, domain.md §19), sent to the complaint itself
// (POST /orders/{n}/complaints/{k}/events): its own process beside the order's. Filing it and the
// money agreed for it are the order's events (`complaint-filed`, `complaint-compensation-agreed`),
// so that the ledger stays in one place.
const Ref = z.string().min(1).max(200);
const Reason = z.string().min(1).max(2000);
const Rating = z.int().min(1).max(5).describe("the customer's satisfaction, 1 (very unhappy) to 5 (very satisfied)");

/**
 * Who technical finds responsible (责任方): the installation team, production, transport, sales (an order entered wrong or
 * goods sent wrong, which 001 ch.7 charges to the sales rep), the customer, or nobody.
 */
export const responsibleParties = ['installation', 'production', 'transport', 'sales', 'customer', 'none'] as const;

/** Whose statement of satisfaction it is: the customer's own, or staff recording it with the customer's written or recorded word. */
const Confirmation = Ref.optional().describe(
  "the customer's written or recorded confirmation (a signed service sheet, a message): required when staff record it for the customer",
);

export const complaintEventData = {
  'customer-contacted': z
    .object({
      channel: z.enum(['phone', 'visit', 'message']).describe('how technical reached the customer'),
      summary: z.string().max(2000).optional().describe('what the customer described'),
    })
    .describe('技术人员马上和客户取得联系: technical has contacted the customer (stops the first-contact clock).'),
  'cause-found': z
    .object({
      responsibleParty: z.enum(responsibleParties).describe('who is responsible (责任方), found against the contract and the drawings'),
      cause: z.enum(complaintCauses).describe("what caused it (the sales reps' figures count data-entry errors and wrong shipments)"),
      finding: Reason.describe('what technical found, as reported to the regional manager'),
      contractRef: Ref.optional().describe('the contract clause or document checked'),
      drawingRef: Ref.optional().describe('the drawing (and version) checked'),
    })
    .describe(
      'Technical reports the cause and the responsible party to the regional manager: an installation problem goes to the marketing assistant, ' +
        'who sends an installation team; a production or transport problem to QC and the repair department.',
    ),
  'fix-scheduled': z
    .object({
      visitDate: IsoDate.describe('the company date of the visit'),
      team: z.string().min(1).max(200).describe('the installation team or repair people sent'),
      plan: Reason.describe('what they will do'),
    })
    .describe('The marketing assistant (installation) or QC and the repair department (production, transport) schedule a visit.'),
  'visit-made': z
    .object({
      outcome: z
        .enum(['fixed', 'another-visit-needed'])
        .describe('fixed: the customer is asked to confirm; another-visit-needed: a new visit is scheduled'),
      report: Reason.describe('what was done on site'),
    })
    .describe('The team reports the visit: fixed (the customer is asked to confirm), or another visit is needed.'),
  'customer-satisfied': z
    .object({ rating: Rating.optional(), confirmationRef: Confirmation })
    .describe('直至客户满意为止: the customer confirms the problem is solved; only this (or a supervisor) closes the complaint.'),
  'customer-not-satisfied': z
    .object({ reason: Reason, confirmationRef: Confirmation })
    .describe('The customer is not satisfied: another visit is to be scheduled.'),
  'closed-by-supervisor': z
    .object({ reason: Reason.describe("why it is closed without the customer's confirmation (e.g. unfounded, customer unreachable)") })
    .describe("A supervisor closes the complaint without the customer's confirmation, with the reason."),
  'callback-made': z
    .object({ rating: Rating.optional(), note: z.string().max(2000).optional() })
    .describe('回访: the customer was called back after the complaint closed.'),
} as const;

export type ComplaintEventType = keyof typeof complaintEventData;
export const complaintEventTypes = Object.keys(complaintEventData) as ComplaintEventType[];
export const ComplaintEventType = z.enum(complaintEventTypes as [ComplaintEventType, ...ComplaintEventType[]]);
export type ComplaintEventData<T extends ComplaintEventType> = z.infer<(typeof complaintEventData)[T]>;

/** Each complaint event as its sender sends it (the API fills `actor`, `id` and `digest`). */
export const complaintEventSchemas = Object.fromEntries(
  complaintEventTypes.map((type) => [
    type,
    z.object({
      type: z.literal(type),
      actor: Actor,
      data: complaintEventData[type],
      note: z.string().max(2000).optional(),
      id: z.string().min(1).max(200).optional(),
      digest: z.string().max(200).optional(),
    }),
  ]),
) as unknown as Record<ComplaintEventType, z.ZodObject>;

export type ComplaintEvent = {
  [T in ComplaintEventType]: { type: T; actor: Actor; data: ComplaintEventData<T>; note?: string; id?: string; digest?: string };
}[ComplaintEventType];
