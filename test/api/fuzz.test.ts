import assert from 'node:assert/strict';
import { eventTypes, type EventType } from '../../workflows/domain/events';
import { defaultPolicy } from '../../workflows/domain/policy';
import { Role } from '../../workflows/domain/order';
import { statuses } from '../../workflows/domain/state';
import { call, newKey, startApi, type ApiUnderTest } from '../support/api-server';

// A property-based run against the API: randomized bodies (valid ones mutated, and random events
// with random data) from a seeded generator, so a failure repeats. Properties: no answer is a
// 500, and afterwards the order is consistent (money received equals what was accepted).

const REQUESTS = 500;
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);

function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const value = (depth = 0): unknown => {
    switch (Math.floor(next() * (depth > 2 ? 6 : 8))) {
      case 0: return null;
      case 1: return next() < 0.5;
      case 2: return pick([0, -1, 1, 2.5, 1e21, Number.MAX_SAFE_INTEGER, 100_000, 3]);
      case 3: return pick(['', 'x', '2031-02-30', '2031-05-01', 'Ω≈ç√', 'A'.repeat(300), 'PT2H', 'supervisor', '<script>', '{"a":1}']);
      case 4: return Math.floor(next() * 2_000_000);
      case 5: return pick(['SO-1', 'B-1', 'ref']);
      case 6: return Array.from({ length: Math.floor(next() * 3) }, () => value(depth + 1));
      default: return Object.fromEntries(Array.from({ length: Math.floor(next() * 4) }, () => [pick(fields), value(depth + 1)]));
    }
  };
  const mutate = (input: unknown, depth = 0): unknown => {
    if (input && typeof input === 'object' && depth < 4) {
      const copy: Record<string, unknown> = Array.isArray(input) ? [...input] as never : { ...input };
      const keys = Object.keys(copy);
      const roll = next();
      if (roll < 0.2 && keys.length) delete copy[pick(keys)];
      else if (roll < 0.3) copy[pick(fields)] = value();
      else if (keys.length) { const k = pick(keys); copy[k] = next() < 0.5 ? mutate(copy[k], depth + 1) : value(); }
      return copy;
    }
    return next() < 0.7 ? value() : input;
  };
  return { next, pick, value, mutate };
}

const fields = ['amount', 'paymentRef', 'version', 'promisedDate', 'reason', 'feasible', 'documentRef', 'noticeRef', 'orderRef', 'reportRef',
  'location', 'requestRef', 'carrier', 'trackingRef', 'receiptRef', 'percentDone', 'channel', 'category', 'description', 'complaintNumber',
  'responsibleParty', 'resolution', 'confirmationRef', 'drawingRef', 'newAmount', 'newPromisedDate', 'quantity', 'unitPrice', 'orderNumber'];

/** A well-formed example of each event, so the run also moves the order along its route. */
const examples: Record<EventType, Record<string, unknown>> = {
  'order-confirmed': {}, 'feasibility-decided': { feasible: true }, 'materials-confirmed': { confirmationRef: 'M' },
  'drawing-sent': { version: 1, drawingRef: 'D' }, 'drawing-confirmed': { version: 1 }, 'drawing-revision-requested': { version: 1, reason: 'r' },
  'price-approved': {}, 'price-disputed': { reason: 'r' }, 'supervisor-approved': {}, 'delivery-date-estimated': { promisedDate: '2031-01-01' },
  'confirmation-sent': { documentRef: 'OC' }, 'signed-confirmation-returned': { documentRef: 'OCs' }, 'signed-confirmation-rejected': { reason: 'r' },
  'deposit-received': { amount: 20_000, paymentRef: 'B' }, 'production-notice-issued': { noticeRef: 'PN' }, 'technical-order-issued': { orderRef: 'TO' },
  'progress-reported': { percentDone: 50 }, 'delay-reported': { reason: 'r', newPromisedDate: '2031-02-01' },
  'customer-told-of-delay': { channel: 'phone' }, 'change-requested': { description: 'd', newAmount: 250_000 }, 'change-confirmed': { version: 1 },
  'change-rejected': { version: 1, reason: 'r' }, 'qc-passed': { reportRef: 'QC' }, 'qc-failed': { reason: 'r' }, stocked: { location: 'L' },
  'shipping-requested': { requestRef: 'SR' }, 'payment-received': { amount: 30_000, paymentRef: 'P' }, 'emergency-released': { reason: 'r' },
  shipped: { carrier: 'SF', trackingRef: 'T' }, 'signed-for': { receiptRef: 'AR' },
  'complaint-filed': { category: 'quality', description: 'd' }, 'complaint-resolved': { complaintNumber: 1, responsibleParty: 'none', resolution: 'r' },
  cancelled: { reason: 'r' },
};

