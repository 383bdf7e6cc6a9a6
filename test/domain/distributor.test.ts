import assert from 'node:assert/strict';
import { channelForms, policyFor } from '../../client/channels';
import { materialDeadline } from '../../workflows/domain/distributor';
import type { Role } from '../../workflows/domain/order';
import { advance, expectedEvents } from '../../workflows/domain/route';
import { snapshotOf } from '../../workflows/domain/snapshot';
import { openOrder, type OrderState } from '../../workflows/domain/state';
import { projectionOf } from '../../workflows/read-model';
import { accept, whyNot } from '../support/decider';

// The distributor channel (代理商, 000 §一) without a server: enquiry and answer, the marketing
// assistant's review (the order desk), a quote per drawing, the contract in effect with the advance,
// the technical order after the distributor has answered every question, materials per family,
// chasing, the outbound notice, full payment before finance releases, the signed outbound notice.

const at = (hour: number) => new Date(Date.UTC(2031, 2, 3, hour)).toISOString(); // Monday 3 March 2031
const send = (s: OrderState, role: Role, type: string, data: object = {}) => accept(s, role, type, data, at(10));
const refusal = (s: OrderState, role: Role, type: string, data: object = {}) => whyNot(s, role, type, data)?.message;

/** Given a class B distributor's order of ¥10,000 (the channel's form and policy), opened on an enquiry. */
function given(overrides: Record<string, unknown> = {}): OrderState {
  const order = channelForms.distributor.createSchema.parse({
    orderNumber: 'D-1',
    channel: 'distributor',
    customer: { id: 'DIST-7', name: 'Wenzhou Windows Agency', class: 'B' },
    salesRep: { id: 'rep-1' },
    lines: [{ productCode: 'WIN-120', specification: '120 series casement', quantity: 10, unitPrice: 100_000 }],
    delivery: { address: 'No. 9 Road, Wenzhou', contact: 'Mr Chen', phone: '13900000000' },
    distributor: { enquiry: { question: 'Can the 120 series take an arched transom?', about: 'process' }, series: '120' },
    ...overrides,
  });
  return opened(order);
}

/** The order as its workflow opens it: into the first stage of its channel's route. */
function opened(order: unknown): OrderState {
  const s = openOrder(order as never, policyFor((order as { channel: 'distributor' | 'standard' }).channel, 'B'), at(1));
  advance(s, at(1));
  return s;
}

/** Through enquiry, review, quote and the contract signed and returned: waiting for the advance. */
function contractReturned(): OrderState {
  const s = given();
  send(s, 'order-desk', 'enquiry-answered', { enquiry: 1, answer: 'yes, down to a 5 cm rise' });
  send(s, 'order-desk', 'drawing-received', { drawingRef: 'DWG-1' });
  send(s, 'order-desk', 'drawings-reviewed', { withinLimits: true });
  for (const item of ['style', 'aluminium-colour', 'wood-colour', 'hardware', 'glass'])
    send(s, 'customer', 'spec-item-confirmed', { item, choice: 'x' });
  send(s, 'order-desk', 'quote-sent', { drawingRef: 'DWG-1', quoteRef: 'Q-1' });
  send(s, 'production', 'delivery-date-estimated', { promisedDate: '2031-04-30' });
  send(s, 'order-desk', 'confirmation-sent', { documentRef: 'CT-1' });
  send(s, 'order-desk', 'signed-confirmation-returned', { documentRef: 'CT-1s' });
  return s;
}

/** With the advance in as well: at the production notice. */
function contracted(): OrderState {
  const s = contractReturned();
  send(s, 'finance', 'deposit-received', { amount: 300_000, paymentRef: 'B-1' });
  return s;
}

/** Into production with the drawings handed over and the technical order issued. */
function designed(): OrderState {
  const s = contracted();
  send(s, 'finance', 'production-notice-issued', { noticeRef: 'PN-1' });
  send(s, 'order-desk', 'drawings-handed-over', { designer: 'Zhou Min' });
  send(s, 'technical', 'technical-order-issued', { orderRef: 'TO-1' });
  return s;
}

