import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  continueAsNew,
  isCancellation,
  log,
  ParentClosePolicy,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { orderComplaint } from './complaint';
import { beginRun, patched } from './patches';
import { complaintInputOf, takeComplaintReport } from './domain/complaints';
import type { createActivities } from '../activities';
import { clockClosing, clocksSettled, now, unlessCancelled } from './clock';
import type { OrderEvent } from './domain/events';
import type { IsoDate } from './domain/order';
import { localDateTime, startOfDate } from './domain/calendar';
import { snapshotOf, type OrderSnapshot } from './domain/snapshot';
import { apply } from './domain/apply';
import { advance, expectedEvents, whyNotApplicable, whyNotPermitted, type Fact, type Misfit } from './domain/route';
import { checkEvent, startIssues } from './domain/validate';
import { CHANGE_ORDERS, isChangeSignal, judgedBeforeChangeOrders } from './domain/changes-before-assessment';
import {
  balanceDue,
  complaintsInProgress,
  deadLetter,
  delivered,
  isLate,
  openOrder,
  received,
  recordRejected,
  refundDue,
  resend,
  toldOfCancellation,
  type OrderState,
  type Stage,
} from './domain/state';
import {
  complaintReportSignal,
  complaintWorkflowIdOf,
  DEAD_LETTER_NOT_FOUND,
  deadLettersQuery,
  EVENT_AMOUNT_ABOVE_DUE,
  EVENT_INVALID,
  EVENT_KEY_REUSED,
  EVENT_NOT_EXPECTED,
  EVENT_NOT_PERMITTED,
  eventSignal,
  refusalZh,
  resendNotice,
  snapshotQuery,
  submitEvent,
  timelineQuery,
  type OrderWorkflowInput,
  type StartOrder,
} from './messages';
import { answerReadModelQuery, IN_STEP_WITH_JOURNEY, keepReadModelCurrent, orderWatch, readModelRow } from './read-model';
import { daysLate } from './domain/watch';
import { bilingual, channelLabels, clockLabels, eventTypeLabels, noticeSummary, stageLabels, statusLabels } from './domain/labels';
import { yuan } from './domain/money';
import type { OrderAtNotice } from '../activities/outbox';
import * as sa from './search-attributes';
import { CONTINUE_AS_NEW_IN_RUNTIME, tell, withoutEntryNotices } from './stages/notices';
import { refundAfterCancellation } from './stages/receivables';

// What every channel's workflow shares around its journey: one way in for events (update and
// signal), one way out for messages (the outbox activity), the search attributes kept current,
// and cancellation. A channel file only says which stages its orders go through.

/** The outbox activity, tried `attempts` times in all (a permanent refusal is not retried at all). */
const outbox = (attempts: number) =>
  proxyActivities<ReturnType<typeof createActivities>>({
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: attempts },
  });

/** What a stage does while the order is in it (tell people, run clocks), and the facts it reads. */
export interface StageWork {
  (s: OrderState): Promise<void>;
  /** Facts an earlier stage of the route must have set (checked for every channel by the registry test). */
  needs?: readonly Fact[];
}

/** What a channel's workflow does while its orders are in each stage of their route. */
export interface ChannelWork {
  /** Runs while the order is in the stage and is cancelled when it moves on. */
  stages: Partial<Record<Stage, StageWork>>;
  /** Runs for the whole life of the order, beside the stages (e.g. the delay-notice clock). */
  sideLines: SideLine[];
}

/** Work beside the stages, for the whole life of the order. */
export interface SideLine {
  (s: OrderState): Promise<void>;
  /**
   * When it first has something to do: until then it is not started. Most side lines wait all their
   * life for a fact that many orders never get (a delay, an emergency release), and a wait holds a
   * few promises, each with its captured stack, in the worker's memory for every open order.
   */
  wakesWhen?: (s: OrderState) => boolean;
}

