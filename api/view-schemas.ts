import { z } from 'zod';
import { Channel, CustomerClass, Fen, IsoDate, OrderInput, OrderNumber, PartyId, Role } from '../workflows/domain/order';
import { stages } from '../workflows/domain/state';
import { complaintCauses, eventTypes } from '../workflows/domain/events';
import { ComplaintEventType } from '../workflows/domain/complaint-events';
import { complaintSteps, type ComplaintStage } from '../workflows/domain/complaints';
import { listedOrderExample, listedOrderFields, OrderCustomer, OrderSalesRep } from './schemas';

// What the company's view reads and writes (status board, KPIs, customer file), as zod schemas: the
// routes parse with them and openapi.ts documents them, with an example each.

const page = {
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe('rows per page'),
  offset: z.coerce.number().int().min(0).default(0).describe('rows to skip'),
};
const yesNo = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const BoardQuery = z
  .object({
    salesRep: PartyId.optional().describe("the owning sales rep's id"),
    stage: z.enum(stages).optional(),
    channel: Channel.optional(),
    customerId: PartyId.optional(),
    late: yesNo.describe('true: promised date passed and not finished; false: the others'),
    large: yesNo.describe(
      "true: large orders only (above the policy's largeOrderAmount for their channel and customer class), for the supervisor's spot checks; false: the others",
    ),
    owedBy: Role.exclude(['system'])
      .optional()
      .describe("orders whose next step on the main line this role owes (the person's inbox, with sort=waitingSince&order=asc)"),
    format: z.enum(['json', 'xlsx']).default('json').describe('xlsx: the same rows as a spreadsheet, money in ¥ and dates in company time'),
    sort: z
      .enum(['promisedDate', 'daysLate', 'receivedAt', 'waitingSince', 'orderNumber'])
      .default('daysLate')
      .describe('daysLate descending (the default) puts the longest overdue first'),
    order: z.enum(['asc', 'desc']).default('desc'),
    ...page,
  })
  .strict();

const Clock = z.object({
  name: z.string().describe('the clock, e.g. progress-update or first-confirmation'),
  dueAt: z.iso.datetime().describe('when it runs out'),
  action: z.string().describe('what happens then, e.g. remind sales-rep or escalate to supervisor'),
});

export const BoardRow = z.object({
  ...listedOrderFields,
  promisedDate: IsoDate.nullable().describe(
    'the promised date (交期: the goods are finished) as it stands; null until production promises one',
  ),
  originalPromisedDate: IsoDate.nullable().describe('the first promised date, before any delay moved it (原交期)'),
  nextEvents: z.array(z.enum(eventTypes)).describe('the next step on the main line'),
  owedBy: z.array(Role).describe('the roles that may send it'),
  waitingSince: z.iso.datetime().describe('since when the order waits in this stage'),
  amount: Fen.describe('the order amount (the current lines total), in fen'),
  balanceDue: Fen.describe('what the customer still owes on it, in fen'),
  openClocks: z.array(Clock).describe('the running deadlines (时限) on the order'),
});

const boardExample = {
  ...listedOrderExample,
  promisedDate: '2027-01-15',
  originalPromisedDate: '2027-01-14',
  nextEvents: ['qc-passed', 'qc-failed'],
  owedBy: ['qc'],
  waitingSince: '2027-01-02T02:00:00.000Z',
  amount: 384000,
  balanceDue: 268800,
  openClocks: [{ name: 'progress-update', dueAt: '2027-01-22T02:00:00.000Z', action: 'remind sales-rep' }],
};

export const Board = z
  .object({
    asOf: IsoDate.describe("the company's date the days late are counted to"),
    total: z.int().describe('open orders matching the filters'),
    orders: z.array(BoardRow).describe('one row per open order, in the order asked for'),
  })
  .meta({ examples: [{ asOf: '2027-01-19', total: 1, orders: [boardExample] }] });

