import assert from 'node:assert/strict';
import { reportSettings } from '../../client/reports-policy';
import { compileReport } from '../../read-model/reports';
import type { ReadModel } from '../../read-model/store';
import type { Report } from '../../workflows/reports/types';
import { event, order, seeded } from '../support/report-orders';

// group order channel (团订, 003): the group-sales manager's Monday report of group orders, compiled
// by the weekly report's machinery over the group channel's orders only.

const group = { channel: 'group', customer: { id: 'C-G', name: 'Hangzhou Metro', class: 'B' as const } };
const settings = reportSettings();

describe('group orders weekly report (Monday 2027-02-08: the week 2027-02-01 – 2027-02-07)', () => {
  let readModel: ReadModel;
  let report: Report;
  before(async () => {
    readModel = await seeded([
      // Made and put away in the week, on time.
      [
        order('G-1', {
          ...group,
          status: 'awaiting-shipment',
          stage: 'shipping',
          promisedDate: '2027-02-06',
          finishedAt: '2027-02-05T08:00:00.000Z',
          pieces: 600,
        }),
        [],
      ],
      // In production, promised next week, with an exception in the week.
      [
        order('G-2', { ...group, promisedDate: '2027-02-10', pieces: 240 }),
        [event('production-exception-reported', '2027-02-03T03:00:00.000Z', 'description=lining short, step=sewing')],
      ],
      // Promised in the week and not made: late.
      [order('G-3', { ...group, stage: 'body-measurement', promisedDate: '2027-02-04', pieces: 80 }), []],
      // A standard order: not the group's.
      [order('S-1', { promisedDate: '2027-02-09', pieces: 10 }), [event('qc-failed', '2027-02-02T02:00:00.000Z', 'reason=scratches')]],
    ]);
    report = await compileReport(readModel.db, 'group-weekly', '2027-02-08', '2027-02-08T00:30:00.000Z', settings);
  });
  after(async () => readModel?.close());

  it('counts the group orders and pieces completed, in production, next week’s plan, the completion rate and the exceptions', () => {
    assert.equal(report.id, 'group-weekly-2027-02-08');
    assert.equal(report.title, '团订周报 Group orders weekly report 2027-02-01 – 2027-02-07');
    assert.deepEqual(report.summary, {
      ordersCompleted: 1,
      piecesCompleted: 600,
      ordersInProduction: 2,
      piecesInProduction: 320,
      ordersPlannedNextWeek: 1,
      piecesPlannedNextWeek: 240,
      ordersDue: 2,
      ordersDueCompleted: 1,
      completionRate: 50,
      exceptions: 2,
      ordersWithoutPieces: 0,
    });
    assert.deepEqual(
      report.sheets.find((s) => s.name === '异常 Exceptions')!.rows.map((r) => [r.exception, r.orderNumber]),
      [
        ['逾期 Late', 'G-3'],
        ['生产异常 Production exception', 'G-2'],
      ],
    );
  });

  it('goes to the group-sales manager on Monday morning, after a day off on the next working day', () => {
    assert.deepEqual(settings.reports.kinds['group-weekly'], {
      schedule: { at: '08:30', weekdays: [1] },
      to: ['group-sales-manager'],
      onDayOff: 'next-working-day',
    });
  });
});
