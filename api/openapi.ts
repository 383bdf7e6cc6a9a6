import { z } from 'zod';
import {
  BalanceDueNotice,
  CreateOrder,
  Ledger,
  DeadLetterOrders,
  EventAccepted,
  EventRequest,
  OrderDeadLetters,
  OrderListQuery,
  OrderPage,
  ProblemDetails,
  Statement,
} from './schemas';
import { fieldLabel } from '../workflows/domain/field-labels';
import { Actor, OrderNumber, Role } from '../workflows/domain/order';
import {
  Board,
  BoardQuery,
  CreateCustomer,
  Customer,
  CustomerHistory,
  CustomerListQuery,
  CustomerPage,
  KpiQuery,
  Kpis,
  ReminderQuery,
  Reminders,
  UpdateCustomer,
  // inbox
  MyWork,
  MyWorkQuery,
} from './view-schemas';
import { formats, Report, ReportListQuery, ReportPage, ReportQuery } from './report-schemas';
import { salesPipelinePaths, salesPipelineSchemas } from './sales-openapi';
import { OrderSnapshot, snapshotExample } from './snapshot-schema';
import { ComplaintEventAccepted, complaintEventExamples, ComplaintEventRequest, complaintSnapshotExample } from './complaint-schemas';
import { KpiByRepQuery, KpisByRep } from './rep-kpi-schemas';
import { documentPaths, documentSchemas } from './documents-openapi';

// The OpenAPI 3.1 document, generated from the zod schemas the routes parse with (api/schemas.ts,
// built on the domain's): no second copy of a schema to drift.

/** JSON Schema (draft 2020-12, OpenAPI 3.1's dialect) of a request (`input`) or an answer (`output`). */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

interface Described {
  description?: string;
  examples?: unknown[];
  required?: string[];
  properties?: Record<string, Described>;
  items?: Described;
  anyOf?: Described[];
  oneOf?: Described[];
  const?: unknown;
}

/**
 * The forms' words (workflows/domain/field-labels.ts, which the console labels its forms with) describe the fields
 * a schema leaves undescribed, English with the Chinese term: one source for the person and the integrator.
 */
function describedFields(schema: Described, form: string, path: string[] = []): void {
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const words = fieldLabel(form, [...path, name]);
    if (words && !property.description) {
      property.description = `${words.en} (${words.zh})${words.help ? `: ${words.help.en}` : ''}`;
    }
    describedFields(property, form, [...path, name]);
  }
  if (schema.items) describedFields(schema.items, form, path);
  for (const variant of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) describedFields(variant, form, path);
}

/** Each variant of a form schema (a channel's order form, an event) described under its own form key (`channel`, `type`). */
function withFieldWords(schema: Record<string, unknown>, key: 'channel' | 'type', formOf = (variant: Described) => variant) {
  const variants = ((schema.anyOf ?? schema.oneOf) as Described[] | undefined) ?? [];
  for (const variant of variants) {
    const form = variant.properties?.[key]?.const;
    if (typeof form === 'string') describedFields(formOf(variant), form);
  }
  return schema;
}
/** An event's fields are those of its `data`. */
const eventData = (variant: Described) => variant.properties?.data ?? {};

/** One request per event type with its data's example; an event whose data has required fields and no example is left out. */
function eventRequestExamples(schema: Record<string, unknown>) {
  return (schema.oneOf as Described[]).flatMap((variant) => {
    const type = variant.properties?.type?.const;
    const data = eventData(variant);
    if (data.examples?.length) return [{ type, data: data.examples[0] }];
    return data.required?.length ? [] : [{ type }];
  });
}

