import type { EventData, OrderEvent, PricedLine } from './events';
import { addCalendarDays, addWorkingDays, isWorkingDay, type CompanyCalendar } from './calendar';
import { emptyLedger, outstandingBefore, planFor, requiredBefore, settled, totalsOf, type Ledger } from './ledger';
import { eventWords } from './field-labels';
import { depositDue, orderAmount } from './money';
import type { Actor, CreditCheck, Fen, IsoDate, OrderInput, OrderLine, Role } from './order';
import type { StoreVisit } from './events';
import type { GroupState } from './group';
import type { Policy } from './policy';
import { openDistributorRecord, type DistributorRecord } from './distributor';
import { openContract, type ContractFile } from './contract';
import type { ComplaintStage } from './complaints';

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
  /** Production waits for the supervisor's approval, asked for at confirmation (orders started since it runs beside the reviews). */
  | 'production-approval'
  | 'production-notice'
  | 'production'
  | 'put-away'
  | 'release'
  | 'shipping'
  | 'in-transit'
  | 'after-sales'
  | 'sample-request'
  | 'sample-dispatch'
  | 'sample-delivery'
  // store channel (门店): beside the standard stages it shares
  | 'intent-letter'
  | 'intention-deposit'
  | 'site-measurement'
  | 'submission-review'
  | 'final-quote'
  | 'sub-frame-production'
  | 'sub-frame-installation'
  | 're-measurement'
  | 'finished-window-order'
  | 'installation-payment'
  | 'installation'
  | 'acceptance'
  // distributor
  /** 咨询/回复: the distributor's enquiries answered and its order drawings received by fax. */
  | 'enquiry'
  /** 营销助理初审: the drawings within the factory's limits (or an R&D solution agreed), every item confirmed. */
  | 'drawing-review'
  /** 报价: the quote in writing (distributor: one for each drawing; contract: at the pre-reviewed prices). */
  | 'quotation'
  /** 出库通知单: the goods are in stock; the outbound notice asks the distributor for the full contract amount. */
  | 'outbound-notice'
  // industrial contract channel (004)
  | 'technical-agreement'
  | 'price-pre-review'
  | 'contract-drafting'
  | 'contract-review'
  | 'contract-signature'
  | 'scheduling'
  | 'receivable-posting'
  | 'archived'
  | 'cancelled'
  // group order channel (团订, 003)
  /** Finance reviews the contract and stamps it, or returns it to the sales rep. */
  | 'finance-review'
  /** The group desk hands the order pack to production and logistics, each signing for it. */
  | 'order-pack'
  /** 量体: the body measurement at the customer's site. */
  | 'body-measurement'
  /** Delivered: the balance is paid in full. */
  | 'balance';

/** Each stage's public status (the channel pages' route diagrams in docs/channels show it too). */
export const statusOfStage: Record<Stage, Status> = {
  intake: 'pending-confirmation',
  'technical-review': 'pending-confirmation',
  drawings: 'pending-confirmation',
  'price-review': 'pending-confirmation',
  'supervisor-approval': 'pending-confirmation',
  'delivery-estimate': 'pending-confirmation',
  confirmation: 'pending-confirmation',
  'confirmation-return': 'pending-confirmation',
  deposit: 'pending-confirmation',
  'production-approval': 'pending-confirmation',
  'production-notice': 'in-production',
  production: 'in-production',
  'put-away': 'awaiting-shipment',
  release: 'awaiting-shipment',
  shipping: 'awaiting-shipment',
  'in-transit': 'shipped',
  'after-sales': 'completed',
  'sample-request': 'pending-confirmation',
  'sample-dispatch': 'awaiting-shipment',
  'sample-delivery': 'shipped',
  // store channel
  'intent-letter': 'pending-confirmation',
  'intention-deposit': 'pending-confirmation',
  'site-measurement': 'pending-confirmation',
  'submission-review': 'pending-confirmation',
  'final-quote': 'pending-confirmation',
  'sub-frame-production': 'in-production',
  'sub-frame-installation': 'in-production',
  're-measurement': 'in-production',
  'finished-window-order': 'in-production',
  'installation-payment': 'awaiting-shipment',
  installation: 'shipped',
  acceptance: 'shipped',
  // distributor
  enquiry: 'pending-confirmation',
  'drawing-review': 'pending-confirmation',
  quotation: 'pending-confirmation',
  'outbound-notice': 'awaiting-shipment',
  // industrial contract channel (004)
  'technical-agreement': 'pending-confirmation',
  'price-pre-review': 'pending-confirmation',
  'contract-drafting': 'pending-confirmation',
  'contract-review': 'pending-confirmation',
  'contract-signature': 'pending-confirmation',
  scheduling: 'in-production',
  'receivable-posting': 'completed',
  archived: 'completed',
  cancelled: 'cancelled',
  // group order channel (团订, 003)
  'finance-review': 'pending-confirmation',
  'order-pack': 'in-production',
  'body-measurement': 'in-production',
  balance: 'completed',
};

