import type { ErrorRequestHandler, Response } from 'express';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { z } from 'zod';
import { EVENT_INVALID, EVENT_KEY_REUSED, EVENT_NOT_EXPECTED, EVENT_NOT_PERMITTED } from '../workflows/messages';

// RFC 9457 problem details: every refusal says what was wrong, with the fields or the expected
// events that let the caller fix it. A client's mistake is never a 500.

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }
}

export interface InvalidField {
  field: string;
  message: string;
}

export function invalidFields(issues: readonly z.core.$ZodIssue[], prefix = ''): InvalidField[] {
  return issues.flatMap((issue) => {
    // A discriminated union names the alternatives' problems inside the union issue.
    if (issue.code === 'invalid_union' && issue.errors.length === 1) return invalidFields(issue.errors[0], prefix);
    return [{ field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)', message: issue.message }];
  });
}

export const badRequest = (errors: InvalidField[]) =>
  new Problem(400, 'Invalid request', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });

export function sendProblem(res: Response, problem: Problem) {
  res.status(problem.status).type('application/problem+json').json({
    type: 'about:blank',
    title: problem.title,
    status: problem.status,
    ...(problem.detail ? { detail: problem.detail } : {}),
    instance: res.req.originalUrl,
    requestId: res.locals.requestId,
    ...problem.extensions,
  });
}

/** Maps what the workflow or Temporal said to the caller's problem. */
export function problemFrom(error: unknown): Problem | undefined {
  if (error instanceof Problem) return error;
  if (error instanceof WorkflowNotFoundError) return new Problem(404, 'Order not found', error.message);
  if (error instanceof WorkflowExecutionAlreadyStartedError) return new Problem(409, 'Order already exists', 'an order with this number exists');
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const failure = error.cause;
    const [details] = failure.details ?? [];
    switch (failure.type) {
      case EVENT_NOT_EXPECTED:
        return new Problem(409, 'Event does not fit the order now', failure.message, details as Record<string, unknown>);
      case EVENT_NOT_PERMITTED:
        return new Problem(403, 'Role may not send this event', failure.message);
      case EVENT_KEY_REUSED:
        return new Problem(422, 'Idempotency key reused with another request', failure.message);
      case EVENT_INVALID:
        return badRequest((details as { path: string; message: string }[]).map((d) => ({ field: d.path || '(body)', message: d.message })));
    }
  }
  return undefined;
}

/** The last handler: body-parser's own errors, then anything a route threw. */
export const handleErrors: ErrorRequestHandler = (error, _req, res, _next) => {
  const { status, type } = error as { status?: number; type?: string };
  const problem =
    problemFrom(error) ??
    (type === 'entity.too.large' ? new Problem(413, 'Body too large', (error as Error).message)
    : type === 'entity.parse.failed' ? badRequest([{ field: '(body)', message: 'not valid JSON' }])
    : status && status >= 400 && status < 500 ? new Problem(status, (error as Error).message)
    : undefined);
  if (problem) return sendProblem(res, problem);
  console.error(JSON.stringify({ level: 'error', requestId: res.locals.requestId, message: String((error as Error)?.stack ?? error) }));
  sendProblem(res, new Problem(500, 'Internal error', 'the error was logged with this request ID'));
};
