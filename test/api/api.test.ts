import assert from 'node:assert/strict';
import { developmentTokens } from '../../api/auth';
import { defaultPolicy } from '../../workflows/domain/policy';
import { eventTypes, type EventType } from '../../workflows/domain/events';
import type { Role } from '../../workflows/domain/order';
import { call, newKey, startApi, type ApiUnderTest } from '../support/api-server';

// The REST API over HTTP, against the CLI dev server with a real worker.

const customOrder = (orderNumber?: string) => ({
  ...(orderNumber ? { orderNumber } : {}),
  customer: { id: 'C-API', name: 'Fuzhou Lighting', class: 'B' },
  salesRep: { id: 'rep-api' },
  lines: [{ productCode: 'LAMP-9', quantity: 30, unitPrice: 50_000, nonStandard: 'bronze finish' }], // ¥15,000, custom
  deposit: { kind: 'rate', basisPoints: 3000 },
  delivery: { address: 'No. 9 Road', contact: 'Mr Fang', phone: '13900000000' },
});
let orders = 0;
const uniqueNumber = () => `API-${process.pid}-${++orders}`;

describe('REST API (dev server)', function () {
  this.timeout(120_000);
  let api: ApiUnderTest;
  before(async () => {
    api = await startApi();
  });
  after(async () => api?.stop());

  const send = (id: string, role: Role, type: EventType, data: Record<string, unknown> = {}, key?: string) =>
    call(api, 'POST', `/api/v1/orders/${id}/events`, { role, body: { type, data }, key });

  it('drives a custom order from creation to sign-off, each role doing its part', async () => {
    const id = uniqueNumber();
    const created = await call(api, 'POST', '/api/v1/orders', { role: 'order-desk', body: customOrder(id) });
    assert.equal(created.status, 201);
    assert.equal(created.headers.get('location'), `/api/v1/orders/${id}`);
    assert.deepEqual(created.body.expectedEvents, ['order-confirmed', 'cancelled']);

    const steps: [Role, EventType, Record<string, unknown>?][] = [
      ['order-desk', 'order-confirmed'],
      ['technical', 'feasibility-decided', { feasible: true }],
      ['purchasing', 'materials-confirmed', { confirmationRef: 'MAT-1' }],
      ['technical', 'drawing-sent', { version: 1, drawingRef: 'DWG-1' }],
      ['customer', 'drawing-confirmed', { version: 1 }],
      ['finance', 'price-approved'],
      ['supervisor', 'supervisor-approved'],
      ['production', 'delivery-date-estimated', { promisedDate: '2031-05-01' }],
      ['order-desk', 'confirmation-sent', { documentRef: 'OC-1' }],
      ['order-desk', 'signed-confirmation-returned', { documentRef: 'OC-1s' }],
      ['finance', 'deposit-received', { amount: 450_000, paymentRef: 'B-1' }],
      ['finance', 'production-notice-issued', { noticeRef: 'PN-1' }],
      ['technical', 'technical-order-issued', { orderRef: 'TO-1' }],
      ['sales-rep', 'progress-reported', { percentDone: 50 }],
      ['qc', 'qc-passed', { reportRef: 'QC-1' }],
      ['warehouse', 'stocked', { location: 'A-1' }],
      ['sales-rep', 'shipping-requested', { requestRef: 'SR-1' }],
      ['finance', 'payment-received', { amount: 1_050_000, paymentRef: 'B-2' }],
      ['warehouse', 'shipped', { carrier: 'Deppon', trackingRef: 'DP-1' }],
      ['customer', 'signed-for', { receiptRef: 'AR-1' }],
      ['customer', 'complaint-filed', { category: 'quality', description: 'one shade scratched' }],
      ['service', 'complaint-resolved', { complaintNumber: 1, responsibleParty: 'transport', resolution: 'shade replaced' }],
    ];
    for (const [role, type, data] of steps) {
      const answer = await send(id, role, type, data);
      assert.equal(answer.status, 200, `${role} ${type}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.accepted, true);
    }
    const order = await call(api, 'GET', `/api/v1/orders/${id}`, { role: 'sales-rep' });
    assert.equal(order.body.status, 'completed');
    assert.equal(order.body.balanceDue, 0);
    assert.equal(order.body.shippingMode, 'special-vehicle');
    const timeline = await call(api, 'GET', `/api/v1/orders/${id}/timeline`, { role: 'sales-rep' });
    assert.equal(timeline.body.timeline.filter((t: { kind: string }) => t.kind === 'event').length, steps.length);
    assert.equal(timeline.body.timeline.find((t: { type: string }) => t.type === 'signed-for').actor.role, 'customer');
  });

  it('refuses each role an event the permission matrix does not give it', async () => {
    const id = uniqueNumber();
    assert.equal((await call(api, 'POST', '/api/v1/orders', { role: 'sales-rep', body: customOrder(id) })).status, 201);
    // Well-formed events, so that each refusal is the role's and not the data's.
    const candidates: [EventType, Record<string, unknown>][] = [['supervisor-approved', {}], ['stocked', { location: 'A-1' }]];
    for (const actor of Object.values(developmentTokens)) {
      const [type, data] = candidates.find(([t]) => !defaultPolicy.permissions[t].includes(actor.role))!;
      const answer = await send(id, actor.role, type, data);
      assert.equal(answer.status, 403, `${actor.role} ${type}: ${JSON.stringify(answer.body)}`);
      assert.match(answer.body.detail, new RegExp(`${actor.role} may not send ${type}`));
    }
    assert.equal((await call(api, 'POST', '/api/v1/orders', { role: 'qc', body: customOrder() })).status, 403);
  });

  it('answers every kind of client mistake with a problem, and changes nothing', async () => {
    const id = uniqueNumber();
    await call(api, 'POST', '/api/v1/orders', { role: 'order-desk', body: customOrder(id) });
    const before = (await call(api, 'GET', `/api/v1/orders/${id}`, { role: 'order-desk' })).body;

    const invalid = await call(api, 'POST', '/api/v1/orders', { role: 'order-desk', body: { ...customOrder(), lines: [{ productCode: '', quantity: 0, unitPrice: 1.5 }], customer: {} } });
    assert.equal(invalid.status, 400);
    assert.equal(invalid.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    const fields = invalid.body.errors.map((e: { field: string }) => e.field);
    for (const field of ['lines.0.productCode', 'lines.0.quantity', 'lines.0.unitPrice', 'customer.id', 'customer.name', 'customer.class']) {
      assert.ok(fields.includes(field), `${field} in ${fields}`);
    }
    const badData = await send(id, 'order-desk', 'delivery-date-estimated', { promisedDate: 'soon' });
    assert.equal(badData.status, 400, JSON.stringify(badData.body));
    assert.deepEqual(badData.body.errors.map((e: { field: string }) => e.field), ['data.promisedDate']);
    const actorInBody = await call(api, 'POST', `/api/v1/orders/${id}/events`, { role: 'order-desk', body: { type: 'order-confirmed', data: {}, actor: { id: 'boss', role: 'supervisor' } } });
    assert.equal(actorInBody.status, 400, 'the actor comes from the token, never the body');

    assert.equal((await call(api, 'GET', `/api/v1/orders/${id}`)).status, 401);
    assert.equal((await call(api, 'GET', `/api/v1/orders/${id}`, { headers: { authorization: 'Bearer nope' } })).status, 401);
    assert.equal((await call(api, 'GET', '/api/v1/orders/NO-SUCH-ORDER', { role: 'order-desk' })).status, 404);
    assert.equal((await send('NO-SUCH-ORDER', 'order-desk', 'order-confirmed')).status, 404);

    const outOfTurn = await send(id, 'qc', 'qc-passed', { reportRef: 'QC-1' });
    assert.equal(outOfTurn.status, 409);
    assert.deepEqual(outOfTurn.body.expectedEvents, ['order-confirmed', 'cancelled']);

    const huge = await call(api, 'POST', `/api/v1/orders/${id}/events`, { role: 'order-desk', body: { type: 'order-confirmed', data: {}, note: 'x'.repeat(100_000) } });
    assert.equal(huge.status, 413);
    const text = await call(api, 'POST', `/api/v1/orders/${id}/events`, { role: 'order-desk', raw: 'type=order-confirmed', headers: { 'content-type': 'text/plain' } });
    assert.equal(text.status, 415);
    const broken = await call(api, 'POST', `/api/v1/orders/${id}/events`, { role: 'order-desk', raw: '{"type":' });
    assert.equal(broken.status, 400);
    const noKey = await fetch(`${api.url}/api/v1/orders/${id}/events`, {
      method: 'POST', headers: { authorization: `Bearer ${Object.keys(developmentTokens)[0]}`, 'content-type': 'application/json' }, body: '{"type":"order-confirmed","data":{}}',
    });
    assert.equal(noKey.status, 400);
    assert.equal((await call(api, 'POST', '/api/v1/orders', { role: 'order-desk', body: customOrder(id) })).status, 409, 'the number exists');
    assert.equal((await call(api, 'GET', '/api/v1/orders?status=lost', { role: 'order-desk' })).status, 400);

    const after = (await call(api, 'GET', `/api/v1/orders/${id}`, { role: 'order-desk' })).body;
    assert.deepEqual(after, before);
  });

  it('applies a retried POST once: the same deposit twice is counted once, and a reused key is refused', async () => {
    const id = uniqueNumber();
    const key = newKey();
    const first = await call(api, 'POST', '/api/v1/orders', { role: 'order-desk', body: customOrder(id), key });
    const retry = await call(api, 'POST', '/api/v1/orders', { role: 'order-desk', body: customOrder(id), key });
    assert.equal(retry.status, 201);
    assert.equal(retry.body.receivedAt, first.body.receivedAt);
    assert.equal((await call(api, 'POST', '/api/v1/orders', { role: 'order-desk', body: { ...customOrder(id), salesRep: { id: 'other' } }, key })).status, 422);
    const generated = newKey();
    const a = await call(api, 'POST', '/api/v1/orders', { role: 'order-desk', body: customOrder(), key: generated });
    const b = await call(api, 'POST', '/api/v1/orders', { role: 'order-desk', body: customOrder(), key: generated });
    assert.equal(a.body.orderNumber, b.body.orderNumber, 'a generated number follows the key');

    for (const [role, type, data] of [
      ['order-desk', 'order-confirmed', {}], ['technical', 'feasibility-decided', { feasible: true }], ['purchasing', 'materials-confirmed', { confirmationRef: 'M' }],
      ['technical', 'drawing-sent', { version: 1, drawingRef: 'D' }], ['customer', 'drawing-confirmed', { version: 1 }], ['finance', 'price-approved', {}],
      ['supervisor', 'supervisor-approved', {}], ['production', 'delivery-date-estimated', { promisedDate: '2031-05-01' }],
      ['order-desk', 'confirmation-sent', { documentRef: 'OC' }], ['order-desk', 'signed-confirmation-returned', { documentRef: 'OCs' }],
    ] as [Role, EventType, Record<string, unknown>][]) {
      assert.equal((await send(id, role, type, data)).status, 200);
    }
    const depositKey = newKey();
    const deposit = { amount: 100_000, paymentRef: 'BANK-7' };
    const once = await send(id, 'finance', 'deposit-received', deposit, depositKey);
    const twice = await send(id, 'finance', 'deposit-received', deposit, depositKey);
    assert.equal(once.status, 200);
    assert.equal(twice.status, 200);
    assert.equal(twice.body.snapshot.received, 100_000);
    const reused = await send(id, 'finance', 'deposit-received', { amount: 200_000, paymentRef: 'BANK-8' }, depositKey);
    assert.equal(reused.status, 422);
    assert.equal((await call(api, 'GET', `/api/v1/orders/${id}`, { role: 'finance' })).body.received, 100_000);
  });

  it('lists orders through visibility, filtered by search attributes and paginated', async () => {
    const customer = `C-LIST-${process.pid}`;
    for (let i = 0; i < 3; i++) {
      await call(api, 'POST', '/api/v1/orders', { role: 'order-desk', body: { ...customOrder(), customer: { id: customer, name: 'List Co', class: 'A' } } });
    }
    let page = await call(api, 'GET', `/api/v1/orders?customerId=${customer}&pageSize=2`, { role: 'sales-rep' });
    for (let i = 0; i < 50 && page.body.orders.length < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200)); // visibility is eventually consistent
      page = await call(api, 'GET', `/api/v1/orders?customerId=${customer}&pageSize=2`, { role: 'sales-rep' });
    }
    assert.equal(page.status, 200);
    assert.equal(page.body.orders.length, 2);
    assert.ok(page.body.orders.every((o: { customerId: string; status: string }) => o.customerId === customer && o.status === 'pending-confirmation'));
    assert.ok(page.body.nextPageToken);
    const next = await call(api, 'GET', `/api/v1/orders?customerId=${customer}&pageSize=2&pageToken=${page.body.nextPageToken}`, { role: 'sales-rep' });
    assert.equal(next.body.orders.length, 1);
    const none = await call(api, 'GET', `/api/v1/orders?customerId=${customer}&status=shipped`, { role: 'sales-rep' });
    assert.equal(none.body.orders.length, 0);
  });

  it('serves health, readiness, the OpenAPI document and its documentation page', async () => {
    assert.equal((await fetch(`${api.url}/healthz`)).status, 200);
    assert.equal((await fetch(`${api.url}/readyz`)).status, 200);
    const doc = (await (await fetch(`${api.url}/openapi.json`)).json()) as { openapi: string; components: { schemas: { EventRequest: { oneOf: unknown[] } } } };
    assert.equal(doc.openapi, '3.1.0');
    assert.equal(doc.components.schemas.EventRequest.oneOf.length, eventTypes.length);
    const docs = await fetch(`${api.url}/docs`);
    assert.match(await docs.text(), /swagger-ui-bundle\.js/);
    assert.equal((await fetch(`${api.url}/docs/assets/swagger-ui-bundle.js`)).status, 200);
    const response = await fetch(`${api.url}/healthz`, { headers: { 'x-request-id': 'trace-1' } });
    assert.equal(response.headers.get('x-request-id'), 'trace-1');
  });
});
