import assert from 'node:assert/strict';
import fc from 'fast-check';
import { apply } from '../../workflows/domain/apply';
import { balanceDueNoticeOf, statementOf } from '../../workflows/domain/documents';
import { instalmentAmounts, nextToChase, rateOf, totalsOf } from '../../workflows/domain/ledger';
import { MAX_ORDER_AMOUNT, OrderInput, paymentPlanIssues, type Instalment, type Role } from '../../workflows/domain/order';
import { defaultPolicy, resolvePolicy } from '../../workflows/domain/policy';
import { expectedEvents, whyNotApplicable } from '../../workflows/domain/route';
import { snapshotOf, type LedgerSnapshot, type OrderSnapshot } from '../../workflows/domain/snapshot';
import { depositOutstanding, dueBeforeShipping, openOrder, toldOfCancellation, type OrderState } from '../../workflows/domain/state';
import { accept, actorOf, eventOf, whyNot } from '../support/decider';
import { intoProduction, toSignedFor } from '../support/main-line';
import { standardOrder } from '../support/scenario';

// The ledger without a server: payment plans, allocation oldest-due first, instalment status in the
// company calendar, the money refusals, and the ledger's balance under any mix of movements.

const at = '2030-03-01T01:00:00.000Z'; // 09:00 in Shanghai
const DAY = 24 * 3600 * 1000;
const later = (days: number, from = at) => new Date(Date.parse(from) + days * DAY).toISOString();
const send = (s: OrderState, role: Role, type: string, data: object = {}, when = at) => accept(s, role, type, data, when);
const order = (overrides: Parameters<typeof standardOrder>[0] = {}) => OrderInput.parse(standardOrder(overrides)); // ¥5,000

/** Given an order confirmed and its signed confirmation back (so it waits for what is due before production). */
function confirmed(s: OrderState): OrderState {
  send(s, 'order-desk', 'order-confirmed');
  send(s, 'finance', 'price-approved');
  send(s, 'production', 'delivery-date-estimated', { promisedDate: '2030-04-01' });
  send(s, 'order-desk', 'confirmation-sent', { documentRef: 'OC-1' });
  send(s, 'order-desk', 'signed-confirmation-returned', { documentRef: 'OC-1-s' });
  return s;
}

/** …then made, stocked and released: it waits for what is due before shipping, or ships. */
function madeAndRequested(s: OrderState): OrderState {
  send(s, 'finance', 'production-notice-issued', { noticeRef: 'PN-1' });
  send(s, 'technical', 'technical-order-issued', { orderRef: 'TO-1' });
  send(s, 'qc', 'qc-passed', { reportRef: 'QC-1' });
  send(s, 'warehouse', 'stocked', { location: 'A-1' });
  send(s, 'order-desk', 'shipping-requested', { requestRef: 'SR-1' });
  return s;
}

const withLedger = (snapshot: OrderSnapshot) => snapshot as OrderSnapshot & { ledger: LedgerSnapshot };

