import assert from 'node:assert/strict';
import { call, eventually, orderThrough, startApi, type ApiUnderTest } from '../support/api-server';

// 我的待办 through the API (GET /my-work) on the dev server: the orders waiting on the caller, the longest waiting
// first with the clock running against each; a sales rep's own orders only; for staff only.

describe('REST API: My work per person (dev server)', function () {
  let api: ApiUnderTest;
  before(async () => {
    api = await startApi();
  });
  after(async () => api?.stop());

  interface Row {
    orderNumber: string;
    salesRep: { id: string };
    nextEvents: string[];
    openClocks: { name: string; dueAt: string }[];
  }
  const myWork = (role: 'sales-rep' | 'order-desk' | 'qc', query = '') =>
    call(api, 'GET', `/api/v1/my-work${query}`, { role }) as Promise<{ status: number; body: { total: number; orders: Row[] } }>;

  it('answers a sales rep with the orders they own where sales owes the next step, and the order desk with every order it owes, the longest waiting first', async () => {
    const run = Date.now().toString(36).toUpperCase();
    const own = `MW-${run}-OWN`;
    const colleagues = `MW-${run}-OTHER`;
    await orderThrough(api, own, `C-${run}`, [], 'dev-sales-rep');
    await orderThrough(api, colleagues, `C-${run}`, [], 'rep-other');

    const desk = await eventually(
      () => myWork('order-desk'),
      (answer) => [own, colleagues].every((n) => answer.body.orders.some((o) => o.orderNumber === n)),
    );
    const mine = desk.body.orders.filter((o) => o.orderNumber.startsWith(`MW-${run}`)).map((o) => o.orderNumber);
    assert.deepEqual(mine, [own, colleagues], 'the longest waiting first');

    const rep = await myWork('sales-rep');
    assert.equal(rep.status, 200);
    const row = rep.body.orders.find((o) => o.orderNumber === own);
    assert.ok(row, "the rep's own order is in their work");
    assert.deepEqual(row.nextEvents, ['order-confirmed']);
    // The 2-hour first confirmation runs against it.
    assert.ok(row.openClocks.some((c) => c.name === 'first-confirmation' && Date.parse(c.dueAt) > Date.now()));
    assert.ok(
      rep.body.orders.every((o) => o.salesRep.id === 'dev-sales-rep'),
      "no colleague's order",
    );
    assert.equal(rep.body.total, rep.body.orders.length);

    assert.ok(!(await myWork('qc')).body.orders.some((o) => o.orderNumber === own), 'nothing waits on QC at intake');
  });

  it('is for staff only, and says which query parameter is wrong', async () => {
    assert.equal((await call(api, 'GET', '/api/v1/my-work', { role: 'customer' })).status, 403);
    assert.equal((await call(api, 'GET', '/api/v1/my-work')).status, 401);
    const wrong = await myWork('order-desk', '?limit=0&complaints=two');
    assert.equal(wrong.status, 400);
    assert.deepEqual(
      (wrong.body as unknown as { errors: { field: string }[] }).errors.map((e) => e.field),
      ['query.limit', 'query.complaints'],
    );
  });
});
