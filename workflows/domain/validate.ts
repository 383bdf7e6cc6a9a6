import type { ComplaintEvent } from './complaint-events';
import type { OrderEvent } from './events';
import { complaintEventValidators, creditCheck as creditCheckValidator, eventValidators, orderInput, policy } from './validators.generated';

// What the workflow checks with the validators compiled from the zod schemas at build time
// (scripts/generate-validators.ts): the workflow bundle carries no zod.

export interface Issue {
  /** Dotted path of the offending value, e.g. `data.amount`; empty for the whole value. */
  path: string;
  message: string;
}

interface AjvError {
  instancePath: string;
  message?: string;
  params: { additionalProperty?: string; missingProperty?: string };
}
type Validator = ((value: unknown) => boolean) & { errors?: AjvError[] | null };

const byType = new Map<string, Validator>(Object.entries(eventValidators as Record<string, Validator>));
const complaintByType = new Map<string, Validator>(Object.entries(complaintEventValidators as Record<string, Validator>));

function issuesOf(validate: Validator): Issue[] {
  return (validate.errors ?? []).map(({ instancePath, message, params }) => {
    const path = [...instancePath.split('/').slice(1), params.additionalProperty ?? params.missingProperty].filter(Boolean).join('.');
    return { path, message: params.additionalProperty ? 'not a known field' : (message ?? 'invalid') };
  });
}

type Checked<E> = { event: E; issues?: undefined } | { event?: undefined; issues: Issue[] };

/** The event, when it is one of the order's event types and well formed. */
export const checkEvent = (raw: unknown): Checked<OrderEvent> => checked(byType, raw, 'this order');
/** The event, when it is one of a complaint's event types and well formed. */
export const checkComplaintEvent = (raw: unknown): Checked<ComplaintEvent> => checked(complaintByType, raw, 'a complaint');

function checked<E>(validators: Map<string, Validator>, raw: unknown, of: string): Checked<E> {
  const type = (raw as { type?: unknown } | null | undefined)?.type;
  const validate = typeof type === 'string' ? validators.get(type) : undefined;
  if (!validate) return { issues: [{ path: 'type', message: `not an event type of ${of}` }] };
  return validate(raw) ? { event: raw as E } : { issues: issuesOf(validate) };
}

/** Why a start input is not an order form, a resolved policy and (when given) a credit check, or nothing when it is. */
export function startIssues(order: unknown, resolvedPolicy: unknown, creditCheck?: unknown): Issue[] {
  const issues: Issue[] = [];
  for (const [name, validate, value] of [
    ['order', orderInput, order],
    ['policy', policy, resolvedPolicy],
    ...(creditCheck === undefined ? [] : ([['creditCheck', creditCheckValidator, creditCheck]] as const)),
  ] as const) {
    if (!(validate as Validator)(value))
      issues.push(...issuesOf(validate as Validator).map((i) => ({ ...i, path: [name, i.path].filter(Boolean).join('.') })));
  }
  return issues;
}
