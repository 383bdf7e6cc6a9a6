import type { EventType, OrderEvent } from './events';
import { groupRoute } from './group';
import { compensable } from './complaints';
import type { Channel } from './order';
import { rolesFor } from './permissions';
import { contractRoute } from './contract';
import { totalsOf } from './ledger';
import { distributorRoute } from './distributor';
import {
  approvalBesideReviews,
  balanceDue,
  complaintsInProgress,
  creditApprovalPending,
  isCustom,
  isSettled,
  moveTo,
  needsSupervisor,
  openComplaints,
  pendingAmendment,
  receivingTimePending,
  refundDue,
  releasable,
  unverifiedDelays,
  type OrderState,
  type Stage,
} from './state';
// store channel
import { storeRoute } from './store';
import { depositStep, sideEvents, steps } from './route-library';

// The route an order takes, as data: each stage, when it applies, when it is done, and what it
// waits for; and its windows: which side events (a change, a cancellation, a payment …) it accepts
// in which stages. The current stage is a pure function of the order's facts, recomputed after
// every accepted event, so that several events arriving in one workflow task (signals sent while a
// worker was down) are each checked against the stage the earlier ones led to. Each channel has
// its route (workflows/channels.ts); the workflow runs each stage's clocks while the order is in it.

/** A fact an order's events set, which stages and their clocks read. */
export type Fact = keyof OrderState['facts'];

export interface RouteStep {
  stage: Stage;
  /** Whether the order goes through this stage at all (e.g. drawings only for non-standard lines). */
  when?: (s: OrderState) => boolean;
  /** `when` in words, for the route's diagram and stages on its channel page in docs/channels (e.g. "non-standard lines"). */
  condition?: string;
  done: (s: OrderState) => boolean;
  /** The main-line events this stage waits for. */
  expects: (s: OrderState) => EventType[];
  /** The facts set once the stage is done, which later stages may read. */
  provides: readonly Fact[];
}

/**
 * Side events the order accepts beside its main line, from stage `from` (the first when unset)
 * up to, not including, stage `until` (while the order is open when unset). An event outside
 * every window and the main line is refused, never dropped.
 */
export interface Window extends Span {
  events: (s: OrderState) => EventType[];
}

/** The stages from `from` (the first when unset) up to, not including, `until` (while the order is open when unset). */
export interface Span {
  from?: Stage;
  until?: Stage;
}

export interface Route {
  /** The event types the channel takes at some point, when not all of them: no window or step can let another in. */
  events?: readonly EventType[];
  steps: readonly RouteStep[];
  windows: readonly Window[];
  /** The channel's own checks on an event the order expects now (a drawing quoted twice, a line classified twice …). */
  misfit?: (s: OrderState, event: OrderEvent) => string | undefined;
  /** Why the channel does not take an event its stage would otherwise expect yet, in business words. */
  refusal?: (s: OrderState, type: EventType) => string | undefined;
  /**
   * When the customer may complain (`complaint-filed`): from the first stage in which they have goods or
   * work on site. Each complaint is then its own workflow (orders started since complaints were; older
   * orders take complaints in after-sales, closed by `complaint-resolved`).
   */
  complaints?: Span;
}

const f = (s: OrderState) => s.facts;

