import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { dateAt, startOfDate, addCalendarDays } from '../workflows/domain/calendar';
import { durationMs, IsoDuration } from '../workflows/domain/duration';
import { OrderInput } from '../workflows/domain/order';
import { resolvePolicy, type PolicyOverrides } from '../workflows/domain/policy';
import type { TimelineEntry } from '../workflows/domain/state';
import type { OrderSnapshot } from '../workflows/domain/snapshot';
import { eventSignal, snapshotQuery, timelineQuery, workflowIdOf } from '../workflows/messages';
import { createOrderWorker } from '../worker/worker';
import { FileOutbox } from '../activities/outbox';

// Runs a business scenario in simulated time on the time-skipping test server, with the real
// worker and workflow: for process owners checking a policy before using it, and for the tests.

export const Scenario = z.object({
  name: z.string().optional(),
  /** Company-local time of day the order arrives (HH:MM); the run first skips to the next such time. */
  startAt: z.string().regex(/^\d{2}:\d{2}$/).optional(),
  order: OrderInput,
  policy: z.record(z.string(), z.unknown()).optional(),
  steps: z
    .array(
      z.object({
        /** ISO-8601 duration from the start, e.g. PT3H or P2DT1H. */
        at: z.union([IsoDuration, z.literal('PT0S')]),
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
  promisedDate?: string;
  originalPromisedDate?: string;
  snapshot: OrderSnapshot;
  timeline: TimelineEntry[];
  /** Every message the outbox delivered, to check that nothing was sent twice. */
  delivered: number;
}

const offset = (iso: string) => (iso === 'PT0S' ? 0 : durationMs(iso));

export async function simulate(env: TestWorkflowEnvironment, workflowBundle: WorkflowBundle, input: Scenario): Promise<SimulationResult> {
  const scenario = Scenario.parse(input);
  const policy = resolvePolicy((scenario.policy ?? {}) as PolicyOverrides);
  const outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderflow-sim-'));
  const taskQueue = `simulation-${scenario.order.orderNumber}-${Date.now()}`;
  const worker = await createOrderWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    outboxDir,
    workflowBundle,
    shutdownForceTime: '10s',
  });
  try {
    return await worker.runUntil(async () => {
      if (scenario.startAt) await env.sleep(untilLocalTime(await env.currentTimeMs(), scenario.startAt, policy.calendar.timeZone));
      const handle = await env.client.workflow.start('standardOrder', {
        taskQueue,
        workflowId: `${workflowIdOf(scenario.order.orderNumber)}-${taskQueue}`,
        args: [{ order: scenario.order, policy }],
      });
      const startedAt = await env.currentTimeMs();
      const advanceTo = async (at: number) => {
        const wait = startedAt + at - (await env.currentTimeMs());
        if (wait > 0) await env.sleep(wait);
      };
      for (const step of [...scenario.steps].sort((a, b) => offset(a.at) - offset(b.at))) {
        await advanceTo(offset(step.at));
        await handle.signal(eventSignal, step.event as never);
        await handle.query(snapshotQuery); // the signal is applied before time moves on
      }
      if (scenario.until) await advanceTo(durationMs(scenario.until));
      const snapshot = await handle.query(snapshotQuery);
      const timeline = await handle.query(timelineQuery);
      if (snapshot.stage !== 'archived' && snapshot.stage !== 'cancelled') await handle.terminate('simulation ended');
      else await handle.result();
      return {
        status: snapshot.status,
        stage: snapshot.stage,
        promisedDate: snapshot.promisedDate,
        originalPromisedDate: snapshot.originalPromisedDate,
        snapshot,
        timeline,
        delivered: (await new FileOutbox(outboxDir).list()).length,
      };
    });
  } finally {
    fs.rmSync(outboxDir, { recursive: true, force: true });
  }
}

/** Milliseconds from `now` to the next HH:MM in the company's time zone. */
function untilLocalTime(now: number, hhmm: string, timeZone: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number);
  const at = (date: string) => startOfDate(date, timeZone) + (hours * 60 + minutes) * 60_000;
  const today = dateAt(now, timeZone);
  const next = at(today) > now ? at(today) : at(addCalendarDays(today, 1));
  return next - now;
}