/** A standard order as the order desk enters it (the other channels add their own terms: see each variant). */
const createOrderExample = {
  orderNumber: 'SO-2027-0001',
  channel: 'standard',
  customer: { id: 'C-NB-01', name: '宁波灯具', class: 'B' },
  salesRep: { id: 'rep-li', name: 'Li Na' },
  lines: [{ productCode: 'LAMP-1', quantity: 10, unitPrice: 12345 }],
  delivery: { address: '宁波市一号路 1 号', contact: '吴女士', phone: '13800000000' },
};

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
  422:
    'Idempotency-Key reused with another request; or money above what may be taken (`amountDue`): a payment above the balance (unless ' +
    '`asCredit`), a refund above the refund due, a write-off above the balance, an invoice above what is not yet invoiced',
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
const complaintNumber = {
  name: 'number',
  in: 'path',
  required: true,
  description: "the complaint's number on the order, 1 for the first filed",
  schema: { type: 'integer', minimum: 1 },
};
const customerId = {
  name: 'id',
  in: 'path',
  required: true,
  description: "the customer's id",
  schema: { type: 'string', minLength: 1, maxLength: 64 },
};

/** A GET's query parameters, each with its schema and description, from the zod schema the route parses with. */
function queryParameters(schema: z.ZodType) {
  const { properties, required = [] } = jsonSchema(schema, 'input') as {
    properties: Record<string, { description?: string }>;
    required?: string[];
  };
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.includes(name),
    description: property.description,
    schema: property,
  }));
}

const forStaff =
  'Staff only: a customer token gets 403. Reads the read model, which the orders keep current within moments of each change.';

/** The answer to an event: the snapshot in it is the order's (one schema, referenced). */
function eventAccepted() {
  const schema = jsonSchema(EventAccepted, 'output') as { properties: Record<string, unknown> };
  return {
    ...schema,
    properties: {
      ...schema.properties,
      snapshot: { ...ref('OrderSnapshot'), description: 'the order after the event, its open clocks included' },
    },
    examples: [
      {
        accepted: true,
        event: { id: 'key-7f3a', type: 'progress-reported', actor: { id: 'rep-li', name: 'Li Na', role: 'sales-rep' } },
        snapshot: snapshotExample,
      },
    ],
  };
}

/** GET /orders/{id}/timeline: a TypeScript type in the domain (TimelineEntry, workflows/domain/state.ts), described here. */
function timeline() {
  const text = (description: string) => ({ type: 'string', description });
  return {
    type: 'object',
    properties: {
      timeline: {
        type: 'array',
        description:
          "what happened to the order (订单日志), the oldest first; a customer sees only their order's facts, what they sent and what was sent to them",
        items: {
          type: 'object',
          properties: {
            at: { ...text('when it happened'), format: 'date-time' },
            kind: text(
              'event, rejected-event (refused, with why), status-change, date-change, lines-version (a confirmed amendment), money, ' +
                'reminder, escalation, notification, notice-not-delivered, notice-resent, complaint',
            ),
            type: text('the event type, status, clock or notice it was, e.g. deposit-received'),
            to: { ...jsonSchema(Role, 'output'), description: 'the role a reminder, escalation or notification was for' },
            person: text('the person a notice was for, when the order knows them (its own sales rep)'),
            actor: { ...jsonSchema(Actor, 'output'), description: 'who sent the event' },
            via: text('"temporal": sent by an operator as the raw signal (Temporal UI or CLI), whatever actor it claims'),
            detail: text('in words (English)'),
            zh: text(
              "the same in Chinese (中文), where the order wrote one: every notification, reminder and escalation, and an event's fields (entries written since 2026-12-03)",
            ),
          },
        },
      },
    },
    examples: [
      {
        timeline: [
          {
            at: '2027-01-02T02:00:00.000Z',
            kind: 'event',
            type: 'deposit-received',
            actor: { id: 'fin-chen', name: 'Chen Jing', role: 'finance' },
            detail: 'deposit 150000 fen, BANK-21',
          },
          { at: '2027-01-02T02:00:00.000Z', kind: 'status-change', type: 'in-production', detail: 'deposit-paid → in-production' },
          {
            at: '2027-01-09T02:00:00.000Z',
            kind: 'reminder',
            type: 'progress-update',
            to: 'sales-rep',
            person: 'rep-li',
            detail: 'weekly progress update due',
          },
        ],
      },
    ],
  };
}

