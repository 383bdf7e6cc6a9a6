import assert from 'node:assert/strict';
import { simulate, type Scenario } from '../../scripts/simulator';
import { withOwnTimeSkippingServer } from '../support/servers';
import { entries, standardOrder, step, type Step } from '../support/scenario';

// The distributor channel's clocks on the time-skipping test server, at their real default durations
// (the channel's policy defaults): technical's questions reminded daily until answered, the technical
// order escalated after 3 days, a late material family surfaced once per expected date, and a class A
// distributor over its credit limit still paying in full before release (no credit approval).

const HOUR = 3600_000;
const run = (scenario: Scenario) => withOwnTimeSkippingServer((env) => simulate(env, { startAt: '09:00', ...scenario }));

const distributorOrder = (customerClass: 'A' | 'B' = 'B'): Scenario['order'] => ({
  ...standardOrder({ customer: { id: 'DIST-1', name: 'Wenzhou Windows Agency', class: customerClass } }),
  channel: 'distributor',
  lines: [{ productCode: 'WIN-120', quantity: 10, unitPrice: 100_000 }], // ¥10,000: a 300,000 fen advance
});

/** Drawings received, reviewed within the limits, items confirmed, quoted, contract returned, advance paid: the production notice on day 1. */
function intoProduction(): Step[] {
  return [
    step('PT1H', 'drawing-received', 'order-desk', { drawingRef: 'DWG-1' }),
    step('PT2H', 'drawings-reviewed', 'order-desk', { withinLimits: true }),
    ...['style', 'aluminium-colour', 'wood-colour', 'hardware', 'glass'].map((item) =>
      step('PT3H', 'spec-item-confirmed', 'customer', { item, choice: 'as drawn' }),
    ),
    step('PT4H', 'quote-sent', 'order-desk', { drawingRef: 'DWG-1', quoteRef: 'Q-1' }),
    step('PT5H', 'delivery-date-estimated', 'production', { promisedDate: '+P60D' }),
    step('PT6H', 'confirmation-sent', 'order-desk', { documentRef: 'CT-1' }),
    step('PT7H', 'signed-confirmation-returned', 'order-desk', { documentRef: 'CT-1s' }),
    step('P1D', 'deposit-received', 'finance', { amount: 300_000, paymentRef: 'B-1' }),
    step('P1DT1H', 'production-notice-issued', 'finance', { noticeRef: 'PN-1' }),
    step('P1DT2H', 'drawings-handed-over', 'order-desk', { designer: 'Zhou Min' }),
  ];
}

describe('distributor channel clocks (time-skipping server)', function () {
  this.timeout(120_000);

  it("reminds the marketing assistant daily of technical's open question, and escalates the technical order held up by it after 3 days", async () => {
    const { timeline } = await run({
      order: distributorOrder(),
      steps: [
        ...intoProduction(),
        step('P1DT3H', 'technical-question-raised', 'technical', { question: 'sill 50 or 80 mm?' }),
        step('P4DT6H', 'technical-question-answered', 'customer', { question: 1, answer: '80 mm' }),
        step('P4DT7H', 'technical-order-issued', 'technical', { orderRef: 'TO-1' }),
      ],
      until: 'P6D',
    });
    const raised = Date.parse(entries(timeline, 'event', 'technical-question-raised')[0].at);
    const reminders = entries(timeline, 'reminder', 'technical-question');
    // Raised on day 1 at 12:00, answered on day 4 at 15:00: reminded on days 2, 3 and 4 at 12:00.
    assert.deepEqual(
      reminders.map((t) => [t.to, Math.round((Date.parse(t.at) - raised) / HOUR)]),
      [
        ['order-desk', 24],
        ['order-desk', 48],
        ['order-desk', 72],
      ],
    );
    assert.match(reminders[0].detail, /question 1 still unanswered by the distributor \(reminder 1\): sill 50 or 80 mm\?/);
    assert.deepEqual(
      [entries(timeline, 'reminder', 'technical-order').length, entries(timeline, 'escalation', 'technical-order').map((t) => t.to)],
      [1, ['supervisor']],
    );
  });

  it('surfaces a late material family once for its expected date, and again only when a new expected date passes too', async () => {
    const { timeline, snapshot } = await run({
      order: distributorOrder(),
      // The aluminium has no grace days: late at the end of its expected date.
      steps: [
        ...intoProduction(),
        step('P1DT4H', 'technical-order-issued', 'technical', { orderRef: 'TO-1' }),
        step('P2D', 'material-expected', 'purchasing', { family: 'aluminium', expectedDate: '+P4D' }),
        step('P2D', 'material-expected', 'purchasing', { family: 'hardware', expectedDate: '+P20D' }),
        step('P6D', 'material-expected', 'purchasing', { family: 'aluminium', expectedDate: '+P8D' }),
        step('P10D', 'material-arrived', 'purchasing', { family: 'aluminium' }),
      ],
      until: 'P11D',
    });
    const late = entries(timeline, 'escalation', 'material-late').filter((t) => t.to === 'purchasing');
    assert.deepEqual(
      late.map((t) => t.detail.replace(/\d{4}-\d{2}-\d{2}/, 'DATE')),
      ['aluminium expected DATE has not arrived: production is held up', 'aluminium expected DATE has not arrived: production is held up'],
    );
    // Each at the company midnight ending its expected date (16:00 UTC), the second after the new date of day 8.
    assert.ok(late.every((t) => t.at.slice(11, 16) === '16:00'));
    assert.ok(Date.parse(late[1].at) < Date.parse(entries(timeline, 'event', 'material-arrived')[0].at));
    assert.deepEqual(snapshot.distributor!.lateMaterials, [], 'the aluminium is in; the hardware is not due yet');
    assert.ok(
      snapshot.openClocks.some((c) => c.name === 'material-late' && /hardware/.test(c.action)),
      'the hardware is watched',
    );
  });

  it('a class A distributor over its credit limit still pays in full before release: nobody is asked for a credit approval', async () => {
    const { timeline, stage } = await run({
      order: distributorOrder('A'),
      creditCheck: { creditLimit: 100_000, openBalance: 50_000, checkedAt: new Date().toISOString() },
      steps: [
        ...intoProduction(),
        step('P1DT4H', 'technical-order-issued', 'technical', { orderRef: 'TO-1' }),
        step('P2D', 'qc-passed', 'qc', { reportRef: 'QC-1' }),
        step('P2DT1H', 'stocked', 'warehouse', { location: 'A-1' }),
        step('P2DT2H', 'outbound-notice-issued', 'order-desk', { noticeRef: 'OUT-1' }),
        step('P2DT3H', 'shipped', 'warehouse', { carrier: 'Deppon', trackingRef: 'DP-1' }),
        step('P3D', 'payment-received', 'finance', { amount: 700_000, paymentRef: 'B-2' }),
        step('P3DT1H', 'shipment-released', 'finance', { releaseRef: 'R-1' }),
        step('P3DT2H', 'shipped', 'warehouse', { carrier: 'Deppon', trackingRef: 'DP-1' }),
        step('P4D', 'signed-for', 'customer', { receiptRef: 'OUT-1-signed' }),
      ],
      until: 'P4DT1H',
    });
    assert.equal(stage, 'after-sales');
    assert.deepEqual(entries(timeline, 'notification', 'credit-approval-needed'), []);
    assert.match(entries(timeline, 'rejected-event', 'shipped')[0].detail, /^the goods leave only once the distributor has paid in full/);
    assert.deepEqual(
      entries(timeline, 'notification', 'release').map((t) => t.to),
      ['finance'],
    );
  });
});
