import assert from 'node:assert/strict';
import { addWorkingDays, dateAt, startOfDate, type CompanyCalendar } from '../../workflows/domain/calendar';
import { durationMs } from '../../workflows/domain/duration';
import { OrderEvent } from '../../workflows/domain/events';
import { depositDue, orderAmount } from '../../workflows/domain/money';
import { OrderInput } from '../../workflows/domain/order';
import { defaultPolicy, Policy, resolvePolicy } from '../../workflows/domain/policy';
import { apply } from '../../workflows/domain/apply';
import { eventWords } from '../../workflows/domain/field-labels';
import { said } from '../../workflows/domain/readable';
import { expectedEvents, whyNotApplicable } from '../../workflows/domain/route';
import { openOrder, type OrderState } from '../../workflows/domain/state';
import { standardOrder } from '../support/scenario';

// The pure domain, without a server: calendar, durations, money, policy, and the event rules.

describe('company calendar', () => {
  const shanghai = 'Asia/Shanghai';

  it('ends the company day at midnight China Standard Time, 16:00 UTC', () => {
    const at = Date.parse('2026-03-02T15:59:59Z'); // 23:59:59 in Shanghai
    assert.equal(dateAt(at, shanghai), '2026-03-02');
    assert.equal(new Date(startOfDate('2026-03-03', shanghai)).toISOString(), '2026-03-02T16:00:00.000Z');
    assert.equal(dateAt(at + 1000, shanghai), '2026-03-03');
  });

  it('finds midnight in a zone with daylight saving', () => {
    assert.equal(new Date(startOfDate('2026-07-01', 'Europe/Berlin')).toISOString(), '2026-06-30T22:00:00.000Z');
    assert.equal(new Date(startOfDate('2026-01-15', 'Europe/Berlin')).toISOString(), '2026-01-14T23:00:00.000Z');
  });

  it('adds working days, skipping weekends and holidays but not make-up workdays', () => {
    const calendar: CompanyCalendar = {
      timeZone: shanghai,
      workingDays: [1, 2, 3, 4, 5],
      holidays: ['2026-10-01', '2026-10-02'],
      workdays: ['2026-10-10'],
    };
    assert.equal(addWorkingDays('2026-09-30', 1, calendar), '2026-10-05'); // Thu and Fri are holidays, then the weekend
    assert.equal(addWorkingDays('2026-10-09', 1, calendar), '2026-10-10'); // a Saturday worked in exchange (调休)
  });
});

describe('durations and money', () => {
  it('reads ISO-8601 durations', () => {
    assert.equal(durationMs('PT2H'), 2 * 3600_000);
    assert.equal(durationMs('P1DT12H'), 36 * 3600_000);
    assert.equal(durationMs('P1W'), 7 * 24 * 3600_000);
    assert.throws(() => durationMs('2 hours'), /not an ISO-8601 duration/);
    assert.throws(() => durationMs('PT'), /not an ISO-8601 duration/);
  });

  it('computes amounts in fen and rounds a deposit rate up', () => {
    assert.equal(orderAmount([{ productCode: 'A', quantity: 3, unitPrice: 33_333 }]), 99_999);
    assert.equal(depositDue({ kind: 'rate', basisPoints: 3000 }, 99_999), 30_000); // 29,999.7 fen → 30,000
    assert.equal(depositDue({ kind: 'amount', amount: 500_000 }, 300_000), 300_000, 'never more than the order');
    assert.equal(depositDue({ kind: 'none' }, 300_000), 0);
  });

  it('refuses money that is not whole fen', () => {
    const result = OrderInput.safeParse({ ...standardOrder(), lines: [{ productCode: 'A', quantity: 1, unitPrice: 12.5 }] });
    assert.equal(result.success, false);
    assert.deepEqual(
      result.error?.issues.map((i) => i.path.join('.')),
      ['lines.0.unitPrice'],
    );
  });
});