export async function runOrder(input: OrderWorkflowInput, work: ChannelWork): Promise<OrderSnapshot> {
  beginRun();
  const s = 'resume' in input ? input.resume : open(input);
  const run: Run = { events: 0, delivering: false, closing: false };
  receiveEvents(s, run);
  receiveResends(s);
  receiveComplaints(s);
  void deliverNotices(s, run);
  // The company's views of the order are written once the journey is in step with it, not on the way there.
  const inStep = () => run.working === s.stage;
  const readModelCurrent = patched(VIEWS_IN_ONE_WAIT) ? keepViewsCurrent(s, inStep) : keepEachViewCurrent(s, inStep);
  sideLinesUntilClosed(s, work.sideLines);
  // Whichever comes first: the journey ends, or the run is long enough to continue as new (which throws).
  await Promise.race([journey(s, work, run, 'resume' in input), continueAsNewWhenDue(s, run)]);
  if (s.stage === 'cancelled') {
    // With a ledger, everyone who acted on the order hears of it, and the order stays open until its refund is settled.
    const refund = s.ledger && refundDue(s) > 0;
    const cancelled = {
      zh: `订单已取消：${s.facts.cancelledReason}${refund ? `；已收 ${received(s)} fen，应退 ${refundDue(s)} fen，扣除财务为已做工作保留的部分` : ''}`,
      en: `order cancelled: ${s.facts.cancelledReason}${refund ? `; ${received(s)} fen received, refund due ${refundDue(s)} fen less what finance keeps for work done` : ''}`,
    };
    for (const role of s.ledger ? toldOfCancellation(s) : (['production', 'finance', 'warehouse', 'sales-rep'] as const)) {
      tell(s, 'order-cancelled', role, cancelled);
    }
    if (s.ledger) await refundAfterCancellation(s);
  }
  // Nothing leaves unsent: the outbox drains, and the read model has the order as it closed, before it closes;
  // a complaint still in progress (on a cancelled order) keeps it open, so that its steps are still taken.
  await condition(() => s.pendingNotices.length === 0 && readModelCurrent() && complaintsInProgress(s).length === 0);
  return snapshotOf(s);
}

/**
 * The route moves the order from stage to stage as events are applied (domain/route.ts); here each
 * stage's own work runs for as long as the order stays in it. A run that continued as new resumes
 * its stage's clocks without announcing the stage again.
 */
async function journey(s: OrderState, work: ChannelWork, run: Run, resumed: boolean) {
  const lean = patched(LEAN_JOURNEY);
  while (s.stage !== 'archived' && s.stage !== 'cancelled') {
    const stage = s.stage;
    const stageWork = work.stages[stage];
    const scope = new CancellationScope();
    const start = () => scope.run(() => stageWork!(s)).catch(unlessCancelled);
    const running = stageWork ? (resumed ? withoutEntryNotices(start) : start()) : undefined;
    run.working = stage;
    resumed = false;
    const movedOn = condition(() => s.stage !== stage);
    if (lean) {
      await movedOn;
      scope.cancel();
      await running; // its clocks closed (the stage's work may also have ended early: a single notice)
    } else {
      await Promise.all([running, movedOn.then(() => scope.cancel())]);
    }
  }
  run.working = s.stage;
}
/**
 * The patch under which the journey waits for the order to move on, then for the stage's work to
 * stop, without the promises of an aggregate between (runs begun before replay as they ran: the next
 * stage's work starts a microtask or two apart, which can reorder commands of the same activation).
 */
const LEAN_JOURNEY = 'lean-journey';

/**
 * Temporal keeps at most ~2,000 updates and ~50,000 events in one run; an order lives for months
 * and takes any number of events. So the order continues as new, in whatever stage, when the
 * server suggests it, after `continueAsNewAfterUpdates` events in this run (default 1,000), or
 * once the history holds `continueAsNewAfterEvents` events: after the event handlers in flight
 * have finished, carrying its state, open clocks and unsent notices.
 * Orders that started before this lived by the old rule (after-sales only) when replayed.
 */
async function continueAsNewWhenDue(s: OrderState, run: Run): Promise<void> {
  const { continueAsNewAfterEvents: historyLimit, continueAsNewAfterUpdates: eventLimit = defaultEventsPerRun } = s.policy.rules;
  const due = () => {
    const info = workflowInfo();
    return info.continueAsNewSuggested || run.events >= eventLimit || (historyLimit !== undefined && info.historyLength >= historyLimit);
  };
  const closed = () => s.stage === 'archived' || s.stage === 'cancelled';
  for (;;) {
    // A closed order does not continue: it drains its outbox and ends.
    await condition(() => due() || closed());
    if (closed()) return;
    if (patched(CONTINUE_AS_NEW_IN_RUNTIME)) break;
    // Replaying a run that started before the patch: it continues as new in after-sales, as it did.
    await condition(() => !workflowInfo().unsafe.isReplaying);
  }
  // No message half sent: the outbox starts none, and the one under way finishes (the rest go over); a
  // complaint filed in this run has its workflow started first.
  run.closing = true;
  await condition(() => allHandlersFinished() && !run.delivering && !s.complaints.some((c) => c.started === false));
  return continueAsNew<(input: OrderWorkflowInput) => Promise<unknown>>({ resume: carriedOver(s) });
}

