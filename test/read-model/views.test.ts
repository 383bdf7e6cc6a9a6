import assert from 'node:assert/strict';
import { measureViews } from '../../read-model/measure';
import { seedReadModel } from '../../read-model/seed';
import { ReadModel } from '../../read-model/store';
import { order } from '../support/report-orders';
import { board, kpis, orderList, type BoardFilters, type OrderListFilters } from '../../read-model/views';
import { daysAfter } from '../../workflows/domain/calendar';
import { defaultPolicy } from '../../workflows/domain/policy';
import type { OrderProjection } from '../../workflows/read-model';
import type { TimelineEntry } from '../../workflows/domain/state';
import { readModelIn, readModelPlaces } from '../support/read-model-places';

// The read model itself, on a real SQLite file and on a real PostgreSQL (Debian's server binaries,
// as the cluster tests use them): the revision rule, the board's filters, the KPI figures of known
// orders, and the company's scale.

const calendar = defaultPolicy.calendar; // Monday to Saturday, Asia/Shanghai
const now = Date.parse('2027-02-10T04:00:00Z'); // noon in Shanghai, Wednesday 10 February 2027

/** A finished order of January 2027 unless told otherwise (the report tests' fixture, with these defaults). */
const projection = (orderNumber: string, o: Partial<OrderProjection> = {}): OrderProjection =>
  order(orderNumber, {
    status: 'completed',
    stage: 'after-sales',
    salesRep: { id: 'rep-k1', name: 'Li Na' },
    promisedDate: null,
    received: 500_000,
    balanceDue: 0,
    firstConfirmationOnTime: null,
    progressOnTime: null,
    ...o,
  });

const entry = (detail: string): TimelineEntry => ({ at: '2027-01-05T02:00:00.000Z', kind: 'event', type: 'progress-reported', detail });

/** Orders whose figures are worked out by hand in the tests below (period: January 2027). */
const known: OrderProjection[] = [
  projection('K-A', {
    firstConfirmationOnTime: true,
    progressOnTime: true,
    delaysReported: 1,
    delaysToldOnTime: 1,
    promisedDate: '2027-01-20',
    finishedAt: '2027-01-20T08:00:00.000Z',
    daysLate: 0,
    complaints: [{ number: 1, category: 'quality', description: 'scratch', filedAt: '2027-01-25T02:00:00.000Z' }],
    ratings: [{ rating: 5, at: '2027-01-21T02:00:00.000Z', source: 'sign-off' }],
  }),
  projection('K-B', {
    receivedAt: '2027-01-06T02:00:00.000Z',
    firstConfirmationOnTime: false,
    progressOnTime: false,
    delaysReported: 1,
    promisedDate: '2027-01-25',
    finishedAt: '2027-01-27T08:00:00.000Z',
    daysLate: 2,
    complaints: [
      {
        number: 1,
        category: 'wrong goods',
        description: 'wrong model',
        filedAt: '2027-01-26T02:00:00.000Z',
        resolvedAt: '2027-01-27T02:00:00.000Z',
        responsibleParty: 'sales-rep',
        cause: 'wrong-shipment',
      },
    ],
    ratings: [{ rating: 2, at: '2027-01-28T02:00:00.000Z', source: 'callback' }],
  }),
  // Open, in production, promised 28 January: 11 working days late on 10 February (Sundays off).
  projection('K-C', {
    receivedAt: '2027-01-07T02:00:00.000Z',
    status: 'in-production',
    stage: 'production',
    firstConfirmationOnTime: true,
    promisedDate: '2027-01-28',
    originalPromisedDate: '2027-01-27',
    nextEvents: ['qc-passed', 'qc-failed'],
    owedBy: ['qc'],
    stageSince: '2027-01-10T02:00:00.000Z',
    balanceDue: 350_000,
  }),
  projection('K-D', {
    salesRep: { id: 'rep-k2' },
    receivedAt: '2027-01-08T02:00:00.000Z',
    firstConfirmationOnTime: true,
    progressOnTime: true,
    promisedDate: '2027-01-15',
    finishedAt: '2027-01-20T08:00:00.000Z',
    daysLate: 4,
    complaints: [
      {
        number: 1,
        category: 'quality',
        description: 'flicker',
        filedAt: '2027-01-20T02:00:00.000Z',
        resolvedAt: '2027-01-21T02:00:00.000Z',
        responsibleParty: 'production',
        cause: 'quality',
      },
    ],
    ratings: [
      { rating: 4, at: '2027-01-21T02:00:00.000Z', source: 'sign-off' },
      { rating: 3, at: '2027-02-03T02:00:00.000Z', source: 'callback' },
    ],
  }),
  // Received before the period, cancelled: counted nowhere in January.
  projection('K-E', {
    receivedAt: '2026-12-20T02:00:00.000Z',
    status: 'cancelled',
    stage: 'cancelled',
    firstConfirmationOnTime: false,
    promisedDate: '2027-01-10',
  }),
  // Not yet confirmed: open at intake, no promised date.
  projection('K-F', { receivedAt: '2027-01-09T02:00:00.000Z', status: 'pending-confirmation', stage: 'intake' }),
  // Open, finished a working day late, waiting to ship: late no more, but its days late stay known.
  projection('K-G', {
    channel: 'sample',
    status: 'awaiting-shipment',
    stage: 'sample-dispatch',
    customer: { id: 'C-9', name: 'Xiamen Lights', class: 'C' },
    salesRep: { id: 'rep-k2' },
    promisedDate: '2027-02-01',
    finishedAt: '2027-02-02T08:00:00.000Z',
    daysLate: 1,
  }),
  // Large (¥20,000), finished 3 working days late after a delay a supervisor verified as force majeure: not counted late.
  projection('K-H', {
    receivedAt: '2027-01-10T02:00:00.000Z',
    amount: 2_000_000,
    received: 2_000_000,
    promisedDate: '2027-01-18',
    finishedAt: '2027-01-21T08:00:00.000Z',
    daysLate: 3,
    delaysReported: 1,
    delaysToldOnTime: 1,
    forceMajeureDelays: 1,
    complaints: [
      {
        number: 1,
        category: 'wrong-or-missing-goods',
        description: '60 cm entered for 80 cm',
        filedAt: '2027-01-23T02:00:00.000Z',
        resolvedAt: '2027-01-24T02:00:00.000Z',
        responsibleParty: 'sales',
        cause: 'data-entry',
      },
    ],
  }),
];

