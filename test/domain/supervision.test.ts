import assert from 'node:assert/strict';
import { OrderInput, type CreditCheck, type Role } from '../../workflows/domain/order';
import { defaultPolicy, resolvePolicy, type Policy, type PolicyOverrides } from '../../workflows/domain/policy';
import { advance, expectedEvents } from '../../workflows/domain/route';
import { openOrder, type OrderState } from '../../workflows/domain/state';
import { accept, whyNot } from '../support/decider';
import { standardOrder } from '../support/scenario';

// The supervisor and the owner (001 ch.2, ch.4, ch.5; 002 §13), without a server: a large or custom
// order is put before the supervisor as soon as it is confirmed and approved beside the reviews,
// production waits for it; a class A order over the credit limit ships only on the supervisor's credit
// approval; the customer's receiving time is confirmed before dispatch when the policy asks for it.

const at = (hour: number) => new Date(Date.UTC(2026, 10, 2, hour)).toISOString();
type Send = readonly [Role, string, object];

const send = (s: OrderState, role: Role, type: string, data: object = {}) => accept(s, role, type, data, at(10));
const sendAll = (s: OrderState, steps: readonly Send[]) => steps.forEach(([role, type, data]) => send(s, role, type, data));

/** Why the order refuses an event, or undefined when it takes it. */
const refusal = (s: OrderState, role: Role, type: string, data: object = {}) => whyNot(s, role, type, data)?.message;

type Lines = { productCode: string; quantity: number; unitPrice: number; nonStandard?: string }[];
const large: Lines = [{ productCode: 'LAMP-1', quantity: 30, unitPrice: 50_000 }]; // ¥15,000 > ¥10,000
const small: Lines = [{ productCode: 'LAMP-1', quantity: 10, unitPrice: 50_000 }]; // ¥5,000

/** Given an order with these lines and class under the policy (and the credit check the API found), received at 01:00. */
function given({
  lines = small,
  customerClass = 'A',
  policy = defaultPolicy,
  creditCheck,
}: Partial<{
  lines: Lines;
  customerClass: 'A' | 'B' | 'C';
  policy: Policy;
  creditCheck: CreditCheck;
}> = {}): OrderState {
  const order = OrderInput.parse(standardOrder({ lines, customer: { id: 'C-1', name: 'Ningbo Lamps', class: customerClass } }));
  const s = openOrder(order, structuredClone(policy), at(1));
  if (creditCheck) s.creditCheck = creditCheck;
  return s;
}

/** A policy from before these settings (an order started before them): no supervision or shipping section. */
function policyBefore(overrides: PolicyOverrides = {}): Policy {
  const { supervision: _supervision, shipping: _shipping, ...rest } = resolvePolicy(overrides);
  return rest as Policy;
}

const confirmed: readonly Send[] = [['order-desk', 'order-confirmed', {}]];
const reviewedAndReturned: readonly Send[] = [
  ['finance', 'price-approved', {}],
  ['production', 'delivery-date-estimated', { promisedDate: '2031-03-10' }],
  ['order-desk', 'confirmation-sent', { documentRef: 'OC-1' }],
  ['order-desk', 'signed-confirmation-returned', { documentRef: 'OC-1s' }],
];
const madeAndStocked: readonly Send[] = [
  ['finance', 'production-notice-issued', { noticeRef: 'PN-1' }],
  ['technical', 'technical-order-issued', { orderRef: 'TO-1' }],
  ['qc', 'qc-passed', { reportRef: 'QC-1' }],
  ['warehouse', 'stocked', { location: 'A-1' }],
];
const shipped = { carrier: 'SF Express', trackingRef: 'SF-1' };
const noticesTo = (s: OrderState, type: string) => s.pendingNotices.filter((n) => n.type === type).map((n) => n.to);

