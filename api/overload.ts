import type { RequestHandler } from 'express';
import { defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { tooManyRequests } from './problem';

// Overload answered honestly: a caller is told to come back later (429 with Retry-After) at once,
// instead of waiting while this process or Temporal's client retries on its behalf.

/**
 * At most `max` event requests in flight per order in this process; beyond that a 429 before anything
 * reaches Temporal. One order applies its events one at a time, and Temporal itself refuses more than a
 * few in-flight updates per order (RESOURCE_EXHAUSTED), so a queue here would only make callers wait.
 */
export function limitEventsInFlightPerOrder(max: number): RequestHandler {
  const inFlight = new Map<string, number>();
  return (req, res, next) => {
    const order = String(req.params.id);
    const count = inFlight.get(order) ?? 0;
    if (count >= max) {
      throw tooManyRequests(`order ${order} is handling ${max} events already: retry with the same Idempotency-Key`);
    }
    inFlight.set(order, count + 1);
    let done = false;
    const release = () => {
      if (done) return;
      done = true;
      const left = inFlight.get(order)! - 1;
      if (left > 0) inFlight.set(order, left);
      else inFlight.delete(order);
    };
    res.once('finish', release);
    res.once('close', release);
    next();
  };
}

const GRPC_RESOURCE_EXHAUSTED = 8;

/**
 * The API's gRPC retries: the SDK's, but RESOURCE_EXHAUSTED is not retried (the SDK would back off for up to
 * ~40 s: the caller gets a 429 and retries), and other failures at most 4 attempts (about 0.6 s: a blip is
 * ridden out, an outage is a 503 at once; the SDK's 10 attempts would sleep past the request's deadline).
 */
export function apiGrpcRetryInterceptor() {
  const defaults = defaultGrpcRetryOptions({ maxAttempts: 4 });
  return makeGrpcRetryInterceptor({
    ...defaults,
    retryableDecider: (attempt, error) => error.code !== GRPC_RESOURCE_EXHAUSTED && defaults.retryableDecider(attempt, error),
  });
}
