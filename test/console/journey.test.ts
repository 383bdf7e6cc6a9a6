import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import type { EventType } from '../../workflows/domain/events';
import { eventTypeLabels } from '../../workflows/domain/labels';
import type { Role } from '../../workflows/domain/order';
import { call, eventually, orderThrough, tokenOf, type ApiUnderTest } from '../support/api-server';
import { consoleSuite, fillNewOrder, look, signIn } from '../support/browser';

// One order's journey through the people, in the browser (Debian's Chromium) against the real API, worker and
// read model on the dev server, in Chinese: the order desk creates it through the New order form; then each
// role signs in with its own token, finds the order in My work, and sends its event through the event's form,
// until the order is in production. Every page is kept as a screenshot and checked by axe-core (look).

describe('Role-by-role journey in the browser (dev server)', function () {
  let api: ApiUnderTest;
  let browser: Browser;
  const run = Date.now().toString(36).toUpperCase();
  const orderNumber = `JRN-${run}`;
  let pages = 0;

  consoleSuite((running) => ({ api, browser } = running));

  /** The page, kept as `journey-<n>-<what>` (screenshot and accessibility check). */
  const keep = (page: Page, what: string) => look(page, `journey-${++pages}-${what}`);

  /**
   * The role signs in, finds the order in My work with the event as its next step, opens it, and sends the
   * event through its form (`fill` types the fields); the page confirms it was sent.
   */
  async function step(role: Role, type: EventType, fill?: (form: Locator, page: Page) => Promise<void>) {
    // The read model has the order's last step moments after it was taken: My work is read from it.
    await eventually(
      async () => (await call(api, 'GET', '/api/v1/my-work', { role })).body.orders as { orderNumber: string; nextEvents: string[] }[],
      (orders) => orders.some((o) => o.orderNumber === orderNumber && o.nextEvents.includes(type)),
      30_000,
    );
    const page = await signIn(browser, api.url, tokenOf(role));
    await page.getByRole('heading', { name: '我的待办' }).waitFor();
    const link = page.getByRole('link', { name: orderNumber, exact: true });
    const row = page.locator('tr').filter({ has: link });
    await row.getByText(eventTypeLabels[type].zh).waitFor();
    await keep(page, `${role}-my-work`);
    await row.getByRole('link', { name: orderNumber, exact: true }).click();
    await page.getByRole('heading', { name: `订单 ${orderNumber}` }).waitFor();
    const form = page.locator(`details[data-event="${type}"]`);
    await form.locator('summary').click();
    await fill?.(form, page);
    await form.getByRole('button', { name: '提交' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `已提交: ${eventTypeLabels[type].zh}` })
      .waitFor();
    await keep(page, `${role}-${type}`);
    await page.context().close();
  }

  it('the order desk creates an order through the New order form, and each role finds it in My work and sends its event through the form until it is in production', async function () {
    this.timeout(900_000);
    // Another rep's order at intake: not in this rep's My work.
    const colleagues = `JRN-${run}-OTHER`;
    await orderThrough(api, colleagues, `C-${run}`, [], 'rep-other');

    // 接单: the order desk fills in the order form, in Chinese, the price in yuan and a 30 % deposit.
    const desk = await signIn(browser, api.url, tokenOf('order-desk'));
    await desk.getByRole('link', { name: '新建订单' }).click();
    await desk.getByRole('button', { name: '创建订单' }).click();
    // Nothing typed: the form says what is missing, in Chinese, before anything is sent.
    await desk.getByRole('alert').filter({ hasText: '请填写「客户编号」' }).waitFor();
    await fillNewOrder(desk, {
      orderNumber,
      customer: { id: `C-${run}`, name: '宁波灯具', class: 'B' },
      salesRep: tokenOf('sales-rep'),
      line: { productCode: 'LAMP-1', quantity: 10, unitPriceYuan: '123.45' },
      delivery: { address: '宁波市一号路', contact: '吴女士', phone: '13800000000' },
    });
    await desk.getByLabel(/^定金条款/).fill('{"kind": "rate", "basisPoints": 3000}');
    await keep(desk, 'order-desk-new-order');
    await desk.getByRole('button', { name: '创建订单' }).click();
    await desk.getByRole('heading', { name: `订单 ${orderNumber}` }).waitFor();
    await desk.getByText('¥1,234.50').first().waitFor();
    await keep(desk, 'order-desk-created');
    await desk.context().close();

    // 初步确认: the order's own sales rep (their id is the order's salesRep), against the 2-hour clock.
    await step('sales-rep', 'order-confirmed', async (_form, page) => {
      assert.equal(await page.getByRole('link', { name: colleagues }).count(), 0, "another rep's order is not in this rep's work");
    });
    await step('finance', 'price-approved');
    await step('production', 'delivery-date-estimated', async (form) => {
      await form.getByLabel(/^承诺交期/).fill('2031-05-01');
    });
    await step('order-desk', 'confirmation-sent', async (form, page) => {
      // English by choice: the same form's words, then back to Chinese.
      await page.getByRole('button', { name: 'English' }).click();
      await form.getByLabel(/^Document reference/).waitFor();
      await page.getByRole('button', { name: '中文' }).click();
      await form.getByLabel(/^单据编号/).fill(`OC-${run}`);
    });
    await step('sales-rep', 'signed-confirmation-returned', async (form) => {
      await form.getByLabel(/^单据编号/).fill(`OC-${run}-signed`);
    });
    await step('finance', 'deposit-received', async (form) => {
      await form.getByRole('button', { name: '提交' }).click();
      await form.getByRole('alert').filter({ hasText: '请填写「金额」' }).waitFor();
      await form.getByLabel(/^金额/).fill('370.35');
      await form.getByLabel(/^收付款凭证号/).fill(`BANK-${run}`);
    });
    await step('production', 'production-notice-issued', async (form) => {
      await form.getByLabel(/^通知单号/).fill(`PN-${run}`);
    });

    // In production, with the deposit in fen as typed in yuan.
    const order = await call(api, 'GET', `/api/v1/orders/${orderNumber}`, { role: 'supervisor' });
    assert.equal(order.body.stage, 'production');
    assert.equal(order.body.amount, 123_450);
    assert.equal(order.body.received, 37_035);
    assert.equal(order.body.salesRep.id, 'dev-sales-rep');
  });
});