export const ReminderQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(500).default(50).describe('the newest this many') })
  .strict();

export const Reminders = z
  .object({
    reminders: z
      .array(
        z.object({
          orderNumber: OrderNumber.describe('the order it is about'),
          at: z.iso.datetime().describe('when it was sent'),
          kind: z
            .enum(['reminder', 'escalation'])
            .describe('reminder (提醒) to the role that owes the step; escalation (升级) to the role the policy escalates to'),
          type: z.string().describe('the clock that sent it, e.g. first-confirmation'),
          detail: z.string().describe('what it said'),
          zh: z.string().nullable().describe('the same in Chinese (中文), where the order wrote one (notices since it did)'),
        }),
      )
      .describe('reminders and escalations on open orders, the newest first'),
  })
  .meta({
    examples: [
      {
        reminders: [
          {
            orderNumber: 'SO-2001',
            at: '2027-01-19T04:00:00.000Z',
            kind: 'escalation',
            type: 'first-confirmation',
            detail: 'order not confirmed within PT2H of receipt',
            zh: '订单收到后 PT2H内未确认',
          },
        ],
      },
    ],
  });

export const KpiQuery = z
  .object({
    from: IsoDate.describe('first company date of the period'),
    to: IsoDate.describe('last company date of the period (included)'),
    rep: PartyId.optional().describe("one sales rep's figures (all reps when left out)"),
  })
  .strict()
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'on or after from' });

const Rate = (counted: string, what: string) =>
  z
    .object({
      [counted]: z.int().describe(`${counted} counted`),
      onTime: z.int().describe('of them: on time'),
      percent: z.number().nullable().describe(`${what}; null when there is nothing to count`),
    })
    .describe(what);

