import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { orderThrough, tokenOf, type ApiUnderTest } from '../support/api-server';
import { consoleSuite, look, signIn } from '../support/browser';

// The order page's documents (单据) in a real browser (Debian's Chromium): a customer sees what waits for
// their signature, opens a document to print — its print stylesheet applies — and takes its PDF.

describe('Console: printable documents in the browser (dev server)', function () {
  let api: ApiUnderTest;
  let browser: Browser;
  const orderNumber = `CON-DOC-${Date.now().toString(36).toUpperCase()}`;

  consoleSuite((running) => ({ api, browser } = running));

  it('a customer sees the order confirmation to sign (待签), prints it on A4 with its print styles, and downloads its PDF', async () => {
    // Given the development customer's order with its confirmation sent
    await orderThrough(api, orderNumber, 'C-DEV', [
      ['order-desk', 'order-confirmed'],
      ['finance', 'price-approved'],
      ['production', 'delivery-date-estimated', { promisedDate: '2031-05-01' }],
      ['order-desk', 'confirmation-sent', { documentRef: 'OC-1' }],
    ]);
    const page = await signIn(browser, api.url, tokenOf('customer'));
    await page.goto(`${api.url}/console/#/orders/${orderNumber}`);
    const documents = page.getByRole('region', { name: '单据' });
    const confirmation = documents.locator('li[data-document="order-confirmation"]');
    await confirmation.getByText('待签').waitFor();
    assert.equal(await documents.locator('li[data-document="statement"] .to-sign').count(), 0);
    await look(page, 'order-documents');

    // When they print it, the document opens in its own tab, styled for the screen as a sheet of paper…
    const [printable] = await Promise.all([
      page.context().waitForEvent('page'),
      confirmation.getByRole('button', { name: '打印' }).click(),
    ]);
    await printable.getByRole('heading', { name: /订单确认书/ }).waitFor();
    const style = (selector: string, property: string) =>
      printable
        .locator(selector)
        .first()
        .evaluate((element, p) => element.ownerDocument.defaultView!.getComputedStyle(element).getPropertyValue(p), property);
    assert.equal(await style('h1', 'text-align'), 'center', 'the page’s own stylesheet applies (its CSP hash admits it)');
    assert.equal(await style('.screen-only', 'display'), 'block');
    assert.equal(await style('body', 'background-color'), 'rgb(204, 204, 204)');
    await printable.getByText(orderNumber).first().waitFor();
    // …and for print without the screen's sheet, shadow and hints
    await printable.emulateMedia({ media: 'print' });
    assert.equal(await style('.screen-only', 'display'), 'none');
    assert.equal(await style('.sheet', 'box-shadow'), 'none');
    assert.equal(await style('body', 'background-color'), 'rgb(255, 255, 255)');
    const pdf = await printable.pdf({ preferCSSPageSize: true });
    assert.ok(pdf.length > 1000, 'the browser prints it');

    // When they take the PDF, it is the server's PDF of the document
    const [file] = await Promise.all([page.waitForEvent('download'), confirmation.getByRole('button', { name: 'PDF' }).click()]);
    assert.equal(file.suggestedFilename(), `${orderNumber}-order-confirmation.pdf`);
    const bytes = await new Promise<Buffer>((resolve, reject) => {
      void file.createReadStream().then((stream) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => resolve(Buffer.concat(chunks)));
        stream.on('error', reject);
      }, reject);
    });
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  });
});