describe('payment plan', () => {
  it('defaults per class: the deposit before production, then class A 30 days after sign-off, B and C before shipping', () => {
    const a = openOrder(order({ deposit: { kind: 'rate', basisPoints: 3000 } }), defaultPolicy, at);
    assert.deepEqual(a.ledger!.plan, [
      { name: 'deposit', basisPoints: 3000, due: { before: 'production' } },
      { name: 'balance', rest: true, due: { after: 'sign-off', days: 30, workingDays: false } },
    ]);
    const c = openOrder(order({ customer: { id: 'C-9', name: 'X', class: 'C' } }), defaultPolicy, at);
    assert.deepEqual(c.ledger!.plan, [{ name: 'balance', rest: true, due: { before: 'shipping' } }]);
  });

  it("takes the order's own plan over the policy's", () => {
    const plan: Instalment[] = [
      { name: 'advance', basisPoints: 5000, due: { before: 'production' } },
      { name: 'on-delivery', rest: true, due: { after: 'sign-off', days: 5, workingDays: true } },
    ];
    assert.deepEqual(openOrder(order({ paymentPlan: plan }), defaultPolicy, at).ledger!.plan, plan);
  });

  it('refuses a plan that does not add up to the order amount, in business words', () => {
    const plan = (shares: Partial<Instalment>[]): Instalment[] =>
      shares.map((share) => ({ name: 'advance', due: { before: 'production' }, ...share }));
    assert.deepEqual(paymentPlanIssues({ ...order(), paymentPlan: plan([{ basisPoints: 3000 }, { amount: 300_000 }]) }), [
      { path: ['paymentPlan'], message: 'the instalments add up to 450000 fen, not the order amount of 500000 fen' },
    ]);
    assert.deepEqual(paymentPlanIssues({ ...order(), paymentPlan: plan([{ basisPoints: 3000 }, { amount: 350_000 }]) }), []);
    // Exactly, before rounding: three thirds of 1,001 fen are the whole.
    const odd = order({ lines: [{ productCode: 'A', quantity: 1, unitPrice: 1001 }] });
    assert.deepEqual(
      paymentPlanIssues({ ...odd, paymentPlan: plan([{ basisPoints: 3333 }, { basisPoints: 3333 }, { basisPoints: 3334 }]) }),
      [],
    );
    assert.deepEqual(
      paymentPlanIssues({ ...order(), paymentPlan: plan([{ amount: 600_000 }, { rest: true }]) }).map((i) => i.message),
      ['the instalments come to 600000 fen before the rest, more than the order amount of 500000 fen'],
    );
    assert.deepEqual(
      paymentPlanIssues({
        ...order({ deposit: { kind: 'rate', basisPoints: 3000 } }),
        paymentPlan: plan([{ basisPoints: 3000, amount: 1 }]),
      }),
      [
        { path: ['paymentPlan', 0], message: 'give exactly one of basisPoints, amount or rest' },
        { path: ['deposit'], message: 'with a payment plan, the deposit is one of its instalments: leave deposit out' },
      ],
    );
  });

  it('splits the contract amount exactly: rates rounded up, the rest taking what is left, never more than the contract', () => {
    // Exact where amount × rate is past 2^53: compared with integer arithmetic in BigInt.
    for (const [amount, basisPoints] of [
      [MAX_ORDER_AMOUNT - 1, 3333],
      [987_654_321_987, 9999],
      [99_999, 3000],
    ]) {
      assert.equal(BigInt(rateOf(amount, basisPoints)), (BigInt(amount) * BigInt(basisPoints) + 9999n) / 10_000n);
    }
    const due = { before: 'production' } as const;
    assert.deepEqual(
      instalmentAmounts(
        [
          { name: 'deposit', basisPoints: 3000, due },
          { name: 'balance', rest: true, due },
          { name: 'retention', basisPoints: 500, due },
        ],
        99_999,
      ),
      [30_000, 64_999, 5_000],
    );
    assert.deepEqual(instalmentAmounts([{ name: 'deposit', amount: 500_000, due }], 300_000), [300_000], 'never more than the contract');
  });
});

/** A confirmed contract of ¥5,000: 30 % advance before production, 60 % 10 days after sign-off, 10 % retention at the warranty's end. */
const contractWithRetention = () =>
  confirmed(
    openOrder(
      order({
        paymentPlan: [
          { name: 'advance', basisPoints: 3000, due: { before: 'production' } },
          { name: 'on-delivery', basisPoints: 6000, due: { after: 'sign-off', days: 10, workingDays: false } },
          { name: 'retention', rest: true, due: { after: 'warranty-end', days: 0, workingDays: false } },
        ],
      }),
      defaultPolicy,
      at,
    ),
  );

