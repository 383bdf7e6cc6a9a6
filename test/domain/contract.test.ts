import assert from 'node:assert/strict';
import { channelForms, policyFor } from '../../client/channels';
import { OrderInput, type Role } from '../../workflows/domain/order';
import { resolvePolicy } from '../../workflows/domain/policy';
import { advance, expectedEvents } from '../../workflows/domain/route';
import { snapshotOf } from '../../workflows/domain/snapshot';
import { isLate, openOrder, type OrderState } from '../../workflows/domain/state';
import { accept, whyNot } from '../support/decider';

// The industrial contract (004), without a server: the price pre-review prices each product by its
// class's rule and routes a quote outside it to the sales manager or, above the threshold, the general
// manager; the contract review asks every department concerned, a point raised is resolved and
// reviewed again, and the last approval stamps it; a delay on the customer's side moves the date
// without making the order late.

const at = (hour: number) => new Date(Date.UTC(2031, 2, 3, hour)).toISOString();
const send = (s: OrderState, role: Role, type: string, data: object = {}, hour = 10) => accept(s, role, type, data, at(hour));
const refused = (s: OrderState, role: Role, type: string, data: object = {}) => whyNot(s, role, type, data)?.message;
const noticesTo = (s: OrderState, type: string) => s.pendingNotices.filter((n) => n.type === type).map((n) => n.to);

/**
 * Given a contract for a class B customer: 40 bearings (line 1) at `unitPrice` and 10 seals (line 2) at
 * 5,000 fen, its technical agreement agreed.
 */
function agreed(unitPrice: number, template: 'standard' | 'customer' = 'standard'): OrderState {
  const order = channelForms.contract.createSchema.parse({
    orderNumber: 'K-1',
    channel: 'contract',
    customer: { id: 'C-9', name: 'Xiangtan Gearbox Works', class: 'B' },
    salesRep: { id: 'rep-1' },
    lines: [
      { productCode: 'BRG-22320', specification: 'spherical roller bearing', quantity: 40, unitPrice },
      { productCode: 'SEAL-22320', quantity: 10, unitPrice: 5_000 },
    ],
    delivery: { address: 'Xiangtan', contact: 'Mr Peng', phone: '0731 0000' },
    contract: { endCustomer: 'Hunan Wind Power', hostMachineModel: 'GB-2.5MW', template },
  });
  const s = openOrder(OrderInput.parse(order), policyFor('contract', 'B'), at(1));
  advance(s, at(1));
  send(s, 'sales-rep', 'commercial-terms-agreed', { documentRef: 'TA-1 commercial' }, 2);
  send(s, 'technical', 'statement-of-work-agreed', { documentRef: 'TA-1 SOW' }, 2);
  assert.equal(s.stage, 'price-pre-review');
  return s;
}

/** Line 1 is class B at a list price of 100,000 fen (rule 115,000, band 109,250–126,500); line 2 class A at 5,000 (rule 5,000, band 4,500–6,000). */
const classified = {
  products: [
    { line: 2, productClass: 'A', listPrice: 5_000, basis: 'catalogue seal' },
    { line: 1, productClass: 'B', listPrice: 100_000, basis: 'modified cage for the host maker' },
  ],
};

