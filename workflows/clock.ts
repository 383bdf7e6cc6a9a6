import { CancellationScope, condition, isCancellation, sleep } from '@temporalio/workflow';
import { patched } from './patches';
import { laterBy, type CompanyCalendar, type DayKind } from './domain/calendar';
import type { ClockName, OpenClock } from './domain/state';
import { clockLabels } from './domain/labels';

// The one clock primitive: while `done()` does not hold, each time the next due time passes,
// fire the clock's step (remind, escalate, defer); return when done or when no step is left
// (the caller then waits for its condition without a clock). Every timer carries a summary naming
// its clock in Chinese and by its id ("首次确认超时 first-confirmation: escalate to supervisor"),
// which is what the Temporal UI shows for it; the open clock and its due time are kept on the order
// state for the snapshot.

export interface ClockStep {
  /** Epoch milliseconds at which the step fires. */
  dueAt: number;
  /** What firing does, for the UI summary and the snapshot, e.g. "escalate to supervisor". */
  action: string;
  fire(): void;
}

/** The step after `firings` earlier ones, or undefined when the clock has nothing left to fire. */
export type ClockSchedule = (firings: number) => ClockStep | undefined;

export const now = () => new Date().toISOString();

/** What a clock runs on: an order, or one of its complaints (each keeps its open clocks for its snapshot). */
export interface Clocked {
  openClocks: OpenClock[];
  policy: { calendar: CompanyCalendar };
}

export async function runClock(s: Clocked, name: ClockName, done: () => boolean, schedule: ClockSchedule): Promise<void> {
  // Open when the order continued as new: the steps before its next due time fired in an earlier run.
  const carried = s.openClocks.find((c) => c.name === name);
  const wait = patched(LEAN_CLOCK_WAIT)
    ? doneOrDue
    : (until: () => boolean, ms: number, summary: string) => condition(until, ms, { summary });
  const clock = { done };
  running.add(clock);
  try {
    for (let firings = 0; !done(); firings++) {
      const step = schedule(firings);
      s.openClocks = s.openClocks.filter((c) => c.name !== name);
      if (!step) return;
      // (Runs resumed before this fired them again: patched() keeps their replay as it was.)
      if (carried && step.dueAt < Date.parse(carried.dueAt) && patched('clocks-resume-where-they-were')) continue;
      s.openClocks.push({ name, dueAt: new Date(step.dueAt).toISOString(), action: step.action });
      if (await wait(done, Math.max(step.dueAt - Date.now(), 1), `${clockLabels[name].zh} ${name}: ${step.action}`)) return;
      step.fire();
    }
  } finally {
    s.openClocks = s.openClocks.filter((c) => c.name !== name);
    running.delete(clock);
  }
}

/** The clocks running in this workflow, by what ends each. */
const running = new Set<{ done: () => boolean }>();

/**
 * Whether a clock's work is done but the clock not yet closed. Its wait ends in the pass over the waiting
 * conditions that first sees it done, and it leaves the open clocks in the microtasks after that pass: a
 * view of the open clocks that waits while this holds sees them closed in the next pass (which comes,
 * since the clock's wait has just ended), instead of showing them open and then again closed.
 */
export function clockClosing(): boolean {
  for (const clock of running) if (clock.done()) return true;
  return false;
}

/** The patch under which a clock waits with `doneOrDue` (runs begun before replay their `condition` with a timeout). */
const LEAN_CLOCK_WAIT = 'lean-clock-wait';

/**
 * Waits until `done()` holds (true) or `ms` pass (false): what the SDK's `condition(done, ms)` does, with
 * half its promises (it races a timer against a condition in a scope of their own; here the timer has the
 * scope, and one condition looks at both). Every promise pending in a workflow holds a captured stack in
 * the worker for as long as the clock is open, and an order has a clock or two open all its life.
 */
async function doneOrDue(done: () => boolean, ms: number, summary: string): Promise<boolean> {
  const timer = new CancellationScope();
  let due = false;
  timer.run(() => sleep(ms, { summary })).then(() => (due = true), unlessCancelled);
  try {
    await condition(() => due || done());
  } finally {
    if (!due) timer.cancel();
  }
  return !due;
}

/** For work cancelled on purpose (a clock's timer, a stage's work, the side lines): anything else is a bug that fails the workflow task. */
export function unlessCancelled(error: unknown) {
  if (!isCancellation(error)) throw error;
}

/**
 * Resolves once the clocks an event set off have opened or closed: the answer to an event shows the
 * clocks after it, not before. Kept for the runs that answered this way; later runs wait for the
 * journey to catch up instead (order-runtime.ts, `caughtUp`), which takes one condition, not several. The SDK evaluates the waiting conditions pass after pass within an
 * activation for as long as one of them unblocks, running what each set off in between; a clock opens
 * or closes a pass or two after the event (the stage's work is cancelled, the next stage's starts).
 * So this looks at the open clocks once per pass (a condition that holds at its second evaluation,
 * which keeps the passes coming) until they have held still for `quietPasses` passes.
 */
export async function clocksSettled(s: Clocked): Promise<void> {
  const quietPasses = 2;
  const maxPasses = 20;
  let last: OpenClock[] | undefined;
  let quiet = 0;
  for (let pass = 0; pass < maxPasses && quiet < quietPasses; pass++) {
    let looked = false;
    // Evaluated at once (false), then at the next pass: the clocks as the previous pass left them.
    await condition(() => {
      if (!looked) {
        looked = true;
        return false;
      }
      quiet = s.openClocks === last ? quiet + 1 : 0;
      last = s.openClocks;
      return true;
    });
  }
}

/** A clock's way of adding a duration (`times` over) to an instant: calendar time, or working days. */
export type Later = (at: number, duration: string, times?: number) => number;

/** How the order's company calendar adds durations for a clock of the given kind (none given: calendar time). */
export const counting =
  (s: Clocked, kind: DayKind | undefined): Later =>
  (at, duration, times = 1) =>
    laterBy(at, duration, kind ?? 'calendar', s.policy.calendar, times);

/** Steps at fixed offsets from a start (a reminder, then an escalation), each firing once. */
export function ladder(later: Later, startedAt: number, steps: { after: string; action: string; fire(): void }[]): ClockSchedule {
  return (firings) => {
    const step = steps[firings];
    return step && { dueAt: later(startedAt, step.after), action: step.action, fire: step.fire };
  };
}

/** A step every `interval` from a start, until the clock is done. */
export function every(later: Later, startedAt: number, interval: string, action: string, fire: (firings: number) => void): ClockSchedule {
  return (firings) => ({
    dueAt: later(startedAt, interval, firings + 1),
    action,
    fire: () => fire(firings + 1),
  });
}
