import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { run } from '../../scripts/cluster';
import { startApi, type ApiUnderTest } from './api-server';

// A real browser for the console's tests: Debian's Chromium driven by playwright-core (which downloads
// nothing). Installed from Debian's package when missing and the tests run as root (`.ci/run` does), as
// the PostgreSQL tests install theirs; otherwise the tests fail saying how to install it.

const CHROMIUM = process.env.ORDERFLOW_CHROMIUM ?? '/usr/bin/chromium';

export async function ensureChromium(): Promise<string> {
  if (fs.existsSync(CHROMIUM)) return CHROMIUM;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: run \`sudo apt-get install -y --no-install-recommends chromium\` (the console's browser tests drive it)`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update'], { env });
  await run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { env });
  if (!fs.existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but there is no ${CHROMIUM}`);
  return CHROMIUM;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: await ensureChromium(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A console suite's API (with its worker and read model on the dev server) and browser, started before its
 * tests and stopped after them; `started` hands them to the suite.
 */
export function consoleSuite(
  started: (running: { api: ApiUnderTest; browser: Browser }) => void,
  options: Parameters<typeof startApi>[0] = {},
) {
  let running: { api?: ApiUnderTest; browser?: Browser } = {};
  before(async function () {
    this.timeout(600_000); // the first run on a fresh machine may install Chromium (as root)
    const [api, browser] = await Promise.all([startApi(options), launchBrowser()]);
    running = { api, browser };
    started({ api, browser });
  });
  after(async () => {
    await running.browser?.close();
    await running.api?.stop();
  });
}

/** Screenshots of the pages the tests visit, kept as the run's artefacts (dist/test-artifacts/console). */
export const artefactsDir = path.join(__dirname, '..', '..', 'test-artifacts', 'console');

/**
 * A page as the tests see it: a screenshot kept as an artefact, and an accessibility check (axe-core) that
 * fails on any serious or critical violation.
 */
export async function look(page: Page, name: string) {
  fs.mkdirSync(artefactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artefactsDir, `${name}.png`), fullPage: true });
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length > 0) {
    const found = serious.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    throw new Error(`${name}: accessibility violations:\n${found.join('\n')}`);
  }
}

/** Signs in to the console at `url` with a token, in a fresh context (its own sessionStorage). */
export async function signIn(browser: Browser, url: string, token: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${url}/console/`);
  await page.getByLabel('访问令牌').fill(token);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '退出' }).waitFor();
  return page;
}

/** What the console's New order form (standard channel) is filled with: one line, its unit price typed in yuan. */
export interface NewOrderForm {
  orderNumber: string;
  customer: { id: string; name: string; class: 'A' | 'B' | 'C' };
  salesRep: string;
  line: { productCode: string; quantity: number; unitPriceYuan: string };
  delivery: { address: string; contact: string; phone: string };
}

/** Fills the New order form by its Chinese labels, as a clerk would (the caller submits it). */
export async function fillNewOrder(page: Page, form: NewOrderForm) {
  await page.getByLabel(/^订单号/).fill(form.orderNumber);
  const customer = page.getByRole('group', { name: '客户', exact: true });
  await customer.getByLabel(/^客户编号/).fill(form.customer.id);
  await customer.getByLabel(/^客户名称/).fill(form.customer.name);
  await customer.getByLabel(/^客户类别/).selectOption(form.customer.class);
  await page
    .getByRole('group', { name: '业务员', exact: true })
    .getByLabel(/^业务员工号/)
    .fill(form.salesRep);
  const line = page.getByRole('group', { name: '订单明细 1' });
  await line.getByLabel(/^产品编码/).fill(form.line.productCode);
  await line.getByLabel(/^数量/).fill(String(form.line.quantity));
  await line.getByLabel(/^单价/).fill(form.line.unitPriceYuan);
  const delivery = page.getByRole('group', { name: '收货信息' });
  await delivery.getByLabel(/^地址/).fill(form.delivery.address);
  await delivery.getByLabel(/^联系人/).fill(form.delivery.contact);
  await delivery.getByLabel(/^电话/).fill(form.delivery.phone);
}
