import assert from 'node:assert/strict';
import type { EventType } from '../../workflows/domain/events';
import type { Role } from '../../workflows/domain/order';
import type { TimelineEntry } from '../../workflows/domain/state';
import { eventSignal, snapshotQuery, workflowIdOf } from '../../workflows/messages';
import { call, eventually, newKey, sendEvent, startApi, type ApiUnderTest, type Call } from '../support/api-server';
import { devServer } from '../support/servers';

// Bad input gets a clear 4xx that names what is wrong, and changes nothing: deep JSON, money beyond
// the ceiling or above what is due, a key reused for another body, a refused role's retry. And an
// event sent as the raw signal is recorded as an operator's, through Temporal.

let orders = 0;
const uniqueNumber = () => `IN-${process.pid}-${++orders}`;
/** A ¥5,000 standard order (10 × 50,000 fen) with a 30 % deposit of 150,000 fen. */
const smallOrder = (orderNumber: string) => ({
  orderNumber,
  customer: { id: 'C-DEV', name: 'Xiamen Lamps', class: 'A' }, // the development customer token's own
  salesRep: { id: 'rep-in' },
  lines: [{ productCode: 'LAMP-1', quantity: 10, unitPrice: 50_000 }],
  deposit: { kind: 'rate', basisPoints: 3000 },
  delivery: { address: 'No. 3 Road', contact: 'Ms Xu', phone: '13700000000' },
});
type Step = [Role, EventType, Record<string, unknown>?];
const untilDeposit: Step[] = [
  ['order-desk', 'order-confirmed'],
  ['finance', 'price-approved'],
  ['production', 'delivery-date-estimated', { promisedDate: '2031-05-01' }],
  ['order-desk', 'confirmation-sent', { documentRef: 'OC-1' }],
  ['order-desk', 'signed-confirmation-returned', { documentRef: 'OC-1s' }],
];

