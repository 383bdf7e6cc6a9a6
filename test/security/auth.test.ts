import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { developmentTokens, findPerson, tokenHash, tokensFrom } from '../../api/auth';
import { apiConfigFromEnvironment } from '../../api/config';
import { Role } from '../../workflows/domain/order';
import { defaultPolicy, resolvePolicy } from '../../workflows/domain/policy';
import { call, eventually, sendEvent, startApi, type ApiUnderTest, type Call, type CallOptions } from '../support/api-server';

// Issue 8, points 1 and 2: no way in without a token the service knows, and each person sees
// only their own orders. Over HTTP against the CLI dev server with a real worker, as an attacker
// and as each role would use it.

const people = Role.options.filter((role) => role !== 'system');
const staff = people.filter((role) => role !== 'customer');
const DEV_CUSTOMER = 'C-DEV';
const otherCustomer = `C-OTHER-${process.pid}`;

let orders = 0;
const uniqueNumber = () => `SEC-${process.pid}-${++orders}`;
const order = (customerId: string, orderNumber = uniqueNumber()) => ({
  orderNumber,
  customer: { id: customerId, name: 'Security Lamps', class: 'A' },
  salesRep: { id: 'rep-sec', name: 'Zhou' },
  lines: [{ productCode: 'LAMP-S', quantity: 2, unitPrice: 10_000 }],
  delivery: { address: '1 Test Road', contact: 'Ms Test', phone: '12345678' },
});

/** A token file as production keeps it: hashes only. Its customer is bound to a customer id in Chinese. */
const fileCustomerToken = 'of_file-customer-token-for-tests';
const fileCustomerId = `宁波灯具 ${process.pid}`;
const fileStaffToken = 'of_file-order-desk-token-for-tests';

