import { z } from 'zod';
import { eventData, eventTypes } from '../workflows/domain/events';
import { CreateOrder, OrderListQuery } from './orders';

// The OpenAPI 3.1 document, generated from the same zod schemas the routes parse with: there is
// no second copy of a schema to drift.

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });

const eventRequestBody = {
  oneOf: eventTypes.map((type) =>
    json(z.object({ type: z.literal(type), data: eventData[type], note: z.string().max(2000).optional() }).strict())),
  discriminator: { propertyName: 'type' },
};

const problem = {
  type: 'object',
  properties: {
    type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' },
    instance: { type: 'string' }, requestId: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
    expectedEvents: { type: 'array', items: { type: 'string', enum: eventTypes } },
  },
};

const problems = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [String(status), { description: 'problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } }]));

const idempotencyKey = { name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', maxLength: 200 } };
const orderId = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const snapshot = { description: 'the order', content: { 'application/json': { schema: { $ref: '#/components/schemas/OrderSnapshot' } } } };

export function openApiDocument() {
  const listQuery = json(OrderListQuery) as { properties: Record<string, object> };
  return {
    openapi: '3.1.0',
    info: { title: 'OrderFlow API', version: '1.0.0', description: 'Sales orders as durable Temporal workflows.' },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        CreateOrder: json(CreateOrder),
        EventRequest: eventRequestBody,
        OrderSnapshot: { type: 'object', description: 'status, stage, money, dates, expectedEvents, openClocks …' },
        Problem: problem,
      },
    },
    paths: {
      '/orders': {
        post: {
          summary: 'Create an order (starts its workflow)',
          parameters: [idempotencyKey],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateOrder' } } } },
          responses: { '201': snapshot, ...problems(400, 401, 403, 409, 413, 415, 422) },
        },
        get: {
          summary: 'List orders through Temporal visibility',
          parameters: Object.entries(listQuery.properties).map(([name, schema]) => ({ name, in: 'query', required: false, schema })),
          responses: { '200': { description: 'a page of orders' }, ...problems(400, 401) },
        },
      },
      '/orders/{id}': {
        get: { summary: 'The order snapshot', parameters: [orderId], responses: { '200': snapshot, ...problems(401, 404) } },
      },
      '/orders/{id}/timeline': {
        get: { summary: 'The business timeline', parameters: [orderId], responses: { '200': { description: 'timeline entries' }, ...problems(401, 404) } },
      },
      '/orders/{id}/events': {
        post: {
          summary: 'Send a business event; the answer says whether the order accepted it',
          parameters: [orderId, idempotencyKey],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/EventRequest' } } } },
          responses: { '200': { description: 'accepted, with the new snapshot' }, ...problems(400, 401, 403, 404, 409, 413, 415, 422) },
        },
      },
    },
  };
}