export const Kpis = z
  .object({
    from: IsoDate.describe('first company date of the period'),
    to: IsoDate.describe('last company date of the period (included)'),
    salesRep: PartyId.nullable().describe("the sales rep whose figures these are; null: all reps'"),
    asOf: IsoDate.describe("the company's date the figures are counted to"),
    firstConfirmation: Rate('orders', "orders received in the period first confirmed within the policy's time (2 h), in %"),
    progressUpdates: Rate(
      'orders',
      'orders received in the period that went into production and were never reminded to report progress, in %',
    ),
    delayNotices: z
      .object({
        delays: z.int().describe('delays (延期) on orders received in the period'),
        toldOnTime: z.int().describe('of them: told to the customer in time'),
        percent: z
          .number()
          .nullable()
          .describe("delays on orders received in the period told to the customer within the policy's time (24 h), in %"),
      })
      .describe('delay notices (延期告知) on time'),
    lateness: z
      .object({
        ordersDue: z.int().describe('orders (not cancelled) whose promised date falls in the period'),
        late: z
          .int()
          .describe('of them: finished after the promised date, or not finished and past it; not those excused by force majeure'),
        averageDaysLate: z.number().nullable().describe('working days, over the late ones'),
        excusedForceMajeure: z
          .int()
          .describe('of the orders due: those with a delay a supervisor verified as force majeure, never counted late (001 ch.7)'),
      })
      .describe('orders late against their promised date (交期延误)'),
    complaints: z
      .object({
        total: z.int().describe('complaints filed in the period'),
        byResponsibleParty: z
          .array(
            z.object({
              responsibleParty: z.string().nullable().describe('the party found responsible (责任方); null: not resolved yet'),
              complaints: z.int().describe('complaints filed in the period with it'),
            }),
          )
          .describe('the complaints by responsible party'),
        byCause: z
          .array(
            z.object({
              cause: z
                .enum(complaintCauses)
                .nullable()
                .describe('what caused it, found when resolved; null: not resolved yet, or no cause given'),
              complaints: z.int().describe('complaints filed in the period with it'),
            }),
          )
          .describe('the complaints by cause'),
        dataEntryErrors: z.int().describe('of them: caused by a data-entry error in the order (订单信息录入错误, fined in 001 ch.7)'),
        wrongShipments: z.int().describe('of them: goods shipped wrong (发错货, charged in 001 ch.7)'),
      })
      .describe('customer complaints (客户投诉)'),
    satisfaction: z
      .object({
        ratings: z.int().describe('ratings given in the period, at sign-off or an after-sales callback'),
        average: z.number().nullable().describe('1 (very unhappy) to 5 (very satisfied); null when there is none'),
        dissatisfied: z.int().describe('ratings of 1 or 2'),
      })
      .describe('customer satisfaction (客户满意度)'),
    largeOrders: z
      .object({
        total: z.int().describe("large orders received in the period (above the policy's largeOrderAmount for their channel and class)"),
        orders: z
          .array(
            z.object({
              orderNumber: BoardRow.shape.orderNumber,
              status: BoardRow.shape.status,
              stage: BoardRow.shape.stage,
              customer: OrderCustomer,
              salesRep: OrderSalesRep,
              amount: BoardRow.shape.amount,
              receivedAt: z.iso.datetime().describe('when the order was received (接单)'),
              promisedDate: BoardRow.shape.promisedDate,
            }),
          )
          .describe('the largest first, at most 50'),
      })
      .describe("for the supervisor's spot checks (大额订单随时抽查, 001 ch.6)"),
    // distributor
    outboundNotices: z
      .object({
        issued: z.int().describe("distributors' outbound notices (出库通知单) issued in the period"),
        signed: z.int().describe('of them: signed by the distributor on receipt'),
        unsigned: z.int().describe('of them: not signed yet'),
      })
      .describe('the outbound notices whose signing the marketing assistant tracks and counts (000 §一 10)'),
  })
  .meta({
    examples: [
      {
        from: '2027-01-01',
        to: '2027-01-31',
        salesRep: 'rep-li',
        asOf: '2027-02-01',
        firstConfirmation: { orders: 40, onTime: 38, percent: 95 },
        progressUpdates: { orders: 30, onTime: 27, percent: 90 },
        delayNotices: { delays: 4, toldOnTime: 3, percent: 75 },
        lateness: { ordersDue: 35, late: 5, averageDaysLate: 2.4, excusedForceMajeure: 1 },
        complaints: {
          total: 2,
          byResponsibleParty: [
            { responsibleParty: 'sales', complaints: 1 },
            { responsibleParty: null, complaints: 1 },
          ],
          byCause: [
            { cause: 'data-entry', complaints: 1 },
            { cause: null, complaints: 1 },
          ],
          dataEntryErrors: 1,
          wrongShipments: 0,
        },
        satisfaction: { ratings: 12, average: 4.3, dissatisfied: 1 },
        largeOrders: {
          total: 1,
          orders: [
            {
              orderNumber: 'SO-2040',
              status: 'in-production',
              stage: 'production',
              customer: { id: 'C-7', name: 'Ningbo Lamps', class: 'A' },
              salesRep: { id: 'rep-li', name: 'Li Na' },
              amount: 2_400_000,
              receivedAt: '2027-01-12T02:00:00.000Z',
              promisedDate: '2027-02-20',
            },
          ],
        },
        outboundNotices: { issued: 6, signed: 5, unsigned: 1 },
      },
    ],
  });

const Contact = z
  .object({
    name: z.string().min(1).max(120).describe("the contact's name (联系人)"),
    phone: z.string().min(3).max(40).optional().describe('their phone number'),
    email: z.email().max(200).optional().describe('their email address'),
    role: z.string().max(120).optional().describe('e.g. purchasing, receiving, accounts'),
  })
  .strict();

