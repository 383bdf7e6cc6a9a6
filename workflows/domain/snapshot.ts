import type { EventType } from './events';
import type { Fen, IsoDate, OrderInput } from './order';
import { dateAt } from './calendar';
import { instalmentsOf, totalsOf, type InstalmentView, type Invoice, type LedgerTotals, type Movement } from './ledger';
import {
  balanceDue,
  depositRequired,
  isLate,
  lineVersionsOf,
  needsSupervisor,
  received,
  refundDue,
  shippingMode,
  type Amendment,
  type Appointment,
  type Complaint,
  type Delay,
  type LinesVersion,
  type OpenClock,
  type OrderState,
  type SatisfactionRating,
  type Stage,
  type Status,
} from './state';
import { expectedEvents } from './route';
import type { ContractFile } from './contract';
import { daysLate } from './watch';
import { distributorView, type DistributorView } from './distributor';
import { trackingTableOf, type GroupTrackingTable } from './group';

/** What the API, the simulator and the Temporal UI's query show of an order: its state, projected. */
export interface OrderSnapshot {
  orderNumber: string;
  channel: string;
  status: Status;
  stage: Stage;
  customer: { id: string; name: string; class: string };
  salesRep: { id: string; name?: string };
  /** Where the goods go, and who takes them there (收货地址, 联系人, 电话). */
  delivery: OrderInput['delivery'];
  receivedAt: string;
  amount: Fen;
  depositDue: Fen;
  received: Fen;
  balanceDue: Fen;
  /** Received beyond the amount (an amendment lowered it below what was paid): to be refunded. */
  refundDue: Fen;
  /** Every key is present on every order: `null` where the order has no such thing (yet). */
  promisedDate: IsoDate | null;
  originalPromisedDate: IsoDate | null;
  lateReturnDays: number;
  late: boolean;
  /** Company days past the promised date until the goods were finished, or until now (0 when not late). */
  daysLate: number;
  needsSupervisor: boolean;
  shippingMode: 'express' | 'special-vehicle';
  expectedEvents: EventType[];
  openClocks: OpenClock[];
  /** Change requests (需求变更), each with its assessment, price approval and the customer's confirmation. */
  amendments: Amendment[];
  /** Every version of the lines, v1 as ordered; the last is current (its promised date is the current one). */
  lineVersions: LinesVersion[];
  delays: Delay[];
  complaints: Complaint[];
  /** The customer's ratings (1–5), at sign-off or an after-sales callback. */
  satisfaction: SatisfactionRating[];
  emergencyRelease: { by: string; reason: string; at: string } | null;
  qcFailures: number;
  /** The payment plan, totals, movements and invoices; null on orders that started before payment plans. */
  ledger: LedgerSnapshot | null;
  // store channel
  /** The site visits booked (store orders; empty for the others), a reschedule after the appointment it replaces. */
  appointments: Appointment[];
  // distributor
  /** A distributor order's enquiries, drawings and quotes, review, questions, materials, chases and outbound notice; null on other channels. */
  distributor: DistributorView | null;
  /** group order channel (团订, 003): the order's production tracking table; null on other channels' orders. */
  group: GroupTrackingTable | null;
  // industrial contract channel (004)
  /** A contract's technical agreement, pricing by product class, review, customer delays and contract file; null on other channels. */
  contract: ContractFile | null;
}

export interface LedgerSnapshot {
  /** The company day the instalments' status is reckoned on (the order's clock). */
  today: IsoDate;
  instalments: InstalmentView[];
  totals: LedgerTotals;
  movements: Movement[];
  invoices: Invoice[];
  /** After a cancellation: what finance keeps for work done, and why. */
  kept: { amount: Fen; reason: string } | null;
}

/** Who, what stage, which dates and how much: the part of an order every view of it shows (snapshot, read model). */
export function headlineOf(s: OrderState) {
  return {
    orderNumber: s.order.orderNumber,
    channel: s.order.channel,
    status: s.status,
    stage: s.stage,
    customer: s.order.customer,
    salesRep: s.order.salesRep,
    receivedAt: s.receivedAt,
    amount: s.amount,
    depositDue: depositRequired(s),
    received: received(s),
    balanceDue: balanceDue(s),
    refundDue: refundDue(s),
    promisedDate: s.promisedDate ?? null,
    originalPromisedDate: s.originalPromisedDate ?? null,
  } satisfies Partial<OrderSnapshot>;
}

/** The order as of `asOf` (epoch ms; in the workflow, its deterministic clock). */
export function snapshotOf(s: OrderState, asOf: number = Date.now()): OrderSnapshot {
  return {
    ...headlineOf(s),
    delivery: s.order.delivery,
    lateReturnDays: s.lateReturnDays,
    late: isLate(s),
    daysLate: s.overdue ? daysLate(s, asOf) : 0,
    needsSupervisor: needsSupervisor(s),
    shippingMode: shippingMode(s),
    expectedEvents: expectedEvents(s),
    openClocks: s.openClocks,
    amendments: s.amendments,
    lineVersions: lineVersionsOf(s),
    delays: s.delays,
    // Whether the order started a complaint's workflow, and which of its reports it took, are the order's own bookkeeping.
    complaints: s.complaints.map(({ started: _started, reports: _reports, ...complaint }) => complaint),
    satisfaction: s.satisfaction ?? [],
    emergencyRelease: s.facts.emergencyRelease
      ? { by: s.facts.emergencyRelease.by.id, reason: s.facts.emergencyRelease.reason, at: s.facts.emergencyRelease.at }
      : null,
    qcFailures: s.facts.qcFailures,
    ledger: s.ledger
      ? {
          today: dateAt(asOf, s.policy.calendar.timeZone),
          instalments: instalmentsOf(s, s.ledger, asOf),
          totals: totalsOf(s, s.ledger),
          movements: s.ledger.movements,
          invoices: s.ledger.invoices,
          kept: s.ledger.kept ?? null,
        }
      : null,
    appointments: s.appointments ?? [],
    // distributor
    distributor: distributorView(s),
    group: s.order.channel === 'group' ? trackingTableOf(s) : null,
    // industrial contract channel (004)
    contract: s.contract ?? null,
  };
}
