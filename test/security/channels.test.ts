import assert from 'node:assert/strict';
import { channelForms, policyFor } from '../../client/channels';
import { channels, definitionProblems } from '../../workflows/channels';
import * as workflows from '../../workflows';
import { OrderInput, type Channel } from '../../workflows/domain/order';
import { standardWork } from '../../workflows/standard-order';
import { call, sendEvent, startApi, type ApiUnderTest, type Call } from '../support/api-server';

// The channel registry: every channel's definition holds together (its stages read only facts its
// route sets, its windows name its own stages), and a route refuses, with a 409 and what it
// expects, the side events it has no window for: never dropped.

const ids = Object.keys(channels) as Channel[];

describe('channel registry', () => {
  for (const id of ids) {
    it(`${id}: its stages read only facts its route sets, and its windows name its own stages`, () => {
      assert.deepEqual(definitionProblems(channels[id]), []);
    });
  }

  it('names a stage whose facts the route does not set, and a window on a stage the route does not have', () => {
    const problems = definitionProblems({
      route: { steps: channels.sample.route.steps, windows: [{ from: 'price-review', events: () => ['change-requested'] }] },
      work: {
        stages: { 'sample-dispatch': standardWork.stages['after-sales']!, 'after-sales': standardWork.stages['after-sales']! },
        sideLines: [],
      },
    });
    assert.deepEqual(problems, [
      'stage sample-dispatch needs signedForAt, which no earlier stage of the route always sets',
      'stage after-sales has work but is not on the route',
      'a window names stage price-review, which is not on the route',
    ]);
  });

  it("names a complaints' span on a stage the route does not have", () => {
    const route = { ...channels.sample.route, complaints: { from: 'in-transit' as const } };
    assert.deepEqual(definitionProblems({ route, work: channels.sample.work }), [
      'a window names stage in-transit, which is not on the route',
    ]);
  });

  it('the sample route takes only its own events: no change, payment or complaint at all', () => {
    assert.deepEqual([...(channels.sample.route.events ?? [])].sort(), ['cancelled', 'order-confirmed', 'shipped', 'signed-for']);
  });

  it('has a client side for every channel, and every channel workflow is in the bundle', () => {
    assert.deepEqual(Object.keys(channelForms).sort(), [...ids].sort());
    for (const id of ids) assert.equal((workflows as Record<string, unknown>)[channels[id].workflow.name], channels[id].workflow);
  });

  it("each channel's order form is an order as the workflow takes it", () => {
    const form = {
      customer: { id: 'C-1', name: 'Ningbo Lamps', class: 'B' },
      salesRep: { id: 'rep-1' },
      lines: [{ productCode: 'LAMP-1', quantity: 1, unitPrice: 0 }],
      delivery: { address: 'No. 1 Road', contact: 'Ms Wu', phone: '13800000000' },
      orderNumber: 'R-1',
    };
    // What a channel's form asks beyond the common order.
    const ownFields: Partial<Record<Channel, Record<string, unknown>>> = {
      // store channel
      store: { store: { id: 'S-1', name: 'Binjiang store', region: 'Zhejiang' } },
    };
    for (const id of ids) {
      const order = channelForms[id].createSchema.parse({ ...form, ...ownFields[id], channel: id });
      assert.deepEqual(OrderInput.parse(order), order);
      assert.equal(order.channel, id);
    }
    assert.equal(channelForms.standard.createSchema.parse(form).channel, 'standard', 'standard when no channel is named');
    assert.throws(() => channelForms.sample.createSchema.parse({ ...form, channel: 'sample', lines: Array(6).fill(form.lines[0]) }));
  });

  it('resolves the policy per channel and customer class: defaults, channel defaults, then the file', () => {
    assert.equal(policyFor('standard', 'A').clocks.firstConfirmation.after, 'PT2H');
    assert.equal(policyFor('sample', 'A').clocks.firstConfirmation.after, 'PT4H', "the sample channel's default");
    const file = {
      rules: { largeOrderAmount: 2_000_000 },
      channels: { sample: { clocks: { firstConfirmation: { after: 'PT1H', to: 'order-desk' as const } } } },
      customerClasses: { C: { rules: { largeOrderAmount: 500_000 } } },
    };
    assert.equal(policyFor('standard', 'A', file).rules.largeOrderAmount, 2_000_000);
    assert.equal(policyFor('standard', 'C', file).rules.largeOrderAmount, 500_000, 'the class overrides the company');
    assert.deepEqual(policyFor('sample', 'B', file).clocks.firstConfirmation, { after: 'PT1H', to: 'order-desk', dayKind: 'calendar' });
    assert.equal(policyFor('standard', 'B', file).clocks.firstConfirmation.after, 'PT2H', 'a channel override stays in its channel');
  });
});