/** The standard order (domain.md §4): 1, (2, 3 if non-standard), 4, 5, 6, (8), 9, 12, 14, 15, 16, 17, 19. */
export const standardRoute: Route = {
  steps: [
    { stage: 'intake', done: (s) => f(s).confirmedAt !== undefined, expects: () => ['order-confirmed'], provides: ['confirmedAt'] },
    {
      stage: 'technical-review',
      when: isCustom,
      condition: 'non-standard lines',
      done: (s) => f(s).feasible === true && f(s).materialsConfirmationRef !== undefined,
      expects: (s) => [
        ...(f(s).feasible !== true ? (['feasibility-decided'] as const) : []),
        ...(f(s).materialsConfirmationRef === undefined ? (['materials-confirmed'] as const) : []),
      ],
      provides: ['feasible', 'materialsConfirmationRef'],
    },
    {
      stage: 'drawings',
      when: isCustom,
      condition: 'non-standard lines',
      done: (s) => f(s).drawing?.state === 'confirmed',
      expects: (s) => (f(s).drawing?.state === 'sent' ? ['drawing-confirmed', 'drawing-revision-requested'] : ['drawing-sent']),
      provides: ['drawing'],
    },
    {
      stage: 'price-review',
      done: (s) => f(s).priceApproved === true,
      expects: () => ['price-approved', 'price-disputed'],
      provides: ['priceApproved'],
    },
    {
      // Orders started before the approval ran beside the reviews: in line after the price review.
      stage: 'supervisor-approval',
      when: (s) => needsSupervisor(s) && !approvalBesideReviews(s),
      condition: 'large or custom, orders started earlier',
      done: (s) => f(s).supervisorApproved === true,
      expects: () => ['supervisor-approved'],
      provides: ['supervisorApproved'],
    },
    steps.deliveryEstimate,
    steps.confirmation,
    steps.confirmationReturn,
    depositStep('terms with a deposit'),
    {
      // Asked for at confirmation, approved beside the reviews: production waits for it (001 ch.2, ch.5).
      stage: 'production-approval',
      when: (s) => needsSupervisor(s) && approvalBesideReviews(s),
      condition: 'large or custom',
      done: (s) => f(s).supervisorApproved === true,
      expects: () => ['supervisor-approved'],
      provides: [],
    },
    steps.productionNotice,
    steps.production,
    steps.putAway,
    {
      stage: 'release',
      // A class A order over the credit limit ships on credit only once a supervisor approves it (002 §13).
      done: (s) =>
        releasable(s) && !creditApprovalPending(s) && (f(s).shippingRequestRef !== undefined || f(s).emergencyRelease !== undefined),
      expects: (s) => [
        ...(creditApprovalPending(s) ? (['credit-approved'] as const) : []),
        ...(f(s).shippingRequestRef === undefined ? (['shipping-requested'] as const) : []),
        ...(f(s).shippingRequestRef === undefined && !f(s).emergencyRelease ? (['emergency-released'] as const) : []),
      ],
      provides: [],
    },
    steps.shipping,
    steps.inTransit,
    {
      stage: 'after-sales',
      done: (s) => f(s).archivedAt !== undefined,
      expects: (s) => [
        'complaint-filed',
        ...(openComplaints(s).length > 0 && !s.complaintWorkflows ? (['complaint-resolved'] as const) : []),
      ],
      provides: ['archivedAt'],
    },
  ],
  // Complaints from the moment the goods are on their way to the customer.
  complaints: { from: 'in-transit' },
  windows: [
    // A change is a versioned amendment, from the price review until the goods ship (001, domain.md §13);
    // finished goods go back to rework, shipped ones are a complaint or a return.
    { from: 'price-review', until: 'in-transit', events: changeEvents },
    sideEvents.deposit('confirmation', 'production-notice'),
    sideEvents.balance('production-notice'),
    sideEvents.delayTold,
    // After an emergency release, the shipping request still comes (手工单后补).
    { from: 'release', events: (s) => (f(s).emergencyRelease && !f(s).shippingRequestRef ? ['shipping-requested'] : []) },
    sideEvents.cancellation('in-transit'),
    // The supervisor approves from the order's confirmation, beside the reviews (orders started since); a
    // class A order over the credit limit has its credit approved any time before it ships.
    {
      from: 'technical-review',
      until: 'production-notice',
      events: (s) => (approvalBesideReviews(s) && needsSupervisor(s) && !f(s).supervisorApproved ? ['supervisor-approved'] : []),
    },
    { from: 'technical-review', until: 'in-transit', events: (s) => (creditApprovalPending(s) ? ['credit-approved'] : []) },
    sideEvents.receivingTime,
    // The ledger's side of the order (orders that have one): invoices once the order is confirmed, the
    // customer's acceptance after sign-off, a write-off once the goods have left, a refund whenever more
    // was received than is owed.
    sideEvents.invoices('confirmation'),
    sideEvents.acceptance('after-sales'),
    sideEvents.writeOff('in-transit'),
    sideEvents.refunds('confirmation'),
    // The sales reps' figures: a callback's rating after sign-off; a supervisor verifies a reported delay as force majeure.
    sideEvents.ratings('after-sales'),
    sideEvents.forceMajeure,
  ],
};

