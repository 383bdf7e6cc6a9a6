import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tsToMs } from '@temporalio/common/lib/time';
import { simulate, type Scenario } from '../../scripts/simulator';
import { withOwnTimeSkippingServer } from '../support/servers';
import { entries } from '../support/scenario';

/** A scenario's run; every notice it sent (the order's and its complaints') says so in Chinese first. */
async function simulateOnOwnServer(scenario: Scenario) {
  const result = await withOwnTimeSkippingServer((env) => simulate(env, scenario));
  const notices = [result.timeline, ...result.complaints.map((c) => c.timeline)]
    .flat()
    .filter((t) => t.kind === 'notification' || t.kind === 'reminder' || t.kind === 'escalation');
  assert.deepEqual(
    notices.filter((t) => !t.zh || !/\p{Script=Han}/u.test(t.zh)).map((t) => t.detail),
    [],
    'every notice has its sentence in Chinese',
  );
  return result;
}

// Every scenario shipped in test/scenarios runs in the simulator (as `npm run simulate` runs it).
const dir = path.resolve(__dirname, '..', '..', '..', 'test', 'scenarios');
const scenario = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Scenario;
const DAY = 24 * 3600 * 1000;

describe('shipped scenarios (simulator)', function () {
  this.timeout(120_000);

  it('a large class C order with a late return, a delay told late, rework and its balance: every clock fires as the policy says', async () => {
    const result = await simulateOnOwnServer(JSON.parse(fs.readFileSync(path.join(dir, 'late-return-delay-and-balance.json'), 'utf8')));
    assert.equal(result.stage, 'archived');
    assert.equal(result.originalPromisedDate, '2030-02-01');
    // Sent 15:00 day 1, returned 11:00 day 2: one day late, then the delay set 2030-02-10.
    assert.deepEqual(
      entries(result.timeline, 'date-change').map((t) => t.detail.split(':')[0]),
      ['none → 2030-02-01', '2030-02-01 → 2030-02-02', '2030-02-02 → 2030-02-10'],
    );
    assert.equal(entries(result.timeline, 'escalation', 'first-confirmation').length, 1, 'confirmed after 3 hours');
    assert.equal(entries(result.timeline, 'escalation', 'delay-notice').length, 1, 'told after 26 hours');
    assert.equal(entries(result.timeline, 'reminder', 'technical-order').length, 1, 'issued after 2 days 2 hours');
    assert.equal(entries(result.timeline, 'escalation', 'technical-order').length, 0);
    assert.equal(entries(result.timeline, 'rejected-event', 'shipped').length, 1, 'class C: not before the balance');
    assert.deepEqual(
      entries(result.timeline, 'rejected-event').map((t) => t.type),
      ['shipped'],
    );
    assert.equal(result.snapshot.shippingMode, 'special-vehicle', '¥10,500 is above the ¥10,000 threshold');
    // The ¥300 agreed for the delay is deducted: the balance-due notice asks for 820,000 fen, not 850,000.
    assert.match(entries(result.timeline, 'notification', 'balance-due-notice')[0].detail, /820000 fen \(after 30000 fen compensation\)/);
    const { totals } = result.snapshot.ledger!;
    assert.deepEqual(
      [totals.compensation, totals.contract, totals.received, totals.balance, totals.refundDue],
      [30000, 1020000, 1020000, 0, 0],
    );
    assert.equal(entries(result.timeline, 'money', 'compensation').length, 1);
  });

  it('class A on credit: the balance is chased up the dunning ladder from its due date, past the warranty, and archived only once paid', async () => {
    const result = await simulateOnOwnServer(scenario('class-a-on-credit.json'));
    assert.equal(result.stage, 'archived');
    const signedFor = Date.parse(entries(result.timeline, 'event', 'signed-for')[0].at);
    const dunning = result.timeline.filter((t) => t.type === 'dunning');
    // Due 30 days after sign-off: the sales rep on the day, finance a week later, then the supervisor every 30 days.
    assert.deepEqual(
      dunning.slice(0, 3).map((t) => [t.kind, t.to]),
      [
        ['reminder', 'sales-rep'],
        ['reminder', 'finance'],
        ['escalation', 'supervisor'],
      ],
    );
    assert.ok(Date.parse(dunning[0].at) - signedFor > 29 * DAY && Date.parse(dunning[0].at) - signedFor <= 30 * DAY);
    assert.match(dunning[0].detail, /balance instalment of 500000 fen due \d{4}-\d{2}-\d{2}: 500000 fen unpaid/);
    const warrantyEnd = signedFor + 365 * DAY;
    const paidAt = Date.parse(entries(result.timeline, 'event', 'payment-received')[0].at);
    assert.ok(
      dunning.some((t) => Date.parse(t.at) > warrantyEnd),
      'still chased after the warranty ended',
    );
    assert.ok(
      dunning.every((t) => Date.parse(t.at) < paidAt),
      'not chased once paid',
    );
    assert.equal(entries(result.timeline, 'reminder', 'invoice-due').length, 0, 'invoiced with the sign-off');
    const [balance] = result.snapshot.ledger!.instalments;
    assert.deepEqual([balance.status, balance.paid], ['paid', 500000]);
    assert.equal(result.snapshot.ledger!.totals.invoiced, 500000);
  });

  it('a contract: advance before production, payment before shipping, acceptance payment, retention chased and paid at the warranty end', async () => {
    const result = await simulateOnOwnServer(scenario('contract-advance-acceptance-retention.json'));
    assert.equal(result.stage, 'archived', 'two years after the warranty, everything paid');
    assert.deepEqual(
      result.snapshot.ledger!.instalments.map((i) => [i.name, i.amount, i.status]),
      [
        ['advance', 600000, 'paid'],
        ['before-shipping', 600000, 'paid'],
        ['on-acceptance', 700000, 'paid'],
        ['retention', 100000, 'paid'],
      ],
    );
    assert.deepEqual(
      entries(result.timeline, 'rejected-event').map((t) => t.type),
      ['shipped'],
      'not shipped before the payment before shipping',
    );
    // Only the retention was late: the sales rep on the warranty's last day, finance a week later.
    const dunning = result.timeline.filter((t) => t.type === 'dunning');
    assert.deepEqual(
      dunning.map((t) => t.to),
      ['sales-rep', 'finance'],
    );
    assert.match(dunning[0].detail, /^retention instalment of 100000 fen/);
  });

  it('an industrial contract: technical agreement, a class B bearing above its price rule approved by the general manager, a review point resolved, retention paid, archived two years after the warranty', async () => {
    const result = await simulateOnOwnServer(scenario('contract-review-to-archive.json'));
    const { snapshot, timeline } = result;
    const contract = snapshot.contract!;
    assert.equal(result.stage, 'archived', 'everything paid, two years after the warranty');
    // Refused, never dropped: the sales manager above the threshold, finance before its point was resolved, shipping before the payment.
    assert.deepEqual(
      entries(timeline, 'rejected-event').map((t) => [t.type, t.actor!.role]),
      [
        ['price-exception-approved', 'supervisor'],
        ['contract-review-approved', 'finance'],
        ['shipped', 'warehouse'],
      ],
    );
    assert.match(entries(timeline, 'rejected-event')[0].detail, /departs from the rule prices by 5800000 fen, above the 5000000 fen/);
    assert.deepEqual(
      contract.pricing!.products.map((p) => [p.line, p.productClass, p.rulePrice, p.withinRule]),
      [
        [1, 'B', 115_000, false],
        [2, 'A', 5_000, true],
      ],
    );
    assert.deepEqual([contract.pricing!.approver, contract.pricing!.approved!.by.role], ['general-manager', 'general-manager']);
    assert.deepEqual(
      entries(timeline, 'notification', 'price-exception').map((t) => t.to),
      ['general-manager'],
    );
    assert.deepEqual(
      entries(timeline, 'notification', 'contract-review').map((t) => t.to),
      ['technical', 'finance', 'production', 'finance'],
      'each department asked, finance again once its point was resolved',
    );
    assert.deepEqual(
      contract.reviews.map((r) => [r.role, r.state]),
      [
        ['technical', 'approved'],
        ['finance', 'approved'],
        ['production', 'approved'],
      ],
    );
    assert.equal(contract.points[0].resolved!.resolution, 'customer accepts 5 % retention for one year');
    // The customer's project late: the date moved, no delay charged to the company.
    assert.deepEqual(
      [result.originalPromisedDate, result.promisedDate, snapshot.delays.length, snapshot.late],
      ['2030-03-31', '2030-04-30', 0, false],
    );
    // The contract administrator's written report, once late: reminded, not escalated.
    assert.deepEqual(
      entries(timeline, 'reminder', 'progress-update').map((t) => t.to),
      ['order-desk'],
    );
    assert.equal(entries(timeline, 'escalation', 'stalled-progress').length, 0);
    assert.deepEqual(
      entries(timeline, 'notification', 'shipping-notice').map((t) => t.to),
      ['sales-rep', 'customer'],
      '发货告知书 to the rep at put-away, then the shipping notice to the customer',
    );
    assert.deepEqual(
      snapshot.ledger!.instalments.map((i) => [i.name, i.amount, i.status]),
      [
        ['advance', 3_135_000, 'paid'],
        ['before-shipping', 3_135_000, 'paid'],
        ['on-acceptance', 3_657_500, 'paid'],
        ['retention', 522_500, 'paid'],
      ],
    );
    assert.deepEqual(
      result.timeline.filter((t) => t.type === 'dunning').map((t) => t.to),
      ['sales-rep'],
      'only the retention was chased, on its due date',
    );
    assert.deepEqual(
      contract.documents.map((d) => d.kind),
      [
        'technical-agreement',
        'technical-agreement',
        'quote',
        'contract',
        'contract',
        'contract-original',
        'sign-off',
        'invoice',
        'service-record',
      ],
    );
    assert.deepEqual([contract.terms.endCustomer, contract.terms.hostMachineModel], ['Hunan Wind Power', 'GB-2.5MW gearbox']);
    const signedFor = Date.parse(entries(timeline, 'event', 'signed-for')[0].at);
    // The workflow closed when the order was archived.
    const closedAt = tsToMs(result.history.events!.at(-1)!.eventTime);
    assert.ok(closedAt >= signedFor + (365 + 730) * DAY, 'archived no earlier than two years after the warranty');
    assert.ok(closedAt < signedFor + (365 + 731) * DAY, 'and then at once');
  });

  it('cancelled after the deposit: every department that acted is told, finance keeps its costs and refunds the rest, and the order closes', async () => {
    const result = await simulateOnOwnServer(scenario('cancelled-after-deposit-refund.json'));
    assert.equal(result.status, 'cancelled');
    const told = entries(result.timeline, 'notification', 'order-cancelled');
    assert.deepEqual(told.map((t) => t.to).sort(), [
      'finance',
      'order-desk',
      'production',
      'purchasing',
      'sales-rep',
      'technical',
      'warehouse',
    ]);
    assert.match(told[0].detail, /150000 fen received, refund due 150000 fen/);
    assert.equal(entries(result.timeline, 'reminder', 'refund-reminder').length, 1, 'finance reminded the next day');
    const { totals, kept } = result.snapshot.ledger!;
    assert.deepEqual([totals.contract, totals.received, totals.refunded, totals.balance, totals.refundDue], [30000, 150000, 120000, 0, 0]);
    assert.equal(kept!.reason, 'aluminium housings already cut');
    assert.deepEqual(result.snapshot.expectedEvents, []);
  });

  it('refuses a payment above the balance, naming the amount due; takes a surplus only as an explicit credit, then its refund', async () => {
    const result = await simulateOnOwnServer(scenario('overpayment-refused.json'));
    const [refused] = entries(result.timeline, 'rejected-event', 'payment-received');
    assert.match(refused.detail, /400000 fen is more than the 350000 fen still due on the order/);
    assert.equal(entries(result.timeline, 'event', 'payment-received').length, 1);
    assert.equal(entries(result.timeline, 'event', 'shipped').length, 1);
    const { totals } = result.snapshot.ledger!;
    assert.deepEqual([totals.received, totals.refunded, totals.balance, totals.refundDue], [510000, 10000, 0, 0]);
    assert.deepEqual(
      result.snapshot.ledger!.movements.map((m) => [m.kind, m.amount, m.actor.role, m.ref]),
      [
        ['payment', 150000, 'finance', 'BANK-O1'],
        ['payment', 360000, 'finance', 'BANK-O3'],
        ['refund', 10000, 'finance', 'BANK-R2'],
      ],
    );
  });

  it('a custom order cancelled after its drawings were confirmed, by the supervisor only', async () => {
    const result = await simulateOnOwnServer(JSON.parse(fs.readFileSync(path.join(dir, 'custom-order-cancelled.json'), 'utf8')));
    assert.equal(result.status, 'cancelled');
    assert.match(entries(result.timeline, 'rejected-event', 'cancelled')[0].detail, /sales-rep may not send cancelled/);
  });
});