const helpers = { jsonSchema, ref, json, problems, queryParameters, idempotencyKey };

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
        CreateOrder: { ...withFieldWords(jsonSchema(CreateOrder, 'input'), 'channel'), examples: [createOrderExample] },
        EventRequest: {
          ...withFieldWords(eventRequest, 'type', eventData),
          discriminator: { propertyName: 'type' },
          examples: eventRequestExamples(eventRequest),
        },
        EventAccepted: eventAccepted(),
        ComplaintEventRequest: {
          ...withFieldWords(jsonSchema(ComplaintEventRequest, 'input'), 'type', eventData),
          discriminator: { propertyName: 'type' },
          examples: Object.values(complaintEventExamples).map((example) => example.value),
        },
        ComplaintEventAccepted: jsonSchema(ComplaintEventAccepted, 'output'),
        // A TypeScript type in the domain (workflows/domain/complaints.ts), as the order snapshot is.
        ComplaintSnapshot: {
          type: 'object',
          description:
            'One complaint: number, category, description, filedAt and filedBy; stage (reported, investigating, fix-pending, ' +
            'visit-scheduled, awaiting-confirmation, closed, finished), expectedEvents (what it accepts now), openClocks ' +
            '(complaint-first-contact, complaint-fix, complaint-callback), contactedAt, finding (responsible party, cause, against ' +
            "which contract clause and drawing), visits, the customer's confirmation or the supervisor's close, callbacks, and its own timeline.",
          examples: [complaintSnapshotExample],
        },
        OrderPage: jsonSchema(OrderPage, 'output'),
        OrderSnapshot: jsonSchema(OrderSnapshot, 'output'),
        Ledger: jsonSchema(Ledger, 'output'),
        Statement: jsonSchema(Statement, 'output'),
        BalanceDueNotice: jsonSchema(BalanceDueNotice, 'output'),
        Timeline: timeline(),
        OrderDeadLetters: jsonSchema(OrderDeadLetters, 'output'),
        DeadLetterOrders: jsonSchema(DeadLetterOrders, 'output'),
        Problem: jsonSchema(ProblemDetails, 'output'),
        Board: jsonSchema(Board, 'output'),
        Kpis: jsonSchema(Kpis, 'output'),
        KpisByRep: jsonSchema(KpisByRep, 'output'),
        Reminders: jsonSchema(Reminders, 'output'),
        // inbox
        MyWork: jsonSchema(MyWork, 'output'),
        CreateCustomer: jsonSchema(CreateCustomer, 'input'),
        UpdateCustomer: jsonSchema(UpdateCustomer, 'input'),
        Customer: jsonSchema(Customer, 'output'),
        CustomerPage: jsonSchema(CustomerPage, 'output'),
        CustomerHistory: jsonSchema(CustomerHistory, 'output'),
        ReportPage: jsonSchema(ReportPage, 'output'),
        Report: jsonSchema(Report, 'output'),
        // 团订 sales pipeline
        ...salesPipelineSchemas(helpers),
        // printable documents
        ...documentSchemas(),
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
          summary: 'List orders, newest first, from the read model',
          description:
            'Every order, open and closed, with its status, stage, customer, owner, promised date, late and days late (working days of ' +
            'the company calendar) and money. Filters combine (AND). Staff see every order; a customer token sees only its own ' +
            "customer's orders (`customerId` is always theirs: naming another gives an empty page). Reads the read model, which the " +
            'orders keep current within moments of each change; page with `pageSize` and the `nextPageToken` of the previous page.',
          parameters: Object.entries(listQuery.properties).map(([name, schema]) => ({
            name,
            in: 'query',
            required: false,
            description: schema.description,
            schema,
          })),
          responses: { '200': json('OrderPage', 'a page of orders'), ...problems(400, 401) },
        },
      },
      '/orders/{id}': {
        get: {
          summary: 'The order snapshot',
          description:
            "A customer reads their order without the company's inside: no open clocks, needsSupervisor false, qcFailures 0, no emergency release, delays without whether they were verified as force majeure (the same in the answer to a customer's event).",
          parameters: [orderNumber],
          responses: { '200': json('OrderSnapshot', 'the order'), ...problems(401, 404, 429, 503) },
        },
      },
      '/orders/{id}/allowed-events': {
        get: {
          summary: 'The events this person may send now (what the console offers a form for)',
          description:
            "The order's expectedEvents that the caller's role may send by the policy of the order's channel and customer class; the order checks its own matrix when the event comes.",
          parameters: [orderNumber],
          responses: {
            '200': {
              description: 'event types',
              content: {
                'application/json': {
                  schema: { type: 'object', properties: { events: { type: 'array', items: { type: 'string' } } }, required: ['events'] },
                },
              },
            },
            ...problems(401, 404, 429, 503),
          },
        },
      },
      '/orders/{id}/complaints/{number}': {
        get: {
          summary: 'One complaint of the order (投诉), with its own timeline',
          description:
            "Whoever may read the order (a customer: their own orders). The order's snapshot lists every complaint with its stage; " +
            'this is the complaint itself, from its own workflow.',
          parameters: [orderNumber, complaintNumber],
          responses: { '200': json('ComplaintSnapshot', 'the complaint'), ...problems(401, 404, 429, 503) },
        },
      },
      '/orders/{id}/complaints/{number}/events': {
        post: {
          summary: "Send a step of a complaint's process; the answer says whether the complaint accepted it",
          description:
            'A complaint (filed with the order event `complaint-filed`) is handled as 000 §三 says: technical contacts the customer ' +
            '(`customer-contacted`) and finds the cause and the responsible party against the contract and the drawings (`cause-found`); ' +
            'an installation problem goes to the marketing assistant, who sends an installation team, a production or transport problem ' +
            'to QC and the repair department (`fix-scheduled`); the team reports the visit (`visit-made`); the complaint closes only when ' +
            "the customer confirms satisfaction (`customer-satisfied`; staff record it with the `confirmationRef` of the customer's word), " +
            'or a supervisor closes it with a reason (`closed-by-supervisor`); the customer is called back after closing (`callback-made`). ' +
            "Compensation is the order's event `complaint-compensation-agreed` (POST /orders/{id}/events), on the order's ledger. " +
            "The acting person and role come from the token; the complaint checks its step and the policy's `complaints.permissions`. " +
            'A retry with the same Idempotency-Key is answered without applying the event again.',
          parameters: [orderNumber, complaintNumber, idempotencyKey],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref('ComplaintEventRequest'), examples: complaintEventExamples } },
          },
          responses: {
            '200': json('ComplaintEventAccepted', 'accepted, with the complaint after it'),
            ...problems(400, 401, 403, 404, 409, 413, 415, 422, 429, 503),
          },
        },
      },
      '/orders/{id}/timeline': {
        get: {
          summary: 'The business timeline',
          description:
            "A customer's token reads its order's facts only: status and promised-date changes, line versions, money, the customer's " +
            'own events and the notices sent to the customer (no staff events or notes, reminders, escalations or internal notices).',
          parameters: [orderNumber],
          responses: { '200': json('Timeline', 'what happened, in order'), ...problems(401, 404, 429, 503) },
        },
      },
      '/orders/{id}/statement': {
        get: {
          summary: 'The statement of account (对账单): the contract, every movement of money with its running balance, the instalments',
          description:
            'Whoever may read the order (a customer: their own orders). 404 also for an order that started before payment plans.',
          parameters: [orderNumber],
          responses: { '200': json('Statement', 'the statement'), ...problems(401, 404, 429, 503) },
        },
      },
      '/orders/{id}/balance-due-notice': {
        get: {
          summary: 'The balance-due notice (余款催收告知书): what is still owed after compensation, instalment by instalment, and by when',
          description:
            'Whoever may read the order (a customer: their own orders). 404 also for an order that started before payment plans.',
          parameters: [orderNumber],
          responses: { '200': json('BalanceDueNotice', 'the notice'), ...problems(401, 404, 429, 503) },
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
      '/board': {
        get: {
          summary:
            'The status board: every open order, its status, stage, owner, promised date, days late and who owes the next step since when',
          description:
            `${forStaff} Late: the promised date (the date the goods are finished) has passed and they are not finished; days late are ` +
            'working days of the company calendar. Open: neither completed nor cancelled. `total` counts the matching orders; page with `limit` and `offset`.',
          parameters: queryParameters(BoardQuery),
          responses: {
            '200': {
              description: 'the page of open orders (format=xlsx: the same rows as a spreadsheet, for download)',
              content: { 'application/json': { schema: ref('Board') }, [formats.xlsx]: { schema: { type: 'string', format: 'binary' } } },
            },
            ...problems(400, 401, 403),
          },
        },
      },
      '/reminders': {
        get: {
          summary:
            'The reminders and escalations the clocks sent to the caller on open orders, newest first: to their role, and for a sales rep only on their own orders',
          description: forStaff,
          parameters: queryParameters(ReminderQuery),
          responses: { '200': json('Reminders', 'the reminders'), ...problems(400, 401, 403) },
        },
      },
      // inbox
      '/my-work': {
        get: {
          summary:
            "我的待办 My work: the open orders whose next step the caller owes, the longest waiting first with their open clocks, and the reminders and escalations addressed to them (the console's inbox)",
          description:
            `${forStaff} A sales rep owes the steps of sales on the orders they own (the order's salesRep is their id) and hears the notices ` +
            "to sales on those orders; every other role's steps and notices are anyone's in the role.",
          parameters: queryParameters(MyWorkQuery),
          responses: { '200': json('MyWork', "the caller's work"), ...problems(400, 401, 403) },
        },
      },
      '/me': {
        get: {
          summary: 'Who this token is, and the time zone the company shows times in (the console signs in with it)',
          responses: {
            '200': {
              description: 'the person',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      id: { type: 'string' },
                      name: { type: 'string' },
                      role: { type: 'string' },
                      customerId: { type: 'string', description: "a customer token's company" },
                      timeZone: { type: 'string', examples: ['Asia/Shanghai'] },
                    },
                    required: ['id', 'name', 'role', 'timeZone'],
                  },
                },
              },
            },
            ...problems(401),
          },
        },
      },
      '/kpis': {
        get: {
          summary:
            "The sales reps' figures for a period (001 ch.7): first confirmation on time, progress updated, delays told, lateness, " +
            'complaints by responsible party and cause (data-entry errors, wrong shipments), customer satisfaction, large orders to spot-check',
          description:
            `${forStaff} Confirmation, progress and delay figures count the orders received in the period; lateness the orders ` +
            'whose promised date falls in it (not cancelled), leaving out those with a delay a supervisor verified as force majeure ' +
            '(the customer must still be told in time, so such delays stay in the delay-notice figure); complaints those filed in ' +
            'it, by the responsible party and the cause found when resolved; satisfaction the ratings given in it (at sign-off or an ' +
            'after-sales callback); large orders those received in it, for spot checks. Dates are company dates, both included.',
          parameters: queryParameters(KpiQuery),
          responses: { '200': json('Kpis', 'the figures'), ...problems(400, 401, 403) },
        },
      },
      '/kpis/by-rep': {
        get: {
          summary: "Each sales rep's figures side by side: orders delivered on time and first confirmations on time",
          description: `${forStaff} Every rep with an order received or promised in the period, each counted as \`/kpis?rep=\` counts it.`,
          parameters: queryParameters(KpiByRepQuery),
          responses: { '200': json('KpisByRep', "each rep's figures"), ...problems(400, 401, 403) },
        },
      },
      '/customers': {
        post: {
          summary: 'Create a customer file',
          description: `${forStaff} Roles: order desk, sales rep, supervisor, finance. The same creation again is answered as the first; another file under the id is a 409.`,
          parameters: [idempotencyKey],
          requestBody: { required: true, content: { 'application/json': { schema: ref('CreateCustomer') } } },
          responses: { '201': json('Customer', 'the new file; Location names it'), ...problems(400, 401, 403, 409, 413, 415) },
        },
        get: {
          summary: 'List customer files',
          description: forStaff,
          parameters: queryParameters(CustomerListQuery),
          responses: { '200': json('CustomerPage', 'a page of customers, by id'), ...problems(400, 401, 403) },
        },
      },
      '/customers/{id}': {
        get: {
          summary: "A customer's file, with every class it has had",
          description: forStaff,
          parameters: [customerId],
          responses: { '200': json('Customer', 'the file'), ...problems(401, 403, 404) },
        },
        patch: {
          summary: "Change a customer's file",
          description:
            `${forStaff} Roles: order desk, sales rep, supervisor, finance. The fields given replace theirs; a new class becomes a new ` +
            'version (orders keep the class they were taken with).',
          parameters: [customerId],
          requestBody: { required: true, content: { 'application/json': { schema: ref('UpdateCustomer') } } },
          responses: { '200': json('Customer', 'the file as changed'), ...problems(400, 401, 403, 404, 415) },
        },
      },
      '/customers/{id}/history': {
        get: {
          summary: "The customer's open orders, balance owed and complaints",
          description: forStaff,
          parameters: [customerId],
          responses: { '200': json('CustomerHistory', 'from the read model'), ...problems(401, 403, 404) },
        },
      },
      '/reports': {
        get: {
          summary:
            "The company's reports: daily production tracking, the supervisor's daily check, the weekly report, the monthly full check",
          description:
            `${forStaff} Temporal Schedules make them on the company's clock (17:30 tracking on working days, the supervisor's check after it, ` +
            'the weekly report on Monday morning, the monthly check on the 1st); a day off in the company calendar is listed as skipped. Newest first.',
          parameters: queryParameters(ReportListQuery),
          responses: { '200': json('ReportPage', 'a page of reports, without their tables'), ...problems(400, 401, 403) },
        },
      },
      '/reports/{id}': {
        get: {
          summary: 'One report, as JSON, CSV or XLSX',
          description:
            `${forStaff} \`?format=\` or the Accept header chooses the format. CSV (UTF-8 with a byte-order mark) and XLSX carry the ` +
            'Chinese-and-English headers, money as ¥ with 2 decimals (fen in the JSON), and times in the company time zone.',
          parameters: [
            { name: 'id', in: 'path', required: true, description: 'the report id, <kind>-<company date>', schema: { type: 'string' } },
            ...queryParameters(ReportQuery),
          ],
          responses: {
            '200': {
              description: 'the report',
              content: {
                [formats.json]: { schema: ref('Report') },
                [formats.csv]: {
                  schema: { type: 'string' },
                  example:
                    '\uFEFF周报 Weekly report 2027-02-01 – 2027-02-07\r\n…\r\n订单号 Order,件数 Pieces,金额 Amount\r\nSO-2001,40,"¥3,840.00"\r\n',
                },
                [formats.xlsx]: { schema: { type: 'string', contentMediaType: formats.xlsx } },
              },
            },
            ...problems(400, 401, 403, 404),
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
      // 团订 sales pipeline
      ...salesPipelinePaths(helpers),
      // printable documents
      ...documentPaths(helpers),
    },
  };
}
