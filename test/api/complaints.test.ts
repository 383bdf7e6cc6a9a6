import assert from 'node:assert/strict';
import type { Role } from '../../workflows/domain/order';
import { call, eventually, orderThrough, startApi, type ApiUnderTest } from '../support/api-server';
import { toShipped, type Step } from '../support/main-line';

// A complaint's own API on the dev server: its events go to the complaint's workflow with the
// order's rules (the token's role, the step, the Idempotency-Key), refusals in business words.

const complained: Step[] = [...toShipped, ['customer', 'complaint-filed', { category: 'installation', description: 'a bracket is loose' }]];

describe('complaints API (dev server)', function () {
  this.timeout(120_000);
  let api: ApiUnderTest;
  before(async () => {
    api = await startApi();
  });
  after(async () => api?.stop());

  it('takes a complaint step once, refuses the wrong role, the wrong step and bad data in business words, and shows the complaint', async () => {
    const id = `API-COMPLAINT-${process.pid}`;
    await orderThrough(api, id, 'C-DEV', complained);
    const url = `/api/v1/orders/${id}/complaints/1`;
    const filed = await eventually(
      () => call(api, 'GET', url, { role: 'customer' }),
      (answer) => answer.status === 200,
    );
    assert.equal(filed.status, 200, JSON.stringify(filed.body));
    assert.deepEqual([filed.body.stage, filed.body.expectedEvents], ['reported', ['customer-contacted', 'closed-by-supervisor']]);

    const send = (role: Role, body: unknown, key?: string) => call(api, 'POST', `${url}/events`, { role, body, key });
    const contacted = { type: 'customer-contacted', data: { channel: 'phone' } };
    const first = await send('technical', contacted, `contact-${id}`);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.complaint.stage, 'investigating');
    const retry = await send('technical', contacted, `contact-${id}`);
    assert.equal(retry.status, 200);
    assert.equal(retry.body.complaint.timeline.filter((t: { type: string }) => t.type === 'customer-contacted').length, 1, 'applied once');

    const reused = await send('technical', { type: 'customer-contacted', data: { channel: 'visit' } }, `contact-${id}`);
    assert.equal(reused.status, 422);
    const wrongRole = await send('service', { type: 'cause-found', data: { responsibleParty: 'none', cause: 'other', finding: 'fine' } });
    assert.equal(wrongRole.status, 403, JSON.stringify(wrongRole.body));
    assert.match(wrongRole.body.detail, /service may not send cause-found \(allowed: technical\)/);
    const outOfTurn = await send('customer', { type: 'customer-satisfied', data: {} });
    assert.equal(outOfTurn.status, 409, JSON.stringify(outOfTurn.body));
    assert.deepEqual(outOfTurn.body.expectedEvents, ['cause-found', 'closed-by-supervisor']);
    const invalid = await send('technical', {
      type: 'cause-found',
      data: { responsibleParty: 'the weather', cause: 'other', finding: 'x' },
    });
    assert.equal(invalid.status, 400);
    assert.ok(invalid.body.errors.some((e: { field: string }) => e.field === 'data.responsibleParty'));

    assert.equal((await call(api, 'GET', `/api/v1/orders/${id}/complaints/9`, { role: 'supervisor' })).status, 404);
    assert.equal((await call(api, 'GET', `/api/v1/orders/${id}/complaints/x`, { role: 'supervisor' })).status, 404);
    // The order's snapshot lists it, with where it stands.
    const order = await eventually(
      () => call(api, 'GET', `/api/v1/orders/${id}`, { role: 'customer' }),
      (answer) => answer.body.complaints[0]?.stage === 'investigating',
    );
    assert.equal(order.body.complaints[0].stage, 'investigating');
    const openApi = await call(api, 'GET', '/openapi.json');
    assert.ok(
      openApi.body.paths['/orders/{id}/complaints/{number}/events'].post.requestBody.content['application/json'].examples['cause-found'],
    );
  });
});
