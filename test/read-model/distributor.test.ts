import assert from 'node:assert/strict';
import { kpis } from '../../read-model/views';
import { defaultPolicy } from '../../workflows/domain/policy';
import { order, seeded } from '../support/report-orders';

// The distributors' outbound notices (出库通知单) in the read model: the marketing assistant tracks
// their signing and counts them (000 §一 10), per period and per sales rep, beside the KPIs.

const calendar = defaultPolicy.calendar;
const now = Date.parse('2027-02-10T04:00:00Z');
const distributor = (orderNumber: string, rep: string, issuedAt: string, signedAt: string | null) =>
  order(orderNumber, {
    channel: 'distributor',
    salesRep: { id: rep },
    outboundNotice: { ref: `OUT-${orderNumber}`, issuedAt, signedAt },
  });

describe('read model: distributors’ outbound notices', () => {
  it('counts the notices issued in the period, signed and not yet signed, for every rep and for one; other orders carry none', async () => {
    const readModel = await seeded([
      [distributor('D-1', 'rep-a', '2027-01-10T02:00:00.000Z', '2027-01-12T02:00:00.000Z'), []],
      [distributor('D-2', 'rep-b', '2027-01-20T02:00:00.000Z', null), []],
      [distributor('D-3', 'rep-a', '2027-02-02T02:00:00.000Z', null), []],
      [order('S-1'), []],
    ]);
    try {
      const january = await kpis(readModel.db, { from: '2027-01-01', to: '2027-01-31' }, calendar, now);
      assert.deepEqual(january.outboundNotices, { issued: 2, signed: 1, unsigned: 1 });
      const repA = await kpis(readModel.db, { from: '2027-01-01', to: '2027-02-28', salesRep: 'rep-a' }, calendar, now);
      assert.deepEqual(repA.outboundNotices, { issued: 2, signed: 1, unsigned: 1 });
      // D-2 is signed later: its row is written again with the signature.
      await readModel.project({
        order: { ...distributor('D-2', 'rep-b', '2027-01-20T02:00:00.000Z', '2027-01-22T02:00:00.000Z'), revision: 2 },
        firstEntry: 0,
        entries: [],
      });
      const signed = await kpis(readModel.db, { from: '2027-01-01', to: '2027-01-31' }, calendar, now);
      assert.deepEqual(signed.outboundNotices, { issued: 2, signed: 2, unsigned: 0 });
      const row = await readModel.db.selectFrom('orders').selectAll().where('order_number', '=', 'S-1').executeTakeFirstOrThrow();
      assert.deepEqual([row.outbound_notice_ref, row.outbound_notice_issued_at, row.outbound_notice_signed_at], [null, null, null]);
    } finally {
      await readModel.close();
    }
  });
});