export const stages = Object.keys(statusOfStage) as Stage[];
export const statuses = [...new Set(Object.values(statusOfStage))];

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
  | 'after-sales-period'
  | 'dunning'
  | 'invoice-due'
  | 'refund-reminder'
  | 'overdue'
  | 'stalled-progress'
  | 'arrival-overdue'
  // store channel
  | 'appointment-booking'
  | 'missed-appointment'
  // distributor
  | 'technical-question'
  | 'material-late'
  // group order channel (团订, 003): the tracking table's daily deadline, the after-sales callbacks
  | 'group-tracking'
  | 'group-callback'
  // Complaints, in each complaint's own workflow: technical's first contact, a visit scheduled.
  | 'complaint-first-contact'
  | 'complaint-fix';

export type TimelineKind =
  | 'event'
  | 'rejected-event'
  | 'status-change'
  | 'date-change'
  | 'reminder'
  | 'escalation'
  | 'notification'
  /** A confirmed amendment became the next version of the lines: both versions with their amounts and dates. */
  | 'lines-version'
  /** Money moved on the ledger: a payment, compensation, refund, write-off, or the costs kept after a cancellation. */
  | 'money'
  /** A notice the outbox could not deliver: it became a dead letter (an operator may resend it). */
  | 'notice-not-delivered'
  /** An operator sent a dead letter again. */
  | 'notice-resent'
  /** A step of one of the order's complaints, as its own workflow reported it. */
  | 'complaint';

export interface TimelineEntry {
  at: string;
  kind: TimelineKind;
  type: string;
  to?: Role;
  /** The person a notice is for, when the order knows them (its own sales rep); `to` is the fallback. */
  person?: string;
  actor?: Actor;
  /** An event sent as the raw signal (Temporal UI or CLI): by an operator, whatever actor it claims. */
  via?: 'temporal';
  /** In English, as the API has always given it. */
  detail: string;
  /** The same in Chinese, on every notice and event (entries written before have none): what people read first. */
  zh?: string;
}

/** A sentence people read: Chinese first (the console, the robots' cards), English beside it (`detail`). */
export interface Sentence {
  zh: string;
  en: string;
}

/** A sentence as a timeline entry or a notice keeps it. */
export const saying = ({ zh, en }: Sentence) => ({ detail: en, zh });

/**
 * Where a change request (需求变更) stands: production assesses it, finance approves its price when
 * the policy asks, the customer confirms it; infeasible or rejected ones are kept too.
 */
export type AmendmentState = 'requested' | 'awaiting-price-approval' | 'awaiting-customer' | 'confirmed' | 'rejected' | 'infeasible';

/** Who did a step of an amendment, and when. */
export interface AmendmentStep {
  at: string;
  by: Actor;
}