describe('distributor channel: enquiry and drawing review', () => {
  it('given an order opened on an enquiry, when nothing is answered yet, then it waits in enquiry for the answer or referral and the drawings', () => {
    const s = given();
    assert.equal(s.stage, 'enquiry');
    assert.equal(s.status, 'pending-confirmation');
    assert.deepEqual(expectedEvents(s).sort(), [
      'cancelled',
      'drawing-received',
      'enquiry-answered',
      'enquiry-received',
      'enquiry-referred',
      'surplus-colour-suggested',
    ]);
    assert.equal(snapshotOf(s, Date.parse(at(2))).distributor!.enquiries[0].question, 'Can the 120 series take an arched transom?');
  });

  it('given a complex process, when it is referred to R&D and technical answers, then the answer goes back to the distributor', () => {
    const s = given();
    send(s, 'order-desk', 'enquiry-referred', { enquiry: 1, note: 'check the bending limits' });
    assert.deepEqual(
      s.pendingNotices.filter((n) => n.type === 'enquiry-referred').map((n) => n.to),
      ['technical'],
    );
    assert.match(refusal(s, 'order-desk', 'enquiry-referred', { enquiry: 1 })!, /already with R&D and technical/);
    send(s, 'technical', 'enquiry-answered', { enquiry: 1, answer: 'yes, 5 cm rise minimum' });
    const answer = s.pendingNotices.find((n) => n.type === 'enquiry-answer')!;
    assert.equal(answer.to, 'customer');
    assert.match(answer.detail, /5 cm rise minimum/);
    assert.match(refusal(s, 'order-desk', 'enquiry-answered', { enquiry: 1, answer: 'again' })!, /expects/);
    assert.equal(s.stage, 'enquiry', 'still waiting for the drawings');
    send(s, 'customer', 'drawing-received', { drawingRef: 'DWG-1' });
    assert.equal(s.stage, 'drawing-review');
  });

  it('given drawings outside the limits, when R&D proposes a solution, then the order waits until the distributor agrees and every item is confirmed', () => {
    const s = given({ distributor: {} });
    send(s, 'order-desk', 'drawing-received', { drawingRef: 'DWG-1' });
    assert.equal(s.stage, 'drawing-review', 'no enquiry to answer');
    send(s, 'order-desk', 'drawings-reviewed', { withinLimits: false, note: 'corner post' });
    assert.equal(s.pendingNotices.find((n) => n.type === 'solution-needed')!.to, 'technical');
    assert.ok(!expectedEvents(s).includes('solution-agreed'), 'nothing to agree before R&D proposes');
    assert.match(refusal(s, 'order-desk', 'solution-proposed', { solution: 'x' })!, /order-desk may not send solution-proposed/);
    send(s, 'technical', 'solution-proposed', { solution: 'add a reinforced mullion' });
    for (const item of ['style', 'aluminium-colour', 'wood-colour', 'hardware', 'glass'])
      send(s, 'order-desk', 'spec-item-confirmed', { item, choice: 'x' });
    assert.equal(s.stage, 'drawing-review', 'the solution is not agreed yet');
    assert.match(
      refusal(s, 'order-desk', 'quote-sent', { drawingRef: 'DWG-1', quoteRef: 'Q-1' })!,
      /expects solution-proposed, solution-agreed/,
    );
    send(s, 'customer', 'solution-agreed', { agreementRef: 'FAX-1' });
    assert.equal(s.stage, 'quotation');
  });

  it('given drawings within the limits, when an item is still unconfirmed, then no quote yet; the surplus colour suggested is a note', () => {
    const s = given({ distributor: {} });
    send(s, 'order-desk', 'drawing-received', { drawingRef: 'DWG-1' });
    send(s, 'order-desk', 'drawings-reviewed', { withinLimits: true });
    send(s, 'order-desk', 'surplus-colour-suggested', { family: 'aluminium', colour: 'champagne', note: '600 m in stock' });
    for (const item of ['style', 'aluminium-colour', 'wood-colour', 'hardware'])
      send(s, 'customer', 'spec-item-confirmed', { item, choice: 'x' });
    const view = snapshotOf(s, Date.parse(at(11))).distributor!;
    assert.deepEqual(view.missingItems, ['glass']);
    assert.deepEqual(
      view.notes.map((n) => n.text),
      ['aluminium in champagne from surplus stock: 600 m in stock'],
    );
    assert.equal(s.stage, 'drawing-review');
    send(s, 'customer', 'spec-item-confirmed', { item: 'glass', choice: 'double low-e' });
    assert.equal(s.stage, 'quotation');
  });
});

