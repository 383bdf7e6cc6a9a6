import assert from 'node:assert/strict';
import type { TimelineEntry } from '../../workflows/domain/state';
import { call, eventually, orderThrough, sendEvent, startApi, type ApiUnderTest } from '../support/api-server';
import { intoProduction, type Step } from '../support/main-line';

// The supervisor and the owner through the REST API (dev server, real worker, SQLite read model): the
// credit check the API makes from the customer file when an order is taken, and the 409s in business
// words for a shipment before the credit approval and before the customer's receiving time.

describe('REST API: credit limit and receiving time (dev server)', function () {
  let api: ApiUnderTest;
  before(async () => {
    api = await startApi({ policy: { shipping: { confirmReceivingTime: true } } });
  });
  after(async () => api?.stop());

  const noticesOf = async (id: string, type: string) =>
    ((await call(api, 'GET', `/api/v1/orders/${id}/timeline`, { role: 'supervisor' })).body.timeline as TimelineEntry[]).filter(
      (t) => t.kind === 'notification' && t.type === type,
    );
  const toRelease: Step[] = [
    ...intoProduction,
    ['technical', 'technical-order-issued', { orderRef: 'TO-1' }],
    ['qc', 'qc-passed', { reportRef: 'QC-1' }],
    ['warehouse', 'stocked', { location: 'A-1' }],
    ['sales-rep', 'shipping-requested', { requestRef: 'SR-1' }],
  ];
  const shipped = { carrier: 'SF Express', trackingRef: 'SF-1' };

  it('takes the open balance from the read model: the first order is within the limit, the second waits for the credit approval before it ships', async () => {
    const customer = `C-CREDIT-${Date.now()}`;
    const file = { id: customer, name: 'Ningbo Lamps', class: 'A', creditLimit: 800_000, contacts: [] };
    assert.equal((await call(api, 'POST', '/api/v1/customers', { role: 'finance', body: file })).status, 201);

    // ¥5,000 on nothing owed: within the ¥8,000 limit.
    const first = `${customer}-1`;
    await orderThrough(api, first, customer, [['order-desk', 'order-confirmed']]);
    assert.deepEqual(await noticesOf(first, 'credit-approval-needed'), []);
    const owed = await eventually(
      async () => (await call(api, 'GET', `/api/v1/customers/${customer}/history`, { role: 'finance' })).body.balanceOwed,
      (balance) => balance === 500_000,
    );
    assert.equal(owed, 500_000, 'the first order is in the read model');

    // Another ¥5,000 on ¥5,000 owed: over the limit by ¥2,000.
    const second = `${customer}-2`;
    await orderThrough(api, second, customer, toRelease);
    const asked = await noticesOf(second, 'credit-approval-needed');
    assert.equal(asked[0].to, 'supervisor');
    assert.match(asked[0].detail, /open balance of 500000 fen over the credit limit of 800000 fen by 200000 fen/);

    const early = await sendEvent(api, second, 'warehouse', 'shipped', shipped);
    assert.equal(early.status, 409, JSON.stringify(early.body));
    assert.equal(early.body.type, 'urn:orderflow:problem:event-not-expected');
    assert.match(
      early.body.detail,
      /takes the customer over their credit limit: a supervisor approves the credit \(credit-approved\) before it ships/,
    );
    assert.ok(early.body.expectedEvents.includes('credit-approved'));
    assert.equal((await sendEvent(api, second, 'supervisor', 'credit-approved', { comment: 'long-standing customer' })).status, 200);

    // The policy asks for the receiving time before dispatch.
    const unconfirmed = await sendEvent(api, second, 'warehouse', 'shipped', shipped);
    assert.equal(unconfirmed.status, 409, JSON.stringify(unconfirmed.body));
    assert.match(unconfirmed.body.detail, /^the customer's receiving time is not confirmed: record the date and time window/);
    assert.deepEqual(unconfirmed.body.expectedEvents.includes('receiving-time-confirmed'), true);
    const agreed = await sendEvent(api, second, 'sales-rep', 'receiving-time-confirmed', {
      date: '2031-05-03',
      from: '14:00',
      until: '17:00',
    });
    assert.equal(agreed.status, 200, JSON.stringify(agreed.body));
    const sent = await sendEvent(api, second, 'warehouse', 'shipped', shipped);
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    assert.equal(sent.body.snapshot.stage, 'in-transit');
  });

  it('refuses a receiving time with a malformed window', async () => {
    const customer = `C-WINDOW-${Date.now()}`;
    await orderThrough(api, customer, customer, intoProduction);
    const bad = await sendEvent(api, customer, 'sales-rep', 'receiving-time-confirmed', { date: '2031-05-03', from: '9 am' });
    assert.equal(bad.status, 400, JSON.stringify(bad.body));
    assert.deepEqual(
      bad.body.errors.map((e: { field: string }) => e.field),
      ['data.from'],
    );
  });
});
