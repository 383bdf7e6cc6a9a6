import assert from 'node:assert/strict';
import { apply } from '../../workflows/domain/apply';
import { OrderEvent } from '../../workflows/domain/events';
import { Fen, MAX_ORDER_AMOUNT, moneyCeilingIssues, OrderInput } from '../../workflows/domain/order';
import { defaultPolicy } from '../../workflows/domain/policy';
import { whyNotApplicable } from '../../workflows/domain/route';
import { snapshotOf } from '../../workflows/domain/snapshot';
import { balanceDue, openOrder, refundDue, type OrderState } from '../../workflows/domain/state';
import { standardOrder } from '../support/scenario';

// The money rules, without a server: the ¥10 billion ceiling, no more taken than is due, refunds after a lower amendment.

const at = '2026-11-02T01:00:00.000Z';
const actor = (role: OrderEvent['actor']['role']) => ({ id: `${role}-1`, role });
const event = (raw: unknown) => OrderEvent.parse(raw) as OrderEvent;
/** A ¥5,000 standard order with a 30 % deposit, confirmed and sent: it waits for its deposit of 150,000 fen. */
function awaitingDeposit(): OrderState {
  const s = openOrder(OrderInput.parse(standardOrder({ deposit: { kind: 'rate', basisPoints: 3000 } })), defaultPolicy, at);
  for (const [role, type, data] of [
    ['order-desk', 'order-confirmed', {}],
    ['finance', 'price-approved', {}],
    ['production', 'delivery-date-estimated', { promisedDate: '2031-03-10' }],
    ['order-desk', 'confirmation-sent', { documentRef: 'OC-1' }],
  ] as const) {
    apply(s, event({ type, actor: actor(role), data }), at);
  }
  return s;
}

describe('money ceiling', () => {
  it('is ¥10 billion, 10^12 fen, for every money value', () => {
    assert.equal(MAX_ORDER_AMOUNT, 10 ** 12);
    assert.equal(Fen.safeParse(MAX_ORDER_AMOUNT).success, true);
    assert.match(Fen.safeParse(MAX_ORDER_AMOUNT + 1).error!.issues[0].message, /at most 1000000000000 fen \(¥10 billion\)/);
    assert.equal(Fen.safeParse(2 ** 53).success, false);
    const payment = OrderEvent.safeParse({
      type: 'payment-received',
      actor: actor('finance'),
      data: { amount: 10 ** 15, paymentRef: 'x' },
    });
    assert.deepEqual(
      payment.error?.issues.map((i) => i.path.join('.')),
      ['data.amount'],
    );
  });

  it('names the line whose quantity × unit price is above it, or the lines when only their total is', () => {
    const line = (quantity: number, unitPrice: number) => ({ productCode: 'LAMP-1', quantity, unitPrice });
    assert.deepEqual(moneyCeilingIssues([line(10, 50_000)]), []);
    assert.deepEqual(
      moneyCeilingIssues([line(1, 1), line(2 ** 40, 2 ** 13)]).map((i) => i.path),
      [['lines', 1, 'unitPrice']],
    );
    assert.deepEqual(
      moneyCeilingIssues([line(1, MAX_ORDER_AMOUNT), line(1, 1)]).map((i) => i.path),
      [['lines']],
    );
    assert.deepEqual(moneyCeilingIssues([line(1, MAX_ORDER_AMOUNT)]), [], 'the ceiling itself is allowed');
  });
});

describe('money due', () => {
  it('refuses a deposit above what the order still owes, naming the amount due', () => {
    const s = awaitingDeposit();
    assert.equal(balanceDue(s), 500_000);
    const misfit = whyNotApplicable(
      s,
      event({ type: 'deposit-received', actor: actor('finance'), data: { amount: 500_001, paymentRef: 'B-1' } }),
    );
    assert.deepEqual(misfit, {
      kind: 'amount-above-due',
      amountDue: 500_000,
      message: '500001 fen is more than the 500000 fen still due on the order',
    });
    assert.equal(
      whyNotApplicable(s, event({ type: 'deposit-received', actor: actor('finance'), data: { amount: 500_000, paymentRef: 'B-1' } })),
      undefined,
      'more than the deposit, up to the whole amount, is a payment in advance',
    );
  });

  it('checks the permission matrix before the amount', () => {
    const misfit = whyNotApplicable(
      awaitingDeposit(),
      event({ type: 'deposit-received', actor: actor('sales-rep'), data: { amount: 10 ** 12, paymentRef: 'B-1' } }),
    );
    assert.equal(misfit?.kind, 'not-permitted');
  });

  it('shows a refund due when an amendment brings the amount below what was paid', () => {
    const s = awaitingDeposit();
    apply(s, event({ type: 'deposit-received', actor: actor('finance'), data: { amount: 150_000, paymentRef: 'B-1' } }), at);
    assert.equal(refundDue(s), 0);
    const lines = [{ productCode: 'LAMP-1', quantity: 2, unitPrice: 50_000, priceBasis: 'price-list' }];
    for (const [role, type, data] of [
      ['customer', 'change-requested', { description: 'two lamps only' }],
      ['production', 'change-assessed', { version: 1, feasible: true, lines }],
      ['finance', 'change-price-approved', { version: 1 }],
      ['customer', 'change-confirmed', { version: 1 }],
    ] as const)
      apply(s, event({ type, actor: actor(role), data }), at);
    const snapshot = snapshotOf(s);
    assert.equal(snapshot.amount, 100_000);
    assert.equal(snapshot.received, 150_000);
    assert.equal(snapshot.balanceDue, 0);
    assert.equal(snapshot.refundDue, 50_000);
  });

  it('marks an event that came through Temporal on the timeline, keeping the actor it claims', () => {
    const s = awaitingDeposit();
    apply(s, event({ type: 'deposit-received', actor: actor('finance'), data: { amount: 150_000, paymentRef: 'B-1' } }), at, 'temporal');
    const entry = s.timeline.find((t) => t.type === 'deposit-received')!;
    assert.equal(entry.via, 'temporal');
    assert.deepEqual(entry.actor, actor('finance'));
    assert.match(entry.detail, /amount=150000, paymentRef=B-1 \(sent by an operator through Temporal\)/);
    assert.equal(s.timeline.find((t) => t.type === 'order-confirmed')!.via, undefined, 'the API path is not marked');
  });
});
