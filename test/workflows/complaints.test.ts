import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { simulate, type Scenario } from '../../scripts/simulator';
import { laterBy } from '../../workflows/domain/calendar';
import { complaintEventLabels, complaintStageLabels, eventTypeLabels, stageLabels } from '../../workflows/domain/labels';
import { resolvePolicy } from '../../workflows/domain/policy';
import { withOwnTimeSkippingServer } from '../support/servers';
import { complaintStep, entries, standardOrder, step, throughConfirmation, throughPutAway } from '../support/scenario';

// Complaints as child workflows of their order, on the time-skipping test server at the policy's
// real durations: the shipped complaint scenarios handled to the customer's confirmation, two open at
// once with a compensation and a supervisor's close, and each complaint's clocks and escalations.

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const dir = path.resolve(__dirname, '..', '..', '..', 'test', 'scenarios');
const shippedScenario = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Scenario;
const run = (scenario: Scenario) => withOwnTimeSkippingServer((env) => simulate(env, scenario));
/** Timer and event times carry the server's milliseconds: `at` is within a second after `expected`. */
const near = (at: string, expected: number) => Date.parse(at) >= expected && Date.parse(at) - expected < 1000;

/** A class A order of ¥5,000 through put-away, shipped on day 2 (in transit: complaints are taken). */
const shippedOnDay2 = () => [
  ...throughConfirmation(),
  ...throughPutAway(1),
  step('P2DT2H', 'shipping-requested', 'order-desk', { requestRef: 'SR-1' }),
  step('P2DT3H', 'shipped', 'warehouse', { carrier: 'SF', trackingRef: 'SF-1' }),
];
const filed = (at: string, category = 'installation') =>
  step(at, 'complaint-filed', 'customer', { category, description: 'the pendant hangs crooked' });
const causeFound = (at: string, responsibleParty = 'installation', cause = 'installation') =>
  complaintStep(at, 1, 'cause-found', 'technical', { responsibleParty, cause, finding: 'bracket fixed without anchors' });
const fixScheduled = (at: string) =>
  complaintStep(at, 1, 'fix-scheduled', 'order-desk', { visitDate: '2031-01-10', team: 'team 3', plan: 'refit the bracket' });