describe('change orders (需求变更) in the shipped scenarios', function () {
  this.timeout(120_000);
  const scenario = async (file: string) => simulateOnOwnServer(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));

  it('a colour change: assessed and priced by production, approved by finance, confirmed by the customer, lines v2 with v1 kept, production told', async () => {
    const result = await scenario('colour-change-confirmed.json');
    const { snapshot, timeline } = result;
    // The desk's confirmation before production had priced the change was refused, with the reason, not dropped.
    assert.match(entries(timeline, 'rejected-event', 'change-confirmed')[0].detail, /expects .*change-assessed/);
    assert.deepEqual(
      entries(timeline, 'event')
        .filter((t) => t.type.startsWith('change-'))
        .map((t) => [t.type, t.actor!.role]),
      [
        ['change-requested', 'customer'],
        ['change-assessed', 'production'],
        ['change-price-approved', 'finance'],
        ['change-confirmed', 'customer'],
      ],
    );
    assert.deepEqual(
      entries(timeline, 'notification', 'change-request').map((t) => t.to),
      ['production'],
    );
    assert.deepEqual(
      entries(timeline, 'notification', 'change-materials').map((t) => t.to),
      ['technical', 'purchasing'],
    );
    assert.deepEqual(
      entries(timeline, 'notification', 'change-price-review').map((t) => t.to),
      ['finance'],
    );
    assert.deepEqual(
      entries(timeline, 'notification', 'change-terms').map((t) => t.to),
      ['customer'],
    );
    assert.deepEqual(
      entries(timeline, 'notification', 'change-confirmed').map((t) => t.to),
      ['production', 'technical', 'purchasing'],
    );
    assert.match(entries(timeline, 'notification', 'change-confirmed')[0].detail, /make lines v2, promised 2030-03-05/);
    assert.equal(
      entries(timeline, 'lines-version', 'lines-v2')[0].detail,
      'v1 520000 fen, promised 2030-03-01 → v2 550000 fen, promised 2030-03-05 (amendment v1: matte black instead of ivory white)',
    );
    assert.deepEqual(
      snapshot.lineVersions.map((v) => [v.version, v.amount, v.promisedDate, v.lines[0].nonStandard]),
      [
        [1, 520_000, '2030-03-01', 'colour: ivory white'],
        [2, 550_000, '2030-03-05', 'colour: matte black'],
      ],
    );
    assert.equal(snapshot.amount, 550_000);
    assert.equal(result.promisedDate, '2030-03-05');
    assert.equal(result.originalPromisedDate, '2030-03-01');
    assert.deepEqual(
      snapshot.amendments.map((a) => [a.version, a.state, a.linesVersion, a.confirmed?.by.role]),
      [[1, 'confirmed', 2, 'customer']],
    );
    assert.equal(result.stage, 'put-away', 'made to v2 and passed QC');
  });

  it('a change after shipping is refused as a complaint or a return, before and after sign-off; the complaint is taken', async () => {
    const result = await scenario('change-refused-after-shipping.json');
    const refused = entries(result.timeline, 'rejected-event', 'change-requested');
    assert.equal(refused.length, 2);
    assert.match(
      refused[0].detail,
      /^the goods have shipped: a change now is a complaint or a return \(complaint-filed\), not an amendment; the order is at stage in-transit/,
    );
    assert.match(refused[1].detail, /stage after-sales and expects complaint-filed/);
    assert.deepEqual(result.snapshot.amendments, []);
    assert.equal(result.snapshot.lineVersions.length, 1);
    assert.equal(result.snapshot.complaints.length, 1);
    assert.equal(result.stage, 'after-sales');
  });
});