describe('Security: authentication and who sees which orders (dev server)', function () {
  let api: ApiUnderTest;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderflow-auth-'));
  before(async () => {
    const tokensFile = path.join(dir, 'tokens.json');
    fs.writeFileSync(
      tokensFile,
      JSON.stringify({
        [`sha256:${tokenHash(fileCustomerToken)}`]: { id: 'li', name: '李娜', role: 'customer', customerId: fileCustomerId },
        [`sha256:${tokenHash(fileStaffToken)}`]: { id: 'wang', name: 'Wang Fang', role: 'order-desk' },
      }),
    );
    const configured = apiConfigFromEnvironment({ NODE_ENV: 'production', ORDERFLOW_TOKENS_FILE: tokensFile }).tokens;
    assert.equal(fs.readFileSync(tokensFile, 'utf8').includes(fileCustomerToken), false, 'the file holds no token');
    api = await startApi({ tokens: new Map([...developmentTokens, ...configured]) });
  });
  after(async () => {
    await api?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const as = (token: string): CallOptions => ({ headers: { authorization: `Bearer ${token}` } });
  const create = (body: unknown, options: CallOptions = { role: 'order-desk' }) =>
    call(api, 'POST', '/api/v1/orders', { ...options, body });
  /** Every page of a listing. */
  async function listAll(
    options: CallOptions,
    query: Record<string, string> = {},
  ): Promise<{ orderNumber: string; customer: { id: string } }[]> {
    const all = [];
    let pageToken: string | undefined;
    do {
      const page = await call(
        api,
        'GET',
        `/api/v1/orders?${new URLSearchParams({ ...query, pageSize: '100', ...(pageToken ? { pageToken } : {}) })}`,
        options,
      );
      assert.equal(page.status, 200, JSON.stringify(page.body));
      all.push(...page.body.orders);
      pageToken = page.body.nextPageToken ?? undefined;
    } while (pageToken);
    return all;
  }
  const numbersOf = (listed: { orderNumber: string }[]) => listed.map((o) => o.orderNumber);

  /** What a caller learns from a 404: everything but the request's own instance and ID. */
  const notFoundAnswer = (answer: Call) => {
    assert.equal(answer.status, 404, JSON.stringify(answer.body));
    const { instance, requestId, ...rest } = answer.body;
    assert.equal(requestId, answer.headers.get('x-request-id'));
    assert.ok(instance);
    return { contentType: answer.headers.get('content-type'), body: rest };
  };
  const unknownOrder = {
    contentType: 'application/problem+json; charset=utf-8',
    body: { type: 'urn:orderflow:problem:order-not-found', title: 'Order not found', status: 404, detail: 'no order with this number' },
  };

  it('refuses tokens named like inherited properties (constructor, __proto__, toString, hasOwnProperty, valueOf) as not recognised', async () => {
    const id = uniqueNumber();
    assert.equal((await create(order(DEV_CUSTOMER, id))).status, 201);
    for (const token of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'Bearer']) {
      for (const [method, url, body] of [
        ['GET', '/api/v1/orders'],
        ['GET', `/api/v1/orders/${id}`],
        ['POST', `/api/v1/orders/${id}/events`, { type: 'cancelled', data: { reason: 'x' } }],
      ] as const) {
        const answer = await call(api, method, url, { ...as(token), body });
        assert.equal(answer.status, 401, `${token} ${method} ${url}: ${JSON.stringify(answer.body)}`);
        assert.equal(answer.body.type, 'urn:orderflow:problem:token-not-recognised');
      }
    }
    assert.equal(
      (await call(api, 'GET', `/api/v1/orders/${id}`, { role: 'order-desk' })).body.stage,
      'intake',
      'nothing reached the order',
    );
  });

  it('tells a missing token from one not recognised (never which tokens exist), accepts the scheme in any case, and logs each failure without the token', async () => {
    const id = uniqueNumber();
    assert.equal((await create(order(DEV_CUSTOMER, id))).status, 201);
    const read = (authorization?: string) =>
      call(api, 'GET', `/api/v1/orders/${id}`, { headers: authorization === undefined ? {} : { authorization } });

    for (const authorization of [undefined, '', 'Basic ZGV2LWZpbmFuY2U6', 'Bearer', 'Bearer   ']) {
      const answer = await read(authorization);
      assert.equal(answer.status, 401, JSON.stringify(authorization));
      assert.equal(answer.body.type, 'urn:orderflow:problem:token-missing');
      assert.equal(answer.headers.get('www-authenticate'), 'Bearer realm="orderflow"');
    }
    const guess = 'a-guessed-token-of-some-length-0042';
    const unknown = await read(`Bearer ${guess}`);
    assert.equal(unknown.status, 401);
    assert.equal(unknown.body.type, 'urn:orderflow:problem:token-not-recognised');
    assert.equal(unknown.headers.get('www-authenticate'), 'Bearer realm="orderflow", error="invalid_token"');
    // A near miss of a real token is answered exactly as any other unknown token.
    const nearMiss = await read('Bearer dev-financ');
    const { instance: _i, requestId: _r, ...nearMissBody } = nearMiss.body;
    const { instance: _j, requestId: _s, ...unknownBody } = unknown.body;
    assert.deepEqual(nearMissBody, unknownBody);

    for (const authorization of ['bearer dev-finance', 'BEARER dev-finance', 'BeArEr   dev-finance']) {
      assert.equal((await read(authorization)).status, 200, `${authorization}: the scheme is case-insensitive (RFC 9110)`);
    }

    const logged = api.logs.filter(
      (entry) => entry.msg === 'authentication failed' && entry.requestId === unknown.headers.get('x-request-id'),
    );
    assert.equal(logged.length, 1, 'one line for the failed attempt, with its request ID');
    assert.equal(logged[0].reason, 'token-not-recognised');
    assert.equal(logged[0].level, 'warn');
    const missing = await read();
    assert.equal(
      api.logs.find((entry) => entry.msg === 'authentication failed' && entry.requestId === missing.headers.get('x-request-id'))?.reason,
      'token-missing',
    );
    const everything = JSON.stringify(api.logs);
    assert.ok(!everything.includes(guess) && !everything.includes(tokenHash(guess)), 'no log line holds the token or its hash');
  });

  it('admits a token kept only as its hash in a token file, bound to its customer (a Chinese customer id)', async () => {
    const id = uniqueNumber();
    assert.equal((await create(order(fileCustomerId, id), as(fileStaffToken))).status, 201, "the file's order desk creates it");
    const own = await call(api, 'GET', `/api/v1/orders/${id}`, as(fileCustomerToken));
    assert.equal(own.status, 200, JSON.stringify(own.body));
    assert.equal(own.body.customer.id, fileCustomerId);
    const listed = await eventually(
      () => listAll(as(fileCustomerToken)),
      (all) => numbersOf(all).includes(id),
    );
    assert.ok(numbersOf(listed).includes(id));
    assert.ok(
      listed.every((o) => o.customer.id === fileCustomerId),
      "the file's customer lists only their own orders",
    );
    assert.deepEqual(
      notFoundAnswer(await call(api, 'GET', `/api/v1/orders/${id}`, { role: 'customer' })),
      unknownOrder,
      "another customer's token does not see it",
    );
    assert.equal(
      (await call(api, 'GET', '/api/v1/orders', as(`sha256:${tokenHash(fileCustomerToken)}`))).status,
      401,
      'the hash is not a token',
    );
  });

  it('answers an unknown order "no order with this number" on every path, naming no workflow', async () => {
    for (const id of ['NO-SUCH-ORDER', `SEC-${process.pid}-never`, '%E2%9C%93%20not%20a%20number']) {
      for (const role of ['order-desk', 'customer'] as const) {
        const answers = [
          await call(api, 'GET', `/api/v1/orders/${id}`, { role }),
          await call(api, 'GET', `/api/v1/orders/${id}/timeline`, { role }),
          await sendEvent(api, id, role, 'order-confirmed'),
        ];
        for (const answer of answers) {
          assert.deepEqual(notFoundAnswer(answer), unknownOrder);
          assert.doesNotMatch(JSON.stringify(answer.body), /workflow|grpc|NOT_FOUND/i);
          assert.doesNotMatch(JSON.stringify(answer.body), /order-(SEC|NO)-/, 'no workflow ID');
        }
      }
    }
  });

  it("lets every role read, list and act on orders by the matrix: staff on all orders, a customer only on their own (another's is a 404 like none)", async () => {
    const own = uniqueNumber();
    const other = uniqueNumber();
    for (const id of [own, other]) {
      assert.equal((await create(order(id === own ? DEV_CUSTOMER : otherCustomer, id))).status, 201);
      assert.equal((await sendEvent(api, id, 'order-desk', 'order-confirmed')).status, 200);
    }
    // Visibility is eventually consistent: wait until both are listed before asserting what each role sees.
    for (const [id, customerId] of [
      [own, DEV_CUSTOMER],
      [other, otherCustomer],
    ]) {
      await eventually(
        () => listAll({ role: 'supervisor' }, { customerId }),
        (all) => numbersOf(all).includes(id),
      );
    }

    await Promise.all(
      people.map(async (role) => {
        // Read: the snapshot and the timeline.
        for (const id of [own, other]) {
          const snapshot = await call(api, 'GET', `/api/v1/orders/${id}`, { role });
          const timeline = await call(api, 'GET', `/api/v1/orders/${id}/timeline`, { role });
          if (role === 'customer' && id === other) {
            assert.deepEqual(notFoundAnswer(snapshot), unknownOrder, "another customer's order reads as none");
            assert.deepEqual(notFoundAnswer(timeline), unknownOrder);
          } else {
            assert.equal(snapshot.status, 200, `${role} reads ${id}: ${JSON.stringify(snapshot.body)}`);
            assert.equal(snapshot.body.orderNumber, id);
            assert.equal(timeline.status, 200, `${role} reads the timeline of ${id}`);
            assert.ok(timeline.body.timeline.length > 0);
          }
        }
        // List: staff find both; a customer finds only their own, whatever the filter says.
        if (role === 'customer') {
          const everything = await listAll({ role });
          assert.ok(numbersOf(everything).includes(own) && !numbersOf(everything).includes(other));
          assert.ok(
            everything.every((o) => o.customer.id === DEV_CUSTOMER),
            "a customer's listing holds only their own orders",
          );
          const filtered = await call(api, 'GET', `/api/v1/orders?customerId=${otherCustomer}`, { role });
          assert.equal(filtered.status, 200, 'a filter naming another customer is an empty page, not a refusal');
          assert.deepEqual(filtered.body, { orders: [], nextPageToken: null });
          assert.ok(numbersOf(await listAll({ role }, { customerId: DEV_CUSTOMER, stage: 'price-review' })).includes(own));
        } else {
          assert.ok(numbersOf(await listAll({ role }, { customerId: DEV_CUSTOMER })).includes(own), `${role} lists the C-DEV order`);
          assert.ok(
            numbersOf(await listAll({ role }, { customerId: otherCustomer })).includes(other),
            `${role} lists the other customer's order`,
          );
        }
      }),
    );

    // Act: each role sends the first confirmation to a fresh own and other order; the permission
    // matrix decides for staff, and a customer reaches only their own order (where the matrix refuses them).
    const confirmers = defaultPolicy.permissions['order-confirmed'];
    await Promise.all(
      people.map(async (role) => {
        for (const customerId of [DEV_CUSTOMER, otherCustomer]) {
          const id = uniqueNumber();
          assert.equal((await create(order(customerId, id))).status, 201);
          const answer = await sendEvent(api, id, role, 'order-confirmed');
          if (role === 'customer' && customerId !== DEV_CUSTOMER) {
            assert.deepEqual(notFoundAnswer(answer), unknownOrder, "an event to another customer's order is a 404 like none");
          } else if (confirmers.includes(role)) {
            assert.equal(answer.status, 200, `${role} confirms ${customerId}'s order: ${JSON.stringify(answer.body)}`);
            assert.deepEqual(answer.body.event.actor, { id: `dev-${role}`, name: `Development ${role}`, role });
          } else {
            assert.equal(answer.status, 403, `${role} may not confirm: ${JSON.stringify(answer.body)}`);
            assert.equal(answer.body.type, 'urn:orderflow:problem:role-not-permitted');
          }
        }
      }),
    );
    // An event the matrix gives the customer: accepted on their own order, a 404 on another's, which stays as it was.
    const change = { description: 'twelve more lamps' };
    const accepted = await sendEvent(api, own, 'customer', 'change-requested', change);
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    assert.deepEqual(
      accepted.body.event.actor,
      { id: 'dev-customer', name: 'Development customer', role: 'customer' },
      'the actor carries no customer binding',
    );
    const before = await call(api, 'GET', `/api/v1/orders/${other}/timeline`, { role: 'order-desk' });
    assert.deepEqual(notFoundAnswer(await sendEvent(api, other, 'customer', 'change-requested', change)), unknownOrder);
    assert.deepEqual(
      (await call(api, 'GET', `/api/v1/orders/${other}/timeline`, { role: 'order-desk' })).body,
      before.body,
      'nothing reached it',
    );
    // Creation stays with the roles that take orders (today not the customer).
    const created = await create(order(DEV_CUSTOMER), { role: 'customer' });
    assert.equal(created.status, 403);
    assert.equal(created.body.type, 'urn:orderflow:problem:role-not-permitted');
    for (const role of staff)
      assert.equal((await create(order(DEV_CUSTOMER), { role })).status, confirmers.includes(role) ? 201 : 403, role);
  });

  it("lets a customer ask for a change without setting its price, and confirm the change on their own order but not on another customer's", async () => {
    const own = uniqueNumber();
    const other = uniqueNumber();
    const lines = [{ productCode: 'LAMP-S', quantity: 3, unitPrice: 10_000, nonStandard: 'black', priceBasis: 'price-list' }];
    for (const id of [own, other]) {
      assert.equal((await create(order(id === own ? DEV_CUSTOMER : otherCustomer, id))).status, 201);
      assert.equal((await sendEvent(api, id, 'order-desk', 'order-confirmed')).status, 200);
    }
    // The customer cannot put a price on a change: not as an amount, not as a unit price on a line.
    const priced = await sendEvent(api, own, 'customer', 'change-requested', { description: 'three black lamps', newAmount: 1 });
    assert.equal(priced.status, 400, JSON.stringify(priced.body));
    assert.deepEqual(priced.body.errors, [{ field: 'data.newAmount', message: 'not a known field' }]);
    const linePriced = await sendEvent(api, own, 'customer', 'change-requested', {
      description: 'three black lamps',
      lines: [{ productCode: 'LAMP-S', quantity: 3, unitPrice: 1, nonStandard: 'black' }],
    });
    assert.equal(linePriced.status, 400);
    assert.deepEqual(linePriced.body.errors, [{ field: 'data.lines.0.unitPrice', message: 'not a known field' }]);
    // Nor assess it: production prices it.
    const ask = { description: 'three black lamps', lines: [{ productCode: 'LAMP-S', quantity: 3, nonStandard: 'black' }] };
    assert.equal((await sendEvent(api, own, 'customer', 'change-requested', ask)).status, 200);
    assert.equal((await sendEvent(api, own, 'customer', 'change-assessed', { version: 1, feasible: true, lines })).status, 403);

    // Both orders get to the customer's confirmation: production prices, finance approves.
    assert.equal((await sendEvent(api, other, 'sales-rep', 'change-requested', ask)).status, 200);
    for (const id of [own, other]) {
      assert.equal((await sendEvent(api, id, 'production', 'change-assessed', { version: 1, feasible: true, lines })).status, 200);
      const approved = await sendEvent(api, id, 'finance', 'change-price-approved', { version: 1 });
      assert.equal(approved.body.snapshot.amendments[0].state, 'awaiting-customer');
    }
    const before = await call(api, 'GET', `/api/v1/orders/${other}/timeline`, { role: 'order-desk' });
    assert.deepEqual(notFoundAnswer(await sendEvent(api, other, 'customer', 'change-confirmed', { version: 1 })), unknownOrder);
    assert.deepEqual(
      (await call(api, 'GET', `/api/v1/orders/${other}/timeline`, { role: 'order-desk' })).body,
      before.body,
      'nothing reached it',
    );

    const confirmed = await sendEvent(api, own, 'customer', 'change-confirmed', { version: 1 });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.snapshot.amount, 30_000);
    assert.deepEqual(
      confirmed.body.snapshot.lineVersions.map((v: { version: number; amount: number }) => [v.version, v.amount]),
      [
        [1, 20_000],
        [2, 30_000],
      ],
    );
    // The desk confirms for the customer only with their written confirmation's reference.
    const unwritten = await sendEvent(api, other, 'order-desk', 'change-confirmed', { version: 1 });
    assert.equal(unwritten.status, 403);
    assert.match(unwritten.body.detail, /only with the reference of their written confirmation \(confirmationRef\)/);
    assert.equal((await sendEvent(api, other, 'order-desk', 'change-confirmed', { version: 1, confirmationRef: 'FAX-7' })).status, 200);
  });

  it('accepts the same customer ids on create and in the list filter: printable Unicode yes, quotes, backslashes and control characters no', async () => {
    const accepted = [
      `宁波灯具-${process.pid}`,
      `Müller & Söhne ${process.pid}`,
      `O'Brien/${process.pid}`,
      `💡 lamps ${process.pid}`,
      `C%_${process.pid}`,
    ];
    for (const customerId of accepted) {
      const id = uniqueNumber();
      const answer = await create({ ...order(customerId, id), salesRep: { id: `销售-${customerId}` } });
      assert.equal(answer.status, 201, `${customerId}: ${JSON.stringify(answer.body)}`);
      const listed = await eventually(
        () => listAll({ role: 'sales-rep' }, { customerId }),
        (all) => all.length > 0,
      );
      assert.deepEqual(numbersOf(listed), [id], `${customerId} round-trips through the filter`);
      assert.deepEqual(numbersOf(await listAll({ role: 'sales-rep' }, { salesRep: `销售-${customerId}` })), [id]);
    }
    for (const customerId of ['C"7', 'C\\7', 'C\u00077', 'C\u200b7', 'C\n7', 'C\u20287', '']) {
      const created = await create(order(customerId));
      assert.equal(created.status, 400, JSON.stringify(customerId));
      assert.deepEqual([...new Set(created.body.errors.map((e: { field: string }) => e.field))], ['customer.id']);
      const filtered = await call(api, 'GET', `/api/v1/orders?${new URLSearchParams({ customerId })}`, { role: 'sales-rep' });
      assert.equal(filtered.status, 400, JSON.stringify(customerId));
      assert.deepEqual([...new Set(filtered.body.errors.map((e: { field: string }) => e.field))], ['query.customerId']);
    }
  });
});

