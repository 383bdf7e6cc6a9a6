import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { EventType } from '../../workflows/domain/events';
import { yuan } from '../../workflows/domain/money';
import type { Role } from '../../workflows/domain/order';
import type { OrderSnapshot } from '../../workflows/domain/snapshot';
import type { DocumentField, PrintableDocument } from '../../api/documents/model';
import { call, tokenOf, type ApiUnderTest, startApi } from '../support/api-server';
import { pdfText } from '../support/pdf-text';

// The printable documents through the API on real orders (CLI dev server, real worker): which documents an
// order has as it moves, and each one's fields compared with the order — in its data, its HTML page and the
// text pdftotext finds in its PDF.

let orders = 0;
const numbered = (prefix: string) => `${prefix}-${process.pid}-${++orders}`;
type Step = [Role, EventType, Record<string, unknown>?];

async function send(api: ApiUnderTest, orderNumber: string, steps: Step[]) {
  for (const [role, type, data = {}] of steps) {
    const answer = await call(api, 'POST', `/api/v1/orders/${orderNumber}/events`, { role, body: { type, data } });
    assert.equal(answer.status, 200, `${type}: ${JSON.stringify(answer.body)}`);
  }
}

async function create(api: ApiUnderTest, body: Record<string, unknown>) {
  const created = await call(api, 'POST', '/api/v1/orders', { role: 'order-desk', body });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body as OrderSnapshot;
}

const snapshotOf = async (api: ApiUnderTest, id: string) =>
  (await call(api, 'GET', `/api/v1/orders/${id}`, { role: 'order-desk' })).body as OrderSnapshot;

interface Listed {
  kind: string;
  title: { zh: string; en: string };
  version: number;
  awaitsSignature: boolean;
  href: string;
}
async function listed(api: ApiUnderTest, id: string, role: Role = 'order-desk'): Promise<Listed[]> {
  const answer = await call(api, 'GET', `/api/v1/orders/${id}/documents`, { role });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body.documents as Listed[];
}

/** The document at `href` (as the list gives it) in a format, as the bytes and headers came. */
async function fetchDocument(api: ApiUnderTest, href: string, format: 'html' | 'pdf', role: Role = 'order-desk') {
  const response = await fetch(`${api.url}${href}?format=${format}`, { headers: { authorization: `Bearer ${tokenOf(role)}` } });
  assert.equal(response.status, 200, await response.clone().text());
  return {
    type: response.headers.get('content-type'),
    csp: response.headers.get('content-security-policy'),
    bytes: new Uint8Array(await response.arrayBuffer()),
  };
}

/** The PDFs the tests read, kept as the run's artefacts to look at (dist/test-artifacts/documents). */
const artefactsDir = path.join(__dirname, '..', '..', 'test-artifacts', 'documents');

const text = (value: DocumentField['value']) => (typeof value === 'string' ? value : value.zh);
const fieldOf = (doc: PrintableDocument, key: string) => text(doc.fields.find((f) => f.key === key)?.value ?? '(missing)');
const totalOf = (doc: PrintableDocument, key: string) => text(doc.totals.find((f) => f.key === key)?.value ?? '(missing)');

/** The document's data says what the order says: number, customer, promised date, version, current lines, amounts. */
function assertFieldsOfOrder(doc: PrintableDocument, s: OrderSnapshot) {
  const version = s.lineVersions.at(-1)!;
  assert.equal(doc.orderNumber, s.orderNumber);
  assert.equal(fieldOf(doc, 'orderNumber'), s.orderNumber);
  assert.equal(fieldOf(doc, 'customer'), `${s.customer.name} (${s.customer.id})`);
  assert.equal(fieldOf(doc, 'promisedDate'), s.promisedDate ?? '—');
  // The papers that go with the goods, and the confirmation, say where they go.
  if (['order-confirmation', 'outbound-notice', 'shipping-notice', 'arrival-receipt'].includes(doc.kind)) {
    assert.equal(fieldOf(doc, 'delivery'), `${s.delivery.address}（${s.delivery.contact} ${s.delivery.phone}）`);
  }
  assert.equal(doc.version, version.version);
  assert.match(fieldOf(doc, 'version'), new RegExp(`^v${version.version}\\b`));
  const lines = doc.tables.find((t) => t.key === 'lines')!;
  assert.deepEqual(
    lines.rows.map((row) => [row[1], row[3], row[4], row[5]]),
    version.lines.map((line) => [line.productCode, String(line.quantity), yuan(line.unitPrice), yuan(line.quantity * line.unitPrice)]),
  );
  assert.equal(totalOf(doc, 'amount'), yuan(s.amount));
  if (doc.totals.some((f) => f.key === 'balanceDue')) assert.equal(totalOf(doc, 'balanceDue'), yuan(s.balanceDue));
  if (doc.totals.some((f) => f.key === 'received')) assert.equal(totalOf(doc, 'received'), yuan(s.received));
}