describe('npm run simulate -- <scenario> --json', function () {
  this.timeout(120_000);

  it('prints one JSON document and nothing else: every snapshot key (null where unset), the money, the amendments and the timeline', () => {
    const run = spawnSync(
      process.execPath,
      [path.join(__dirname, '..', '..', 'scripts', 'simulate.js'), path.join(dir, 'custom-order-cancelled.json'), '--json'],
      {
        encoding: 'utf8',
        timeout: 110_000,
      },
    );
    assert.equal(run.status, 0, run.stderr);
    const printed = JSON.parse(run.stdout) as Record<string, unknown>;
    assert.equal(printed.status, 'cancelled');
    for (const key of ['promisedDate', 'originalPromisedDate', 'emergencyRelease']) assert.equal(printed[key], null, key);
    for (const key of ['amount', 'received', 'balanceDue', 'refundDue']) assert.equal(typeof printed[key], 'number', key);
    assert.ok(Array.isArray(printed.amendments) && Array.isArray(printed.timeline));
    assert.deepEqual(
      (printed.lineVersions as { version: number; amount: number }[]).map((v) => [v.version, v.amount]),
      [[1, 960_000]],
      'the line versions: v1 as ordered',
    );
    const ledger = printed.ledger as { totals: Record<string, unknown>; instalments: unknown[]; movements: unknown[] };
    for (const key of ['contract', 'invoiced', 'received', 'refunded', 'balance', 'refundDue'])
      assert.equal(typeof ledger.totals[key], 'number', key);
    assert.ok(Array.isArray(ledger.instalments) && Array.isArray(ledger.movements));
  });
});

