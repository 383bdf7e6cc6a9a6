import { checkEvent } from './validate';
import { standardRoute } from './route';
import type { OrderEvent } from './events';
import type { OrderState } from './state';

// Before change orders were assessed and confirmed by the customer, a change request carried its
// own amount and date and the desk confirmed it, from the price review until put-away. A raw signal
// is checked again when a run replays (an update is not), so a run from then takes or refuses a
// signalled change event here exactly as it did, and its history replays (patch CHANGE_ORDERS).

/** The patch under which change events follow the assessed flow (order-runtime.ts). */
export const CHANGE_ORDERS = 'change-orders';

export const isChangeSignal = (raw: unknown) => String((raw as { type?: unknown } | null)?.type).startsWith('change-');

/** The event and why the order refused it then (the kind of refusal), or the event alone when it took it. */
export function judgedBeforeChangeOrders(
  s: OrderState,
  raw: unknown,
): { event?: OrderEvent; refused?: 'invalid' | 'not-permitted' | 'not-expected' | 'key-reused' } {
  const sent = raw as { type?: unknown; data?: Record<string, unknown> } | null;
  const data = sent?.data ?? {};
  // The shape then: the request with description, newAmount and newPromisedDate only; the rest as now.
  const { event } = checkEvent(sent?.type === 'change-requested' ? { ...sent, data: { description: data.description } } : raw);
  if (!event || !['change-requested', 'change-confirmed', 'change-rejected'].includes(event.type)) return { refused: 'invalid' };
  if (event.type === 'change-confirmed' && 'confirmationRef' in data) return { refused: 'invalid' };
  if (event.type === 'change-requested') {
    const { newAmount, newPromisedDate } = data;
    const others = Object.keys(data).filter((key) => !['description', 'newAmount', 'newPromisedDate'].includes(key));
    // Fen and a date, as other events carry them today.
    const amountOk =
      newAmount === undefined || (Number.isInteger(newAmount) && (newAmount as number) >= 0 && (newAmount as number) <= 1e12);
    const dateOk =
      newPromisedDate === undefined ||
      checkEvent({ type: 'delivery-date-estimated', actor: event.actor, data: { promisedDate: newPromisedDate } }).event !== undefined;
    if (!amountOk || !dateOk || others.length > 0) return { refused: 'invalid' };
  }
  if (!(s.policy.permissions[event.type] ?? []).includes(event.actor.role)) return { event, refused: 'not-permitted' };
  if (event.id !== undefined && event.id in s.appliedEvents)
    return s.appliedEvents[event.id] === (event.digest ?? '') ? { event } : { event, refused: 'key-reused' };
  const at = (stage: string) => standardRoute.steps.findIndex((step) => step.stage === stage);
  const inWindow = s.order.channel === 'standard' && at(s.stage) >= at('price-review') && at(s.stage) < at('put-away');
  const pending = s.amendments.find((a) => a.state === 'requested');
  if (!inWindow) return { event, refused: 'not-expected' };
  if (event.type === 'change-requested') return pending ? { event, refused: 'not-expected' } : { event };
  return pending?.version === (event.data as { version: number }).version ? { event } : { event, refused: 'not-expected' };
}
