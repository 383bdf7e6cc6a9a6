import type { EventType, OrderEvent } from './events';
import { addCalendarDays, addWorkingDays, isWorkingDay, type CompanyCalendar } from './calendar';
import { depositDue, orderAmount, type Actor, type Fen, type IsoDate, type OrderInput, type Role } from './order';
import type { Policy } from './policy';

// The order's state and the two pure functions the workflow is built on: which events the order
// expects now, and what an accepted event changes. No Temporal, no I/O: unit-tested directly.

/** The lamp factory's five public statuses (001), plus cancelled. */
export type Status =
  | 'pending-confirmation' // 待确认
  | 'in-production' // 生产中
  | 'awaiting-shipment' // 待发货
  | 'shipped' // 已发货
  | 'completed' // 已完成
  | 'cancelled';

/** The finer stage beside the status (domain.md §3). */
export type Stage =
  | 'intake'
  | 'technical-review'
  | 'drawings'
  | 'price-review'
  | 'supervisor-approval'
  | 'delivery-estimate'
  | 'confirmation'
  | 'confirmation-return'
  | 'deposit'
  | 'production-notice'
  | 'production'
  | 'put-away'
  | 'release'
  | 'shipping'
  | 'in-transit'
  | 'after-sales'
  | 'archived'
  | 'cancelled';

const statusOfStage: Record<Stage, Status> = {
  intake: 'pending-confirmation',
  'technical-review': 'pending-confirmation',
  drawings: 'pending-confirmation',
  'price-review': 'pending-confirmation',
  'supervisor-approval': 'pending-confirmation',
  'delivery-estimate': 'pending-confirmation',
  confirmation: 'pending-confirmation',
  'confirmation-return': 'pending-confirmation',
  deposit: 'pending-confirmation',
  'production-notice': 'in-production',
  production: 'in-production',
  'put-away': 'awaiting-shipment',
  release: 'awaiting-shipment',
  shipping: 'awaiting-shipment',
  'in-transit': 'shipped',
  'after-sales': 'completed',
  archived: 'completed',
  cancelled: 'cancelled',
};

export type ClockName =
  | 'first-confirmation'
  | 'return-deferral'
  | 'deposit-reminder'
  | 'technical-order'
  | 'progress-update'
  | 'delay-notice'
  | 'balance-reminder'
  | 'shipping-request-chase'
  | 'complaint-callback'
  | 'after-sales-period';

export type TimelineKind =
  | 'event'
  | 'rejected-event'
  | 'status-change'
  | 'date-change'
  | 'reminder'
  | 'escalation'
  | 'notification';

export interface TimelineEntry {
  at: string;
  kind: TimelineKind;
  type: string;
  to?: Role;
  actor?: Actor;
  detail: string;
}

export interface Amendment {
  version: number;
  description: string;
  newAmount?: Fen;
  newPromisedDate?: IsoDate;
  state: 'requested' | 'confirmed' | 'rejected';
  requestedAt: string;
}

export interface Delay {
  reportedAt: string;
  reason: string;
  newPromisedDate: IsoDate;
  toldAt?: string;
}

export interface Complaint {
  number: number;
  category: string;
  description: string;
  filedAt: string;
  resolvedAt?: string;
  responsibleParty?: string;
  resolution?: string;
}

export interface OpenClock {
  name: ClockName;
  /** When the clock next fires (ISO timestamp). */
  dueAt: string;
  /** What happens then, e.g. "escalate to supervisor". */
  action: string;
}

/** A message that leaves the order through the outbox (activities/notify). */
export interface Notice {
  /** Its number within the order: with the workflow ID, the outbox's idempotency key. */
  seq: number;
  kind: 'notification' | 'reminder' | 'escalation';
  type: string;
  to: Role;
  detail: string;
}