/** This run of the order's workflow (not carried over): events it took, and the outbox's state. */
interface Run {
  events: number;
  delivering: boolean;
  /** Continuing as new: the outbox starts no more messages in this run. */
  closing: boolean;
  /** The stage whose work the journey has started (the order's stage once the journey has caught up with an event). */
  working?: Stage;
}

/** Events per run before continuing as new, well below Temporal's limit of 2,000 updates per run. */
const defaultEventsPerRun = 1000;
/**
 * Idempotency keys carried into the next run: a retry of an event older than the last 2,000 the
 * order applied would be applied again (retries come within minutes, orders take a few a day).
 */
const carriedEventIds = 2000;

function carriedOver(s: OrderState): OrderState {
  const ids = Object.entries(s.appliedEvents);
  return ids.length <= carriedEventIds ? s : { ...s, appliedEvents: Object.fromEntries(ids.slice(-carriedEventIds)) };
}

/** The starter parsed the order form and resolved the policy; a start input that is neither (from the Temporal UI, say) fails the order at once. */
function open({ order, policy, creditCheck }: StartOrder): OrderState {
  const issues = startIssues(order, policy, creditCheck);
  if (issues.length > 0) {
    throw ApplicationFailure.create({ type: EVENT_INVALID, message: 'invalid order or policy', details: [issues], nonRetryable: true });
  }
  // Received when the order was started, not when a busy worker first ran it: its clocks count from then.
  const s = openOrder(order, policy, patched(RECEIVED_AT_START) ? workflowInfo().startTime.toISOString() : now());
  // Orders that started before payment plans replay without a ledger, as they ran.
  if (!patched(PAYMENT_PLANS)) delete s.ledger;
  // Orders started before complaints were their own workflows keep closing them with complaint-resolved.
  if (patched(COMPLAINT_WORKFLOWS)) s.complaintWorkflows = true;
  // Runs started before these settings replay without them (their policy or start input may carry them, from a newer starter).
  if (patched(SUPERVISION_AND_CREDIT)) {
    if (creditCheck) s.creditCheck = creditCheck;
  } else {
    const policy: Partial<OrderState['policy']> = s.policy;
    delete policy.supervision;
    delete policy.shipping;
  }
  advance(s, s.receivedAt); // into the first stage of its channel's route
  return s;
}

/** The patch under which an order is received at its workflow's start time (runs begun before: at their first workflow task's). */
const RECEIVED_AT_START = 'received-at-start';
/** The patch under which the answer to an event waited for the clocks to hold still for two passes (clock.ts). */
const ANSWER_AFTER_CLOCKS = 'answer-after-clocks';
/** The patch under which the answer to an event waits for the journey to catch up with it (`caughtUp`), a cheaper wait. */
const ANSWER_AFTER_JOURNEY = 'answer-after-journey';

/**
 * Resolves once the journey has started the work of the order's stage after the event, and not
 * before the next pass over the waiting conditions: the stage left has closed its clocks and the
 * stage entered has opened its own, and the side lines the event woke (they wake in that pass, and
 * run before this answer does) have opened theirs. One condition, where waiting for the clocks to
 * hold still took several (each a handful of promises, the worker's main cost per event).
 */
function caughtUp(s: OrderState, run: Run): Promise<void> {
  let looked = false;
  return condition(() => {
    if (looked) return run.working === s.stage;
    looked = true;
    return false;
  });
}

/** The patch under which each complaint of a new order is its own child workflow (workflows/complaint.ts). */
const COMPLAINT_WORKFLOWS = 'complaint-child-workflows';
/** The patch under which new orders carry a payment plan and a ledger (and their money clocks). */
const PAYMENT_PLANS = 'payment-plans';
/**
 * The patch under which new orders have the supervisor's approval beside the reviews (asked for at
 * confirmation), the credit check of a class A order, and the receiving time before dispatch.
 */
