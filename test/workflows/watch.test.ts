import assert from 'node:assert/strict';
import { simulate, type Scenario } from '../../scripts/simulator';
import { addCalendarDays, dateAt, localDateTime, startOfDate } from '../../workflows/domain/calendar';
import { withOwnTimeSkippingServer } from '../support/servers';
import { entries, intoProduction, standardOrder, step, throughConfirmation, throughPutAway } from '../support/scenario';

// The watch clocks on the time-skipping test server, at their real default durations: overdue
// orders, stalled progress, an expected arrival without a signature. Dates are the company's
// (Asia/Shanghai), placed around the test server's clock so that weekends and holidays fall where
// each test needs them.

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const timeZone = 'Asia/Shanghai';
const midnightBeginning = (date: string) => startOfDate(date, timeZone);
/** Timer and event times carry the server's milliseconds: `at` is within a second after `expected`. */
const near = (at: string, expected: number) => Date.parse(at) >= expected && Date.parse(at) - expected < 1000;
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday

/** The scenario starts at the next 09:00 company time (as `startAt` does): that instant and its date. */
function nextNineOClock(): { start: number; day: string } {
  const now = Date.now(); // each simulation's own server starts at today's time
  const today = dateAt(now, timeZone);
  const todayAtNine = startOfDate(today, timeZone) + 9 * HOUR;
  const day = todayAtNine > now ? today : addCalendarDays(today, 1);
  return { start: startOfDate(day, timeZone) + 9 * HOUR, day };
}

/** `P<n>DT<h>H` from the start, for a company date and hour (the start is 09:00 on `from`). */
function offset(from: string, to: string, hour: number): string {
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
  const hours = hour - 9 + days * 24;
  return `P${Math.floor(hours / 24)}DT${hours % 24}H`;
}

const run = (scenario: Scenario) => withOwnTimeSkippingServer((env) => simulate(env, { startAt: '09:00', ...scenario }));

/** After `throughPutAway(1)`: the shipping request, then the goods shipped by express with their expected arrival. */
const shippedOnDay2 = (expectedArrival: string) => [
  step('P2DT2H', 'shipping-requested', 'order-desk', { requestRef: 'SR-1' }),
  step('P2DT3H', 'shipped', 'warehouse', { carrier: 'SF', trackingRef: 'SF1', expectedArrival }),
];

