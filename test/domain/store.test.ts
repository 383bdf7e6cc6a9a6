import assert from 'node:assert/strict';
import { channelForms, policyFor } from '../../client/channels';
import { apply } from '../../workflows/domain/apply';
import type { OrderEvent } from '../../workflows/domain/events';
import { warrantyEndsAt } from '../../workflows/domain/ledger';
import type { Role } from '../../workflows/domain/order';
import { defaultPolicy } from '../../workflows/domain/policy';
import { advance, expectedEvents, whyNotApplicable } from '../../workflows/domain/route';
import { snapshotOf } from '../../workflows/domain/snapshot';
import { openOrder, type OrderState } from '../../workflows/domain/state';

// The store channel (门店, 000 §二) on the pure domain: its route from the intent letter to acceptance,
// the site visits as appointments, the marketing assistant's review, its payment plan and windows.

const form = {
  orderNumber: 'ST-1',
  channel: 'store',
  customer: { id: 'C-1', name: 'Mr Wang', class: 'C' },
  salesRep: { id: 'clerk-xu' },
  store: { id: 'S-1', name: 'Binjiang store', region: 'Zhejiang' },
  lines: [{ productCode: 'TB68-CASEMENT', quantity: 24, unitPrice: 88_000 }], // 2,112,000 fen
  delivery: { address: 'Villa 12, Lakeside Garden', contact: 'Mr Wang', phone: '13800000000' },
};

let clock = Date.parse('2031-03-03T01:00:00Z');
const tick = () => new Date((clock += 3600_000)).toISOString();

/** A new store order in its route's first stage, as the workflow opens it. */
function newStoreOrder(): OrderState {
  const s = openOrder(channelForms.store.createSchema.parse(form) as Parameters<typeof openOrder>[0], policyFor('store', 'C'), tick());
  s.complaintWorkflows = true; // as the workflow opens every order since complaints became workflows
  advance(s, s.receivedAt);
  return s;
}

/** A store order with its intent letter signed. */
function storeOrder(): OrderState {
  const s = newStoreOrder();
  apply(
    s,
    event('intent-letter-signed', 'sales-rep', { documentRef: 'YX-1', unitPrice: 88_000, leadTimeDays: 30, paymentMethod: 'transfer' }),
    tick(),
  );
  return s;
}

function event(type: string, role: Role, data: Record<string, unknown> = {}): OrderEvent {
  return { type, actor: { id: `${role}-1`, role }, data } as OrderEvent;
}

/** Sends an event the order must accept. */
function send(s: OrderState, type: string, role: Role, data: Record<string, unknown> = {}) {
  const misfit = whyNotApplicable(s, event(type, role, data));
  assert.equal(misfit, undefined, `${type}: ${misfit?.message}`);
  apply(s, event(type, role, data), tick());
}

/** Why the order refuses an event. */
const refusal = (s: OrderState, type: string, role: Role, data: Record<string, unknown> = {}) =>
  whyNotApplicable(s, event(type, role, data));

const book = (s: OrderState, visit: string, date: string, reason?: string) =>
  send(s, 'appointment-scheduled', 'regional-manager', { visit, date, team: 'technician Zhou', ...(reason && { reason }) });

/** From the intent letter to the production notice, the submission approved at once. */
function throughProductionNotice(): OrderState {
  const s = storeOrder();
  send(s, 'deposit-received', 'finance', { amount: 200_000, paymentRef: 'POS-1' });
  book(s, 'measurement', '2031-03-07');
  send(s, 'site-measured', 'technical', { measurementRef: 'LC-1' });
  send(s, 'drawing-sent', 'technical', { version: 1, drawingRef: 'DY-1' });
  send(s, 'window-configuration-confirmed', 'customer', configuration(1));
  send(s, 'submission-reviewed', 'order-desk', { approved: true });
  send(s, 'quote-accepted', 'customer', { quoteRef: 'BJ-1', promisedDate: '2031-04-10' });
  send(s, 'signed-confirmation-returned', 'sales-rep', { documentRef: 'HT-1' });
  send(s, 'deposit-received', 'finance', { amount: 633_600, paymentRef: 'FAX-1' });
  send(s, 'production-notice-issued', 'finance', { noticeRef: 'PN-1' });
  return s;
}

const configuration = (version: number) => ({
  version,
  series: 'TB-68',
  style: 'casement',
  colours: 'dark grey / oak',
  hardware: 'Hoppe',
  glass: '5+12A+5 low-E',
});

