import assert from 'node:assert/strict';
import { groupPermissions } from '../../workflows/domain/permissions';
import { call, sendEvent, startApi, type ApiUnderTest } from '../support/api-server';

// group order channel (团订, 003) through the API on the dev server: the group's order form, its
// events by the roles the matrix names, and the route's refusals in business words.

describe('group order (团订) through the API', function () {
  let api: ApiUnderTest;
  before(async () => {
    api = await startApi();
  });
  after(async () => api?.stop());

  const form = (orderNumber: string, extra: Record<string, unknown> = {}) => ({
    orderNumber,
    channel: 'group',
    customer: { id: 'C-DEV', name: 'Hangzhou Metro Operations', class: 'B' },
    salesRep: { id: 'rep-zhang' },
    lines: [{ productCode: 'SUIT-NAVY', specification: 'two-piece suit, navy wool blend', quantity: 200, unitPrice: 60_000 }],
    delivery: { address: '18 Jiefang Rd, Hangzhou', contact: 'Ms Zhou', phone: '13900000000' },
    group: { organisation: 'Line 3 station staff', deliveryBy: '2030-04-30', acceptanceStandard: 'per sample card W-12' },
    ...extra,
  });

  it('takes the group form, names a wrong field, and refuses a deposit beside the plan', async () => {
    const bad = await call(api, 'POST', '/api/v1/orders', {
      role: 'sales-rep',
      body: form(`GAPI-BAD-${process.pid}`, { group: { deliveryBy: 'next month' }, deposit: { kind: 'rate', basisPoints: 3000 } }),
    });
    assert.equal(bad.status, 400, JSON.stringify(bad.body));
    assert.deepEqual(bad.body.errors.map((e: { field: string }) => e.field).sort(), ['deposit.kind', 'group.deliveryBy']);
  });

  it('from the contract to production: finance stamps, the advance in full, the pack signed by production and logistics', async () => {
    const orderNumber = `GAPI-${process.pid}-${Date.now()}`;
    const created = await call(api, 'POST', '/api/v1/orders', { role: 'sales-rep', body: form(orderNumber) });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.stage, 'finance-review');
    assert.deepEqual(
      created.body.ledger.instalments.map((i: { name: string; amount: number }) => [i.name, i.amount]),
      [
        ['advance', 6_000_000],
        ['balance', 6_000_000],
      ],
    );

    const bySales = await sendEvent(api, orderNumber, 'sales-rep', 'contract-stamped', { contractRef: 'GC-1' });
    assert.equal(bySales.status, 403, JSON.stringify(bySales.body));
    assert.equal((await sendEvent(api, orderNumber, 'finance', 'contract-stamped', { contractRef: 'GC-1' })).status, 200);

    const early = await sendEvent(api, orderNumber, 'order-desk', 'order-pack-handed-over', {
      measurementRequestRef: 'LT-1',
      productionOrderRef: 'SC-1',
      deliveryNoteRef: 'SH-1',
    });
    assert.equal(early.status, 409, JSON.stringify(early.body));
    assert.equal(early.body.stage, 'deposit');
    assert.ok(early.body.expectedEvents.includes('deposit-received'));

    assert.equal((await sendEvent(api, orderNumber, 'finance', 'deposit-received', { amount: 6_000_000, paymentRef: 'B-1' })).status, 200);
    const pack = { measurementRequestRef: 'LT-1', productionOrderRef: 'SC-1', deliveryNoteRef: 'SH-1' };
    assert.equal((await sendEvent(api, orderNumber, 'order-desk', 'order-pack-handed-over', pack)).status, 200);
    assert.equal((await sendEvent(api, orderNumber, 'production', 'order-pack-signed', { receiptRef: 'P-1' })).status, 200);
    const twice = await sendEvent(api, orderNumber, 'production', 'order-pack-signed', { receiptRef: 'P-2' });
    assert.equal(twice.status, 409);
    assert.match(twice.body.detail, /production has already signed for the order pack/);
    const signed = await sendEvent(api, orderNumber, 'warehouse', 'order-pack-signed', { receiptRef: 'L-1' });
    assert.equal(signed.status, 200, JSON.stringify(signed.body));
    const { snapshot } = signed.body;
    assert.equal(snapshot.stage, 'body-measurement');
    assert.equal(snapshot.status, 'in-production');
    assert.equal(snapshot.promisedDate, '2030-04-30');
    assert.deepEqual(Object.keys(snapshot.group.pack.signed).sort(), ['logistics', 'production']);
    assert.ok(
      snapshot.openClocks.some((c: { name: string }) => c.name === 'group-tracking'),
      'the tracking table is kept from the pack on',
    );
  });

  it('the OpenAPI shows the group form and describes each group event with an example', async () => {
    type Alternative = {
      properties: {
        channel?: { const?: string };
        group?: { examples?: unknown[] };
        type: { const: string };
        data: { description?: string; examples?: unknown[] };
      };
    };
    const doc = (await (await fetch(`${api.url}/openapi.json`)).json()) as {
      components: { schemas: Record<string, { anyOf?: Alternative[]; oneOf?: Alternative[] }> };
    };
    const form = doc.components.schemas.CreateOrder.anyOf!.find((a) => a.properties.channel?.const === 'group');
    assert.ok(form?.properties.group?.examples?.length, 'the group form with its terms and an example');
    const groupEvents = Object.keys(groupPermissions);
    const described = doc.components.schemas.EventRequest.oneOf!.filter((a) => groupEvents.includes(a.properties.type.const));
    assert.equal(described.length, groupEvents.length);
    for (const { properties } of described) {
      assert.ok(properties.data.description, `${properties.type.const} is described`);
      assert.ok(properties.data.examples?.length, `${properties.type.const} has an example`);
    }
  });
});