describe('complaints (child workflows of the order)', function () {
  this.timeout(300_000);

  it('an installation complaint after sign-off: technical, the marketing assistant, a visit, the customer confirms, two callbacks, then the order archives', async () => {
    const result = await run(shippedScenario('complaint-installation-confirmed.json'));
    assert.equal(result.stage, 'archived');
    const [complaint] = result.complaints;
    assert.equal(complaint.stage, 'finished');
    assert.deepEqual(
      complaint.timeline.filter((t) => t.kind === 'event').map((t) => [t.type, t.actor?.role]),
      [
        ['customer-contacted', 'technical'],
        ['cause-found', 'technical'],
        ['fix-scheduled', 'order-desk'],
        ['visit-made', 'service'],
        ['customer-satisfied', 'customer'],
        ['callback-made', 'service'],
        ['callback-made', 'service'],
      ],
    );
    assert.deepEqual(
      entries(result.timeline, 'notification', 'complaint').map((t) => t.to),
      ['regional-manager', 'technical', 'sales-rep'],
      'the regional manager and technical at once (and the rep hears of it)',
    );
    assert.deepEqual(
      entries(result.timeline, 'notification', 'complaint-fix').map((t) => t.to),
      ['order-desk'],
    );
    assert.equal(entries(result.timeline, 'reminder', 'complaint-callback').length, 2);
    assert.equal(result.timeline.filter((t) => t.kind === 'escalation' && t.type.startsWith('complaint')).length, 0, 'every step in time');
    // The order's line for it: closed by the customer's word, the installation team responsible, called back twice.
    const [line] = result.snapshot.complaints;
    assert.deepEqual(
      [line.stage, line.responsibleParty, line.cause, line.resolution, line.resolutionZh, line.callbacks],
      ['finished', 'installation', 'installation', 'the customer confirmed satisfaction (rating 5)', '客户确认满意（评分 5）', 2],
    );
    assert.deepEqual(
      result.snapshot.satisfaction.map((r) => r.rating),
      [5, 5],
    );
    // Archived after the last callback, not at the complaint's close.
    const lastCallback = Date.parse(entries(complaint.timeline, 'event', 'callback-made')[1].at);
    assert.ok(Date.parse(complaint.closedAt!) < lastCallback);
  });

  it('two complaints open at once: a production fault fixed on the second visit, a transport damage compensated on the ledger and closed by the supervisor', async () => {
    const result = await run(shippedScenario('complaint-production-and-transport-at-once.json'));
    assert.equal(result.stage, 'archived');
    const [production, transport] = result.complaints;
    // Both filed before either closed.
    assert.ok(
      Date.parse(transport.filedAt) < Date.parse(transport.closedAt!) && Date.parse(transport.closedAt!) < Date.parse(production.closedAt!),
    );
    assert.deepEqual(
      production.visits.map((v) => v.outcome),
      ['fixed', 'fixed'],
    );
    assert.equal(entries(production.timeline, 'event', 'customer-not-satisfied').length, 1);
    assert.equal(production.confirmation?.confirmationRef, 'service sheet RS-2102 signed by Mr Zhao');
    assert.deepEqual(
      entries(result.timeline, 'notification', 'complaint-fix')
        .filter((t) => t.detail.startsWith('complaint 1'))
        .map((t) => t.to),
      ['order-desk', 'qc', 'service', 'order-desk', 'qc', 'service'],
      'a production problem to QC and the repair department, again when the customer is not satisfied',
    );
    assert.equal(transport.supervisorClose?.reason, 'the customer accepted the discount; the lamps are unharmed and no visit is needed');
    assert.equal(transport.confirmation, null);
    // The compensation is the order's: on its ledger, kept with the complaint's line.
    const { totals, movements } = result.snapshot.ledger!;
    assert.deepEqual([totals.compensation, totals.contract, totals.balance], [20_000, 620_000, 0]);
    assert.deepEqual(
      movements.filter((m) => m.kind === 'compensation').map((m) => [m.amount, m.ref]),
      [[20_000, 'complaint 2: discount for the crushed packaging']],
    );
    assert.deepEqual(
      result.snapshot.complaints.map((c) => [c.number, c.stage, c.responsibleParty, c.compensation ?? 0]),
      [
        [1, 'finished', 'production', 0],
        [2, 'finished', 'transport', 20_000],
      ],
    );
    assert.equal(entries(result.timeline, 'rejected-event').length, 0);
  });

  it("each complaint's clocks: first contact within 4 hours and a visit within the policy's working days, each escalated once, the fix clock again when the customer is not satisfied", async () => {
    const policy = { complaints: { fixScheduled: { after: 'P2D', to: 'regional-manager' as const, dayKind: 'working' as const } } };
    const result = await run({
      startAt: '09:00',
      order: standardOrder(),
      policy,
      steps: [
        ...shippedOnDay2(),
        filed('P3D'),
        // Technical calls 6 hours later: escalated to the supervisor after 4.
        complaintStep('P3DT6H', 1, 'customer-contacted', 'technical', { channel: 'phone' }),
        causeFound('P4D'),
        // No visit scheduled for five days: escalated to the regional manager after two working days.
        fixScheduled('P9D'),
        complaintStep('P10D', 1, 'visit-made', 'service', { outcome: 'fixed', report: 'bracket refitted' }),
        complaintStep('P10DT2H', 1, 'customer-not-satisfied', 'customer', { reason: 'it still wobbles' }),
        fixScheduled('P10DT3H'),
        complaintStep('P11D', 1, 'closed-by-supervisor', 'supervisor', { reason: 'replaced the pendant instead' }),
      ],
      until: 'P12D',
    });
    const [complaint] = result.complaints;
    const filedAt = Date.parse(complaint.filedAt);
    const firstContact = entries(result.timeline, 'escalation', 'complaint-first-contact');
    assert.deepEqual(
      firstContact.map((t) => t.to),
      ['supervisor'],
    );
    assert.ok(near(firstContact[0].at, filedAt + 4 * HOUR), firstContact[0].at);
    const fix = entries(result.timeline, 'escalation', 'complaint-fix');
    assert.deepEqual(
      fix.map((t) => t.to),
      ['regional-manager'],
      'once: the second visit was scheduled within the hour',
    );
    const found = Date.parse(complaint.finding!.at);
    assert.ok(
      near(fix[0].at, laterBy(found, 'P2D', 'working', resolvePolicy(policy).calendar)),
      `${fix[0].at} from ${complaint.finding!.at}`,
    );
    // The complaint's own timeline shows its escalations too; closed, its first callback is its open clock.
    assert.equal(complaint.timeline.filter((t) => t.kind === 'escalation').length, 2);
    assert.equal(complaint.stage, 'closed');
    assert.deepEqual(
      complaint.openClocks.map((c) => [c.name, Date.parse(c.dueAt) - Date.parse(complaint.closedAt!)]),
      [['complaint-callback', 7 * DAY]],
    );
    assert.equal(result.snapshot.complaints[0].stage, 'closed');
    assert.equal(result.snapshot.complaints[0].resolution, 'closed by the supervisor: replaced the pendant instead');
    assert.equal(result.snapshot.complaints[0].resolutionZh, '主管结案：replaced the pendant instead');
  });

  it('refuses out of turn: a step before its time is recorded on the complaint as rejected, and the order no longer takes complaint-resolved', async () => {
    const result = await run({
      startAt: '09:00',
      order: standardOrder(),
      steps: [
        ...throughConfirmation(),
        filed('PT6H'), // before the goods are on their way
        ...throughPutAway(1),
        step('P2DT2H', 'shipping-requested', 'order-desk', { requestRef: 'SR-1' }),
        step('P2DT3H', 'shipped', 'warehouse', { carrier: 'SF', trackingRef: 'SF-1' }),
        filed('P3D'),
        causeFound('P3DT1H'), // before technical has contacted the customer
        complaintStep('P3DT2H', 1, 'customer-contacted', 'service', { channel: 'phone' }), // not technical
        step('P3DT3H', 'complaint-resolved', 'service', { complaintNumber: 1, responsibleParty: 'none', resolution: 'old way' }),
      ],
      until: 'P3DT4H',
    });
    assert.deepEqual(
      entries(result.timeline, 'rejected-event').map((t) => t.type),
      ['complaint-filed', 'complaint-resolved'],
    );
    const [complaint] = result.complaints;
    assert.deepEqual(
      entries(complaint.timeline, 'rejected-event').map((t) => [t.type, t.detail.replace(/ \(sent by.*/, '')]),
      [
        ['cause-found', 'complaint 1 is reported and expects customer-contacted, closed-by-supervisor'],
        ['customer-contacted', 'service may not send customer-contacted (allowed: technical)'],
      ],
    );
    // In Chinese, each says what kind of refusal it is, where the complaint stands and what it waits for.
    const waits = `投诉处于「${complaintStageLabels.reported.zh}」，现在等待：${complaintEventLabels['customer-contacted'].zh}、${complaintEventLabels['closed-by-supervisor'].zh}`;
    assert.deepEqual(
      entries(complaint.timeline, 'rejected-event').map((t) => t.zh),
      [`当前不接受此事件：${waits}（运维人员经 Temporal 发送）`, `发送者的角色无权发送此事件：${waits}（运维人员经 Temporal 发送）`],
    );
    // The order's: filed before the goods left, while it waits for production's notice (and the side events).
    assert.match(
      entries(result.timeline, 'rejected-event', 'complaint-filed')[0].zh ?? '',
      new RegExp(
        `^当前不接受此事件：订单处于「${stageLabels['production-notice'].zh}」阶段，现在等待：${eventTypeLabels['production-notice-issued'].zh}、.+（运维人员经 Temporal 发送）$`,
      ),
    );
    assert.equal(complaint.stage, 'reported');
  });

  it('the order is not archived while a complaint calls the customer back, though its warranty has ended and it is paid', async () => {
    const result = await run({
      startAt: '09:00',
      order: standardOrder(),
      policy: { rules: { afterSalesPeriod: 'P10D' }, complaints: { callbacks: { after: ['P20D'] } } },
      steps: [
        ...shippedOnDay2(),
        step('P3D', 'signed-for', 'customer', { receiptRef: 'AR-1' }),
        step('P3DT1H', 'payment-received', 'finance', { amount: 500_000, paymentRef: 'BANK-1' }),
        step('P3DT2H', 'invoice-issued', 'finance', { invoiceNumber: 'INV-1', amount: 500_000, date: '2031-01-01' }),
        filed('P5D'),
        complaintStep('P5DT1H', 1, 'customer-contacted', 'technical', { channel: 'visit' }),
        causeFound('P5DT2H', 'customer', 'other'),
        complaintStep('P6D', 1, 'customer-satisfied', 'customer', {}),
      ],
      until: 'P20D',
    });
    assert.equal(entries(result.complaints[0].timeline, 'rejected-event').length, 0);
    assert.equal(result.stage, 'after-sales', 'the warranty ended on day 13, the callback is due on day 26');
    assert.deepEqual(
      result.snapshot.complaints.map((c) => [c.stage, c.responsibleParty]),
      [['closed', 'customer']],
    );
    assert.equal(entries(result.timeline, 'notification', 'complaint-fix').length, 0, "the customer's own fault: no visit");
  });
});
