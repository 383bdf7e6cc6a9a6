import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  getExternalWorkflowHandle,
  log,
  setHandler,
  workflowInfo,
  type ExternalWorkflowHandle,
} from '@temporalio/workflow';
import { counting, ladder, now, runClock } from './clock';
import { beginRun } from './patches';
import type { ComplaintEvent } from './domain/complaint-events';
import {
  applyComplaintEvent,
  complaintClockFired,
  complaintSnapshotOf,
  expectedComplaintEvents,
  isOpenStage,
  openComplaint,
  whyNotComplaintEvent,
  type ComplaintInput,
  type ComplaintSnapshot,
  type ComplaintState,
} from './domain/complaints';
import { choiceZh } from './domain/field-labels';
import { complaintEventLabels, complaintStageLabels } from './domain/labels';
import { sentThrough } from './domain/state';
import { checkComplaintEvent } from './domain/validate';
import {
  complaintEventSignal,
  complaintReportSignal,
  complaintSnapshotQuery,
  EVENT_INVALID,
  EVENT_KEY_REUSED,
  EVENT_NOT_EXPECTED,
  EVENT_NOT_PERMITTED,
  refusalZh,
  submitComplaintEvent,
} from './messages';

/**
 * One complaint (投诉, 000 §三), a child workflow of its order, started when the order applies
 * `complaint-filed`: its own events (update and signal, as the order's), its clocks (technical's first
 * contact, a visit scheduled, the callbacks after closing), and a report of every step to the order,
 * which sends its notices through the order's outbox and keeps its line in the order's snapshot.
 * It ends once its callbacks are made; the order is not archived before.
 */
export async function orderComplaint(input: ComplaintInput): Promise<ComplaintSnapshot> {
  beginRun();
  const c = openComplaint(input);
  receiveEvents(c);
  void reportToOrder(c, getExternalWorkflowHandle(workflowInfo().parent!.workflowId));
  void firstContact(c);
  void fixScheduled(c);
  await callbacks(c);
  await condition(() => c.unreported.length === 0 && allHandlersFinished());
  return complaintSnapshotOf(c);
}

/** 技术人员应马上和客户取得联系: the first contact within the policy's time, or it is escalated. */
async function firstContact(c: ComplaintState) {
  const { after, to, dayKind } = c.policy.complaints.firstContact;
  await runClock(
    c,
    'complaint-first-contact',
    () => c.stage !== 'reported',
    ladder(counting(c, dayKind), Date.parse(c.filedAt), [
      {
        after,
        action: `escalate to ${to}`,
        fire: () =>
          complaintClockFired(
            c,
            now(),
            { kind: 'escalation', type: 'complaint-first-contact', to },
            {
              zh: `投诉后 ${after}内技术部未联系客户`,
              en: `technical has not contacted the customer within ${after} of the complaint`,
            },
          ),
      },
    ]),
  );
}

/** Each time a visit is owed (the finding, another visit needed, the customer not satisfied): scheduled within the policy's time, or escalated. */
async function fixScheduled(c: ComplaintState) {
  const { after, to, dayKind } = c.policy.complaints.fixScheduled;
  for (;;) {
    await condition(() => c.fixPendingSince !== undefined || !isOpenStage(c.stage));
    if (!isOpenStage(c.stage)) return;
    const since = c.fixPendingSince!;
    const moved = () => c.fixPendingSince !== since || !isOpenStage(c.stage);
    await runClock(
      c,
      'complaint-fix',
      moved,
      ladder(counting(c, dayKind), Date.parse(since), [
        {
          after,
          action: `escalate to ${to}`,
          fire: () =>
            complaintClockFired(
              c,
              now(),
              { kind: 'escalation', type: 'complaint-fix', to },
              {
                zh: `${after}内未安排上门（${choiceZh(c.finding!.responsibleParty)}问题）`,
                en: `no visit scheduled within ${after} (${c.finding!.responsibleParty} problem)`,
              },
            ),
        },
      ]),
    );
    await condition(moved);
  }
}

