import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { z } from 'zod';
import { Actor, PartyId, Role } from '../workflows/domain/order';
import { issueList } from '../client/issues';
import type { Log } from './log';
import { Problem } from './problem';

// Bearer tokens mapped to a person and a role. The acting person of every event comes from here,
// never from the request body; the policy's permission matrix, enforced by the order workflow,
// decides what that role may do, and a customer's token reaches only their own company's orders.

/**
 * The person a token names. A customer's token is bound to their company (`customerId`): it sees
 * only that customer's orders. `system` is OrderFlow itself, never a person with a token.
 */
export const Person = z
  .object({
    id: Actor.shape.id,
    name: Actor.shape.name.unwrap(),
    role: Role.exclude(['system']),
    customerId: PartyId.optional(),
  })
  .strict()
  .superRefine((person, ctx) => {
    if (person.role === 'customer' && person.customerId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['customerId'], message: 'a customer token names its customer (customerId)' });
    }
    if (person.role !== 'customer' && person.customerId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['customerId'], message: 'only a customer token names a customer' });
    }
  });
export type Person = z.infer<typeof Person>;

/** A token's key in the token file: the token itself (16+ characters), or `sha256:<hex>` of it so the file holds no secret. */
const HASHED = /^sha256:([0-9a-f]{64})$/i;
const validKey = (key: string) => (key.startsWith('sha256:') ? HASHED.test(key) : key.length >= 16 && key.length <= 512);

/** SHA-256 of a token, hex: how tokens are kept, and how a token file may name one. */
export const tokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Token hash (hex) → the person, with the hash's bytes for the constant-time comparison. A Map keyed
 * by hash: no token is kept in memory, and a token such as `constructor` finds no inherited property.
 */
export type Tokens = ReadonlyMap<string, { digest: Buffer; person: Person }>;

/**
 * The configured tokens (ORDERFLOW_TOKENS / ORDERFLOW_TOKENS_FILE: `{ "<token or sha256:hex>": person }`).
 * An error names an entry by its position and person, never by its key: the key is a secret.
 */
export function tokensFrom(config: unknown): Tokens {
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    throw new Error('invalid tokens: an object of token → person');
  const tokens = new Map<string, { digest: Buffer; person: Person }>();
  const problems: string[] = [];
  Object.entries(config).forEach(([key, value], index) => {
    const id = (value as { id?: unknown } | null)?.id;
    const at = `token ${index + 1}${typeof id === 'string' ? ` (${id})` : ''}`;
    const person = Person.safeParse(value);
    if (!validKey(key)) problems.push(`${at}: key must be a token of 16 to 512 characters, or sha256:<64 hex digits> of one`);
    if (!person.success) problems.push(`${at}: ${issueList(person.error.issues, '(person)')}`);
    const hash = HASHED.exec(key)?.[1].toLowerCase() ?? tokenHash(key);
    if (tokens.has(hash)) problems.push(`${at}: the same token as an earlier entry`);
    if (person.success) tokens.set(hash, { digest: Buffer.from(hash, 'hex'), person: person.data });
  });
  if (problems.length > 0) throw new Error(`invalid tokens: ${problems.join('; ')}`);
  return tokens;
}

/** The development customer's company: the `dev-customer` token sees that customer's orders only. */
export const DEVELOPMENT_CUSTOMER_ID = 'C-DEV';

/**
 * One development token per role except `system` (OrderFlow itself): `dev-order-desk`,
 * `dev-finance`, `dev-supervisor`, … `dev-customer` is customer C-DEV. For `npm start`, the tests
 * and the README; refused in production (see config.ts).
 */
export const developmentTokens: Tokens = tokensFrom(
  Object.fromEntries(
    Role.exclude(['system']).options.map((role) => [
      // Shorter than a configured token may be: built here, never read from configuration.
      `sha256:${tokenHash(`dev-${role}`)}`,
      { id: `dev-${role}`, name: `Development ${role}`, role, ...(role === 'customer' ? { customerId: DEVELOPMENT_CUSTOMER_ID } : {}) },
    ]),
  ),
);

/** The person a presented token names, if any. */
export function findPerson(tokens: Tokens, token: string): Person | undefined {
  const presented = tokenHash(token);
  const entry = tokens.get(presented);
  // The Map is keyed by hash, so its lookup times a hash of what the caller sent, never a stored
  // token; the comparison that admits the caller is constant-time all the same.
  return entry && timingSafeEqual(entry.digest, Buffer.from(presented, 'hex')) ? entry.person : undefined;
}

const CHALLENGE = 'Bearer realm="orderflow"';

/**
 * Admits a request with a known bearer token (scheme case-insensitive, RFC 9110 §11.1). A refusal
 * says whether the token was missing or not recognised, never which tokens exist, and is logged
 * with the request ID and the reason, never with the token.
 */
export function authenticate(tokens: Tokens, log: Log): RequestHandler {
  return (req, res, next) => {
    const [scheme, token, ...rest] = (req.header('authorization') ?? '').trim().split(/\s+/);
    const bearer = scheme?.toLowerCase() === 'bearer' && Boolean(token);
    const person = bearer && rest.length === 0 ? findPerson(tokens, token) : undefined;
    if (!person) {
      const reason = bearer ? 'token-not-recognised' : 'token-missing';
      log({
        level: 'warn',
        msg: 'authentication failed',
        requestId: res.locals.requestId,
        reason,
        method: req.method,
        path: req.originalUrl,
        ip: req.ip,
      });
      if (!bearer) {
        res.setHeader('WWW-Authenticate', CHALLENGE);
        throw new Problem(401, 'token-missing', 'No bearer token', 'send Authorization: Bearer <token>');
      }
      res.setHeader('WWW-Authenticate', `${CHALLENGE}, error="invalid_token"`);
      throw new Problem(
        401,
        'token-not-recognised',
        'Token not recognised',
        'this bearer token is not one this service knows: check it, or ask for a new one',
      );
    }
    res.locals.person = person;
    next();
  };
}

/** The authenticated person of this request (set by `authenticate`). */
export const personOf = (res: Response) => res.locals.person as Person;

/** The person as the actor of an event: who and in which role (their company is the order's own). */
export function actorOf(res: Response): Actor {
  const { id, name, role } = personOf(res);
  return { id, name, role };
}