describe('a route refuses what it has no window for (API, dev server)', function () {
  let api: ApiUnderTest;
  before(async () => {
    api = await startApi();
  });
  after(async () => api?.stop());

  const refused = async (answer: Call, expectedEvents: string[]) => {
    assert.equal(answer.status, 409, JSON.stringify(answer.body));
    assert.equal(answer.body.type, 'urn:orderflow:problem:event-not-expected');
    assert.deepEqual([...answer.body.expectedEvents].sort(), [...expectedEvents].sort());
  };

  it('a sample order takes no change, no complaint, and no cancellation once shipped: 409 with what it expects, nothing recorded', async () => {
    const orderNumber = `SAMPLE-${process.pid}-${Date.now()}`;
    const created = await call(api, 'POST', '/api/v1/orders', {
      role: 'sales-rep',
      body: {
        orderNumber,
        channel: 'sample',
        customer: { id: 'C-DEV', name: 'Xiamen Doors', class: 'C' }, // the development customer token's own
        salesRep: { id: 'rep-s' },
        lines: [{ productCode: 'DOOR-SAMPLE', quantity: 1, unitPrice: 0 }],
        delivery: { address: 'No. 5 Road', contact: 'Mr Lin', phone: '13700000000' },
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.stage, 'sample-request');
    assert.deepEqual(created.body.expectedEvents.sort(), ['cancelled', 'order-confirmed']);

    await refused(await sendEvent(api, orderNumber, 'customer', 'change-requested', { description: 'blue instead' }), [
      'order-confirmed',
      'cancelled',
    ]);
    assert.equal((await sendEvent(api, orderNumber, 'order-desk', 'order-confirmed')).status, 200);
    await refused(await sendEvent(api, orderNumber, 'customer', 'complaint-filed', { category: 'quality', description: 'scratched' }), [
      'shipped',
      'cancelled',
    ]);
    await refused(await sendEvent(api, orderNumber, 'finance', 'payment-received', { amount: 100, paymentRef: 'B-1' }), [
      'shipped',
      'cancelled',
    ]);
    assert.equal((await sendEvent(api, orderNumber, 'warehouse', 'shipped', { carrier: 'SF', trackingRef: 'SF-S1' })).status, 200);
    await refused(await sendEvent(api, orderNumber, 'supervisor', 'cancelled', { reason: 'customer changed mind' }), ['signed-for']);
    await refused(await sendEvent(api, orderNumber, 'customer', 'complaint-filed', { category: 'quality', description: 'scratched' }), [
      'signed-for',
    ]);

    const signed = await sendEvent(api, orderNumber, 'customer', 'signed-for', { receiptRef: 'AR-S1' });
    assert.equal(signed.status, 200, JSON.stringify(signed.body));
    assert.equal(signed.body.snapshot.stage, 'archived');
    assert.equal(signed.body.snapshot.status, 'completed');
    const timeline = (await call(api, 'GET', `/api/v1/orders/${orderNumber}/timeline`, { role: 'sales-rep' })).body.timeline as {
      kind: string;
      type: string;
    }[];
    assert.deepEqual(
      timeline.filter((t) => t.kind === 'event').map((t) => t.type),
      ['order-confirmed', 'shipped', 'signed-for'],
    );
    assert.equal(timeline.filter((t) => t.kind === 'rejected-event').length, 0);
  });

  // store channel
  it('a store order needs its store; it takes its visits in turn, booked by the regional manager, and no complaint before the sub-frames go in', async () => {
    const orderNumber = `STORE-${process.pid}-${Date.now()}`;
    const body = {
      orderNumber,
      channel: 'store',
      customer: { id: 'C-DEV', name: 'Mr Wang', class: 'C' },
      salesRep: { id: 'clerk-xu' },
      store: { id: 'S-1', name: 'Binjiang store', region: 'Zhejiang' },
      lines: [{ productCode: 'TB68-CASEMENT', quantity: 24, unitPrice: 88_000 }],
      delivery: { address: 'Villa 12, Lakeside Garden', contact: 'Mr Wang', phone: '13800000000' },
    };
    const { store: _, ...withoutStore } = body;
    const refusedForm = await call(api, 'POST', '/api/v1/orders', { role: 'sales-rep', body: withoutStore });
    assert.equal(refusedForm.status, 400);
    assert.ok(
      refusedForm.body.errors.some((e: { field: string }) => e.field === 'store'),
      JSON.stringify(refusedForm.body),
    );

    const created = await call(api, 'POST', '/api/v1/orders', { role: 'sales-rep', body });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual([created.body.channel, created.body.stage], ['store', 'intent-letter']);
    assert.deepEqual(created.body.expectedEvents.sort(), ['cancelled', 'intent-letter-signed']);
    const letter = { documentRef: 'YX-1', unitPrice: 88_000, leadTimeDays: 30, paymentMethod: 'bank transfer' };
    assert.equal((await sendEvent(api, orderNumber, 'sales-rep', 'intent-letter-signed', letter)).status, 200);
    assert.equal((await sendEvent(api, orderNumber, 'finance', 'deposit-received', { amount: 200_000, paymentRef: 'POS-1' })).status, 200);

    const measurement = { visit: 'measurement', date: '2031-03-07', team: 'technician Zhou' };
    assert.equal((await sendEvent(api, orderNumber, 'customer', 'appointment-scheduled', measurement)).status, 403);
    const installation = await sendEvent(api, orderNumber, 'regional-manager', 'appointment-scheduled', {
      ...measurement,
      visit: 'installation',
    });
    assert.equal(installation.status, 409);
    assert.match(installation.body.detail, /waits for the measurement visit, not the installation visit/);
    await refused(await sendEvent(api, orderNumber, 'customer', 'complaint-filed', { category: 'installation', description: 'x' }), [
      'appointment-scheduled',
      'cancelled',
      'deposit-received',
    ]);
    const booked = await sendEvent(api, orderNumber, 'regional-manager', 'appointment-scheduled', measurement);
    assert.equal(booked.status, 200, JSON.stringify(booked.body));
    assert.deepEqual(
      booked.body.snapshot.appointments.map((a: { visit: string; date: string; by: { role: string } }) => [a.visit, a.date, a.by.role]),
      [['measurement', '2031-03-07', 'regional-manager']],
    );
    assert.ok(booked.body.snapshot.expectedEvents.includes('site-measured'));
  });

  // distributor
  it('a distributor order is created with its own form, starts at its enquiry and refuses the standard main line: 409 with its own expectedEvents', async () => {
    const orderNumber = `DIST-${process.pid}-${Date.now()}`;
    const form = {
      orderNumber,
      channel: 'distributor',
      customer: { id: 'C-DEV', name: 'Xiamen Doors', class: 'C' },
      salesRep: { id: 'rep-d' },
      lines: [{ productCode: 'WIN-120', quantity: 4, unitPrice: 150_000 }],
      delivery: { address: 'No. 5 Road', contact: 'Mr Lin', phone: '13700000000' },
    };
    const invalid = await call(api, 'POST', '/api/v1/orders', {
      role: 'order-desk',
      body: { ...form, distributor: { enquiry: { question: 'Arches?', about: 'colour' } } },
    });
    assert.equal(invalid.status, 400, JSON.stringify(invalid.body));
    assert.deepEqual(
      invalid.body.errors.map((e: { field: string }) => e.field),
      ['distributor.enquiry.about'],
    );
    const created = await call(api, 'POST', '/api/v1/orders', {
      role: 'order-desk',
      body: { ...form, distributor: { enquiry: { question: 'Can the 120 series take an arched transom?', about: 'process' } } },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.stage, 'enquiry');
    assert.equal(created.body.distributor.enquiries[0].question, 'Can the 120 series take an arched transom?');
    const enquiryEvents = [
      'cancelled',
      'drawing-received',
      'enquiry-answered',
      'enquiry-received',
      'enquiry-referred',
      'surplus-colour-suggested',
    ];
    assert.deepEqual([...created.body.expectedEvents].sort(), enquiryEvents);
    await refused(await sendEvent(api, orderNumber, 'order-desk', 'order-confirmed'), enquiryEvents);
    const customerAnswers = await sendEvent(api, orderNumber, 'customer', 'enquiry-answered', { enquiry: 1, answer: 'yes' });
    assert.equal(customerAnswers.status, 403, JSON.stringify(customerAnswers.body));
    const answered = await sendEvent(api, orderNumber, 'technical', 'enquiry-answered', { enquiry: 1, answer: 'yes, down to a 5 cm rise' });
    assert.equal(answered.status, 200, JSON.stringify(answered.body));
    assert.equal(answered.body.snapshot.distributor.enquiries[0].answered.by.role, 'technical');
  });
});