describe('supervisor approval beside the reviews (001 ch.2, ch.5)', () => {
  it('given a large order, when it is confirmed, then the supervisor is told at once and the price review starts without waiting', () => {
    const s = given({ lines: large });
    sendAll(s, confirmed);
    assert.deepEqual(noticesTo(s, 'approval-needed'), ['supervisor']);
    assert.match(s.pendingNotices.find((n) => n.type === 'approval-needed')!.detail, /^large order confirmed: approve before production/);
    assert.equal(s.stage, 'price-review');
    assert.ok(expectedEvents(s).includes('price-approved'));
    assert.ok(expectedEvents(s).includes('supervisor-approved'), 'the supervisor may approve beside the review');
  });

  it('given a large order not yet approved, when the reviews and the return are done, then it waits before production and the production notice is refused', () => {
    const s = given({ lines: large });
    sendAll(s, [...confirmed, ...reviewedAndReturned]);
    assert.equal(s.stage, 'production-approval');
    assert.equal(s.status, 'pending-confirmation');
    assert.deepEqual(expectedEvents(s).includes('production-notice-issued'), false);
    assert.match(refusal(s, 'finance', 'production-notice-issued', { noticeRef: 'PN-1' })!, /expects supervisor-approved/);
    send(s, 'supervisor', 'supervisor-approved');
    assert.equal(s.stage, 'production-notice');
  });

  it('given a custom order approved during the price review, then the estimate and production follow without stopping again', () => {
    const s = given({ lines: [{ ...small[0], nonStandard: 'brass finish' }] });
    sendAll(s, [
      ...confirmed,
      ['technical', 'feasibility-decided', { feasible: true }],
      ['purchasing', 'materials-confirmed', { confirmationRef: 'MAT-1' }],
      ['technical', 'drawing-sent', { version: 1, drawingRef: 'DWG-1' }],
      ['customer', 'drawing-confirmed', { version: 1 }],
    ]);
    assert.equal(s.stage, 'price-review');
    send(s, 'supervisor', 'supervisor-approved');
    sendAll(s, reviewedAndReturned);
    assert.equal(s.stage, 'production-notice');
    assert.match(refusal(s, 'supervisor', 'supervisor-approved')!, /expects production-notice-issued/, 'approved once');
  });

  it('given a small standard order, then no approval is asked for or accepted', () => {
    const s = given();
    sendAll(s, [...confirmed, ...reviewedAndReturned]);
    assert.deepEqual(noticesTo(s, 'approval-needed'), []);
    assert.equal(s.stage, 'production-notice');
  });

  it('given a large sample order, then the supervisor is not asked: its channel has no approval', () => {
    const s = openOrder(OrderInput.parse({ ...standardOrder({ lines: large }), channel: 'sample' }), structuredClone(defaultPolicy), at(1));
    advance(s, at(1)); // into the sample route's first stage, as the workflow starts it
    sendAll(s, confirmed);
    assert.equal(s.stage, 'sample-dispatch');
    assert.deepEqual(noticesTo(s, 'approval-needed'), []);
  });

  it('given the policy has the supervisor sign off every confirmation, then a small order needs the approval too', () => {
    const s = given({ policy: resolvePolicy({ supervision: { signOffEveryConfirmation: true } }) });
    sendAll(s, confirmed);
    assert.deepEqual(noticesTo(s, 'approval-needed'), ['supervisor']);
    assert.match(s.pendingNotices.find((n) => n.type === 'approval-needed')!.detail, /every confirmation is signed off by the supervisor/);
    sendAll(s, reviewedAndReturned);
    assert.equal(s.stage, 'production-approval');
  });

  it('given an order started before the approval ran beside the reviews, then it keeps the approval in line after the price review', () => {
    const s = given({ lines: large, policy: policyBefore() });
    sendAll(s, confirmed);
    assert.deepEqual(noticesTo(s, 'approval-needed'), [], 'told when the stage starts, as before');
    assert.equal(expectedEvents(s).includes('supervisor-approved'), false);
    send(s, 'finance', 'price-approved');
    assert.equal(s.stage, 'supervisor-approval');
    assert.match(refusal(s, 'production', 'delivery-date-estimated', { promisedDate: '2031-03-10' })!, /expects supervisor-approved/);
  });
});

