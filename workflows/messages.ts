import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ComplaintEvent } from './domain/complaint-events';
import type { ComplaintReport, ComplaintSnapshot } from './domain/complaints';
import type { OrderEvent } from './domain/events';
import type { CreditCheck, OrderInput } from './domain/order';
import type { Policy } from './domain/policy';
import type { OrderSnapshot } from './domain/snapshot';
import type { ProjectionBatch } from './read-model';
import type { Actor } from './domain/order';
import type { DeadLetter, OrderState, TimelineEntry } from './domain/state';

// The one contract between the order workflow and everything that talks to it: the API, the
// simulator, the tests and operators in the Temporal UI or CLI use these names.

/** Starts an order: the order form and the policy in force that day (snapshotted for its life). */
export interface StartOrder {
  order: OrderInput;
  policy: Policy;
  /** The customer's credit limit and open balance when the order was taken, when their file has a limit. */
  creditCheck?: CreditCheck;
}
/** Continue-as-new carries the whole state over. */
export type OrderWorkflowInput = StartOrder | { resume: OrderState };

export const workflowIdOf = (orderNumber: string) => `order-${orderNumber}`;

/** Send an event and learn synchronously whether the order accepted it (validated before it is written to history). */
export const submitEvent = defineUpdate<OrderSnapshot, [OrderEvent]>('submitEvent');
/**
 * The same events for senders that cannot wait for an answer (Temporal UI, CLI); a misfit is recorded as rejected.
 * Whoever can signal has operator access to Temporal, so the timeline records such an event as sent by an
 * operator through Temporal (`via: 'temporal'`), keeping the actor it claims.
 */
export const eventSignal = defineSignal<[OrderEvent]>('event');
export const snapshotQuery = defineQuery<OrderSnapshot>('snapshot');
export const timelineQuery = defineQuery<TimelineEntry[]>('timeline');
/** The order's row in the read model and its whole timeline, as the order would write them now (npm run rebuild-read-model). */
export const readModelQuery = defineQuery<ProjectionBatch>('readModel');

/** The notices the outbox gave up on, with why; a resent one leaves the list once it is delivered. */
export const deadLettersQuery = defineQuery<DeadLetter[]>('deadLetters');
/**
 * An operator queues a dead letter (by its notice number) again; answers with the dead letters.
 * `id` and `digest` are the request's idempotency key and digest, kept with the events' (a key is used once per order).
 */
export const resendNotice = defineUpdate<DeadLetter[], [ResendRequest]>('resendNotice');
export interface ResendRequest {
  seq: number;
  actor: Actor;
  id: string;
  digest: string;
}

/**
 * The failure types an update's validator throws: an event out of turn (details carry the stage
 * and expectedEvents), a role the permission matrix refuses, a malformed event (details name the fields).
 */
export const EVENT_NOT_EXPECTED = 'EventNotExpected';
export const EVENT_NOT_PERMITTED = 'EventNotPermitted';
export const EVENT_INVALID = 'EventInvalid';
/** A deposit or payment above what the order still owes (details carry `amountDue` in fen). */
export const EVENT_AMOUNT_ABOVE_DUE = 'EventAmountAboveDue';
/** An idempotency key sent again with a different event. */
export const EVENT_KEY_REUSED = 'EventKeyReused';
/** A refusal said in Chinese, by its failure type, on the timeline of a refused signal (the English reason beside it has the particulars). */
export const refusalZh = (type: string | null | undefined) => refusalWordsZh[type ?? ''] ?? '事件被拒';
const refusalWordsZh: Record<string, string> = {
  [EVENT_NOT_EXPECTED]: '当前不接受此事件',
  [EVENT_NOT_PERMITTED]: '发送者的角色无权发送此事件',
  [EVENT_INVALID]: '事件内容无效',
  [EVENT_AMOUNT_ABOVE_DUE]: '金额超过尚欠金额',
  [EVENT_KEY_REUSED]: '幂等键已用于另一事件',
};
/** A resend names no notice the order gave up on. */
export const DEAD_LETTER_NOT_FOUND = 'DeadLetterNotFound';

// ---- complaints: each its own child workflow of the order (workflows/complaint.ts) ----------------

/** A complaint's workflow: the order's own ID and the complaint's number, e.g. `order-SO-1-complaint-2`. */
export const complaintWorkflowIdOf = (orderWorkflowId: string, number: number) => `${orderWorkflowId}-complaint-${number}`;
/** Send a complaint event and learn synchronously whether the complaint accepted it (validated before it is written to history). */
export const submitComplaintEvent = defineUpdate<ComplaintSnapshot, [ComplaintEvent]>('submitComplaintEvent');
/** The same for operators (Temporal UI, CLI): recorded as sent through Temporal; a misfit is recorded as rejected. */
export const complaintEventSignal = defineSignal<[ComplaintEvent]>('complaintEvent');
export const complaintSnapshotQuery = defineQuery<ComplaintSnapshot>('complaint');
/** A complaint's workflow tells its order of each step: the order keeps the complaint's line and sends its notices. */
export const complaintReportSignal = defineSignal<[ComplaintReport]>('complaintReport');