export interface Amendment {
  /** Its number on the order (the events name it so). */
  version: number;
  description: string;
  state: AmendmentState;
  requestedAt: string;
  /** Absent on amendments recorded before the asker was. */
  requestedBy?: Actor;
  wantedLines?: EventData<'change-requested'>['lines'];
  wantedDate?: IsoDate;
  /** The lines as amended and priced by production; absent when the lines stay (a date change). */
  newLines?: PricedLine[];
  /** The amount with the new lines (before assessments existed: the amount whoever asked set). */
  newAmount?: Fen;
  newPromisedDate?: IsoDate;
  /** The change touches materials: technical and purchasing were told. */
  materialsChange?: boolean;
  drawingsChange?: boolean;
  assessed?: AmendmentStep & { feasible: boolean; reason?: string };
  /** Whether the price policy asks finance to approve the new amount. */
  priceApprovalNeeded?: boolean;
  priceApproved?: AmendmentStep;
  /** The customer's confirmation; `ref` is their written one when the desk or sales confirmed for them. */
  confirmed?: AmendmentStep & { ref?: string };
  rejected?: AmendmentStep & { reason: string };
  /** The version of the lines it became. */
  linesVersion?: number;
  /** The goods were finished: the change sent them back to production. */
  rework?: boolean;
}

/** One version of the order's lines: v1 as ordered, then each confirmed amendment that changed them. */
export interface LinesVersion {
  version: number;
  lines: OrderLine[];
  amount: Fen;
  /** When it took effect, and the promised date then (for a superseded version: when it was superseded). */
  since: string;
  promisedDate: IsoDate | null;
  /** The amendment that made it. */
  amendment?: number;
}

export interface Delay {
  reportedAt: string;
  reason: string;
  newPromisedDate: IsoDate;
  toldAt?: string;
  /** Claimed as force majeure when reported. */
  forceMajeureClaimed?: boolean;
  /** A supervisor verified it as force majeure: the sales rep is not charged with it (001 ch.7). */
  forceMajeure?: AmendmentStep & { evidence: string };
}

export interface Complaint {
  number: number;
  category: string;
  description: string;
  filedAt: string;
  resolvedAt?: string;
  responsibleParty?: string;
  resolution?: string;
  /** The resolution in Chinese, where the complaint's workflow said it (the English one is `resolution`). */
  resolutionZh?: string;
  /** What caused it (events.ts complaintCauses), when the resolution says. */
  cause?: string;
  // Complaints handled by their own workflow (orders started since, domain/complaints.ts):
  /** Where it stands, as its workflow last reported (closed: resolvedAt is set; finished: its callbacks are made too). */
  stage?: ComplaintStage;
  /** Whether the order has started its workflow. */
  started?: boolean;
  /** The last report taken from its workflow (a report is applied once). */
  reports?: number;
  /** The callbacks (回访) made after its closing, once the first is: My work owes the next one from its own due time. */
  callbacks?: number;
  filedBy?: Actor;
  /** Compensation agreed for it, in fen (on the order's ledger). */
  compensation?: Fen;
}

/** The customer's satisfaction (1–5), given at sign-off or at an after-sales callback (回访). */
export interface SatisfactionRating {
  rating: number;
  at: string;
  source: 'sign-off' | 'callback';
  by: Actor;
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
  /** The person it is for, when the order knows them: the order's own sales rep. The role is the fallback. */
  person?: string;
  /** In English; `zh` in Chinese (notices queued before they were said in Chinese have none), as on the timeline. */
  detail: string;
  zh?: string;
}

