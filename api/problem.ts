import type { ErrorRequestHandler, Response } from 'express';
import {
  ApplicationFailure,
  isGrpcDeadlineError,
  isGrpcServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import type { z } from 'zod';
import { EVENT_AMOUNT_ABOVE_DUE, EVENT_INVALID, EVENT_KEY_REUSED, EVENT_NOT_EXPECTED, EVENT_NOT_PERMITTED } from '../workflows/messages';
import { issuesAt } from '../client/issues';
import type { Log } from './log';

// RFC 9457 problem details: every refusal says what was wrong, with the fields or the expected
// events that let the caller fix it. A client's mistake is never a 500, and every refusal happens
// before anything reaches the order (or is the order's own validator refusing), so a failed
// request leaves the order as it was.

/** Stable problem types a client can switch on (the title is for people and may be reworded). */
export type ProblemType =
  | 'invalid-request'
  | 'token-missing'
  | 'token-not-recognised'
  | 'role-not-permitted'
  | 'order-not-found'
  | 'not-found'
  | 'event-not-expected'
  | 'order-closed'
  | 'order-exists'
  | 'customer-not-found'
  | 'customer-exists'
  | 'customer-file-missing'
  | 'body-too-large'
  | 'unsupported-media-type'
  | 'idempotency-key-reused'
  | 'amount-above-due'
  | 'too-many-requests'
  | 'temporal-unavailable'
  | 'shutting-down'
  | 'internal-error'
  // 团订 sales pipeline
  | 'prospect-not-found'
  | 'stage-not-next'
  | 'activity-line-refused'
  // printable documents
  | 'document-not-found'
  | 'document-not-yet';

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly type: ProblemType,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }
}

/**
 * The one answer for an order the caller cannot see: one that does not exist, and another customer's
 * order asked for by a customer, alike to the byte (but for the request's own instance and ID).
 */
export const orderNotFound = () => new Problem(404, 'order-not-found', 'Order not found', 'no order with this number');

export const problemTypeUri = (type: ProblemType) => `urn:orderflow:problem:${type}`;

export interface InvalidField {
  /** Where the value was: `orderNumber`, `lines.0.quantity`, `data.amount`, `query.status`, `header.Idempotency-Key`. */
  field: string;
  message: string;
}

/** The one way a failed zod parse becomes a 400: every invalid field named, an unknown key by its own name. */
export function invalidRequest(issues: readonly z.core.$ZodIssue[], prefix?: string): Problem {
  return invalidFields(
    issuesAt(issues).map(({ path, message }) => ({ field: [prefix, path].filter(Boolean).join('.') || '(body)', message })),
  );
}

/** Overload: the caller comes back after a second (api/overload.ts, and Temporal's RESOURCE_EXHAUSTED). */
export const tooManyRequests = (detail: string) =>
  new Problem(429, 'too-many-requests', 'Too many requests', detail, { retryAfterSeconds: 1 });

export const invalidFields = (errors: InvalidField[]) =>
  new Problem(400, 'invalid-request', 'Invalid request', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });

/** The one error mapper: what the order workflow, Temporal or express said, as the caller's problem. */
export function problemFrom(error: unknown): Problem | undefined {
  if (error instanceof Problem) return error;
  if (error instanceof WorkflowNotFoundError) return orderNotFound();
  if (error instanceof WorkflowExecutionAlreadyStartedError)
    return new Problem(409, 'order-exists', 'Order already exists', 'an order with this number exists');
  const refusal =
    error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure ? refusalOf(error.cause) : undefined;
  if (refusal) return refusal;
  const grpcCodes = grpcCodesOf(error);
  if (grpcCodes.includes(GRPC.RESOURCE_EXHAUSTED)) {
    return tooManyRequests(
      'the order service is busy: retry after Retry-After seconds (an event or a new order with the same Idempotency-Key)',
    );
  }
  // Temporal or the worker did not answer in time, cannot be reached, or aborted the update (it does so under
  // load, as UNAVAILABLE), or an update failed for a reason the order did not give (it closed meanwhile, say):
  // applied once or not at all, so the same Idempotency-Key retries it safely.
  if (
    error instanceof WorkflowUpdateRPCTimeoutOrCancelledError ||
    error instanceof WorkflowUpdateFailedError ||
    isGrpcDeadlineError(error) ||
    grpcCodes.some((code) => unavailable.includes(code))
  ) {
    return new Problem(
      503,
      'temporal-unavailable',
      'The order service did not answer in time',
      'nothing was lost: retry with the same Idempotency-Key',
      { retryAfterSeconds: 5 },
    );
  }
  const { type, status } = error as { type?: string; status?: number };
  // express.json's own errors carry these types.
  if (type === 'entity.too.large') return new Problem(413, 'body-too-large', 'Body too large', (error as Error).message);
  if (type === 'entity.parse.failed') return invalidFields([{ field: '(body)', message: 'not valid JSON' }]);
  if (type === TOO_DEEP) return invalidFields([{ field: '(body)', message: (error as Error).message }]);
  if (status === 415) return new Problem(415, 'unsupported-media-type', 'Unsupported media type', (error as Error).message);
  if (status !== undefined && status >= 400 && status < 500)
    return new Problem(400, 'invalid-request', 'Invalid request', (error as Error).message);
  return undefined;
}

