import assert from 'node:assert/strict';
import { OrderSnapshot } from '../../api/snapshot-schema';
import type { EventType } from '../../workflows/domain/events';
import type { Role } from '../../workflows/domain/order';
import { call, eventually, sendEvent, startApi, type ApiUnderTest } from '../support/api-server';

// What a new integrator meets first (issue 14 §6): the answer to an event is the order after it, and
// one concept has one shape everywhere, on the dev server with a real worker.

let orders = 0;
const uniqueNumber = () => `INT-${process.pid}-${++orders}`;
const standardOrder = (orderNumber: string) => ({
  orderNumber,
  customer: { id: 'C-INT', name: 'Xiamen Lights', class: 'B' },
  salesRep: { id: 'rep-int', name: 'Wu Fang' },
  lines: [{ productCode: 'LAMP-1', quantity: 10, unitPrice: 32_050 }],
  delivery: { address: 'No. 1 Road', contact: 'Ms Xu', phone: '13900000001' },
});

describe('API for integrators (dev server)', function () {
  let api: ApiUnderTest;
  before(async () => {
    api = await startApi();
  });
  after(async () => api?.stop());

  const read = (id: string) => call(api, 'GET', `/api/v1/orders/${id}`, { role: 'order-desk' });
  const clockNames = (clocks: { name: string }[]) => clocks.map((c) => c.name).sort();

  it("answers an event with the order's open clocks after it, as a fresh read shows them", async () => {
    const id = uniqueNumber();
    const created = await call(api, 'POST', '/api/v1/orders', { role: 'order-desk', body: standardOrder(id) });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual(clockNames(created.body.openClocks), clockNames((await read(id)).body.openClocks));
    assert.ok(clockNames(created.body.openClocks).includes('first-confirmation'));

    // Each event closes the clock of the stage it ends, or opens the next stage's (or both).
    const steps: [Role, EventType, Record<string, unknown>?][] = [
      ['order-desk', 'order-confirmed'],
      ['finance', 'price-approved'],
      ['production', 'delivery-date-estimated', { promisedDate: '2031-05-01' }],
      ['order-desk', 'confirmation-sent', { documentRef: 'OC-1' }],
      ['sales-rep', 'signed-confirmation-returned', { documentRef: 'OC-1s' }],
    ];
    let before = created.body.openClocks;
    let changed = 0;
    for (const [role, type, data] of steps) {
      const answer = await sendEvent(api, id, role, type, data);
      assert.equal(answer.status, 200, `${type}: ${JSON.stringify(answer.body)}`);
      const fresh = (await read(id)).body;
      assert.deepEqual(answer.body.snapshot.openClocks, fresh.openClocks, `${type}: the answer's clocks are the order's after it`);
      assert.equal(answer.body.snapshot.stage, fresh.stage);
      // The OpenAPI document's snapshot schema is the order's: every field, none left out.
      const documented = OrderSnapshot.strict().safeParse(fresh);
      assert.ok(documented.success, JSON.stringify(documented.error?.issues));
      if (JSON.stringify(clockNames(before)) !== JSON.stringify(clockNames(fresh.openClocks))) changed++;
      before = fresh.openClocks;
    }
    assert.ok(changed >= 2, 'the steps opened and closed clocks');
  });

  it('names the customer and the sales rep with the same object in the snapshot, the order list, the board and the KPIs', async () => {
    const customer = `C-SHAPE-${process.pid}`;
    const named = uniqueNumber();
    const unnamed = uniqueNumber();
    for (const [id, salesRep] of [
      [named, { id: 'rep-shape', name: 'Wu Fang' }],
      [unnamed, { id: 'rep-shape' }],
    ] as const) {
      // Large (above the default ¥10,000), so that the KPIs list it for the supervisor's spot checks.
      const lines = [{ productCode: 'LAMP-1', quantity: 40, unitPrice: 32_050 }];
      const body = { ...standardOrder(id), customer: { id: customer, name: 'Shape Co', class: 'A' }, salesRep, lines };
      assert.equal((await call(api, 'POST', '/api/v1/orders', { role: 'order-desk', body })).status, 201);
    }
    const list = await eventually(
      () => call(api, 'GET', `/api/v1/orders?customerId=${customer}`, { role: 'order-desk' }),
      (answer) => answer.body.orders?.length === 2,
    );
    const board = await eventually(
      () => call(api, 'GET', `/api/v1/board?customerId=${customer}`, { role: 'order-desk' }),
      (answer) => answer.body.orders?.length === 2,
    );
    // Company dates around today, whatever the time zone.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const kpis = await call(api, 'GET', `/api/v1/kpis?from=${day(-1)}&to=${day(1)}`, { role: 'supervisor' });
    assert.equal(kpis.status, 200, JSON.stringify(kpis.body));
    for (const id of [named, unnamed]) {
      const { customer: c, salesRep } = (await read(id)).body;
      const parties = (row: { customer: unknown; salesRep: unknown }) => ({ customer: row.customer, salesRep: row.salesRep });
      const byNumber = (rows: { orderNumber: string }[]) => rows.find((row) => row.orderNumber === id) as never;
      assert.deepEqual(parties(byNumber(list.body.orders)), { customer: c, salesRep }, 'the order list');
      assert.deepEqual(parties(byNumber(board.body.orders)), { customer: c, salesRep }, 'the board');
      assert.deepEqual(parties(byNumber(kpis.body.largeOrders.orders)), { customer: c, salesRep }, 'the KPIs');
    }
    assert.deepEqual((await read(unnamed)).body.salesRep, { id: 'rep-shape' }, 'a name the order form left out is left out');
  });

  it('refuses common mistakes with errors that say what to send instead', async () => {
    const id = uniqueNumber();
    const order = standardOrder(id);
    const refused = await call(api, 'POST', '/api/v1/orders', {
      role: 'order-desk',
      body: {
        ...order,
        requestedDate: '2031-05-01T00:00:00Z',
        lines: [
          { productCode: 'LAMP-1', quantity: 10, unitPrice: 320.5 },
          { productCode: 'LAMP-2', quantity: 2.5, unitprice: 100 },
          { productCode: 'LAMP-3', quantity: '4', unitPrice: '32050' },
        ],
      },
    });
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    assert.deepEqual(
      new Set(refused.body.errors),
      new Set([
        { field: 'requestedDate', message: 'a company date, YYYY-MM-DD, without a time: 2031-05-01' },
        { field: 'lines.0.unitPrice', message: 'amounts are integer fen (1/100 yuan): ¥320.50 is 32050' },
        { field: 'lines.1.quantity', message: 'a whole number of pieces: 2.5 is not one' },
        { field: 'lines.1.unitPrice', message: 'required' },
        { field: 'lines.1.unitprice', message: 'not a known field: did you mean unitPrice?' },
        { field: 'lines.2.quantity', message: 'a whole number of pieces, as a number (no quotes): 4' },
        { field: 'lines.2.unitPrice', message: 'amounts are integer fen, as a number (no quotes): 32050' },
      ]),
    );
    assert.equal((await read(id)).status, 404, 'nothing was started');

    assert.equal((await call(api, 'POST', '/api/v1/orders', { role: 'order-desk', body: order })).status, 201);
    const feasible = await sendEvent(api, id, 'technical', 'feasibility-decided', { feasible: 'true' });
    assert.equal(feasible.status, 400, JSON.stringify(feasible.body));
    assert.deepEqual(feasible.body.errors, [{ field: 'data.feasible', message: 'true or false, not a string: true without quotes' }]);
    const estimate = await sendEvent(api, id, 'production', 'delivery-date-estimated', { promisedDate: '2031-02-30' });
    assert.deepEqual(estimate.body.errors, [
      { field: 'data.promisedDate', message: 'a company date, YYYY-MM-DD: 2031-02-30 is not a day of the calendar' },
    ]);
  });
});