/** A notice the outbox gave up on, kept with the reason until a resend of it is delivered. */
export interface DeadLetter {
  notice: Notice;
  reason: string;
  /** When it was given up on (the last time, after a failed resend). */
  at: string;
  /** Set while a resend is queued, so a second resend does not queue it again. */
  resentAt?: string;
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
  /**
   * Set by the overdue clock once the promised date has ended before the goods were finished, for
   * that date, with whether the supervisor was told; cleared when the promised date moves past
   * today. Kept once the goods are finished late. Days late are counted where read (domain/watch.ts).
   */
  overdue?: { promisedDate: IsoDate; escalated: boolean };
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
    /** The carrier's expected arrival (company date), watched until the customer signs. */
    expectedArrival?: IsoDate;
    signedForAt?: string;
    acceptedAt?: string;
    cancelledReason?: string;
    archivedAt?: string;
    /** A confirmed change altered the drawings: technical owes a revised technical order from then. */
    technicalOrderRevisedFrom?: string;
    /** A supervisor let a class A order over the credit limit ship on credit. */
    creditApproved?: boolean;
    /** The receiving time the customer agreed (001 ch.4), and when it was recorded. */
    receivingTime?: EventData<'receiving-time-confirmed'> & { at: string };
    // store channel (门店)
    intentLetter?: EventData<'intent-letter-signed'> & { at: string };
    measuredAt?: string;
    windowConfiguration?: EventData<'window-configuration-confirmed'>;
    /** The marketing assistant approved the store's submission. */
    submissionApprovedAt?: string;
    quoteAcceptedAt?: string;
    subFrameMadeAt?: string;
    subFrameInstalledAt?: string;
    reMeasuredAt?: string;
    installedAt?: string;
  };
  /** The customer's credit limit and open balance when the order was taken (absent: no limit on file, or an older order). */
  creditCheck?: CreditCheck;
  delays: Delay[];
  amendments: Amendment[];
  /** Every version of the lines once an amendment changed them (v1 kept); absent while the order form's lines stand. */
  lineVersions?: LinesVersion[];
  complaints: Complaint[];
  /** Each complaint is its own child workflow (orders started since); absent: `complaint-resolved` closes it, as before. */
  complaintWorkflows?: boolean;
  /** Absent until the customer first rates the order (and on orders from before ratings). */
  satisfaction?: SatisfactionRating[];
  openClocks: OpenClock[];
  timeline: TimelineEntry[];
  /**
   * Idempotency keys of applied events (and dead-letter resends) with the digest of what each carried,
   * so a retried event is never applied twice and a key reused for another event is recognised.
   */
  appliedEvents: Record<string, string>;
  /** Messages waiting for the outbox, and how many were ever queued (their idempotency sequence). */
  pendingNotices: Notice[];
  noticesQueued: number;
  /**
   * The payment plan and the money moved against it. Absent on orders that started before payment
   * plans: they keep their single deposit and balance (depositDue, depositReceived, paymentsReceived).
   */
  ledger?: Ledger;
  /** Notices given up on; absent in the state of an order that continued as new before there were any. */
  deadLetters?: DeadLetter[];
  /** group order channel (团订, 003): the contract review, order pack, measurement, process steps, exceptions, alterations. */
  group?: GroupState;
  /** What the read model last took of this order (workflows/read-model.ts); absent until its first projection. */
  projected?: Projected;
  // industrial contract channel (004)
  /** The contract's technical agreement, pricing, review and file (domain/contract.ts); contract orders only. */
  contract?: ContractFile;
  // distributor
  /** A distributor order's own record (domain/distributor.ts); absent on every other channel's orders. */
  distributor?: DistributorRecord;
  // store channel
  /** The site visits booked (store orders), each rescheduling kept as a new appointment after the one it replaces. */
  appointments?: Appointment[];
}

/** A site visit booked with the customer (store channel): a date and a team; missed when its date ends without the visit done. */
export interface Appointment {
  visit: StoreVisit;
  date: IsoDate;
  team: string;
  bookedAt: string;
  by: Actor;
  /** Why an earlier appointment for the same visit was moved. */
  reason?: string;
  /** When the missed-appointment clock found its date ended without the visit. */
  missedAt?: string;
}

/** The read model's bookmark, carried over continue-as-new so that its revision only ever grows. */
export interface Projected {
  /** Grows by one with every projection: the read model keeps the highest it has seen. */
  revision: number;
  /** Timeline entries already written. */
  entries: number;
  /** The stage the order was in then, and since when (who owes the next step since when). */
  stage: Stage;
  stageSince: string;
  /** The row as last written (JSON, without its revision): a new run projects only once something changed. */
  shown: string;
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
    timeline: [
      {
        at: receivedAt,
        kind: 'status-change',
        type: 'pending-confirmation',
        detail: `order received from ${order.customer.name}, ${amount} fen`,
      },
    ],
    appliedEvents: {},
    pendingNotices: [],
    noticesQueued: 0,
    deadLetters: [],
    // A policy from before payment plans (an old order's, on replay) has no plans to open a ledger with.
    ...((policy as Partial<Policy>).payments ? { ledger: emptyLedger(planFor(order, policy)) } : {}),
    // distributor
    ...(order.channel === 'distributor' ? { distributor: openDistributorRecord(order, receivedAt) } : {}),
    // industrial contract channel (004)
    ...(order.channel === 'contract' ? { contract: openContract(order) } : {}),
  };
}

