import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { z } from 'zod';
import { eventSchemas, eventTypes, OrderEvent } from '../../workflows/domain/events';
import { OrderInput } from '../../workflows/domain/order';
import { defaultPolicy } from '../../workflows/domain/policy';
import { checkEvent, startIssues } from '../../workflows/domain/validate';
import { body, type JsonSchema } from '../support/api-arbitraries';
import { standardOrder } from '../support/scenario';

// The workflow checks events with validators compiled from the zod schemas at build time
// (scripts/generate-validators.ts). They must agree with zod on every value, valid or not; where
// zod would drop an unknown key the validators refuse it (the API sends only what zod parsed).

describe('validators compiled from the zod schemas', () => {
  it('agree with zod on well-formed, broken and junk events of every type', () => {
    for (const type of eventTypes) {
      const schema = z.toJSONSchema(eventSchemas[type], { target: 'draft-7', io: 'output', unrepresentable: 'any' }) as JsonSchema;
      fc.assert(
        // As it arrives: JSON (fast-check's records have no prototype; payloads do).
        fc.property(
          body(schema).map((v) => JSON.parse(JSON.stringify(v ?? null)) as unknown),
          (value) => {
            const parsed = OrderEvent.safeParse(value);
            const zod = parsed.success && isDeepStrictEqual(parsed.data, value);
            assert.equal(checkEvent(value).issues === undefined, zod, JSON.stringify(value));
          },
        ),
        { numRuns: 150, seed: 20261201 },
      );
    }
  });

  it('name the field at fault, and refuse an unknown type or an inherited property name as a type', () => {
    const { issues } = checkEvent({ type: 'deposit-received', actor: { id: 'f', role: 'finance' }, data: { amount: -5, paymentRef: 'B' } });
    assert.deepEqual(
      issues?.map((i) => i.path),
      ['data.amount'],
    );
    assert.deepEqual(checkEvent({ type: 'price-approved', actor: { id: 'f', role: 'finance' }, data: { extra: 1 } }).issues, [
      { path: 'data.extra', message: 'not a known field' },
    ]);
    for (const type of ['constructor', '__proto__', 'toString', 'no-such-event']) {
      assert.equal(checkEvent({ type, actor: { id: 'f', role: 'finance' }, data: {} }).issues?.[0].path, 'type');
    }
  });

  it('accept a parsed order form with a resolved policy, and name what is wrong with anything else', () => {
    assert.deepEqual(startIssues(OrderInput.parse(standardOrder()), defaultPolicy), []);
    const issues = startIssues(
      { ...OrderInput.parse(standardOrder()), lines: [] },
      { ...defaultPolicy, rules: { largeOrderAmount: 'much' } },
    );
    assert.deepEqual(issues.map((i) => i.path).sort(), ['order.lines', 'policy.rules.largeOrderAmount']);
  });
});