describe('industrial contract: price pre-review (价格预审)', () => {
  it('given a class B product quoted within its rule, when the sales rep classifies the lines, then no approval: the quote goes out', () => {
    const s = agreed(120_000);
    send(s, 'sales-rep', 'price-pre-reviewed', classified);
    const { products, departure, approver } = s.contract!.pricing!;
    assert.deepEqual(
      products.map((p) => [p.line, p.productClass, p.rulePrice, p.lowest, p.highest, p.withinRule]),
      [
        [1, 'B', 115_000, 109_250, 126_500, true],
        [2, 'A', 5_000, 4_500, 6_000, true],
      ],
    );
    assert.deepEqual([departure, approver], [0, null]);
    assert.equal(s.stage, 'quotation');
    assert.deepEqual(noticesTo(s, 'price-exception'), []);
  });

  it("prices by the customer's class too: a class A customer's factor lowers the rule price", () => {
    const s = agreed(120_000);
    s.order.customer.class = 'A';
    send(s, 'sales-rep', 'price-pre-reviewed', classified);
    assert.equal(s.contract!.pricing!.products[0].rulePrice, 111_550, '100,000 × 1.15 × 0.97');
  });

  it('given a quote below the band by a little, then the sales manager (supervisor) approves it', () => {
    const s = agreed(105_000); // 10,000 fen under the rule price × 40 = 400,000 fen, under the ¥50,000 threshold
    send(s, 'sales-rep', 'price-pre-reviewed', classified);
    assert.deepEqual([s.contract!.pricing!.departure, s.contract!.pricing!.approver], [400_000, 'supervisor']);
    assert.deepEqual(noticesTo(s, 'price-exception'), ['supervisor']);
    assert.deepEqual(
      expectedEvents(s).filter((t) => !t.startsWith('contract-') && t !== 'cancelled'),
      ['price-exception-approved'],
    );
    send(s, 'supervisor', 'price-exception-approved', { comment: 'volume' });
    assert.equal(s.stage, 'quotation');
  });

  it('given a class B product priced above the rule by more than the threshold, then only the general manager approves it', () => {
    const s = agreed(260_000); // 145,000 fen over the rule price × 40 = 5,800,000 fen > 5,000,000
    send(s, 'sales-rep', 'price-pre-reviewed', classified);
    assert.deepEqual([s.contract!.pricing!.departure, s.contract!.pricing!.approver], [5_800_000, 'general-manager']);
    assert.deepEqual(noticesTo(s, 'price-exception'), ['general-manager']);
    assert.match(
      s.pendingNotices.find((n) => n.type === 'price-exception')!.detail,
      /line 1 \(BRG-22320, class B\) at 260000 fen, rule 109250–126500 fen/,
    );
    assert.equal(
      refused(s, 'supervisor', 'price-exception-approved'),
      'the quote departs from the rule prices by 5800000 fen, above the 5000000 fen the sales manager may approve: the general manager approves it',
    );
    assert.match(refused(s, 'sales-rep', 'price-exception-approved')!, /sales-rep may not send price-exception-approved/);
    send(s, 'general-manager', 'price-exception-approved', { comment: 'sole-source special design' });
    assert.equal(s.stage, 'quotation');
  });

  it("the threshold is the policy's: at ¥100,000 the same quote goes to the sales manager", () => {
    const s = agreed(260_000);
    s.policy = policyFor('contract', 'B', { contract: { generalManagerAbove: 10_000_000 } });
    send(s, 'sales-rep', 'price-pre-reviewed', classified);
    assert.equal(s.contract!.pricing!.approver, 'supervisor');
  });

  it('every order line is classified exactly once', () => {
    const s = agreed(120_000);
    assert.equal(
      refused(s, 'sales-rep', 'price-pre-reviewed', { products: [classified.products[1]] }),
      'classify every order line exactly once: lines 1, 2 (got 1)',
    );
    assert.match(
      refused(s, 'sales-rep', 'price-pre-reviewed', { products: [...classified.products, classified.products[0]] })!,
      /got 1, 2, 2/,
    );
  });

  it('finance always reviews the price: a policy without finance among the reviewers is refused', () => {
    assert.throws(() => resolvePolicy({ contract: { reviewers: ['technical', 'production'] } }), /finance always reviews the price/);
  });
});

/** Given a contract priced within its rule, quoted and drafted: its review has begun. */
function inReview(template: 'standard' | 'customer' = 'standard') {
  const s = agreed(120_000, template);
  send(s, 'sales-rep', 'price-pre-reviewed', classified, 3);
  send(s, 'sales-rep', 'quote-sent', { quoteRef: 'Q-1', medium: 'email' }, 3);
  send(s, 'sales-rep', 'contract-drafted', { contractRef: 'SC-1 v1' }, 4);
  assert.equal(s.stage, 'contract-review');
  return s;
}