// ---- derived facts -----------------------------------------------------------------------------

/** The lines of the current version (the order form's until an amendment changes them). */
export const currentLines = (s: OrderState): readonly OrderLine[] => s.lineVersions?.[s.lineVersions.length - 1].lines ?? s.order.lines;
/** Every version of the lines, oldest first (only v1 while no amendment changed them); the current one with today's promised date. */
export function lineVersionsOf(s: OrderState): LinesVersion[] {
  const versions = s.lineVersions ?? [{ version: 1, lines: s.order.lines, amount: orderAmount(s.order.lines), since: s.receivedAt }];
  return versions.map((v, i) => (i === versions.length - 1 ? { ...v, promisedDate: s.promisedDate ?? null } : v)) as LinesVersion[];
}
export const isCustom = (s: OrderState) => currentLines(s).some((line) => line.nonStandard !== undefined);
export const isLarge = (s: OrderState) => s.amount > s.policy.rules.largeOrderAmount;
/** Large or custom orders need a supervisor's approval before production (001); every order when the policy has them sign off every confirmation. */
export const needsSupervisor = (s: OrderState) => isLarge(s) || isCustom(s) || s.policy.supervision?.signOffEveryConfirmation === true;
/** Orders started since the approval runs beside the reviews (production waits for it); older ones have it in line after the price review. */
export const approvalBesideReviews = (s: OrderState) => s.policy.supervision !== undefined;
/** Which order the supervisor is asked to approve, in business words. */
export function approvalSubject(s: OrderState): Sentence {
  const zh = [isLarge(s) && '大额', isCustom(s) && '定制'].filter(Boolean).join('、');
  const en = [isLarge(s) && 'large', isCustom(s) && 'custom'].filter(Boolean).join(' and ');
  return en
    ? { zh: `${zh}订单`, en: `${en} order` }
    : { zh: '订单（每张确认书都由主管签批）', en: 'order (every confirmation is signed off by the supervisor)' };
}
/** A class A order that takes the customer's open balance over their credit limit (信用额度): it ships on credit only with a supervisor's approval. */
export const overCreditLimit = (s: OrderState) =>
  s.order.customer.class === 'A' && s.creditCheck !== undefined && s.creditCheck.openBalance + s.amount > s.creditCheck.creditLimit;
/** The credit the supervisor is asked to approve, in fen: limit, what the customer owed, this order, and how far over. */
export function overLimit(s: OrderState): Sentence {
  const { creditLimit, openBalance } = s.creditCheck!;
  const over = openBalance + s.amount - creditLimit;
  return {
    zh: `A 类订单 ${s.amount} fen 使客户未结余额 ${openBalance} fen 超出信用额度 ${creditLimit} fen，超出 ${over} fen：发货前请批准信用`,
    en: `class A order of ${s.amount} fen takes the customer's open balance of ${openBalance} fen over the credit limit of ${creditLimit} fen by ${over} fen: approve the credit before it ships`,
  };
}
export const creditApprovalPending = (s: OrderState) => overCreditLimit(s) && s.facts.creditApproved !== true;
/** The policy asks for the customer's receiving time before dispatch and it is not recorded yet. */
export const receivingTimePending = (s: OrderState) => s.policy.shipping?.confirmReceivingTime === true && !s.facts.receivingTime;
export const received = (s: OrderState): Fen => s.depositReceived + s.paymentsReceived;
export const balanceDue = (s: OrderState): Fen => (s.ledger ? totalsOf(s, s.ledger).balance : Math.max(0, s.amount - received(s)));
/** Received beyond what is owed (an amendment or compensation lowered it, a credit, a cancellation): finance owes the customer this. */
export const refundDue = (s: OrderState): Fen => (s.ledger ? totalsOf(s, s.ledger).refundDue : Math.max(0, received(s) - s.amount));
/** What must be paid before production (the deposit, an advance). */
export const depositRequired = (s: OrderState): Fen => (s.ledger ? requiredBefore(s, s.ledger, 'production') : s.depositDue);
export const depositOutstanding = (s: OrderState): Fen =>
  s.ledger ? outstandingBefore(s, s.ledger, ['production']) : Math.max(0, s.depositDue - s.depositReceived);
