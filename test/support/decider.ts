import assert from 'node:assert/strict';
import { apply } from '../../workflows/domain/apply';
import { OrderEvent } from '../../workflows/domain/events';
import type { Role } from '../../workflows/domain/order';
import { whyNotApplicable, type Misfit } from '../../workflows/domain/route';
import type { OrderState } from '../../workflows/domain/state';

// Given/When/Then on the pure domain (no server): events as the API passes them on, sent by the first person
// of a role, taken or refused by the order as its workflow would.

/** The first person of a role: who sends each event of a domain test. */
export const actorOf = (role: Role) => ({ id: `${role}-1`, role });

/** The event as the API passes it on: parsed, its defaults filled in. */
export const eventOf = (role: Role, type: string, data: object = {}) =>
  OrderEvent.parse({ type, actor: actorOf(role), data }) as OrderEvent;

/** Why the order refuses the event, or undefined when it would take it; the order is not changed. */
export const whyNot = (s: OrderState, role: Role, type: string, data: object = {}): Misfit | undefined =>
  whyNotApplicable(s, eventOf(role, type, data));

/** When `role` sends an event the order must take, at `time`: a refusal fails the test with its reason. */
export function accept(s: OrderState, role: Role, type: string, data: object, time: string): void {
  const e = eventOf(role, type, data);
  const misfit = whyNotApplicable(s, e);
  assert.equal(misfit, undefined, `${type}: ${misfit?.message}`);
  apply(s, e, time);
}