describe('distributor channel: quote, contract and the advance', () => {
  it('given two drawings, when one is quoted, then the contract waits for the other; a quote names a drawing received, once', () => {
    const s = given({ distributor: {} });
    send(s, 'order-desk', 'drawing-received', { drawingRef: 'DWG-1' });
    send(s, 'order-desk', 'drawing-received', { drawingRef: 'DWG-2' });
    send(s, 'order-desk', 'drawings-reviewed', { withinLimits: true });
    for (const item of ['style', 'aluminium-colour', 'wood-colour', 'hardware', 'glass'])
      send(s, 'customer', 'spec-item-confirmed', { item, choice: 'x' });
    assert.match(
      refusal(s, 'order-desk', 'quote-sent', { drawingRef: 'DWG-9', quoteRef: 'Q-9' })!,
      /DWG-9 is not one the distributor sent/,
    );
    send(s, 'order-desk', 'quote-sent', { drawingRef: 'DWG-1', quoteRef: 'Q-1' });
    assert.equal(s.stage, 'quotation');
    assert.match(refusal(s, 'order-desk', 'quote-sent', { drawingRef: 'DWG-1', quoteRef: 'Q-1b' })!, /already quoted \(Q-1\)/);
    send(s, 'order-desk', 'quote-sent', { drawingRef: 'DWG-2', quoteRef: 'Q-2' });
    assert.equal(s.stage, 'delivery-estimate');
  });

  it('given the signed contract returned, when the advance named in the plan arrives, then the contract is in effect and finance stamps the production notice', () => {
    const s = contracted();
    assert.deepEqual(
      s.ledger!.plan.map((i) => [i.name, i.due]),
      [
        ['advance', { before: 'production' }],
        ['before-shipping', { before: 'shipping' }],
      ],
    );
    assert.equal(s.stage, 'production-notice');
    assert.equal(snapshotOf(s, Date.parse(at(11))).distributor!.contractEffective, true);
  });

  it('given the contract returned, when the advance has not arrived, then no production notice and the contract is not in effect', () => {
    const s = contractReturned();
    assert.equal(s.stage, 'deposit');
    assert.match(refusal(s, 'finance', 'production-notice-issued', { noticeRef: 'PN-1' })!, /expects deposit-received/);
    assert.equal(snapshotOf(s, Date.parse(at(11))).distributor!.contractEffective, false);
  });
});

describe('distributor channel: technical order, questions and materials', () => {
  it("given technical's question, when the distributor has not answered, then the technical order waits; answered, it may be issued", () => {
    const s = contracted();
    send(s, 'finance', 'production-notice-issued', { noticeRef: 'PN-1' });
    assert.match(refusal(s, 'technical', 'technical-order-issued', { orderRef: 'TO-1' })!, /^the drawings are not yet handed over/);
    send(s, 'order-desk', 'drawings-handed-over', { designer: 'Zhou Min', briefing: 'arched transom' });
    send(s, 'technical', 'technical-question-raised', { question: 'sill 50 or 80 mm?' });
    assert.equal(s.pendingNotices.find((n) => n.type === 'technical-question')!.to, 'order-desk');
    assert.match(refusal(s, 'technical', 'technical-order-issued', { orderRef: 'TO-1' })!, /questions 1 are not yet answered/);
    assert.match(
      refusal(s, 'order-desk', 'technical-question-answered', { question: 2, answer: 'x' })!,
      /question 2 is not open \(open: 1\)/,
    );
    send(s, 'customer', 'technical-question-answered', { question: 1, answer: '80 mm' });
    assert.equal(s.pendingNotices.find((n) => n.type === 'technical-answer')!.to, 'technical');
    send(s, 'technical', 'technical-order-issued', { orderRef: 'TO-1' });
    assert.ok(!expectedEvents(s).includes('technical-question-raised'), 'no questions once the technical order is out');
  });

  it('given a material family expected, when it has not arrived or the aluminium is out for spraying, then QC waits for it', () => {
    const s = designed();
    send(s, 'purchasing', 'material-expected', { family: 'glass', expectedDate: '2031-03-10' });
    send(s, 'purchasing', 'spraying-sent', { sprayer: 'Foshan Coatings' });
    assert.match(refusal(s, 'qc', 'qc-passed', { reportRef: 'QC-1' })!, /^materials not yet in: glass/);
    assert.match(refusal(s, 'purchasing', 'material-arrived', { family: 'wood' })!, /wood is not awaited \(awaited: glass\)/);
    send(s, 'warehouse', 'material-arrived', { family: 'glass' });
    assert.match(refusal(s, 'qc', 'qc-passed', { reportRef: 'QC-1' })!, /^the aluminium is still out for spraying/);
    send(s, 'purchasing', 'spraying-returned');
    send(s, 'qc', 'qc-passed', { reportRef: 'QC-1' });
    assert.equal(s.stage, 'put-away');
  });

  it("given the policy's grace days per family, then a family is late at the end of its expected date plus its working days of grace", () => {
    const s = given();
    // Glass: 2 working days of grace (Mon-Sat working): expected Friday 7 March → late after Monday 10 March.
    assert.equal(new Date(materialDeadline(s, 'glass', '2031-03-07')).toISOString(), '2031-03-10T16:00:00.000Z');
    assert.equal(new Date(materialDeadline(s, 'aluminium', '2031-03-07')).toISOString(), '2031-03-07T16:00:00.000Z', 'no grace');
  });
});