/** 回访: once closed, the customer is called back at each of the policy's times; the complaint ends when every callback is made. */
async function callbacks(c: ComplaintState) {
  await condition(() => c.closedAt !== undefined);
  const { after, to } = c.policy.complaints.callbacks;
  const later = counting(c, 'calendar');
  for (const [i, offset] of after.entries()) {
    await runClock(
      c,
      'complaint-callback',
      () => c.callbacks.length > i,
      ladder(later, Date.parse(c.closedAt!), [
        {
          after: offset,
          action: `remind ${to.join(', ')}`,
          fire: () => {
            for (const role of to)
              complaintClockFired(
                c,
                now(),
                { kind: 'reminder', type: 'complaint-callback', to: role },
                {
                  zh: `请回访客户（共 ${after.length} 次，第 ${i + 1} 次，结案后 ${offset}）`,
                  en: `call the customer back (callback ${i + 1} of ${after.length}, ${offset} after closing)`,
                },
              );
          },
        },
      ]),
    );
  }
  await condition(() => c.stage === 'finished');
}

/** Every step goes to the order in order, each once (the order ignores one it has taken). */
async function reportToOrder(c: ComplaintState, order: ExternalWorkflowHandle) {
  for (;;) {
    await condition(() => c.unreported.length > 0);
    try {
      await order.signal(complaintReportSignal, c.unreported[0]);
    } catch (error) {
      // The order was closed by an operator (terminated): the complaint goes on, with its own timeline.
      log.warn('complaint step not reported to the order', { complaint: c.number, error: String(error) });
    }
    c.unreported.shift();
  }
}

function receiveEvents(c: ComplaintState) {
  setHandler(submitComplaintEvent, (event) => accept(c, event), {
    validator: (event) => {
      const problem = check(c, event);
      if (problem) throw problem;
    },
  });
  setHandler(complaintEventSignal, (raw) => {
    const problem = check(c, raw);
    if (!problem) return void accept(c, raw, 'temporal');
    const sender = (raw ?? {}) as Partial<ComplaintEvent>;
    const waits = expectedComplaintEvents(c)
      .map((t) => complaintEventLabels[t].zh)
      .join('、');
    const through = sentThrough('temporal');
    c.timeline.push({
      at: now(),
      kind: 'rejected-event',
      type: String(sender.type ?? 'unknown'),
      actor: sender.actor ?? { id: 'unknown', role: 'system' },
      via: 'temporal',
      detail: `${problem.message}${through.en}`,
      zh: `${refusalZh(problem.type)}：投诉处于「${complaintStageLabels[c.stage].zh}」，现在等待：${waits || '无'}${through.zh}`,
    });
  });
  setHandler(complaintSnapshotQuery, () => complaintSnapshotOf(c));
}

/** A retried event (same id) is answered with the current state and applied nothing twice. */
function accept(c: ComplaintState, event: ComplaintEvent, via?: 'temporal'): ComplaintSnapshot {
  if (event.id === undefined || !(event.id in c.appliedEvents)) applyComplaintEvent(c, event, now(), via);
  return complaintSnapshotOf(c);
}

/** Why the complaint refuses the event, with the failure types the API maps to 400, 403, 409 and 422; nothing when it takes it. */
function check(c: ComplaintState, raw: unknown): ApplicationFailure | undefined {
  const { event, issues } = checkComplaintEvent(raw);
  if (issues) return ApplicationFailure.create({ type: EVENT_INVALID, message: 'invalid event', details: [issues], nonRetryable: true });
  const misfit = whyNotComplaintEvent(c, event);
  // The role first: a retry is refused to a role that may not send the event, as the first attempt was.
  if (misfit?.kind === 'not-permitted') return refusal(c, EVENT_NOT_PERMITTED, misfit.message);
  if (event.id !== undefined && event.id in c.appliedEvents) {
    if (c.appliedEvents[event.id] === (event.digest ?? '')) return undefined;
    return ApplicationFailure.create({
      type: EVENT_KEY_REUSED,
      message: `idempotency key ${event.id} was already used for another event`,
      nonRetryable: true,
    });
  }
  return misfit && refusal(c, EVENT_NOT_EXPECTED, misfit.message);
}

function refusal(c: ComplaintState, type: string, message: string): ApplicationFailure {
  return ApplicationFailure.create({
    type,
    message,
    details: [{ complaint: c.number, complaintStage: c.stage, expectedEvents: expectedComplaintEvents(c) }],
    nonRetryable: true,
  });
}