export interface OrderState {
  order: OrderInput;
  policy: Policy;
  status: Status;
  stage: Stage;
  receivedAt: string;
  /** Current amount in fen: the order lines, then each confirmed amendment. */
  amount: Fen;
  depositDue: Fen;
  depositReceived: Fen;
  paymentsReceived: Fen;
  promisedDate?: IsoDate;
  originalPromisedDate?: IsoDate;
  /** Days the promised date moved for the late signed return. */
  lateReturnDays: number;
  facts: {
    confirmedAt?: string;
    feasible?: boolean;
    solution?: string;
    materialsConfirmationRef?: string;
    drawing?: { version: number; state: 'sent' | 'confirmed' | 'revision-requested' };
    priceApproved?: boolean;
    priceDispute?: string;
    supervisorApproved?: boolean;
    confirmationSentAt?: string;
    signedReturnAt?: string;
    productionNoticeAt?: string;
    technicalOrderAt?: string;
    lastProgressAt?: string;
    percentDone?: number;
    qcPassedAt?: string;
    qcFailures: number;
    stockedAt?: string;
    shippingRequestRef?: string;
    emergencyRelease?: { by: Actor; reason: string; at: string };
    shippedAt?: string;
    signedForAt?: string;
    cancelledReason?: string;
  };
  delays: Delay[];
  amendments: Amendment[];
  complaints: Complaint[];
  openClocks: OpenClock[];
  timeline: TimelineEntry[];
  /** Idempotency keys of applied events, so a retried event is never applied twice. */
  appliedEventIds: string[];
  /** Messages waiting for the outbox, and how many were ever queued (their idempotency sequence). */
  pendingNotices: Notice[];
  noticesQueued: number;
}

export function openOrder(order: OrderInput, policy: Policy, receivedAt: string): OrderState {
  const amount = orderAmount(order.lines);
  return {
    order,
    policy,
    status: 'pending-confirmation',
    stage: 'intake',
    receivedAt,
    amount,
    depositDue: depositDue(order.deposit, amount),
    depositReceived: 0,
    paymentsReceived: 0,
    lateReturnDays: 0,
    facts: { qcFailures: 0 },
    delays: [],
    amendments: [],
    complaints: [],
    openClocks: [],
    timeline: [{ at: receivedAt, kind: 'status-change', type: 'pending-confirmation', detail: `order received from ${order.customer.name}, ${amount} fen` }],
    appliedEventIds: [],
    pendingNotices: [],
    noticesQueued: 0,
  };
}

// ---- derived facts -----------------------------------------------------------------------------

export const isCustom = (s: OrderState) => s.order.lines.some((line) => line.nonStandard !== undefined);
export const isLarge = (s: OrderState) => s.amount > s.policy.rules.largeOrderAmount;
/** Large or custom orders need a supervisor's approval before production (001). */
export const needsSupervisor = (s: OrderState) => isLarge(s) || isCustom(s);
export const received = (s: OrderState): Fen => s.depositReceived + s.paymentsReceived;
export const balanceDue = (s: OrderState): Fen => Math.max(0, s.amount - received(s));
export const depositOutstanding = (s: OrderState): Fen => Math.max(0, s.depositDue - s.depositReceived);
export const shipsBeforeBalance = (s: OrderState) => s.policy.rules.shipBeforeBalance.includes(s.order.customer.class);
/** Express by default, a special vehicle for large orders (001). */
export const shippingMode = (s: OrderState) => (isLarge(s) ? 'special-vehicle' : 'express');
export const pendingAmendment = (s: OrderState) => s.amendments.find((a) => a.state === 'requested');
export const untoldDelay = (s: OrderState) => s.delays.find((d) => d.toldAt === undefined);
export const openComplaints = (s: OrderState) => s.complaints.filter((c) => c.resolvedAt === undefined);
export const isLate = (s: OrderState) => s.lateReturnDays > 0 || s.delays.length > 0;
export const calendarOf = (s: OrderState): CompanyCalendar => s.policy.calendar;

const order: Stage[] = [
  'intake', 'technical-review', 'drawings', 'price-review', 'supervisor-approval', 'delivery-estimate',
  'confirmation', 'confirmation-return', 'deposit', 'production-notice', 'production', 'put-away',
  'release', 'shipping', 'in-transit', 'after-sales', 'archived',
];
const reached = (s: OrderState, stage: Stage) => s.stage !== 'cancelled' && order.indexOf(s.stage) >= order.indexOf(stage);
const before = (s: OrderState, stage: Stage) => s.stage !== 'cancelled' && order.indexOf(s.stage) < order.indexOf(stage);

// ---- what the order waits for now --------------------------------------------------------------