describe('distributor channel: chasing, outbound notice, full payment and release', () => {
  it('given a chase, when the marketing assistant tells the production state, then the distributor hears it and the chase is closed', () => {
    const s = designed();
    send(s, 'customer', 'goods-chased', { wantedBy: '2031-04-18' });
    assert.deepEqual(
      s.pendingNotices.filter((n) => n.type === 'goods-chased').map((n) => n.to),
      ['production', 'purchasing', 'order-desk'],
    );
    assert.ok(expectedEvents(s).includes('chase-answered'));
    send(s, 'order-desk', 'chase-answered', { told: 'frames done, glass on the 10th', percentDone: 60 });
    assert.equal(s.pendingNotices.find((n) => n.type === 'production-state')!.detail, 'frames done, glass on the 10th');
    assert.ok(!expectedEvents(s).includes('chase-answered'));
    assert.equal(snapshotOf(s, Date.parse(at(11))).distributor!.chases[0].told, 'frames done, glass on the 10th');
  });

  it('given the goods in stock, when the outbound notice is out but not all is paid, then finance cannot release and nothing ships', () => {
    const s = designed();
    send(s, 'qc', 'qc-passed', { reportRef: 'QC-1' });
    send(s, 'warehouse', 'stocked', { location: 'A-1' });
    assert.equal(s.stage, 'outbound-notice');
    assert.match(refusal(s, 'warehouse', 'shipped', { carrier: 'X', trackingRef: 'T' })!, /paid in full and finance has released/);
    send(s, 'order-desk', 'outbound-notice-issued', { noticeRef: 'OUT-1' });
    assert.match(s.pendingNotices.find((n) => n.type === 'outbound-notice')!.detail, /pay the contract amount in full \(700000 fen due\)/);
    assert.equal(s.stage, 'release');
    assert.deepEqual(projectionOf(s, 1).outboundNotice, { ref: 'OUT-1', issuedAt: at(10), signedAt: null }, 'counted in the read model');
    send(s, 'finance', 'payment-received', { amount: 400_000, paymentRef: 'B-2' });
    assert.match(
      refusal(s, 'finance', 'shipment-released', { releaseRef: 'R-1' })!,
      /^the contract is not paid in full: 300000 fen still due/,
    );
    send(s, 'finance', 'payment-received', { amount: 300_000, paymentRef: 'B-3' });
    assert.match(refusal(s, 'order-desk', 'shipment-released', { releaseRef: 'R-1' })!, /order-desk may not send shipment-released/);
    send(s, 'finance', 'shipment-released', { releaseRef: 'R-1' });
    assert.equal(s.stage, 'shipping');
    send(s, 'warehouse', 'shipped', { carrier: 'Deppon', trackingRef: 'DP-1' });
    assert.match(refusal(s, 'customer', 'complaint-filed', { category: 'quality', description: 'scratch' })!, /expects signed-for/);
    send(s, 'customer', 'signed-for', { receiptRef: 'OUT-1-signed' });
    const view = snapshotOf(s, Date.parse(at(11))).distributor!;
    assert.deepEqual(
      [view.outboundNotice!.ref, view.outboundNotice!.receiptRef, view.outboundNoticeSigned],
      ['OUT-1', 'OUT-1-signed', true],
    );
    assert.equal(projectionOf(s, 2).outboundNotice!.signedAt, at(10));
    assert.equal(s.stage, 'after-sales');
    send(s, 'customer', 'complaint-filed', { category: 'wrong-or-missing-goods', description: 'one sash missing' });
  });

  it('takes only its own events: no change requests, and its snapshot lists per channel', () => {
    const s = designed();
    assert.match(refusal(s, 'customer', 'change-requested', { description: 'blue' })!, /stage production and expects/);
    assert.ok(!expectedEvents(s).includes('shipping-requested'));
    const standard = opened(channelForms.standard.createSchema.parse({ ...s.order, channel: 'standard', distributor: undefined }));
    assert.equal(snapshotOf(standard, Date.parse(at(2))).distributor, null);
    assert.ok(!('outboundNotice' in projectionOf(standard, 1)), "another channel's row stays as it was");
    assert.deepEqual(expectedEvents(standard).sort(), ['cancelled', 'order-confirmed']);
  });
});