export const shipsBeforeBalance = (s: OrderState) => s.policy.rules.shipBeforeBalance.includes(s.order.customer.class);
/** What must still be paid before the goods ship: the plan's gating instalments (before 发货). */
export const dueBeforeShipping = (s: OrderState): Fen =>
  s.ledger ? outstandingBefore(s, s.ledger, ['production', 'shipping']) : shipsBeforeBalance(s) ? 0 : balanceDue(s);
export const releasable = (s: OrderState) => dueBeforeShipping(s) === 0;
/** Nothing is owed either way (orders without a ledger: as before, never held open by money). */
export const isSettled = (s: OrderState) => !s.ledger || settled(s, s.ledger);
/** Express by default, a special vehicle for large or custom orders (001 ch.4). */
export const shippingMode = (s: OrderState) => (isLarge(s) || isCustom(s) ? 'special-vehicle' : 'express');
/** An amendment in one of these states waits for nobody. */
const closedAmendment: readonly AmendmentState[] = ['confirmed', 'rejected', 'infeasible'];
export const pendingAmendment = (s: OrderState) => s.amendments.find((a) => !closedAmendment.includes(a.state));
export const untoldDelay = (s: OrderState) => s.delays.find((d) => d.toldAt === undefined);
/** Delays a supervisor has not yet verified as force majeure. */
export const unverifiedDelays = (s: OrderState) => s.delays.filter((d) => d.forceMajeure === undefined);
export const openComplaints = (s: OrderState) => s.complaints.filter((c) => c.resolvedAt === undefined);
/** Complaints the order is not archived before: open ones, and closed ones whose workflow still calls the customer back. */
export const complaintsInProgress = (s: OrderState) =>
  s.complaints.filter((c) => c.resolvedAt === undefined || (c.stage !== undefined && c.stage !== 'finished'));
/**
 * Who hears of a cancellation: production, finance, the warehouse and sales always; technical once it
 * holds work (the technical review, drawings, or the production notice's copy), purchasing once
 * materials were confirmed or production noticed; and everyone else who acted on the order, but for
 * the one who cancelled it and the customer.
 */
export function toldOfCancellation(s: OrderState): Role[] {
  const cancelledBy = [...s.timeline].reverse().find((entry) => entry.kind === 'event' && entry.type === 'cancelled')?.actor?.role;
  const told = new Set<Role>(['production', 'finance', 'warehouse', 'sales-rep']);
  if (s.facts.feasible !== undefined || s.facts.drawing || s.facts.productionNoticeAt) told.add('technical');
  if (s.facts.materialsConfirmationRef || s.facts.productionNoticeAt) told.add('purchasing');
  for (const entry of s.timeline) if (entry.kind === 'event' && entry.actor) told.add(entry.actor.role);
  for (const role of [cancelledBy, 'customer', 'system', 'operator'] as const) if (role) told.delete(role);
  return roles.filter((role) => told.has(role));
}
const roles: Role[] = [
  'sales-rep',
  'order-desk',
  'supervisor',
  'technical',
  'finance',
  'purchasing',
  'production',
  'qc',
  'warehouse',
  'service',
  // store channel
  'regional-manager',
  // industrial contract channel (004)
  'general-manager',
];

export const isLate = (s: OrderState) => s.lateReturnDays > 0 || s.delays.length > 0 || s.overdue !== undefined;
export const calendarOf = (s: OrderState): CompanyCalendar => s.policy.calendar;

// ---- changing the state (used by apply and by the clocks) -------------------------------------

export function record(s: OrderState, at: string, entry: Omit<TimelineEntry, 'at'>) {
  s.timeline.push({ at, ...entry });
}

/** Queues a message for the outbox and writes it on the timeline, said in Chinese and English (`saying`). */
export function notify(s: OrderState, at: string, notice: Omit<Notice, 'seq' | 'person' | 'zh'> & { zh: string }) {
  relay(s, at, notice);
}

/**
 * Queues a message as it came (a complaint's workflow begun before its notices were said in Chinese reports
 * them in English only); one for the sales rep goes to the order's own rep by name.
 */
