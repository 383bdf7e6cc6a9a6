import assert from 'node:assert/strict';
import { eventTypes, type EventType } from '../../workflows/domain/events';
import { Role } from '../../workflows/domain/order';
import { defaultPolicy } from '../../workflows/domain/policy';
import { workflowIdOf } from '../../workflows/messages';
import { call, eventually, newKey, sendEvent, startApi, type ApiUnderTest, type Call } from '../support/api-server';
import { devServer } from '../support/servers';

// The REST API over HTTP, against the CLI dev server with a real worker. The dev server runs in
// real time: these tests never wait for a clock, they send events.

const customOrder = (orderNumber?: string) => ({
  ...(orderNumber ? { orderNumber } : {}),
  customer: { id: 'C-DEV', name: 'Fuzhou Lighting', class: 'B' }, // the development customer's, whose token signs for it
  salesRep: { id: 'rep-api', name: 'Lin' },
  lines: [{ productCode: 'LAMP-9', quantity: 30, unitPrice: 50_000, nonStandard: 'bronze finish' }], // ¥15,000, custom
  deposit: { kind: 'rate', basisPoints: 3000 },
  delivery: { address: 'No. 9 Road', contact: 'Mr Fang', phone: '13900000000' },
});
let orders = 0;
const uniqueNumber = () => `API-${process.pid}-${++orders}`;
const people = Role.options.filter((role) => role !== 'system');

type Step = [Role, EventType, Record<string, unknown>?];
/** A custom order's main line up to the deposit (domain.md §4, standard channel with non-standard lines). */
const untilDeposit: Step[] = [
  ['order-desk', 'order-confirmed'],
  ['technical', 'feasibility-decided', { feasible: true }],
  ['purchasing', 'materials-confirmed', { confirmationRef: 'MAT-1' }],
  ['technical', 'drawing-sent', { version: 1, drawingRef: 'DWG-1' }],
  ['customer', 'drawing-confirmed', { version: 1 }],
  ['finance', 'price-approved'],
  ['supervisor', 'supervisor-approved'],
  ['production', 'delivery-date-estimated', { promisedDate: '2031-05-01' }],
  ['order-desk', 'confirmation-sent', { documentRef: 'OC-1' }],
  ['sales-rep', 'signed-confirmation-returned', { documentRef: 'OC-1s' }],
];

