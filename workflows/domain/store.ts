import type { EventType, OrderEvent, StoreVisit } from './events';
import { instalmentsOf } from './ledger';
import type { Role } from './order';
import type { storePermissions } from './permissions';
import type { Route, RouteStep } from './route';
import { choiceZh } from './field-labels';
import { notify, releasable, saying, setPromisedDate, type OrderState, type Stage } from './state';
import { depositStep, sideEvents, steps } from './route-library';

// The store channel (门店, 000 §二): a retail order sold in the company's own store, measured on site,
// its steel sub-frames installed before the windows are re-measured and made, then installed and
// accepted by the customer. Its route as data, and what its own events change (apply.ts dispatches
// to them); its stages' work is in workflows/store-order.ts.

const f = (s: OrderState) => s.facts;

/** Each site visit: the stage it is booked in, the event that says it was done, and who goes or hears of the booking. */
export const visits: Record<StoreVisit, { stage: Stage; doneBy: EventType; done: (s: OrderState) => boolean; told: readonly Role[] }> = {
  measurement: { stage: 'site-measurement', doneBy: 'site-measured', done: (s) => f(s).measuredAt !== undefined, told: ['technical'] },
  'sub-frame-installation': {
    stage: 'sub-frame-installation',
    doneBy: 'sub-frame-installed',
    done: (s) => f(s).subFrameInstalledAt !== undefined,
    told: ['service'],
  },
  're-measurement': { stage: 're-measurement', doneBy: 're-measured', done: (s) => f(s).reMeasuredAt !== undefined, told: ['technical'] },
  // The marketing assistant coordinates the store, logistics and the installation team (000 §二 15).
  installation: {
    stage: 'installation',
    doneBy: 'installed',
    done: (s) => f(s).installedAt !== undefined,
    told: ['service', 'warehouse', 'sales-rep'],
  },
};

/** The visit's current appointment: the latest booked (a reschedule is booked after the one it replaces). */
export const appointmentOf = (s: OrderState, visit: StoreVisit) => [...(s.appointments ?? [])].reverse().find((a) => a.visit === visit);

/** A visit's stage: its appointment is booked, then the visit is done (or the appointment moved). */
function visitStep(visit: StoreVisit, provides: RouteStep['provides']): RouteStep {
  const { stage, doneBy, done } = visits[visit];
  return {
    stage,
    done,
    expects: (s) => (appointmentOf(s, visit) ? [doneBy, 'appointment-scheduled'] : ['appointment-scheduled']),
    provides,
  };
}

/** What is still unpaid of the intention deposit (意向金) in the order's payment plan. */
export function intentionDepositOutstanding(s: OrderState): number {
  if (!s.ledger) return 0;
  return instalmentsOf(s, s.ledger, 0)
    .filter((i) => i.name === 'intention-deposit')
    .reduce((sum, i) => sum + i.amount - i.paid - i.writtenOff, 0);
}

/** The deepened drawings: technical sends a version, the customer confirms it with the configuration or asks for a revision. */
const drawingEvents = (s: OrderState): EventType[] =>
  f(s).drawing?.state === 'sent' ? ['window-configuration-confirmed', 'drawing-revision-requested'] : ['drawing-sent'];

/**
 * The store route (domain.md §4): intent letter and intention deposit, site measurement, drawings
 * deepened and confirmed, the marketing assistant's review, the final quote, the contract, the
 * advance, the production notice, steel sub-frames made and installed first, re-measurement, the
 * finished-window order, production, put-away, the balance per contract, installation, acceptance,
 * after-sales.
 */