export function relay(s: OrderState, at: string, notice: Omit<Notice, 'seq' | 'person'>) {
  const person = notice.to === 'sales-rep' ? { person: s.order.salesRep.id } : {};
  s.noticesQueued++;
  s.pendingNotices.push({ seq: s.noticesQueued, ...notice, ...person });
  const zh = notice.zh !== undefined ? { zh: notice.zh } : {};
  record(s, at, { kind: notice.kind, type: notice.type, to: notice.to, ...person, detail: notice.detail, ...zh });
}

/**
 * The outbox gave up on a notice: it goes on the timeline and the dead-letter list, and the
 * operator hears of it once. An escalation about a dead letter that is itself undeliverable is only
 * recorded (no loop), and so is a failed resend (the operator is already on it).
 */
export function deadLetter(s: OrderState, at: string, notice: Notice, reason: string) {
  s.deadLetters ??= [];
  const earlier = s.deadLetters.find((d) => d.notice.seq === notice.seq);
  record(s, at, {
    kind: 'notice-not-delivered',
    type: notice.type,
    to: notice.to,
    detail: `${notice.kind} #${notice.seq} not delivered: ${reason}`,
  });
  if (earlier) {
    earlier.reason = reason;
    earlier.at = at;
    delete earlier.resentAt;
    return;
  }
  s.deadLetters.push({ notice, reason, at });
  if (notice.type === 'notice-not-delivered') return;
  notify(s, at, {
    kind: 'escalation',
    type: 'notice-not-delivered',
    to: 'operator',
    ...saying({
      zh: `第 ${notice.seq} 号通知未送达（${reason}）：接收方修好后请重发`,
      en: `${notice.kind} ${notice.type} #${notice.seq} to ${notice.to} not delivered (${reason}): resend it when the receiver is fixed`,
    }),
  });
}

/** A delivered notice leaves the dead-letter list (it was one being resent). */
export function delivered(s: OrderState, notice: Notice) {
  if (s.deadLetters?.some((d) => d.notice.seq === notice.seq)) s.deadLetters = s.deadLetters.filter((d) => d.notice.seq !== notice.seq);
}

/** Queues a dead letter again; a second resend while the first is queued changes nothing. */
export function resend(s: OrderState, at: string, seq: number, actor: Actor) {
  const letter = s.deadLetters?.find((d) => d.notice.seq === seq);
  if (!letter || letter.resentAt) return;
  letter.resentAt = at;
  s.pendingNotices.push(letter.notice);
  record(s, at, {
    kind: 'notice-resent',
    type: letter.notice.type,
    to: letter.notice.to,
    actor,
    detail: `${letter.notice.kind} #${seq} sent again`,
  });
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
  const moved =
    dayKind === 'working' ? addWorkingDays(s.promisedDate, daysPerLateDay, calendarOf(s)) : addCalendarDays(s.promisedDate, daysPerLateDay);
  setPromisedDate(s, at, moved, `signed confirmation not returned, ${s.lateReturnDays} day(s) late`);
}

export function recordRejected(s: OrderState, at: string, event: Pick<OrderEvent, 'type' | 'actor'>, why: Sentence, via?: 'temporal') {
  const through = sentThrough(via);
  record(s, at, {
    kind: 'rejected-event',
    type: event.type,
    actor: event.actor,
    ...viaOf(via),
    detail: `${why.en}${through.en}`,
    zh: why.zh + through.zh,
  });
}

/** How the timeline marks an event that came as the raw signal: the operator's, whoever it names. */
export const viaOf = (via?: 'temporal') => (via ? { via } : {});
/** An event as its timeline entry says it: its data and note in the forms' words, and whether an operator sent it. */
export function eventSentence(event: { type: string; data: object; note?: string }, via?: 'temporal'): Sentence {
  const words = eventWords(event.type, event.data as Record<string, unknown>, event.note);
  const through = sentThrough(via);
  return { en: `${words.en}${through.en}`.trim(), zh: words.zh + through.zh };
}

export const sentThrough = (via?: 'temporal'): Sentence =>
  via ? { zh: '（运维人员经 Temporal 发送）', en: ' (sent by an operator through Temporal)' } : { zh: '', en: '' };
