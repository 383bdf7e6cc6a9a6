import { z } from 'zod';
import { eventTypes } from '../workflows/domain/events';
import { Actor, Fen, IsoDate, OrderInput, OrderLine, OrderNumber } from '../workflows/domain/order';
import { stages, statuses } from '../workflows/domain/state';
import { exampleOrder, Ledger, OrderCustomer, OrderSalesRep } from './schemas';

// The order snapshot (GET /orders/{id}, and the answer to every event), as a zod schema for the OpenAPI
// document: the domain declares it as a TypeScript type (workflows/domain/snapshot.ts), which the
// workflow builds without zod. A test checks a real snapshot against it, so the two cannot drift apart.

const at = (what: string) => z.iso.datetime().describe(what);
const step = { at: at('when'), by: Actor.describe('who') };

const OpenClock = z
  .object({
    name: z.string().describe('the clock, e.g. first-confirmation (首次确认), progress-update, delay-notice, dunning'),
    dueAt: at('when it next fires'),
    action: z.string().describe('what happens then, e.g. "escalate to supervisor"'),
  })
  .describe('a clock running against the order');

const Amendment = z
  .object({
    version: z.int().describe('its number on the order: the events name it so'),
    description: z.string().describe('what should change, in the words of whoever asked'),
    state: z
      .enum(['requested', 'awaiting-price-approval', 'awaiting-customer', 'confirmed', 'rejected', 'infeasible'])
      .describe('where it stands: production assesses it, finance approves its price when the policy asks, the customer confirms it'),
    requestedAt: at('when it was asked for'),
    newAmount: Fen.optional().describe('the amount with the new lines, once assessed'),
    newPromisedDate: IsoDate.optional().describe('the promised date with the change, once assessed'),
    linesVersion: z.int().optional().describe('the version of the lines it became, once confirmed'),
  })
  .loose()
  .describe('a change request (需求变更), with its assessment, price approval and the customer’s confirmation as they happen');

const LinesVersion = z
  .object({
    version: z.int().describe('1 as ordered, then one per confirmed change to the lines'),
    lines: z.array(OrderLine).describe('the lines of this version'),
    amount: Fen.describe('their total, in fen'),
    since: at('when it took effect'),
    promisedDate: IsoDate.nullable().describe('the promised date then'),
    amendment: z.int().optional().describe('the amendment that made it'),
  })
  .describe('one version of the lines');

const Delay = z
  .object({
    reportedAt: at('when production reported it'),
    reason: z.string().describe('why, in the words of whoever reported it'),
    newPromisedDate: IsoDate.describe('the promised date it moved to'),
    toldAt: at('when the customer was told (within 24 h, or the supervisor hears of it)').optional(),
    forceMajeureClaimed: z.boolean().optional().describe('claimed as force majeure when reported'),
    forceMajeure: z
      .object({ ...step, evidence: z.string().describe('what the supervisor verified it by') })
      .optional()
      .describe('a supervisor verified it as force majeure: the sales rep is not charged with it'),
  })
  .describe('a delay (延期) of the promised date');

const Complaint = z
  .object({
    number: z.int().describe('its number on the order, 1 for the first filed: GET /orders/{id}/complaints/{number}'),
    category: z.string().describe('what kind of complaint'),
    description: z.string().describe("the customer's complaint, in their words"),
    filedAt: at('when it was filed'),
    stage: z.string().optional().describe('where it stands (reported, investigating, fix-pending … closed, finished)'),
    resolvedAt: at('when it was closed').optional(),
    responsibleParty: z.string().optional().describe('who was found responsible'),
    cause: z.string().optional().describe('what caused it, found when resolved'),
    resolution: z.string().optional().describe("how it was closed: the customer's confirmation or the supervisor's reason"),
    resolutionZh: z.string().optional().describe('the same in Chinese, where its workflow said it (complaints closed since December 2026)'),
    compensation: Fen.optional().describe('compensation agreed for it, in fen (on the ledger)'),
    callbacks: z.int().optional().describe('the callbacks (回访) made since it closed, once the first is'),
  })
  .loose()
  .describe('a complaint (投诉) on the order; its own steps are on the complaint');

