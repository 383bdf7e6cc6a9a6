import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { ApplicationFailure, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { QueryDefinition, SignalDefinition, UpdateDefinition } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { dateAt, startOfDate, addCalendarDays } from '../workflows/domain/calendar';
import { durationMs } from '../workflows/domain/duration';
import { CreditCheck, IsoDate, OrderInput, paymentPlanIssues } from '../workflows/domain/order';
import { IsoDuration } from '../workflows/domain/policy';
import { policyFor, startOrder, type PolicyFile } from '../client/channels';
import type { TimelineEntry } from '../workflows/domain/state';
import type { OrderSnapshot } from '../workflows/domain/snapshot';
import type { OrderEvent } from '../workflows/domain/events';
import type { ComplaintEvent } from '../workflows/domain/complaint-events';
import type { ComplaintSnapshot } from '../workflows/domain/complaints';
import {
  complaintEventSignal,
  complaintSnapshotQuery,
  complaintWorkflowIdOf,
  submitComplaintEvent,
  EVENT_AMOUNT_ABOVE_DUE,
  EVENT_INVALID,
  EVENT_NOT_EXPECTED,
  EVENT_NOT_PERMITTED,
  eventSignal,
  snapshotQuery,
  submitEvent,
  timelineQuery,
  workflowIdOf,
} from '../workflows/messages';
import { createOrderWorker } from '../worker/worker';
import { FileOutbox } from '../activities/outbox';

// Runs a business scenario in simulated time on the time-skipping test server, with the real
// worker and workflow: for process owners checking a policy before using it, and for the tests.

export const Scenario = z.object({
  name: z.string().optional(),
  /**
   * The company date the run starts on (it first skips to that day; the time-skipping server only moves
   * forward): for scenarios whose events name dates, such as a site visit's appointment. Today when unset.
   */
  startOn: IsoDate.optional(),
  /** Company-local time of day the order arrives (HH:MM); the run first skips to the next such time. */
  startAt: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .optional(),
  order: OrderInput,
  policy: z.record(z.string(), z.unknown()).optional(),
  /** The customer's credit limit and open balance, as the API finds them in the customer file when the order is taken. */
  creditCheck: CreditCheck.optional(),
  steps: z
    .array(
      z.object({
        /** ISO-8601 duration from the start, e.g. PT3H or P2DT1H. */
        at: z.union([IsoDuration, z.literal('PT0S')]),
        /** The complaint the event is for, by its number on the order (a complaint event); absent: the order's own event. */
        complaint: z.int().positive().optional(),
        event: z.object({ type: z.string(), actor: z.unknown(), data: z.unknown().optional(), note: z.string().optional() }),
      }),
    )
    .default([]),
  until: IsoDuration.optional(),
});
export type Scenario = z.input<typeof Scenario>;

export interface SimulationResult {
  status: OrderSnapshot['status'];
  stage: OrderSnapshot['stage'];
  promisedDate: string | null;
  originalPromisedDate: string | null;
  snapshot: OrderSnapshot;
  timeline: TimelineEntry[];
  /** Each complaint filed on the order, as its own workflow shows it (with its timeline). */
  complaints: ComplaintSnapshot[];
  /** Every message the outbox delivered, to check that nothing was sent twice. */
  delivered: number;
  continuedAsNew: boolean;
  /** The last run's event history, for its size and for replay fixtures. */
  history: Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;
  /** The first run's, when it continued as new (it ends with that). */
  firstRunHistory?: Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;
  /** Each complaint's workflow history, in the order's numbering (for replay fixtures). */
  complaintHistories: Awaited<ReturnType<WorkflowHandle['fetchHistory']>>[];
}

const offset = (iso: string) => (iso === 'PT0S' ? 0 : durationMs(iso));

export async function simulate(env: TestWorkflowEnvironment, input: Scenario): Promise<SimulationResult> {
  const scenario = Scenario.parse(input);
  // The order's own payment plan is checked as the API checks it.
  const planIssues = paymentPlanIssues(scenario.order);
  if (planIssues.length > 0) throw new Error(`payment plan: ${planIssues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const policy = policyFor(scenario.order.channel, scenario.order.customer.class, (scenario.policy ?? {}) as PolicyFile);
  const outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderflow-sim-'));
  const taskQueue = `simulation-${scenario.order.orderNumber}-${Date.now()}`;
  const worker = await createOrderWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    outboxDir,
    shutdownForceTime: '10s',
  });
  try {
    return await worker.runUntil(async () => {
      if (scenario.startOn) {
        const { timeZone } = policy.calendar;
        const nowMs = await env.currentTimeMs();
        if (scenario.startOn < dateAt(nowMs, timeZone))
          throw new Error(`startOn: ${scenario.startOn} has passed; a simulation only moves forward`);
        await env.sleep(Math.max(0, startOfDate(scenario.startOn, timeZone) - nowMs));
      }
      if (scenario.startAt) await env.sleep(untilLocalTime(await env.currentTimeMs(), scenario.startAt, policy.calendar.timeZone));
      const handle = await startOrder(
        env.client,
        { order: scenario.order, policy, ...(scenario.creditCheck && { creditCheck: scenario.creditCheck }) },
        {
          taskQueue,
          workflowId: `${workflowIdOf(scenario.order.orderNumber)}-${taskQueue}`,
        },
      );
      const startedAt = await env.currentTimeMs();
      const complaintHandle = (number: number) => env.client.workflow.getHandle(complaintWorkflowIdOf(handle.workflowId, number));
      const advanceTo = async (at: number) => {
        const wait = startedAt + at - (await env.currentTimeMs());
        if (wait > 0) await env.sleep(wait);
      };
      const startDay = dateAt(startedAt, policy.calendar.timeZone);
      for (const step of [...scenario.steps].sort((a, b) => offset(a.at) - offset(b.at))) {
        await advanceTo(offset(step.at));
        const event = withDates(step.event, startDay);
        if (step.complaint === undefined) await send(handle, event as OrderEvent, orderMessages);
        else await send(complaintHandle(step.complaint), event as ComplaintEvent, complaintMessages);
      }
      if (scenario.until) await advanceTo(durationMs(scenario.until));
      const snapshot = await handle.query(snapshotQuery);
      const timeline = await handle.query(timelineQuery);
      const complaints = await Promise.all(snapshot.complaints.map((c) => complaintHandle(c.number).query(complaintSnapshotQuery)));
      if (snapshot.stage !== 'archived' && snapshot.stage !== 'cancelled') await handle.terminate('simulation ended');
      else await handle.result();
      // A complaint outlives a terminated order (parent-close policy ABANDON): it ends with the simulation too.
      for (const complaint of complaints)
        if (complaint.stage !== 'finished') await complaintHandle(complaint.number).terminate('simulation ended');
      const { runId } = await handle.describe();
      return {
        status: snapshot.status,
        stage: snapshot.stage,
        promisedDate: snapshot.promisedDate,
        originalPromisedDate: snapshot.originalPromisedDate,
        snapshot,
        timeline,
        complaints,
        delivered: (await new FileOutbox(outboxDir).list()).length,
        continuedAsNew: runId !== handle.firstExecutionRunId,
        history: await env.client.workflow.getHandle(handle.workflowId, runId).fetchHistory(),
        firstRunHistory:
          runId === handle.firstExecutionRunId
            ? undefined
            : await env.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId).fetchHistory(),
        complaintHistories: await Promise.all(complaints.map((c) => complaintHandle(c.number).fetchHistory())),
      };
    });
  } finally {
    fs.rmSync(outboxDir, { recursive: true, force: true });
  }
}

/**
 * Sends an event as the API does, by update, so it is applied before time moves on; to the order, or to
 * one of its complaints (`to` names the workflow's update, signal and query). An event the workflow
 * refuses is sent again as the signal, which the workflow records on its timeline as rejected (the
 * update's validator leaves no trace in history). The query waits until it is recorded; it is safe there
 * because a refused event changes nothing (a query racing a continue-as-new is not: the time-skipping
 * server then stops skipping).
 */
async function send<E>(handle: WorkflowHandle, event: E, to: Messages<E>) {
  try {
    await handle.executeUpdate(to.update, { args: [event] });
  } catch (error) {
    if (!(
      error instanceof WorkflowUpdateFailedError &&
      error.cause instanceof ApplicationFailure &&
      refusals.includes(error.cause.type ?? '')
    )) {
      throw error;
    }
    await handle.signal(to.signal, event);
    await handle.query(to.query);
  }
}

interface Messages<E> {
  update: UpdateDefinition<unknown, [E]>;
  signal: SignalDefinition<[E]>;
  query: QueryDefinition<unknown>;
}
const orderMessages: Messages<OrderEvent> = { update: submitEvent, signal: eventSignal, query: snapshotQuery };
const complaintMessages: Messages<ComplaintEvent> = {
  update: submitComplaintEvent,
  signal: complaintEventSignal,
  query: complaintSnapshotQuery,
};

const refusals = [EVENT_INVALID, EVENT_NOT_EXPECTED, EVENT_NOT_PERMITTED, EVENT_AMOUNT_ABOVE_DUE];

/**
 * A date in an event may be written as company days after the day the order arrives (`+P9D`): the
 * simulation runs from today, so a date the order must reach (a material's expected date, say) keeps
 * its distance from the start whatever day it runs.
 */
function withDates(value: unknown, startDay: string): unknown {
  if (typeof value === 'string') {
    const days = /^\+P(\d+)D$/.exec(value)?.[1];
    return days === undefined ? value : addCalendarDays(startDay, Number(days));
  }
  if (Array.isArray(value)) return value.map((item) => withDates(item, startDay));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withDates(item, startDay)]));
  return value;
}

/** Milliseconds from `now` to the next HH:MM in the company's time zone. */
function untilLocalTime(now: number, hhmm: string, timeZone: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number);
  const at = (date: string) => startOfDate(date, timeZone) + (hours * 60 + minutes) * 60_000;
  const today = dateAt(now, timeZone);
  const next = at(today) > now ? at(today) : at(addCalendarDays(today, 1));
  return next - now;
}
