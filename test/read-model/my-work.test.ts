import assert from 'node:assert/strict';
import { myWork } from '../../read-model/my-work';
import type { ReadModel } from '../../read-model/store';
import type { ComplaintStage } from '../../workflows/domain/complaints';
import { defaultPolicy } from '../../workflows/domain/policy';
import type { Complaint, TimelineEntry } from '../../workflows/domain/state';
import { readModelIn, readModelPlaces } from '../support/read-model-places';
import { order, seeded } from '../support/report-orders';

// 我的待办 from the read model (SQLite): a sales rep's work is on their own orders, every other role's on any
// order the role owes; the longest waiting first; the complaints whose next step the role may take, by the
// policy's complaint matrix; the notices by role, and a sales rep's by their orders.

const calendar = defaultPolicy.calendar;
const now = Date.parse('2027-02-10T04:00:00Z');

const notice = (kind: 'reminder' | 'escalation', to: string, type: string, at: string): TimelineEntry => ({
  at,
  kind,
  type,
  to: to as TimelineEntry['to'],
  detail: `${type} to ${to}`,
});

const complaint = (stage: ComplaintStage, filedAt: string, more: Partial<Complaint> = {}): Complaint => ({
  number: 1,
  category: 'quality',
  description: 'shade scratched',
  filedAt,
  stage,
  ...more,
});