function assertProblem(answer: Call, status: number, type: string) {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.equal(answer.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  assert.equal(answer.body.type, `urn:orderflow:problem:${type}`, JSON.stringify(answer.body));
}
const fields = (answer: Call) => [...new Set(answer.body.errors.map((e: { field: string }) => e.field))];
/** No Temporal internals in what a caller reads. */
const assertBusinessWords = (answer: Call) =>
  assert.doesNotMatch(JSON.stringify(answer.body), /workflow|grpc|order-IN-|ApplicationFailure|Temporal/i);

describe('bad input: a clear 4xx that changes nothing (dev server)', function () {
  let api: ApiUnderTest;
  before(async () => {
    api = await startApi();
  });
  after(async () => api?.stop());

  const create = (body: unknown, key?: string) => call(api, 'POST', '/api/v1/orders', { role: 'order-desk', body, key });
  const read = async (id: string) => (await call(api, 'GET', `/api/v1/orders/${id}`, { role: 'finance' })).body;
  async function orderAt(steps: Step[]) {
    const id = uniqueNumber();
    assert.equal((await create(smallOrder(id))).status, 201);
    for (const [role, type, data] of steps) assert.equal((await sendEvent(api, id, role, type, data)).status, 200, `${role} ${type}`);
    return id;
  }

  it('refuses JSON nested deeper than 32 levels with a 400, before parsing it', async () => {
    const nested = (depth: number) => `${'['.repeat(depth - 1)}{"type":"order-confirmed"}${']'.repeat(depth - 1)}`;
    for (const depth of [33, 5000, 10_000]) {
      const answer = await call(api, 'POST', '/api/v1/orders', { role: 'order-desk', raw: nested(depth) });
      assertProblem(answer, 400, 'invalid-request');
      assert.deepEqual(answer.body.errors, [{ field: '(body)', message: 'nested deeper than 32 levels' }]);
    }
    const brackets = {
      orderNumber: uniqueNumber(),
      note: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{"\\"[[[',
    };
    const inAString = await call(api, 'POST', '/api/v1/orders', { role: 'order-desk', body: brackets });
    assert.ok(!fields(inAString).includes('(body)'), 'brackets inside a string are text, not nesting');
    const deep32 = await call(api, 'POST', '/api/v1/orders', { role: 'order-desk', raw: nested(32) });
    assert.notDeepEqual(deep32.body.errors, [{ field: '(body)', message: 'nested deeper than 32 levels' }], '32 levels are parsed');
  });

  it('refuses money beyond ¥10 billion (10^12 fen) per order with a 400 naming the field', async () => {
    const id = uniqueNumber();
    const line = (quantity: number, unitPrice: number) => ({ productCode: 'LAMP-1', quantity, unitPrice });
    const overLine = await create({ ...smallOrder(id), lines: [line(1, 100), line(2 ** 40, 2 ** 13)] });
    assertProblem(overLine, 400, 'invalid-request');
    assert.deepEqual(fields(overLine), ['lines.1.unitPrice']);
    assert.match(overLine.body.detail, /¥10 billion/);
    const overTotal = await create({ ...smallOrder(id), lines: [line(1, 10 ** 12), line(1, 1)] });
    assert.deepEqual(fields(overTotal), ['lines']);
    const unsafe = await create({ ...smallOrder(id), lines: [line(1, 2 ** 53 + 2)] });
    assert.deepEqual(fields(unsafe), ['lines.0.unitPrice']);
    assertProblem(await call(api, 'GET', `/api/v1/orders/${id}`, { role: 'finance' }), 404, 'order-not-found');

    const atCeiling = await create({ ...smallOrder(id), lines: [line(2, 5 * 10 ** 11)] });
    assert.equal(atCeiling.status, 201, JSON.stringify(atCeiling.body));
    const payment = await sendEvent(api, id, 'finance', 'deposit-received', { amount: 10 ** 15, paymentRef: 'B-1' });
    assertProblem(payment, 400, 'invalid-request');
    assert.deepEqual(fields(payment), ['data.amount']);
  });

  it('refuses a deposit or payment above what is still due with a 422 naming the amount due, and takes nothing', async () => {
    const id = await orderAt(untilDeposit);
    const deposit = await sendEvent(api, id, 'finance', 'deposit-received', { amount: 10 ** 12, paymentRef: 'B-1' });
    assertProblem(deposit, 422, 'amount-above-due');
    assert.equal(deposit.body.amountDue, 500_000);
    assert.match(deposit.body.detail, /1000000000000 fen is more than the 500000 fen still due on the order/);
    assert.equal(deposit.body.accepted, false);
    assertBusinessWords(deposit);
    assert.equal((await read(id)).received, 0);

    assert.equal((await sendEvent(api, id, 'finance', 'deposit-received', { amount: 200_000, paymentRef: 'B-2' })).status, 200);
    assert.equal((await sendEvent(api, id, 'finance', 'production-notice-issued', { noticeRef: 'PN-1' })).status, 200);
    const payment = await sendEvent(api, id, 'finance', 'payment-received', { amount: 300_001, paymentRef: 'B-3' });
    assertProblem(payment, 422, 'amount-above-due');
    assert.equal(payment.body.amountDue, 300_000);
    const order = await read(id);
    assert.equal(order.received, 200_000);
    assert.equal(order.balanceDue, 300_000);
  });

  it('shows a refund due when an amendment brings the amount below what was paid', async () => {
    const id = await orderAt([...untilDeposit, ['finance', 'deposit-received', { amount: 150_000, paymentRef: 'B-1' }]]);
    const lines = [{ productCode: 'LAMP-1', quantity: 2, unitPrice: 50_000, priceBasis: 'price-list' }];
    assert.equal((await sendEvent(api, id, 'customer', 'change-requested', { description: 'two lamps only' })).status, 200);
    // The amended lines keep to the money ceiling, as the order form does.
    const over = await sendEvent(api, id, 'production', 'change-assessed', {
      version: 1,
      feasible: true,
      lines: [{ ...lines[0], quantity: 2 ** 40, unitPrice: 2 ** 13 }],
    });
    assert.equal(over.status, 400);
    assert.deepEqual(
      over.body.errors.map((e: { field: string }) => e.field),
      ['data.lines.0.unitPrice'],
    );
    assert.equal((await sendEvent(api, id, 'production', 'change-assessed', { version: 1, feasible: true, lines })).status, 200);
    assert.equal((await sendEvent(api, id, 'finance', 'change-price-approved', { version: 1 })).status, 200);
    const confirmed = await sendEvent(api, id, 'customer', 'change-confirmed', { version: 1 });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.snapshot.amount, 100_000);
    assert.equal(confirmed.body.snapshot.balanceDue, 0);
    assert.equal(confirmed.body.snapshot.refundDue, 50_000);
    assert.equal((await read(id)).refundDue, 50_000);
  });

  it('answers the same Idempotency-Key with another body 422 on every POST, another order number included', async () => {
    const key = newKey();
    const first = uniqueNumber();
    assert.equal((await create(smallOrder(first), key)).status, 201);
    const other = uniqueNumber();
    const reused = await create(smallOrder(other), key);
    assertProblem(reused, 422, 'idempotency-key-reused');
    assertProblem(await call(api, 'GET', `/api/v1/orders/${other}`, { role: 'finance' }), 404, 'order-not-found');
    assert.equal((await create({ ...smallOrder(first), salesRep: { id: 'rep-other' } }, key)).status, 422);
    assert.equal((await create(smallOrder(first), key)).status, 201, 'the retry itself is answered as the first time');

    const eventKey = newKey();
    assert.equal((await sendEvent(api, first, 'order-desk', 'order-confirmed', {}, eventKey)).status, 200);
    const reusedForEvent = await call(api, 'POST', `/api/v1/orders/${first}/events`, {
      role: 'order-desk',
      key: eventKey,
      body: { type: 'order-confirmed', data: {}, note: 'another body' },
    });
    assertProblem(reusedForEvent, 422, 'idempotency-key-reused');
    assertBusinessWords(reusedForEvent);
  });

  it('answers a role that may not send the event 403 on a retry too', async () => {
    const id = uniqueNumber();
    assert.equal((await create(smallOrder(id))).status, 201);
    const key = newKey();
    assert.equal((await sendEvent(api, id, 'order-desk', 'order-confirmed', {}, key)).status, 200);
    // The same key and body from a role the matrix refuses: not the order desk's retry, and not permitted.
    for (let attempt = 0; attempt < 2; attempt++) {
      const refused = await sendEvent(api, id, 'customer', 'order-confirmed', {}, key);
      assertProblem(refused, 403, 'role-not-permitted');
      assert.match(refused.body.detail, /customer may not send order-confirmed/);
    }
    const fresh = newKey();
    for (let attempt = 0; attempt < 2; attempt++)
      assertProblem(await sendEvent(api, id, 'qc', 'price-approved', {}, fresh), 403, 'role-not-permitted');
    const timeline = (await call(api, 'GET', `/api/v1/orders/${id}/timeline`, { role: 'finance' })).body.timeline as TimelineEntry[];
    assert.equal(timeline.filter((t) => t.kind === 'event').length, 1, "only the order desk's confirmation");
  });

  it("records an event sent as the raw signal as an operator's, through Temporal, whatever actor it claims", async () => {
    const id = uniqueNumber();
    assert.equal((await create(smallOrder(id))).status, 201);
    const handle = (await devServer()).client.workflow.getHandle(workflowIdOf(id));
    const claimed = { id: 'desk-wang', name: 'Wang Fang', role: 'order-desk' as const };
    await handle.signal(eventSignal, { type: 'order-confirmed', actor: claimed, data: {} });
    // The matrix applies to the role it claims: a signal claiming QC cannot approve the price.
    await handle.signal(eventSignal, { type: 'price-approved', actor: { id: 'x', role: 'qc' }, data: {} });
    await handle.signal(eventSignal, { type: 'price-approved', actor: { id: 'fin-chen', role: 'finance' }, data: {} });
    await handle.signal(eventSignal, {
      type: 'delivery-date-estimated',
      actor: { id: 'p', role: 'production' },
      data: { promisedDate: '2031-05-01' },
    });
    await handle.signal(eventSignal, { type: 'confirmation-sent', actor: claimed, data: { documentRef: 'OC-1' } });
    await handle.signal(eventSignal, { type: 'signed-confirmation-returned', actor: claimed, data: { documentRef: 'OC-1s' } });
    await handle.signal(eventSignal, {
      type: 'deposit-received',
      actor: { id: 'fin-chen', role: 'finance' },
      data: { amount: 500_001, paymentRef: 'B-9' },
    });
    const timeline = await eventually(
      async () => (await call(api, 'GET', `/api/v1/orders/${id}/timeline`, { role: 'finance' })).body.timeline as TimelineEntry[],
      (t) => t.filter((e) => e.kind === 'event' || e.kind === 'rejected-event').length === 7,
    );
    const confirmed = timeline.find((t) => t.kind === 'event' && t.type === 'order-confirmed')!;
    assert.equal(confirmed.via, 'temporal');
    assert.deepEqual(confirmed.actor, claimed, 'the claimed actor is kept, marked as a claim');
    assert.match(confirmed.detail, /sent by an operator through Temporal/);
    const rejected = timeline.filter((t) => t.kind === 'rejected-event');
    assert.deepEqual(
      rejected.map((t) => [t.type, t.via]),
      [
        ['price-approved', 'temporal'],
        ['deposit-received', 'temporal'],
      ],
    );
    assert.match(rejected[0].detail, /qc may not send price-approved .*\(sent by an operator through Temporal\)/);
    assert.match(rejected[1].detail, /500001 fen is more than the 500000 fen still due/);
    const snapshot = await handle.query(snapshotQuery);
    assert.equal(snapshot.received, 0);
    assert.equal(snapshot.stage, 'deposit');
  });
});
