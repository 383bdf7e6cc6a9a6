import { z } from 'zod';
import {
  CreateOrder,
  DeadLetterOrders,
  EventAccepted,
  EventRequest,
  OrderDeadLetters,
  OrderListQuery,
  OrderPage,
  ProblemDetails,
} from './schemas';
import { OrderNumber } from '../workflows/domain/order';

// The OpenAPI 3.1 document, generated from the zod schemas the routes parse with (api/schemas.ts,
// built on the domain's): no second copy of a schema to drift.

/** JSON Schema (draft 2020-12, OpenAPI 3.1's dialect) of a request (`input`) or an answer (`output`). */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

const root = [{ url: '/' }];
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string, description: string) => ({ description, content: { 'application/json': { schema: ref(name) } } });
const problems = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: problemDescriptions[status],
        content: { 'application/problem+json': { schema: ref('Problem') } },
      },
    ]),
  );

const problemDescriptions: Record<number, string> = {
  400: 'invalid request: every invalid field is named in `errors` (JSON nested deeper than 32, money above 10^12 fen per order included)',
  401: 'no bearer token (token-missing), or one not recognised (token-not-recognised)',
  403: "the role may not do this (for events: the policy's permission matrix; dead letters: operator and supervisor only)",
  404: "no order with this number (to a customer, also another customer's order; on a resend, no such undelivered notice)",
  409: 'the event does not fit the order now (see `expectedEvents`), the order number exists, or (on a resend) the order is closed',
  413: 'body too large',
  415: 'not application/json',
  422: 'Idempotency-Key reused with another request; or a deposit or payment above what is still due (`amountDue`)',
  429: 'too many events for this order at once, or Temporal is busy: retry after `Retry-After` seconds with the same Idempotency-Key',
  503: 'Temporal or its worker did not answer in time: retry after `Retry-After` seconds with the same Idempotency-Key',
};

const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: true,
  description:
    'A retry with the same key and body gets the first answer and applies nothing twice; the same key with another body is a 422.',
  schema: { type: 'string', minLength: 1, maxLength: 200 },
};
const orderNumber = { name: 'id', in: 'path', required: true, description: 'the order number', schema: jsonSchema(OrderNumber, 'input') };

