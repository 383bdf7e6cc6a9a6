import assert from 'node:assert/strict';
import { OrderEvent } from '../../workflows/domain/events';
import { OrderInput, type Role } from '../../workflows/domain/order';
import { defaultPolicy, type Policy } from '../../workflows/domain/policy';
import { rolesFor } from '../../workflows/domain/permissions';
import { expectedEvents } from '../../workflows/domain/route';
import { snapshotOf } from '../../workflows/domain/snapshot';
import { openOrder, type OrderState } from '../../workflows/domain/state';
import { projectionOf } from '../../workflows/read-model';
import { accept, actorOf, whyNot } from '../support/decider';
import { standardOrder } from '../support/scenario';
import { throughTechnicalOrder } from '../support/main-line';

// The facts behind the sales reps' monthly figures (001 ch.7), without a server: a delay verified as
// force majeure, the cause of a complaint, the customer's satisfaction at sign-off and at the callback.

const at = (hour: number) => new Date(Date.UTC(2026, 10, 2, hour)).toISOString();
const send = (s: OrderState, role: Role, type: string, data: object = {}, hour = 10) => accept(s, role, type, data, at(hour));

/** Given a ¥5,000 class A standard order in production, its technical order issued. */
function inProduction(policy: Policy = defaultPolicy): OrderState {
  const s = openOrder(OrderInput.parse(standardOrder()), policy, at(1));
  for (const [role, type, data] of throughTechnicalOrder) send(s, role, type, data, 2);
  assert.equal(s.stage, 'production');
  return s;
}

/** Given that order signed for by the customer: after-sales. */
function signedFor(satisfaction?: number): OrderState {
  const s = inProduction();
  send(s, 'qc', 'qc-passed', { reportRef: 'QC-1' }, 3);
  send(s, 'warehouse', 'stocked', { location: 'A-1' }, 3);
  send(s, 'sales-rep', 'shipping-requested', { requestRef: 'SR-1' }, 3);
  send(s, 'warehouse', 'shipped', { carrier: 'SF', trackingRef: 'SF-1' }, 4);
  send(s, 'customer', 'signed-for', { receiptRef: 'AR-1', ...(satisfaction !== undefined && { satisfaction }) }, 5);
  assert.equal(s.stage, 'after-sales');
  return s;
}

describe('force majeure (不可抗力, 001 ch.7)', () => {
  it('given a delay claimed as force majeure, when it is reported, then the supervisor is asked to verify it and the rep still tells the customer', () => {
    const s = inProduction();
    send(s, 'production', 'delay-reported', { reason: 'typhoon closed the plant', newPromisedDate: '2031-03-20', forceMajeure: true });
    assert.deepEqual(
      s.pendingNotices.filter((n) => n.type === 'delay' || n.type === 'force-majeure-claimed').map((n) => [n.type, n.to]),
      [
        ['delay', 'sales-rep'],
        ['force-majeure-claimed', 'supervisor'],
      ],
    );
    assert.equal(s.delays[0].forceMajeureClaimed, true);
    assert.ok(expectedEvents(s).includes('customer-told-of-delay'));
    assert.ok(expectedEvents(s).includes('force-majeure-verified'));
  });

  it('given a reported delay, when a supervisor verifies it as force majeure, then it is marked so with who and why, and cannot be verified twice', () => {
    const s = inProduction();
    send(s, 'production', 'delay-reported', { reason: 'flood', newPromisedDate: '2031-03-20' });
    assert.match(whyNot(s, 'sales-rep', 'force-majeure-verified', { delay: 1, evidence: 'news' })!.message, /allowed: supervisor/);
    assert.match(whyNot(s, 'supervisor', 'force-majeure-verified', { delay: 2, evidence: 'news' })!.message, /awaiting: 1/);
    send(s, 'supervisor', 'force-majeure-verified', { delay: 1, evidence: 'county flood notice 2031-07' }, 11);
    assert.deepEqual(s.delays[0].forceMajeure, { at: at(11), by: actorOf('supervisor'), evidence: 'county flood notice 2031-07' });
    assert.ok(!expectedEvents(s).includes('force-majeure-verified'));
    assert.equal(whyNot(s, 'supervisor', 'force-majeure-verified', { delay: 1, evidence: 'again' })?.kind, 'not-expected');
    assert.equal(projectionOf(s, 1).forceMajeureDelays, 1);
  });

  it('given an order without any delay, then there is nothing to verify', () => {
    const s = inProduction();
    assert.ok(!expectedEvents(s).includes('force-majeure-verified'));
    assert.equal(whyNot(s, 'supervisor', 'force-majeure-verified', { delay: 1, evidence: 'x' })?.kind, 'not-expected');
  });

  it('gives an order whose policy predates the event the default roles', () => {
    const { 'force-majeure-verified': _, 'satisfaction-rated': __, ...older } = defaultPolicy.permissions;
    const policy = { ...defaultPolicy, permissions: older } as Policy;
    assert.deepEqual(rolesFor(policy, 'force-majeure-verified'), ['supervisor']);
    const s = inProduction(policy);
    send(s, 'production', 'delay-reported', { reason: 'earthquake', newPromisedDate: '2031-03-20' });
    send(s, 'supervisor', 'force-majeure-verified', { delay: 1, evidence: 'seismic bureau report' });
  });
});