export const storeRoute: Route = {
  steps: [
    {
      stage: 'intent-letter',
      done: (s) => f(s).intentLetter !== undefined,
      expects: () => ['intent-letter-signed'],
      provides: ['intentLetter'],
    },
    {
      stage: 'intention-deposit',
      when: (s) => intentionDepositOutstanding(s) > 0,
      condition: 'an intention deposit in the plan',
      done: (s) => intentionDepositOutstanding(s) === 0,
      expects: () => ['deposit-received'],
      provides: [],
    },
    visitStep('measurement', ['measuredAt']),
    { stage: 'drawings', done: (s) => f(s).drawing?.state === 'confirmed', expects: drawingEvents, provides: ['drawing'] },
    {
      // A submission the marketing assistant sends back is revised and confirmed again in this stage.
      stage: 'submission-review',
      done: (s) => f(s).submissionApprovedAt !== undefined,
      expects: (s) => (f(s).drawing?.state === 'confirmed' ? ['submission-reviewed'] : drawingEvents(s)),
      provides: ['submissionApprovedAt'],
    },
    {
      stage: 'final-quote',
      done: (s) => f(s).quoteAcceptedAt !== undefined,
      expects: () => ['quote-accepted'],
      provides: ['quoteAcceptedAt'],
    },
    {
      // The contract, signed in the store: the order's signed confirmation (the advance falls due with it).
      stage: 'confirmation-return',
      done: (s) => f(s).signedReturnAt !== undefined,
      expects: () => ['signed-confirmation-returned'],
      provides: ['signedReturnAt'],
    },
    depositStep('an advance in the plan'),
    steps.productionNotice,
    {
      stage: 'sub-frame-production',
      done: (s) => f(s).subFrameMadeAt !== undefined,
      expects: () => ['sub-frame-made'],
      provides: ['subFrameMadeAt'],
    },
    visitStep('sub-frame-installation', ['subFrameInstalledAt']),
    visitStep('re-measurement', ['reMeasuredAt']),
    {
      // 成窗加工单: the technical order, from the re-measured openings.
      stage: 'finished-window-order',
      done: (s) => f(s).technicalOrderAt !== undefined,
      expects: () => ['technical-order-issued'],
      provides: ['technicalOrderAt'],
    },
    {
      stage: 'production',
      done: (s) => f(s).qcPassedAt !== undefined,
      expects: () => ['progress-reported', 'delay-reported', 'qc-passed', 'qc-failed'],
      provides: ['qcPassedAt'],
    },
    steps.putAway,
    // The store is told and the customer pays per the contract; installation is arranged once paid.
    { stage: 'installation-payment', done: releasable, expects: () => ['payment-received'], provides: [] },
    visitStep('installation', ['installedAt']),
    { stage: 'acceptance', done: (s) => f(s).acceptedAt !== undefined, expects: () => ['goods-accepted'], provides: ['acceptedAt'] },
    steps.afterSales,
  ],
  // A complaint from the sub-frame installation on: the customer has work on site (000 §三).
  complaints: { from: 'sub-frame-installation' },
  misfit: (s, event) => (event.type === 'appointment-scheduled' ? appointmentMisfit(s, event) : undefined),
  windows: [
    // The intention deposit and the advance may be paid early; the balance from the production notice.
    sideEvents.deposit('intention-deposit', 'production-notice'),
    sideEvents.balance('production-notice'),
    sideEvents.delayTold,
    sideEvents.forceMajeure,
    sideEvents.cancellation('installation'),
    // The ledger's side: invoices once the contract is signed, a refund of whatever was paid beyond what is owed.
    sideEvents.invoices('confirmation-return'),
    sideEvents.refunds('confirmation-return'),
    sideEvents.writeOff('acceptance'),
    sideEvents.ratings('after-sales'),
  ],
};

/** Why an appointment does not fit: it is for another visit than the one the order waits for, or it moves one without a reason. */
export function appointmentMisfit(s: OrderState, event: Extract<OrderEvent, { type: 'appointment-scheduled' }>): string | undefined {
  const waiting = (Object.keys(visits) as StoreVisit[]).find((visit) => visits[visit].stage === s.stage)!;
  const { visit, reason } = event.data;
  if (visit !== waiting) return `the order waits for the ${waiting} visit, not the ${visit} visit`;
  const booked = appointmentOf(s, visit);
  if (booked && reason === undefined)
    return `the ${visit} visit is booked for ${booked.date} (${booked.team}): give the reason to reschedule it`;
  return undefined;
}

type StoreEventType = keyof typeof storePermissions;

/** What the store channel's events change (apply.ts). */
export const storeHandlers: { [T in StoreEventType]: (s: OrderState, event: Extract<OrderEvent, { type: T }>, at: string) => void } = {
  'intent-letter-signed': (s, event, at) => {
    s.facts.intentLetter = { ...event.data, at };
  },
  'appointment-scheduled': (s, event, at) => {
    const { visit, date, team, reason } = event.data;
    const earlier = appointmentOf(s, visit);
    s.appointments = [...(s.appointments ?? []), { visit, date, team, bookedAt: at, by: event.actor, ...(reason && { reason }) }];
    const booked = {
      zh: `${choiceZh(visit)}：${date}，${team}${earlier ? `（由 ${earlier.date} 改期：${reason}）` : ''}`,
      en: `${visit} visit on ${date} by ${team}${earlier ? ` (moved from ${earlier.date}: ${reason})` : ''}`,
    };
    for (const to of visits[visit].told) notify(s, at, { kind: 'notification', type: 'appointment', to, ...saying(booked) });
  },
  'site-measured': (s, _, at) => {
    s.facts.measuredAt = at;
  },
  'window-configuration-confirmed': (s, event) => {
    s.facts.drawing = { version: event.data.version, state: 'confirmed' };
    s.facts.windowConfiguration = event.data;
  },
  'submission-reviewed': (s, event, at) => {
    if (event.data.approved) {
      s.facts.submissionApprovedAt = at;
      return;
    }
    // Back to technical for revised drawings, which the customer confirms again before the next review.
    s.facts.drawing = { version: s.facts.drawing!.version, state: 'revision-requested' };
    for (const to of ['technical', 'sales-rep'] as const)
      notify(s, at, {
        kind: 'notification',
        type: 'submission-returned',
        to,
        ...saying({
          zh: `营销助理退回第 ${s.facts.drawing.version} 版图纸：${event.data.comment ?? '请修改'}`,
          en: `the marketing assistant returned drawing v${s.facts.drawing.version}: ${event.data.comment ?? 'revise it'}`,
        }),
      });
  },
  'quote-accepted': (s, event, at) => {
    s.facts.quoteAcceptedAt = at;
    if (event.data.promisedDate) setPromisedDate(s, at, event.data.promisedDate, 'final quote accepted');
  },
  'sub-frame-made': (s, _, at) => {
    s.facts.subFrameMadeAt = at;
  },
  'sub-frame-installed': (s, _, at) => {
    s.facts.subFrameInstalledAt = at;
  },
  're-measured': (s, _, at) => {
    s.facts.reMeasuredAt = at;
  },
  installed: (s, _, at) => {
    s.facts.installedAt = at;
  },
};