const validOrder = () => ({
  customer: { id: 'C-FUZZ', name: 'Fuzz Co', class: 'B' },
  salesRep: { id: 'rep-fuzz' },
  lines: [{ productCode: 'LAMP-F', quantity: 2, unitPrice: 100_000 }],
  deposit: { kind: 'amount', amount: 50_000 },
  delivery: { address: 'Fuzz Road', contact: 'Ms F', phone: '12345678' },
});

describe('API fuzz (dev server)', function () {
  this.timeout(300_000);
  let api: ApiUnderTest;
  before(async () => {
    api = await startApi();
  });
  after(async () => api?.stop());

  it(`answers ${REQUESTS} randomized requests without a 500 and leaves the orders consistent`, async () => {
    const g = generator(SEED);
    const roles = Role.options.filter((r) => r !== 'system');
    const stagesSeen = new Set<string>();
    const target = (await call(api, 'POST', '/api/v1/orders', { role: 'order-desk', body: validOrder() })).body.orderNumber as string;
    // Bring the order to where money events fit, so accepted payments exercise the ledger.
    for (const [role, type, data] of [
      ['order-desk', 'order-confirmed', {}], ['finance', 'price-approved', {}], ['production', 'delivery-date-estimated', { promisedDate: '2031-01-01' }],
      ['order-desk', 'confirmation-sent', { documentRef: 'OC' }], ['order-desk', 'signed-confirmation-returned', { documentRef: 'OCs' }],
    ] as const) {
      assert.equal((await call(api, 'POST', `/api/v1/orders/${target}/events`, { role, body: { type, data } })).status, 200);
    }
    let accepted = 0;
    const statusesSeen = new Map<number, number>();
    for (let i = 0; i < REQUESTS; i++) {
      const roll = g.next();
      let answer;
      if (roll < 0.2) {
        answer = await call(api, 'POST', '/api/v1/orders', { role: g.pick(roles), body: g.mutate(validOrder()) });
      } else if (roll < 0.9) {
        const expected = (await call(api, 'GET', `/api/v1/orders/${target}`, { role: 'finance' })).body.expectedEvents as EventType[];
        const wellFormed = g.next() < 0.3;
        // Never the cancellation: the run should reach the later stages.
        const type = wellFormed ? g.pick(expected.filter((t) => t !== 'cancelled')) ?? 'order-confirmed' : g.next() < 0.9 ? g.pick(eventTypes) : String(g.value());
        const body = wellFormed ? { type, data: g.next() < 0.8 ? examples[type as EventType] : g.mutate(examples[type as EventType]) }
          : g.next() < 0.8 ? { type, data: g.value(1) } : g.mutate({ type, data: {} });
        const allowed = defaultPolicy.permissions[type as EventType];
        const role = wellFormed && allowed ? g.pick(allowed) : g.pick(roles);
        answer = await call(api, 'POST', `/api/v1/orders/${target}/events`, { role, body });
        const { amount } = ((body as { data?: { amount?: unknown } }).data ?? {}) as { amount?: unknown };
        if (answer.status === 200 && (type === 'deposit-received' || type === 'payment-received')) accepted += amount as number;
      } else {
        const query = new URLSearchParams({ [g.pick(['status', 'stage', 'customerId', 'late', 'pageSize', 'pageToken', 'bogus'])]: String(g.value(3)) });
        answer = await call(api, 'GET', `/api/v1/orders?${query}`, { role: g.pick(roles) });
      }
      statusesSeen.set(answer.status, (statusesSeen.get(answer.status) ?? 0) + 1);
      if (answer.body?.snapshot) stagesSeen.add(answer.body.snapshot.stage);
      assert.ok(answer.status < 500, `request ${i} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
    const answered = [...statusesSeen.values()].reduce((a, b) => a + b, 0);
    console.log(`      ${answered + 6} requests (and a snapshot read before each event); answers by status: ${JSON.stringify(Object.fromEntries([...statusesSeen].sort()))}; stages reached: ${[...stagesSeen].join(', ')}`);

    const order = (await call(api, 'GET', `/api/v1/orders/${target}`, { role: 'finance' })).body;
    assert.ok(statuses.includes(order.status));
    assert.equal(order.received, accepted, 'money received is exactly what the API accepted');
    assert.equal(order.balanceDue, Math.max(0, order.amount - order.received));
    const timeline = (await call(api, 'GET', `/api/v1/orders/${target}/timeline`, { role: 'finance' })).body.timeline;
    assert.equal(timeline.filter((t: { kind: string }) => t.kind === 'rejected-event').length, 0, 'refused updates leave no trace');
    // The order still answers events: the fuzzing did not break its workflow.
    const probe = await call(api, 'POST', `/api/v1/orders/${target}/events`, { role: 'supervisor', body: { type: 'cancelled', data: { reason: 'end of fuzz' } }, key: newKey() });
    assert.ok([200, 409].includes(probe.status), JSON.stringify(probe.body));
  });
});