describe('complaint causes and customer satisfaction', () => {
  it('given a complaint, when it is resolved with its cause, then the cause is kept with the complaint', () => {
    const s = signedFor();
    send(s, 'customer', 'complaint-filed', { category: 'wrong-or-missing-goods', description: 'got 60 cm, ordered 80 cm' }, 6);
    send(s, 'service', 'complaint-resolved', {
      complaintNumber: 1,
      responsibleParty: 'sales',
      resolution: 'sent the right size',
      cause: 'data-entry',
    });
    assert.equal(s.complaints[0].cause, 'data-entry');
    assert.equal(projectionOf(s, 1).complaints[0].cause, 'data-entry');
    const unknown = OrderEvent.safeParse({
      type: 'complaint-resolved',
      actor: actorOf('service'),
      data: { complaintNumber: 1, responsibleParty: 'sales', resolution: 'x', cause: 'bad-luck' },
    });
    assert.deepEqual(
      unknown.error?.issues.map((i) => i.path.join('.')),
      ['data.cause'],
    );
  });

  it('given a resolution without a cause (as before causes were recorded), then the complaint has none', () => {
    const s = signedFor();
    send(s, 'customer', 'complaint-filed', { category: 'quality', description: 'scratch' }, 6);
    send(s, 'service', 'complaint-resolved', { complaintNumber: 1, responsibleParty: 'production', resolution: 'replaced' });
    assert.equal('cause' in s.complaints[0], false);
  });

  it('given a sign-off with a rating and a callback, then both ratings are kept with their source, and only 1 to 5 is taken', () => {
    const s = signedFor(4);
    assert.match(whyNot(s, 'finance', 'satisfaction-rated', { rating: 5 })!.message, /allowed: service, sales-rep, customer/);
    send(s, 'service', 'satisfaction-rated', { rating: 5, comment: 'happy with the fix' }, 12);
    assert.deepEqual(
      snapshotOf(s).satisfaction.map((r) => [r.rating, r.source, r.by.role]),
      [
        [4, 'sign-off', 'customer'],
        [5, 'callback', 'service'],
      ],
    );
    assert.deepEqual(projectionOf(s, 1).ratings, [
      { rating: 4, at: at(5), source: 'sign-off' },
      { rating: 5, at: at(12), source: 'callback' },
    ]);
    for (const rating of [0, 6, 3.5])
      assert.equal(OrderEvent.safeParse({ type: 'satisfaction-rated', actor: actorOf('service'), data: { rating } }).success, false);
  });

  it('takes a callback rating only after sign-off', () => {
    assert.equal(whyNot(inProduction(), 'service', 'satisfaction-rated', { rating: 3 })?.kind, 'not-expected');
  });

  it('projects an order without these facts exactly as before: no new keys, so a continued run does not project again on replay', () => {
    const s = signedFor();
    send(s, 'customer', 'complaint-filed', { category: 'quality', description: 'scratch' }, 6);
    const projection = projectionOf(s, 1);
    assert.equal('forceMajeureDelays' in projection, false);
    assert.equal('ratings' in projection, false);
    assert.equal('cause' in projection.complaints[0], false);
  });
});