export function openApiDocument() {
  const listQuery = jsonSchema(OrderListQuery, 'input') as { properties: Record<string, { description?: string }> };
  const eventRequest = jsonSchema(EventRequest, 'input');
  return {
    openapi: '3.1.0',
    info: {
      title: 'OrderFlow API',
      version: '1.0.0',
      description: 'Sales orders as durable Temporal workflows: the order holds the truth, this API relays.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'a token configured for a person and role' } },
      schemas: {
        CreateOrder: jsonSchema(CreateOrder, 'input'),
        EventRequest: { ...eventRequest, discriminator: { propertyName: 'type' } },
        EventAccepted: jsonSchema(EventAccepted, 'output'),
        OrderPage: jsonSchema(OrderPage, 'output'),
        // The domain declares the snapshot and the timeline as TypeScript types, not zod schemas,
        // so there is nothing to generate them from yet (workflows/domain/snapshot.ts, state.ts).
        OrderSnapshot: {
          type: 'object',
          description:
            'The order: status, stage, customer, money (fen: amount, depositDue, received, balanceDue, refundDue), promisedDate and ' +
            'originalPromisedDate, late, daysLate (past the promised date before QC passed the goods, in the company calendar), expectedEvents (what it accepts now), openClocks (name, dueAt, action), amendments, delays, complaints.',
        },
        Timeline: {
          type: 'object',
          properties: {
            timeline: {
              type: 'array',
              items: {
                type: 'object',
                description: 'at, kind, type, to?, actor?, via? ("temporal": sent by an operator as the raw signal), detail',
              },
            },
          },
        },
        OrderDeadLetters: jsonSchema(OrderDeadLetters, 'output'),
        DeadLetterOrders: jsonSchema(DeadLetterOrders, 'output'),
        Problem: jsonSchema(ProblemDetails, 'output'),
      },
    },
    paths: {
      '/orders': {
        post: {
          summary: 'Create an order (starts its workflow)',
          description:
            'Roles: those the policy lets confirm an order at intake (order desk, sales rep, supervisor by default). ' +
            'Without `orderNumber`, one is made from the Idempotency-Key.',
          parameters: [idempotencyKey],
          requestBody: { required: true, content: { 'application/json': { schema: ref('CreateOrder') } } },
          responses: {
            '201': json('OrderSnapshot', 'the new order; Location names it'),
            ...problems(400, 401, 403, 409, 413, 415, 422, 429, 503),
          },
        },
        get: {
          summary: 'List orders through Temporal visibility (eventually consistent)',
          parameters: Object.entries(listQuery.properties).map(([name, schema]) => ({
            name,
            in: 'query',
            required: false,
            description: schema.description,
            schema,
          })),
          responses: { '200': json('OrderPage', 'a page of orders'), ...problems(400, 401, 429, 503) },
        },
      },
      '/orders/{id}': {
        get: {
          summary: 'The order snapshot',
          parameters: [orderNumber],
          responses: { '200': json('OrderSnapshot', 'the order'), ...problems(401, 404, 429, 503) },
        },
      },
      '/orders/{id}/timeline': {
        get: {
          summary: 'The business timeline',
          parameters: [orderNumber],
          responses: { '200': json('Timeline', 'what happened, in order'), ...problems(401, 404, 429, 503) },
        },
      },
      '/dead-letters': {
        get: {
          summary: 'Orders with undelivered notices (dead letters), through Temporal visibility (eventually consistent)',
          description: 'Roles: operator, supervisor. At most 500 orders; `truncated` says when there were more.',
          responses: {
            '200': json('DeadLetterOrders', 'the orders and how many notices each could not deliver'),
            ...problems(401, 403, 503),
          },
        },
      },
      '/orders/{id}/dead-letters': {
        get: {
          summary: "The order's undelivered notices, with why each was not delivered",
          description: 'Roles: operator, supervisor.',
          parameters: [orderNumber],
          responses: { '200': json('OrderDeadLetters', 'the dead letters'), ...problems(401, 403, 404, 503) },
        },
      },
      '/orders/{id}/dead-letters/{seq}/resend': {
        post: {
          summary: 'Send an undelivered notice again; it leaves the list once delivered',
          description:
            'Roles: operator, supervisor. Queues the notice on the order again, under its first idempotency key, so the ' +
            'receiver gets it at most once. The body is `{}`.',
          parameters: [
            orderNumber,
            { name: 'seq', in: 'path', required: true, description: 'the notice number', schema: { type: 'integer', minimum: 1 } },
            idempotencyKey,
          ],
          responses: {
            '200': json('OrderDeadLetters', 'queued; the dead letters, the resent one with `resentAt`'),
            ...problems(401, 403, 404, 409, 422, 503),
          },
        },
      },
      // Beside the API, at the root, without a token.
      '/healthz': { servers: root, get: { summary: 'The process is up', security: [], responses: { '200': { description: 'up' } } } },
      '/readyz': {
        servers: root,
        get: {
          summary: 'Temporal answers (within 2 s), a worker polls the task queue, and the process is not shutting down',
          security: [],
          responses: { '200': { description: 'ready' }, ...problems(503) },
        },
      },
      '/orders/{id}/events': {
        post: {
          summary: 'Send a business event; the answer says whether the order accepted it',
          description:
            'The acting person and role come from the token. The order checks the event against its stage and the permission matrix.',
          parameters: [orderNumber, idempotencyKey],
          requestBody: { required: true, content: { 'application/json': { schema: ref('EventRequest') } } },
          responses: {
            '200': json('EventAccepted', 'accepted, with the new snapshot'),
            ...problems(400, 401, 403, 404, 409, 413, 415, 422, 429, 503),
          },
        },
      },
    },
  };
}