/**
 * A product sample sent to a prospect: confirmed, dispatched, received, done. No price review,
 * production or after-sales, so none of their side events: it can be cancelled until it ships.
 */
export const sampleRoute: Route = {
  events: ['order-confirmed', 'shipped', 'signed-for', 'cancelled'],
  steps: [
    { stage: 'sample-request', done: (s) => f(s).confirmedAt !== undefined, expects: () => ['order-confirmed'], provides: ['confirmedAt'] },
    { stage: 'sample-dispatch', done: (s) => f(s).shippedAt !== undefined, expects: () => ['shipped'], provides: ['shippedAt'] },
    { stage: 'sample-delivery', done: (s) => f(s).signedForAt !== undefined, expects: () => ['signed-for'], provides: ['signedForAt'] },
  ],
  windows: [{ until: 'sample-delivery', events: () => ['cancelled'] }],
};

/** Each channel's route; the registry (workflows/channels.ts) names them with their workflows. */
export const routes: Record<Channel, Route> = {
  standard: standardRoute,
  sample: sampleRoute,
  // store channel
  store: storeRoute,
  // distributor
  distributor: distributorRoute,
  // group order channel (团订, 003)
  group: groupRoute,
  // industrial contract channel (004)
  contract: contractRoute,
};

/** A change request, one step at a time: assessed by production, its price approved, confirmed by the customer. */
function changeEvents(s: OrderState): EventType[] {
  switch (pendingAmendment(s)?.state) {
    case undefined:
      return ['change-requested'];
    case 'requested':
      return ['change-assessed', 'change-rejected'];
    case 'awaiting-price-approval':
      return ['change-price-approved', 'change-rejected'];
    default:
      return ['change-confirmed', 'change-rejected'];
  }
}

/** Whether the order's channel takes the event type at some point (a sample order has no approvals, say). */
export const routeTakes = (s: OrderState, type: EventType) => routeOf(s).events?.includes(type) ?? true;

const isChange = (type: EventType) => type.startsWith('change-');
/** Whether the route takes change requests at some point (the sample route does not). */
const takesChanges = (route: Route) => route.events?.includes('change-requested') ?? true;

const routeOf = (s: OrderState): Route => routes[s.order.channel];
/**
 * A stage's position on its route (-1: not on it). Every window check and the stage the facts put the order in
 * ask for positions, on every look at the order: each route's are found once (routes are constant data).
 */
function indexOf(route: Route, stage: Stage): number {
  let positions = stagePositions.get(route);
  if (!positions) {
    positions = new Map(route.steps.map((step, index) => [step.stage, index] as const).reverse());
    stagePositions.set(route, positions);
  }
  return positions.get(stage) ?? -1;
}
const stagePositions = new WeakMap<Route, Map<Stage, number>>();
/** The route's step for a stage (undefined: not on it). */
const stepOf = (route: Route, stage: Stage): RouteStep | undefined => route.steps[indexOf(route, stage)];

/** The stage the facts put the order in; never earlier than where it is (an amendment does not send it back). */
export function currentStage(s: OrderState): Stage {
  if (s.stage === 'cancelled' || s.stage === 'archived') return s.stage;
  const { steps } = routeOf(s);
  const next = steps.slice(Math.max(0, indexOf(routeOf(s), s.stage))).find((step) => (step.when?.(s) ?? true) && !step.done(s));
  // The order is not archived while a complaint is in progress: it stays where it is until the complaint is done.
  if (!next && complaintsInProgress(s).length > 0) return s.stage;
  return next?.stage ?? 'archived';
}

/** Moves the order to the stage its facts put it in, recording any change of status. */
export function advance(s: OrderState, at: string) {
  moveTo(s, at, currentStage(s));
}

/** The order is closed and archived: the warranty has ended and everything is paid (建档). */
export function archive(s: OrderState, at: string) {
  s.facts.archivedAt = at;
  advance(s, at);
}

/** Whether the order, open and in a stage of its route, is inside the window. */
function inside(route: Route, s: OrderState, window: Span): boolean {
  const at = indexOf(route, s.stage);
  if (at < 0) return false;
  return (
    (window.from === undefined || at >= indexOf(route, window.from)) && (window.until === undefined || at < indexOf(route, window.until))
  );
}

// ---- what the order waits for now --------------------------------------------------------------

