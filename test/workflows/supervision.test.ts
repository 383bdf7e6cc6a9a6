import assert from 'node:assert/strict';
import { simulate, type Scenario, type SimulationResult } from '../../scripts/simulator';
import { timeSkippingServer } from '../support/servers';
import { entries, standardOrder, step, throughConfirmation, throughPutAway, type Step } from '../support/scenario';

// The supervisor and the owner on the time-skipping test server, with the real worker and workflow:
// the supervisor's approval asked for at confirmation and awaited before production, the credit
// approval of a class A order over its credit limit before shipping, the customer's receiving time
// before dispatch, and the promised date as the Temporal UI shows it.

const run = async (scenario: Scenario): Promise<SimulationResult> => simulate(await timeSkippingServer(), scenario);
const large = [{ productCode: 'LAMP-1', quantity: 30, unitPrice: 50_000 }]; // ¥15,000: large
const shipped = { carrier: 'SF Express', trackingRef: 'SF-1' };
const toRelease = (): Step[] => [
  ...throughConfirmation(),
  ...throughPutAway(1),
  step('P2DT2H', 'shipping-requested', 'sales-rep', { requestRef: 'SR-1' }),
];

/** The values an order wrote to a search attribute, in order (JSON payloads in its history). */
function searchAttributeValues(result: SimulationResult, name: string): unknown[] {
  return (result.history.events ?? []).flatMap((e) => {
    const field = e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields?.[name];
    return field?.data ? [JSON.parse(Buffer.from(field.data).toString())] : [];
  });
}

describe('supervisor and owner (time-skipping server)', function () {
  this.timeout(180_000);

  it('puts a large order before the supervisor at confirmation, lets the reviews run, and holds production until the approval', async () => {
    const result = await run({
      order: standardOrder({ lines: large }),
      steps: [
        ...throughConfirmation(),
        step('PT6H', 'production-notice-issued', 'finance', { noticeRef: 'PN-0' }),
        step('P1D', 'supervisor-approved', 'supervisor'),
        step('P1DT1H', 'production-notice-issued', 'finance', { noticeRef: 'PN-1' }),
      ],
      until: 'P1DT2H',
    });
    const confirmedAt = entries(result.timeline, 'event', 'order-confirmed')[0].at;
    const asked = entries(result.timeline, 'notification', 'approval-needed');
    assert.deepEqual(
      asked.map((n) => [n.to, n.at === confirmedAt]),
      [
        ['supervisor', true],
        ['supervisor', false],
      ],
      'told at confirmation, and again when production waits for it',
    );
    assert.match(asked[1].detail, /production waits for your approval/);
    // The estimate and the confirmation went ahead before the approval.
    assert.ok(
      entries(result.timeline, 'event', 'signed-confirmation-returned')[0].at <
        entries(result.timeline, 'event', 'supervisor-approved')[0].at,
    );
    const refused = entries(result.timeline, 'rejected-event', 'production-notice-issued');
    assert.equal(refused.length, 1);
    assert.match(refused[0].detail, /stage production-approval and expects supervisor-approved/);
    assert.equal(result.stage, 'production');
    // The Temporal UI's promised date is noon of the company day (04:00 UTC), not the evening before.
    assert.equal(searchAttributeValues(result, 'PromisedDate').at(-1), '2031-03-10T04:00:00.000Z');
  });

  it('holds a class A order over its credit limit at release until a supervisor approves the credit', async () => {
    const result = await run({
      order: standardOrder(),
      creditCheck: { creditLimit: 1_000_000, openBalance: 800_000, checkedAt: '2026-11-02T01:00:00.000Z' },
      steps: [
        ...toRelease(),
        step('P2DT3H', 'shipped', 'warehouse', shipped),
        step('P2DT4H', 'credit-approved', 'supervisor'),
        step('P2DT5H', 'shipped', 'warehouse', shipped),
      ],
      until: 'P2DT6H',
    });
    assert.deepEqual(
      entries(result.timeline, 'notification', 'credit-approval-needed').map((n) => n.to),
      ['supervisor', 'supervisor'],
      'asked at confirmation, and again when the goods are ready',
    );
    const refused = entries(result.timeline, 'rejected-event', 'shipped');
    assert.equal(refused.length, 1);
    assert.match(refused[0].detail, /over their credit limit: a supervisor approves the credit/);
    assert.equal(result.stage, 'in-transit');
  });

  it('ships a class A order within its credit limit without a credit approval', async () => {
    const result = await run({
      order: standardOrder(),
      creditCheck: { creditLimit: 1_000_000, openBalance: 400_000, checkedAt: '2026-11-02T01:00:00.000Z' },
      steps: [...toRelease(), step('P2DT3H', 'shipped', 'warehouse', shipped)],
      until: 'P2DT4H',
    });
    assert.equal(entries(result.timeline, 'notification', 'credit-approval-needed').length, 0);
    assert.equal(entries(result.timeline, 'rejected-event').length, 0);
    assert.equal(result.stage, 'in-transit');
  });

  it("asks the sales rep for the customer's receiving time and ships only once it is recorded, when the policy says so", async () => {
    const result = await run({
      order: standardOrder(),
      policy: { shipping: { confirmReceivingTime: true } },
      steps: [
        ...toRelease(),
        step('P2DT3H', 'shipped', 'warehouse', shipped),
        step('P2DT4H', 'receiving-time-confirmed', 'sales-rep', { date: '2031-03-12', from: '09:00', until: '12:00' }),
        step('P2DT5H', 'shipped', 'warehouse', shipped),
      ],
      until: 'P2DT6H',
    });
    assert.deepEqual(
      entries(result.timeline, 'notification', 'receiving-time-needed').map((n) => n.to),
      ['sales-rep'],
    );
    assert.match(entries(result.timeline, 'rejected-event', 'shipped')[0].detail, /^the customer's receiving time is not confirmed/);
    assert.equal(entries(result.timeline, 'notification', 'receiving-time')[0].to, 'warehouse');
    assert.equal(result.stage, 'in-transit');
  });
});
