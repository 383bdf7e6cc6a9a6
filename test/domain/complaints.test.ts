import assert from 'node:assert/strict';
import { complaintEventSchemas, type ComplaintEvent } from '../../workflows/domain/complaint-events';
import {
  applyComplaintEvent,
  expectedComplaintEvents,
  openComplaint,
  takeComplaintReport,
  whyNotComplaintEvent,
  type ComplaintStage,
  type ComplaintState,
} from '../../workflows/domain/complaints';
import { OrderInput, type Role } from '../../workflows/domain/order';
import { defaultPolicy, resolvePolicy } from '../../workflows/domain/policy';
import { currentStage, expectedEvents } from '../../workflows/domain/route';
import { openOrder, type OrderState } from '../../workflows/domain/state';
import { accept, whyNot } from '../support/decider';
import { standardOrder } from '../support/scenario';
import { toShipped } from '../support/main-line';

// One complaint (投诉, 000 §三) as a decider, without a server: Given the events it took, When one
// more arrives, Then where it stands (or why it is refused, in business words). And the order's side:
// when it takes complaints, what each step of a complaint changes on it, and the money it agrees.

const at = (hour: number) => new Date(Date.UTC(2026, 10, 2, hour)).toISOString();
type Sent = [Role, ComplaintEvent['type'], object?];

function event([role, type, data = {}]: Sent): ComplaintEvent {
  return complaintEventSchemas[type].parse({ type, actor: { id: `${role}-1`, role }, data }) as ComplaintEvent;
}

/** Given a complaint that took these events, one an hour. */
function given(...sent: Sent[]): ComplaintState {
  const c = openComplaint({
    orderNumber: 'SO-1',
    number: 1,
    category: 'installation',
    description: 'the sash sticks',
    filedAt: at(0),
    filedBy: { id: 'cust-1', role: 'customer' },
    policy: { calendar: defaultPolicy.calendar, complaints: defaultPolicy.complaints },
  });
  sent.forEach((e, i) => {
    const misfit = whyNotComplaintEvent(c, event(e));
    assert.equal(misfit, undefined, `given ${e[1]}: ${misfit?.message}`);
    applyComplaintEvent(c, event(e), at(i + 1));
  });
  return c;
}

const contacted: Sent = ['technical', 'customer-contacted', { channel: 'phone' }];
const found = (responsibleParty: string, cause = responsibleParty === 'none' ? 'other' : responsibleParty): Sent => [
  'technical',
  'cause-found',
  { responsibleParty, cause, finding: 'checked against drawing W-1 v2' },
];
const scheduled: Sent = ['order-desk', 'fix-scheduled', { visitDate: '2026-11-05', team: 'team 2', plan: 'refit the frame' }];
const fixed: Sent = ['service', 'visit-made', { outcome: 'fixed', report: 'refitted' }];
const satisfied: Sent = ['customer', 'customer-satisfied', { rating: 5 }];

/** The notices the complaint's last step asks the order to send, as [to, type]. */
const told = (c: ComplaintState) => c.unreported[c.unreported.length - 1].notices.map((n) => [n.to, n.type]);