/** The problem+json every refusal is: its status, a stable type, and the request ID it was logged with. */
function assertProblem(answer: Call, status: number, type: string) {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.equal(answer.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  assert.equal(answer.body.status, status);
  assert.equal(answer.body.type, `urn:orderflow:problem:${type}`, JSON.stringify(answer.body));
  assert.equal(answer.body.requestId, answer.headers.get('x-request-id'));
}

describe('REST API (dev server)', function () {
  let api: ApiUnderTest;
  before(async () => {
    api = await startApi();
  });
  after(async () => api?.stop());

  const read = (id: string) => call(api, 'GET', `/api/v1/orders/${id}`, { role: 'order-desk' });
  const create = (role: Role, body: unknown, key?: string) => call(api, 'POST', '/api/v1/orders', { role, body, key });

  it('drives a custom order from creation to sign-off, every role doing its part', async () => {
    const id = uniqueNumber();
    const created = await create('order-desk', customOrder(id));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.headers.get('location'), `/api/v1/orders/${id}`);
    assert.equal(created.body.status, 'pending-confirmation');
    assert.equal(created.body.stage, 'intake');
    assert.equal(created.body.amount, 1_500_000);
    assert.equal(created.body.depositDue, 450_000);
    assert.deepEqual(created.body.expectedEvents, ['order-confirmed', 'cancelled']);
    const firstConfirmation = created.body.openClocks.find((c: { name: string }) => c.name === 'first-confirmation');
    assert.equal(
      Date.parse(firstConfirmation.dueAt) - Date.parse(created.body.receivedAt),
      2 * 3600_000,
      'the 2-hour clock, with its due time',
    );

    const steps: Step[] = [
      ...untilDeposit,
      ['finance', 'deposit-received', { amount: 450_000, paymentRef: 'B-1' }],
      ['finance', 'production-notice-issued', { noticeRef: 'PN-1' }],
      ['technical', 'technical-order-issued', { orderRef: 'TO-1' }],
      ['production', 'progress-reported', { percentDone: 50 }],
      ['production', 'delay-reported', { reason: 'glass late', newPromisedDate: '2031-05-08' }],
      ['sales-rep', 'customer-told-of-delay', { channel: 'phone' }],
      ['qc', 'qc-passed', { reportRef: 'QC-1' }],
      ['warehouse', 'stocked', { location: 'A-1' }],
      ['order-desk', 'shipping-requested', { requestRef: 'SR-1' }],
      ['finance', 'payment-received', { amount: 1_050_000, paymentRef: 'B-2' }],
      ['warehouse', 'shipped', { carrier: 'Deppon', trackingRef: 'DP-1' }],
      ['customer', 'signed-for', { receiptRef: 'AR-1' }],
      ['customer', 'complaint-filed', { category: 'quality', description: 'one shade scratched' }],
      ['order-desk', 'complaint-filed', { category: 'installation', description: 'a bracket is loose' }],
      // A complaint is handled by its own workflow (test/api/complaints.test.ts); the money agreed for it is the order's.
      ['regional-manager', 'complaint-compensation-agreed', { complaintNumber: 1, amount: 10_000, reason: 'a discount for the shade' }],
      ['service', 'satisfaction-rated', { rating: 4 }],
    ];
    // The operator sends no business event: it only resends undelivered notices (test/security/poison-notice.test.ts).
    // The general manager acts on contracts only (test/api/contract.test.ts); the group sales manager reads the
    // sales pipeline (test/api/sales-pipeline.test.ts).
    const otherChannels: Role[] = ['general-manager', 'group-sales-manager'];
    assert.deepEqual(
      new Set(steps.map(([role]) => role)),
      new Set(people.filter((role) => role !== 'operator' && !otherChannels.includes(role))),
      'each role is allowed something',
    );
    for (const [role, type, data] of steps) {
      const answer = await sendEvent(api, id, role, type, data);
      assert.equal(answer.status, 200, `${role} ${type}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.accepted, true);
      assert.deepEqual(answer.body.event.actor, { id: `dev-${role}`, name: `Development ${role}`, role });
    }
    const order = (await read(id)).body;
    assert.equal(order.status, 'completed');
    assert.equal(order.stage, 'after-sales');
    assert.equal(order.received, 1_500_000);
    assert.equal(order.balanceDue, 0);
    assert.equal(order.refundDue, 10_000, 'the compensation, after everything was paid');
    assert.equal(order.promisedDate, '2031-05-08');
    assert.equal(order.originalPromisedDate, '2031-05-01');
    assert.equal(order.late, true);
    assert.equal(order.shippingMode, 'special-vehicle');

    type Entry = { kind: string; type: string; actor?: { id: string; role: string } };
    const timeline = (await call(api, 'GET', `/api/v1/orders/${id}/timeline`, { role: 'order-desk' })).body.timeline as Entry[];
    assert.deepEqual(
      timeline.filter((t) => t.kind === 'event').map((t) => t.type),
      steps.map(([, type]) => type),
    );
    assert.equal(timeline.find((t) => t.type === 'signed-for')?.actor?.id, 'dev-customer', 'the actor comes from the token');
    // The customer reads the order's facts and their own events, not the company's inside.
    const theirs = (await call(api, 'GET', `/api/v1/orders/${id}/timeline`, { role: 'customer' })).body.timeline as Entry[];
    assert.deepEqual(
      theirs.filter((t) => t.kind === 'event').map((t) => t.type),
      steps.filter(([role]) => role === 'customer').map(([, type]) => type),
    );
    assert.ok(theirs.some((t) => t.kind === 'status-change') && theirs.some((t) => t.kind === 'money'));
    assert.ok(!theirs.some((t) => ['reminder', 'escalation', 'rejected-event'].includes(t.kind)));
    // And of the snapshot, the same shape without the company's clocks: staff see the after-sales clock, the customer does not.
    const customerView = (await call(api, 'GET', `/api/v1/orders/${id}`, { role: 'customer' })).body;
    assert.ok(order.openClocks.length > 0, JSON.stringify(order.openClocks));
    assert.deepEqual(customerView.openClocks, []);
    assert.deepEqual(
      { ...customerView, openClocks: order.openClocks, needsSupervisor: order.needsSupervisor, daysLate: order.daysLate },
      order,
      'the rest as staff read it',
    );

    const listed = await eventually(
      // Finished before its (delayed) promised date: not late, whatever delay it had on the way.
      () => call(api, 'GET', `/api/v1/orders?status=completed&customerId=C-DEV&late=false`, { role: 'supervisor' }),
      (page) => page.body.orders.some((o: { orderNumber: string }) => o.orderNumber === id),
    );
    assert.ok(listed.body.orders.some((o: { orderNumber: string; stage: string }) => o.orderNumber === id && o.stage === 'after-sales'));
  });

  it("takes an order's own payment plan only when it adds up, and shows its money as a statement and a balance-due notice to whoever may read it", async () => {
    const plan: Record<string, unknown>[] = [
      { name: 'advance', basisPoints: 3000, due: { before: 'production' } },
      { name: 'before-shipping', amount: 900_000, due: { before: 'shipping' } },
      { name: 'retention', basisPoints: 500, due: { after: 'warranty-end' } },
    ];
    const { deposit: _, ...form } = customOrder();
    const refused = await create('order-desk', { ...form, orderNumber: uniqueNumber(), paymentPlan: plan });
    assertProblem(refused, 400, 'invalid-request');
    assert.deepEqual(refused.body.errors, [
      { field: 'paymentPlan', message: 'the instalments add up to 1425000 fen, not the order amount of 1500000 fen' },
    ]);

    const id = uniqueNumber();
    plan[1] = { name: 'before-shipping', rest: true, due: { before: 'shipping' } };
    assert.equal((await create('order-desk', { ...form, orderNumber: id, paymentPlan: plan })).status, 201);
    for (const [role, type, data] of [...untilDeposit, ['finance', 'deposit-received', { amount: 450_000, paymentRef: 'B-1' }]] as Step[]) {
      assert.equal((await sendEvent(api, id, role, type, data)).status, 200, type);
    }
    const statement = await call(api, 'GET', `/api/v1/orders/${id}/statement`, { role: 'customer' });
    assert.equal(statement.status, 200, JSON.stringify(statement.body));
    assert.deepEqual(
      statement.body.lines.map((l: { charge: number; credit: number; balance: number; ref: string }) => [
        l.charge,
        l.credit,
        l.balance,
        l.ref,
      ]),
      [
        [1_500_000, 0, 1_500_000, id],
        [0, 450_000, 1_050_000, 'B-1'],
      ],
    );
    const notice = await call(api, 'GET', `/api/v1/orders/${id}/balance-due-notice`, { role: 'finance' });
    assert.deepEqual(
      notice.body.outstanding.map((i: { name: string; unpaid: number }) => [i.name, i.unpaid]),
      [
        ['before-shipping', 975_000],
        ['retention', 75_000],
      ],
    );
    assert.equal(notice.body.balanceDue, 1_050_000);

    // Another customer's order is not found, for its money as for the rest.
    const other = uniqueNumber();
    assert.equal(
      (await create('order-desk', { ...customOrder(other), customer: { id: 'C-OTHER', name: 'Other', class: 'B' } })).status,
      201,
    );
    assertProblem(await call(api, 'GET', `/api/v1/orders/${other}/statement`, { role: 'customer' }), 404, 'order-not-found');
    assert.equal((await call(api, 'GET', `/api/v1/orders/${other}/statement`, { role: 'sales-rep' })).status, 200);
  });

  it('refuses each role something: creation to all but those who take orders, and an event the permission matrix does not give it', async () => {
    const creators = defaultPolicy.permissions['order-confirmed'];
    for (const role of people) {
      const answer = await create(role, customOrder(uniqueNumber()));
      if (creators.includes(role)) assert.equal(answer.status, 201, `${role}: ${JSON.stringify(answer.body)}`);
      else assertProblem(answer, 403, 'role-not-permitted');
    }
    const id = uniqueNumber();
    await create('sales-rep', customOrder(id));
    // Well-formed events, so that each refusal is the role's and not the data's or the stage's.
    const candidates: [EventType, Record<string, unknown>][] = [
      ['order-confirmed', {}],
      ['cancelled', { reason: 'test' }],
      ['qc-passed', { reportRef: 'QC-1' }],
    ];
    for (const role of people) {
      const [type, data] = candidates.find(([t]) => !defaultPolicy.permissions[t].includes(role))!;
      const answer = await sendEvent(api, id, role, type, data);
      assertProblem(answer, 403, 'role-not-permitted');
      assert.match(answer.body.detail, new RegExp(`${role} may not send ${type}`));
      assert.equal(answer.body.accepted, false);
      assert.deepEqual(answer.body.expectedEvents, ['order-confirmed', 'cancelled']);
    }
    assert.equal((await read(id)).body.stage, 'intake');
  });

  it('answers every client mistake with a problem naming what was wrong, and leaves the order as it was', async () => {
    const id = uniqueNumber();
    await create('order-desk', customOrder(id));
    const before = (await read(id)).body;
    const timelineBefore = (await call(api, 'GET', `/api/v1/orders/${id}/timeline`, { role: 'order-desk' })).body;

    // 400: every invalid field named
    const invalid = await create('order-desk', {
      ...customOrder(),
      lines: [{ productCode: '', quantity: 0, unitPrice: 1.5 }],
      customer: {},
      priority: 'high',
    });
    assertProblem(invalid, 400, 'invalid-request');
    const fields = invalid.body.errors.map((e: { field: string }) => e.field);
    for (const field of [
      'lines.0.productCode',
      'lines.0.quantity',
      'lines.0.unitPrice',
      'customer.id',
      'customer.name',
      'customer.class',
      'priority',
    ]) {
      assert.ok(fields.includes(field), `${field} in ${fields}`);
    }
    const fieldsOf = (answer: Call) => answer.body.errors.map((e: { field: string }) => e.field);
    assert.deepEqual(fieldsOf(await sendEvent(api, id, 'order-desk', 'delivery-date-estimated', { promisedDate: 'soon' })), [
      'data.promisedDate',
    ]);
    assert.deepEqual(fieldsOf(await sendEvent(api, id, 'finance', 'deposit-received', { amount: 1.5 })), [
      'data.amount',
      'data.paymentRef',
    ]);
    assert.deepEqual(
      fieldsOf(
        await call(api, 'POST', `/api/v1/orders/${id}/events`, {
          role: 'order-desk',
          body: { type: 'order-confirmed', actor: { id: 'boss', role: 'supervisor' } },
        }),
      ),
      ['actor'],
      'the actor comes from the token, never the body',
    );
    assert.deepEqual(
      fieldsOf(await call(api, 'POST', `/api/v1/orders/${id}/events`, { role: 'order-desk', body: { type: 'order-shipped-yesterday' } })),
      ['type'],
    );
    assert.deepEqual(fieldsOf(await call(api, 'POST', `/api/v1/orders/${id}/events`, { role: 'order-desk', raw: '{"type":' })), ['(body)']);
    assert.deepEqual(
      fieldsOf(
        await call(api, 'POST', `/api/v1/orders/${id}/events`, {
          role: 'order-desk',
          body: { type: 'order-confirmed' },
          headers: { 'idempotency-key': '' },
        }),
      ),
      ['header.Idempotency-Key'],
    );
    assert.deepEqual(fieldsOf(await call(api, 'GET', '/api/v1/orders?status=lost&bogus=1&pageSize=1000', { role: 'order-desk' })).sort(), [
      'query.bogus',
      'query.pageSize',
      'query.status',
    ]);

    // 401
    for (const authorization of [undefined, 'Basic ZGV2LWZpbmFuY2U6', 'Bearer']) {
      const answer = await call(api, 'GET', `/api/v1/orders/${id}`, { headers: authorization ? { authorization } : {} });
      assertProblem(answer, 401, 'token-missing');
      assert.equal(answer.headers.get('www-authenticate'), 'Bearer realm="orderflow"');
    }
    for (const authorization of ['Bearer nope', 'Bearer constructor', 'Bearer __proto__', 'Bearer dev-finance extra']) {
      const answer = await call(api, 'GET', `/api/v1/orders/${id}`, { headers: { authorization } });
      assertProblem(answer, 401, 'token-not-recognised');
      assert.equal(answer.headers.get('www-authenticate'), 'Bearer realm="orderflow", error="invalid_token"');
    }
    assert.equal(
      (await call(api, 'GET', `/api/v1/orders/${id}`, { headers: { authorization: 'bearer dev-finance' } })).status,
      200,
      'the scheme is case-insensitive',
    );

    // 404
    assertProblem(await read('NO-SUCH-ORDER'), 404, 'order-not-found');
    assertProblem(await call(api, 'GET', '/api/v1/orders/NO-SUCH-ORDER/timeline', { role: 'order-desk' }), 404, 'order-not-found');
    assertProblem(await sendEvent(api, 'NO-SUCH-ORDER', 'order-desk', 'order-confirmed'), 404, 'order-not-found');
    assertProblem(await read('%E2%9C%93%20not%20a%20number'), 404, 'order-not-found');
    assertProblem(await call(api, 'GET', '/api/v1/no-such-resource', { role: 'order-desk' }), 404, 'not-found');

    // 409: not now (with what the order expects), and a number that exists
    const outOfTurn = await sendEvent(api, id, 'qc', 'qc-passed', { reportRef: 'QC-1' });
    assertProblem(outOfTurn, 409, 'event-not-expected');
    assert.equal(outOfTurn.body.stage, 'intake');
    assert.deepEqual(outOfTurn.body.expectedEvents, ['order-confirmed', 'cancelled']);
    assertProblem(await create('order-desk', customOrder(id)), 409, 'order-exists');

    // 413, 415
    assertProblem(
      await call(api, 'POST', `/api/v1/orders/${id}/events`, {
        role: 'order-desk',
        body: { type: 'order-confirmed', note: 'x'.repeat(100_000) },
      }),
      413,
      'body-too-large',
    );
    assertProblem(
      await call(api, 'POST', `/api/v1/orders/${id}/events`, {
        role: 'order-desk',
        raw: 'type=order-confirmed',
        headers: { 'content-type': 'text/plain' },
      }),
      415,
      'unsupported-media-type',
    );
    assertProblem(await call(api, 'POST', '/api/v1/orders', { role: 'order-desk' }), 415, 'unsupported-media-type');

    assert.deepEqual((await read(id)).body, before);
    assert.deepEqual(
      (await call(api, 'GET', `/api/v1/orders/${id}/timeline`, { role: 'order-desk' })).body,
      timelineBefore,
      'a refusal leaves no trace',
    );
  });

  it('applies a retried POST once: the same deposit posted twice is counted once, and a key reused for another request is a 422', async () => {
    const id = uniqueNumber();
    const key = newKey();
    const [first, ...retries] = await Promise.all([1, 2, 3].map(() => create('order-desk', customOrder(id), key)));
    for (const answer of [first, ...retries]) assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.ok(
      retries.every((retry) => retry.body.receivedAt === first.body.receivedAt),
      'one order, answered three times',
    );
    const reorderedKeys = Object.fromEntries(Object.entries(customOrder(id)).reverse());
    assert.equal((await create('order-desk', reorderedKeys, key)).status, 201, 'the same body with its keys in another order is a retry');
    assertProblem(await create('order-desk', { ...customOrder(id), salesRep: { id: 'other' } }, key), 422, 'idempotency-key-reused');
    assertProblem(await create('order-desk', customOrder(uniqueNumber()), key), 422, 'idempotency-key-reused');
    assertProblem(await create('supervisor', customOrder(id), key), 422, 'idempotency-key-reused');
    const generated = newKey();
    const a = await create('order-desk', customOrder(), generated);
    const b = await create('order-desk', customOrder(), generated);
    assert.equal(b.body.orderNumber, a.body.orderNumber, 'a generated number follows the key');

    for (const [role, type, data] of untilDeposit) assert.equal((await sendEvent(api, id, role, type, data)).status, 200);
    const depositKey = newKey();
    const deposit = { amount: 100_000, paymentRef: 'BANK-7' };
    const answers = await Promise.all([1, 2, 3].map(() => sendEvent(api, id, 'finance', 'deposit-received', deposit, depositKey)));
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [200, 200, 200],
    );
    assert.deepEqual(
      answers.map((answer) => answer.body.snapshot.received),
      [100_000, 100_000, 100_000],
    );
    assert.equal((await sendEvent(api, id, 'finance', 'deposit-received', deposit, depositKey)).body.snapshot.received, 100_000);
    assertProblem(
      await sendEvent(api, id, 'finance', 'deposit-received', { amount: 200_000, paymentRef: 'BANK-8' }, depositKey),
      422,
      'idempotency-key-reused',
    );
    assert.equal((await read(id)).body.received, 100_000);
    const timeline = (await call(api, 'GET', `/api/v1/orders/${id}/timeline`, { role: 'finance' })).body.timeline;
    assert.equal(timeline.filter((t: { type: string }) => t.type === 'deposit-received').length, 1);

    // A refused request holds no key: sent again when it fits, it is applied.
    const productionKey = newKey();
    assertProblem(
      await sendEvent(api, id, 'finance', 'production-notice-issued', { noticeRef: 'PN-1' }, productionKey),
      409,
      'event-not-expected',
    );
    assert.equal((await sendEvent(api, id, 'finance', 'deposit-received', { amount: 350_000, paymentRef: 'BANK-9' })).status, 200);
    assert.equal((await sendEvent(api, id, 'finance', 'production-notice-issued', { noticeRef: 'PN-1' }, productionKey)).status, 200);
  });

  it('answers an event to a closed order with a 409, and a retry of the event that closed it with its first answer', async () => {
    const id = uniqueNumber();
    await create('order-desk', customOrder(id));
    const cancelKey = newKey();
    assert.equal((await sendEvent(api, id, 'supervisor', 'cancelled', { reason: 'customer withdrew' }, cancelKey)).status, 200);
    await (await devServer()).client.workflow.getHandle(workflowIdOf(id)).result(); // the workflow has closed
    const retry = await sendEvent(api, id, 'supervisor', 'cancelled', { reason: 'customer withdrew' }, cancelKey);
    assert.equal(retry.status, 200);
    assert.equal(retry.body.snapshot.stage, 'cancelled');
    const late = await sendEvent(api, id, 'order-desk', 'order-confirmed');
    assertProblem(late, 409, 'event-not-expected');
    assert.equal(late.body.stage, 'cancelled');
    assert.deepEqual(late.body.expectedEvents, []);
    assert.equal((await read(id)).body.status, 'cancelled');
  });

  it('lists orders from the read model: filtered, paginated, a value matched as it is', async () => {
    const customer = `C-LIST-${process.pid}`;
    const odd = `C 张三/#${process.pid}`;
    for (const id of [customer, customer, customer, odd]) {
      assert.equal((await create('order-desk', { ...customOrder(), customer: { id, name: 'List Co', class: 'A' } })).status, 201);
    }
    const list = (query: Record<string, string>) => call(api, 'GET', `/api/v1/orders?${new URLSearchParams(query)}`, { role: 'sales-rep' });
    const page = await eventually(
      () => list({ customerId: customer, pageSize: '2' }),
      (p) => p.body.orders?.length === 2 && p.body.nextPageToken,
    );
    assert.equal(page.status, 200);
    assert.equal(page.body.orders.length, 2);
    for (const order of page.body.orders) {
      assert.deepEqual(
        { ...order, orderNumber: undefined, receivedAt: undefined },
        {
          orderNumber: undefined,
          receivedAt: undefined,
          status: 'pending-confirmation',
          stage: 'intake',
          channel: 'standard',
          customer: { id: customer, name: 'List Co', class: 'A' },
          salesRep: { id: 'rep-api', name: 'Lin' },
          late: false,
          daysLate: null,
          promisedDate: null,
          amount: 1_500_000,
          balanceDue: 1_500_000,
        },
      );
    }
    const next = await list({ customerId: customer, pageSize: '2', pageToken: page.body.nextPageToken });
    assert.equal(next.body.orders.length, 1);
    assert.equal(next.body.nextPageToken, null);
    assert.equal((await list({ customerId: customer, status: 'shipped' })).body.orders.length, 0);
    assert.equal(
      (await list({ customerId: customer, stage: 'intake', late: 'false', channel: 'standard', salesRep: 'rep-api' })).body.orders.length,
      3,
    );

    const exact = await eventually(
      () => list({ customerId: odd }),
      (p) => p.body.orders?.length === 1,
    );
    assert.equal(exact.body.orders[0].customer.id, odd, 'spaces and other scripts are matched as they are');
    const injection = await list({ customerId: `${customer}" OR CustomerId != "x` });
    assertProblem(injection, 400, 'invalid-request');
    assert.deepEqual(
      injection.body.errors.map((e: { field: string }) => e.field),
      ['query.customerId'],
      'a quote never reaches the query',
    );
    assertProblem(await list({ pageToken: 'bm90LWEtdG9rZW4' }), 400, 'invalid-request');
    assertProblem(await list({ customerId: odd, pageToken: page.body.nextPageToken }), 400, 'invalid-request');
  });

  it('serves health, readiness, OpenAPI 3.1 and an offline documentation page, and logs each request as JSON with its ID', async () => {
    assert.deepEqual(await (await fetch(`${api.url}/healthz`)).json(), { status: 'ok' });
    assert.equal((await fetch(`${api.url}/readyz`)).status, 200);
    const doc = (await (await fetch(`${api.url}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, object>;
      components: { schemas: Record<string, { oneOf?: unknown[] }> };
    };
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(Object.keys(doc.paths).sort(), [
      '/board',
      '/customers',
      '/customers/{id}',
      '/customers/{id}/history',
      '/dead-letters',
      '/healthz',
      '/kpis',
      '/kpis/by-rep',
      '/me',
      '/my-work', // inbox
      '/orders',
      '/orders/{id}',
      '/orders/{id}/allowed-events',
      '/orders/{id}/balance-due-notice',
      '/orders/{id}/complaints/{number}',
      '/orders/{id}/complaints/{number}/document', // printable documents
      '/orders/{id}/complaints/{number}/events',
      '/orders/{id}/dead-letters',
      '/orders/{id}/dead-letters/{seq}/resend',
      '/orders/{id}/documents', // printable documents
      '/orders/{id}/documents/{kind}', // printable documents
      '/orders/{id}/events',
      '/orders/{id}/statement',
      '/orders/{id}/timeline',
      '/readyz',
      '/reminders',
      '/reports',
      '/reports/{id}',
      // 团订 sales pipeline
      '/sales-pipeline/activity-lines',
      '/sales-pipeline/plans',
      '/sales-pipeline/prospects',
      '/sales-pipeline/prospects/{id}',
      '/sales-pipeline/prospects/{id}/moves',
      '/sales-pipeline/prospects/{id}/referrals',
      '/sales-pipeline/results-board',
      '/sales-pipeline/shortfalls',
      '/sales-pipeline/summary',
    ]);
    assert.equal(doc.components.schemas.EventRequest.oneOf?.length, eventTypes.length);
    // The change order's events say what each step is; a change request has no field for a price.
    type Alternative = {
      properties: {
        type: { const: string };
        data: { description?: string; properties: Record<string, { items?: { properties: Record<string, unknown> } }> };
      };
    };
    const changes = (doc.components.schemas.EventRequest.oneOf as Alternative[]).filter((a) =>
      a.properties.type.const.startsWith('change-'),
    );
    assert.deepEqual(
      changes.map((a) => a.properties.type.const),
      ['change-requested', 'change-assessed', 'change-price-approved', 'change-confirmed', 'change-rejected'],
    );
    for (const { properties } of changes) assert.ok(properties.data.description, `${properties.type.const} is described`);
    const requested = changes[0].properties.data.properties;
    assert.deepEqual(Object.keys(requested).sort(), ['description', 'lines', 'wantedDate']);
    assert.equal(requested.lines.items?.properties.unitPrice, undefined);
    for (const ref of JSON.stringify(doc).match(/#\/components\/schemas\/\w+/g) ?? []) {
      assert.ok(doc.components.schemas[ref.split('/').pop()!], `${ref} resolves`);
    }
    const page = await (await fetch(`${api.url}/docs`)).text();
    assert.match(page, /\/docs\/assets\/swagger-ui-bundle\.js/);
    assert.doesNotMatch(page, /https?:\/\//, 'nothing from the network: the page works offline');
    for (const asset of ['swagger-ui-bundle.js', 'swagger-ui.css'])
      assert.equal((await fetch(`${api.url}/docs/assets/${asset}`)).status, 200);

    const traced = await fetch(`${api.url}/healthz`, { headers: { 'x-request-id': 'trace-1' } });
    assert.equal(traced.headers.get('x-request-id'), 'trace-1');
    const untraceable = await fetch(`${api.url}/healthz`, { headers: { 'x-request-id': 'has spaces\tand tabs' } });
    assert.match(untraceable.headers.get('x-request-id')!, /^[0-9a-f-]{36}$/, 'an unprintable ID is replaced');
    await new Promise((resolve) => setImmediate(resolve));
    assert.ok(
      api.logs.some((line) => line.msg === 'request' && line.requestId === 'trace-1' && line.status === 200 && line.path === '/healthz'),
    );
  });
});

describe('REST API when no worker answers (dev server)', function () {
  let api: ApiUnderTest;
  before(async () => {
    api = await startApi({ worker: false, temporalTimeoutMs: 1000 });
  });
  // Seen a few times under heavy load: a 500 where a 503 was due. Show what the API logged, to find why.
  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.error(api.logs.filter((entry) => entry.level === 'error'));
  });
  after(async () => api?.stop());

  it('answers 503 with Retry-After within the deadline, and a retry with the same key starts nothing twice', async () => {
    const body = { ...customOrder(uniqueNumber()) };
    const key = newKey();
    const started = Date.now();
    const first = await call(api, 'POST', '/api/v1/orders', { role: 'order-desk', body, key });
    assertProblem(first, 503, 'temporal-unavailable');
    assert.equal(first.headers.get('retry-after'), '5');
    assert.ok(Date.now() - started < 5000);
    assertProblem(await call(api, 'POST', '/api/v1/orders', { role: 'order-desk', body, key }), 503, 'temporal-unavailable');
    assertProblem(await call(api, 'GET', `/api/v1/orders/${body.orderNumber}`, { role: 'order-desk' }), 503, 'temporal-unavailable');
    const readiness = await fetch(`${api.url}/readyz`);
    assert.equal(readiness.status, 503, 'Temporal answers, but no worker polls the task queue');
    assert.match(((await readiness.json()) as { detail: string }).detail, /no worker polls the task queue/);
  });
});