/** The refusals of the order's update validators (workflows/messages.ts), as the caller's problem; the details (stage, expectedEvents, amountDue) go along. */
const refusals = new Map<string | undefined, [status: number, type: ProblemType, title: string]>([
  [EVENT_NOT_EXPECTED, [409, 'event-not-expected', 'The order does not expect this event now']],
  [EVENT_NOT_PERMITTED, [403, 'role-not-permitted', 'Your role may not send this event']],
  [EVENT_AMOUNT_ABOVE_DUE, [422, 'amount-above-due', 'More than the amount still due']],
  [EVENT_KEY_REUSED, [422, 'idempotency-key-reused', 'Idempotency-Key reused with another request']],
]);

/** The order's validator refused the event: its failure type says why. */
function refusalOf(failure: ApplicationFailure): Problem | undefined {
  const [details] = (failure.details ?? []) as unknown[];
  if (failure.type === EVENT_INVALID) {
    // The API parses events with the same schemas first, so this means the two disagree: say which fields.
    return invalidFields((details as { path: string; message: string }[]).map((d) => ({ field: d.path || '(body)', message: d.message })));
  }
  const refusal = refusals.get(failure.type ?? undefined);
  if (!refusal) return undefined;
  const [status, type, title] = refusal;
  return new Problem(status, type, title, failure.message, { accepted: false, ...(details as object | undefined) });
}

/** The body-parser error type of JSON nested too deep (app.ts refuses it before parsing). */
export const TOO_DEEP = 'entity.too.deep';

const GRPC = { CANCELLED: 1, DEADLINE_EXCEEDED: 4, RESOURCE_EXHAUSTED: 8, ABORTED: 10, UNAVAILABLE: 14 } as const;
/** Temporal did not answer within the request's deadline (no worker polling, say), or is not reachable. */
const unavailable: number[] = [GRPC.CANCELLED, GRPC.DEADLINE_EXCEEDED, GRPC.ABORTED, GRPC.UNAVAILABLE];

/** The gRPC status codes along an error's causes (the SDK wraps them). */
function grpcCodesOf(error: unknown): number[] {
  const codes: number[] = [];
  for (let e = error; e instanceof Error; e = e.cause) {
    if (isGrpcServiceError(e)) codes.push(e.code);
  }
  return codes;
}

export function sendProblem(res: Response, problem: Problem) {
  const { retryAfterSeconds, ...extensions } = problem.extensions;
  if (typeof retryAfterSeconds === 'number') res.setHeader('Retry-After', String(retryAfterSeconds));
  res
    .status(problem.status)
    .type('application/problem+json')
    .json({
      type: problemTypeUri(problem.type),
      title: problem.title,
      status: problem.status,
      ...(problem.detail ? { detail: problem.detail } : {}),
      instance: res.req.originalUrl,
      requestId: res.locals.requestId,
      ...extensions,
    });
}

/** The last handler: a known problem goes to the caller; anything else is ours, logged with the request ID. */
export const handleErrors =
  (log: Log): ErrorRequestHandler =>
  (error, _req, res, _next) => {
    const problem = problemFrom(error);
    if (problem) return sendProblem(res, problem);
    log({ level: 'error', msg: 'unexpected error', requestId: res.locals.requestId, error: String((error as Error)?.stack ?? error) });
    sendProblem(res, new Problem(500, 'internal-error', 'Internal error', 'the error was logged with this request ID'));
  };
