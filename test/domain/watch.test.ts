import assert from 'node:assert/strict';
import { daysAfter, laterBy, sameTimeDaysLater, type CompanyCalendar } from '../../workflows/domain/calendar';
import { OrderInput } from '../../workflows/domain/order';
import { defaultPolicy, resolvePolicy, type Policy, type PolicyOverrides } from '../../workflows/domain/policy';
import { snapshotOf } from '../../workflows/domain/snapshot';
import { isLate, notify, openOrder, setPromisedDate, shippingMode, type OrderState } from '../../workflows/domain/state';
import { daysLate, lateByAt, lateDayKind, reconcileLateness, unfinishedWithPromise, watchPolicy } from '../../workflows/domain/watch';
import { standardOrder } from '../support/scenario';

// Watching orders on the pure domain: days late in the company calendar, lateness that ends when
// the promised date moves, what "finished" means. December 2026: the 4th is a Friday.

const shanghai = 'Asia/Shanghai';
/** The instant a company (Shanghai) local time falls. */
const at = (local: string) => Date.parse(`${local}+08:00`);

function orderPromisedFor(promisedDate: string, overrides: PolicyOverrides = {}): OrderState {
  const s = openOrder(OrderInput.parse(standardOrder()), resolvePolicy(overrides), '2026-11-02T01:00:00.000Z');
  setPromisedDate(s, '2026-11-02T03:00:00.000Z', promisedDate, 'estimated by production');
  return s;
}

const workingDays = (holidays: string[] = []): PolicyOverrides => ({
  calendar: { holidays },
  clocks: { overdue: { dayKind: 'working' } },
});

describe('watch: days in the company calendar', () => {
  const calendar: CompanyCalendar = { timeZone: shanghai, workingDays: [1, 2, 3, 4, 5, 6], holidays: ['2026-12-07'], workdays: [] };

  it('Given a Friday, when counting to the next Tuesday, then 4 calendar days but 2 working days (Sunday and a holiday skipped)', () => {
    assert.equal(daysAfter('2026-12-04', '2026-12-08', 'calendar', calendar), 4);
    assert.equal(daysAfter('2026-12-04', '2026-12-08', 'working', calendar), 2); // Saturday, Tuesday
    assert.equal(daysAfter('2026-12-04', '2026-12-04', 'calendar', calendar), 0);
    assert.equal(daysAfter('2026-12-04', '2026-12-01', 'calendar', calendar), 0);
  });

  it('Given Saturday 10:00, when moving 1 working day, then Tuesday 10:00 (Sunday and the holiday skipped)', () => {
    assert.equal(new Date(sameTimeDaysLater(at('2026-12-05T10:00:00'), 1, 'working', calendar)).toISOString(), '2026-12-08T02:00:00.000Z');
    assert.equal(new Date(sameTimeDaysLater(at('2026-12-05T10:00:00'), 1, 'calendar', calendar)).toISOString(), '2026-12-06T02:00:00.000Z');
  });

  it('declares for each watch clock whether it counts calendar or working days', () => {
    assert.equal(defaultPolicy.clocks.overdue.dayKind, 'working');
    assert.equal(defaultPolicy.clocks.overdue.escalateAfterDays, 3);
    assert.deepEqual(defaultPolicy.clocks.overdue.tell, ['sales-rep', 'production']);
    assert.equal(defaultPolicy.clocks.stalledProgress.dayKind, 'working');
    assert.equal(defaultPolicy.clocks.arrivalOverdue.dayKind, 'working');
    assert.deepEqual(defaultPolicy.clocks.arrivalOverdue.to, ['warehouse', 'sales-rep']);
  });
});