describe('Security: a customer the policy lets enter orders (dev server)', function () {
  let api: ApiUnderTest;
  before(async () => {
    const permissions = {
      ...defaultPolicy.permissions,
      'order-confirmed': [...defaultPolicy.permissions['order-confirmed'], 'customer' as const],
    };
    api = await startApi({ policy: resolvePolicy({ permissions }) });
  });
  after(async () => api?.stop());

  it('creates orders for their own company only', async () => {
    const own = await call(api, 'POST', '/api/v1/orders', { role: 'customer', body: order(DEV_CUSTOMER) });
    assert.equal(own.status, 201, JSON.stringify(own.body));
    assert.equal((await call(api, 'GET', `/api/v1/orders/${own.body.orderNumber}`, { role: 'customer' })).status, 200);
    const id = uniqueNumber();
    const another = await call(api, 'POST', '/api/v1/orders', { role: 'customer', body: order(otherCustomer, id) });
    assert.equal(another.status, 403, JSON.stringify(another.body));
    assert.equal(another.body.type, 'urn:orderflow:problem:role-not-permitted');
    assert.equal((await call(api, 'GET', `/api/v1/orders/${id}`, { role: 'order-desk' })).status, 404, 'nothing was started');
  });
});

describe('Security: npm run token', function () {
  const script = path.join(__dirname, '../../scripts/make-token.js');
  const run = (...args: string[]) => execFileSync(process.execPath, [script, ...args], { encoding: 'utf8', stdio: 'pipe' });

  it('prints a fresh token once and the token file entry holding only its hash, which admits that token as its person', () => {
    const printed = run('--id', 'li', '--name', '李娜', '--role', 'customer', '--customer', '宁波灯具-7');
    const token = /^ {2}(of_[A-Za-z0-9_-]{43})$/m.exec(printed)?.[1];
    assert.ok(token, printed);
    const entry = /^ {2}(".+)$/m.exec(printed.slice(printed.indexOf(token) + token.length))?.[1];
    assert.ok(entry && !entry.includes(token), 'the entry holds no token');
    const tokens = tokensFrom(JSON.parse(`{${entry}}`));
    assert.deepEqual(findPerson(tokens, token), { id: 'li', name: '李娜', role: 'customer', customerId: '宁波灯具-7' });
    assert.notEqual(
      /of_\S+/.exec(run('--id', 'li', '--name', 'Li', '--role', 'customer', '--customer', 'C-7'))?.[0],
      token,
      'a new token each time',
    );
  });

  it('refuses a customer without a customer id, and a role that does not exist, saying how to call it', () => {
    for (const args of [
      ['--id', 'li', '--name', 'Li', '--role', 'customer'],
      ['--id', 'x', '--name', 'X', '--role', 'boss'],
      ['--id', 'x'],
    ]) {
      assert.throws(
        () => run(...args),
        (error: { status: number; stderr: string; stdout: string }) =>
          error.status === 2 && /usage: npm run token/.test(error.stderr) && error.stdout === '',
      );
    }
  });
});