/** The main line's next step alone (what the status board shows as owed), without the side events of the open windows. */
export function nextStep(s: OrderState): EventType[] {
  const step = stepOf(routeOf(s), s.stage);
  return step ? [...step.expects(s)] : [];
}

/** The events the order accepts in its current state: the main line's next step and the open windows. */
export function expectedEvents(s: OrderState): EventType[] {
  // A cancelled order that received money stays open until it is settled: finance says what it keeps, and refunds the rest.
  if (s.stage === 'cancelled') {
    if (!s.ledger || isSettled(s)) return [];
    return [...(s.ledger.kept ? [] : (['cancellation-costs-kept'] as const)), ...(refundDue(s) > 0 ? (['refund-paid'] as const) : [])];
  }
  const route = routeOf(s);
  const expected = new Set<EventType>(stepOf(route, s.stage)?.expects(s) ?? []);
  for (const window of route.windows) {
    if (inside(route, s, window)) for (const type of window.events(s)) expected.add(type);
  }
  if (s.complaintWorkflows) {
    if (route.complaints && inside(route, s, route.complaints)) expected.add('complaint-filed');
    if (compensable(s).length > 0) expected.add('complaint-compensation-agreed');
  }
  return route.events ? [...expected].filter((type) => route.events!.includes(type)) : [...expected];
}

/** Why an event does not fit: the sender's role may not send it, the order does not expect it now, or it pays more than is due. */
export interface Misfit {
  kind: 'not-permitted' | 'not-expected' | 'amount-above-due';
  message: string;
  /** For `amount-above-due`: what is still due on the order, in fen. */
  amountDue?: number;
}

/** The permission matrix alone: checked first, so a role that may not send an event is refused on a retry too. */
export function whyNotPermitted(s: OrderState, event: OrderEvent): Misfit | undefined {
  const allowed = rolesFor(s.policy, event.type);
  if (!allowed.includes(event.actor.role))
    return { kind: 'not-permitted', message: `${event.actor.role} may not send ${event.type} (allowed: ${allowed.join(', ')})` };
  // Only the customer confirms a change: anyone else does so on the customer's written confirmation.
  if (event.type === 'change-confirmed' && event.actor.role !== 'customer' && event.data.confirmationRef === undefined)
    return {
      kind: 'not-permitted',
      message: `${event.actor.role} confirms a change for the customer only with the reference of their written confirmation (confirmationRef)`,
    };
  return undefined;
}

export function whyNotApplicable(s: OrderState, event: OrderEvent): Misfit | undefined {
  const notPermitted = whyNotPermitted(s, event);
  if (notPermitted) return notPermitted;
  const message = whyNotExpected(s, event);
  if (message !== undefined) return { kind: 'not-expected', message };
  return aboveDue(s, event);
}

/**
 * Money is never taken beyond what is owed: a payment above the balance (unless finance takes the surplus
 * as a credit), a refund above the refund due, a write-off above the balance, costs kept above what was
 * received, an invoice above what is not yet invoiced, compensation above what the contract is still
 * worth. Each refusal names the amount that may be taken.
 */
function aboveDue(s: OrderState, event: OrderEvent): Misfit | undefined {
  const limit = limitOf(s, event);
  if (!limit || limit.amount <= limit.due) return undefined;
  return { kind: 'amount-above-due', amountDue: limit.due, message: `${limit.amount} fen is more than the ${limit.due} fen ${limit.what}` };
}

function limitOf(s: OrderState, event: OrderEvent): { amount: number; due: number; what: string } | undefined {
  const totals = s.ledger && totalsOf(s, s.ledger);
  switch (event.type) {
    case 'payment-received':
      return event.data.asCredit ? undefined : { amount: event.data.amount, due: balanceDue(s), what: 'still due on the order' };
    case 'deposit-received':
      return { amount: event.data.amount, due: balanceDue(s), what: 'still due on the order' };
    case 'customer-told-of-delay':
    case 'complaint-resolved':
      return totals && event.data.compensation
        ? { amount: event.data.compensation, due: Math.max(0, totals.contract), what: 'the contract is still worth' }
        : undefined;
    case 'complaint-compensation-agreed':
      return totals && { amount: event.data.amount, due: Math.max(0, totals.contract), what: 'the contract is still worth' };
    case 'refund-paid':
      return { amount: event.data.amount, due: refundDue(s), what: 'of refund due' };
    case 'receivable-written-off':
      return { amount: event.data.amount, due: balanceDue(s), what: 'still due on the order' };
    case 'cancellation-costs-kept':
      return totals && { amount: event.data.amount, due: totals.received - totals.refunded, what: 'received from the customer' };
    case 'invoice-issued':
      return totals && { amount: event.data.amount, due: Math.max(0, totals.contract - totals.invoiced), what: 'not yet invoiced' };
    default:
      return undefined;
  }
}