/** The events the order accepts in its current state: the main line's next step and the side lines. */
export function expectedEvents(s: OrderState): EventType[] {
  const expected = new Set<EventType>(mainLine(s));
  if (reached(s, 'price-review') && before(s, 'put-away')) {
    expected.add(pendingAmendment(s) ? 'change-confirmed' : 'change-requested');
    if (pendingAmendment(s)) expected.add('change-rejected');
  }
  if (depositOutstanding(s) > 0 && before(s, 'production-notice') && reached(s, 'confirmation')) expected.add('deposit-received');
  if (reached(s, 'production-notice') && balanceDue(s) > 0 && s.stage !== 'archived') expected.add('payment-received');
  if (untoldDelay(s)) expected.add('customer-told-of-delay');
  if (s.facts.emergencyRelease && !s.facts.shippingRequestRef && reached(s, 'release')) expected.add('shipping-requested');
  if (before(s, 'in-transit')) expected.add('cancelled');
  return [...expected];
}

function mainLine(s: OrderState): EventType[] {
  const f = s.facts;
  switch (s.stage) {
    case 'intake':
      return ['order-confirmed'];
    case 'technical-review':
      return [
        ...(f.feasible !== true ? (['feasibility-decided'] as const) : []),
        ...(f.materialsConfirmationRef === undefined ? (['materials-confirmed'] as const) : []),
      ];
    case 'drawings':
      return f.drawing?.state === 'sent' ? ['drawing-confirmed', 'drawing-revision-requested'] : ['drawing-sent'];
    case 'price-review':
      return ['price-approved', 'price-disputed'];
    case 'supervisor-approval':
      return ['supervisor-approved'];
    case 'delivery-estimate':
      return ['delivery-date-estimated'];
    case 'confirmation':
      return ['confirmation-sent'];
    case 'confirmation-return':
      return ['signed-confirmation-returned', 'signed-confirmation-rejected'];
    case 'deposit':
      return ['deposit-received'];
    case 'production-notice':
      return ['production-notice-issued'];
    case 'production':
      return [
        ...(f.technicalOrderAt === undefined ? (['technical-order-issued'] as const) : []),
        'progress-reported',
        'delay-reported',
        ...(f.technicalOrderAt !== undefined ? (['qc-passed', 'qc-failed'] as const) : []),
      ];
    case 'put-away':
      return ['stocked'];
    case 'release':
      return [
        ...(f.shippingRequestRef === undefined ? (['shipping-requested'] as const) : []),
        ...(f.shippingRequestRef === undefined && !f.emergencyRelease ? (['emergency-released'] as const) : []),
      ];
    case 'shipping':
      return ['shipped'];
    case 'in-transit':
      return ['signed-for'];
    case 'after-sales':
      return ['complaint-filed', ...(openComplaints(s).length > 0 ? (['complaint-resolved'] as const) : [])];
    case 'archived':
    case 'cancelled':
      return [];
  }
}

/** Why an event does not fit: the sender's role may not send it, or the order does not expect it now. */
export interface Misfit {
  kind: 'not-permitted' | 'not-expected';
  message: string;
}

export function whyNotApplicable(s: OrderState, event: OrderEvent): Misfit | undefined {
  const allowed = s.policy.permissions[event.type];
  if (!allowed.includes(event.actor.role)) {
    return { kind: 'not-permitted', message: `${event.actor.role} may not send ${event.type} (allowed: ${allowed.join(', ')})` };
  }
  const message = whyNotExpected(s, event);
  return message === undefined ? undefined : { kind: 'not-expected', message };
}

function whyNotExpected(s: OrderState, event: OrderEvent): string | undefined {
  if (!expectedEvents(s).includes(event.type)) {
    return `the order is at stage ${s.stage} and expects ${expectedEvents(s).join(', ') || 'no events'}`;
  }
  switch (event.type) {
    case 'drawing-confirmed':
    case 'drawing-revision-requested':
      return event.data.version === s.facts.drawing?.version
        ? undefined
        : `drawing version ${s.facts.drawing?.version} is the one sent, not ${event.data.version}`;
    case 'drawing-sent': {
      const next = (s.facts.drawing?.version ?? 0) + 1;
      return event.data.version === next ? undefined : `the next drawing version is ${next}`;
    }
    case 'change-confirmed':
    case 'change-rejected':
      return pendingAmendment(s)?.version === event.data.version
        ? undefined
        : `amendment ${pendingAmendment(s)?.version} is the one pending, not ${event.data.version}`;
    case 'complaint-resolved':
      return openComplaints(s).some((c) => c.number === event.data.complaintNumber)
        ? undefined
        : `complaint ${event.data.complaintNumber} is not open (open: ${openComplaints(s).map((c) => c.number).join(', ') || 'none'})`;
    case 'deposit-received':
      return undefined;
    case 'payment-received':
      return event.data.amount <= balanceDue(s) ? undefined : `the balance due is ${balanceDue(s)} fen, less than ${event.data.amount}`;
    default:
      return undefined;
  }
}

