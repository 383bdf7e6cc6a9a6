import assert from 'node:assert/strict';
import { call, sendEvent, startApi, type ApiUnderTest } from '../support/api-server';

// The industrial contract channel through the API (dev server): the order form with the contract's
// terms, the technical agreement, and a quote outside the price rule that only the general manager
// may approve (the sales manager is refused in business words); complaints only once delivered.

describe('industrial contract channel (API, dev server)', function () {
  let api: ApiUnderTest;
  before(async () => {
    api = await startApi();
  });
  after(async () => api?.stop());

  const form = (orderNumber: string, contract: Record<string, unknown>) => ({
    orderNumber,
    channel: 'contract',
    customer: { id: 'C-DEV', name: 'Xiangtan Gearbox Works', class: 'B' }, // the development customer token's own
    salesRep: { id: 'rep-peng' },
    lines: [{ productCode: 'BRG-22320-K', quantity: 40, unitPrice: 260_000 }],
    delivery: { address: 'Xiangtan gearbox plant', contact: 'Mr Peng', phone: '0731 0000' },
    contract,
  });

  it("takes a contract on the customer's template, its technical agreement, and routes a quote above the threshold to the general manager", async () => {
    const orderNumber = `K-${process.pid}-${Date.now()}`;
    const created = await call(api, 'POST', '/api/v1/orders', {
      role: 'sales-rep',
      body: form(orderNumber, { endCustomer: 'Hunan Wind Power', hostMachineModel: 'GB-2.5MW', template: 'customer' }),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.stage, 'technical-agreement');
    assert.deepEqual(created.body.contract.terms, { endCustomer: 'Hunan Wind Power', hostMachineModel: 'GB-2.5MW', template: 'customer' });
    assert.deepEqual(
      created.body.ledger.instalments.map((i: { name: string; amount: number }) => [i.name, i.amount]),
      [
        ['advance', 3_120_000],
        ['before-shipping', 3_120_000],
        ['on-acceptance', 3_640_000],
        ['retention', 520_000],
      ],
      "the channel's payment plan: 30 %, 30 %, 35 %, 5 % retention",
    );

    const complaint = await sendEvent(api, orderNumber, 'customer', 'complaint-filed', { category: 'quality', description: 'noisy' });
    assert.equal(complaint.status, 409, 'no complaint before delivery');
    assert.equal(
      (await sendEvent(api, orderNumber, 'sales-rep', 'commercial-terms-agreed', { documentRef: 'TA-1 commercial' })).status,
      200,
    );
    assert.equal((await sendEvent(api, orderNumber, 'technical', 'statement-of-work-agreed', { documentRef: 'TA-1 SOW' })).status, 200);
    const priced = await sendEvent(api, orderNumber, 'sales-rep', 'price-pre-reviewed', {
      products: [{ line: 1, productClass: 'B', listPrice: 100_000, basis: 'modified cage' }],
    });
    assert.equal(priced.status, 200, JSON.stringify(priced.body));
    assert.equal(priced.body.snapshot.contract.pricing.approver, 'general-manager');

    const bySalesManager = await sendEvent(api, orderNumber, 'supervisor', 'price-exception-approved');
    assert.equal(bySalesManager.status, 409);
    assert.match(bySalesManager.body.detail, /above the 5000000 fen the sales manager may approve: the general manager approves it/);
    const byGeneralManager = await sendEvent(api, orderNumber, 'general-manager', 'price-exception-approved', { comment: 'sole source' });
    assert.equal(byGeneralManager.status, 200, JSON.stringify(byGeneralManager.body));
    assert.equal(byGeneralManager.body.snapshot.stage, 'quotation');
  });

  it('refuses a contract form with an unknown template or field, naming it', async () => {
    const answer = await call(api, 'POST', '/api/v1/orders', {
      role: 'sales-rep',
      body: form(`K-${process.pid}-${Date.now()}-bad`, { template: 'theirs', enduser: 'x' }),
    });
    assert.equal(answer.status, 400);
    assert.deepEqual(answer.body.errors.map((e: { field: string }) => e.field).sort(), ['contract.enduser', 'contract.template']);
  });
});