describe('ledger', () => {
  it('allocates payments to the oldest due first and tells each instalment’s status in company days', () => {
    // Given the contract with a retention (advance 30 %, on delivery 60 %, retention 10 %).
    const s = contractWithRetention();
    assert.equal(depositOutstanding(s), 150_000);
    // When finance takes 200,000 fen: the advance is paid, 50,000 goes to the next instalment.
    send(s, 'finance', 'deposit-received', { amount: 200_000, paymentRef: 'B-1' });
    assert.equal(depositOutstanding(s), 0);
    madeAndRequested(s);
    assert.equal(dueBeforeShipping(s), 0, 'nothing gates the shipment');
    send(s, 'warehouse', 'shipped', { carrier: 'SF', trackingRef: 'SF1' });
    send(s, 'customer', 'signed-for', { receiptRef: 'AR-1' }, at);
    const view = (days: number) => withLedger(snapshotOf(s, Date.parse(later(days)))).ledger.instalments;
    assert.deepEqual(
      view(0).map((i) => [i.name, i.amount, i.dueDate, i.paid, i.status]),
      [
        ['advance', 150_000, '2030-03-01', 150_000, 'paid'],
        ['on-delivery', 300_000, '2030-03-11', 50_000, 'not-due'],
        ['retention', 50_000, '2031-03-01', 0, 'not-due'],
      ],
    );
    assert.deepEqual([view(10)[1].status, view(10)[1].daysOverdue], ['due', 0]);
    assert.deepEqual([view(13)[1].status, view(13)[1].daysOverdue], ['overdue', 3]);
  });

  it('chases the instalments due after a business event once it has happened, oldest first, until they are paid', () => {
    // Given the contract with a retention, its advance paid and its goods shipped.
    const s = contractWithRetention();
    send(s, 'finance', 'deposit-received', { amount: 150_000, paymentRef: 'B-1' });
    madeAndRequested(s);
    send(s, 'warehouse', 'shipped', { carrier: 'SF', trackingRef: 'SF1' });
    assert.equal(nextToChase(s, s.ledger!), undefined, 'before the sign-off nothing is dated');
    // When the customer signs for the goods, the on-delivery instalment is the one to chase.
    send(s, 'customer', 'signed-for', { receiptRef: 'AR-1' }, at);
    assert.equal(nextToChase(s, s.ledger!), 1);
    // When it is paid, the retention, dated from the sign-off too (the warranty's end); none once that is paid.
    send(s, 'finance', 'payment-received', { amount: 300_000, paymentRef: 'B-2' });
    assert.equal(nextToChase(s, s.ledger!), 2);
    send(s, 'finance', 'payment-received', { amount: 50_000, paymentRef: 'B-3' });
    assert.equal(nextToChase(s, s.ledger!), undefined);
  });

  it('refuses money beyond what may be taken, naming the amount, unless finance takes the surplus as a credit', () => {
    const s = confirmed(openOrder(order({ customer: { id: 'C-2', name: 'B', class: 'B' } }), defaultPolicy, at));
    madeAndRequested(s);
    assert.deepEqual(whyNot(s, 'finance', 'payment-received', { amount: 500_001, paymentRef: 'B' }), {
      kind: 'amount-above-due',
      amountDue: 500_000,
      message: '500001 fen is more than the 500000 fen still due on the order',
    });
    assert.equal(whyNot(s, 'finance', 'payment-received', { amount: 500_001, paymentRef: 'B', asCredit: true }), undefined);
    assert.equal(whyNot(s, 'finance', 'invoice-issued', { invoiceNumber: 'I-1', amount: 500_001, date: '2030-03-01' })?.amountDue, 500_000);
    send(s, 'finance', 'payment-received', { amount: 500_001, paymentRef: 'B', asCredit: true });
    assert.deepEqual(expectedEvents(s).includes('refund-paid'), true);
    assert.equal(
      whyNot(s, 'finance', 'refund-paid', { amount: 2, paymentRef: 'R' })?.message,
      '2 fen is more than the 1 fen of refund due',
    );
  });

  it('deducts compensation from what is owed, on the timeline and the balance-due notice', () => {
    const s = confirmed(openOrder(order({ customer: { id: 'C-2', name: 'B', class: 'B' } }), defaultPolicy, at));
    send(s, 'finance', 'production-notice-issued', { noticeRef: 'PN-1' });
    send(s, 'production', 'delay-reported', { reason: 'castings late', newPromisedDate: '2030-04-10' });
    send(s, 'sales-rep', 'customer-told-of-delay', { channel: 'phone', compensation: 20_000 });
    const snapshot = withLedger(snapshotOf(s, Date.parse(at)));
    assert.equal(snapshot.balanceDue, 480_000);
    assert.match(s.timeline.at(-1)!.detail, /compensation for the delay: 20000 fen \(delay\); balance 480000 fen/);
    const notice = balanceDueNoticeOf(snapshot);
    assert.deepEqual([notice.contractAmount, notice.compensation[0].amount, notice.balanceDue], [500_000, 20_000, 480_000]);
  });

  it('after a cancellation with money received: refund due less the costs finance keeps, everyone who acted told, settled by the refund', () => {
    const s = confirmed(openOrder(order({ deposit: { kind: 'rate', basisPoints: 3000 } }), defaultPolicy, at));
    send(s, 'finance', 'deposit-received', { amount: 150_000, paymentRef: 'B-1' });
    send(s, 'finance', 'production-notice-issued', { noticeRef: 'PN-1' });
    send(s, 'order-desk', 'cancelled', { reason: 'withdrawn' });
    assert.deepEqual(toldOfCancellation(s), ['sales-rep', 'technical', 'finance', 'purchasing', 'production', 'warehouse']);
    assert.deepEqual(expectedEvents(s), ['cancellation-costs-kept', 'refund-paid']);
    assert.equal(whyNot(s, 'finance', 'cancellation-costs-kept', { amount: 150_001, reason: 'x' })?.amountDue, 150_000);
    send(s, 'finance', 'cancellation-costs-kept', { amount: 10_000, reason: 'housings cut' });
    assert.equal(snapshotOf(s).refundDue, 140_000);
    send(s, 'finance', 'refund-paid', { amount: 140_000, paymentRef: 'R-1' });
    assert.deepEqual(expectedEvents(s), []);
    const statement = statementOf(withLedger(snapshotOf(s)));
    assert.equal(statement.closingBalance, 0);
    assert.deepEqual(
      statement.lines.map((l) => [l.charge, l.credit, l.balance]),
      [
        [500_000, 0, 500_000],
        [0, 150_000, 350_000],
        [140_000, 0, 490_000],
        [0, 490_000, 0],
      ],
    );
  });

  it('lets a supervisor write off a receivable once the goods have left, with finance’s approval and a reason, which settles it', () => {
    const s = confirmed(openOrder(order(), defaultPolicy, at)); // class A: the balance 30 days after sign-off
    const writeOff = eventOf('supervisor', 'receivable-written-off', { amount: 500_000, reason: 'insolvent', financeRef: 'FIN-7' });
    assert.equal(whyNotApplicable(s, writeOff)?.kind, 'not-expected', 'not before the goods have left');
    madeAndRequested(s);
    send(s, 'warehouse', 'shipped', { carrier: 'SF', trackingRef: 'SF1' });
    send(s, 'customer', 'signed-for', { receiptRef: 'AR-1' });
    assert.equal(whyNotApplicable(s, { ...writeOff, actor: actorOf('finance') })?.kind, 'not-permitted');
    apply(s, writeOff, at);
    const { ledger } = withLedger(snapshotOf(s, Date.parse(later(60))));
    assert.deepEqual([ledger.instalments[0].status, ledger.totals.writtenOff, ledger.totals.balance], ['written-off', 500_000, 0]);
    assert.deepEqual(
      ledger.movements.map((m) => [m.kind, m.actor.role, m.ref]),
      [['write-off', 'supervisor', 'FIN-7']],
    );
    assert.equal(expectedEvents(s).includes('receivable-written-off'), false);
  });

  it('always balances: contract − written off = received − refunded + balance − refund due, in integer fen', () => {
    const policy = resolvePolicy({}); // orders up to ¥10,000: no supervisor approval on the way
    const share = fc.oneof(
      fc.record({ basisPoints: fc.integer({ min: 1, max: 10_000 }) }),
      fc.record({ amount: fc.integer({ min: 1, max: 2_000_000 }) }),
      fc.constant({ rest: true as const }),
    );
    const due = fc.constantFrom<Instalment['due']>(
      { before: 'production' },
      { before: 'shipping' },
      { after: 'sign-off', days: 30, workingDays: false },
      { after: 'warranty-end', days: 0, workingDays: false },
    );
    const plan = fc.array(
      fc.tuple(share, due).map(([s, d]) => ({ name: 'advance' as const, ...s, due: d })),
      { minLength: 1, maxLength: 5 },
    );
    const money = fc.integer({ min: 1, max: 400_000 });
    const step = fc.oneof(
      { arbitrary: money.map((amount) => ['finance', 'deposit-received', { amount, paymentRef: 'D' }] as const), weight: 4 },
      money.map((amount) => ['finance', 'payment-received', { amount, paymentRef: 'P', asCredit: true }] as const),
      { arbitrary: money.map((amount) => ['finance', 'payment-received', { amount, paymentRef: 'P' }] as const), weight: 4 },
      {
        arbitrary: fc
          .integer({ min: 1, max: 300_000 })
          .map((amount) => ['sales-rep', 'customer-told-of-delay', { channel: 'phone', compensation: amount }] as const),
        weight: 4,
      },
      money.map((amount) => ['finance', 'refund-paid', { amount, paymentRef: 'R' }] as const),
      money.map((amount) => ['supervisor', 'receivable-written-off', { amount, reason: 'r', financeRef: 'F' }] as const),
      money.map((amount) => ['finance', 'cancellation-costs-kept', { amount, reason: 'r' }] as const),
      { arbitrary: fc.constant(['supervisor', 'cancelled', { reason: 'r' }] as const), weight: 1 },
      { arbitrary: fc.constant(['production', 'delay-reported', { reason: 'r', newPromisedDate: '2030-05-01' }] as const), weight: 4 },
      // The main line's next step, whichever it is (on to shipping, where write-offs come in).
      { arbitrary: fc.constant(['next', 'next', {}] as const), weight: 12 },
    );
    const mainLine = toSignedFor.slice(intoProduction.length - 1); // from the production notice on
    const taken = new Map<string, number>();
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        plan,
        fc.array(step, { minLength: 10, maxLength: 40 }),
        (unitPrice, instalments, steps) => {
          const s = confirmed(
            openOrder(order({ lines: [{ productCode: 'A', quantity: 1, unitPrice }], paymentPlan: instalments }), policy, at),
          );
          for (const step of steps) {
            const [role, type, data] = step[0] === 'next' ? (mainLine.find(([, t]) => expectedEvents(s).includes(t)) ?? mainLine[0]) : step;
            const e = eventOf(role, type, data);
            // Whatever the order refuses changes nothing; whatever it takes must keep the books balanced.
            if (whyNotApplicable(s, e) === undefined) {
              apply(s, e, at);
              taken.set(type, (taken.get(type) ?? 0) + 1);
            }
            const t = totalsOf(s, s.ledger!);
            for (const value of Object.values(t)) assert.ok(Number.isSafeInteger(value), `${value} is whole fen`);
            assert.equal(t.contract - t.writtenOff, t.received - t.refunded + t.balance - t.refundDue);
            assert.ok(t.balance >= 0 && t.refundDue >= 0 && (t.balance === 0 || t.refundDue === 0));
            const { instalments: views } = withLedger(snapshotOf(s, Date.parse(at))).ledger;
            if (s.stage !== 'cancelled')
              assert.equal(
                views.reduce((sum, i) => sum + i.amount, 0),
                Math.max(0, t.contract),
              );
            assert.equal(statementOf(withLedger(snapshotOf(s, Date.parse(at)))).closingBalance, t.balance - t.refundDue);
          }
        },
      ),
      { numRuns: 300, seed: Number(process.env.FUZZ_SEED ?? 20301) },
    );
    // The runs reached every kind of movement.
    for (const type of ['payment-received', 'customer-told-of-delay', 'refund-paid', 'receivable-written-off', 'cancellation-costs-kept'])
      assert.ok((taken.get(type) ?? 0) > 0, `no run took ${type}`);
  });
});
