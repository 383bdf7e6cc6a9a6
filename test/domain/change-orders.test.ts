import assert from 'node:assert/strict';
import { apply } from '../../workflows/domain/apply';
import { OrderEvent } from '../../workflows/domain/events';
import { OrderInput, type Role } from '../../workflows/domain/order';
import { defaultPolicy, resolvePolicy, type Policy } from '../../workflows/domain/policy';
import { expectedEvents } from '../../workflows/domain/route';
import { snapshotOf } from '../../workflows/domain/snapshot';
import { openOrder, type OrderState } from '../../workflows/domain/state';
import { accept, actorOf, whyNot } from '../support/decider';
import { standardOrder } from '../support/scenario';

// Change orders (需求变更, domain.md §13), without a server: asked without a price, assessed and
// priced by production, the price approved by finance under the policy, confirmed by the customer,
// and only then version N+1 of the lines, the old version kept.

const at = (hour: number) => new Date(Date.UTC(2026, 10, 2, hour)).toISOString();
const white = { productCode: 'LAMP-1', quantity: 10, unitPrice: 50_000, nonStandard: 'white' };
const black = { productCode: 'LAMP-1', quantity: 10, unitPrice: 52_000, nonStandard: 'black', priceBasis: 'price-list' as const };

const send = (s: OrderState, role: Role, type: string, data: object, hour = 10) => accept(s, role, type, data, at(hour));

/** Given a ¥5,000 class A order of ten white lamps (custom), in production with its technical order issued. */
function inProduction(policy: Policy = defaultPolicy): OrderState {
  const s = openOrder(OrderInput.parse(standardOrder({ lines: [white] })), policy, at(1));
  for (const [role, type, data] of [
    ['order-desk', 'order-confirmed', {}],
    ['technical', 'feasibility-decided', { feasible: true }],
    ['purchasing', 'materials-confirmed', { confirmationRef: 'MAT-1' }],
    ['technical', 'drawing-sent', { version: 1, drawingRef: 'DWG-1' }],
    ['customer', 'drawing-confirmed', { version: 1 }],
    ['finance', 'price-approved', {}],
    ['supervisor', 'supervisor-approved', {}],
    ['production', 'delivery-date-estimated', { promisedDate: '2031-03-10' }],
    ['order-desk', 'confirmation-sent', { documentRef: 'OC-1' }],
    ['order-desk', 'signed-confirmation-returned', { documentRef: 'OC-1s' }],
    ['finance', 'production-notice-issued', { noticeRef: 'PN-1' }],
    ['technical', 'technical-order-issued', { orderRef: 'TO-1' }],
  ] as const)
    send(s, role, type, data, 2);
  assert.equal(s.stage, 'production');
  return s;
}

const noticesTo = (s: OrderState, type: string) => s.pendingNotices.filter((n) => n.type === type).map((n) => n.to);