// ---- applying an accepted event ----------------------------------------------------------------

function record(s: OrderState, at: string, entry: Omit<TimelineEntry, 'at'>) {
  s.timeline.push({ at, ...entry });
}

/** Queues a message for the outbox and writes it on the timeline. */
export function notify(s: OrderState, at: string, notice: Omit<Notice, 'seq'>) {
  s.noticesQueued++;
  s.pendingNotices.push({ seq: s.noticesQueued, ...notice });
  record(s, at, { kind: notice.kind, type: notice.type, to: notice.to, detail: notice.detail });
}

export function moveTo(s: OrderState, at: string, stage: Stage) {
  if (s.stage === stage) return;
  const status = statusOfStage[stage];
  s.stage = stage;
  if (status !== s.status) {
    record(s, at, { kind: 'status-change', type: status, detail: `${s.status} → ${status}` });
    s.status = status;
  }
}

export function setPromisedDate(s: OrderState, at: string, date: IsoDate, why: string) {
  if (s.promisedDate === date) return;
  record(s, at, { kind: 'date-change', type: 'promised-date', detail: `${s.promisedDate ?? 'none'} → ${date}: ${why}` });
  s.originalPromisedDate ??= date;
  s.promisedDate = date;
}

/** A company day ended without the signed return: the promised date moves back (002 §9). */
export function deferForLateReturn(s: OrderState, at: string, endedDay: IsoDate) {
  const { daysPerLateDay, dayKind } = s.policy.clocks.returnDeferral;
  if (!s.promisedDate || daysPerLateDay === 0) return;
  if (dayKind === 'working' && !isWorkingDay(endedDay, calendarOf(s))) return;
  s.lateReturnDays += daysPerLateDay;
  const moved = dayKind === 'working'
    ? addWorkingDays(s.promisedDate, daysPerLateDay, calendarOf(s))
    : addCalendarDays(s.promisedDate, daysPerLateDay);
  setPromisedDate(s, at, moved, `signed confirmation not returned, ${s.lateReturnDays} day(s) late`);
}

export function recordRejected(s: OrderState, at: string, event: Pick<OrderEvent, 'type' | 'actor'>, why: string) {
  record(s, at, { kind: 'rejected-event', type: event.type, actor: event.actor, detail: why });
}

/**
 * Applies an event the order accepts (check `whyNotApplicable` first). Deterministic and free of
 * I/O; messages it causes are queued on `pendingNotices` for the workflow to send.
 */
