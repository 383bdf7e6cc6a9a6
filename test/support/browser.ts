import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { run } from '../../scripts/cluster';

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
