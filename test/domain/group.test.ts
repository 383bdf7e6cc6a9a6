import assert from 'node:assert/strict';
import { channelForms, policyFor, type PolicyFile } from '../../client/channels';
import { apply } from '../../workflows/domain/apply';
import { OrderEvent, type EventType } from '../../workflows/domain/events';
import { nextTrackingDeadline } from '../../workflows/domain/group';
import { instalmentsOf } from '../../workflows/domain/ledger';
import type { Role } from '../../workflows/domain/order';
import { expectedEvents, whyNotApplicable } from '../../workflows/domain/route';
import { balanceDue, openOrder, type OrderState } from '../../workflows/domain/state';

// group order channel (团订, 003): the route's rules, pure, as Given/When/Then.

/** A policy file overriding some of the channel's group settings (a file is JSON: merged over the channel's defaults). */
const groupSettings = (group: Record<string, unknown>) => ({ channels: { group: { group } } }) as PolicyFile;

const at = '2027-03-01T02:00:00.000Z'; // Monday 10:00 in Shanghai

/** Given a group order as the contract was handed in (¥10,000: 50 vests at ¥200). */
function givenGroupOrder(policy: Parameters<typeof policyFor>[2] = {}): OrderState {
  const order = channelForms.group.createSchema.parse({
    orderNumber: 'G-1',
    channel: 'group',
    customer: { id: 'C-G1', name: 'Suzhou Hotel Group', class: 'B' },
    salesRep: { id: 'rep-1' },
    lines: [{ productCode: 'VEST-1', quantity: 50, unitPrice: 20_000 }],
    delivery: { address: '1 Renmin Rd, Suzhou', contact: 'Ms Xu', phone: '13600000000' },
    group: { deliveryBy: '2027-04-15', measurementSite: { address: 'Hotel staff hall', contact: 'Mr Fang', phone: '13500000000' } },
  }) as OrderState['order'];
  const s = openOrder(order, policyFor('group', 'B', policy), at);
  s.complaintWorkflows = true; // as the workflow opens every order since complaints became workflows
  s.stage = 'finance-review';
  return s;
}

function event(type: EventType, role: Role, data: Record<string, unknown> = {}): OrderEvent {
  return OrderEvent.parse({ type, actor: { id: `${role}-1`, role }, data }) as OrderEvent;
}
/** When an event is sent: applied if it fits, else the reason it was refused. */
function when(s: OrderState, e: OrderEvent): string | undefined {
  const misfit = whyNotApplicable(s, e);
  if (!misfit) apply(s, e, at);
  return misfit?.message;
}
function through(s: OrderState, ...events: OrderEvent[]) {
  for (const e of events) assert.equal(when(s, e), undefined, e.type);
}
const stamped = event('contract-stamped', 'finance', { contractRef: 'GC-1' });
const advance = event('deposit-received', 'finance', { amount: 500_000, paymentRef: 'B-1' });
const handedOver = event('order-pack-handed-over', 'order-desk', {
  measurementRequestRef: 'LT-1',
  productionOrderRef: 'SC-1',
  deliveryNoteRef: 'SH-1',
});
const signedBy = (role: Role) => event('order-pack-signed', role, { receiptRef: `R-${role}` });
const measured = [
  event('body-measurement-scheduled', 'production', { date: '2027-03-05', from: '09:30' }),
  event('body-measurement-done', 'production', { sheetRef: 'LT-1s' }),
];