describe('change orders (需求变更)', () => {
  it('a change request carries no price: neither an amount nor a unit price on its lines', () => {
    const ask = (data: object) => OrderEvent.safeParse({ type: 'change-requested', actor: actorOf('customer'), data });
    assert.equal(ask({ description: 'black instead of white' }).success, true);
    const withAmount = ask({ description: 'black instead of white', newAmount: 1 });
    assert.deepEqual(
      withAmount.error?.issues.map((i) => [i.code, i.path.join('.')]),
      [['unrecognized_keys', 'data']],
    );
    const withPrice = ask({ description: 'black', lines: [{ productCode: 'LAMP-1', quantity: 10, unitPrice: 1 }] });
    assert.deepEqual(
      withPrice.error?.issues.map((i) => [i.code, i.path.join('.')]),
      [['unrecognized_keys', 'data.lines.0']],
    );
  });

  it('given an order in production, when the customer asks for black lamps, then production assesses it, with technical and purchasing told', () => {
    const s = inProduction();
    send(s, 'customer', 'change-requested', {
      description: 'black instead of white',
      lines: [{ productCode: 'LAMP-1', quantity: 10, nonStandard: 'black' }],
    });
    assert.deepEqual(noticesTo(s, 'change-request'), ['production']);
    assert.deepEqual(noticesTo(s, 'change-materials'), ['technical', 'purchasing']);
    assert.equal(s.amendments[0].state, 'requested');
    assert.deepEqual(s.amendments[0].requestedBy, actorOf('customer'));
    assert.ok(expectedEvents(s).includes('change-assessed'));
    // Not confirmable before production has priced it, and nothing else is asked meanwhile.
    assert.match(whyNot(s, 'customer', 'change-confirmed', { version: 1 })!.message, /expects .*change-assessed/);
    assert.equal(whyNot(s, 'customer', 'change-requested', { description: 'and a 5 m chain' })?.kind, 'not-expected');
    assert.equal(whyNot(s, 'technical', 'change-assessed', { version: 1, feasible: true, lines: [black] })?.kind, 'not-permitted');
    assert.match(
      whyNot(s, 'production', 'change-assessed', { version: 2, feasible: true, lines: [black] })!.message,
      /amendment 1 is the one pending/,
    );
    assert.match(
      whyNot(s, 'production', 'change-assessed', { version: 1, feasible: true })!.message,
      /names the amended lines with their prices, or the new promised date/,
    );
  });

  it('when production prices it, finance approves the price, the customer confirms: then lines v2 apply, v1 kept, production and technical told', () => {
    const s = inProduction();
    send(s, 'customer', 'change-requested', { description: 'black instead of white' }, 10);
    send(s, 'production', 'change-assessed', { version: 1, feasible: true, lines: [black], newPromisedDate: '2031-03-15' }, 11);
    // Technical and purchasing hear of the materials once production names the new lines.
    assert.deepEqual(noticesTo(s, 'change-materials'), ['technical', 'purchasing']);
    assert.equal(s.amendments[0].state, 'awaiting-price-approval');
    assert.equal(s.amendments[0].newAmount, 520_000);
    assert.deepEqual(noticesTo(s, 'change-price-review'), ['finance']);
    assert.equal(whyNot(s, 'customer', 'change-confirmed', { version: 1 })?.kind, 'not-expected', 'not before finance');
    assert.equal(whyNot(s, 'production', 'change-price-approved', { version: 1 })?.kind, 'not-permitted');

    send(s, 'finance', 'change-price-approved', { version: 1 }, 12);
    assert.equal(s.amendments[0].state, 'awaiting-customer');
    assert.deepEqual(noticesTo(s, 'change-terms'), ['customer']);
    assert.equal(s.amount, 500_000, 'nothing applies before the customer confirms');

    // The desk confirms only on the customer's written confirmation.
    assert.match(whyNot(s, 'order-desk', 'change-confirmed', { version: 1 })!.message, /written confirmation \(confirmationRef\)/);
    assert.equal(whyNot(s, 'order-desk', 'change-confirmed', { version: 1, confirmationRef: 'CC-1' }), undefined);
    send(s, 'customer', 'change-confirmed', { version: 1 }, 13);

    const snapshot = snapshotOf(s);
    assert.equal(snapshot.amount, 520_000);
    assert.equal(snapshot.promisedDate, '2031-03-15');
    assert.deepEqual(
      snapshot.lineVersions.map((v) => [v.version, v.amount, v.promisedDate, v.lines[0].nonStandard, v.amendment]),
      [
        [1, 500_000, '2031-03-10', 'white', undefined],
        [2, 520_000, '2031-03-15', 'black', 1],
      ],
    );
    assert.equal(snapshot.amendments[0].state, 'confirmed');
    assert.equal(snapshot.amendments[0].linesVersion, 2);
    const entry = s.timeline.find((t) => t.kind === 'lines-version')!;
    assert.equal(entry.type, 'lines-v2');
    assert.equal(
      entry.detail,
      'v1 500000 fen, promised 2031-03-10 → v2 520000 fen, promised 2031-03-15 (amendment v1: black instead of white)',
    );
    assert.deepEqual(noticesTo(s, 'change-confirmed'), ['production', 'technical', 'purchasing']);
    assert.match(s.pendingNotices.find((n) => n.type === 'change-confirmed')!.detail, /make lines v2, promised 2031-03-15/);
    assert.equal(s.stage, 'production');
    assert.deepEqual(
      expectedEvents(s).filter((t) => t.startsWith('change-')),
      ['change-requested'],
      'the next change may come',
    );
  });

  it('asks finance only when the price policy says so: within the threshold straight to the customer, a quoted price always', () => {
    const policy = resolvePolicy({ changes: { priceApprovalAbove: 50_000 } });
    const s = inProduction(policy);
    send(s, 'sales-rep', 'change-requested', { description: 'black' });
    send(s, 'production', 'change-assessed', { version: 1, feasible: true, lines: [black] });
    assert.equal(s.amendments[0].priceApprovalNeeded, false);
    assert.equal(s.amendments[0].state, 'awaiting-customer');
    send(s, 'customer', 'change-rejected', { version: 1, reason: 'too dear' });
    assert.deepEqual(noticesTo(s, 'change-rejected'), ['production']);
    assert.equal(s.amount, 500_000);

    send(s, 'customer', 'change-requested', { description: 'a matching lamp shade' });
    send(s, 'production', 'change-assessed', {
      version: 2,
      feasible: true,
      lines: [{ ...black, unitPrice: 50_000, priceBasis: 'quote', quoteRef: 'Q-7' }],
    });
    assert.equal(s.amendments[1].state, 'awaiting-price-approval', 'a quote goes to finance even at the same amount');
  });

  it('an infeasible change is kept as such, the sales rep tells the customer, and the order goes on as it was', () => {
    const s = inProduction();
    send(s, 'customer', 'change-requested', { description: 'gold plating' });
    send(s, 'production', 'change-assessed', { version: 1, feasible: false, reason: 'no plating line' });
    assert.equal(s.amendments[0].state, 'infeasible');
    assert.deepEqual(noticesTo(s, 'change-infeasible'), ['sales-rep']);
    assert.ok(expectedEvents(s).includes('change-requested'));
  });

  it('a confirmed change to the drawings asks technical for a revised technical order before QC', () => {
    const s = inProduction();
    send(s, 'customer', 'change-requested', { description: 'longer chain' });
    send(s, 'production', 'change-assessed', { version: 1, feasible: true, newPromisedDate: '2031-03-20', drawingsChange: true });
    assert.equal(s.amendments[0].state, 'awaiting-customer', 'no price change: nothing for finance');
    send(s, 'customer', 'change-confirmed', { version: 1 }, 12);
    assert.deepEqual(noticesTo(s, 'technical-order-revision'), ['technical']);
    assert.equal(s.facts.technicalOrderAt, undefined);
    assert.equal(s.facts.technicalOrderRevisedFrom, at(12));
    assert.ok(expectedEvents(s).includes('technical-order-issued'));
    assert.ok(!expectedEvents(s).includes('qc-passed'));
    assert.equal(s.lineVersions, undefined, 'a date change leaves the lines at v1');
    assert.equal(s.promisedDate, '2031-03-20');
  });

  it('given finished goods in the warehouse, a confirmed change sends them back to production for rework', () => {
    const s = inProduction();
    send(s, 'qc', 'qc-passed', { reportRef: 'QC-1' });
    send(s, 'warehouse', 'stocked', { location: 'A-1' });
    assert.equal(s.stage, 'release');
    send(s, 'customer', 'change-requested', { description: 'black instead of white' });
    send(s, 'production', 'change-assessed', { version: 1, feasible: true, lines: [{ ...black, unitPrice: 50_000 }] });
    send(s, 'customer', 'change-confirmed', { version: 1 }, 14);
    assert.equal(s.stage, 'production');
    assert.equal(s.status, 'in-production');
    assert.equal(s.amendments[0].rework, true);
    assert.deepEqual(noticesTo(s, 'change-rework'), ['warehouse']);
    assert.match(
      s.pendingNotices.find((n) => n.type === 'change-confirmed' && n.to === 'production')!.detail,
      /rework the finished goods, make lines v2/,
    );
    assert.ok(expectedEvents(s).includes('qc-passed'), 'QC passes the reworked goods again');
  });

  it('after shipping a change is refused: it is a complaint or a return', () => {
    const s = inProduction();
    for (const [role, type, data] of [
      ['qc', 'qc-passed', { reportRef: 'QC-1' }],
      ['warehouse', 'stocked', { location: 'A-1' }],
      ['order-desk', 'shipping-requested', { requestRef: 'SR-1' }],
      ['warehouse', 'shipped', { carrier: 'SF', trackingRef: 'SF-1' }],
    ] as const)
      send(s, role, type, data);
    const misfit = whyNot(s, 'customer', 'change-requested', { description: 'black instead of white' });
    assert.equal(misfit?.kind, 'not-expected');
    assert.match(misfit!.message, /^the goods have shipped: a change now is a complaint or a return \(complaint-filed\)/);
    assert.match(misfit!.message, /expects signed-for/);
  });

  it('keeps the orders that ran before: an amount set by the asker and confirmed by the desk applies as it did, telling nobody', () => {
    const s = inProduction();
    const before = s.pendingNotices.length;
    // Such events are in the histories of running orders: replay applies them without the validator.
    apply(
      s,
      {
        type: 'change-requested',
        actor: actorOf('customer'),
        data: { description: 'two lamps', newAmount: 100_000, newPromisedDate: '2031-03-12' } as never,
      },
      at(10),
    );
    apply(s, { type: 'change-confirmed', actor: actorOf('order-desk'), data: { version: 1 } }, at(11));
    assert.equal(s.amount, 100_000);
    assert.equal(s.promisedDate, '2031-03-12');
    assert.equal(s.pendingNotices.length, before + 1, 'production told of the request only, as before');
    // An order whose policy predates the new events takes their default roles.
    // A policy file written before them, too.
    const { 'change-assessed': _, 'change-price-approved': __, ...written } = defaultPolicy.permissions;
    assert.deepEqual(resolvePolicy({ permissions: written }).permissions['change-assessed'], ['production']);
    const policy = structuredClone(defaultPolicy);
    delete (policy.permissions as Partial<Policy['permissions']>)['change-assessed'];
    const old = inProduction(policy);
    send(old, 'customer', 'change-requested', { description: 'black' });
    assert.equal(whyNot(old, 'production', 'change-assessed', { version: 1, feasible: false }), undefined);
  });
});