// store channel
describe('the store channel in the shipped scenarios', function () {
  this.timeout(120_000);

  it("a store order from the intent letter to acceptance: sub-frames first, re-measured, a missed installation rescheduled, a complaint during installation handled to the customer's satisfaction", async () => {
    const result = await simulateOnOwnServer(scenario('store-intent-to-acceptance.json'));
    const { snapshot, timeline } = result;
    assert.deepEqual([result.status, result.stage], ['completed', 'after-sales']);
    assert.deepEqual(entries(timeline, 'rejected-event'), []);
    assert.deepEqual(
      entries(timeline, 'event')
        .map((t) => t.type)
        .filter((type, i, all) => type !== all[i - 1]),
      [
        'intent-letter-signed',
        'deposit-received',
        'appointment-scheduled',
        'site-measured',
        'drawing-sent',
        'window-configuration-confirmed',
        'submission-reviewed',
        'quote-accepted',
        'signed-confirmation-returned',
        'deposit-received',
        'production-notice-issued',
        'sub-frame-made',
        'appointment-scheduled',
        'sub-frame-installed',
        'appointment-scheduled',
        're-measured',
        'technical-order-issued',
        'progress-reported',
        'qc-passed',
        'stocked',
        'payment-received',
        'appointment-scheduled',
        'complaint-filed',
        'installed',
        'goods-accepted',
      ],
    );
    // The measurement waited past the policy's 2 days to be booked: the regional manager was reminded once.
    assert.deepEqual(
      entries(timeline, 'reminder', 'appointment-booking').map((t) => [t.to, t.detail]),
      [['regional-manager', 'the measurement visit is not booked yet (reminder 1)']],
    );
    // The installation team did not come on 5 April: at the end of that company day (16:00 UTC) the regional manager and the store hear of it.
    const missed = entries(timeline, 'escalation', 'missed-appointment');
    assert.deepEqual(
      missed.map((t) => [t.to, t.at.slice(0, 16)]),
      [
        ['regional-manager', '2031-04-05T16:00'],
        ['sales-rep', '2031-04-05T16:00'],
      ],
    );
    assert.match(missed[0].detail, /Hangzhou Binjiang store, Zhejiang\): the installation visit on 2031-04-05 by installation team 3/);
    assert.deepEqual(
      snapshot.appointments.map((a) => [a.visit, a.date, a.missedAt !== undefined]),
      [
        ['measurement', '2031-03-07', false],
        ['sub-frame-installation', '2031-03-19', false],
        ['re-measurement', '2031-03-21', false],
        ['installation', '2031-04-05', true],
        ['installation', '2031-04-08', false],
      ],
    );
    // The complaint came in during the installation, went to its own workflow, and closed when the customer was satisfied.
    const [complaintFiled] = entries(timeline, 'event', 'complaint-filed');
    assert.ok(complaintFiled.at < entries(timeline, 'event', 'installed')[0].at);
    const [complaint] = result.complaints;
    assert.deepEqual(
      [complaint.number, complaint.category, complaint.finding?.responsibleParty, complaint.visits.length, complaint.confirmation?.rating],
      [1, 'installation', 'installation', 1, 4],
    );
    assert.ok(complaint.closedAt !== null && complaint.closedAt > entries(timeline, 'event', 'installed')[0].at);
    assert.deepEqual(
      snapshot.complaints.map((c) => [c.number, c.responsibleParty, c.resolvedAt !== undefined]),
      [[1, 'installation', true]],
    );
    assert.deepEqual(
      snapshot.ledger!.instalments.map((i) => [i.name, i.amount, i.status]),
      [
        ['intention-deposit', 200000, 'paid'],
        ['advance', 633600, 'paid'],
        ['balance', 1278400, 'paid'],
      ],
    );
    assert.equal(entries(timeline, 'reminder', 'deposit-reminder').length, 0, 'both deposits came within a day');
    // The windows finished: the store is told, and the customer has the balance due before installation.
    assert.deepEqual(
      entries(timeline, 'notification', 'balance-due-notice').map((t) => [t.to, t.detail]),
      [['customer', 'balance due before installation: 1278400 fen']],
    );
    assert.equal(entries(timeline, 'notification', 'windows-finished')[0].to, 'sales-rep');
  });
});