describe('store channel: from the intent letter to the contract', () => {
  it('Given a store order, then its plan is the intention deposit, a 30 % advance before production and the rest before installation', () => {
    const s = newStoreOrder();
    assert.equal(s.stage, 'intent-letter');
    assert.deepEqual(expectedEvents(s).sort(), ['cancelled', 'intent-letter-signed']);
    assert.deepEqual(
      snapshotOf(s).ledger!.instalments.map((i) => [i.name, i.amount, i.due]),
      [
        ['intention-deposit', 200_000, { before: 'production' }],
        ['advance', 633_600, { before: 'production' }],
        ['balance', 1_278_400, { before: 'shipping' }],
      ],
    );
  });

  it('Given the intent letter signed, when finance confirms the intention deposit, then the measurement is to be booked', () => {
    const s = storeOrder();
    assert.equal(s.stage, 'intention-deposit');
    assert.deepEqual(s.facts.intentLetter && [s.facts.intentLetter.leadTimeDays, s.facts.intentLetter.paymentMethod], [30, 'transfer']);
    send(s, 'deposit-received', 'finance', { amount: 200_000, paymentRef: 'POS-1' });
    assert.equal(s.stage, 'site-measurement');
    assert.equal(s.status, 'pending-confirmation');
    assert.ok(expectedEvents(s).includes('appointment-scheduled'));
    assert.ok(!expectedEvents(s).includes('site-measured'), 'not measured before it is booked');
  });

  it('Given the measurement to book, when another visit is booked, then it is refused naming the visit the order waits for', () => {
    const s = storeOrder();
    send(s, 'deposit-received', 'finance', { amount: 200_000, paymentRef: 'POS-1' });
    assert.match(
      refusal(s, 'appointment-scheduled', 'regional-manager', { visit: 'installation', date: '2031-03-07', team: 'T' })!.message,
      /waits for the measurement visit, not the installation visit/,
    );
    assert.equal(
      refusal(s, 'appointment-scheduled', 'customer', { visit: 'measurement', date: '2031-03-07', team: 'T' })?.kind,
      'not-permitted',
    );
  });

  it('Given a booked measurement, when it is rescheduled, then only with a reason, and the latest appointment is the one kept', () => {
    const s = storeOrder();
    send(s, 'deposit-received', 'finance', { amount: 200_000, paymentRef: 'POS-1' });
    book(s, 'measurement', '2031-03-07');
    assert.deepEqual(
      expectedEvents(s)
        .filter((t) => t !== 'cancelled' && t !== 'deposit-received')
        .sort(),
      ['appointment-scheduled', 'site-measured'],
    );
    assert.match(
      refusal(s, 'appointment-scheduled', 'order-desk', { visit: 'measurement', date: '2031-03-09', team: 'T' })!.message,
      /booked for 2031-03-07 \(technician Zhou\): give the reason to reschedule it/,
    );
    book(s, 'measurement', '2031-03-09', 'the customer is away');
    assert.deepEqual(
      snapshotOf(s).appointments.map((a) => [a.visit, a.date, a.reason]),
      [
        ['measurement', '2031-03-07', undefined],
        ['measurement', '2031-03-09', 'the customer is away'],
      ],
    );
    const told = s.timeline.filter((t) => t.kind === 'notification' && t.type === 'appointment');
    assert.deepEqual(
      told.map((t) => [t.to, t.detail]),
      [
        ['technical', 'measurement visit on 2031-03-07 by technician Zhou'],
        ['technical', 'measurement visit on 2031-03-09 by technician Zhou (moved from 2031-03-07: the customer is away)'],
      ],
    );
  });

  it("Given the store's submission, when the marketing assistant returns it, then technical revises the drawing, the customer confirms again, and it is reviewed again", () => {
    const s = storeOrder();
    send(s, 'deposit-received', 'finance', { amount: 200_000, paymentRef: 'POS-1' });
    book(s, 'measurement', '2031-03-07');
    send(s, 'site-measured', 'technical', { measurementRef: 'LC-1' });
    assert.equal(s.stage, 'drawings');
    send(s, 'drawing-sent', 'technical', { version: 1, drawingRef: 'DY-1' });
    assert.match(
      refusal(s, 'window-configuration-confirmed', 'customer', configuration(2))!.message,
      /drawing version 1 is the one sent, not 2/,
    );
    send(s, 'window-configuration-confirmed', 'customer', configuration(1));
    assert.equal(s.stage, 'submission-review');
    send(s, 'submission-reviewed', 'order-desk', { approved: false, comment: 'the balcony door is beyond the machining limit' });
    assert.equal(s.stage, 'submission-review');
    assert.ok(expectedEvents(s).includes('drawing-sent'));
    assert.deepEqual(
      s.timeline.filter((t) => t.type === 'submission-returned').map((t) => t.to),
      ['technical', 'sales-rep'],
    );
    send(s, 'drawing-sent', 'technical', { version: 2, drawingRef: 'DY-2' });
    send(s, 'window-configuration-confirmed', 'customer', { ...configuration(2), lock: 'multi-point' });
    assert.equal(
      refusal(s, 'submission-reviewed', 'sales-rep', { approved: true })?.kind,
      'not-permitted',
      "the marketing assistant's review",
    );
    send(s, 'submission-reviewed', 'order-desk', { approved: true });
    assert.equal(s.stage, 'final-quote');
    assert.equal(s.facts.windowConfiguration?.lock, 'multi-point');
  });

  it('Given the quote accepted and the contract signed, when the advance arrives, then the production notice is next, with the promised date of the quote', () => {
    const s = throughProductionNotice();
    assert.equal(s.promisedDate, '2031-04-10');
    assert.equal(s.stage, 'sub-frame-production');
    assert.equal(s.status, 'in-production');
    assert.deepEqual(
      snapshotOf(s).ledger!.instalments.map((i) => [i.name, i.status]),
      [
        ['intention-deposit', 'paid'],
        ['advance', 'paid'],
        ['balance', 'not-due'],
      ],
    );
  });
});

