import { z } from 'zod';
import { channelForms } from '../client/channels';
import { eventData, eventTypes, type EventType } from '../workflows/domain/events';
import {
  Actor,
  Channel,
  Fen,
  Instalment,
  InstalmentName,
  IsoDate,
  moneyCeilingIssues,
  OrderInput,
  OrderNumber,
  paymentPlanIssues,
} from '../workflows/domain/order';
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
        const issues = moneyCeilingIssues(order.lines as OrderInput['lines']);
        // The plan is checked against the order amount once that is within the ceiling.
        if (issues.length === 0) issues.push(...paymentPlanIssues(order as OrderInput));
        for (const { path, message } of issues) ctx.addIssue({ code: 'custom', path, message });
      }),
  ]),
) as unknown as Record<Channel, z.ZodObject>;
/** The order form of every channel, for the OpenAPI document (the route parses with the channel's own, for field-by-field errors). */
export const CreateOrder = z.union(Object.values(createOrderForms) as [z.ZodObject, ...z.ZodObject[]]);
export type CreateOrder = Omit<OrderInput, 'orderNumber'> & { orderNumber?: string };

const Note = z.string().max(2000).describe("a note for the order's timeline (why, in the sender's words)");

/** An event's data; one that carries order lines (an assessed change) keeps to the money ceiling, as the order form does. */
function requestData(type: EventType): z.ZodType {
  const data = eventData[type] as z.ZodObject;
  if (!('lines' in data.shape) || type === 'change-requested') return data;
  return data.superRefine((value, ctx) => {
    for (const { path, message } of moneyCeilingIssues((value.lines ?? []) as OrderInput['lines']))
      ctx.addIssue({ code: 'custom', path, message });
  });
}

