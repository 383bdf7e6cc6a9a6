import fs from 'node:fs';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { Actor, Role } from '../workflows/domain/order';
import { Problem } from './problem';

// Bearer tokens mapped to a person and a role. The acting person of every event comes from here,
// never from the request body.

export const Tokens = z.record(z.string().min(16), Actor);
export type Tokens = z.infer<typeof Tokens>;

/** One development token per role (`dev-order-desk`, `dev-finance`, …), for `npm start` and the README. */
export const developmentTokens: Tokens = Object.fromEntries(
  Role.options
    .filter((role) => role !== 'system')
    .map((role) => [`dev-${role}-token-0000`, { id: `dev-${role}`, name: `Development ${role}`, role }]),
);

/**
 * Tokens from ORDERFLOW_TOKENS (JSON) or ORDERFLOW_TOKENS_FILE; without either, the development
 * tokens, which production refuses.
 */
export function tokensFromEnvironment(env: NodeJS.ProcessEnv = process.env): Tokens {
  const configured = env.ORDERFLOW_TOKENS ?? (env.ORDERFLOW_TOKENS_FILE && fs.readFileSync(env.ORDERFLOW_TOKENS_FILE, 'utf8'));
  if (configured) return Tokens.parse(JSON.parse(configured));
  if (env.NODE_ENV === 'production') {
    throw new Error('NODE_ENV=production needs ORDERFLOW_TOKENS or ORDERFLOW_TOKENS_FILE: the development tokens are refused');
  }
  return developmentTokens;
}

export function authenticate(tokens: Tokens): RequestHandler {
  return (req, res, next) => {
    const [scheme, token] = (req.header('authorization') ?? '').split(' ');
    const actor = scheme === 'Bearer' && token ? tokens[token] : undefined;
    if (!actor) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="orderflow"');
      throw new Problem(401, 'Not authenticated', 'send Authorization: Bearer <token>');
    }
    res.locals.actor = actor;
    next();
  };
}

export const actorOf = (locals: Record<string, unknown>) => locals.actor as Actor;
