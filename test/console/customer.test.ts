import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { dateAt } from '../../workflows/domain/calendar';
import type { Role } from '../../workflows/domain/order';
import { defaultPolicy } from '../../workflows/domain/policy';
import { call, eventually, orderThrough, tokenOf, type ApiUnderTest } from '../support/api-server';
import { consoleSuite, fillNewOrder, look, signIn } from '../support/browser';
import { intoProduction, toShipped, type Step } from '../support/main-line';

// The customer's own view, the customer file and the report charts in a real browser (Debian's Chromium)
// against the real API, worker and read model on the dev server. The company requires a customer file
// before an order (ORDERFLOW_REQUIRE_CUSTOMER_FILE), as New order's link to the file's form needs.

describe("The customer's console, the customer file and the report charts (dev server)", function () {
  let api: ApiUnderTest;
  let browser: Browser;
  const run = Date.now().toString(36).toUpperCase();
  const other = `C-${run}`;

  const fileFor = async (id: string) => {
    const created = await call(api, 'POST', '/api/v1/customers', {
      role: 'order-desk',
      body: { id, name: 'Ningbo Lamps', class: 'A', contacts: [{ name: 'Ms Wu' }] },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
  };

  consoleSuite((running) => ({ api, browser } = running), { requireCustomerFile: true });
  before(async () => {
    await fileFor('C-DEV');
    await fileFor(other);
  });

  /** Waits until the read model lists the order (My orders and the board read it, not Temporal). */
  const listed = (orderNumber: string) =>
    eventually(
      async () => (await call(api, 'GET', '/api/v1/orders?pageSize=100', { role: 'supervisor' })).body.orders as { orderNumber: string }[],
      (orders) => orders.some((o) => o.orderNumber === orderNumber),
    );

  const asCustomer = async (orderNumber: string) => {
    const page = await signIn(browser, api.url, tokenOf('customer'));
    await page.goto(`${api.url}/console/#/orders/${orderNumber}`);
    await page.getByRole('heading', { name: `订单 ${orderNumber}` }).waitFor();
    return page;
  };

  it("a customer sees its own orders with the balance owed and the promised date, not another's, and its order without the company's notes", async () => {
    const own = `CUS-${run}-1`;
    const theirs = `CUS-${run}-2`;
    await orderThrough(api, own, 'C-DEV', intoProduction);
    await orderThrough(api, theirs, other, []);
    // Production's own note on its report: the company's, not the customer's.
    const note = `supplier of the shades is late ${run}`;
    const reported = await call(api, 'POST', `/api/v1/orders/${own}/events`, {
      role: 'production',
      body: { type: 'progress-reported', data: { percentDone: 40 }, note },
    });
    assert.equal(reported.status, 200, JSON.stringify(reported.body));
    const staffTimeline = await call(api, 'GET', `/api/v1/orders/${own}/timeline`, { role: 'order-desk' });
    assert.ok(JSON.stringify(staffTimeline.body).includes(note), 'staff read the note');
    await listed(theirs);
    await listed(own);

    const page = await signIn(browser, api.url, tokenOf('customer'));
    await page.getByRole('heading', { name: '我的订单' }).waitFor();
    const row = page.locator(`tr[data-order="${own}"]`);
    await row.waitFor();
    assert.deepEqual(await row.getByRole('cell').allTextContents(), [own, '生产中', '2031-05-01', '', '¥5,000.00', '¥5,000.00']);
    assert.equal(await page.getByRole('link', { name: theirs }).count(), 0);
    assert.notEqual(await page.getByTestId('owed-total').textContent(), '¥0.00');
    await look(page, 'customer-my-orders');

    await page.goto(`${api.url}/console/#/orders/${theirs}`);
    await page.getByText(/找不到该订单/).waitFor();

    await page.goto(`${api.url}/console/#/orders/${own}`);
    await page.getByRole('heading', { name: `订单 ${own}` }).waitFor();
    assert.equal(await page.getByTestId('balance').textContent(), '¥5,000.00');
    // The order's facts (its status moved into production), not the company's inside.
    await page.locator('table.timeline tr.status-change').first().waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    assert.ok(!text.includes(note), 'no internal note');
    assert.equal(await page.locator('table.timeline').locator('tr.event, tr.reminder, tr.escalation').count(), 0, 'no staff events');
    await look(page, 'customer-order');
  });

  it('a customer confirms, through its form, a change the desk requested and production priced', async () => {
    const orderNumber = `CUS-${run}-3`;
    await orderThrough(api, orderNumber, 'C-DEV', intoProduction);
    const send = async (role: 'order-desk' | 'production' | 'finance', type: string, data: Record<string, unknown>) => {
      const answer = await call(api, 'POST', `/api/v1/orders/${orderNumber}/events`, { role, body: { type, data } });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return answer.body.snapshot as { amendments: { state: string }[] };
    };
    await send('order-desk', 'change-requested', { description: 'black shades instead of white' });
    const lines = [{ productCode: 'LAMP-1', quantity: 10, unitPrice: 52_000, nonStandard: 'black shades', priceBasis: 'price-list' }];
    const assessed = await send('production', 'change-assessed', { version: 1, feasible: true, lines, newPromisedDate: '2031-05-20' });
    if (assessed.amendments[0].state === 'awaiting-price-approval') await send('finance', 'change-price-approved', { version: 1 });

    const page = await asCustomer(orderNumber);
    const change = page.getByRole('region', { name: '变更 1' });
    await change.getByText('¥5,200.00').waitFor();
    await change.getByText('2031-05-20').waitFor();
    await look(page, 'customer-change');
    await change.getByRole('button', { name: '确认变更' }).click();
    await page.getByRole('status').filter({ hasText: '已提交: 变更已确认' }).waitFor();
    assert.equal(await page.getByRole('region', { name: '变更 1' }).count(), 0, 'nothing awaits the customer now');
    await page.getByText('2031-05-20').first().waitFor();

    const order = await call(api, 'GET', `/api/v1/orders/${orderNumber}`, { role: 'order-desk' });
    assert.equal(order.body.amendments[0].state, 'confirmed');
    assert.equal(order.body.amendments[0].confirmed.by.role, 'customer');
    assert.equal(order.body.promisedDate, '2031-05-20');
    assert.equal(order.body.lineVersions.length, 2);
  });

  it('a customer files a complaint through its form, follows it on the complaint’s own page, and closes it by saying it is solved', async () => {
    const orderNumber = `CUS-${run}-4`;
    await orderThrough(api, orderNumber, 'C-DEV', toShipped);
    const page = await asCustomer(orderNumber);
    await page.getByText('提交投诉', { exact: true }).first().click();
    const form = page.locator('details[data-event="complaint-filed"]');
    await form.getByLabel('投诉类别').selectOption({ label: '安装问题' });
    await form.getByLabel('问题描述').fill('一个支架松了');
    await form.getByRole('button', { name: '提交投诉' }).click();

    await page.getByRole('heading', { name: `订单 ${orderNumber} · 投诉 1` }).waitFor();
    assert.equal(await page.getByTestId('complaint-stage').textContent(), '已受理');
    await page.getByText('一个支架松了').waitFor();
    await look(page, 'customer-complaint');
    const complaint = await call(api, 'GET', `/api/v1/orders/${orderNumber}/complaints/1`, { role: 'technical' });
    assert.equal(complaint.body.category, 'installation');
    assert.equal(complaint.body.filedBy.role, 'customer');

    // Technical finds it in My work under the complaints to handle, with the step it owes, and opens it.
    await eventually(
      async () => (await call(api, 'GET', '/api/v1/my-work', { role: 'technical' })).body.complaints as { orderNumber: string }[],
      (owed) => owed.some((c) => c.orderNumber === orderNumber),
    );
    const technical = await signIn(browser, api.url, tokenOf('technical'));
    const owed = technical.locator('table.complaints tr').filter({ hasText: `${orderNumber} · 投诉 1` });
    await owed.getByText('已联系客户').waitFor();
    assert.equal(await owed.locator('td').nth(2).textContent(), '安装问题');
    assert.equal(await owed.locator('td').nth(3).textContent(), '已受理');
    await look(technical, 'technical-my-work-complaint');
    await owed.getByRole('link').click();
    await technical.getByRole('heading', { name: `订单 ${orderNumber} · 投诉 1` }).waitFor();
    await technical.context().close();

    await page.getByRole('link', { name: '返回订单' }).click();
    await page.getByRole('link', { name: '投诉 1' }).waitFor();

    // Technical finds the cause, a team fixes it: the customer's word closes the complaint (直至客户满意为止).
    const steps: [Role, string, Record<string, unknown>][] = [
      ['technical', 'customer-contacted', { channel: 'phone' }],
      ['technical', 'cause-found', { responsibleParty: 'installation', cause: 'installation', finding: 'bracket screws not tightened' }],
      ['order-desk', 'fix-scheduled', { visitDate: '2031-06-01', team: 'install team 2', plan: 'tighten the bracket' }],
      ['service', 'visit-made', { outcome: 'fixed', report: 'bracket tightened' }],
    ];
    for (const [role, type, data] of steps) {
      const sent = await call(api, 'POST', `/api/v1/orders/${orderNumber}/complaints/1/events`, { role, body: { type, data } });
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
    }
    await page.getByRole('link', { name: '投诉 1' }).click();
    const solved = page.getByRole('region', { name: '问题是否已解决？' });
    await solved.getByRole('button', { name: '满意，问题已解决' }).click();
    await page.getByTestId('complaint-stage').filter({ hasText: '已结案' }).waitFor();
    assert.equal(await solved.count(), 0, 'nothing more is asked of the customer');
    await look(page, 'customer-complaint-closed');
    const closed = await call(api, 'GET', `/api/v1/orders/${orderNumber}/complaints/1`, { role: 'technical' });
    assert.equal(closed.body.confirmation.by.role, 'customer');

    // The customer's file lists the complaint with how it closed, in Chinese, linked to its page.
    await eventually(
      async () =>
        (await call(api, 'GET', '/api/v1/customers/C-DEV/history', { role: 'order-desk' })).body.complaints as {
          orderNumber: string;
          resolvedAt: string | null;
        }[],
      (listed) => listed.some((c) => c.orderNumber === orderNumber && c.resolvedAt !== null),
    );
    const desk = await signIn(browser, api.url, tokenOf('order-desk'));
    await desk.goto(`${api.url}/console/#/customers/C-DEV`);
    const listed = desk.locator('ul.complaints li').filter({ hasText: `${orderNumber} · 投诉 1` });
    assert.match((await listed.textContent()) ?? '', / 安装问题 · .+ · 已处理 .+: 客户确认满意$/);
    await listed.getByRole('link').click();
    await desk.getByRole('heading', { name: `订单 ${orderNumber} · 投诉 1` }).waitFor();
    // The order's own page names it the same way, its category in words, and links it too.
    await desk.goto(`${api.url}/console/#/orders/${orderNumber}`);
    const onOrder = desk.locator('ul.complaints li').filter({ hasText: '投诉 1' });
    assert.match((await onOrder.textContent()) ?? '', /^投诉 1 安装问题: 一个支架松了 · .+ · 已处理: 客户确认满意$/);
    await onOrder.getByRole('link').click();
    await desk.getByRole('heading', { name: `订单 ${orderNumber} · 投诉 1` }).waitFor();
    await desk.context().close();
  });

  /** Fills the standard channel's New order form for `customerId` and sends it. */
  const newOrder = async (page: Page, orderNumber: string, customerId: string) => {
    await page.goto(`${api.url}/console/#/new`);
    await page.getByRole('button', { name: '创建订单' }).waitFor();
    await fillNewOrder(page, {
      orderNumber,
      customer: { id: customerId, name: '绍兴灯饰', class: 'B' },
      salesRep: 'rep-1',
      line: { productCode: 'LAMP-2', quantity: 2, unitPriceYuan: '100.00' },
      delivery: { address: '绍兴市二号路', contact: '钱先生', phone: '13900000000' },
    });
    await page.getByRole('button', { name: '创建订单' }).click();
  };

  it('New order sends a customer without a file to the file’s form, and accepts the order once the file exists', async () => {
    const customerId = `C-NEW-${run}`;
    const orderNumber = `CUS-${run}-6`;
    const page = await signIn(browser, api.url, tokenOf('order-desk'));
    await newOrder(page, orderNumber, customerId);
    await page.getByRole('alert').filter({ hasText: customerId }).waitFor();
    await page.getByRole('link', { name: '为该客户建档' }).click();

    await page.getByRole('heading', { name: '新建客户档案' }).waitFor();
    assert.equal(await page.getByLabel('客户编号').inputValue(), customerId);
    await page.getByLabel('客户名称').fill('绍兴灯饰');
    await page.getByLabel('客户等级').selectOption('B');
    await page.getByLabel('信用额度').fill('100000');
    await page.getByLabel('区域').fill('浙江');
    const contact = page.getByRole('group', { name: '联系人 1' });
    await contact.getByLabel('姓名').fill('钱先生');
    await contact.getByLabel('电话').fill('13900000000');
    await look(page, 'customer-file-form');
    await page.getByRole('button', { name: '保存档案' }).click();

    await page.getByRole('heading', { name: `客户档案 ${customerId}` }).waitFor();
    assert.equal(await page.getByTestId('customer-class').textContent(), 'B');
    await page.getByText('¥100,000.00').waitFor();
    await page.getByRole('cell', { name: '钱先生' }).waitFor();
    await look(page, 'customer-file');
    const file = await call(api, 'GET', `/api/v1/customers/${customerId}`, { role: 'finance' });
    assert.deepEqual([file.body.class, file.body.creditLimit, file.body.region], ['B', 10_000_000, '浙江']);
    assert.deepEqual(file.body.contacts, [{ name: '钱先生', phone: '13900000000' }]);

    await newOrder(page, orderNumber, customerId);
    await page.getByRole('heading', { name: `订单 ${orderNumber}` }).waitFor();
  });

  it("the reports page charts the open orders by stage, the key figures and each rep's on-time delivery, each with its table", async () => {
    const rep = `rep-${run}`;
    const orderNumber = `CUS-${run}-5`;
    // Promised for a date long past and not finished: late, so the rep's on-time rate is 0 %.
    const late: Step[] = intoProduction.map(([role, type, data]) => [
      role,
      type,
      type === 'delivery-date-estimated' ? { promisedDate: '2025-01-02' } : data,
    ]);
    await orderThrough(api, orderNumber, other, late, rep);
    await listed(orderNumber);
    const today = dateAt(Date.now(), defaultPolicy.calendar.timeZone);
    const byRep = await eventually(
      () => call(api, 'GET', `/api/v1/kpis/by-rep?from=2025-01-01&to=${today}`, { role: 'supervisor' }),
      (answer) => answer.body.reps.some((r: { salesRep: { id: string } }) => r.salesRep.id === rep),
    );
    assert.deepEqual(byRep.body.reps.find((r: { salesRep: { id: string } }) => r.salesRep.id === rep).delivery, {
      ordersDue: 1,
      onTime: 0,
      percent: 0,
    });
    assert.equal((await call(api, 'GET', `/api/v1/kpis/by-rep?from=2025-01-01&to=${today}`, { role: 'customer' })).status, 403);
    assert.equal((await call(api, 'GET', `/api/v1/kpis/by-rep?from=${today}&to=2025-01-01`, { role: 'supervisor' })).status, 400);

    const page = await signIn(browser, api.url, tokenOf('supervisor'));
    await page.getByRole('link', { name: '报表' }).click();
    await page.getByRole('img', { name: '各阶段订单数' }).waitFor();
    await page.getByLabel('自', { exact: true }).fill('2025-01-01');
    await page.getByRole('img', { name: '各业务员按期交货率' }).waitFor();
    await page.getByRole('img', { name: '关键指标' }).waitFor();
    // Each chart's figures as a table beside it: the rep's row says what the bar shows.
    const repRow = page.getByRole('table', { name: '各业务员按期交货率' }).getByRole('row').filter({ hasText: rep });
    assert.deepEqual(await repRow.getByRole('cell').allTextContents(), [rep, '0%']);
    const stages = page.getByRole('table', { name: '各阶段订单数' }).getByRole('row').filter({ hasText: '生产' });
    assert.ok((await stages.count()) > 0, 'the open orders in production are counted');
    await look(page, 'reports-charts');
  });
});