/** POST /orders/{id}/events: one alternative per event type. The acting person comes from the token, never the body. */
export const EventRequest = z.discriminatedUnion(
  'type',
  eventTypes.map((type) =>
    // An event without fields may leave `data` out.
    z
      .object({
        type: z.literal(type).describe('the event'),
        data: (requestData(type) as z.ZodObject).prefault({}).describe("the event's fields"),
        note: Note.optional(),
      })
      .strict(),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
);
export type EventRequest = { [T in EventType]: { type: T; data: z.infer<(typeof eventData)[T]>; note?: string } }[EventType];

// Filter ids are the domain's PartyId, as on create: whatever an order may be created with, it may
// be found by (PartyId admits no quote, backslash or control character).
const customerId = OrderInput.shape.customer.shape.id;
const salesRepId = OrderInput.shape.salesRep.shape.id;

/** GET /orders: filters on the order's row in the read model, and the page. */
export const OrderListQuery = z
  .object({
    status: z.enum(statuses).optional(),
    stage: z.enum(stages).optional(),
    channel: Channel.optional(),
    customerId: customerId.optional().describe("the customer's id (a customer's token: always their own)"),
    salesRep: salesRepId.optional().describe("the owning sales rep's id"),
    late: z.enum(['true', 'false']).optional().describe('true: promised date passed and not finished; false: the others'),
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

// One shape per concept: wherever an order names its customer or its sales rep (snapshot, list, board,
// KPIs), it is the object the order form took.
/** The order's customer, as the order was taken (a later change to the customer file does not change it). */
export const OrderCustomer = OrderInput.shape.customer
  .extend({ class: OrderInput.shape.customer.shape.class.describe('the class the order was taken with') })
  .describe("the order's customer: id, name and class as the order was taken");
/** The order's owning sales rep. */
export const OrderSalesRep = OrderInput.shape.salesRep.describe(
  "the order's owning sales rep (name left out when the order form gave none)",
);

/** What every listing of orders (the order list, the status board) says of each: which order, where it is, whose, how late. */
export const listedOrderFields = {
  orderNumber: OrderNumber.describe('the order number: GET /orders/{id} for the whole order'),
  status: z.enum(statuses).describe('the public status'),
  stage: z.enum(stages).describe("the stage of the channel's route the order is in"),
  channel: Channel.describe('the sales channel'),
  customer: OrderCustomer,
  salesRep: OrderSalesRep,
  late: z.boolean().describe('the promised date has passed and the goods are not finished'),
  daysLate: z
    .int()
    .nullable()
    .describe('working days (company calendar) past the promised date: until today while not finished, until finishing once finished'),
};

/** The example order every example shows: its number, where it stands and its parties. */
export const exampleOrder = {
  orderNumber: 'SO-2001',
  channel: 'standard',
  status: 'in-production',
  stage: 'production',
  customer: { id: 'C-7', name: 'Ningbo Lamps', class: 'A' },
  salesRep: { id: 'rep-li', name: 'Li Na' },
};

/** The example order as every listing of orders shows it (`listedOrderFields`), on a day it is late. */
export const listedOrderExample = { ...exampleOrder, late: true, daysLate: 3 };

/** One order in a listing: its row in the read model, without asking the order. */
export const OrderSummary = z.object({
  ...listedOrderFields,
  promisedDate: IsoDate.nullable().describe('the promised date (交期); null until production estimates it'),
  receivedAt: z.iso.datetime().describe('when the order was taken'),
  amount: Fen.describe('the current lines total, in fen'),
  balanceDue: Fen.describe('still to be paid, in fen'),
});

export const OrderPage = z
  .object({
    orders: z.array(OrderSummary).describe('newest first'),
    nextPageToken: z.string().nullable().describe('pass as `pageToken` (with the same filters) for the next page; null on the last'),
  })
  .meta({
    examples: [
      {
        orders: [
          {
            ...listedOrderExample,
            promisedDate: '2027-01-15',
            receivedAt: '2027-01-02T02:00:00.000Z',
            amount: 384000,
            balanceDue: 268800,
          },
        ],
        nextPageToken: 'q1Vb7u3xWJxbIjIwMjctMDEtMDJUMDI6MDA6MDAuMDAwWiIsIlNPLTIwMDEiXQ',
      },
    ],
  });

/** The answer to an accepted event (a refused one is a problem). */
export const EventAccepted = z.object({
  accepted: z.literal(true).describe('the order took the event'),
  event: z
    .object({
      id: z.string().describe('the Idempotency-Key it was sent with: its id on the order'),
      type: z.enum(eventTypes).describe('the event type'),
      actor: Actor.describe('who sent it, from the token'),
    })
    .describe('the event as the order recorded it'),
  /** The order after the event: see GET /orders/{id} (api/snapshot-schema.ts; the OpenAPI document refers to it). */
  snapshot: z.record(z.string(), z.unknown()).describe('the order after the event'),
});

/** RFC 9457 problem details, with the fields that let a caller fix the request. */
export const ProblemDetails = z
  .object({
    type: z.string().describe('urn:orderflow:problem:<kind>, stable for clients to switch on'),
    title: z.string().describe('what went wrong, the same for every problem of the type'),
    status: z.int().describe('the HTTP status'),
    detail: z.string().optional().describe('this case: what to fix or wait for'),
    instance: z.string().describe('the request path'),
    requestId: z.string().describe('quote it when asking the operators: the logs carry it'),
    errors: z
      .array(
        z.object({
          field: z.string().describe('the field, as a dotted path (lines.0.quantity)'),
          message: z.string().describe('what is wrong with it'),
        }),
      )
      .optional()
      .describe('400: every invalid field'),
    accepted: z.literal(false).optional().describe('on a refused event'),
    stage: z.enum(stages).optional().describe('409/403 on an event: the stage the order is in'),
    expectedEvents: z.array(z.enum(eventTypes)).optional().describe('409/403 on an event: what the order accepts now'),
    amountDue: z.int().optional().describe('422 amount-above-due: what the order still owes, in fen'),
  })
  .meta({
    examples: [
      {
        type: 'urn:orderflow:problem:event-not-expected',
        title: 'The order does not expect this event now',
        status: 409,
        detail:
          'the order is at stage production and expects progress-reported, technical-order-issued, delay-reported, qc-passed, qc-failed',
        instance: '/api/v1/orders/SO-2001/events',
        requestId: 'req-5b1f2c',
        accepted: false,
        stage: 'production',
        expectedEvents: ['progress-reported', 'technical-order-issued', 'delay-reported', 'qc-passed', 'qc-failed'],
      },
    ],
  });

/** A notice the outbox gave up on (workflows/domain/state.ts DeadLetter). */
export const DeadLetter = z.object({
  notice: z
    .object({
      seq: z.int().describe('the notice number within the order: what a resend names'),
      kind: z
        .enum(['notification', 'reminder', 'escalation'])
        .describe('a notification of a step, a reminder of a clock, or an escalation'),
      type: z.string().describe('what it is about: the event or clock'),
      to: z.string().describe('the role it was for'),
      person: z.string().optional().describe("the person it was for, when the order knows them (its own sales rep's id)"),
      detail: z.string().describe('its text'),
      zh: z.string().optional().describe('its text in Chinese (中文), where the order wrote one'),
    })
    .describe('the notice'),
  reason: z.string().describe('why it was not delivered'),
  at: z.iso.datetime().describe('when the outbox gave up'),
  resentAt: z.iso.datetime().optional().describe('set while a resend is queued'),
});

/** GET /orders/{id}/dead-letters, and the answer to a resend. */
export const OrderDeadLetters = z
  .object({
    orderNumber: OrderNumber.describe('the order number'),
    deadLetters: z.array(DeadLetter).describe('the notices the outbox gave up on (死信), oldest first'),
  })
  .meta({
    examples: [
      {
        orderNumber: 'SO-2001',
        deadLetters: [
          {
            notice: {
              seq: 7,
              kind: 'reminder',
              type: 'first-confirmation',
              to: 'sales-rep',
              person: 'rep-li',
              detail: 'order SO-2001: confirm the delivery date with the customer',
            },
            reason: 'still failing after 10 attempts (last: the notification service answered 503)',
            at: '2027-03-02T08:15:00.000Z',
          },
        ],
      },
    ],
  });

/** GET /dead-letters: the orders with undelivered notices (through visibility, eventually consistent). */
export const DeadLetterOrders = z
  .object({
    orders: z
      .array(
        z.object({
          orderNumber: OrderNumber.describe('the order number'),
          undeliveredNotices: z.int().describe('how many notices it could not deliver'),
          status: z.enum(statuses).describe("the order's status"),
          stage: z.enum(stages).describe("the order's stage"),
        }),
      )
      .describe('each order with undelivered notices'),
    /** True when there were more than one answer holds. */
    truncated: z.boolean().describe('true: there are more than one answer holds'),
  })
  .meta({
    examples: [
      { orders: [{ orderNumber: 'SO-2001', undeliveredNotices: 1, status: 'in-production', stage: 'production' }], truncated: false },
    ],
  });
export type DeadLetterOrders = z.infer<typeof DeadLetterOrders>;

// ---- the order's money (workflows/domain/ledger.ts, documents.ts), for the OpenAPI document ----

const fen = (description: string) => z.int().describe(`${description}, in fen`);
const Instalments = z
  .array(
    z.object({
      name: InstalmentName.describe('the instalment (定金 deposit, 余款 balance …)'),
      amount: fen('its share of the contract amount'),
      due: Instalment.shape.due.describe('when it falls due: before a stage it gates, or days after a business event'),
      dueDate: IsoDate.nullable().describe('the company date it falls due, once the stage or event it waits for has come'),
      paid: fen('paid towards it (payments go to the oldest due first)'),
      writtenOff: fen('written off of it'),
      status: z.enum(['not-due', 'due', 'overdue', 'paid', 'written-off', 'cancelled']).describe('where it stands today'),
      daysOverdue: z.int().describe('company days past the due date, when overdue'),
    }),
  )
  .describe('the payment plan, each instalment with what paid it');
const LedgerTotals = z
  .object({
    amount: fen('the current lines total, after confirmed amendments'),
    compensation: fen('compensation and discounts agreed with the customer'),
    contract: fen('what the customer owes under the contract: amount − compensation; after a cancellation, what finance keeps'),
    invoiced: fen('invoices issued and not voided'),
    received: fen('money received'),
    refunded: fen('money paid back'),
    writtenOff: fen('receivables written off'),
    balance: fen('still to be paid by the customer'),
    refundDue: fen('to be paid back to the customer'),
  })
  .describe('always: contract − writtenOff = received − refunded + balance − refundDue');
const Movement = z.object({
  at: z.iso.datetime().describe('when it was recorded'),
  kind: z.enum(['payment', 'compensation', 'refund', 'write-off', 'costs-kept']).describe('what moved'),
  amount: fen('the amount moved'),
  actor: Actor.describe('who recorded it'),
  ref: z.string().describe('the payment, approval or other reference'),
  detail: z.string().describe('in words'),
});
const example = {
  today: '2027-03-01',
  instalments: [
    {
      name: 'deposit',
      amount: 150000,
      due: { before: 'production' },
      dueDate: '2026-12-02',
      paid: 150000,
      writtenOff: 0,
      status: 'paid',
      daysOverdue: 0,
    },
    {
      name: 'balance',
      amount: 340000,
      due: { after: 'sign-off', days: 30, workingDays: false },
      dueDate: '2027-02-20',
      paid: 0,
      writtenOff: 0,
      status: 'overdue',
      daysOverdue: 9,
    },
  ],
  totals: {
    amount: 500000,
    compensation: 10000,
    contract: 490000,
    invoiced: 490000,
    received: 150000,
    refunded: 0,
    writtenOff: 0,
    balance: 340000,
    refundDue: 0,
  },
  movements: [
    {
      at: '2026-12-02T03:00:00.000Z',
      kind: 'payment',
      amount: 150000,
      actor: { id: 'fin-chen', role: 'finance' },
      ref: 'BANK-21',
      detail: 'deposit received',
    },
    {
      at: '2026-12-20T06:00:00.000Z',
      kind: 'compensation',
      amount: 10000,
      actor: { id: 'rep-li', role: 'sales-rep' },
      ref: 'delay',
      detail: 'compensation for the delay',
    },
  ],
  invoices: [
    {
      number: 'INV-0091',
      amount: 490000,
      date: '2027-01-21',
      issuedAt: '2027-01-21T02:00:00.000Z',
      by: { id: 'fin-chen', role: 'finance' },
    },
  ],
  kept: null,
};
export const Ledger = z
  .object({
    today: IsoDate.describe("the company day the instalments' status is reckoned on"),
    instalments: Instalments,
    totals: LedgerTotals,
    movements: z.array(Movement).describe('every movement of money, with who recorded it and its reference'),
    invoices: z
      .array(
        z.object({
          number: z.string().describe('the invoice number'),
          amount: fen('invoiced'),
          date: IsoDate.describe('the date on the invoice'),
          issuedAt: z.iso.datetime().describe('when finance recorded it'),
          by: Actor.describe('who recorded it'),
          voided: z
            .object({
              at: z.iso.datetime().describe('when'),
              reason: z.string().describe('why'),
              by: Actor.describe('who voided it'),
            })
            .optional()
            .describe('set when the invoice was voided'),
        }),
      )
      .describe('the invoices issued (开票)'),
    kept: z
      .object({ amount: fen('kept for work done'), reason: z.string().describe('for what work') })
      .nullable()
      .describe('after a cancellation'),
  })
  .nullable()
  .meta({
    description: "The order's payment plan and money; null on orders that started before payment plans",
    examples: [example],
  });

/** GET /orders/{id}/statement: the statement of account (对账单). */
export const Statement = z
  .object({
    orderNumber: OrderNumber.describe('the order it is for'),
    customer: OrderCustomer,
    date: IsoDate.describe('the company day of the statement'),
    lines: z
      .array(
        z.object({
          at: z.iso.datetime().describe('when it was recorded'),
          description: z.string().describe('in words: the contract amount, a payment, compensation, a refund …'),
          charge: fen('added to what the customer owes'),
          credit: fen('taken off it'),
          balance: z.int().describe('what the customer owes after the line, in fen; negative when the company owes the customer'),
          ref: z.string().nullable().describe('the order number, or the payment, approval or other reference; null when there is none'),
          by: z.string().nullable().describe('who recorded it'),
        }),
      )
      .describe('the contract amount, then every movement of money in order'),
    totals: LedgerTotals,
    instalments: Instalments,
    closingBalance: z.int().describe('the last line’s balance: balance − refundDue'),
  })
  .meta({
    examples: [
      {
        orderNumber: 'SO-2001',
        customer: { id: 'C-7', name: 'Ningbo Lamps', class: 'A' },
        date: example.today,
        lines: [
          {
            at: '2026-12-01T02:00:00.000Z',
            description: 'contract amount (order lines)',
            charge: 500000,
            credit: 0,
            balance: 500000,
            ref: 'SO-2001',
            by: null,
          },
          {
            at: '2026-12-02T03:00:00.000Z',
            description: 'deposit received',
            charge: 0,
            credit: 150000,
            balance: 350000,
            ref: 'BANK-21',
            by: 'fin-chen',
          },
          {
            at: '2026-12-20T06:00:00.000Z',
            description: 'compensation for the delay',
            charge: 0,
            credit: 10000,
            balance: 340000,
            ref: 'delay',
            by: 'rep-li',
          },
        ],
        totals: example.totals,
        instalments: example.instalments,
        closingBalance: 340000,
      },
    ],
  });

/** GET /orders/{id}/balance-due-notice: the balance-due notice (余款催收告知书). */
export const BalanceDueNotice = z
  .object({
    orderNumber: OrderNumber.describe('the order it is for'),
    customer: OrderCustomer,
    salesRep: OrderSalesRep,
    date: IsoDate.describe('the company day of the notice'),
    contractAmount: fen('the current lines total'),
    compensation: z
      .array(
        z.object({
          at: z.iso.datetime().describe('when it was agreed'),
          amount: fen('deducted'),
          for: z.string().describe('what it was for (its reference, e.g. delay)'),
        }),
      )
      .describe('each compensation agreed, deducted from what is owed'),
    received: fen('received'),
    refunded: fen('paid back'),
    writtenOff: fen('written off'),
    balanceDue: fen('still owed'),
    outstanding: z
      .array(Instalments.element.extend({ unpaid: fen('unpaid of it') }))
      .describe('the instalments not yet paid, oldest due first'),
    payBy: IsoDate.nullable().describe('the earliest due date among them'),
  })
  .meta({
    examples: [
      {
        orderNumber: 'SO-2001',
        customer: { id: 'C-7', name: 'Ningbo Lamps', class: 'A' },
        salesRep: { id: 'rep-li', name: 'Li Na' },
        date: example.today,
        contractAmount: 500000,
        compensation: [{ at: '2026-12-20T06:00:00.000Z', amount: 10000, for: 'delay' }],
        received: 150000,
        refunded: 0,
        writtenOff: 0,
        balanceDue: 340000,
        outstanding: [{ ...example.instalments[1], unpaid: 340000 }],
        payBy: '2027-02-20',
      },
    ],
  });