const SUPERVISION_AND_CREDIT = 'supervision-credit-and-receiving-time';

/**
 * Runs the side lines for as long as the order is open: in one scope, cancelled when the order closes
 * (a scope and a wait for each side line held a few dozen more promises per open order). Runs begun
 * before kept one scope per side line, and replay as they ran: the order of their timers' cancellation differs.
 */
function sideLinesUntilClosed(s: OrderState, sideLines: SideLine[]) {
  if (patched(SIDE_LINES_WHEN_WOKEN)) untilClosed(s, () => startWhenWoken(s, sideLines));
  else if (patched(SIDE_LINES_TOGETHER)) untilClosed(s, () => Promise.all(sideLines.map((sideLine) => sideLine(s))));
  else for (const sideLine of sideLines) untilClosed(s, () => sideLine(s));
}
const SIDE_LINES_TOGETHER = 'side-lines-in-one-scope';
/** The patch under which a side line starts once it wakes (runs begun before started them all at once, a microtask or two apart from this). */
const SIDE_LINES_WHEN_WOKEN = 'side-lines-when-woken';

/** Starts each side line once it wakes, those that sleep looked at by one wait; resolves once all are started. */
async function startWhenWoken(s: OrderState, sideLines: SideLine[]) {
  const asleep = new Set(sideLines);
  for (;;) {
    for (const sideLine of asleep) {
      if (sideLine.wakesWhen && !sideLine.wakesWhen(s)) continue;
      asleep.delete(sideLine);
      void sideLine(s).catch(unlessCancelled);
    }
    if (asleep.size === 0) return;
    await condition(() => {
      for (const sideLine of asleep) if (sideLine.wakesWhen!(s)) return true;
      return false;
    });
  }
}

/** Runs side lines for as long as the order is open. */
function untilClosed(s: OrderState, sideLines: () => Promise<unknown>) {
  const scope = new CancellationScope();
  scope.run(sideLines).catch(unlessCancelled);
  void condition(() => s.stage === 'archived' || s.stage === 'cancelled').then(() => scope.cancel());
}

/** Checks an event against the order; returns why it does not fit, or undefined when it does. */
function check(s: OrderState, raw: unknown): { event?: OrderEvent; problem?: ApplicationFailure } {
  const { event, issues } = checkEvent(raw);
  if (issues)
    return { problem: ApplicationFailure.create({ type: EVENT_INVALID, message: 'invalid event', details: [issues], nonRetryable: true }) };
  // The matrix first: a retry is refused to a role that may not send the event, as the first attempt was.
  const notPermitted = whyNotPermitted(s, event);
  if (notPermitted) return { event, problem: refusal(s, notPermitted) };
  if (event.id !== undefined && event.id in s.appliedEvents) {
    if (s.appliedEvents[event.id] === (event.digest ?? '')) return { event }; // a retry: answered, not applied again
    return {
      event,
      problem: ApplicationFailure.create({
        type: EVENT_KEY_REUSED,
        message: `idempotency key ${event.id} was already used for another event`,
        nonRetryable: true,
      }),
    };
  }
  const misfit = whyNotApplicable(s, event);
  return misfit ? { event, problem: refusal(s, misfit) } : { event };
}

function checkBeforeChangeOrders(s: OrderState, raw: unknown): { event?: OrderEvent; problem?: ApplicationFailure } {
  const { event, refused } = judgedBeforeChangeOrders(s, raw);
  if (!refused) return { event };
  const type = {
    invalid: EVENT_INVALID,
    'not-permitted': EVENT_NOT_PERMITTED,
    'not-expected': EVENT_NOT_EXPECTED,
    'key-reused': EVENT_KEY_REUSED,
  }[refused];
  return {
    event,
    problem: ApplicationFailure.create({
      type,
      message: `${refused.replace('-', ' ')} (as judged before change orders were assessed)`,
      nonRetryable: true,
    }),
  };
}

const failureTypes: Record<Misfit['kind'], string> = {
  'not-permitted': EVENT_NOT_PERMITTED,
  'not-expected': EVENT_NOT_EXPECTED,
  'amount-above-due': EVENT_AMOUNT_ABOVE_DUE,
};