// distributor
describe('the distributor channel in the shipped scenarios', function () {
  this.timeout(120_000);

  it('from the enquiry to the signed outbound notice: R&D solution, a technical question round, late glass, chasing, full payment before release', async () => {
    const { snapshot, timeline, stage } = await simulateOnOwnServer(scenario('distributor-enquiry-to-outbound-notice.json'));
    assert.equal(stage, 'after-sales');
    assert.equal(snapshot.channel, 'distributor');
    const record = snapshot.distributor!;
    // The enquiry went to R&D and the answer back to the distributor.
    assert.deepEqual([record.enquiries[0].referredAt !== undefined, record.enquiries[0].answered?.by.role], [true, 'technical']);
    assert.deepEqual(
      entries(timeline, 'notification', 'enquiry-answer').map((t) => t.to),
      ['customer'],
    );
    // Out of turn, each refused with its reason: a quote before the R&D solution was agreed, the production notice before
    // the advance, the technical order before the distributor answered, the release before the contract was paid in full.
    assert.deepEqual(
      entries(timeline, 'rejected-event').map((t) => t.type),
      ['quote-sent', 'production-notice-issued', 'technical-order-issued', 'shipment-released'],
    );
    assert.match(entries(timeline, 'rejected-event', 'technical-order-issued')[0].detail, /^technical's questions 1 are not yet answered/);
    assert.match(
      entries(timeline, 'rejected-event', 'shipment-released')[0].detail,
      /^the contract is not paid in full: 700000 fen still due/,
    );
    assert.deepEqual(
      record.drawings.map((d) => [d.ref, d.quoteRef]),
      [
        ['DWG-A1', 'Q-2031-044'],
        ['DWG-A2', 'Q-2031-045'],
      ],
    );
    assert.deepEqual(record.missingItems, []);
    assert.equal(record.notes[0].kind, 'surplus-colour');
    // The technical order's 2-day reminder fired while the question was open; the question was reminded once, then answered.
    assert.equal(entries(timeline, 'reminder', 'technical-order').length, 1);
    assert.equal(entries(timeline, 'escalation', 'technical-order').length, 0);
    assert.deepEqual(
      entries(timeline, 'reminder', 'technical-question').map((t) => t.to),
      ['order-desk'],
    );
    // Glass expected on day 10 was late past its 2 working days of grace, surfaced once to each, before it arrived.
    const late = entries(timeline, 'escalation', 'material-late');
    assert.deepEqual(
      late.map((t) => t.to),
      ['order-desk', 'purchasing', 'production'],
    );
    assert.match(late[0].detail, /^glass expected \d{4}-\d{2}-\d{2} has not arrived/);
    const glassIn = Date.parse(entries(timeline, 'event', 'material-arrived').find((t) => t.detail === 'family=glass')!.at);
    assert.ok(Date.parse(late[0].at) < glassIn);
    assert.equal(record.materials.glass!.late!.expectedDate, record.materials.glass!.expectedDate);
    assert.deepEqual(record.lateMaterials, [], 'the glass is in now');
    // The chase was told the production state.
    assert.equal(record.chases.length, 1);
    assert.match(entries(timeline, 'notification', 'production-state')[0].detail, /the glass is late/);
    // Full payment, then finance's release, then shipping; the signed outbound notice is tracked.
    const order = (type: string) => Date.parse(entries(timeline, 'event', type).at(-1)!.at);
    assert.ok(order('payment-received') < order('shipment-released') && order('shipment-released') < order('shipped'));
    assert.deepEqual(
      snapshot.ledger!.instalments.map((i) => [i.name, i.amount, i.status]),
      [
        ['advance', 600000, 'paid'],
        ['before-shipping', 1400000, 'paid'],
      ],
    );
    assert.deepEqual(
      [record.outboundNotice?.ref, record.outboundNotice?.receiptRef, record.outboundNoticeSigned],
      ['OUT-2031-019', 'OUT-2031-019-signed', true],
    );
    assert.ok(snapshot.expectedEvents.includes('complaint-filed'), 'complaints are taken once the goods are delivered');
  });
});

// group order channel (团订, 003)
describe('a group order (团订) in the shipped scenarios', function () {
  this.timeout(180_000);

  it('from the contract to the balance paid in full: the contract returned once, production after the full advance, the pack signed twice, a missed 17:30 entry and an exception told to the manager', async () => {
    const result = await simulateOnOwnServer(scenario('group-contract-to-balance.json'));
    const { snapshot, timeline } = result;
    assert.equal(result.stage, 'after-sales');
    assert.match(entries(timeline, 'notification', 'contract-returned')[0].detail, /\(balance-terms\): the balance terms do not say/);
    assert.match(entries(timeline, 'notification', 'advance-request')[0].detail, /pay the advance of 7600000 fen/);
    // The order pack handed over before the advance was in full was refused, not dropped.
    assert.deepEqual(
      entries(timeline, 'rejected-event').map((t) => t.type),
      ['order-pack-handed-over'],
    );
    assert.match(entries(timeline, 'rejected-event')[0].detail, /stage deposit and expects deposit-received/);
    assert.deepEqual(
      entries(timeline, 'event', 'order-pack-signed').map((t) => t.actor!.role),
      ['production', 'warehouse'],
    );
    // Day 2 (the measurement and fabric, no entry) is the one missed: reported at 17:30 company time (09:30 UTC).
    const missed = entries(timeline, 'escalation', 'group-tracking');
    assert.equal(missed.length, 1);
    assert.equal(missed[0].to, 'group-sales-manager');
    assert.match(missed[0].at, /T09:30:00/);
    assert.deepEqual(snapshot.group!.missedEntries, [missed[0].at.slice(0, 10)]);
    assert.deepEqual(
      entries(timeline, 'escalation', 'production-exception').map((t) => [t.to, t.detail]),
      [['group-sales-manager', 'exception in sewing: lining fabric short by 40 m']],
    );
    assert.deepEqual(
      snapshot.group!.processSteps.map((p) => [p.step, p.done?.pieces]),
      [
        ['cutting', 600],
        ['sewing', 600],
        ['finishing', 600],
        ['pressing', 600],
      ],
    );
    assert.deepEqual(
      snapshot.ledger!.instalments.map((i) => [i.name, i.amount, i.status]),
      [
        ['advance', 7600000, 'paid'],
        ['balance', 7600000, 'paid'],
      ],
    );
    assert.equal(snapshot.ledger!.totals.balance, 0);
    // Due on the delivery receipt: the sales rep is chased for it at once, and never again once it is paid.
    assert.deepEqual(
      result.timeline.filter((t) => t.type === 'dunning').map((t) => [t.to, t.detail.split(':')[0]]),
      [['sales-rep', `balance instalment of 7600000 fen due ${entries(timeline, 'event', 'signed-for')[0].at.slice(0, 10)}`]],
    );
    assert.equal(result.promisedDate, '2030-04-30', "the contract's delivery term");
    assert.ok(
      snapshot.openClocks.some((c) => c.name === 'group-callback'),
      'the customer is called back after delivery',
    );
  });
});
