import type { ClockName, OrderState, Sentence } from '../domain/state';
import { notify, saying } from '../domain/state';
import type { Fen, Role } from '../domain/order';
import { now } from '../clock';

// What a clock does when it fires: remind the people who owe the next step, or escalate, in Chinese first.

export function remind(s: OrderState, clock: ClockName, to: readonly Role[], said: Sentence) {
  for (const role of to) notify(s, now(), { kind: 'reminder', type: clock, to: role, ...saying(said) });
}

export function escalate(s: OrderState, clock: ClockName, to: Role, said: Sentence) {
  notify(s, now(), { kind: 'escalation', type: clock, to, ...saying(said) });
}

/** The balance reminder's sentence, before shipping and in after-sales. */
export const balanceNotReceived = (balance: Fen, n: number): Sentence => ({
  zh: `余款 ${balance} fen 未到账（第 ${n} 次提醒）`,
  en: `balance of ${balance} fen not received (reminder ${n})`,
});

export function tell(s: OrderState, type: string, to: Role, said: Sentence) {
  if (!quiet) notify(s, now(), { kind: 'notification', type, to, ...saying(said) });
}

// A stage tells people it has begun as its work starts; an order resumed in a new run is still in
// that stage and says nothing again. (Module state is the workflow's own: the bundle's modules are
// evaluated for each workflow. It is set and reset around a synchronous call.)
let quiet = false;

/** Runs `start` (which tells as it begins, then waits) without those notices. */
export function withoutEntryNotices<T>(start: () => T): T {
  quiet = true;
  try {
    return start();
  } finally {
    quiet = false;
  }
}

/** The patch under which the order continues as new from its runtime, in any stage (order-runtime.ts). */
export const CONTINUE_AS_NEW_IN_RUNTIME = 'continue-as-new-in-runtime';