describe('watch: overdue orders', () => {
  it('Given an order promised for Friday, when Friday has not ended, then it is not late', () => {
    const s = orderPromisedFor('2026-12-04');
    reconcileLateness(s, at('2026-12-04T23:59:59'));
    assert.equal(s.overdue, undefined);
    assert.equal(isLate(s), false);
    assert.equal(snapshotOf(s, at('2026-12-04T23:59:59')).daysLate, 0);
  });

  it('Given an order promised for Friday and unfinished, when Friday ends, then it is late by 1 day, in the snapshot too', () => {
    const s = orderPromisedFor('2026-12-04');
    reconcileLateness(s, at('2026-12-05T00:00:00'));
    assert.deepEqual(s.overdue, { promisedDate: '2026-12-04', escalated: false });
    assert.equal(snapshotOf(s, at('2026-12-05T00:00:00')).late, true);
    assert.equal(snapshotOf(s, at('2026-12-05T00:00:00')).daysLate, 1);
  });

  it('Given working days and a holiday on Monday, when read on Tuesday, then 2 days late (Saturday and Tuesday), and 3 days late from Wednesday 00:00', () => {
    const s = orderPromisedFor('2026-12-04', workingDays(['2026-12-07']));
    reconcileLateness(s, at('2026-12-05T00:00:00'));
    assert.equal(daysLate(s, at('2026-12-08T09:00:00')), 2);
    assert.equal(daysLate(s, at('2026-12-09T12:00:00')), 3);
    assert.equal(new Date(lateByAt(s, '2026-12-04', 3)).toISOString(), '2026-12-08T16:00:00.000Z', 'Wednesday, company midnight');
    const calendarDays = orderPromisedFor('2026-12-04', {
      calendar: { holidays: ['2026-12-07'] },
      clocks: { overdue: { dayKind: 'calendar' } },
    });
    assert.equal(daysLate(calendarDays, at('2026-12-08T09:00:00')), 4);
  });

  it('Given a late order, when the promised date moves past today (a delay), then it is no longer late, and the timeline says so', () => {
    const s = orderPromisedFor('2026-12-04');
    reconcileLateness(s, at('2026-12-06T00:00:00'));
    setPromisedDate(s, '2026-12-06T02:00:00.000Z', '2026-12-20', 'production delay: glass');
    reconcileLateness(s, at('2026-12-06T10:00:00'));
    assert.equal(s.overdue, undefined);
    assert.equal(snapshotOf(s, at('2026-12-06T10:00:00')).daysLate, 0);
    assert.match(s.timeline.at(-1)!.detail, /no longer late: promised date now 2026-12-20/);
  });

  it('Given a late order whose date moves to another past date, then it stays late for the new date and the supervisor is owed the news again', () => {
    const s = orderPromisedFor('2026-12-04');
    reconcileLateness(s, at('2026-12-10T00:00:00'));
    s.overdue!.escalated = true;
    setPromisedDate(s, '2026-12-10T02:00:00.000Z', '2026-12-08', 'amended');
    reconcileLateness(s, at('2026-12-10T10:00:00'));
    assert.deepEqual(s.overdue, { promisedDate: '2026-12-08', escalated: false });
  });

  it('Given goods put away on Tuesday, then the overdue clock no longer watches the order and the days late stop at Tuesday', () => {
    const s = orderPromisedFor('2026-12-04', workingDays(['2026-12-07']));
    reconcileLateness(s, at('2026-12-05T00:00:00'));
    assert.equal(unfinishedWithPromise(s), true);
    s.facts.qcPassedAt = '2026-12-08T01:00:00.000Z';
    assert.equal(unfinishedWithPromise(s), true, 'QC passing is not yet finished: the goods are finished when put away');
    s.facts.stockedAt = '2026-12-08T02:00:00.000Z';
    assert.equal(unfinishedWithPromise(s), false);
    assert.equal(daysLate(s, at('2026-12-20T00:00:00')), 2);
    assert.equal(snapshotOf(s, at('2026-12-20T00:00:00')).daysLate, 2);
  });

  it('Given an order whose policy predates the watch clocks, then it is never marked late by a clock and counts days late as working days', () => {
    const s = orderPromisedFor('2026-12-04');
    const { overdue: _, ...clocks } = s.policy.clocks;
    s.policy = { ...s.policy, clocks: clocks as Policy['clocks'] };
    assert.equal(watchPolicy(s, 'overdue'), undefined);
    assert.equal(lateDayKind(s), 'working');
    assert.equal(snapshotOf(s, at('2026-12-10T00:00:00')).daysLate, 0);
  });
});