function refusal(s: OrderState, misfit: Misfit): ApplicationFailure {
  return ApplicationFailure.create({
    type: failureTypes[misfit.kind],
    message: misfit.message,
    details: [
      { stage: s.stage, expectedEvents: expectedEvents(s), ...(misfit.amountDue !== undefined ? { amountDue: misfit.amountDue } : {}) },
    ],
    nonRetryable: true,
  });
}

function receiveEvents(s: OrderState, run: Run) {
  const accept = (event: OrderEvent, via?: 'temporal') => {
    run.events++;
    // A retried event (same id) is answered with the current state and applied nothing twice.
    if (event.id !== undefined && event.id in s.appliedEvents) return;
    apply(s, event, now(), via);
  };
  // The validator has checked the event (it is not run again on replay, where history says it was accepted).
  setHandler(
    submitEvent,
    async (event) => {
      accept(event);
      // The answer carries the clocks after the event (runs answered before this keep answering as they did).
      if (patched(ANSWER_AFTER_JOURNEY)) await caughtUp(s, run);
      else if (patched(ANSWER_AFTER_CLOCKS)) await clocksSettled(s);
      return snapshotOf(s);
    },
    {
      // Synchronous on purpose: the SDK ignores a validator's promise. A rejected update leaves no trace in history.
      validator: (event) => {
        const { problem } = check(s, event);
        if (problem) throw problem;
      },
    },
  );
  // The raw signal is the operators' path (Temporal UI, CLI): its claimed actor is not authenticated, so the
  // timeline says the event came through Temporal. The permission matrix still applies to the role it claims:
  // an operator acts on behalf of someone whose duty the event is, and the business rule stays one rule.
  setHandler(eventSignal, (raw) => {
    // A run from before change orders were assessed replays its signalled change events as it judged them then.
    const { event, problem } = isChangeSignal(raw) && !patched(CHANGE_ORDERS) ? checkBeforeChangeOrders(s, raw) : check(s, raw);
    // Orders that took an overpaying signal before overpayments were refused replay as they ran.
    if (problem && (problem.type !== EVENT_AMOUNT_ABOVE_DUE || patched('refuse-overpaying-signals'))) {
      const sender = (raw ?? {}) as Partial<OrderEvent>;
      recordRejected(
        s,
        now(),
        { type: String(sender.type ?? 'unknown') as OrderEvent['type'], actor: sender.actor ?? { id: 'unknown', role: 'system' } },
        { en: problem.message, zh: refusedHere(s, problem.type) },
        'temporal',
      );
      log.info('event rejected', { type: sender.type, why: problem.message });
      return;
    }
    accept(event!, 'temporal');
  });
  setHandler(snapshotQuery, () => snapshotOf(s));
  setHandler(timelineQuery, () => s.timeline);
}

/** A refusal in Chinese, with the stage the order is in and the events it waits for (what the sender can do instead). */
function refusedHere(s: OrderState, type: string | null | undefined): string {
  const waits = expectedEvents(s).map((t) => eventTypeLabels[t].zh);
  return `${refusalZh(type)}：订单处于「${stageLabels[s.stage].zh}」阶段，现在等待：${waits.join('、') || '无'}`;
}

/**
 * Each complaint filed (orders started since complaints were their own workflows) becomes a child
 * workflow, `<order's workflow ID>-complaint-<n>`, and reports its steps back here. Parent-close policy
 * ABANDON: the order continues as new in any stage, which closes its run, and that must not end an
 * open complaint; the order itself does not archive or close while a complaint is in progress, so a
 * complaint outlives its order only when an operator terminates the order.
 */
function receiveComplaints(s: OrderState) {
  setHandler(complaintReportSignal, (report) => takeComplaintReport(s, report, now()));
  if (s.complaintWorkflows) void startComplaints(s);
}

