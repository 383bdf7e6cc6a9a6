import type { RequestHandler, Response } from 'express';
import { z } from 'zod';
import { Actor, Role } from '../workflows/domain/order';
import { Problem } from './problem';

// Bearer tokens mapped to a person and a role. The acting person of every event comes from here,
// never from the request body; the policy's permission matrix, enforced by the order workflow,
// decides what that role may do.

/** Configured tokens (ORDERFLOW_TOKENS / ORDERFLOW_TOKENS_FILE): long enough not to be guessed. */
export const TokenConfig = z.record(z.string().min(16).max(512), Actor);
export type TokenConfig = z.infer<typeof TokenConfig>;

/** Token → actor. A Map, so that a token such as `constructor` never finds an inherited property. */
export type Tokens = ReadonlyMap<string, Actor>;

export const tokensOf = (config: TokenConfig): Tokens => new Map(Object.entries(config));

/**
 * One development token per role except `system` (OrderFlow itself): `dev-order-desk`,
 * `dev-finance`, `dev-supervisor`, … For `npm start`, the tests and the README; refused in
 * production (see config.ts).
 */
export const developmentTokens: Tokens = new Map(
  Role.options
    .filter((role) => role !== 'system')
    .map((role) => [`dev-${role}`, { id: `dev-${role}`, name: `Development ${role}`, role }]),
);

export function authenticate(tokens: Tokens): RequestHandler {
  return (req, res, next) => {
    const [scheme, token, ...rest] = (req.header('authorization') ?? '').trim().split(/\s+/);
    const actor = scheme?.toLowerCase() === 'bearer' && token && rest.length === 0 ? tokens.get(token) : undefined;
    if (!actor) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="orderflow"');
      throw new Problem(401, 'not-authenticated', 'Not authenticated', 'send Authorization: Bearer <token>');
    }
    res.locals.actor = actor;
    next();
  };
}

/** The authenticated person of this request (set by `authenticate`). */
export const actorOf = (res: Response) => res.locals.actor as Actor;