describe('policy', () => {
  it("has the documents' defaults", () => {
    assert.equal(defaultPolicy.clocks.firstConfirmation.after, 'PT2H');
    assert.equal(defaultPolicy.clocks.delayNotice.after, 'PT24H');
    assert.equal(defaultPolicy.clocks.technicalOrder.remindAfter, 'P2D');
    assert.equal(defaultPolicy.clocks.technicalOrder.escalateAfter, 'P3D');
    assert.equal(defaultPolicy.clocks.progressUpdate.every, 'P7D');
    assert.equal(defaultPolicy.rules.largeOrderAmount, 1_000_000);
    assert.equal(defaultPolicy.calendar.timeZone, 'Asia/Shanghai');
  });

  it('takes overrides and rejects a malformed duration by name', () => {
    assert.equal(
      resolvePolicy({ clocks: { firstConfirmation: { after: 'PT4H', to: 'supervisor' } } }).clocks.firstConfirmation.after,
      'PT4H',
    );
    const bad = Policy.safeParse({ clocks: { delayNotice: { after: '24 hours', to: 'supervisor' } } });
    assert.deepEqual(
      bad.error?.issues.map((i) => i.path.join('.')),
      ['clocks.delayNotice.after'],
    );
  });
});

describe('order events', () => {
  const actor = (role: OrderEvent['actor']['role']) => ({ id: `${role}-1`, role });
  const fresh = (): OrderState => openOrder(OrderInput.parse(standardOrder()), defaultPolicy, '2026-11-02T01:00:00.000Z');

  it('expects the first confirmation at intake, and cancellation at any time before shipping', () => {
    assert.deepEqual(expectedEvents(fresh()), ['order-confirmed', 'cancelled']);
  });

  it('refuses a role the permission matrix does not allow, before looking at the stage', () => {
    const event = OrderEvent.parse({
      type: 'payment-received',
      actor: actor('sales-rep'),
      data: { amount: 1, paymentRef: 'x' },
    }) as OrderEvent;
    assert.deepEqual(whyNotApplicable(fresh(), event), {
      kind: 'not-permitted',
      message: 'sales-rep may not send payment-received (allowed: finance)',
    });
  });

  it('refuses a payment larger than the balance, naming the amount still due', () => {
    const s = fresh();
    s.stage = 'release';
    const event = OrderEvent.parse({
      type: 'payment-received',
      actor: actor('finance'),
      data: { amount: 500_001, paymentRef: 'x' },
    }) as OrderEvent;
    assert.deepEqual(whyNotApplicable(s, event), {
      kind: 'amount-above-due',
      amountDue: 500_000,
      message: '500001 fen is more than the 500000 fen still due on the order',
    });
  });

  it('records an applied event with who sent it, and its id so it is never applied twice', () => {
    const s = fresh();
    apply(s, { type: 'order-confirmed', actor: actor('order-desk'), data: {}, id: 'key-1' }, '2026-11-02T02:00:00.000Z');
    assert.deepEqual(s.appliedEvents, { 'key-1': '' });
    assert.equal(s.facts.confirmedAt, '2026-11-02T02:00:00.000Z');
    assert.deepEqual(s.timeline.at(-1)?.actor, actor('order-desk'));
  });

  it("says an applied event's data in Chinese on its entry: each field by its label, money as ¥, a choice in words", () => {
    const s = fresh();
    s.stage = 'release';
    const payment: OrderEvent = { type: 'payment-received', actor: actor('finance'), data: { amount: 38_450, paymentRef: 'BANK-1' } };
    apply(s, payment, '2026-11-02T02:00:00.000Z', 'temporal');
    const entry = s.timeline.find((e) => e.kind === 'event')!;
    assert.equal(entry.detail, 'amount=38450, paymentRef=BANK-1 (sent by an operator through Temporal)', 'the English as the API gave it');
    assert.equal(entry.zh, '金额：38450 fen，收付款凭证号：BANK-1（运维人员经 Temporal 发送）');
    assert.equal(said(entry, 'zh'), '金额：¥384.50，收付款凭证号：BANK-1（运维人员经 Temporal 发送）');
    assert.equal(said(entry, 'en'), entry.detail);

    // Nested rows and yes/no, as any form's data may hold them.
    const words = eventWords(
      'submission-reviewed',
      { withinLimits: false, medium: 'phone', lines: [{ productCode: 'LAMP-1', quantity: 2, unitPrice: 1_000 }] },
      'called back',
    );
    assert.equal(words.zh, '在工艺和加工条件内：否，书面方式：电话，订单明细：（产品编码：LAMP-1，数量：2，单价：1000 fen） — called back');
  });
});