describe('industrial contract: contract review (合同评审)', () => {
  it('given a drafted contract, then technical, finance and production each review their part', () => {
    const s = inReview();
    assert.deepEqual(
      s.contract!.reviews.map((r) => [r.role, r.state]),
      [
        ['technical', 'pending'],
        ['finance', 'pending'],
        ['production', 'pending'],
      ],
    );
    assert.match(refused(s, 'qc', 'contract-review-approved')!, /qc may not send/);
  });

  it("on the customer's template the sales manager reviews its text too", () => {
    const s = inReview('customer');
    assert.deepEqual(
      s.contract!.reviews.map((r) => r.role),
      ['technical', 'finance', 'production', 'supervisor'],
    );
  });

  it('given finance raises a point, when the rep resolves it, then finance reviews again; the last approval stamps the contract', () => {
    const s = inReview();
    send(s, 'technical', 'contract-review-approved', {}, 5);
    send(s, 'finance', 'contract-review-point-raised', { point: 'retention 10 % is above our 5 %' }, 5);
    assert.deepEqual(noticesTo(s, 'contract-review-point'), ['sales-rep']);
    assert.equal(
      refused(s, 'finance', 'contract-review-approved'),
      "finance's point 1 is not resolved yet: the sales rep resolves it first",
    );
    assert.equal(
      refused(s, 'sales-rep', 'contract-review-point-resolved', { point: 2, resolution: 'x' }),
      'point 2 is not an open review point (open: 1)',
    );
    assert.equal(refused(s, 'technical', 'contract-review-approved'), 'technical has already approved the contract');
    send(s, 'sales-rep', 'contract-review-point-resolved', { point: 1, resolution: 'customer accepts 5 %', contractRef: 'SC-1 v2' }, 6);
    assert.deepEqual(noticesTo(s, 'contract-review'), ['finance']);
    send(s, 'finance', 'contract-review-approved', {}, 7);
    assert.equal(
      refused(s, 'production', 'contract-review-approved'),
      "production's approval names the delivery date it commits to (promisedDate)",
    );
    send(s, 'production', 'contract-review-approved', { promisedDate: '2031-05-20' }, 8);
    assert.equal(s.contract!.stampedAt, at(8));
    assert.equal(s.promisedDate, '2031-05-20');
    assert.equal(s.stage, 'contract-signature');
    assert.deepEqual(noticesTo(s, 'contract-stamped'), ['sales-rep']);
    assert.deepEqual(
      s.contract!.points.map((p) => [p.number, p.role, p.resolved?.resolution]),
      [[1, 'finance', 'customer accepts 5 %']],
    );
    assert.deepEqual(
      snapshotOf(s).contract!.documents.map((d) => [d.kind, d.ref]),
      [
        ['technical-agreement', 'TA-1 commercial'],
        ['technical-agreement', 'TA-1 SOW'],
        ['quote', 'Q-1'],
        ['contract', 'SC-1 v1'],
        ['contract', 'SC-1 v2'],
      ],
    );
    assert.deepEqual(snapshotOf(s).contract!.terms, {
      endCustomer: 'Hunan Wind Power',
      hostMachineModel: 'GB-2.5MW',
      template: 'standard',
    });
  });

  it("a delay on the customer's side moves the promised date and tells production, without making the order late", () => {
    const s = inReview();
    send(s, 'technical', 'contract-review-approved');
    send(s, 'finance', 'contract-review-approved');
    send(s, 'production', 'contract-review-approved', { promisedDate: '2031-05-20' });
    send(s, 'sales-rep', 'signed-confirmation-returned', { documentRef: 'SC-1 signed' });
    assert.equal(s.stage, 'deposit', 'the 30 % advance');
    assert.equal(
      refused(s, 'sales-rep', 'customer-delay-recorded', { reason: 'site', newPromisedDate: '2031-05-01' }),
      "a delay on the customer's side moves the promised date 2031-05-20 later, not to 2031-05-01",
    );
    send(s, 'sales-rep', 'customer-delay-recorded', { reason: "customer's plant extension late", newPromisedDate: '2031-06-10' });
    assert.equal(s.promisedDate, '2031-06-10');
    assert.deepEqual(s.delays, []);
    assert.equal(isLate(s), false);
    assert.deepEqual(noticesTo(s, 'customer-delay'), ['production']);
  });
});