export function apply(s: OrderState, event: OrderEvent, at: string): void {
  if (event.id !== undefined) s.appliedEventIds.push(event.id);
  record(s, at, { kind: 'event', type: event.type, actor: event.actor, detail: describe(event) });
  const f = s.facts;
  switch (event.type) {
    case 'order-confirmed':
      f.confirmedAt = at;
      return;
    case 'feasibility-decided':
      f.feasible = event.data.feasible;
      f.solution = event.data.solution;
      if (!event.data.feasible) {
        notify(s, at, { kind: 'notification', type: 'infeasible', to: 'supervisor', detail: 'technical found the order infeasible: propose an alternative to the customer' });
      }
      return;
    case 'materials-confirmed':
      f.materialsConfirmationRef = event.data.confirmationRef;
      return;
    case 'drawing-sent':
      f.drawing = { version: event.data.version, state: 'sent' };
      return;
    case 'drawing-confirmed':
      f.drawing = { version: event.data.version, state: 'confirmed' };
      return;
    case 'drawing-revision-requested':
      f.drawing = { version: event.data.version, state: 'revision-requested' };
      notify(s, at, { kind: 'notification', type: 'drawing-revision', to: 'technical', detail: `revise drawing v${event.data.version}: ${event.data.reason}` });
      return;
    case 'price-approved':
      f.priceApproved = true;
      return;
    case 'price-disputed':
      f.priceDispute = event.data.reason;
      notify(s, at, { kind: 'notification', type: 'price-dispute', to: 'supervisor', detail: event.data.reason });
      return;
    case 'supervisor-approved':
      f.supervisorApproved = true;
      return;
    case 'delivery-date-estimated':
      setPromisedDate(s, at, event.data.promisedDate, 'estimated by production');
      return;
    case 'confirmation-sent':
      f.confirmationSentAt = at;
      return;
    case 'signed-confirmation-returned':
      f.signedReturnAt = at;
      return;
    case 'signed-confirmation-rejected':
      notify(s, at, { kind: 'notification', type: 'return-rejected', to: 'sales-rep', detail: `ask the customer to return the confirmation again: ${event.data.reason}` });
      return;
    case 'deposit-received':
      s.depositReceived += event.data.amount;
      return;
    case 'production-notice-issued':
      f.productionNoticeAt = at;
      return;
    case 'technical-order-issued':
      f.technicalOrderAt = at;
      return;
    case 'progress-reported':
      f.lastProgressAt = at;
      f.percentDone = event.data.percentDone;
      return;
    case 'delay-reported':
      s.delays.push({ reportedAt: at, reason: event.data.reason, newPromisedDate: event.data.newPromisedDate });
      setPromisedDate(s, at, event.data.newPromisedDate, `production delay: ${event.data.reason}`);
      notify(s, at, { kind: 'notification', type: 'delay', to: 'sales-rep', detail: `tell the customer within ${s.policy.clocks.delayNotice.after}: ${event.data.reason}` });
      return;
    case 'customer-told-of-delay':
      for (const delay of s.delays) delay.toldAt ??= at;
      return;
    case 'change-requested':
      s.amendments.push({
        version: s.amendments.length + 1,
        description: event.data.description,
        newAmount: event.data.newAmount,
        newPromisedDate: event.data.newPromisedDate,
        state: 'requested',
        requestedAt: at,
      });
      notify(s, at, { kind: 'notification', type: 'change-request', to: 'production', detail: `check feasibility of amendment v${s.amendments.length}: ${event.data.description}` });
      return;
    case 'change-confirmed': {
      const amendment = pendingAmendment(s)!;
      amendment.state = 'confirmed';
      if (amendment.newAmount !== undefined) {
        s.amount = amendment.newAmount;
        s.depositDue = depositDue(s.order.deposit, s.amount);
      }
      if (amendment.newPromisedDate) setPromisedDate(s, at, amendment.newPromisedDate, `amendment v${amendment.version}`);
      return;
    }
    case 'change-rejected':
      pendingAmendment(s)!.state = 'rejected';
      return;
    case 'qc-passed':
      f.qcPassedAt = at;
      return;
    case 'qc-failed':
      f.qcFailures++;
      notify(s, at, { kind: 'notification', type: 'rework', to: 'production', detail: `QC failed, rework: ${event.data.reason}` });
      return;
    case 'stocked':
      f.stockedAt = at;
      return;
    case 'shipping-requested':
      f.shippingRequestRef = event.data.requestRef;
      return;
    case 'payment-received':
      s.paymentsReceived += event.data.amount;
      return;
    case 'emergency-released':
      f.emergencyRelease = { by: event.actor, reason: event.data.reason, at };
      return;
    case 'shipped':
      f.shippedAt = at;
      notify(s, at, { kind: 'notification', type: 'shipping-notice', to: 'customer', detail: `shipped by ${event.data.carrier} (${shippingMode(s)}), tracking ${event.data.trackingRef}${event.data.expectedArrival ? `, arriving ${event.data.expectedArrival}` : ''}` });
      return;
    case 'signed-for':
      f.signedForAt = at;
      return;
    case 'complaint-filed':
      s.complaints.push({ number: s.complaints.length + 1, category: event.data.category, description: event.data.description, filedAt: at });
      notify(s, at, { kind: 'notification', type: 'complaint', to: 'service', detail: `complaint ${s.complaints.length} (${event.data.category}): ${event.data.description}` });
      return;
    case 'complaint-resolved': {
      const complaint = s.complaints.find((c) => c.number === event.data.complaintNumber)!;
      complaint.resolvedAt = at;
      complaint.responsibleParty = event.data.responsibleParty;
      complaint.resolution = event.data.resolution;
      return;
    }
    case 'cancelled':
      f.cancelledReason = event.data.reason;
      moveTo(s, at, 'cancelled');
      return;
  }
}

function describe(event: OrderEvent): string {
  const data = Object.entries(event.data as Record<string, unknown>)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
  return [data, event.note].filter(Boolean).join(' — ');
}

