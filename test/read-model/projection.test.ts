import assert from 'node:assert/strict';
import { rebuildReadModel } from '../../read-model/rebuild';
import { dateAt, daysAfter } from '../../workflows/domain/calendar';
import { defaultPolicy } from '../../workflows/domain/policy';
import type { EventType } from '../../workflows/domain/events';
import type { Role } from '../../workflows/domain/order';
import type { TimelineEntry } from '../../workflows/domain/state';
import { call, eventually, orderThrough, startApi, type ApiUnderTest } from '../support/api-server';
import { devServer } from '../support/servers';
import { intoProduction, type Step } from '../support/main-line';

// The read model as the orders write it, on the CLI dev server with a real worker and a real SQLite
// file: projections after events, the rebuild from Temporal, the status board, and the customer file.

describe('read model written by the orders (dev server, SQLite)', function () {
  let api: ApiUnderTest;
  before(async () => {
    api = await startApi();
  });
  after(async () => api?.stop());

  const get = (url: string, role: Role = 'supervisor') => call(api, 'GET', `/api/v1${url}`, { role });
  const timelineOf = async (orderNumber: string) => (await get(`/orders/${orderNumber}/timeline`)).body.timeline as TimelineEntry[];

  /** Waits until the read model has the order as the order itself shows it: its stage and every timeline entry. */
  async function projected(orderNumber: string) {
    return eventually(
      async () => {
        const [row, snapshot, timeline] = await Promise.all([
          api.readModel.order(orderNumber),
          get(`/orders/${orderNumber}`),
          timelineOf(orderNumber),
        ]);
        const entries = await api.readModel.db
          .selectFrom('order_timeline')
          .selectAll()
          .where('order_number', '=', orderNumber)
          .orderBy('seq')
          .execute();
        return { row, snapshot: snapshot.body, timeline, entries };
      },
      ({ row, snapshot, timeline, entries }) => row?.stage === snapshot.stage && entries.length === timeline.length,
    );
  }

  it('projects an order as its events arrive: its row, money and every timeline entry', async () => {
    await orderThrough(api, 'RM-1', 'C-RM', intoProduction);
    const { row, snapshot, timeline, entries } = await projected('RM-1');
    assert.equal(row?.stage, 'production');
    assert.equal(row?.status, 'in-production');
    assert.deepEqual(
      [row?.promised_date, row?.amount, row?.balance_due, row?.customer_class, row?.sales_rep_id, row?.open],
      ['2031-05-01', 500_000, 500_000, 'A', 'rep-1', 1],
    );
    assert.deepEqual(JSON.parse(row!.open_clocks), snapshot.openClocks);
    assert.ok(row!.revision >= 2, `revision ${row!.revision}: the order projected itself as it moved`);
    assert.equal(row?.first_confirmation_on_time, 1);
    assert.deepEqual(
      entries.map((e) => [e.seq, e.at, e.kind, e.type, e.detail]),
      timeline.map((e, seq) => [seq, e.at, e.kind, e.type, e.detail]),
    );
  });

  it('rebuilds from Temporal the same read model the orders wrote, closed orders included', async () => {
    await orderThrough(api, 'RM-2', 'C-RM', [
      ['order-desk', 'order-confirmed'],
      ['order-desk', 'cancelled', { reason: 'customer withdrew' }],
    ]);
    await projected('RM-1');
    const { row } = await projected('RM-2');
    assert.equal(row?.status, 'cancelled');
    const live = await api.readModel.everything();
    const { client } = await devServer();
    // Visibility lists the orders a moment after they start: rebuild until it found both.
    const count = await eventually(
      () => rebuildReadModel(client, api.readModel, { taskQueue: api.taskQueue }),
      (n) => n === live.orders.length,
    );
    assert.equal(count, live.orders.length);
    assert.deepEqual(await api.readModel.everything(), live);
  });

  it('puts an order past its promised date on the board as late, with its working days late', async () => {
    const steps: Step[] = intoProduction.map(([role, type, data]) =>
      type === 'delivery-date-estimated' ? [role, type, { promisedDate: '2026-11-02' }] : [role, type, data],
    );
    await orderThrough(api, 'RM-LATE', 'C-RM-LATE', steps);
    await projected('RM-LATE');
    const late = await get('/board?late=true&customerId=C-RM-LATE');
    assert.equal(late.status, 200, JSON.stringify(late.body));
    assert.equal(late.body.total, 1);
    const [row] = late.body.orders;
    const today = dateAt(Date.now(), defaultPolicy.calendar.timeZone);
    assert.deepEqual(
      [row.orderNumber, row.late, row.daysLate, row.stage],
      ['RM-LATE', true, daysAfter('2026-11-02', today, 'working', defaultPolicy.calendar), 'production'],
    );
    // Who owes the next step: the roles the order's policy lets send it.
    assert.ok(row.nextEvents.length > 0);
    assert.deepEqual(row.owedBy, [...new Set(row.nextEvents.flatMap((type: EventType) => defaultPolicy.permissions[type]))]);
    assert.equal((await get('/board?late=false&customerId=C-RM-LATE')).body.total, 0);
    assert.equal((await get('/board?salesRep=rep-1&stage=production&sort=promisedDate&order=asc')).body.orders[0].orderNumber, 'RM-LATE');
    const invalid = await get('/board?late=maybe&sort=colour');
    assert.equal(invalid.status, 400);
    assert.deepEqual(invalid.body.errors.map((e: { field: string }) => e.field).sort(), ['query.late', 'query.sort']);
  });

  it("answers the KPIs to staff, and refuses the company's view to a customer", async () => {
    const figures = await get(`/kpis?from=2026-01-01&to=2031-12-31&rep=rep-1`);
    assert.equal(figures.status, 200, JSON.stringify(figures.body));
    assert.ok(figures.body.firstConfirmation.orders >= 1);
    assert.equal((await get('/kpis?from=2027-02-01&to=2027-01-01')).status, 400);
    for (const url of ['/board', '/kpis?from=2027-01-01&to=2027-01-31', '/customers', '/customers/C-DEV', '/customers/C-DEV/history']) {
      const refused = await get(url, 'customer');
      assert.equal(refused.status, 403, url);
      assert.equal(refused.body.type, 'urn:orderflow:problem:role-not-permitted');
    }
  });

  it("counts a verified force-majeure delay, a complaint's cause and the customer's ratings in the rep's KPIs", async () => {
    const rep = 'rep-kpi';
    const figures = async () => {
      await projected('RM-KPI');
      const answer = await get(`/kpis?from=2026-01-01&to=2031-12-31&rep=${rep}`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return answer.body;
    };
    // Promised for a date already past, then delayed by a typhoon to another past date: late until a supervisor verifies it.
    const steps: Step[] = [
      ...intoProduction.map(([role, type, data]): Step =>
        type === 'delivery-date-estimated' ? [role, type, { promisedDate: '2026-10-01' }] : [role, type, data],
      ),
      ['technical', 'technical-order-issued', { orderRef: 'TO-1' }],
      ['production', 'delay-reported', { reason: 'typhoon closed the plant', newPromisedDate: '2026-10-20', forceMajeure: true }],
      ['sales-rep', 'customer-told-of-delay', { channel: 'phone' }],
    ];
    await orderThrough(api, 'RM-KPI', 'C-RM-KPI', steps, rep);
    const before = await figures();
    assert.deepEqual(before.lateness, { ordersDue: 1, late: 1, averageDaysLate: before.lateness.averageDaysLate, excusedForceMajeure: 0 });
    assert.deepEqual(before.delayNotices, { delays: 1, toldOnTime: 1, percent: 100 });
    const timeline = await timelineOf('RM-KPI');
    assert.ok(timeline.some((e) => e.type === 'force-majeure-claimed' && e.to === 'supervisor'));

    const refused = await call(api, 'POST', '/api/v1/orders/RM-KPI/events', {
      role: 'sales-rep',
      body: { type: 'force-majeure-verified', data: { delay: 1, evidence: 'I say so' } },
    });
    assert.equal(refused.status, 403, JSON.stringify(refused.body));
    const after: Step[] = [
      ['supervisor', 'force-majeure-verified', { delay: 1, evidence: 'typhoon warning of the county, 2026-10-05' }],
      ['qc', 'qc-passed', { reportRef: 'QC-1' }],
      ['warehouse', 'stocked', { location: 'A-1' }],
      ['sales-rep', 'shipping-requested', { requestRef: 'SR-1' }],
      ['warehouse', 'shipped', { carrier: 'SF', trackingRef: 'SF-1' }],
      ['sales-rep', 'signed-for', { receiptRef: 'AR-1', satisfaction: 4 }],
      ['sales-rep', 'complaint-filed', { category: 'wrong-or-missing-goods', description: '60 cm lamps, 80 cm ordered' }],
      ['service', 'satisfaction-rated', { rating: 2, comment: 'the exchange took two weeks' }],
    ];
    for (const [role, type, data] of after) {
      const answer = await call(api, 'POST', '/api/v1/orders/RM-KPI/events', { role, body: { type, data } });
      assert.equal(answer.status, 200, `${type}: ${JSON.stringify(answer.body)}`);
    }
    // The complaint is its own workflow: technical finds the cause there, and the order takes it into its figures.
    await eventually(
      () => get('/orders/RM-KPI/complaints/1'),
      (answer) => answer.status === 200,
    );
    for (const [type, data] of [
      ['customer-contacted', { channel: 'phone' }],
      ['cause-found', { responsibleParty: 'sales', cause: 'data-entry', finding: '80 cm ordered, 60 cm entered' }],
    ] as const) {
      const answer = await call(api, 'POST', '/api/v1/orders/RM-KPI/complaints/1/events', { role: 'technical', body: { type, data } });
      assert.equal(answer.status, 200, `${type}: ${JSON.stringify(answer.body)}`);
    }
    const { row } = await projected('RM-KPI');
    assert.equal(row?.force_majeure_delays, 1);
    const now = await eventually(figures, (f) => f.complaints.byCause.length > 0);
    // Finished after the delayed date, but the delay was force majeure: not the rep's lateness.
    assert.deepEqual([now.lateness.ordersDue, now.lateness.late, now.lateness.excusedForceMajeure], [1, 0, 1]);
    assert.deepEqual(
      [now.complaints.total, now.complaints.dataEntryErrors, now.complaints.wrongShipments, now.complaints.byCause],
      [1, 1, 0, [{ cause: 'data-entry', complaints: 1 }]],
    );
    assert.deepEqual(now.satisfaction, { ratings: 2, average: 3, dissatisfied: 1 });
    const snapshot = (await get('/orders/RM-KPI')).body;
    assert.deepEqual(
      snapshot.satisfaction.map((r: { rating: number; source: string }) => [r.rating, r.source]),
      [
        [4, 'sign-off'],
        [2, 'callback'],
      ],
    );

    // A supervisor closes the complaint: the customer's file says how, in Chinese beside the English.
    const closing = await call(api, 'POST', '/api/v1/orders/RM-KPI/complaints/1/events', {
      role: 'supervisor',
      body: { type: 'closed-by-supervisor', data: { reason: 'lamps exchanged' } },
    });
    assert.equal(closing.status, 200, JSON.stringify(closing.body));
    const customer = { id: 'C-RM-KPI', name: 'Ningbo Lamps', class: 'A', creditLimit: 10_000_000, contacts: [] };
    assert.equal((await call(api, 'POST', '/api/v1/customers', { role: 'order-desk', body: customer })).status, 201);
    const file = await eventually(
      () => get('/customers/C-RM-KPI/history'),
      (answer) => answer.body.complaints?.[0]?.resolvedAt != null,
    );
    assert.deepEqual(
      [file.body.complaints[0].resolution, file.body.complaints[0].resolutionZh],
      ['closed by the supervisor: lamps exchanged', '主管结案：lamps exchanged'],
    );
  });

  it("lists orders from the read model, and a customer's token only ever lists that customer's orders", async () => {
    await orderThrough(api, 'RM-MINE-1', 'C-DEV', []);
    await orderThrough(api, 'RM-MINE-2', 'C-DEV', [['order-desk', 'order-confirmed']]);
    await orderThrough(api, 'RM-THEIRS', 'C-RM-OTHER', []);
    for (const id of ['RM-MINE-1', 'RM-MINE-2', 'RM-THEIRS']) await projected(id);
    /** Every page of the list, as this role. */
    const all = async (role: Role, query = '') => {
      const orders: { orderNumber: string; customer: { id: string } }[] = [];
      let token: string | null = null;
      do {
        const page = await get(`/orders?pageSize=1${query}${token ? `&pageToken=${token}` : ''}`, role);
        assert.equal(page.status, 200, JSON.stringify(page.body));
        orders.push(...page.body.orders);
        token = page.body.nextPageToken;
      } while (token);
      return orders;
    };
    const mine = await all('customer');
    assert.deepEqual(
      mine.map((o) => o.orderNumber),
      ['RM-MINE-2', 'RM-MINE-1'],
    );
    assert.ok(mine.every((o) => o.customer.id === 'C-DEV'));
    assert.deepEqual(await all('customer', '&customerId=C-RM-OTHER'), [], "another customer's filter finds nothing");
    assert.deepEqual(await all('customer', '&customerId=C-DEV&stage=price-review'), [mine[0]]);
    const staff = await all('sales-rep');
    assert.ok(['RM-MINE-1', 'RM-MINE-2', 'RM-THEIRS', 'RM-1'].every((id) => staff.some((o) => o.orderNumber === id)));
    assert.deepEqual(
      (await all('supervisor', '&customerId=C-RM-OTHER')).map((o) => o.orderNumber),
      ['RM-THEIRS'],
    );
  });

  it('documents the board, the KPIs and the order list in the OpenAPI, with examples and the 403 for customers', async () => {
    const doc = (await (await fetch(`${api.url}/openapi.json`)).json()) as {
      paths: Record<string, { get: { description: string; responses: Record<string, unknown> } }>;
      components: { schemas: Record<string, { examples?: unknown[]; properties?: Record<string, unknown> }> };
    };
    for (const name of ['Board', 'Kpis', 'OrderPage']) assert.ok(doc.components.schemas[name].examples?.length, name);
    for (const path of ['/board', '/kpis']) assert.ok(doc.paths[path].get.responses['403'], path);
    assert.match(doc.paths['/orders'].get.description, /customer token sees only its own/);
    assert.deepEqual(Object.keys(doc.components.schemas.Kpis.properties ?? {}).slice(-4), [
      'complaints',
      'satisfaction',
      'largeOrders',
      'outboundNotices',
    ]);
  });

  it('keeps a customer file: create, read, list, update; a class change is a new version and orders keep the class they were taken with', async () => {
    const file = {
      id: 'C-FILE',
      name: 'Ningbo Lamps',
      class: 'A',
      paymentTerms: 'PLAN-30-70',
      creditLimit: 50_000_000,
      contacts: [{ name: 'Mr Zhao', phone: '13800000000', role: 'purchasing' }],
      salesRep: { id: 'rep-1', name: 'Li Na' },
      region: 'Zhejiang',
    };
    const created = await call(api, 'POST', '/api/v1/customers', { role: 'order-desk', body: file });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.headers.get('location'), '/api/v1/customers/C-FILE');
    assert.deepEqual(
      { ...created.body, classHistory: undefined, createdAt: undefined, updatedAt: undefined },
      {
        ...file,
        classVersion: 1,
        classHistory: undefined,
        createdAt: undefined,
        updatedAt: undefined,
      },
    );
    // The same creation again is answered as the first; another file under the id is a conflict.
    assert.equal((await call(api, 'POST', '/api/v1/customers', { role: 'order-desk', body: file })).status, 201);
    const conflict = await call(api, 'POST', '/api/v1/customers', { role: 'order-desk', body: { ...file, name: 'Other' } });
    assert.equal(conflict.status, 409);
    assert.equal(conflict.body.type, 'urn:orderflow:problem:customer-exists');

    await orderThrough(api, 'RM-FILE', 'C-FILE', [['order-desk', 'order-confirmed']]);
    const changed = await call(api, 'PATCH', '/api/v1/customers/C-FILE', {
      role: 'finance',
      body: { class: 'B', creditLimit: 20_000_000 },
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.deepEqual(
      [changed.body.class, changed.body.classVersion, changed.body.creditLimit, changed.body.name],
      ['B', 2, 20_000_000, 'Ningbo Lamps'],
    );
    assert.deepEqual(
      changed.body.classHistory.map((v: { version: number; class: string; changedBy: string }) => [v.version, v.class]),
      [
        [1, 'A'],
        [2, 'B'],
      ],
    );
    // A change that keeps the class makes no new version.
    const renamed = await call(api, 'PATCH', '/api/v1/customers/C-FILE', { role: 'sales-rep', body: { region: 'Jiangsu' } });
    assert.deepEqual([renamed.body.classVersion, renamed.body.region], [2, 'Jiangsu']);

    await projected('RM-FILE');
    const history = await get('/customers/C-FILE/history');
    assert.equal(history.status, 200, JSON.stringify(history.body));
    assert.deepEqual(
      [history.body.orders, history.body.balanceOwed, history.body.openOrders.map((o: { orderNumber: string }) => o.orderNumber)],
      [1, 500_000, ['RM-FILE']],
    );
    assert.equal(history.body.openOrders[0].customer.class, 'A', 'the order keeps the class it was taken with');
    assert.deepEqual(history.body.complaints, []);

    const list = await get('/customers?class=B&region=Jiangsu');
    assert.deepEqual(
      list.body.customers.map((c: { id: string }) => c.id),
      ['C-FILE'],
    );
    assert.equal((await get('/customers/C-NONE')).status, 404);
    assert.equal((await get('/customers/C-NONE/history')).body.type, 'urn:orderflow:problem:customer-not-found');
    assert.equal((await call(api, 'PATCH', '/api/v1/customers/C-NONE', { role: 'finance', body: { region: 'X' } })).status, 404);
    assert.equal((await call(api, 'PATCH', '/api/v1/customers/C-FILE', { role: 'qc', body: { region: 'X' } })).status, 403);
    const invalid = await call(api, 'POST', '/api/v1/customers', {
      role: 'order-desk',
      body: { id: 'C-X', name: '', class: 'D', creditLimit: -1 },
    });
    assert.equal(invalid.status, 400);
    assert.deepEqual(invalid.body.errors.map((e: { field: string }) => e.field).sort(), ['class', 'creditLimit', 'name']);
  });

  it('refuses an order for a customer without a file when the company requires files, and takes it once the file exists', async () => {
    const strict = await startApi({ requireCustomerFile: true });
    try {
      const order = {
        orderNumber: 'RM-STRICT',
        customer: { id: 'C-NEW', name: 'Hangzhou Lamps', class: 'B' },
        salesRep: { id: 'rep-1' },
        lines: [{ productCode: 'LAMP-1', quantity: 1, unitPrice: 50_000 }],
        delivery: { address: 'No. 2 Road', contact: 'Ms Wu', phone: '13800000000' },
      };
      const refused = await call(strict, 'POST', '/api/v1/orders', { role: 'order-desk', body: order });
      assert.equal(refused.status, 422, JSON.stringify(refused.body));
      assert.equal(refused.body.type, 'urn:orderflow:problem:customer-file-missing');
      assert.match(refused.body.detail, /POST \/api\/v1\/customers/);
      const file = { id: 'C-NEW', name: 'Hangzhou Lamps', class: 'B' };
      assert.equal((await call(strict, 'POST', '/api/v1/customers', { role: 'sales-rep', body: file })).status, 201);
      assert.equal((await call(strict, 'POST', '/api/v1/orders', { role: 'order-desk', body: order })).status, 201);
    } finally {
      await strict.stop();
    }
  });
});