describe('credit limit of a class A customer (信用额度, 002 §13)', () => {
  const credit = (openBalance: number): CreditCheck => ({ creditLimit: 2_000_000, openBalance, checkedAt: at(1) });
  /** Through production and put-away to the shipping request: where a class A order is released on credit. */
  const toRelease = (s: OrderState) => sendAll(s, [...confirmed, ...reviewedAndReturned, ...madeAndStocked]);

  it('given a class A order that takes the open balance over the limit, when it is confirmed, then the supervisor is asked for the credit approval', () => {
    const s = given({ creditCheck: credit(1_600_000) }); // 1,600,000 + 500,000 > 2,000,000
    sendAll(s, confirmed);
    assert.deepEqual(noticesTo(s, 'credit-approval-needed'), ['supervisor']);
    assert.match(
      s.pendingNotices.find((n) => n.type === 'credit-approval-needed')!.detail,
      /open balance of 1600000 fen over the credit limit of 2000000 fen by 100000 fen/,
    );
  });

  it('given it is over the limit, then production goes ahead but the goods do not ship until a supervisor approves the credit', () => {
    const s = given({ creditCheck: credit(1_600_000) });
    toRelease(s);
    send(s, 'sales-rep', 'shipping-requested', { requestRef: 'SR-1' });
    assert.equal(s.stage, 'release');
    assert.deepEqual(expectedEvents(s).includes('credit-approved'), true);
    assert.match(
      refusal(s, 'warehouse', 'shipped', shipped)!,
      /over their credit limit: a supervisor approves the credit \(credit-approved\) before it ships/,
    );
    assert.match(refusal(s, 'finance', 'credit-approved')!, /finance may not send credit-approved/);
    send(s, 'supervisor', 'credit-approved');
    assert.equal(s.stage, 'shipping');
    send(s, 'warehouse', 'shipped', shipped);
  });

  it('given a class A order that stays within the limit, then it ships on credit without an approval', () => {
    const s = given({ creditCheck: credit(1_500_000) }); // exactly at the limit
    toRelease(s);
    assert.deepEqual(noticesTo(s, 'credit-approval-needed'), []);
    assert.equal(expectedEvents(s).includes('credit-approved'), false);
    send(s, 'sales-rep', 'shipping-requested', { requestRef: 'SR-1' });
    send(s, 'warehouse', 'shipped', shipped);
  });

  it('given a class A sample order over the limit, then no credit approval: its channel has none', () => {
    const order = OrderInput.parse({ ...standardOrder(), channel: 'sample' });
    const s = openOrder(order, structuredClone(defaultPolicy), at(1));
    s.creditCheck = credit(1_900_000);
    advance(s, at(1));
    sendAll(s, confirmed);
    assert.deepEqual(noticesTo(s, 'credit-approval-needed'), []);
    assert.equal(expectedEvents(s).includes('credit-approved'), false);
  });

  it('given a class B order over the limit, then no credit approval: it pays before shipping anyway', () => {
    const s = given({ customerClass: 'B', creditCheck: credit(1_900_000) });
    sendAll(s, confirmed);
    assert.deepEqual(noticesTo(s, 'credit-approval-needed'), []);
  });
});

describe("the customer's receiving time before dispatch (001 ch.4)", () => {
  const withReceivingTime = resolvePolicy({ shipping: { confirmReceivingTime: true } });
  const toShipping = (s: OrderState) =>
    sendAll(s, [...confirmed, ...reviewedAndReturned, ...madeAndStocked, ['sales-rep', 'shipping-requested', { requestRef: 'SR-1' }]]);

  it('given the policy asks for it, when the warehouse ships first, then it is refused in business words until the receiving time is recorded', () => {
    const s = given({ policy: withReceivingTime });
    toShipping(s);
    assert.equal(s.stage, 'shipping');
    assert.deepEqual(expectedEvents(s).includes('shipped'), false);
    assert.match(refusal(s, 'warehouse', 'shipped', shipped)!, /^the customer's receiving time is not confirmed/);
    send(s, 'sales-rep', 'receiving-time-confirmed', { date: '2031-03-12', from: '09:00', until: '12:00', contact: 'Ms Wu' });
    assert.equal(
      s.pendingNotices.find((n) => n.type === 'receiving-time')?.detail,
      'the customer receives the goods on 2031-03-12, 09:00–12:00 (Ms Wu)',
    );
    send(s, 'warehouse', 'shipped', shipped);
    assert.equal(s.stage, 'in-transit');
  });

  it('given the policy asks for it, then the receiving time may be agreed while the goods are made', () => {
    const s = given({ policy: withReceivingTime });
    sendAll(s, [...confirmed, ...reviewedAndReturned, ...madeAndStocked.slice(0, 2)]);
    assert.equal(s.stage, 'production');
    send(s, 'order-desk', 'receiving-time-confirmed', { date: '2031-03-12' });
    sendAll(s, [...madeAndStocked.slice(2), ['sales-rep', 'shipping-requested', { requestRef: 'SR-1' }]]);
    send(s, 'warehouse', 'shipped', shipped);
  });

  it('given the default policy, then the order ships without it and does not ask for it', () => {
    const s = given();
    toShipping(s);
    assert.equal(expectedEvents(s).includes('receiving-time-confirmed'), false);
    send(s, 'warehouse', 'shipped', shipped);
  });
});