describe('a complaint, Given / When / Then', () => {
  const cases: { given: Sent[]; when: Sent; then: ComplaintStage; expects?: string[] }[] = [
    { given: [], when: contacted, then: 'investigating', expects: ['cause-found', 'closed-by-supervisor'] },
    { given: [contacted], when: found('installation'), then: 'fix-pending', expects: ['fix-scheduled', 'closed-by-supervisor'] },
    { given: [contacted], when: found('production', 'quality'), then: 'fix-pending' },
    { given: [contacted], when: found('customer', 'other'), then: 'awaiting-confirmation' },
    { given: [contacted], when: found('none'), then: 'awaiting-confirmation' },
    {
      given: [contacted, found('installation')],
      when: scheduled,
      then: 'visit-scheduled',
      expects: ['visit-made', 'fix-scheduled', 'closed-by-supervisor'],
    },
    { given: [contacted, found('installation'), scheduled], when: fixed, then: 'awaiting-confirmation' },
    {
      given: [contacted, found('installation'), scheduled],
      when: ['service', 'visit-made', { outcome: 'another-visit-needed', report: 'a part is missing' }],
      then: 'fix-pending',
    },
    { given: [contacted, found('installation'), scheduled, fixed], when: satisfied, then: 'closed', expects: ['callback-made'] },
    {
      given: [contacted, found('installation'), scheduled, fixed],
      when: ['customer', 'customer-not-satisfied', { reason: 'still draughty' }],
      then: 'fix-pending',
    },
    {
      given: [contacted, found('installation'), scheduled, fixed],
      when: ['sales-rep', 'customer-satisfied', { confirmationRef: 'service sheet 7, signed' }],
      then: 'closed',
    },
    { given: [], when: ['supervisor', 'closed-by-supervisor', { reason: 'a duplicate of complaint 1' }], then: 'closed' },
    {
      given: [contacted, found('installation'), scheduled, fixed, satisfied, ['service', 'callback-made', {}]],
      when: ['sales-rep', 'callback-made', { rating: 5 }],
      then: 'finished',
      expects: [],
    },
  ];
  for (const { given: past, when, then, expects } of cases) {
    // The party found, or the visit's outcome, tells cases of one event apart.
    const detail = Object.values(when[2] ?? {}).find((v) => typeof v === 'string' && /^[a-z-]+$/.test(v));
    it(`given ${past.map((e) => e[1]).join(', ') || 'just filed'}, when ${when[0]} sends ${when[1]}${detail ? ` (${detail})` : ''}, then it is ${then}`, () => {
      const c = given(...past);
      assert.equal(whyNotComplaintEvent(c, event(when)), undefined);
      applyComplaintEvent(c, event(when), at(20));
      assert.equal(c.stage, then);
      if (expects) assert.deepEqual(expectedComplaintEvents(c), expects);
    });
  }

  const refusals: { given: Sent[]; when: Sent; kind: string; message: RegExp }[] = [
    { given: [], when: found('installation'), kind: 'not-expected', message: /complaint 1 is reported and expects customer-contacted/ },
    { given: [], when: ['service', 'customer-contacted', { channel: 'phone' }], kind: 'not-permitted', message: /allowed: technical/ },
    {
      given: [contacted, found('installation'), scheduled, fixed],
      when: ['sales-rep', 'customer-satisfied', {}],
      kind: 'not-permitted',
      message: /only with the reference of their written or recorded confirmation/,
    },
    { given: [contacted, found('installation')], when: satisfied, kind: 'not-expected', message: /is fix-pending/ },
    {
      given: [],
      when: ['regional-manager', 'closed-by-supervisor', { reason: 'x' }],
      kind: 'not-permitted',
      message: /allowed: supervisor/,
    },
    {
      given: [contacted, found('installation')],
      when: ['order-desk', 'fix-scheduled', { visitDate: '2026-10-01', team: 'team 2', plan: 'refit' }],
      kind: 'not-expected',
      message: /before the complaint was filed/,
    },
    {
      given: [
        contacted,
        found('installation'),
        scheduled,
        fixed,
        satisfied,
        ['service', 'callback-made', {}],
        ['service', 'callback-made', {}],
      ],
      when: ['service', 'callback-made', {}],
      kind: 'not-expected',
      message: /is finished and expects no events/,
    },
  ];
  for (const { given: past, when, kind, message } of refusals) {
    it(`given ${past.map((e) => e[1]).join(', ') || 'just filed'}, ${when[1]} from ${when[0]} is refused (${kind})`, () => {
      const misfit = whyNotComplaintEvent(given(...past), event(when));
      assert.equal(misfit?.kind, kind);
      assert.match(misfit!.message, message);
    });
  }

  it('tells the regional manager of the finding; an installation problem goes to the marketing assistant, a production one to QC and the repair department', () => {
    assert.deepEqual(told(given(contacted, found('installation'))), [
      ['regional-manager', 'complaint-finding'],
      ['order-desk', 'complaint-fix'],
    ]);
    assert.deepEqual(told(given(contacted, found('transport'))), [
      ['regional-manager', 'complaint-finding'],
      ['order-desk', 'complaint-fix'],
      ['qc', 'complaint-fix'],
      ['service', 'complaint-fix'],
    ]);
  });

  it('a visit scheduled tells the customer and the marketing assistant who goes along; the fix clock counts again when the customer is not satisfied', () => {
    const c = given(contacted, found('installation'), scheduled);
    assert.deepEqual(told(c), [
      ['customer', 'complaint-visit'],
      ['order-desk', 'complaint-visit'],
    ]);
    assert.equal(c.fixPendingSince, undefined);
    const again = given(contacted, found('installation'), scheduled, fixed, [
      'customer',
      'customer-not-satisfied',
      { reason: 'still draughty' },
    ]);
    assert.equal(again.fixPendingSince, at(5));
  });

  it("closes only on the customer's word or a supervisor's reason, reported to the order with how it closed", () => {
    const c = given(contacted, found('installation'), scheduled, fixed, satisfied);
    assert.deepEqual(c.unreported.at(-1)!.closed, {
      at: at(5),
      resolution: 'the customer confirmed satisfaction (rating 5)',
      resolutionZh: '客户确认满意（评分 5）',
    });
    const closed = given(['supervisor', 'closed-by-supervisor', { reason: 'the customer withdrew it' }]);
    assert.equal(closed.supervisorClose?.reason, 'the customer withdrew it');
    assert.equal(closed.unreported.at(-1)!.closed?.resolution, 'closed by the supervisor: the customer withdrew it');
    assert.equal(closed.unreported.at(-1)!.closed?.resolutionZh, '主管结案：the customer withdrew it');
  });

  it('the policy decides who sends a step', () => {
    const policy = resolvePolicy({ complaints: { permissions: { 'customer-contacted': ['service'] } } });
    const c = openComplaint({ ...given(), policy: { calendar: policy.calendar, complaints: policy.complaints } });
    assert.equal(whyNotComplaintEvent(c, event(['service', 'customer-contacted', { channel: 'visit' }])), undefined);
    assert.equal(whyNotComplaintEvent(c, event(contacted))?.kind, 'not-permitted');
    // The steps it does not name keep their defaults.
    assert.deepEqual(policy.complaints.permissions['cause-found'], ['technical']);
  });
});

