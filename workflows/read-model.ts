import { condition, proxyLocalActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { patched } from './patches';
import type { createActivities } from '../activities';
import { now } from './clock';
import { durationMs } from './domain/duration';
import type { EventType } from './domain/events';
import type { Role } from './domain/order';
import { nextStep } from './domain/route';
import { readModelQuery } from './messages';
import { headlineOf, type OrderSnapshot } from './domain/snapshot';
import { rolesFor } from './domain/permissions';
import { currentLines, type OrderState, type TimelineEntry } from './domain/state';
import { daysLate, finishedAt } from './domain/watch';

// The company's view of its orders (the status board, KPIs, customer history) is a relational read
// model outside Temporal. Each order writes its own row there through an idempotent activity: once
// per burst of changes, with a revision that only grows (carried over continue-as-new), so a retry
// or a late attempt never moves the row backwards. Orders that started before the read model existed
// replay as they ran and begin projecting once they run live on this code.

/** The patch under which an order projects itself into the read model. */
export const READ_MODEL_PATCH = 'read-model-projection';
/** The patch under which a run projects the pieces ordered (the weekly report's). */
const PROJECTION_PIECES = 'projection-pieces';
/**
 * The patch under which the order is projected (and its search attributes upserted) once the journey is in
 * step with it: an event that moves the order on was projected at once, and again a pass later when the next
 * stage had opened its clocks (two local activities an event). Runs begun before replay as they ran.
 */
export const IN_STEP_WITH_JOURNEY = 'in-step-with-journey';

/** One order's row in the read model: what the board, the KPIs and the customer history read. */
export interface OrderProjection extends Pick<
  OrderSnapshot,
  | 'orderNumber'
  | 'channel'
  | 'status'
  | 'stage'
  | 'customer'
  | 'salesRep'
  | 'receivedAt'
  | 'promisedDate'
  | 'originalPromisedDate'
  | 'amount'
  | 'depositDue'
  | 'received'
  | 'balanceDue'
  | 'refundDue'
  | 'openClocks'
  | 'complaints'
> {
  /** Grows with every projection of the order; the read model keeps the highest. */
  revision: number;
  /** When the goods were finished (put away, or shipped where nothing is put away): the promised date is for this. */
  finishedAt: string | null;
  /** Company days (as the order's overdue policy counts them) the goods were finished after the promised date, once they are (null before). */
  daysLate: number | null;
  /** The main line's next step, who may send it, and since when the order waits in this stage. */
  nextEvents: EventType[];
  owedBy: Role[];
  stageSince: string;
  /** KPI facts, each null until it is known: first confirmation within the policy's time, progress never reminded, delays told in time. */
  firstConfirmationOnTime: boolean | null;
  progressOnTime: boolean | null;
  delaysReported: number;
  delaysToldOnTime: number;
  // The facts of 001 ch.7 that came later: absent, not zero or empty, on an order without them, so that its
  // row as last written stays the same and a run that continued as new does not project it again on replay.
  /** Delays a supervisor verified as force majeure: the rep is not charged with them. */
  forceMajeureDelays?: number;
  /** The customer's ratings (1–5), at sign-off or an after-sales callback. */
  ratings?: { rating: number; at: string; source: 'sign-off' | 'callback' }[];
  /** The pieces ordered (the current lines' quantities): the weekly report counts them where the projection carries them. */
  pieces?: number;
  // distributor
  /** A distributor order's outbound notice (出库通知单), once issued, and when the distributor signed it (统计). */
  outboundNotice?: { ref: string; issuedAt: string; signedAt: string | null };
}

/** What one projection carries: the row, and the timeline entries not yet written (numbered from 0 in the order's timeline). */
export interface ProjectionBatch {
  order: OrderProjection;
  firstEntry: number;
  entries: TimelineEntry[];
}

/**
 * The order's row. `withPieces`: the row carries the pieces ordered, which runs begun before the weekly
 * report existed did not project (patched: a row of another shape would be written again on replay).
 */
export function projectionOf(s: OrderState, revision: number, withPieces = true): OrderProjection {
  const { clocks } = s.policy;
  const finished = finishedAt(s) ?? null;
  const next = nextStep(s);
  const within = (from: string, to: string, limit: string) => Date.parse(to) - Date.parse(from) <= durationMs(limit);
  const escalated = (clock: string) => s.timeline.some((e) => e.kind === 'escalation' && e.type === clock);
  return {
    ...headlineOf(s),
    revision,
    finishedAt: finished,
    daysLate: finished ? daysLate(s, Date.parse(finished)) : null,
    nextEvents: next,
    owedBy: [...new Set(next.flatMap((type) => rolesFor(s.policy, type)))],
    stageSince: s.projected?.stage === s.stage ? s.projected.stageSince : now(),
    openClocks: s.openClocks,
    complaints: s.complaints,
    firstConfirmationOnTime: s.facts.confirmedAt
      ? within(s.receivedAt, s.facts.confirmedAt, clocks.firstConfirmation.after)
      : escalated('first-confirmation')
        ? false
        : null,
    progressOnTime: s.facts.productionNoticeAt ? !s.timeline.some((e) => e.kind === 'reminder' && e.type === 'progress-update') : null,
    delaysReported: s.delays.length,
    delaysToldOnTime: s.delays.filter((d) => d.toldAt && within(d.reportedAt, d.toldAt, clocks.delayNotice.after)).length,
    ...laterFacts(s),
    ...(withPieces && { pieces: currentLines(s).reduce((sum, line) => sum + line.quantity, 0) }),
    // distributor
    ...outboundNoticeOf(s),
  };
}

/** The distributor's outbound notice, absent on every order without one (their rows stay as they were). */
function outboundNoticeOf(s: OrderState): Pick<OrderProjection, 'outboundNotice'> {
  const notice = s.distributor?.outboundNotice;
  return notice ? { outboundNotice: { ref: notice.ref, issuedAt: notice.issuedAt, signedAt: notice.signedAt ?? null } } : {};
}

function laterFacts(s: OrderState): Pick<OrderProjection, 'forceMajeureDelays' | 'ratings'> {
  const forceMajeureDelays = s.delays.filter((d) => d.forceMajeure).length;
  return {
    ...(forceMajeureDelays > 0 && { forceMajeureDelays }),
    ...(s.satisfaction?.length && { ratings: s.satisfaction.map(({ rating, at, source }) => ({ rating, at, source })) }),
  };
}

/**
 * A local activity: the worker writes the row itself, and history records one marker instead of an
 * activity's three events and the workflow task that follows. The read model is ours and may be
 * down for a while: the order goes on, its projection is retried until it lands.
 */
const { projectOrder } = proxyLocalActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Whether anything the company's views show of the order can have changed since the last look that said so:
 * whatever changes it writes a timeline entry or opens or closes a clock (a new array). Temporal evaluates every
 * waiting condition after every activation; with this, a view computes what it shows again only after a change.
 * `lookedAt`: the order as it is now counts as seen (else the first look says it moved).
 */
export function orderWatch(s: OrderState, lookedAt: boolean) {
  let entries = lookedAt ? s.timeline.length : -1;
  let clocks = s.openClocks;
  return {
    moved: () => {
      if (s.timeline.length === entries && s.openClocks === clocks) return false;
      entries = s.timeline.length;
      clocks = s.openClocks;
      return true;
    },
    /** The next look says it moved. */
    forget: () => {
      entries = -1;
    },
  };
}

/** The order's row in the read model: whether it is behind the order, the write that brings it up to date, and whether it is up to date. */
export interface ReadModelRow {
  behind(): boolean;
  write(): Promise<void>;
  current(): boolean;
}

/** Answers the read model's query: the order's row as it is now, with its whole timeline (a rebuild of the read model reads it). */
export function answerReadModelQuery(s: OrderState): void {
  setHandler(readModelQuery, () => ({ order: projectionOf(s, s.projected?.revision ?? 0), firstEntry: 0, entries: s.timeline }));
}

/**
 * The order's row, written by one idempotent projection per write (Temporal evaluates waiting
 * conditions after each activation, so the events of one activation make one projection).
 * `withPieces`: as projectionOf.
 */
export function readModelRow(s: OrderState, withPieces: boolean): ReadModelRow {
  let busy = false;
  // A run that continued as new does not write again what the last run wrote.
  let sent = s.projected?.shown ?? '';
  const shown = () => JSON.stringify(projectionOf(s, 0, withPieces));
  const watch = orderWatch(s, false);
  return {
    behind: () => watch.moved() && (s.timeline.length !== (s.projected?.entries ?? 0) || shown() !== sent),
    write: async () => {
      busy = true;
      const revision = (s.projected?.revision ?? 0) + 1;
      const order = projectionOf(s, revision, withPieces);
      const firstEntry = s.projected?.entries ?? 0;
      const batch = s.timeline.slice(firstEntry);
      await projectOrder({ order, firstEntry, entries: batch });
      sent = JSON.stringify({ ...order, revision: 0 });
      s.projected = { revision, entries: firstEntry + batch.length, stage: order.stage, stageSince: order.stageSince, shown: sent };
      busy = false;
      watch.forget(); // look again: the order may have moved on while the projection was written
    },
    current: () => !busy && s.projected?.entries === s.timeline.length && shown() === sent,
  };
}

/**
 * Keeps the order's row current with a wait of its own, for runs begun before the company's views
 * were kept by one wait (order-runtime.ts): a projection once `inStep()` holds (the journey has
 * started the work of the order's stage). Returns whether the read model has the order as it is now,
 * for the order to wait on before it closes.
 */
export function keepReadModelCurrent(s: OrderState, inStep: () => boolean): () => boolean {
  answerReadModelQuery(s);
  let row: ReadModelRow | undefined;
  void (async () => {
    // An order from before the read model replays without it, and starts projecting once it runs live.
    while (!patched(READ_MODEL_PATCH)) await condition(() => !workflowInfo().unsafe.isReplaying);
    const projecting = readModelRow(s, patched(PROJECTION_PIECES));
    const due = patched(IN_STEP_WITH_JOURNEY) ? () => inStep() && projecting.behind() : projecting.behind;
    row = projecting;
    for (;;) {
      await condition(due);
      await projecting.write();
    }
  })();
  return () => !row || row.current();
}
