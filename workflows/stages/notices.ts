import type { ClockName, OrderState } from '../domain/state';
import { notify } from '../domain/state';
import type { Role } from '../domain/order';
import { now } from '../clock';

// What a clock does when it fires: remind the people who owe the next step, or escalate.

export function remind(s: OrderState, clock: ClockName, to: readonly Role[], detail: string) {
  for (const role of to) notify(s, now(), { kind: 'reminder', type: clock, to: role, detail });
}

export function escalate(s: OrderState, clock: ClockName, to: Role, detail: string) {
  notify(s, now(), { kind: 'escalation', type: clock, to, detail });
}

export function tell(s: OrderState, type: string, to: Role, detail: string) {
  notify(s, now(), { kind: 'notification', type, to, detail });
}