describe('group order (团订): the route', () => {
  it('given a contract handed in, when finance returns it, then the rep is told why and finance reviews it again once handed in again', () => {
    const s = givenGroupOrder();
    assert.deepEqual(expectedEvents(s).sort(), ['cancelled', 'contract-returned', 'contract-stamped', 'invoice-issued']);
    through(s, event('contract-returned', 'finance', { reason: 'no balance date', terms: ['balance-terms'] }));
    assert.equal(s.pendingNotices.at(-1)!.to, 'sales-rep');
    assert.match(when(s, stamped)!, /expects contract-resubmitted/);
    through(s, event('contract-resubmitted', 'sales-rep', { contractRef: 'GC-1-v2' }), stamped);
    assert.equal(s.stage, 'deposit');
    assert.equal(s.promisedDate, '2027-04-15', "the contract's delivery term");
  });

  it('given the contract stamped, then only finance stamps it and the sales rep is told to have the customer pay the advance', () => {
    const s = givenGroupOrder();
    assert.match(when(s, event('contract-stamped', 'sales-rep', { contractRef: 'GC-1' }))!, /sales-rep may not send contract-stamped/);
    through(s, stamped);
    assert.deepEqual(
      s.pendingNotices.filter((n) => n.type === 'advance-request').map((n) => [n.to, n.detail.includes('500000 fen')]),
      [['sales-rep', true]],
    );
  });

  it('given part of the advance, when the order pack is handed over, then it is refused: nothing is measured or made before the full advance', () => {
    const s = givenGroupOrder();
    through(s, stamped, event('deposit-received', 'finance', { amount: 300_000, paymentRef: 'B-1' }));
    assert.match(when(s, handedOver)!, /stage deposit and expects deposit-received/);
    through(s, event('deposit-received', 'finance', { amount: 200_000, paymentRef: 'B-2' }), handedOver);
    assert.equal(s.stage, 'order-pack');
  });

  it('given the order pack handed over, then both production and logistics sign for it, each once, before the measurement', () => {
    const s = givenGroupOrder();
    through(s, stamped, advance, handedOver, signedBy('production'));
    assert.equal(s.stage, 'order-pack');
    assert.equal(when(s, signedBy('production')), 'production has already signed for the order pack');
    assert.match(when(s, signedBy('finance'))!, /finance may not send order-pack-signed/);
    through(s, signedBy('warehouse'));
    assert.equal(s.stage, 'body-measurement');
    assert.deepEqual(Object.keys(s.group!.pack!.signed).sort(), ['logistics', 'production']);
    assert.deepEqual(s.group!.pack!.advanceReceipts, ['B-1']);
  });

  it("given a measurement appointment without a place, then it is at the contract's measurement site, and the customer and rep are told", () => {
    const s = givenGroupOrder();
    through(s, stamped, advance, handedOver, signedBy('production'), signedBy('warehouse'), measured[0]);
    assert.deepEqual(
      s.pendingNotices.filter((n) => n.type === 'body-measurement-appointment').map((n) => [n.to, n.detail]),
      [
        ['customer', 'body measurement 2027-03-05 09:30 at Hotel staff hall, ask for Mr Fang (13500000000)'],
        ['sales-rep', 'body measurement 2027-03-05 09:30 at Hotel staff hall, ask for Mr Fang (13500000000)'],
      ],
    );
  });

  it("given production, then the fabric comes first, each of the policy's process steps once, and the order is made when all are done", () => {
    const s = givenGroupOrder(groupSettings({ processSteps: ['cutting', 'sewing'] }));
    through(s, stamped, advance, handedOver, signedBy('production'), signedBy('warehouse'), ...measured);
    assert.equal(s.stage, 'production');
    assert.match(when(s, event('process-step-completed', 'production', { step: 'cutting' }))!, /expects fabric-purchased/);
    through(
      s,
      event('fabric-purchased', 'purchasing', { purchaseRef: 'PO-1' }),
      event('process-step-completed', 'production', { step: 'cutting' }),
    );
    assert.equal(
      when(s, event('process-step-completed', 'production', { step: 'cutting' })),
      'process step cutting is already recorded as done',
    );
    assert.equal(
      when(s, event('process-step-completed', 'production', { step: 'embroidery' })),
      'embroidery is not a process step of this order (its steps: cutting, sewing)',
    );
    through(s, event('process-step-completed', 'production', { step: 'sewing' }));
    assert.equal(s.stage, 'put-away');
  });

  it('given an exception in production, then the group-sales manager (the policy’s role) is told at once', () => {
    const s = givenGroupOrder(groupSettings({ managerRole: 'order-desk' }));
    through(s, stamped, advance, handedOver, event('production-exception-reported', 'production', { description: 'buttons short' }));
    assert.deepEqual(
      s.pendingNotices.filter((n) => n.type === 'production-exception').map((n) => [n.kind, n.to, n.detail]),
      [['escalation', 'order-desk', 'exception: buttons short']],
    );
  });

  it('given delivery, then complaints are taken from the delivery on, the balance is paid in full, then alterations and callbacks', () => {
    const s = givenGroupOrder(groupSettings({ processSteps: ['sewing'] }));
    through(s, stamped, advance, handedOver, signedBy('production'), signedBy('warehouse'), ...measured);
    through(
      s,
      event('fabric-purchased', 'purchasing', { purchaseRef: 'PO-1' }),
      event('process-step-completed', 'production', { step: 'sewing' }),
    );
    through(s, event('stocked', 'warehouse', { location: 'G-1' }));
    const complaint = event('complaint-filed', 'customer', { category: 'quality', description: 'loose seams' });
    assert.match(when(s, complaint)!, /expects shipped/);
    through(s, event('shipped', 'warehouse', { carrier: 'own van', trackingRef: 'SH-1' }), complaint);
    through(s, event('signed-for', 'customer', { receiptRef: 'JH-1' }));
    assert.equal(s.stage, 'balance');
    assert.equal(balanceDue(s), 500_000);
    // The advance, due from finance's stamp, took the first payment: the balance, due from the delivery receipt, is what is owed.
    assert.deepEqual(
      instalmentsOf(s, s.ledger!, Date.parse(at)).map((i) => [i.name, i.paid, i.dueDate]),
      [
        ['advance', 500_000, '2027-03-01'],
        ['balance', 0, '2027-03-01'],
      ],
    );
    assert.match(when(s, event('payment-received', 'finance', { amount: 600_000, paymentRef: 'B-9' }))!, /more than the 500000 fen/);
    through(s, event('payment-received', 'finance', { amount: 500_000, paymentRef: 'B-3' }));
    assert.equal(s.stage, 'after-sales');
    through(s, event('alteration-requested', 'customer', { description: 'shorten 3 vests', pieces: 3 }));
    assert.equal(when(s, event('alteration-done', 'service', { alteration: 2 })), 'alteration 2 is not open (open: 1)');
    through(s, event('alteration-done', 'service', { alteration: 1 }), event('satisfaction-rated', 'service', { rating: 5 }));
  });

  it("takes no event another channel's route would (no change request, no supervisor approval, no QC)", () => {
    const s = givenGroupOrder();
    through(s, stamped, advance, handedOver);
    for (const [type, role, data] of [
      ['change-requested', 'customer', { description: 'blue' }],
      ['supervisor-approved', 'supervisor', {}],
      ['qc-passed', 'qc', { reportRef: 'Q' }],
    ] as const)
      assert.match(when(s, event(type, role, data))!, /expects/);
  });
});

describe('group order (团订): the tracking deadline', () => {
  const s = givenGroupOrder({ calendar: { holidays: ['2027-03-02'] } }); // Mon–Sat working (the default), Tuesday a holiday
  const shanghai = (local: string) => Date.parse(`${local}+08:00`);

  it('is 17:30 company time today when still to come, else on the next working day, skipping holidays and Sundays', () => {
    assert.equal(nextTrackingDeadline(s, shanghai('2027-03-01T10:00:00')), shanghai('2027-03-01T17:30:00'));
    assert.equal(nextTrackingDeadline(s, shanghai('2027-03-01T17:30:00')), shanghai('2027-03-03T17:30:00'), 'Tuesday is a holiday');
    assert.equal(nextTrackingDeadline(s, shanghai('2027-03-06T18:00:00')), shanghai('2027-03-08T17:30:00'), 'Sunday is not a working day');
  });

  it("takes the policy's time of day", () => {
    const late = givenGroupOrder(groupSettings({ trackingBy: '18:00' }));
    assert.equal(nextTrackingDeadline(late, shanghai('2027-03-01T17:45:00')), shanghai('2027-03-01T18:00:00'));
  });
});