describe('watch: who is told', () => {
  it("Given a notice for the sales rep, then it names the order's own rep; a notice for another role names nobody", () => {
    const s = orderPromisedFor('2026-12-04');
    notify(s, '2026-12-05T00:00:00.000Z', { kind: 'reminder', type: 'overdue', to: 'sales-rep', detail: 'late', zh: '逾期' });
    notify(s, '2026-12-05T00:00:00.000Z', { kind: 'reminder', type: 'overdue', to: 'production', detail: 'late', zh: '逾期' });
    assert.deepEqual(
      s.pendingNotices.map((n) => [n.to, n.person]),
      [
        ['sales-rep', 'rep-1'],
        ['production', undefined],
      ],
    );
    assert.equal(s.timeline.at(-2)?.person, 'rep-1');
  });

  it('Given a custom order below the large amount, then it ships by special vehicle, as a large one does (001 ch.4)', () => {
    const custom = openOrder(
      OrderInput.parse(standardOrder({ lines: [{ productCode: 'LAMP-9', quantity: 1, unitPrice: 50_000, nonStandard: 'brass, 2 m' }] })),
      defaultPolicy,
      '2026-11-02T01:00:00.000Z',
    );
    assert.equal(shippingMode(custom), 'special-vehicle');
    assert.equal(shippingMode(orderPromisedFor('2026-12-04')), 'express');
  });
});

describe('clocks: calendar time or working days, as each clock says in the policy', () => {
  const calendar: CompanyCalendar = { timeZone: shanghai, workingDays: [1, 2, 3, 4, 5], holidays: ['2026-12-07'], workdays: [] };

  it('Given Friday 10:00, when 2 days pass as a working-day clock counts them, then Wednesday 10:00 (the weekend and the Monday holiday skipped)', () => {
    assert.equal(new Date(laterBy(at('2026-12-04T10:00:00'), 'P2D', 'working', calendar)).toISOString(), '2026-12-09T02:00:00.000Z');
    assert.equal(new Date(laterBy(at('2026-12-04T10:00:00'), 'P2D', 'calendar', calendar)).toISOString(), '2026-12-06T02:00:00.000Z');
  });

  it('Given a working-day clock, then the hours beyond whole days count as hours, and a repeated interval counts its days each time', () => {
    assert.equal(new Date(laterBy(at('2026-12-04T10:00:00'), 'P1DT2H', 'working', calendar)).toISOString(), '2026-12-08T04:00:00.000Z');
    assert.equal(new Date(laterBy(at('2026-12-04T10:00:00'), 'P1D', 'working', calendar, 3)).toISOString(), '2026-12-10T02:00:00.000Z');
    assert.equal(laterBy(at('2026-12-04T10:00:00'), 'PT2H', 'working', calendar), at('2026-12-04T12:00:00'));
  });

  it('declares for every clock how it counts days: calendar time by default, and an order whose policy predates that keeps calendar time', () => {
    const clocks = defaultPolicy.clocks;
    for (const clock of [
      clocks.firstConfirmation,
      clocks.depositReminder,
      clocks.technicalOrder,
      clocks.progressUpdate,
      clocks.delayNotice,
    ]) {
      assert.equal(clock.dayKind, 'calendar');
    }
    assert.equal(defaultPolicy.payments.refundReminder.dayKind, 'calendar');
    const working = {
      remindAfter: 'P2D',
      remindTo: 'technical',
      escalateAfter: 'P3D',
      escalateTo: 'supervisor',
      dayKind: 'working',
    } as const;
    assert.equal(resolvePolicy({ clocks: { technicalOrder: working } }).clocks.technicalOrder.dayKind, 'working');
  });
});
