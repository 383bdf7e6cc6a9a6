import assert from 'node:assert/strict';
import { call, eventually, orderThrough, startApi, type ApiUnderTest } from '../support/api-server';
import { withOwnTimeSkippingServer } from '../support/servers';

// What the console asks of the API, without a browser: its page and policy headers, who a token is, the
// events a person may send now, and the inbox as the board filtered by who owes the next step.

describe('REST API for the console (dev server)', function () {
  let api: ApiUnderTest;
  before(async () => {
    api = await startApi();
  });
  after(async () => api?.stop());

  it('serves the bundled console under /console with a policy that admits only its own scripts', async () => {
    const root = await fetch(`${api.url}/`, { redirect: 'manual' });
    assert.equal(root.status, 302);
    assert.equal(root.headers.get('location'), '/console/');
    const page = await fetch(`${api.url}/console/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<script type="module" src="app.js"><\/script>/);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'; style-src 'self'/);
    assert.equal((await fetch(`${api.url}/console/app.js`)).status, 200);
    const style = await (await fetch(`${api.url}/console/style.css`)).text();
    const font = /url\("?\.?\/?(fonts\/noto-sans-sc-[^")]+\.woff2)"?\)/.exec(style);
    assert.ok(font, 'the style sheet names the shipped Noto Sans SC');
    assert.equal((await fetch(`${api.url}/console/${font[1]}`)).status, 200);
  });

  it('says who a token is, with the company time zone; no token is a 401', async () => {
    const me = await call(api, 'GET', '/api/v1/me', { role: 'customer' });
    assert.deepEqual(me.body, {
      id: 'dev-customer',
      name: 'Development customer',
      role: 'customer',
      customerId: 'C-DEV',
      timeZone: 'Asia/Shanghai',
    });
    assert.equal((await call(api, 'GET', '/api/v1/me')).status, 401);
  });

  it('offers each person the events the order expects that their role may send, and finds the order in the inbox of the role that owes it', async () => {
    const orderNumber = `CONAPI-${Date.now().toString(36)}`;
    await orderThrough(api, orderNumber, 'C-OTHER', []);
    const allowed = async (role: 'order-desk' | 'finance' | 'customer') =>
      call(api, 'GET', `/api/v1/orders/${orderNumber}/allowed-events`, { role });
    assert.ok((await allowed('order-desk')).body.events.includes('order-confirmed'));
    assert.ok(!(await allowed('finance')).body.events.includes('order-confirmed'));
    assert.equal((await allowed('customer')).status, 404, "another customer's order is not found");

    const inbox = (role: string) => call(api, 'GET', `/api/v1/board?owedBy=${role}&sort=waitingSince&order=asc`, { role: 'supervisor' });
    const desk = await eventually(
      () => inbox('order-desk'),
      (answer) => answer.body.orders.some((o: { orderNumber: string }) => o.orderNumber === orderNumber),
    );
    assert.ok(desk.body.orders.every((o: { owedBy: string[] }) => o.owedBy.includes('order-desk')));
    assert.ok(!(await inbox('qc')).body.orders.some((o: { orderNumber: string }) => o.orderNumber === orderNumber));
    assert.equal((await inbox('system')).status, 400, 'OrderFlow itself has no inbox');
  });

  it("lists the escalations the clocks sent to the caller's role: the supervisor hears of an order not confirmed within 2 hours", async () =>
    withOwnTimeSkippingServer(async (env) => {
      const skipping = await startApi({ temporal: env });
      try {
        const orderNumber = `CONREM-${Date.now().toString(36)}`;
        await orderThrough(skipping, orderNumber, 'C-OTHER', []);
        await env.sleep('3h');
        const reminders = (role: 'supervisor' | 'order-desk') => call(skipping, 'GET', '/api/v1/reminders', { role });
        const supervisor = await eventually(
          () => reminders('supervisor'),
          (answer) => answer.body.reminders.some((r: { orderNumber: string }) => r.orderNumber === orderNumber),
        );
        const escalation = supervisor.body.reminders.find((r: { orderNumber: string }) => r.orderNumber === orderNumber);
        assert.equal(escalation.kind, 'escalation');
        assert.equal(escalation.type, 'first-confirmation');
        assert.equal(escalation.zh, '订单收到后 PT2H内未确认', 'in Chinese from the read model, the English beside');
        assert.deepEqual((await reminders('order-desk')).body.reminders, [], 'addressed to the supervisor only');
        assert.equal((await call(skipping, 'GET', '/api/v1/reminders', { role: 'customer' })).status, 403);
      } finally {
        await skipping.stop();
      }
    }));
});