const customerFields = {
  name: OrderInput.shape.customer.shape.name,
  class: CustomerClass.describe('A, B or C; a change is a new version, and an order keeps the class it was taken with'),
  paymentTerms: z.string().min(1).max(200).nullable().optional().describe('the default payment plan, by its reference'),
  creditLimit: Fen.nullable().optional().describe('in fen'),
  contacts: z.array(Contact).max(50).default([]).describe("the customer's contacts (联系人), at most 50"),
  salesRep: z
    .object({ id: PartyId.describe("the sales rep's id"), name: z.string().min(1).max(120).optional().describe("the sales rep's name") })
    .strict()
    .nullable()
    .optional()
    .describe('the owning sales rep'),
  region: z.string().min(1).max(120).nullable().optional().describe('the sales region (区域), e.g. a province'),
};
const customerId = PartyId.describe("the customer's id: the one orders name the customer by");

const customerExample = {
  id: 'C-7',
  name: 'Ningbo Lamps',
  class: 'A',
  paymentTerms: 'PLAN-30-70',
  creditLimit: 50_000_000,
  contacts: [{ name: 'Mr Zhao', phone: '+86 574 0000 0000', role: 'purchasing' }],
  salesRep: { id: 'rep-li', name: 'Li Na' },
  region: 'Zhejiang',
};

/** A customer file as listed: without its class history. */
const customerListed = {
  ...customerExample,
  classVersion: 1,
  createdAt: '2027-01-02T02:00:00.000Z',
  updatedAt: '2027-01-02T02:00:00.000Z',
};

export const CreateCustomer = z
  .object({ id: customerId, ...customerFields })
  .strict()
  .meta({ examples: [customerExample] });

export const UpdateCustomer = z
  .object(
    Object.fromEntries(Object.entries(customerFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof customerFields]: z.ZodOptional<(typeof customerFields)[K]>;
    },
  )
  .strict()
  .refine((change) => Object.keys(change).length > 0, 'name at least one field to change')
  .meta({ examples: [{ class: 'B', creditLimit: 20_000_000 }] });

export const Customer = z
  .object({
    id: customerId,
    ...customerFields,
    classVersion: z.int().describe('the current class version'),
    classHistory: z
      .array(
        z.object({
          version: z.int().describe('the class version, 1 for the first'),
          class: CustomerClass.describe('the class (客户等级) in this version'),
          validFrom: z.iso.datetime().describe('from when it applies to new orders'),
          changedBy: z.string().describe('who set it'),
        }),
      )
      .describe('every class the customer has had, the first first: an order keeps the one it was taken with'),
    createdAt: z.iso.datetime().describe('when the customer file was created'),
    updatedAt: z.iso.datetime().describe('when it last changed'),
  })
  .meta({
    examples: [{ ...customerListed, classHistory: [{ version: 1, class: 'A', validFrom: '2027-01-02T02:00:00.000Z', changedBy: 'wang' }] }],
  });

export const CustomerListQuery = z
  .object({ salesRep: PartyId.optional(), region: z.string().max(120).optional(), class: CustomerClass.optional(), ...page })
  .strict();

export const CustomerPage = z
  .object({
    total: z.int().describe('customers matching the filters'),
    customers: z
      .array(Customer.omit({ classHistory: true }))
      .describe('this page of them, by id (GET /customers/{id} for the class history)'),
  })
  .meta({ examples: [{ total: 1, customers: [customerListed] }] });