describe('store channel: sub-frames, re-measurement, installation and acceptance', () => {
  it('Given the sub-frames being made, then no complaint yet; from their installation on, a complaint is taken', () => {
    const s = throughProductionNotice();
    assert.equal(refusal(s, 'complaint-filed', 'customer', { category: 'installation', description: 'x' })?.kind, 'not-expected');
    send(s, 'sub-frame-made', 'production', { reportRef: 'GFK-1' });
    assert.equal(s.stage, 'sub-frame-installation');
    send(s, 'appointment-scheduled', 'order-desk', { visit: 'sub-frame-installation', date: '2031-03-19', team: 'team 3' });
    send(s, 'complaint-filed', 'customer', { category: 'installation', description: 'a sub-frame is out of level' });
    assert.ok(
      expectedEvents(s).includes('complaint-compensation-agreed'),
      'the complaint is open: its own workflow handles it, compensation goes on the order',
    );
  });

  it('Given the windows finished, when the balance is not paid, then installation cannot be booked; once paid, it is', () => {
    const s = throughProductionNotice();
    send(s, 'sub-frame-made', 'production', { reportRef: 'GFK-1' });
    send(s, 'appointment-scheduled', 'order-desk', { visit: 'sub-frame-installation', date: '2031-03-19', team: 'team 3' });
    send(s, 'sub-frame-installed', 'service', { reportRef: 'AZ-GFK-1' });
    book(s, 're-measurement', '2031-03-21');
    send(s, 're-measured', 'technical', { measurementRef: 'FC-1' });
    assert.equal(s.stage, 'finished-window-order');
    send(s, 'technical-order-issued', 'technical', { orderRef: 'CC-1' });
    send(s, 'qc-passed', 'qc', { reportRef: 'QC-1' });
    send(s, 'stocked', 'warehouse', { location: 'W-1' });
    assert.equal(s.stage, 'installation-payment');
    assert.equal(
      refusal(s, 'appointment-scheduled', 'order-desk', { visit: 'installation', date: '2031-04-05', team: 'team 3' })?.kind,
      'not-expected',
    );
    send(s, 'payment-received', 'finance', { amount: 1_278_400, paymentRef: 'BANK-1' });
    assert.equal(s.stage, 'installation');
    send(s, 'appointment-scheduled', 'order-desk', { visit: 'installation', date: '2031-04-05', team: 'team 3 with logistics' });
    assert.deepEqual(
      s.timeline.filter((t) => t.type === 'appointment' && t.detail.startsWith('installation')).map((t) => t.to),
      ['service', 'warehouse', 'sales-rep'],
      'the installation team, logistics and the store',
    );
    assert.equal(refusal(s, 'cancelled', 'supervisor', { reason: 'x' })?.kind, 'not-expected', 'not once installation is under way');
    send(s, 'installed', 'service', { reportRef: 'AZ-1' });
    assert.equal(s.stage, 'acceptance');
    send(s, 'goods-accepted', 'sales-rep', { acceptanceRef: 'YS-1' });
    assert.equal(s.stage, 'after-sales');
    assert.equal(s.status, 'completed');
    assert.equal(warrantyEndsAt(s), Date.parse(s.facts.acceptedAt!) + 365 * 24 * 3600_000, 'the warranty runs from the acceptance');
  });
});

describe('store channel: policy', () => {
  it("Given the store's defaults, then every visit has a booking wait and a missed appointment tells the regional manager; other channels have no visits", () => {
    const { visits } = policyFor('store', 'A');
    assert.deepEqual(Object.keys(visits!.booking).sort(), ['installation', 'measurement', 're-measurement', 'sub-frame-installation']);
    assert.ok(visits!.missedAppointment.to.includes('regional-manager'));
    assert.equal(defaultPolicy.visits, undefined);
    assert.equal(policyFor('standard', 'A').visits, undefined);
  });
});
