import { z } from 'zod';
import { channelForms } from '../client/channels';
import { eventData, eventTypes, type EventType } from '../workflows/domain/events';
import { Actor, Channel, moneyCeilingIssues, OrderInput, OrderNumber } from '../workflows/domain/order';
import { stages, statuses } from '../workflows/domain/state';

// What the API reads and writes, as zod schemas: the routes parse with them and openapi.ts
// documents them, so the two cannot drift. Built from the domain's schemas, never copied.

/** POST /orders: one channel's order form (standard when `channel` is left out); the order number is the caller's or made from the Idempotency-Key. */
export const createOrderForms = Object.fromEntries(
  Object.entries(channelForms).map(([channel, form]) => [
    channel,
    form.createSchema
      .extend({ orderNumber: OrderNumber.optional() })
      .strict()
      .superRefine((order, ctx) => {
        for (const { path, message } of moneyCeilingIssues(order.lines as OrderInput['lines']))
          ctx.addIssue({ code: 'custom', path, message });
      }),
  ]),
) as unknown as Record<Channel, z.ZodObject>;
/** The order form of every channel, for the OpenAPI document (the route parses with the channel's own, for field-by-field errors). */
export const CreateOrder = z.union(Object.values(createOrderForms) as [z.ZodObject, ...z.ZodObject[]]);
export type CreateOrder = Omit<OrderInput, 'orderNumber'> & { orderNumber?: string };

const Note = z.string().max(2000);

/** POST /orders/{id}/events: one alternative per event type. The acting person comes from the token, never the body. */
export const EventRequest = z.discriminatedUnion(
  'type',
  eventTypes.map((type) =>
    // An event without fields may leave `data` out.
    z.object({ type: z.literal(type), data: (eventData[type] as z.ZodObject).prefault({}), note: Note.optional() }).strict(),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
);
export type EventRequest = { [T in EventType]: { type: T; data: z.infer<(typeof eventData)[T]>; note?: string } }[EventType];

// Filter ids are the domain's PartyId, as on create: whatever an order may be created with, it may
// be found by (PartyId admits no quote, backslash or control character, so it stays a visibility literal).
const customerId = OrderInput.shape.customer.shape.id;
const salesRepId = OrderInput.shape.salesRep.shape.id;

/** GET /orders: filters on the order's search attributes, and the page. */
export const OrderListQuery = z
  .object({
    status: z.enum(statuses).optional(),
    stage: z.enum(stages).optional(),
    channel: Channel.optional(),
    customerId: customerId.optional(),
    salesRep: salesRepId.optional(),
    late: z.enum(['true', 'false']).optional(),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
    pageToken: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, 'the nextPageToken of a previous page')
      .max(4000)
      .optional()
      .describe('the nextPageToken of the previous page'),
  })
  .strict();
export type OrderListQuery = z.infer<typeof OrderListQuery>;

/** One order in a listing: what visibility knows of it (its search attributes), without asking the order. */
export const OrderSummary = z.object({
  orderNumber: OrderNumber,
  status: z.enum(statuses),
  stage: z.enum(stages),
  channel: Channel,
  customerId: customerId,
  customerClass: OrderInput.shape.customer.shape.class,
  salesRep: salesRepId,
  late: z.boolean(),
  receivedAt: z.iso.datetime(),
});

export const OrderPage = z.object({
  orders: z.array(OrderSummary),
  /** Pass as `pageToken` for the next page; null on the last. */
  nextPageToken: z.string().nullable(),
});

/** The answer to an accepted event (a refused one is a problem). */
export const EventAccepted = z.object({
  accepted: z.literal(true),
  event: z.object({ id: z.string(), type: z.enum(eventTypes), actor: Actor }),
  /** The order after the event: see GET /orders/{id}. */
  snapshot: z.record(z.string(), z.unknown()),
});

/** RFC 9457 problem details, with the fields that let a caller fix the request. */
export const ProblemDetails = z.object({
  type: z.string().describe('urn:orderflow:problem:<kind>, stable for clients to switch on'),
  title: z.string(),
  status: z.int(),
  detail: z.string().optional(),
  instance: z.string(),
  requestId: z.string(),
  errors: z
    .array(z.object({ field: z.string(), message: z.string() }))
    .optional()
    .describe('400: every invalid field'),
  accepted: z.literal(false).optional().describe('on a refused event'),
  stage: z.enum(stages).optional().describe('409/403 on an event: the stage the order is in'),
  expectedEvents: z.array(z.enum(eventTypes)).optional().describe('409/403 on an event: what the order accepts now'),
  amountDue: z.int().optional().describe('422 amount-above-due: what the order still owes, in fen'),
});

/** A notice the outbox gave up on (workflows/domain/state.ts DeadLetter). */
export const DeadLetter = z.object({
  notice: z.object({
    seq: z.int().describe('the notice number within the order: what a resend names'),
    kind: z.enum(['notification', 'reminder', 'escalation']),
    type: z.string(),
    to: z.string().describe('the role it was for'),
    person: z.string().optional().describe("the person it was for, when the order knows them (its own sales rep's id)"),
    detail: z.string(),
  }),
  reason: z.string().describe('why it was not delivered'),
  at: z.iso.datetime(),
  resentAt: z.iso.datetime().optional().describe('set while a resend is queued'),
});

/** GET /orders/{id}/dead-letters, and the answer to a resend. */
export const OrderDeadLetters = z.object({ orderNumber: OrderNumber, deadLetters: z.array(DeadLetter) });

/** GET /dead-letters: the orders with undelivered notices (through visibility, eventually consistent). */
export const DeadLetterOrders = z.object({
  orders: z.array(z.object({ orderNumber: OrderNumber, undeliveredNotices: z.int(), status: z.enum(statuses), stage: z.enum(stages) })),
  /** True when there were more than one answer holds. */
  truncated: z.boolean(),
});
export type DeadLetterOrders = z.infer<typeof DeadLetterOrders>;