for (const place of readModelPlaces)
  describe(`My work in the read model on ${place.kind}`, () => {
    let readModel: ReadModel;
    let close: (() => Promise<void>) | undefined;
    before(async function () {
      this.timeout(300_000); // PostgreSQL's first start may install it (as root)
      ({ readModel, close } = await readModelIn(place, (location) =>
        seeded(
          [
            // Waiting on sales (the confirmation's return), Li's own order, since 3 February.
            [
              order('W-LI', {
                stage: 'confirmation-return',
                status: 'pending-confirmation',
                nextEvents: ['signed-confirmation-returned'],
                owedBy: ['order-desk', 'sales-rep'],
                stageSince: '2027-02-03T02:00:00.000Z',
                salesRep: { id: 'rep-li', name: 'Li Na' },
                // The customer's word on the fix is awaited: staff may record it for them.
                complaints: [complaint('awaiting-confirmation', '2027-02-04T02:00:00.000Z')],
              }),
              [{ ...notice('reminder', 'sales-rep', 'confirmation-return', '2027-02-05T02:00:00.000Z'), zh: '确认书未回传' }],
            ],
            // The same step on Wang's order, waiting longer: not Li's.
            [
              order('W-WANG', {
                stage: 'confirmation-return',
                status: 'pending-confirmation',
                nextEvents: ['signed-confirmation-returned'],
                owedBy: ['order-desk', 'sales-rep'],
                stageSince: '2027-02-01T02:00:00.000Z',
                salesRep: { id: 'rep-wang', name: 'Wang Wei' },
                // Closed on 20 January, its first callback due a week later.
                complaints: [complaint('closed', '2027-01-15T02:00:00.000Z', { resolvedAt: '2027-01-20T02:00:00.000Z' })],
              }),
              [
                notice('reminder', 'sales-rep', 'confirmation-return', '2027-02-06T02:00:00.000Z'),
                notice('escalation', 'supervisor', 'confirmation-return', '2027-02-07T02:00:00.000Z'),
              ],
            ],
            // Li's order waiting on QC: not on sales.
            [
              order('W-QC', {
                nextEvents: ['qc-passed', 'qc-failed'],
                owedBy: ['qc'],
                stageSince: '2027-02-02T02:00:00.000Z',
                salesRep: { id: 'rep-li', name: 'Li Na' },
                // Technical has yet to contact the customer; another complaint closed two days ago, its first callback not
                // yet due; a third closed on 20 January and called back once, its second callback due 30 days after closing.
                complaints: [
                  complaint('reported', '2027-02-08T02:00:00.000Z'),
                  complaint('closed', '2027-02-05T02:00:00.000Z', { number: 2, resolvedAt: '2027-02-08T02:00:00.000Z' }),
                  complaint('closed', '2027-01-12T02:00:00.000Z', { number: 3, resolvedAt: '2027-01-20T02:00:00.000Z', callbacks: 1 }),
                ],
              }),
              [],
            ],
            // Li's order, completed: no work and no notice left on it.
            [
              order('W-DONE', {
                status: 'completed',
                stage: 'after-sales',
                salesRep: { id: 'rep-li', name: 'Li Na' },
                complaints: [complaint('finished', '2027-01-10T02:00:00.000Z')],
              }),
              [notice('reminder', 'sales-rep', 'progress-update', '2027-01-20T02:00:00.000Z')],
            ],
          ],
          location,
        ),
      ));
    });
    after(async () => close?.());

    /** The person's work at `at` (the fixtures' now), with the lists' limits and the complaint policy as given. */
    const work = (id: string, role: string, { at = now, orders = 100, listed = 100, policy = defaultPolicy.complaints } = {}) =>
      myWork(readModel.db, { id, role }, { orders, complaints: listed, reminders: 50 }, calendar, policy, at);
    const numbers = (rows: { orderNumber: string }[]) => rows.map((r) => r.orderNumber);
    const complaints = (w: { complaints: { orderNumber: string; stage: string; nextEvents: string[] }[] }) =>
      w.complaints.map((c) => [c.orderNumber, c.stage, c.nextEvents.join(' | ')]);

    it("gives a sales rep the steps sales owes on their own orders and the notices to sales on them, not a colleague's", async () => {
      const li = await work('rep-li', 'sales-rep');
      assert.deepEqual(numbers(li.orders), ['W-LI']);
      assert.equal(li.total, 1);
      assert.deepEqual(
        li.reminders.map((r) => [r.orderNumber, r.kind, r.type, r.zh]),
        [['W-LI', 'reminder', 'confirmation-return', '确认书未回传']],
        'in Chinese where the order wrote it',
      );
      assert.deepEqual(numbers((await work('rep-wang', 'sales-rep')).orders), ['W-WANG']);
    });

    it("gives every other role the role's steps on any order, the longest waiting first, and the notices to the role", async () => {
      const desk = await work('desk-zhao', 'order-desk');
      assert.deepEqual(numbers(desk.orders), ['W-WANG', 'W-LI']);
      assert.deepEqual(desk.reminders, []);
      const qc = await work('qc-sun', 'qc');
      assert.deepEqual(numbers(qc.orders), ['W-QC']);
      assert.deepEqual(qc.orders[0].nextEvents, ['qc-passed', 'qc-failed']);
      const supervisor = await work('boss', 'supervisor');
      assert.deepEqual(numbers(supervisor.orders), []);
      assert.deepEqual(
        supervisor.reminders.map((r) => [r.orderNumber, r.kind]),
        [['W-WANG', 'escalation']],
      );
    });

    it('gives each role the complaints whose next step it may take, the longest open first; a sales rep only on their own orders', async () => {
      assert.deepEqual(complaints(await work('rep-li', 'sales-rep')), [
        ['W-LI', 'awaiting-confirmation', 'customer-satisfied | customer-not-satisfied'],
      ]);
      assert.deepEqual(complaints(await work('rep-wang', 'sales-rep')), [['W-WANG', 'closed', 'callback-made']]);
      assert.deepEqual(complaints(await work('desk-zhao', 'order-desk')), [
        ['W-WANG', 'closed', 'callback-made'],
        ['W-LI', 'awaiting-confirmation', 'customer-satisfied | customer-not-satisfied'],
      ]);
      const technical = await work('tech-zhou', 'technical');
      assert.deepEqual(complaints(technical), [['W-QC', 'reported', 'customer-contacted']]);
      assert.equal(technical.complaints[0].customer, 'Ningbo Lamps');
      // Closing stands beside every open stage: not a supervisor's work until they decide it is; nothing waits on QC.
      assert.deepEqual(complaints(await work('boss', 'supervisor')), []);
      assert.deepEqual(complaints(await work('qc-sun', 'qc')), []);
    });

    it('lists as many complaints as asked for, however many orders it lists', async () => {
      const one = await work('desk-zhao', 'order-desk', { listed: 1 });
      assert.deepEqual(complaints(one), [['W-WANG', 'closed', 'callback-made']]);
      assert.equal(one.orders.length, 2);
      assert.equal((await work('desk-zhao', 'order-desk', { orders: 1 })).complaints.length, 2);
    });

    it("lists a closed complaint for its callbacks once the first is due (the policy's P7D after closing), not before", async () => {
      const callbacksOwed = async (at: string) =>
        complaints(await work('desk-zhao', 'order-desk', { at: Date.parse(at) })).filter(([, stage]) => stage === 'closed');
      assert.deepEqual(await callbacksOwed('2027-02-15T01:59:00Z'), [['W-WANG', 'closed', 'callback-made']]);
      assert.deepEqual(await callbacksOwed('2027-02-15T02:00:00Z'), [
        ['W-WANG', 'closed', 'callback-made'],
        ['W-QC', 'closed', 'callback-made'],
      ]);
    });

    it('lists a closed complaint called back once again only when its second callback is due (P30D after closing)', async () => {
      const callbacksOwed = async (at: string) =>
        (await work('desk-zhao', 'order-desk', { at: Date.parse(at) })).complaints
          .filter((c) => c.stage === 'closed')
          .map((c) => [c.orderNumber, c.number]);
      assert.deepEqual(await callbacksOwed('2027-02-19T01:59:00Z'), [
        ['W-WANG', 1],
        ['W-QC', 2],
      ]);
      assert.deepEqual(await callbacksOwed('2027-02-19T02:00:00Z'), [
        ['W-QC', 3],
        ['W-WANG', 1],
        ['W-QC', 2],
      ]);
    });

    it("follows the policy's complaint matrix", async () => {
      const permissions = { ...defaultPolicy.complaints.permissions, 'customer-contacted': ['service' as const] };
      const service = await work('svc-1', 'service', { policy: { ...defaultPolicy.complaints, permissions } });
      assert.deepEqual(
        complaints(service).map(([n, stage]) => [n, stage]),
        [
          ['W-WANG', 'closed'],
          ['W-LI', 'awaiting-confirmation'],
          ['W-QC', 'reported'],
        ],
      );
    });
  });