const unescape = (html: string) =>
  html.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
const squeeze = (s: string) => s.replace(/\s+/g, '');

/** The HTML page and the PDF carry the data's fields, totals and lines (Chinese, as printed by default). */
async function assertRendered(api: ApiUnderTest, href: string, doc: PrintableDocument, role: Role = 'order-desk') {
  const html = await fetchDocument(api, href, 'html', role);
  assert.equal(html.type, 'text/html; charset=utf-8');
  assert.match(html.csp ?? '', /style-src 'sha256-/);
  const page = new TextDecoder().decode(html.bytes);
  assert.match(page, /@media print/);
  assert.ok(page.includes(`<h1>${doc.title.zh}`), `${doc.kind}: the title`);
  const shown = new Map(
    [...page.matchAll(/<div data-field="([^"]+)"><dt>[^<]*<\/dt><dd>([^<]*)<\/dd><\/div>/g)].map((m) => [m[1]!, unescape(m[2]!)]),
  );
  for (const f of [...doc.fields, ...doc.totals]) assert.equal(shown.get(f.key), text(f.value), `${doc.kind}: HTML field ${f.key}`);
  for (const row of doc.tables.flatMap((t) => t.rows))
    for (const cell of row) assert.ok(page.includes(cell.replace(/&/g, '&amp;').replace(/'/g, '&#39;')), `${doc.kind}: cell ${cell}`);

  const pdf = await fetchDocument(api, href, 'pdf', role);
  assert.equal(pdf.type, 'application/pdf');
  assert.equal(new TextDecoder().decode(pdf.bytes.slice(0, 5)), '%PDF-');
  fs.mkdirSync(artefactsDir, { recursive: true });
  fs.writeFileSync(path.join(artefactsDir, `${doc.orderNumber.replace(/-\d+-\d+$/, '')}-${doc.kind}.pdf`), pdf.bytes);
  fs.writeFileSync(path.join(artefactsDir, `${doc.orderNumber.replace(/-\d+-\d+$/, '')}-${doc.kind}.html`), html.bytes);
  const found = squeeze(await pdfText(pdf.bytes));
  for (const wanted of [
    doc.title.zh,
    doc.letterhead.name,
    ...doc.signatures.map((s) => s.zh),
    ...[...doc.fields, ...doc.totals].map((f) => text(f.value)),
  ]) {
    assert.ok(found.includes(squeeze(wanted)), `${doc.kind}: pdftotext finds "${wanted}" in:\n${found}`);
  }
  for (const row of doc.tables.find((t) => t.key === 'lines')!.rows) {
    for (const cell of [row[1]!, row[5]!]) assert.ok(found.includes(squeeze(cell)), `${doc.kind}: pdftotext finds line cell "${cell}"`);
  }
}

async function documentData(api: ApiUnderTest, href: string, role: Role = 'order-desk'): Promise<PrintableDocument> {
  const answer = await call(api, 'GET', `${href}?format=json`, { role });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body as PrintableDocument;
}

function assertRefused(answer: { status: number; body: { type: string; detail: string } }, status: number, type: string, words: RegExp) {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.equal(answer.body.type, `urn:orderflow:problem:${type}`);
  assert.match(answer.body.detail, words);
}

describe('printable documents over the API', () => {
  let api: ApiUnderTest;
  before(async () => {
    api = await startApi();
  });
  after(() => api?.stop());

  it('gives a standard order its documents as it moves, each as data, HTML and PDF with the order’s fields and the version of its lines', async () => {
    // Given a standard order of the development customer, in Chinese
    const id = numbered('DOC');
    await create(api, {
      orderNumber: id,
      customer: { id: 'C-DEV', name: '宁波明灯照明有限公司', class: 'A' },
      salesRep: { id: 'rep-1', name: '李娜' },
      lines: [{ productCode: 'LAMP-1', specification: '吊灯 60 cm 暖白', quantity: 10, unitPrice: 50_000 }],
      delivery: { address: '宁波市海曙区一号路 1 号', contact: '吴女士', phone: '13800000000' },
    });
    // At intake it has the money documents only: no confirmation yet, no outbound notice before put-away, no store letter.
    assert.deepEqual(
      (await listed(api, id)).map((d) => d.kind),
      ['balance-due-notice', 'statement'],
    );
    assertRefused(
      await call(api, 'GET', `/api/v1/orders/${id}/documents/outbound-notice`, { role: 'warehouse' }),
      409,
      'document-not-yet',
      /once the goods are put away/,
    );
    assertRefused(
      await call(api, 'GET', `/api/v1/orders/${id}/documents/intent-letter`, { role: 'order-desk' }),
      404,
      'document-not-found',
      /standard order has no/,
    );
    assertRefused(
      await call(api, 'GET', `/api/v1/orders/${id}/documents/invoice`, { role: 'order-desk' }),
      404,
      'document-not-found',
      /order-confirmation/,
    );

    // When the confirmation is sent, it waits for the customer's signature, as the customer's own list says (待签)
    await send(api, id, [
      ['order-desk', 'order-confirmed'],
      ['finance', 'price-approved'],
      ['production', 'delivery-date-estimated', { promisedDate: '2031-05-01' }],
      ['order-desk', 'confirmation-sent', { documentRef: 'OC-1' }],
    ]);
    const toSign = (await listed(api, id, 'customer')).filter((d) => d.awaitsSignature).map((d) => d.kind);
    assert.deepEqual(toSign, ['order-confirmation']);
    const confirmation = await documentData(api, `/api/v1/orders/${id}/documents/order-confirmation`, 'customer');
    assertFieldsOfOrder(confirmation, await snapshotOf(api, id));
    assert.match(fieldOf(confirmation, 'record'), /OC-1/);
    await assertRendered(api, `/api/v1/orders/${id}/documents/order-confirmation`, confirmation, 'customer');

    // …and once it is back, made, amended to version 2 (12 lamps, a week later), put away, shipped, signed for and complained about
    await send(api, id, [
      ['order-desk', 'signed-confirmation-returned', { documentRef: 'OC-1s' }],
      ['finance', 'production-notice-issued', { noticeRef: 'PN-1' }],
      [
        'customer',
        'change-requested',
        { description: '再加两盏', lines: [{ productCode: 'LAMP-1', specification: '吊灯 60 cm 暖白', quantity: 12 }] },
      ],
      [
        'production',
        'change-assessed',
        {
          version: 1,
          feasible: true,
          lines: [{ productCode: 'LAMP-1', specification: '吊灯 60 cm 暖白', quantity: 12, unitPrice: 50_000, priceBasis: 'price-list' }],
          newPromisedDate: '2031-05-08',
        },
      ],
    ]);
    if ((await snapshotOf(api, id)).amendments[0]!.state === 'awaiting-price-approval')
      await send(api, id, [['finance', 'change-price-approved', { version: 1 }]]);
    await send(api, id, [
      ['customer', 'change-confirmed', { version: 1 }],
      ['technical', 'technical-order-issued', { orderRef: 'TO-1' }],
      ['qc', 'qc-passed', { reportRef: 'QC-1' }],
      ['warehouse', 'stocked', { location: 'A-03' }],
    ]);
    assert.ok((await listed(api, id)).some((d) => d.kind === 'outbound-notice'));
    await send(api, id, [
      ['order-desk', 'shipping-requested', { requestRef: 'SR-1' }],
      ['warehouse', 'shipped', { carrier: '顺丰速运', trackingRef: 'SF123' }],
    ]);
    assert.deepEqual(
      (await listed(api, id, 'customer')).filter((d) => d.awaitsSignature).map((d) => d.kind),
      ['arrival-receipt'],
    );
    await send(api, id, [
      ['customer', 'signed-for', { receiptRef: 'AR-1' }],
      ['customer', 'complaint-filed', { category: 'quality', description: '两盏灯罩有划痕' }],
    ]);

    // Then every document carries the order's fields and its lines as amended (v2), in its data, HTML and PDF
    const order = await snapshotOf(api, id);
    assert.equal(order.lineVersions.at(-1)!.version, 2);
    const documents = await listed(api, id);
    assert.deepEqual(
      documents.map((d) => d.kind),
      [
        'order-confirmation',
        'production-notice',
        'outbound-notice',
        'shipping-notice',
        'arrival-receipt',
        'balance-due-notice',
        'statement',
        'complaint-record',
      ],
    );
    for (const listedDocument of documents) {
      assert.equal(listedDocument.version, 2);
      const doc = await documentData(api, listedDocument.href);
      assert.equal(doc.title.zh.startsWith(listedDocument.title.zh.split(' ')[0]!), true);
      assertFieldsOfOrder(doc, order);
      await assertRendered(api, listedDocument.href, doc);
    }
    const shipping = await documentData(api, `/api/v1/orders/${id}/documents/shipping-notice`);
    assert.match(fieldOf(shipping, 'record'), /SF123/);
    const complaint = await documentData(api, `/api/v1/orders/${id}/complaints/1/document`);
    assert.equal(fieldOf(complaint, 'description'), '两盏灯罩有划痕');

    // English by choice
    const english = await fetch(`${api.url}/api/v1/orders/${id}/documents/statement?format=html&lang=en`, {
      headers: { authorization: `Bearer ${tokenOf('finance')}` },
    });
    assert.match(await english.text(), /<h1>Statement of account<span class="other" lang="zh-CN">对账单<\/span><\/h1>/);
  });

  it('shows a customer the documents of its own orders only, as it shows the orders', async () => {
    // Given another customer's order
    const id = numbered('DOC-OTHER');
    await create(api, {
      orderNumber: id,
      customer: { id: 'C-OTHER', name: 'Other Lamps', class: 'B' },
      salesRep: { id: 'rep-1' },
      lines: [{ productCode: 'LAMP-2', quantity: 1, unitPrice: 10_000 }],
      delivery: { address: 'No. 2 Road', contact: 'Mr Li', phone: '13800000001' },
    });
    // Then the development customer finds none of its documents, as no order at all
    for (const path of ['documents', 'documents/statement', 'complaints/1/document']) {
      const answer = await call(api, 'GET', `/api/v1/orders/${id}/${path}`, { role: 'customer' });
      assert.equal(answer.status, 404, path);
      assert.equal(answer.body.type, 'urn:orderflow:problem:order-not-found');
    }
    assert.equal((await call(api, 'GET', `/api/v1/orders/${id}/documents/statement?format=json`, { role: 'sales-rep' })).status, 200);
    // …and a wrong format is a 400 naming the parameter
    const wrong = await call(api, 'GET', `/api/v1/orders/${id}/documents/statement?format=docx`, { role: 'sales-rep' });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.errors[0].field, 'query.format');
  });

  it('gives a store order its sales intent letter (门窗销售意向书), awaiting the customer’s signature until it is signed', async () => {
    // Given a store order at the store visit
    const id = numbered('DOC-ST');
    await create(api, {
      orderNumber: id,
      channel: 'store',
      customer: { id: 'C-DEV', name: '王先生（湖畔花园 12 栋）', class: 'C' },
      salesRep: { id: 'clerk-xu', name: '徐丽' },
      store: { id: 'S-HZ-01', name: '杭州滨江店', region: '浙江' },
      lines: [{ productCode: 'TB68-CASEMENT', specification: 'TB-68 平开窗，m²', quantity: 24, unitPrice: 88_000 }],
      delivery: { address: '杭州市滨江区湖畔花园 12 栋', contact: '王先生', phone: '13900000000' },
    });
    const [letter] = (await listed(api, id, 'customer')).filter((d) => d.kind === 'intent-letter');
    assert.ok(letter, 'the store order lists its intent letter');
    assert.equal(letter.awaitsSignature, true);
    const doc = await documentData(api, letter.href, 'customer');
    assertFieldsOfOrder(doc, await snapshotOf(api, id));
    await assertRendered(api, letter.href, doc, 'customer');

    // When the customer signs it in the store, it no longer waits, and records the signing
    await send(api, id, [
      [
        'sales-rep',
        'intent-letter-signed',
        { documentRef: 'YX-5001', unitPrice: 88_000, discountBasisPoints: 500, leadTimeDays: 30, paymentMethod: 'bank transfer' },
      ],
    ]);
    const signed = await documentData(api, letter.href, 'customer');
    assert.equal(signed.awaitsSignature, false);
    assert.match(fieldOf(signed, 'record'), /YX-5001/);
    // A store order is installed, not shipped: it has no shipping notice
    assertRefused(
      await call(api, 'GET', `/api/v1/orders/${id}/documents/shipping-notice`, { role: 'order-desk' }),
      404,
      'document-not-found',
      /store order has no/,
    );
  });
});
