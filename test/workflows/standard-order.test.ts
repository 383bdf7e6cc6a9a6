import assert from 'node:assert/strict';
import { defaultPayloadConverter } from '@temporalio/common';
import type { OrderEvent } from '../../workflows/domain/events';
import { simulate, type Scenario, type SimulationResult } from '../../scripts/simulator';
import { withOwnTimeSkippingServer } from '../support/servers';
import { entries, intoProduction, standardOrder, step, throughConfirmation, throughPutAway } from '../support/scenario';
import happyPath from '../scenarios/standard-happy-path.json';

// The standard order's clocks and rules on the time-skipping test server, at their real default
// durations: every "hour" and "day" below is skipped time, never a shortened clock.

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const run = (scenario: Scenario): Promise<SimulationResult> => withOwnTimeSkippingServer((env) => simulate(env, scenario));
const msAfter = (from: string, at: string) => Date.parse(at) - Date.parse(from);

describe('standard order (time-skipping server)', function () {
  this.timeout(180_000);

  it('runs a class B order from intake to archive and sends each message once', async () => {
    const result = await run(happyPath as Scenario);
    assert.equal(result.status, 'completed');
    assert.equal(result.stage, 'archived');
    assert.deepEqual(
      entries(result.timeline, 'status-change').map((t) => t.type),
      ['pending-confirmation', 'in-production', 'awaiting-shipment', 'shipped', 'completed'],
    );
    assert.equal(entries(result.timeline, 'rejected-event').length, 0);
    assert.equal(entries(result.timeline, 'escalation').length, 0);
    const messages = result.timeline.filter((t) => ['notification', 'reminder', 'escalation'].includes(t.kind));
    assert.equal(result.delivered, messages.length, 'the outbox holds exactly the messages on the timeline');
    assert.deepEqual(
      messages.filter((t) => !t.zh).map((t) => t.detail),
      [],
      'each in Chinese first, the English beside',
    );
    assert.equal(result.snapshot.received, result.snapshot.amount);
  });

  describe('first confirmation (2 hours)', () => {
    it('escalates to the supervisor exactly once when nobody confirms within 2 hours', async () => {
      const result = await run({ order: standardOrder(), until: 'P3D' });
      const escalations = entries(result.timeline, 'escalation', 'first-confirmation');
      assert.equal(escalations.length, 1);
      assert.equal(escalations[0].to, 'supervisor');
      assert.deepEqual(
        [escalations[0].zh, escalations[0].detail],
        ['订单收到后 PT2H内未确认', 'order not confirmed within PT2H of receipt'],
        'said in Chinese, the English beside',
      );
      assert.ok(Math.abs(msAfter(result.snapshot.receivedAt, escalations[0].at) - 2 * HOUR) < 1000, escalations[0].at);
      assert.deepEqual(
        result.snapshot.expectedEvents.filter((e) => e === 'order-confirmed'),
        ['order-confirmed'],
        'still waiting to be confirmed',
      );
    });

    it('does not escalate when confirmed at 1 h 59 min', async () => {
      const result = await run({ order: standardOrder(), steps: [step('PT1H59M', 'order-confirmed', 'order-desk')], until: 'PT6H' });
      assert.equal(entries(result.timeline, 'escalation').length, 0);
      assert.equal(result.stage, 'price-review');
    });
  });

  describe('late return of the signed confirmation', () => {
    const sentAtNoon = [
      step('PT1H', 'order-confirmed', 'order-desk'),
      step('PT2H', 'price-approved', 'finance'),
      step('PT2H', 'delivery-date-estimated', 'production', { promisedDate: '2031-03-10' }),
      step('PT3H', 'confirmation-sent', 'order-desk', { documentRef: 'OC-1' }),
    ];

    it('a return on the third day after sending pushes the promised date back exactly two days', async () => {
      // Starts 09:00 company time: sent 12:00 on day 1, returned 10:00 on day 3.
      const result = await run({
        startAt: '09:00',
        order: standardOrder(),
        steps: [...sentAtNoon, step('P2DT1H', 'signed-confirmation-returned', 'order-desk', { documentRef: 'OC-1s' })],
        until: 'P5D',
      });
      assert.equal(result.originalPromisedDate, '2031-03-10');
      assert.equal(result.promisedDate, '2031-03-12');
      assert.equal(result.snapshot.lateReturnDays, 2);
      assert.equal(entries(result.timeline, 'reminder', 'return-deferral').length, 2);
      assert.equal(result.snapshot.late, true);
    });

    it('a return on the sending day keeps the promised date', async () => {
      const result = await run({
        startAt: '09:00',
        order: standardOrder(),
        steps: [...sentAtNoon, step('PT14H', 'signed-confirmation-returned', 'order-desk', { documentRef: 'OC-1s' })],
        until: 'P3D',
      });
      assert.equal(result.promisedDate, '2031-03-10');
      assert.equal(result.snapshot.lateReturnDays, 0);
    });

    it('counts company days in the company time zone, not UTC', async () => {
      // Sent 23:00 company time (15:00 UTC); the company day ends an hour later: one day late by 01:00.
      const result = await run({
        startAt: '20:00',
        order: standardOrder(),
        steps: [
          step('PT1H', 'order-confirmed', 'order-desk'),
          step('PT1H', 'price-approved', 'finance'),
          step('PT2H', 'delivery-date-estimated', 'production', { promisedDate: '2031-03-10' }),
          step('PT3H', 'confirmation-sent', 'order-desk', { documentRef: 'OC-1' }),
          step('PT5H', 'signed-confirmation-returned', 'order-desk', { documentRef: 'OC-1s' }),
        ],
        until: 'PT6H',
      });
      assert.equal(result.promisedDate, '2031-03-11');
    });
  });

  describe('deposit', () => {
    it('reminds the sales rep daily until the whole deposit has arrived', async () => {
      const result = await run({
        order: standardOrder({ deposit: { kind: 'rate', basisPoints: 3000 } }), // 30 % of ¥5,000 = 150,000 fen
        steps: [
          ...throughConfirmation(),
          step('P1DT6H', 'deposit-received', 'finance', { amount: 100_000, paymentRef: 'B-1' }),
          step('P2DT6H', 'deposit-received', 'finance', { amount: 50_000, paymentRef: 'B-2' }),
        ],
        until: 'P6D',
      });
      // Deposit stage from PT5H: reminders at P1DT5H and P2DT5H; none once the deposit is complete.
      assert.equal(entries(result.timeline, 'reminder', 'deposit-reminder').length, 2);
      assert.equal(result.stage, 'production-notice');
    });
  });

  describe('production follow-up', () => {
    it('reminds technical after 2 days and escalates after 3 without the technical order', async () => {
      const result = await run({
        order: standardOrder(),
        steps: [...throughConfirmation(), step('P1D', 'production-notice-issued', 'finance', { noticeRef: 'PN-1' })],
        until: 'P5D',
      });
      const [reminder] = entries(result.timeline, 'reminder', 'technical-order');
      const [escalation, ...more] = entries(result.timeline, 'escalation', 'technical-order');
      const noticeAt = entries(result.timeline, 'event', 'production-notice-issued')[0].at;
      assert.equal(reminder.to, 'technical');
      assert.ok(Math.abs(msAfter(noticeAt, reminder.at) - 2 * DAY) < 1000);
      assert.equal(escalation.to, 'supervisor');
      assert.ok(Math.abs(msAfter(noticeAt, escalation.at) - 3 * DAY) < 1000);
      assert.equal(more.length, 0);
    });

    it('asks for a progress update each week without one, counting from the last report', async () => {
      const result = await run({
        order: standardOrder(),
        steps: [...intoProduction(), step('P5D', 'progress-reported', 'production', { percentDone: 40 })],
        until: 'P20D',
      });
      // Last report at P5D: reminders at P12D and P19D.
      const reminders = entries(result.timeline, 'reminder', 'progress-update');
      assert.equal(reminders.length, 2);
      const reportAt = entries(result.timeline, 'event', 'progress-reported')[0].at;
      assert.ok(Math.abs(msAfter(reportAt, reminders[0].at) - 7 * DAY) < 1000);
    });

    it('escalates a delay not told to the customer within 24 hours', async () => {
      const result = await run({
        order: standardOrder(),
        steps: [
          ...intoProduction(),
          step('P2D', 'delay-reported', 'production', { reason: 'glass shortage', newPromisedDate: '2031-03-20' }),
        ],
        until: 'P4D',
      });
      const escalations = entries(result.timeline, 'escalation', 'delay-notice');
      assert.equal(escalations.length, 1);
      assert.ok(Math.abs(msAfter(entries(result.timeline, 'event', 'delay-reported')[0].at, escalations[0].at) - 24 * HOUR) < 1000);
      assert.equal(result.promisedDate, '2031-03-20');
      assert.ok(result.snapshot.expectedEvents.includes('customer-told-of-delay'));
    });

    it('does not escalate a delay told to the customer within 24 hours', async () => {
      const result = await run({
        order: standardOrder(),
        steps: [
          ...intoProduction(),
          step('P2D', 'delay-reported', 'production', { reason: 'glass shortage', newPromisedDate: '2031-03-20' }),
          step('P2DT23H', 'customer-told-of-delay', 'sales-rep', { channel: 'phone', compensation: 20_000 }),
        ],
        until: 'P4D',
      });
      assert.equal(entries(result.timeline, 'escalation', 'delay-notice').length, 0);
    });

    it('sends goods that fail QC back to rework, and on only once they pass', async () => {
      const result = await run({
        order: standardOrder(),
        steps: [
          ...intoProduction(),
          step('P2D', 'qc-failed', 'qc', { reason: 'scratched shades' }),
          step('P2DT1H', 'stocked', 'warehouse', { location: 'A-1' }),
          step('P3D', 'qc-passed', 'qc', { reportRef: 'QC-2' }),
        ],
        until: 'P3DT1H',
      });
      assert.equal(entries(result.timeline, 'notification', 'rework')[0].to, 'production');
      assert.equal(entries(result.timeline, 'rejected-event', 'stocked').length, 1, 'nothing is put away before QC passes');
      assert.equal(result.snapshot.qcFailures, 1);
      assert.equal(result.stage, 'put-away');
      assert.equal(result.status, 'awaiting-shipment');
    });
  });

  describe('release for shipping', () => {
    const shipAttempt = (at: string) => step(at, 'shipped', 'warehouse', { carrier: 'SF', trackingRef: 'SF1' });

    it('does not ship a class B order until the balance arrives', async () => {
      const result = await run({
        order: standardOrder({ customer: { id: 'C-2', name: 'Wuxi Lights', class: 'B' } }),
        steps: [
          ...throughConfirmation(),
          ...throughPutAway(1),
          step('P2DT2H', 'shipping-requested', 'order-desk', { requestRef: 'SR-1' }),
          shipAttempt('P2DT3H'),
          step('P4D', 'payment-received', 'finance', { amount: 500_000, paymentRef: 'B-9' }),
          shipAttempt('P4DT1H'),
        ],
        until: 'P4DT2H',
      });
      assert.equal(entries(result.timeline, 'rejected-event', 'shipped').length, 1);
      assert.equal(entries(result.timeline, 'event', 'shipped').length, 1);
      assert.ok(
        Date.parse(entries(result.timeline, 'event', 'shipped')[0].at) >
          Date.parse(entries(result.timeline, 'event', 'payment-received')[0].at),
      );
      assert.equal(entries(result.timeline, 'notification', 'balance-due-notice')[0].to, 'customer');
      assert.equal(entries(result.timeline, 'reminder', 'balance-reminder').length, 2, 'sales rep and finance, once a day');
      assert.equal(result.status, 'shipped');
    });

    it('ships a class A order on its terms, before the balance', async () => {
      const result = await run({
        order: standardOrder(),
        steps: [
          ...throughConfirmation(),
          ...throughPutAway(1),
          step('P2DT2H', 'shipping-requested', 'order-desk', { requestRef: 'SR-1' }),
          shipAttempt('P2DT3H'),
        ],
        until: 'P2DT4H',
      });
      assert.equal(result.status, 'shipped');
      assert.equal(result.snapshot.balanceDue, 500_000);
    });

    it('lets a supervisor release in an emergency and chases the missing shipping request', async () => {
      const result = await run({
        order: standardOrder(),
        steps: [
          ...throughConfirmation(),
          ...throughPutAway(1),
          step('P2DT2H', 'emergency-released', 'order-desk', { reason: 'customer line stopped' }),
          step('P2DT2H', 'emergency-released', 'supervisor', { reason: 'customer line stopped' }),
          shipAttempt('P2DT3H'),
          step('P4DT12H', 'shipping-requested', 'order-desk', { requestRef: 'SR-late' }),
        ],
        until: 'P7D',
      });
      assert.match(entries(result.timeline, 'rejected-event', 'emergency-released')[0].detail, /order-desk may not send/);
      assert.equal(result.status, 'shipped');
      assert.equal(result.snapshot.emergencyRelease?.by, 'supervisor-1');
      // Released at P2DT2H: chased at P3DT2H and P4DT2H, then the request arrives.
      assert.equal(entries(result.timeline, 'reminder', 'shipping-request-chase').length, 2);
    });

    it('ships a large order by special vehicle and needs a supervisor first', async () => {
      const result = await run({
        order: standardOrder({ lines: [{ productCode: 'LAMP-1', quantity: 30, unitPrice: 50_000 }] }), // ¥15,000
        steps: [
          step('PT1H', 'order-confirmed', 'order-desk'),
          step('PT2H', 'price-approved', 'finance'),
          step('PT3H', 'delivery-date-estimated', 'production', { promisedDate: '2031-03-10' }),
          step('PT4H', 'supervisor-approved', 'supervisor'),
          step('PT5H', 'delivery-date-estimated', 'production', { promisedDate: '2031-03-10' }),
          step('PT6H', 'confirmation-sent', 'order-desk', { documentRef: 'OC-1' }),
          step('PT7H', 'signed-confirmation-returned', 'order-desk', { documentRef: 'OC-1s' }),
          ...throughPutAway(1),
          step('P2DT2H', 'shipping-requested', 'order-desk', { requestRef: 'SR-1' }),
        ],
        until: 'P2DT3H',
      });
      assert.equal(entries(result.timeline, 'rejected-event', 'delivery-date-estimated').length, 1, 'no estimate before approval');
      assert.equal(entries(result.timeline, 'notification', 'approval-needed')[0].to, 'supervisor');
      assert.equal(result.snapshot.shippingMode, 'special-vehicle');
      assert.match(entries(result.timeline, 'notification', 'ship')[0].detail, /special-vehicle/);
    });
  });

  describe('beside the main line', () => {
    it('a change confirmed after put-away sends the finished goods back to production, whose clocks run again until QC passes them', async () => {
      const lines = [{ productCode: 'LAMP-1', quantity: 10, unitPrice: 52_000, nonStandard: 'black', priceBasis: 'price-list' }];
      const result = await run({
        order: standardOrder(),
        steps: [
          ...throughConfirmation(),
          ...throughPutAway(1),
          step('P3D', 'change-requested', 'customer', { description: 'black instead of white' }),
          step('P3DT1H', 'change-assessed', 'production', { version: 1, feasible: true, lines, newPromisedDate: '2031-03-20' }),
          step('P3DT2H', 'change-price-approved', 'finance', { version: 1 }),
          step('P3DT3H', 'change-confirmed', 'order-desk', { version: 1, confirmationRef: 'CC-1' }),
        ],
        until: 'P10DT4H',
      });
      assert.equal(result.stage, 'production');
      assert.deepEqual(
        entries(result.timeline, 'status-change').map((t) => t.type),
        ['pending-confirmation', 'in-production', 'awaiting-shipment', 'in-production'],
      );
      assert.deepEqual(
        entries(result.timeline, 'notification', 'change-rework').map((t) => t.to),
        ['warehouse'],
      );
      assert.match(entries(result.timeline, 'notification', 'change-confirmed')[0].detail, /rework the finished goods, make lines v2/);
      // Back in production: no second production notice to technical, the weekly progress clock from the notice runs on.
      assert.equal(entries(result.timeline, 'notification', 'production-notice').length, 2, 'finance and technical, once');
      assert.ok(entries(result.timeline, 'reminder', 'progress-update').length >= 1);
      assert.deepEqual(
        result.snapshot.expectedEvents.filter((t) => t.startsWith('qc-')),
        ['qc-passed', 'qc-failed'],
      );
      assert.equal(result.snapshot.amendments[0].confirmed?.ref, 'CC-1');
      assert.equal(result.snapshot.amount, 520_000);
    });

    it('a confirmed change to the drawings asks for a revised technical order, on the 2–3 day clock from the change', async () => {
      const result = await run({
        order: standardOrder(),
        steps: [
          ...intoProduction(),
          step('P5D', 'change-requested', 'sales-rep', { description: 'longer chain' }),
          step('P5DT1H', 'change-assessed', 'production', {
            version: 1,
            feasible: true,
            newPromisedDate: '2031-03-20',
            drawingsChange: true,
          }),
          step('P5DT2H', 'change-confirmed', 'customer', { version: 1 }),
          step('P8DT4H', 'technical-order-issued', 'technical', { orderRef: 'TO-2' }),
        ],
        until: 'P9D',
      });
      const confirmedAt = entries(result.timeline, 'event', 'change-confirmed')[0].at;
      assert.equal(entries(result.timeline, 'notification', 'technical-order-revision')[0].to, 'technical');
      const reminders = entries(result.timeline, 'reminder', 'technical-order');
      const escalations = entries(result.timeline, 'escalation', 'technical-order');
      assert.equal(reminders.length, 1);
      assert.equal(escalations.length, 1);
      assert.ok(Math.abs(msAfter(confirmedAt, reminders[0].at) - 2 * DAY) < 1000, reminders[0].at);
      assert.ok(Math.abs(msAfter(confirmedAt, escalations[0].at) - 3 * DAY) < 1000, escalations[0].at);
      assert.match(escalations[0].detail, /of the confirmed change to the drawings/);
      assert.ok(result.snapshot.expectedEvents.includes('qc-passed'), 'QC once the revised technical order is issued');
      assert.equal(result.promisedDate, '2031-03-20');
    });

    it('cancels an order: its clocks stop and every department hears of it', async () => {
      const result = await run({
        order: standardOrder(),
        steps: [step('PT30M', 'cancelled', 'supervisor', { reason: 'customer withdrew' })],
        until: 'P1D',
      });
      assert.equal(result.status, 'cancelled');
      assert.equal(entries(result.timeline, 'escalation').length, 0, 'the 2-hour clock stopped');
      assert.deepEqual(
        entries(result.timeline, 'notification', 'order-cancelled')
          .map((t) => t.to)
          .sort(),
        ['finance', 'production', 'sales-rep', 'warehouse'],
      );
      assert.equal(result.snapshot.openClocks.length, 0);
    });

    it('records an event out of turn or malformed as rejected and changes nothing', async () => {
      const result = await run({
        order: standardOrder(),
        steps: [
          step('PT10M', 'qc-passed', 'qc', { reportRef: 'QC-1' }),
          step('PT20M', 'delivery-date-estimated', 'production', { promisedDate: 'next Tuesday' }),
        ],
        until: 'PT30M',
      });
      const rejected = entries(result.timeline, 'rejected-event');
      assert.deepEqual(
        rejected.map((t) => t.type),
        ['qc-passed', 'delivery-date-estimated'],
      );
      assert.match(rejected[0].detail, /stage intake and expects order-confirmed/);
      assert.equal(result.stage, 'intake');
      assert.equal(result.snapshot.promisedDate, null);
    });
  });

  describe('non-standard lines', () => {
    it('go through technical review and drawings, and need a supervisor', async () => {
      const result = await run({
        order: standardOrder({
          lines: [{ productCode: 'LAMP-1', quantity: 10, unitPrice: 50_000, nonStandard: 'matte black, 3 m cable' }],
        }),
        steps: [
          step('PT1H', 'order-confirmed', 'order-desk'),
          step('PT2H', 'feasibility-decided', 'technical', { feasible: false }),
          step('PT3H', 'materials-confirmed', 'purchasing', { confirmationRef: 'MAT-1', leadTimeDays: 12 }),
          step('PT4H', 'price-approved', 'finance'),
          step('PT5H', 'feasibility-decided', 'technical', { feasible: true, solution: 'powder-coated black' }),
          step('PT6H', 'drawing-sent', 'technical', { version: 1, drawingRef: 'DWG-1' }),
          step('PT7H', 'drawing-revision-requested', 'customer', { version: 1, reason: 'cable 4 m' }),
          step('PT8H', 'drawing-sent', 'technical', { version: 2, drawingRef: 'DWG-1b' }),
          step('PT9H', 'drawing-confirmed', 'customer', { version: 2 }),
          step('PT10H', 'price-approved', 'finance'),
          step('PT11H', 'supervisor-approved', 'supervisor'),
        ],
        until: 'PT12H',
      });
      assert.equal(entries(result.timeline, 'notification', 'infeasible')[0].to, 'supervisor');
      assert.equal(
        entries(result.timeline, 'rejected-event', 'price-approved').length,
        1,
        'no price review before the drawings are confirmed',
      );
      assert.equal(entries(result.timeline, 'notification', 'drawing-revision')[0].to, 'technical');
      assert.equal(result.stage, 'delivery-estimate');
    });
  });

  describe('long life', () => {
    it('continues as new in after-sales carrying the whole order until the warranty ends', async () => {
      const result = await run({
        order: standardOrder(),
        // At 30 a run continues as new in the activation in which a notice became due: the outbox no longer
        // starts it in the closing run (it goes over; patch no-delivery-while-continuing-as-new). Before, the
        // abandoned activity held the time-skipping server's lock and the simulation stalled after it.
        policy: { rules: { continueAsNewAfterEvents: 30 } },
        steps: [
          ...throughConfirmation(),
          ...throughPutAway(1),
          step('P2DT2H', 'shipping-requested', 'order-desk', { requestRef: 'SR-1' }),
          step('P2DT3H', 'shipped', 'warehouse', { carrier: 'SF', trackingRef: 'SF1' }),
          step('P3D', 'signed-for', 'customer', { receiptRef: 'AR-1' }),
          step('P3DT1H', 'payment-received', 'finance', { amount: 500_000, paymentRef: 'B-1' }),
        ],
        until: 'P400D',
      });
      assert.equal(result.continuedAsNew, true);
      assert.equal(result.stage, 'archived');
      assert.equal(entries(result.timeline, 'event', 'order-confirmed').length, 1, 'the timeline survived continue-as-new');
    });

    it('keeps the history of a plain standard order lean', async () => {
      const result = await run(happyPath as Scenario);
      const events = result.history.events?.length ?? 0;
      console.log(`      history of a plain standard order: ${events} events`);
      // About 240 with the watch clocks and the rep's notices: never one timer a day.
      assert.ok(events > 50 && events < 260, `${events} events`);
    });

    it('projects an order once for an event that ends a clock within its stage (the technical order, the balance)', async () => {
      const events = (await run(happyPath as Scenario)).history.events ?? [];
      // The read-model projections (local-activity markers) written in the workflow task that answered the event.
      const projectionsFor = (type: string) => {
        const accepted = events.findIndex((e) => {
          const input = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args?.payloads?.[0];
          return input && defaultPayloadConverter.fromPayload<OrderEvent>(input).type === type;
        });
        assert.ok(accepted > 0, `${type} not in the history`);
        const next = events.findIndex((e, i) => i > accepted && e.workflowTaskScheduledEventAttributes);
        return events.slice(accepted, next).filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity').length;
      };
      assert.equal(projectionsFor('technical-order-issued'), 1);
      assert.equal(projectionsFor('payment-received'), 1);
    });
  });
});
