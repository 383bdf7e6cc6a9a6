import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { actorOf } from './auth';
import { invalidFields, Problem } from './problem';

// Every POST carries an Idempotency-Key: a retry with the same key and body gets the first answer
// and applies nothing twice; the same key with another body is a 422.
//
// Where the record lives, and why:
// - events: the key is the event's `id` and, with the body's digest, the update ID. Temporal
//   answers a retried update ID with the first result; the workflow keeps the digest of every
//   applied event id in its state, so a retry after continue-as-new is still recognised, and the
//   key sent with another body (another digest, so another update ID) is refused by its validator.
//   The record is the order's own state: nothing to keep beside it, nothing to lose.
// - creation: the key and digest go into the new workflow's memo, and the workflow ID is the order
//   number, so a retried creation finds its order and compares. A key reused for another order
//   number would find no order; that case is caught by `CreationKeys`, a small bounded record in
//   this process (a shared store would be needed to catch it across API replicas).

const key = /^[\x21-\x7e]{1,200}$/;

export interface Idempotency {
  key: string;
  /**
   * SHA-256 of who sent what: the acting person and the body in canonical JSON (a retry whose
   * client orders keys differently is still the same request; another person's is not).
   */
  digest: string;
}

/** The request's key and digest (after `authenticate`). */
export function idempotencyOf(req: Request, res: Response): Idempotency {
  const sent = req.header('idempotency-key');
  if (!sent || !key.test(sent)) {
    throw invalidFields([{ field: 'header.Idempotency-Key', message: 'required on every POST: 1–200 visible ASCII characters' }]);
  }
  const { id, role } = actorOf(res);
  return { key: sent, digest: digestOf(canonicalJson({ actor: { id, role }, body: req.body })) };
}

export const keyReused = (detail: string) =>
  new Problem(422, 'idempotency-key-reused', 'Idempotency-Key reused with another request', detail);

export const digestOf = (text: string) => createHash('sha256').update(text).digest('hex');

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Which order each recent creation key made, to refuse a key reused for another order number. */
export class CreationKeys {
  private readonly orders = new Map<string, { digest: string; orderNumber: string }>();

  constructor(private readonly capacity = 10_000) {}

  /**
   * Claims the key for this order before it is started (so two concurrent requests cannot both
   * pass); a key already claimed for another body is a 422. Returns a release for a start that failed.
   */
  claim({ key, digest }: Idempotency, orderNumber: string): () => void {
    const earlier = this.orders.get(key);
    if (earlier && (earlier.digest !== digest || earlier.orderNumber !== orderNumber)) {
      throw keyReused(`this key created order ${earlier.orderNumber} from another body`);
    }
    if (earlier) return () => undefined;
    this.orders.set(key, { digest, orderNumber });
    // A Map iterates in insertion order: the oldest claim goes first.
    if (this.orders.size > this.capacity) this.orders.delete(this.orders.keys().next().value!);
    return () => this.orders.delete(key);
  }
}
