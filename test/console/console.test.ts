import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { localDateTime } from '../../workflows/domain/calendar';
import { eventTypeLabels } from '../../workflows/domain/labels';
import { defaultPolicy } from '../../workflows/domain/policy';
import { call, eventually, orderThrough, tokenOf, type ApiUnderTest } from '../support/api-server';
import { consoleSuite, fillNewOrder, look, signIn } from '../support/browser';
import { intoProduction, type Step } from '../support/main-line';

// The staff console in a real browser (Debian's Chromium) against the real API, worker and read model on
// the dev server: what a clerk, a customer and a supervisor see and do, in Chinese, company time and ¥.

describe('Console in the browser (dev server)', function () {
  let api: ApiUnderTest;
  let browser: Browser;
  const run = Date.now().toString(36).toUpperCase();
  const { timeZone } = defaultPolicy.calendar;

  consoleSuite((running) => ({ api, browser } = running));

  /** Waits until the read model has the order in this stage (the board reads it, not Temporal). */
  const onBoard = (orderNumber: string, stage: string) =>
    eventually(
      async () =>
        (await call(api, 'GET', '/api/v1/board?limit=1000', { role: 'supervisor' })).body.orders as {
          orderNumber: string;
          stage: string;
        }[],
      (rows) => rows.some((r) => r.orderNumber === orderNumber && r.stage === stage),
    );

  it('the order desk finds a new order in My work, confirms it through its form, and reads the timeline in Chinese, company time and ¥', async () => {
    const orderNumber = `CON-${run}-1`;
    await orderThrough(api, orderNumber, `C-${run}`, []);
    await onBoard(orderNumber, 'intake');

    const page = await signIn(browser, api.url, tokenOf('order-desk'));
    await page.getByRole('heading', { name: '我的待办' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: orderNumber });
    // The 2-hour first confirmation runs against it.
    await row.getByText(/小时后到期|分钟后到期/).waitFor();
    await look(page, 'my-work');
    await row.getByRole('link', { name: orderNumber }).click();

    await page.getByRole('heading', { name: `订单 ${orderNumber}` }).waitFor();
    assert.equal(await page.getByTestId('stage').textContent(), '接单');
    await page.getByText('¥5,000.00').first().waitFor();
    await page.getByText('初步确认', { exact: true }).click();
    const sentAt = Date.now();
    await page.locator('details[data-event="order-confirmed"]').getByRole('button', { name: '提交' }).click();
    await page.getByRole('status').filter({ hasText: '已提交: 初步确认' }).waitFor();

    const entry = page.locator('table.timeline tr.event').filter({ hasText: '事件 · 初步确认' });
    await entry.waitFor();
    const cells = await entry.getByRole('cell').allTextContents();
    assert.equal(cells[1], 'Development order-desk');
    assert.equal(cells[2], '接单员');
    // Company time (Asia/Shanghai), to the minute the event was sent (or the next, on a slow machine).
    assert.ok([localDateTime(sentAt, timeZone), localDateTime(sentAt + 60_000, timeZone)].includes(cells[0]), cells[0]);
    assert.notEqual(await page.getByTestId('stage').textContent(), '接单');
    // The forms name what the person does (取消订单), the timeline what happened (订单已取消).
    assert.equal(await page.locator('details[data-event="cancelled"] summary').textContent(), '取消订单');
    // The domain's sentence names the amount in fen; people read it in ¥.
    const received = page.locator('table.timeline tr').filter({ hasText: 'order received from' });
    assert.match((await received.textContent()) ?? '', /order received from Ningbo Lamps, ¥5,000\.00/);
    await look(page, 'order-page');

    // An event's data reads by each field's label, not by the API's names (promisedDate=…).
    for (const [role, type, data] of intoProduction.slice(1, 3)) {
      assert.equal((await call(api, 'POST', `/api/v1/orders/${orderNumber}/events`, { role, body: { type, data } })).status, 200);
    }
    await page.reload();
    const estimated = page
      .locator('table.timeline tr.event')
      .filter({ hasText: `事件 · ${eventTypeLabels['delivery-date-estimated'].zh}` });
    assert.match((await estimated.locator('small').textContent()) ?? '', /^承诺交期：2031-05-01$/);
  });

  it('a refused event shows the business reason: the order no longer takes what the form offered', async () => {
    const orderNumber = `CON-${run}-2`;
    await orderThrough(api, orderNumber, `C-${run}`, []);
    const page = await signIn(browser, api.url, tokenOf('order-desk'));
    await page.goto(`${api.url}/console/#/orders/${orderNumber}`);
    await page.getByText('初步确认', { exact: true }).click();
    // A colleague confirms it meanwhile; this page still offers the confirmation.
    const first = await call(api, 'POST', `/api/v1/orders/${orderNumber}/events`, {
      role: 'order-desk',
      body: { type: 'order-confirmed' },
    });
    assert.equal(first.status, 200);
    const again = await call(api, 'POST', `/api/v1/orders/${orderNumber}/events`, {
      role: 'order-desk',
      body: { type: 'order-confirmed' },
    });
    assert.equal(again.status, 409);

    await page.locator('details[data-event="order-confirmed"]').getByRole('button', { name: '提交' }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    // Where the order stands and what it waits for, in Chinese (the shared labels); then the API's own words.
    const waiting = (again.body.expectedEvents as (keyof typeof eventTypeLabels)[]).map((type) => eventTypeLabels[type].zh).join('、');
    assert.equal(
      await refusal.textContent(),
      `订单当前不接受此操作 — 订单处于「价格审核」阶段，现在等待：${waiting} — ${again.body.detail}`,
    );
    await look(page, 'refused-event');
  });

  it('a late order is red on the board with its days late, and the board exports as XLSX', async () => {
    const orderNumber = `CON-${run}-3`;
    // Promised for a date long past, and not finished.
    const late: Step[] = intoProduction.map(([role, type, data]) => [
      role,
      type,
      type === 'delivery-date-estimated' ? { promisedDate: '2025-01-02' } : data,
    ]);
    await orderThrough(api, orderNumber, `C-${run}`, late);
    await onBoard(orderNumber, 'production');

    const page = await signIn(browser, api.url, tokenOf('supervisor'));
    await page.getByRole('link', { name: '状态看板' }).click();
    await page.getByLabel('仅逾期').check();
    const row = page.locator(`tr[data-order="${orderNumber}"]`);
    await row.waitFor();
    assert.match((await row.getAttribute('class')) ?? '', /\blate\b/);
    const daysLate = Number(await row.locator('td.days-late').textContent());
    assert.ok(daysLate > 200, `days late: ${daysLate}`);
    // Red, as the board's style sheet says (the test runs in Node: the browser's window is reached through the element).
    const color = await row.locator('td.days-late').evaluate((td) => td.ownerDocument.defaultView?.getComputedStyle(td).color);
    assert.equal(color, 'rgb(180, 35, 24)');
    await look(page, 'board');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 XLSX' }).click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.worksheets[0];
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const exported = rows.find((r) => r.includes(orderNumber));
    assert.ok(exported, 'the late order is in the export');
    assert.ok(exported.includes(daysLate), 'with its days late');
    assert.ok(
      rows.every((r) => !r.includes(`CON-${run}-1`)),
      'only what the filter shows: the first order is not late',
    );

    // The open orders by stage as a chart, and the order form of each channel.
    await page.getByRole('link', { name: '报表' }).click();
    await page.getByRole('img', { name: '各阶段订单数' }).waitFor();
    await look(page, 'reports');
    await page.getByRole('link', { name: '新建订单' }).click();
    await page.getByRole('button', { name: '创建订单' }).waitFor();
    await look(page, 'new-order');
    // A new order through the standard channel's form, in Chinese: its lines as rows, unit prices in yuan.
    await fillNewOrder(page, {
      orderNumber: `CON-${run}-6`,
      customer: { id: `C-${run}`, name: '宁波灯具', class: 'B' },
      salesRep: 'rep-1',
      line: { productCode: 'LAMP-1', quantity: 3, unitPriceYuan: '123.45' },
      delivery: { address: '宁波市一号路', contact: '吴女士', phone: '13800000000' },
    });
    await page.getByRole('button', { name: '创建订单' }).click();
    await page.getByRole('heading', { name: `订单 CON-${run}-6` }).waitFor();
    await page.getByText('¥370.35').first().waitFor();
  });

  it("a customer sees only its own orders, and another customer's order is not found", async () => {
    const own = `CON-${run}-4`;
    const other = `CON-${run}-5`;
    await orderThrough(api, own, 'C-DEV', []);
    await orderThrough(api, other, `C-${run}`, []);
    await onBoard(other, 'intake');

    const page = await signIn(browser, api.url, tokenOf('customer'));
    await page.getByRole('heading', { name: '我的订单' }).waitFor();
    await page.getByRole('link', { name: own }).waitFor();
    assert.equal(await page.getByRole('link', { name: other }).count(), 0);
    assert.equal(await page.getByRole('link', { name: '状态看板' }).count(), 0, 'no company view');
    await look(page, 'customer-orders');

    await page.goto(`${api.url}/console/#/orders/${other}`);
    await page.getByText(/找不到该订单/).waitFor();
    await page.goto(`${api.url}/console/#/orders/${own}`);
    await page.getByRole('heading', { name: `订单 ${own}` }).waitFor();
    // English by choice, kept for the next visit.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: `Order ${own}` }).waitFor();
    await page.reload();
    await page.getByRole('link', { name: 'My orders' }).waitFor();
  });
});
