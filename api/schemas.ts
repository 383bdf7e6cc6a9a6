import { z } from 'zod';
import { channelForms } from '../client/channels';
import { eventData, eventTypes, type EventType } from '../workflows/domain/events';
import { Actor, Channel, OrderInput, OrderNumber } from '../workflows/domain/order';
import { stages, statuses } from '../workflows/domain/state';

// What the API reads and writes, as zod schemas: the routes parse with them and openapi.ts
// documents them, so the two cannot drift. Built from the domain's schemas, never copied.

/** POST /orders: one channel's order form (standard when `channel` is left out); the order number is the caller's or made from the Idempotency-Key. */
export const createOrderForms = Object.fromEntries(
  Object.entries(channelForms).map(([channel, form]) => [channel, form.createSchema.extend({ orderNumber: OrderNumber.optional() }).strict()]),
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

const customerId = OrderInput.shape.customer.shape.id;
const salesRepId = OrderInput.shape.salesRep.shape.id;
/**
 * An id to filter by: the domain's limits, and only characters every Temporal visibility store
 * reads alike inside a quoted literal (the dev server's cannot match a quote or a backslash).
 */
const filterValue = (id: z.ZodString) => id.regex(/^[\p{L}\p{N} _.@:/+#-]+$/u, 'letters, digits, spaces and _ . @ : / + # - only');

/** GET /orders: filters on the order's search attributes, and the page. */
export const OrderListQuery = z
  .object({
    status: z.enum(statuses).optional(),
    stage: z.enum(stages).optional(),
    channel: Channel.optional(),
    customerId: filterValue(customerId).optional(),
    salesRep: filterValue(salesRepId).optional(),
    late: z.enum(['true', 'false']).optional(),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
    pageToken: z.string().regex(/^[A-Za-z0-9_-]+$/, 'the nextPageToken of a previous page').max(4000).optional()
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
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional().describe('400: every invalid field'),
  accepted: z.literal(false).optional().describe('on a refused event'),
  stage: z.enum(stages).optional().describe('409/403 on an event: the stage the order is in'),
  expectedEvents: z.array(z.enum(eventTypes)).optional().describe('409/403 on an event: what the order accepts now'),
});