for (const place of readModelPlaces) {
  describe(`read model on ${place.kind}`, function () {
    let readModel: ReadModel;
    let close: (() => Promise<void>) | undefined;
    before(async function () {
      this.timeout(300_000); // PostgreSQL's first start may install it (as root)
      ({ readModel, close } = await readModelIn(place));
    });
    after(async () => close?.());

    it('opens an existing database without migrating it twice', async () => {
      const again = await ReadModel.open(readModel.location);
      await again.close();
    });

    it('keeps the highest revision: a retried or older projection never moves an order backwards, and entries are never rewritten', async () => {
      const at = (revision: number, stage: OrderProjection['stage']) => projection('REV-1', { revision, stage, status: 'in-production' });
      assert.equal(await readModel.project({ order: at(2, 'production'), firstEntry: 0, entries: [entry('e0'), entry('e1')] }), true);
      // Older, then the same revision again (a retry, or a late attempt after a newer one): nothing changes.
      assert.equal(await readModel.project({ order: at(1, 'intake'), firstEntry: 1, entries: [entry('e1 again'), entry('e2')] }), false);
      assert.equal(await readModel.project({ order: at(2, 'intake'), firstEntry: 0, entries: [] }), false);
      assert.deepEqual(await readModel.order('REV-1').then((o) => [o?.revision, o?.stage]), [2, 'production']);
      const timeline = await readModel.db
        .selectFrom('order_timeline')
        .select(['seq', 'detail'])
        .where('order_number', '=', 'REV-1')
        .orderBy('seq')
        .execute();
      assert.deepEqual(timeline, [
        { seq: 0, detail: 'e0' },
        { seq: 1, detail: 'e1' },
        { seq: 2, detail: 'e2' },
      ]);
      assert.equal(await readModel.project({ order: at(3, 'put-away'), firstEntry: 3, entries: [] }), true);
      assert.equal((await readModel.order('REV-1'))?.stage, 'put-away');
    });

    describe('with known orders', () => {
      before(async () => {
        await readModel.clearOrders();
        for (const order of known) await readModel.project({ order, firstEntry: 0, entries: [] });
      });

      const ask = (f: Partial<BoardFilters>) =>
        board(readModel.db, { sort: 'daysLate', order: 'desc', limit: 100, offset: 0, ...f }, calendar, now).then((b) => ({
          total: b.total,
          orders: b.orders.map((o) => o.orderNumber),
        }));

      it('shows every open order on the board, longest overdue first, with its days late and who owes the next step since when', async () => {
        const all = await board(readModel.db, { sort: 'daysLate', order: 'desc', limit: 100, offset: 0 }, calendar, now);
        assert.equal(all.asOf, '2027-02-10');
        assert.deepEqual(
          all.orders.map((o) => [o.orderNumber, o.late, o.daysLate]),
          [
            ['K-C', true, 11],
            ['K-G', false, 1],
            ['K-F', false, null],
          ],
        );
        assert.equal(daysAfter('2027-01-28', '2027-02-10', 'working', calendar), 11);
        const c = all.orders[0];
        assert.deepEqual(
          [c.nextEvents, c.owedBy, c.waitingSince, c.originalPromisedDate],
          [['qc-passed', 'qc-failed'], ['qc'], '2027-01-10T02:00:00.000Z', '2027-01-27'],
        );
      });

      it('filters the board by rep, stage, channel, customer and lateness, sorts it and pages it', async () => {
        assert.deepEqual(await ask({ salesRep: 'rep-k1' }), { total: 2, orders: ['K-C', 'K-F'] });
        assert.deepEqual(await ask({ stage: 'production' }), { total: 1, orders: ['K-C'] });
        assert.deepEqual(await ask({ channel: 'sample' }), { total: 1, orders: ['K-G'] });
        assert.deepEqual(await ask({ customerId: 'C-9' }), { total: 1, orders: ['K-G'] });
        assert.deepEqual(await ask({ late: true }), { total: 1, orders: ['K-C'] });
        assert.deepEqual(await ask({ late: false }), { total: 2, orders: ['K-G', 'K-F'] });
        assert.deepEqual(await ask({ salesRep: 'rep-k2', late: true }), { total: 0, orders: [] });
        // Spot checks: K-G is large only where the sample channel's class C draws the line at ¥1,000.
        assert.deepEqual(await ask({ large: true }), { total: 0, orders: [] });
        const sampleC = [{ channel: 'sample', customerClass: 'C', above: 100_000 }];
        assert.deepEqual(
          await ask({ large: true, largeAbove: [...sampleC, { channel: 'standard', customerClass: 'A', above: 1_000_000 }] }),
          {
            total: 1,
            orders: ['K-G'],
          },
        );
        assert.deepEqual(await ask({ large: false, largeAbove: [{ ...sampleC[0], above: 400_000 }] }), {
          total: 2,
          orders: ['K-C', 'K-F'],
        });
        assert.deepEqual(await ask({ sort: 'receivedAt', order: 'asc' }), { total: 3, orders: ['K-G', 'K-C', 'K-F'] });
        assert.deepEqual(await ask({ sort: 'orderNumber', order: 'desc', limit: 1, offset: 1 }), { total: 3, orders: ['K-F'] });
      });

      it("counts the KPIs of a period from the orders' facts, for every rep and for one", async () => {
        const january = await kpis(readModel.db, { from: '2027-01-01', to: '2027-01-31' }, calendar, now);
        assert.deepEqual(january.firstConfirmation, { orders: 4, onTime: 3, percent: 75 });
        assert.deepEqual(january.progressUpdates, { orders: 3, onTime: 2, percent: 66.7 });
        // H's force-majeure delay was told in time: the duty to tell the customer stays.
        assert.deepEqual(january.delayNotices, { delays: 3, toldOnTime: 2, percent: 66.7 });
        // Due in January: A on time, B 2 days late, C 11 and counting, D 4, H 3 but excused by force majeure; E cancelled.
        assert.deepEqual(january.lateness, { ordersDue: 5, late: 3, averageDaysLate: 5.7, excusedForceMajeure: 1 });
        assert.deepEqual(january.complaints, {
          total: 4,
          byResponsibleParty: [
            { responsibleParty: 'production', complaints: 1 },
            { responsibleParty: 'sales', complaints: 1 },
            { responsibleParty: 'sales-rep', complaints: 1 },
            { responsibleParty: null, complaints: 1 },
          ],
          byCause: [
            { cause: 'data-entry', complaints: 1 },
            { cause: 'quality', complaints: 1 },
            { cause: 'wrong-shipment', complaints: 1 },
            { cause: null, complaints: 1 },
          ],
          dataEntryErrors: 1,
          wrongShipments: 1,
        });
        // Ratings given in January: A 5, B 2, D 4 (D's callback of 3 February is February's).
        assert.deepEqual(january.satisfaction, { ratings: 3, average: 3.7, dissatisfied: 1 });
        assert.deepEqual(
          [january.largeOrders.total, january.largeOrders.orders.map((o) => [o.orderNumber, o.amount, o.salesRep.id])],
          [1, [['K-H', 2_000_000, 'rep-k1']]],
        );
        const rep = await kpis(readModel.db, { from: '2027-01-01', to: '2027-01-31', salesRep: 'rep-k1' }, calendar, now);
        assert.deepEqual(rep.firstConfirmation, { orders: 3, onTime: 2, percent: 66.7 });
        assert.deepEqual(rep.progressUpdates, { orders: 2, onTime: 1, percent: 50 });
        assert.deepEqual(rep.lateness, { ordersDue: 4, late: 2, averageDaysLate: 6.5, excusedForceMajeure: 1 });
        assert.deepEqual([rep.complaints.total, rep.complaints.dataEntryErrors, rep.complaints.wrongShipments], [3, 1, 1]);
        assert.deepEqual(rep.satisfaction, { ratings: 2, average: 3.5, dissatisfied: 1 });
        const other = await kpis(readModel.db, { from: '2027-01-01', to: '2027-01-31', salesRep: 'rep-k2' }, calendar, now);
        assert.deepEqual([other.complaints.dataEntryErrors, other.satisfaction.ratings, other.largeOrders.total], [0, 1, 0]);
        const quiet = await kpis(readModel.db, { from: '2026-06-01', to: '2026-06-30' }, calendar, now);
        assert.deepEqual(
          [quiet.firstConfirmation.percent, quiet.lateness.averageDaysLate, quiet.complaints.total, quiet.satisfaction.average],
          [null, null, 0, null],
        );
      });

      it("lists large orders for spot checks by each channel's and class's own threshold", async () => {
        const large = [
          { channel: 'standard', customerClass: 'A', above: 1_000_000 },
          { channel: 'sample', customerClass: 'C', above: 100_000 },
        ];
        const january = await kpis(readModel.db, { from: '2027-01-01', to: '2027-01-31', large }, calendar, now);
        assert.deepEqual(
          january.largeOrders.orders.map((o) => o.orderNumber),
          ['K-H', 'K-G'],
        );
      });

      it('lists every order newest first, filtered, a page at a time', async () => {
        const list = async (f: Partial<OrderListFilters>) => {
          const numbers: string[][] = [];
          let after: OrderListFilters['after'];
          do {
            const page = await orderList(readModel.db, { pageSize: 3, ...f, after }, calendar, now);
            numbers.push(page.orders.map((o) => o.orderNumber));
            after = page.next;
          } while (after);
          return numbers;
        };
        assert.deepEqual(await list({}), [
          ['K-H', 'K-F', 'K-D'],
          ['K-C', 'K-B', 'K-G'],
          ['K-A', 'K-E'],
        ]);
        assert.deepEqual(await list({ customerId: 'C-9' }), [['K-G']]);
        assert.deepEqual(await list({ salesRep: 'rep-k2' }), [['K-D', 'K-G']]);
        assert.deepEqual(await list({ late: true }), [['K-C']]);
        assert.deepEqual(await list({ status: 'cancelled' }), [['K-E']]);
        assert.deepEqual(await list({ stage: 'production', channel: 'standard', late: true, salesRep: 'rep-k1' }), [['K-C']]);
        const [c] = (await orderList(readModel.db, { pageSize: 1, late: true }, calendar, now)).orders;
        assert.deepEqual(
          [c.late, c.daysLate, c.promisedDate, c.customer.name, c.customer.class, c.balanceDue],
          [true, 11, '2027-01-28', 'Ningbo Lamps', 'A', 350_000],
        );
      });
    });

    it('answers the board and the KPIs within 300 ms with 10,000 open and 100,000 finished orders', async function () {
      this.timeout(900_000);
      await readModel.clearOrders();
      await seedReadModel(readModel, { open: 10_000, finished: 100_000 });
      const { total } = await board(readModel.db, { sort: 'daysLate', order: 'desc', limit: 1, offset: 0 }, calendar);
      assert.equal(total, 10_000);
      const medians = await measureViews(readModel, calendar);
      console.log(`      ${place.kind}: ${JSON.stringify(medians)}`);
      for (const [question, ms] of Object.entries(medians)) assert.ok(ms < 300, `${question}: ${ms} ms`);
    });
  });
}
