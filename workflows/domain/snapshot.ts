import type { EventType } from './events';
import type { Fen, IsoDate } from './order';
import {
  balanceDue,
  isLate,
  needsSupervisor,
  received,
  refundDue,
  shippingMode,
  type Amendment,
  type Complaint,
  type Delay,
  type OpenClock,
  type OrderState,
  type Stage,
  type Status,
} from './state';
import { expectedEvents } from './route';

/** What the API, the simulator and the Temporal UI's query show of an order: its state, projected. */
export interface OrderSnapshot {
  orderNumber: string;
  channel: string;
  status: Status;
  stage: Stage;
  customer: { id: string; name: string; class: string };
  salesRep: { id: string; name?: string };
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
  /** Days past the promised date before the goods were finished, in the company calendar (0 when not overdue). */
  daysLate: number;
  needsSupervisor: boolean;
  shippingMode: 'express' | 'special-vehicle';
  expectedEvents: EventType[];
  openClocks: OpenClock[];
  amendments: Amendment[];
  delays: Delay[];
  complaints: Complaint[];
  emergencyRelease: { by: string; reason: string; at: string } | null;
  qcFailures: number;
}

export function snapshotOf(s: OrderState): OrderSnapshot {
  return {
    orderNumber: s.order.orderNumber,
    channel: s.order.channel,
    status: s.status,
    stage: s.stage,
    customer: s.order.customer,
    salesRep: s.order.salesRep,
    receivedAt: s.receivedAt,
    amount: s.amount,
    depositDue: s.depositDue,
    received: received(s),
    balanceDue: balanceDue(s),
    refundDue: refundDue(s),
    promisedDate: s.promisedDate ?? null,
    originalPromisedDate: s.originalPromisedDate ?? null,
    lateReturnDays: s.lateReturnDays,
    late: isLate(s),
    daysLate: s.overdue?.daysLate ?? 0,
    needsSupervisor: needsSupervisor(s),
    shippingMode: shippingMode(s),
    expectedEvents: expectedEvents(s),
    openClocks: s.openClocks,
    amendments: s.amendments,
    delays: s.delays,
    complaints: s.complaints,
    emergencyRelease: s.facts.emergencyRelease
      ? { by: s.facts.emergencyRelease.by.id, reason: s.facts.emergencyRelease.reason, at: s.facts.emergencyRelease.at }
      : null,
    qcFailures: s.facts.qcFailures,
  };
}