async function startComplaints(s: OrderState) {
  const { workflowId } = workflowInfo();
  for (;;) {
    await condition(() => s.complaints.some((c) => c.started === false));
    const complaint = s.complaints.find((c) => c.started === false)!;
    try {
      await startChild(orderComplaint, {
        workflowId: complaintWorkflowIdOf(workflowId, complaint.number),
        parentClosePolicy: ParentClosePolicy.ABANDON,
        args: [complaintInputOf(s, complaint)],
      });
    } catch (error) {
      // Started by the run before this one, which continued as new before it could note it.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    complaint.started = true;
  }
}

/**
 * Operators resend dead letters (the API checks the role); an unknown one is refused and leaves no
 * trace. The request's key joins the events' keys, so a retry (after continue-as-new too) is answered
 * without queueing the notice again, and a key used before for another request is refused.
 */
function receiveResends(s: OrderState) {
  setHandler(
    resendNotice,
    ({ seq, actor, id, digest }) => {
      if (!(id in s.appliedEvents)) {
        s.appliedEvents[id] = digest;
        resend(s, now(), seq, actor);
      }
      return s.deadLetters ?? [];
    },
    {
      validator: ({ seq, id, digest }) => {
        if (id in s.appliedEvents) {
          if (s.appliedEvents[id] === digest) return;
          throw ApplicationFailure.create({
            type: EVENT_KEY_REUSED,
            message: `idempotency key ${id} was already used for another request`,
            nonRetryable: true,
          });
        }
        if (!s.deadLetters?.some((d) => d.notice.seq === seq)) {
          throw ApplicationFailure.create({
            type: DEAD_LETTER_NOT_FOUND,
            message: `notice ${seq} of this order is not an undelivered notice`,
            nonRetryable: true,
          });
        }
      },
    },
  );
  setHandler(deadLettersQuery, () => s.deadLetters ?? []);
}

/**
 * The single way out: each queued message goes through the outbox activity, in order, exactly once.
 * One the outbox gives up on (refused for good, or still failing after the policy's attempts)
 * becomes a dead letter and the next one goes: a poison notice never holds up the order. Orders
 * running before dead letters existed replay unchanged: their activity never failed (it was retried
 * for ever), so the failure branch below has nothing in their histories to disagree with.
 */
async function deliverNotices(s: OrderState, run: Run) {
  const { workflowId } = workflowInfo();
  // Older orders' policies predate the setting: they get the default.
  const attempts = s.policy.outbox?.deliveryAttempts ?? 8;
  const { deliverNotice } = outbox(attempts);
  for (;;) {
    await condition(() => s.pendingNotices.length > 0 && !run.closing);
    // The run may have begun continuing as new in the same activation, after this condition held: the
    // notice then goes over to the next run, instead of an activity the closing run would abandon (the
    // time-skipping test server stalled on it). Runs from before replay as they ran.
    if (run.closing && patched(NO_DELIVERY_WHILE_CONTINUING)) continue;
    const notice = s.pendingNotices[0];
    run.delivering = true;
    try {
      const message = { key: `${workflowId}/${notice.seq}`, orderNumber: s.order.orderNumber, at: now(), notice, order: orderAtNotice(s) };
      // The summary is the schedule's metadata, not part of the command: it names the notice in the Temporal UI, old runs replay as they ran.
      await deliverNotice.executeWithOptions({ summary: noticeSummary(s.order.orderNumber, notice) }, [message]);
      delivered(s, notice);
    } catch (error) {
      if (!(error instanceof ActivityFailure) || isCancellation(error)) throw error;
      deadLetter(s, now(), notice, reasonOf(error, attempts));
    } finally {
      run.delivering = false;
    }
    s.pendingNotices.shift();
  }
}

const NO_DELIVERY_WHILE_CONTINUING = 'no-delivery-while-continuing-as-new';

/** What a person reading a notice wants beside it: the customer, the money, and the company's time zone. */
function orderAtNotice(s: OrderState): OrderAtNotice {
  return { customer: s.order.customer.name, amount: s.amount, balanceDue: balanceDue(s), timeZone: s.policy.calendar.timeZone };
}

/** Why the outbox gave up, in business words: the activity's own reason, or that it kept failing and how. */
function reasonOf(error: ActivityFailure, attempts: number): string {
  const { cause } = error;
  if (cause instanceof ApplicationFailure && cause.nonRetryable) return cause.message;
  // The activity's own errors are worded for people; anything else here is a timeout.
  const last = cause instanceof ApplicationFailure ? cause.message : 'the outbox did not finish in time';
  return `still failing after ${attempts} attempts (last: ${last})`;
}

/**
 * The promised date as the DATETIME the Temporal UI shows. Noon of the company day: the UI shows the same
 * date whether it displays UTC or the company's zone (midnight in Shanghai is 16:00 UTC the day before, a
 * day early), and the instant still falls within the company day for range filters. Runs started before
 * keep writing the day's start.
 */
function promisedInstant(date: IsoDate, timeZone: string, noon: boolean): Date {
  return new Date(startOfDate(date, timeZone) + (noon ? 12 * 3600_000 : 0));
}
const PROMISED_DATE_AT_NOON = 'promised-date-at-company-noon';

function searchAttributesOf(s: OrderState, noon: boolean) {
  return [
    { key: sa.OrderStatus, value: s.status },
    { key: sa.OrderStage, value: s.stage },
    { key: sa.OrderChannel, value: s.order.channel },
    { key: sa.CustomerId, value: s.order.customer.id },
    { key: sa.CustomerClass, value: s.order.customer.class },
    { key: sa.SalesRep, value: s.order.salesRep.id },
    { key: sa.PromisedDate, value: s.promisedDate ? promisedInstant(s.promisedDate, s.policy.calendar.timeZone, noon) : null },
    { key: sa.OrderLate, value: isLate(s) },
  ];
}

/**
 * What an operator sees on the order's page in the Temporal UI ("current details"): the business
 * words in Chinese with the English beside, times in the company's time zone, money in ¥.
 */
function currentDetails(s: OrderState): string {
  const { timeZone } = s.policy.calendar;
  const local = (iso: string) => localDateTime(Date.parse(iso), timeZone);
  const { order } = s;
  const originally =
    s.originalPromisedDate && s.originalPromisedDate !== s.promisedDate ? `（原 originally ${s.originalPromisedDate}）` : '';
  const waits = expectedEvents(s).map((type) => `${eventTypeLabels[type].zh} ${type}`);
  return [
    `**${bilingual(statusLabels[s.status])}** · 阶段 stage: **${bilingual(stageLabels[s.stage])}**`,
    `${bilingual(channelLabels[order.channel])} ${order.orderNumber} · 客户 customer: ${order.customer.name}（${order.customer.class} 类 class）· 销售 rep: ${order.salesRep.name}`,
    `金额 amount ${yuan(s.amount)} · 未收 balance due ${yuan(balanceDue(s))}`,
    `交期 promised date: ${s.promisedDate ?? '未评估 not yet estimated'}${originally}`,
    `等待 waits for: ${waits.join('、') || '无 nothing'}`,
    ...(s.overdue ? [`**逾期 late**: ${daysLate(s, Date.now())} 天 day(s) past ${s.overdue.promisedDate}`] : []),
    ...s.openClocks.map((c) => `时钟 clock ${bilingual(clockLabels[c.name])}: ${c.action} — ${local(c.dueAt)} (${timeZone})`),
    ...(s.deadLetters?.length ? [`未送达消息 undelivered notices: ${s.deadLetters.map((d) => `#${d.notice.seq}`).join(', ')}`] : []),
  ].join('\n\n');
}

/**
 * The patch under which one wait keeps the company's views of the order current, the operators' (search
 * attributes, current details) and the read model's row (runs begun before kept each with a wait of its own).
 */
const VIEWS_IN_ONE_WAIT = 'views-in-one-wait';

/**
 * Keeps the company's views of the order current with one wait: after the events of an activation,
 * once the journey is in step with them (`inStep`) and no clock they ended is still closing (`clockClosing`,
 * orders of the third baseline on), the search attributes are upserted if one of them
 * changed, and the read model's row is written if it is behind; the current details are set then, if they
 * changed (they are metadata, not a command: looked at on every pass, they were computed a few times an event).
 * Returns whether the read model has the order as it is now.
 */
function keepViewsCurrent(s: OrderState, inStep: () => boolean): () => boolean {
  // Every patch of the first baseline holds where this does: the promised date at noon, the attributes as listed.
  const noon = true;
  const afterClocks = patched(VIEWS_AFTER_CLOCKS);
  const keepDetailsCurrent = currentDetailsKeeper(s);
  answerReadModelQuery(s);
  const row = readModelRow(s, true);
  const shownAttributes = () => searchAttributeValues(s, noon);
  let attributes = listedValues(s, noon);
  let attributesChanged = differsFrom(s, shownAttributes, attributes, true);
  void keepUndeliveredCountCurrent(s);
  void (async () => {
    for (;;) {
      let upsert = false;
      let project = false;
      await condition(() => {
        if (!inStep() || (afterClocks && clockClosing())) return false;
        upsert ||= attributesChanged();
        project ||= row.behind();
        return upsert || project;
      });
      keepDetailsCurrent();
      if (upsert) {
        attributes = shownAttributes();
        upsertSearchAttributes(searchAttributesOf(s, noon));
        attributesChanged = differsFrom(s, shownAttributes, attributes);
      }
      if (project) await row.write();
    }
  })();
  return row.current;
}

/**
 * The patch under which the views wait for a clock that an event ended within the stage to close: the
 * order was projected with the clock still open and again a pass later without it (two local activities
 * for `technical-order-issued` or a payment that settles the balance). Runs begun before replay as they ran.
 */
const VIEWS_AFTER_CLOCKS = 'views-after-clocks';

/** Keeps each of the company's views current with a wait of its own: runs begun before they had one. */
function keepEachViewCurrent(s: OrderState, inStep: () => boolean): () => boolean {
  void keepOperatorsViewCurrent(s, inStep);
  void keepUndeliveredCountCurrent(s);
  return keepReadModelCurrent(s, inStep);
}

/** A condition that holds once `shown()` differs from `last`, computed again only after the order changed (`orderWatch`). */
function differsFrom(s: OrderState, shown: () => string, last: string, lookNow = false): () => boolean {
  const watch = orderWatch(s, !lookNow);
  return () => watch.moved() && shown() !== last;
}

const searchAttributeValues = (s: OrderState, noon: boolean) => JSON.stringify(searchAttributesOf(s, noon).map((p) => p.value));
/** The values the run started with (the starter's list, or the last run's): each unset one as null, as the order's own. */
const listedValues = (s: OrderState, noon: boolean) =>
  JSON.stringify(searchAttributesOf(s, noon).map((p) => workflowInfo().typedSearchAttributes.get(p.key) ?? null));
/** The patch under which the search attributes are upserted once they differ from those the run started with. */
const AS_LISTED = 'search-attributes-as-listed';

/**
 * What operators see of the order in the Temporal UI: the search attributes they filter orders by,
 * upserted whenever one of them changes (once the journey is in step: `inStep`), and the current
 * details on the order's page. One wait keeps both: the details are looked at on every pass over the
 * waiting conditions (they are metadata, not a command, so they need no wait of their own; a wait is a
 * handful of promises each time it ends).
 */
async function keepOperatorsViewCurrent(s: OrderState, inStep: () => boolean) {
  // Decided once per run, outside the conditions that Temporal evaluates again and again.
  const noon = patched(PROMISED_DATE_AT_NOON);
  const inStepOnly = patched(IN_STEP_WITH_JOURNEY);
  const keepDetailsCurrent = currentDetailsKeeper(s);
  // What the starter listed the order with is not upserted again (runs begun before did).
  let listed = patched(AS_LISTED) ? listedValues(s, noon) : undefined;
  for (;;) {
    const last = searchAttributeValues(s, noon);
    if (last !== listed) upsertSearchAttributes(searchAttributesOf(s, noon));
    listed = undefined;
    const changed = differsFrom(s, () => searchAttributeValues(s, noon), last);
    await condition(() => {
      keepDetailsCurrent();
      return (!inStepOnly || inStep()) && changed();
    });
  }
}

/**
 * Operators find the orders with undelivered notices by this count (GET /api/v1/dead-letters). Set
 * only once an order has had a dead letter, so an order that never had one upserts exactly what it
 * did before the count existed.
 */
async function keepUndeliveredCountCurrent(s: OrderState) {
  let last = 0;
  for (;;) {
    await condition(() => (s.deadLetters?.length ?? 0) !== last);
    last = s.deadLetters?.length ?? 0;
    upsertSearchAttributes([{ key: sa.UndeliveredNotices, value: last }]);
  }
}

/** Sets the order's current details at once, and again whenever they change when the returned check runs. */
function currentDetailsKeeper(s: OrderState): () => void {
  let shown = currentDetails(s);
  setCurrentDetails(shown);
  const changed = () => differsFrom(s, () => (shown = currentDetails(s)), shown);
  let check = changed();
  return () => {
    if (!check()) return;
    setCurrentDetails(shown);
    check = changed();
  };
}