export const snapshotExample = {
  ...exampleOrder,
  delivery: { address: '88 Zhongshan Rd, Ningbo', contact: 'Mr Zhao', phone: '+86 574 0000 0000' },
  receivedAt: '2026-12-01T02:00:00.000Z',
  amount: 500000,
  depositDue: 150000,
  received: 150000,
  balanceDue: 350000,
  refundDue: 0,
  promisedDate: '2027-01-15',
  originalPromisedDate: '2027-01-12',
  lateReturnDays: 0,
  late: false,
  daysLate: 0,
  needsSupervisor: false,
  shippingMode: 'express',
  expectedEvents: ['progress-reported', 'technical-order-issued', 'delay-reported', 'qc-passed', 'qc-failed'],
  openClocks: [{ name: 'progress-update', dueAt: '2026-12-16T02:00:00.000Z', action: 'remind sales-rep' }],
  amendments: [],
  lineVersions: [
    {
      version: 1,
      lines: [{ productCode: 'LAMP-9', quantity: 10, unitPrice: 50000 }],
      amount: 500000,
      since: '2026-12-01T02:00:00.000Z',
      promisedDate: '2027-01-15',
    },
  ],
  delays: [
    {
      reportedAt: '2026-12-10T02:00:00.000Z',
      reason: 'glass supplier late',
      newPromisedDate: '2027-01-15',
      toldAt: '2026-12-10T05:00:00.000Z',
    },
  ],
  complaints: [],
  satisfaction: [],
  emergencyRelease: null,
  qcFailures: 0,
  ledger: null,
  appointments: [],
  distributor: null,
  group: null,
  contract: null,
};

const channelRecord = (what: string) => z.looseObject({}).nullable().describe(what);

export const OrderSnapshot = z
  .object({
    orderNumber: OrderNumber.describe('the order number'),
    channel: z.string().describe('the sales channel: standard, sample, store, distributor, group, contract'),
    status: z.enum(statuses).describe('the public status (待确认 pending-confirmation, 生产中 in-production …)'),
    stage: z.enum(stages).describe("the stage of the channel's route the order is in"),
    customer: OrderCustomer,
    salesRep: OrderSalesRep,
    delivery: OrderInput.shape.delivery.describe('where the goods go, and who takes them there (收货地址, 联系人, 电话)'),
    receivedAt: at('when the order was taken'),
    amount: Fen.describe('the current lines total, in fen'),
    depositDue: Fen.describe('the deposit the terms ask for, in fen'),
    received: Fen.describe('money received, in fen'),
    balanceDue: Fen.describe('still to be paid, in fen'),
    refundDue: Fen.describe('received beyond the amount (a change lowered it): to be paid back, in fen'),
    promisedDate: IsoDate.nullable().describe('the promised date (交期: the goods are finished); null until production estimates it'),
    originalPromisedDate: IsoDate.nullable().describe('the first promised date, before any delay or change'),
    lateReturnDays: z.int().describe('days the signed confirmation came back late (the first confirmation deferred)'),
    late: z.boolean().describe('the promised date has passed and the goods are not finished'),
    daysLate: z.int().describe('company days past the promised date until the goods were finished, or until now (0 when not late)'),
    needsSupervisor: z.boolean().describe("large or custom: the supervisor's approval is needed"),
    shippingMode: z.enum(['express', 'special-vehicle']).describe('how the goods ship: a large or custom order by special vehicle'),
    expectedEvents: z.array(z.enum(eventTypes)).describe('the events the order accepts now (POST /orders/{id}/events)'),
    openClocks: z.array(OpenClock).describe('the clocks running against the order now'),
    amendments: z.array(Amendment).describe('change requests (需求变更)'),
    lineVersions: z.array(LinesVersion).describe('every version of the lines, v1 as ordered; the last is current'),
    delays: z.array(Delay).describe('the delays reported'),
    complaints: z.array(Complaint).describe('the complaints filed'),
    satisfaction: z
      .array(
        z.object({
          rating: z.int().min(1).max(5).describe('1 (very unhappy) to 5 (very satisfied)'),
          at: at('when it was given'),
          source: z.enum(['sign-off', 'callback']).describe('given at sign-off or at an after-sales callback (回访)'),
          by: Actor.describe('who recorded it'),
        }),
      )
      .describe("the customer's ratings"),
    emergencyRelease: z
      .object({ by: z.string().describe('who released'), reason: z.string().describe('why'), at: at('when') })
      .nullable()
      .describe('goods released before payment by a supervisor, or null'),
    qcFailures: z.int().describe('times QC failed the goods'),
    ledger: Ledger,
    appointments: z
      .array(z.looseObject({ date: IsoDate.describe('the visit date'), team: z.string().describe('who visits') }))
      .describe('store orders: the site visits booked; empty on other channels'),
    distributor: channelRecord(
      "a distributor order's enquiries, drawings and quotes, review, materials and outbound notice; null on other channels",
    ),
    group: channelRecord("a group order's production tracking table; null on other channels"),
    contract: channelRecord("a contract order's technical agreement, pricing, review and contract file; null on other channels"),
  })
  .meta({
    description: 'The order: who, what stage, which dates, how much, what it waits for and the clocks running',
    examples: [snapshotExample],
  });
