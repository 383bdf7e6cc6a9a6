import assert from 'node:assert/strict';
import { simulate, type Scenario } from '../../scripts/simulator';
import { withOwnTimeSkippingServer } from '../support/servers';
import { entries, step } from '../support/scenario';

// The store channel's visit clocks on the time-skipping test server, at the store's default policy:
// a visit not booked is chased every 2 days, an appointment whose company day ends without the visit
// is a missed appointment, and a reschedule needs a reason. Monday 3 March 2031, from 09:00 Shanghai.

const run = (scenario: Omit<Scenario, 'order'>) =>
  withOwnTimeSkippingServer((env) =>
    simulate(env, {
      startOn: '2031-03-03',
      startAt: '09:00',
      order: {
        orderNumber: `ST-${Date.now()}`,
        channel: 'store',
        customer: { id: 'C-1', name: 'Mr Wang', class: 'C' },
        salesRep: { id: 'clerk-xu' },
        store: { id: 'S-1', name: 'Binjiang store', region: 'Zhejiang' },
        lines: [{ productCode: 'TB68-CASEMENT', quantity: 24, unitPrice: 88_000 }],
        delivery: { address: 'Villa 12, Lakeside Garden', contact: 'Mr Wang', phone: '13800000000' },
      },
      ...scenario,
    }),
  );

const intentAndDeposit = [
  step('PT1H', 'intent-letter-signed', 'sales-rep', { documentRef: 'YX-1', unitPrice: 88_000, leadTimeDays: 30, paymentMethod: 'cash' }),
  step('PT2H', 'deposit-received', 'finance', { amount: 200_000, paymentRef: 'POS-1' }),
];
const measurement = (date: string, reason?: string) => ({ visit: 'measurement', date, team: 'technician Zhou', ...(reason && { reason }) });

describe('store channel: site visits (time-skipping server)', function () {
  this.timeout(120_000);

  it('chases the booking every 2 days, refuses a reschedule without a reason, tells the regional manager of a missed measurement at the end of its day, and the rescheduled one is kept', async () => {
    const result = await run({
      steps: [
        ...intentAndDeposit,
        step('P5D', 'appointment-scheduled', 'regional-manager', measurement('2031-03-09')),
        step('P5DT1H', 'appointment-scheduled', 'regional-manager', measurement('2031-03-10')),
        step('P7D', 'appointment-scheduled', 'regional-manager', measurement('2031-03-11', 'the customer was not at home')),
        step('P8DT3H', 'site-measured', 'technical', { measurementRef: 'LC-1' }),
      ],
      until: 'P9D',
    });
    const { timeline, snapshot } = result;
    // Booked 5 days after the intention deposit: reminded after 2 and 4 days.
    assert.deepEqual(
      entries(timeline, 'reminder', 'appointment-booking').map((t) => [t.to, t.at.slice(0, 13)]),
      [
        ['regional-manager', '2031-03-05T03'],
        ['regional-manager', '2031-03-07T03'],
      ],
    );
    assert.match(
      entries(timeline, 'rejected-event', 'appointment-scheduled')[0].detail,
      /booked for 2031-03-09 \(technician Zhou\): give the reason/,
    );
    // Midnight in Shanghai ending 9 March is 16:00 UTC; told once, and not again for the rescheduled visit done on its day.
    assert.deepEqual(
      entries(timeline, 'escalation', 'missed-appointment').map((t) => [t.to, t.at.slice(0, 16)]),
      [
        ['regional-manager', '2031-03-09T16:00'],
        ['sales-rep', '2031-03-09T16:00'],
      ],
    );
    assert.deepEqual(
      snapshot.appointments.map((a) => [a.date, a.missedAt !== undefined, a.reason]),
      [
        ['2031-03-09', true, undefined],
        ['2031-03-11', false, 'the customer was not at home'],
      ],
    );
    assert.equal(result.stage, 'drawings');
    assert.deepEqual(
      snapshot.openClocks.map((c) => c.name),
      [],
    );
  });
});