describe("a complaint on its order (the order's side)", () => {
  const send = (s: OrderState, role: Role, type: string, data: object = {}, hour = 10) => accept(s, role, type, data, at(hour));
  /** Given a class A order of ¥5,000, shipped (in transit), whose complaints are their own workflows. */
  function shipped(): OrderState {
    const s = openOrder(OrderInput.parse(standardOrder()), defaultPolicy, at(0));
    s.complaintWorkflows = true;
    for (const [role, type, data] of toShipped) send(s, role, type, data, 1);
    return s;
  }
  const filed = { category: 'quality', description: 'a cracked shade' };

  it('takes complaint-filed from in-transit on, tells the regional manager and technical at once, and starts none twice', () => {
    const s = shipped();
    assert.equal(s.stage, 'in-transit');
    assert.ok(expectedEvents(s).includes('complaint-filed'));
    send(s, 'customer', 'complaint-filed', filed);
    send(s, 'customer', 'complaint-filed', { category: 'transport', description: 'a crushed carton' });
    assert.deepEqual(
      s.complaints.map((c) => [c.number, c.stage, c.started]),
      [
        [1, 'reported', false],
        [2, 'reported', false],
      ],
    );
    const notices = s.pendingNotices.filter((n) => n.type === 'complaint').map((n) => n.to);
    assert.deepEqual(notices, ['regional-manager', 'technical', 'regional-manager', 'technical']);
    // Closed by its own workflow, never by the order's complaint-resolved.
    assert.ok(!expectedEvents(s).includes('complaint-resolved'));
  });

  it('refuses complaint-filed before the goods are on their way', () => {
    const s = openOrder(OrderInput.parse(standardOrder()), defaultPolicy, at(0));
    s.complaintWorkflows = true;
    assert.match(whyNot(s, 'customer', 'complaint-filed', filed)!.message, /stage intake/);
  });

  it("keeps each step on the complaint's line once; a closed complaint with callbacks to make still holds the archive", () => {
    const s = shipped();
    send(s, 'customer', 'complaint-filed', filed);
    const c = given(contacted, found('production', 'quality'), scheduled, fixed, satisfied);
    for (const report of c.unreported) takeComplaintReport(s, { ...report, number: 1 }, at(12));
    takeComplaintReport(s, { ...c.unreported[0], number: 1 }, at(13)); // a report taken twice changes nothing
    const [complaint] = s.complaints;
    assert.deepEqual(
      [complaint.stage, complaint.responsibleParty, complaint.cause, complaint.resolution, complaint.resolutionZh],
      ['closed', 'production', 'quality', 'the customer confirmed satisfaction (rating 5)', '客户确认满意（评分 5）'],
    );
    assert.equal(s.timeline.filter((t) => t.kind === 'complaint').length, c.unreported.length);
    const closing = s.timeline.filter((t) => t.kind === 'complaint' && t.type === 'customer-satisfied').at(-1)!;
    assert.deepEqual([closing.detail, closing.zh], ['complaint 1 customer-satisfied: rating=5', '投诉 1：满意度：5']);
    assert.deepEqual(
      s.satisfaction?.map((r) => r.rating),
      [5],
    );
    send(s, 'customer', 'signed-for', { receiptRef: 'AR-1' }, 14);
    s.facts.archivedAt = at(15);
    assert.equal(currentStage(s), 'after-sales', 'not archived while the callbacks are due');
  });

  it("counts the callbacks made on the order's complaint, so that the next one is owed from its own due time", () => {
    const s = shipped();
    send(s, 'customer', 'complaint-filed', filed);
    const calledBack: Sent = ['service', 'callback-made', {}];
    const c = given(contacted, found('production', 'quality'), scheduled, fixed, satisfied, calledBack);
    for (const report of c.unreported) takeComplaintReport(s, { ...report, number: 1 }, at(12));
    assert.deepEqual([s.complaints[0].stage, s.complaints[0].callbacks], ['closed', 1]);
    const more = given(contacted, found('production', 'quality'), scheduled, fixed, satisfied, calledBack, calledBack);
    for (const report of more.unreported) takeComplaintReport(s, { ...report, number: 1 }, at(13));
    assert.deepEqual([s.complaints[0].stage, s.complaints[0].callbacks], ['finished', 2]);
  });

  it('takes compensation for an open complaint onto the ledger, and refuses it above the contract or for a closed complaint', () => {
    const s = shipped();
    send(s, 'customer', 'complaint-filed', filed);
    send(s, 'regional-manager', 'complaint-compensation-agreed', { complaintNumber: 1, amount: 20_000, reason: 'a discount' });
    assert.equal(s.complaints[0].compensation, 20_000);
    assert.equal(s.ledger!.movements.filter((m) => m.kind === 'compensation').length, 1);
    const above = whyNot(s, 'supervisor', 'complaint-compensation-agreed', { complaintNumber: 1, amount: 500_000, reason: 'x' });
    assert.deepEqual([above?.kind, above?.amountDue], ['amount-above-due', 480_000]);
    assert.match(
      whyNot(s, 'supervisor', 'complaint-compensation-agreed', { complaintNumber: 2, amount: 1, reason: 'x' })!.message,
      /complaint 2 is not an open complaint of this order \(open: 1\)/,
    );
    assert.equal(
      whyNot(s, 'sales-rep', 'complaint-compensation-agreed', { complaintNumber: 1, amount: 1, reason: 'x' })?.kind,
      'not-permitted',
    );
  });

  it('an order from before keeps complaint-resolved, in after-sales only', () => {
    const s = shipped();
    delete s.complaintWorkflows;
    assert.ok(!expectedEvents(s).includes('complaint-filed'), 'not in transit');
    send(s, 'customer', 'signed-for', { receiptRef: 'AR-1' });
    send(s, 'customer', 'complaint-filed', filed);
    assert.ok(expectedEvents(s).includes('complaint-resolved'));
    assert.equal(s.complaints[0].stage, undefined);
  });
});