describe('watch clocks (time-skipping server)', function () {
  this.timeout(180_000);

  describe('overdue against the promised date', () => {
    it('counts working days late past a weekend and a holiday, tells the rep and production at once and the supervisor when 3 days late', async () => {
      const { day } = nextNineOClock();
      // The promised date is a Friday at least 2 days ahead; Monday after it is a holiday (Mon–Sat are working days).
      let promised = addCalendarDays(day, 2);
      while (weekday(promised) !== 5) promised = addCalendarDays(promised, 1);
      const monday = addCalendarDays(promised, 3);
      const wednesday = addCalendarDays(promised, 5);
      const result = await run({
        order: standardOrder(),
        policy: { calendar: { holidays: [monday] }, clocks: { overdue: { dayKind: 'working' } } },
        steps: intoProduction(promised),
        until: offset(day, wednesday, 12),
      });
      const told = entries(result.timeline, 'reminder', 'overdue');
      assert.deepEqual(
        told.map((t) => t.to),
        ['sales-rep', 'production'],
      );
      assert.ok(
        told.every((t) => near(t.at, midnightBeginning(addCalendarDays(promised, 1)))),
        'at the end of the promised date',
      );
      // Saturday 1, Sunday and the holiday not counted, Tuesday 2, Wednesday 3.
      const escalations = entries(result.timeline, 'escalation', 'overdue');
      assert.equal(escalations.length, 1);
      assert.equal(escalations[0].to, 'supervisor');
      assert.ok(near(escalations[0].at, midnightBeginning(wednesday)), escalations[0].at);
      assert.match(escalations[0].detail, /3 working day\(s\) late/);
      assert.equal(result.snapshot.late, true);
      assert.equal(result.snapshot.daysLate, 3);
      assert.equal(result.snapshot.lateReturnDays, 0);
      assert.ok(
        !result.snapshot.openClocks.some((c) => c.name === 'overdue'),
        'no clock ticks once the supervisor knows: days late are counted when read',
      );
    });

    it('stops counting the days late when the goods are put away', async () => {
      const { day } = nextNineOClock();
      const promised = addCalendarDays(day, 2);
      const finishedOn = addCalendarDays(promised, 2);
      const result = await run({
        order: standardOrder(),
        policy: { clocks: { overdue: { dayKind: 'calendar' } } },
        steps: [
          ...intoProduction(promised),
          // 2 calendar days late at noon two days after the promised date, then finished.
          step(offset(day, finishedOn, 11), 'qc-passed', 'qc', { reportRef: 'QC-1' }),
          step(offset(day, finishedOn, 12), 'stocked', 'warehouse', { location: 'A-1' }),
        ],
        until: offset(day, addCalendarDays(promised, 6), 12),
      });
      assert.equal(result.snapshot.daysLate, 2);
      assert.equal(result.snapshot.late, true);
      assert.equal(entries(result.timeline, 'reminder', 'overdue').length, 2);
      assert.equal(entries(result.timeline, 'escalation', 'overdue').length, 0, 'finished before 3 days late');
      assert.ok(!result.snapshot.openClocks.some((c) => c.name === 'overdue'));
    });

    it('a late order whose promised date moves ahead (a delay) is late no longer', async () => {
      const { day: day2 } = nextNineOClock();
      const promised2 = addCalendarDays(day2, 2);
      const moved = addCalendarDays(promised2, 10);
      const delayed = await run({
        order: standardOrder(),
        steps: [
          ...intoProduction(promised2),
          step(offset(day2, addCalendarDays(promised2, 1), 10), 'delay-reported', 'production', {
            reason: 'glass',
            newPromisedDate: moved,
          }),
        ],
        until: offset(day2, addCalendarDays(promised2, 2), 12),
      });
      assert.equal(delayed.snapshot.daysLate, 0);
      assert.equal(delayed.promisedDate, moved);
      assert.match(entries(delayed.timeline, 'date-change', 'overdue')[0].detail, /no longer late/);
      assert.equal(entries(delayed.timeline, 'escalation', 'overdue').length, 0);
    });
  });

  it('counts the technical-order clock in working days when the policy says so: a notice on Friday is chased on Tuesday', async () => {
    const { day } = nextNineOClock();
    let friday = addCalendarDays(day, 1);
    while (weekday(friday) !== 5) friday = addCalendarDays(friday, 1);
    const result = await run({
      order: standardOrder(),
      policy: {
        calendar: { workingDays: [1, 2, 3, 4, 5] },
        clocks: {
          technicalOrder: { remindAfter: 'P2D', remindTo: 'technical', escalateAfter: 'P3D', escalateTo: 'supervisor', dayKind: 'working' },
        },
      },
      steps: [...throughConfirmation(), step(offset(day, friday, 10), 'production-notice-issued', 'finance', { noticeRef: 'PN-1' })],
      until: offset(day, addCalendarDays(friday, 6), 12),
    });
    const [reminder] = entries(result.timeline, 'reminder', 'technical-order');
    const [escalation] = entries(result.timeline, 'escalation', 'technical-order');
    assert.ok(near(reminder.at, midnightBeginning(addCalendarDays(friday, 4)) + 10 * HOUR), `Tuesday 10:00, not ${reminder.at}`);
    assert.ok(near(escalation.at, midnightBeginning(addCalendarDays(friday, 5)) + 10 * HOUR), `Wednesday 10:00, not ${escalation.at}`);
  });

  it('escalates progress not updated 3 working days after the weekly reminder, skipping a holiday', async () => {
    const { start, day } = nextNineOClock();
    const noticeAt = start + DAY;
    const remindedOn = dateAt(noticeAt + 7 * DAY, timeZone);
    const result = await run({
      order: standardOrder(),
      // Every day a working day but the one after the reminder: 3 working days are 4 calendar days.
      policy: { calendar: { workingDays: [1, 2, 3, 4, 5, 6, 7], holidays: [addCalendarDays(remindedOn, 1)] } },
      steps: intoProduction('2031-03-10'),
      until: offset(day, addCalendarDays(remindedOn, 5), 12),
    });
    const [reminder] = entries(result.timeline, 'reminder', 'progress-update');
    assert.equal(reminder.to, 'sales-rep');
    assert.ok(near(reminder.at, noticeAt + 7 * DAY), reminder.at);
    const escalations = entries(result.timeline, 'escalation', 'stalled-progress');
    assert.equal(escalations.length, 1, 'once for the stall');
    assert.equal(escalations[0].to, 'supervisor');
    assert.ok(near(escalations[0].at, noticeAt + 11 * DAY), escalations[0].at);
  });

  it("names the last progress report of a stalled order in the company's time", async () => {
    const result = await run({
      order: standardOrder(),
      policy: { calendar: { workingDays: [1, 2, 3, 4, 5, 6, 7] } },
      steps: [...intoProduction('2031-03-10'), step('P3D', 'progress-reported', 'production', { percentDone: 20 })],
      until: 'P15D',
    });
    const reportedAt = localDateTime(Date.parse(entries(result.timeline, 'event', 'progress-reported')[0].at), timeZone);
    const [escalation] = entries(result.timeline, 'escalation', 'stalled-progress');
    assert.match(escalation.detail, new RegExp(`^no progress reported since ${reportedAt}, 3 working day\\(s\\) after`), escalation.detail);
    assert.match(escalation.zh ?? '', new RegExp(`^自 ${reportedAt} 起未报告进度，提醒负责人后又过了 3 个工作日`), escalation.zh);
  });

  it('reminds the warehouse and the rep when the expected arrival passes without a signature, until it is signed', async () => {
    const { day } = nextNineOClock();
    const arrival = addCalendarDays(day, 4);
    const result = await run({
      order: standardOrder(),
      // Working days (the clock's default): the day after the first reminder is a holiday.
      policy: { calendar: { workingDays: [1, 2, 3, 4, 5, 6, 7], holidays: [addCalendarDays(arrival, 2)] } },
      steps: [
        ...throughConfirmation(),
        ...throughPutAway(1),
        ...shippedOnDay2(arrival),
        step(offset(day, addCalendarDays(arrival, 3), 12), 'signed-for', 'customer', { receiptRef: 'AR-1' }),
      ],
      until: offset(day, addCalendarDays(arrival, 7), 12),
    });
    const reminders = entries(result.timeline, 'reminder', 'arrival-overdue');
    assert.deepEqual(
      reminders.map((r) => r.to),
      ['warehouse', 'sales-rep', 'warehouse', 'sales-rep'],
    );
    // At the end of the arrival date, then a working day later: the holiday between is skipped.
    const days = [1, 1, 3, 3].map((n) => midnightBeginning(addCalendarDays(arrival, n)));
    assert.ok(
      reminders.every((r, i) => near(r.at, days[i])),
      reminders.map((r) => r.at).join(', '),
    );
    assert.equal(result.status, 'completed');
  });

  it("tells the order's own sales rep, by name, of finished goods, shipping and a complaint", async () => {
    const result = await run({
      order: standardOrder({ salesRep: { id: 'rep-wang' } }),
      steps: [
        ...throughConfirmation(),
        ...throughPutAway(1),
        ...shippedOnDay2('2031-03-09'),
        step('P3D', 'signed-for', 'customer', { receiptRef: 'AR-1' }),
        step('P4D', 'complaint-filed', 'customer', { category: 'quality', description: 'two shades cracked' }),
      ],
      until: 'P4DT1H',
    });
    const toRep = result.timeline.filter((t) => t.kind === 'notification' && t.to === 'sales-rep');
    assert.deepEqual(
      toRep.map((t) => [t.type, t.person]),
      [
        ['goods-finished', 'rep-wang'],
        ['shipped', 'rep-wang'],
        ['complaint', 'rep-wang'],
      ],
    );
    assert.match(toRep[1].detail, /shipped by express, expected to arrive 2031-03-09/);
    assert.ok(
      result.timeline.filter((t) => t.to !== undefined && t.to !== 'sales-rep').every((t) => t.person === undefined),
      'other roles are told by role',
    );
  });
});