export const CustomerHistory = z
  .object({
    customerId: customerId,
    asOf: Board.shape.asOf,
    orders: z.int().describe("the customer's orders in the read model, but cancelled ones"),
    balanceOwed: Fen.describe('what those orders still owe, in fen'),
    openOrders: z.array(BoardRow).describe('its open orders, as on the status board'),
    complaints: z
      .array(
        z.object({
          orderNumber: OrderNumber.describe('the order complained about'),
          number: z.int().describe("the complaint's number on the order, 1 for the first filed"),
          category: z
            .string()
            .describe(
              'what kind of complaint (投诉类别), quality, technical, processing, wrong-or-missing-goods, installation or transport',
            ),
          description: z.string().describe('what the customer said'),
          filedAt: z.iso.datetime().describe('when it was filed'),
          resolvedAt: z.iso.datetime().nullable().describe('when it was resolved; null while open'),
          responsibleParty: z.string().nullable().describe('the party found responsible (责任方); null until found'),
          resolution: z.string().nullable().describe('how it was resolved; null while open'),
          resolutionZh: z
            .string()
            .nullable()
            .describe('the same in Chinese (中文), where its workflow said it (complaints closed since December 2026); else null'),
        }),
      )
      .describe("the complaints on the customer's orders (客户投诉)"),
  })
  .meta({
    examples: [
      {
        customerId: 'C-7',
        asOf: '2027-01-19',
        orders: 14,
        balanceOwed: 268800,
        openOrders: [boardExample],
        complaints: [
          {
            orderNumber: 'SO-1870',
            number: 1,
            category: 'quality',
            description: 'two lamp shades scratched on arrival',
            filedAt: '2026-11-20T03:00:00.000Z',
            resolvedAt: '2026-11-27T08:00:00.000Z',
            responsibleParty: 'transport',
            resolution: 'the customer confirmed satisfaction (rating 5)',
            resolutionZh: '客户确认满意（评分 5）',
          },
        ],
      },
    ],
  });

// inbox: 我的待办, one person's work (GET /my-work)
export const MyWorkQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(1000).default(200).describe('orders to list, the longest waiting first'),
    complaints: z.coerce.number().int().min(1).max(1000).default(200).describe('complaints to list, the longest open first'),
    reminders: z.coerce.number().int().min(1).max(500).default(50).describe('reminders and escalations to list, the newest first'),
  })
  .strict();

export const MyWork = z
  .object({
    asOf: Board.shape.asOf,
    total: z.int().describe('open orders whose next step the caller owes'),
    orders: z
      .array(BoardRow)
      .describe(
        "those orders, the longest waiting first: a sales rep's own orders (salesRep = the caller) where sales owes the step, any order where another role owes it",
      ),
    complaints: z
      .array(
        z.object({
          orderNumber: OrderNumber.describe('the order the complaint was filed on'),
          number: z.int().describe("the complaint's number on its order"),
          customer: z.string().describe("the customer's name"),
          category: z.string().describe('what the complaint is about, as filed (quality, installation …)'),
          description: z.string().describe('what is wrong, in the words it was filed with'),
          stage: z
            .enum(Object.keys(complaintSteps) as [ComplaintStage, ...ComplaintStage[]])
            .describe('where it stands, as its workflow last reported'),
          nextEvents: z.array(ComplaintEventType).describe('the steps it waits for that the caller may take, the main one first'),
          filedAt: z.iso.datetime().describe('when it was filed'),
        }),
      )
      .describe(
        "the complaints (投诉) whose next step the caller's role may take, the longest open first (a sales rep: on their own orders); " +
          "a supervisor's closing is no one's work until they decide it is; a closed complaint is listed for its callbacks (回访) once the first falls due",
      ),
    reminders: Reminders.shape.reminders.describe(
      "the reminders and escalations on open orders addressed to the caller's role; for a sales rep, only those on their own orders",
    ),
  })
  .meta({
    examples: [
      {
        asOf: '2027-01-19',
        total: 1,
        orders: [boardExample],
        complaints: [
          {
            orderNumber: 'SO-1990',
            number: 1,
            customer: 'Ningbo Lamps',
            category: 'quality',
            description: 'two lamp shades scratched on arrival',
            stage: 'reported',
            nextEvents: ['customer-contacted'],
            filedAt: '2027-01-18T06:30:00.000Z',
          },
        ],
        reminders: [
          {
            orderNumber: 'SO-2001',
            at: '2027-01-19T02:00:00.000Z',
            kind: 'reminder',
            type: 'progress-update',
            detail: 'no progress reported for 1 × P7D',
            zh: '已 1 × P7D未报告生产进度',
          },
        ],
      },
    ],
  });