function whyNotExpected(s: OrderState, event: OrderEvent): string | undefined {
  if (!expectedEvents(s).includes(event.type)) {
    const expects = `the order is at stage ${s.stage} and expects ${expectedEvents(s).join(', ') || 'no events'}`;
    if (event.type === 'shipped' && s.stage === 'shipping' && receivingTimePending(s))
      return `the customer's receiving time is not confirmed: record the date and time window agreed with the customer (receiving-time-confirmed) before dispatch; ${expects}`;
    if (event.type === 'shipped' && creditApprovalPending(s) && routeTakes(s, 'credit-approved'))
      return `the order takes the customer over their credit limit: a supervisor approves the credit (credit-approved) before it ships; ${expects}`;
    if (isChange(event.type) && s.facts.shippedAt !== undefined && takesChanges(routeOf(s)))
      return `the goods have shipped: a change now is a complaint or a return (complaint-filed), not an amendment; ${expects}`;
    const refusal = routeOf(s).refusal?.(s, event.type);
    return refusal ? `${refusal}; ${expects}` : expects;
  }
  const misfit = routeOf(s).misfit?.(s, event);
  if (misfit !== undefined) return misfit;
  switch (event.type) {
    case 'drawing-confirmed':
    case 'drawing-revision-requested':
    case 'window-configuration-confirmed':
      return event.data.version === s.facts.drawing?.version
        ? undefined
        : `drawing version ${s.facts.drawing?.version} is the one sent, not ${event.data.version}`;
    case 'drawing-sent': {
      const next = (s.facts.drawing?.version ?? 0) + 1;
      return event.data.version === next ? undefined : `the next drawing version is ${next}`;
    }
    case 'change-assessed':
    case 'change-price-approved':
    case 'change-confirmed':
    case 'change-rejected':
      if (pendingAmendment(s)?.version !== event.data.version)
        return `amendment ${pendingAmendment(s)?.version} is the one pending, not ${event.data.version}`;
      return event.type === 'change-assessed' && event.data.feasible && !event.data.lines && !event.data.newPromisedDate
        ? 'a feasible change names the amended lines with their prices, or the new promised date'
        : undefined;
    case 'invoice-issued':
      return s.ledger!.invoices.some((i) => i.number === event.data.invoiceNumber)
        ? `invoice ${event.data.invoiceNumber} is already recorded (to correct it, void it and issue the corrected one under a new number)`
        : undefined;
    case 'invoice-voided':
      return s.ledger!.invoices.some((i) => i.number === event.data.invoiceNumber && !i.voided)
        ? undefined
        : `invoice ${event.data.invoiceNumber} is not a valid invoice of this order`;
    case 'force-majeure-verified': {
      const delay = s.delays[event.data.delay - 1];
      if (delay && delay.forceMajeure === undefined) return undefined;
      const open = unverifiedDelays(s).map((d) => s.delays.indexOf(d) + 1);
      return `delay ${event.data.delay} is not a reported delay awaiting verification (awaiting: ${open.join(', ') || 'none'})`;
    }
    case 'complaint-compensation-agreed':
      return compensable(s).some((c) => c.number === event.data.complaintNumber)
        ? undefined
        : `complaint ${event.data.complaintNumber} is not an open complaint of this order (open: ${
            compensable(s)
              .map((c) => c.number)
              .join(', ') || 'none'
          })`;
    case 'complaint-resolved':
      return openComplaints(s).some((c) => c.number === event.data.complaintNumber)
        ? undefined
        : `complaint ${event.data.complaintNumber} is not open (open: ${
            openComplaints(s)
              .map((c) => c.number)
              .join(', ') || 'none'
          })`;
    default:
      return undefined;
  }
}
