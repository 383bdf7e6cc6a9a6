import assert from 'node:assert/strict';
import { channelForms, policyFor } from '../../client/channels';
import { documentSettings } from '../../api/documents/letterhead';
import { runsOf, fontFile } from '../../api/documents/fonts';
import { documentContentSecurityPolicy, documentHtml, documentStylesheet } from '../../api/documents/html';
import {
  availabilityOf,
  complaintRecordOf,
  documentOf,
  documentsOf,
  type DocumentKind,
  type PrintableDocument,
} from '../../api/documents/model';
import { apply } from '../../workflows/domain/apply';
import { OrderEvent } from '../../workflows/domain/events';
import type { Channel, Role } from '../../workflows/domain/order';
import { advance, whyNotApplicable } from '../../workflows/domain/route';
import { snapshotOf } from '../../workflows/domain/snapshot';
import { openOrder, type OrderState } from '../../workflows/domain/state';
import crypto from 'node:crypto';

// The printable documents' builders without a server: which documents an order has at which stage of
// its channel's route, and what each says — the order's fields, the version of its lines, ¥ amounts,
// company dates — then their HTML page and the font subsets the PDF sets each character in.

// 16:30 UTC on 1 March is 00:30 on 2 March in Shanghai: the company's date.
const receivedAt = '2031-03-01T16:30:00.000Z';
let clock = Date.parse(receivedAt);
const tick = () => new Date((clock += 3600_000)).toISOString();
const settings = documentSettings({});

function newOrder(channel: Channel, extra: Record<string, unknown> = {}): OrderState {
  const form = {
    orderNumber: `DOC-${channel}`,
    channel,
    customer: { id: 'C-1', name: '宁波明灯照明', class: 'A' },
    salesRep: { id: 'rep-1', name: '李娜' },
    lines: [{ productCode: 'LAMP-1', specification: '吊灯', quantity: 10, unitPrice: 32_050 }], // ¥3,205.00
    delivery: { address: '一号路 1 号', contact: '吴女士', phone: '13800000000' },
    ...extra,
  };
  clock = Date.parse(receivedAt);
  const s = openOrder(
    channelForms[channel].createSchema.parse(form) as Parameters<typeof openOrder>[0],
    policyFor(channel, 'A'),
    receivedAt,
  );
  s.complaintWorkflows = true;
  advance(s, s.receivedAt);
  return s;
}

function send(s: OrderState, role: Role, type: string, data: Record<string, unknown> = {}) {
  const event = OrderEvent.parse({ type, actor: { id: `${role}-1`, role }, data }) as OrderEvent;
  const misfit = whyNotApplicable(s, event);
  if (misfit) throw new Error(misfit.message);
  apply(s, event, tick());
}

const source = (s: OrderState) => ({ snapshot: snapshotOf(s, clock), timeline: s.timeline, settings, asOf: clock });
const kindsOf = (s: OrderState) => documentsOf(snapshotOf(s, clock)).map((d) => d.kind);
const valueOf = (doc: PrintableDocument, key: string) => {
  const found = [...doc.fields, ...doc.totals].find((f) => f.key === key)?.value;
  return typeof found === 'object' ? found.zh : found;
};

function throughConfirmationSent(s: OrderState) {
  send(s, 'order-desk', 'order-confirmed');
  send(s, 'finance', 'price-approved');
  send(s, 'production', 'delivery-date-estimated', { promisedDate: '2031-04-01' });
  send(s, 'order-desk', 'confirmation-sent', { documentRef: 'OC-1' });
}

function intoProduction(s: OrderState) {
  throughConfirmationSent(s);
  send(s, 'order-desk', 'signed-confirmation-returned', { documentRef: 'OC-1s' });
  send(s, 'finance', 'production-notice-issued', { noticeRef: 'PN-1' });
}

describe('printable documents: which an order has', () => {
  it('Given a standard order at intake, then it has only its money documents; the others say when they come', () => {
    const s = newOrder('standard');
    assert.deepEqual(kindsOf(s), ['balance-due-notice', 'statement']);
    const outbound = availabilityOf('outbound-notice', snapshotOf(s, clock));
    assert.deepEqual(outbound, {
      has: false,
      why: 'not-yet',
      detail: {
        zh: '出库通知单入库之后才有；订单现在处于「接单」阶段',
        en: 'the outbound notice comes once the goods are put away; the order is at intake',
      },
    });
    assert.equal((availabilityOf('intent-letter', snapshotOf(s, clock)) as { why: string }).why, 'never');
  });

  it('Given the confirmation sent, then the order confirmation waits for the customer’s signature (待签) until it comes back', () => {
    const s = newOrder('standard');
    throughConfirmationSent(s);
    assert.deepEqual(availabilityOf('order-confirmation', snapshotOf(s, clock)), { has: true, awaitsSignature: true });
    send(s, 'order-desk', 'signed-confirmation-returned', { documentRef: 'OC-1s' });
    assert.deepEqual(availabilityOf('order-confirmation', snapshotOf(s, clock)), { has: true, awaitsSignature: false });
  });

  it('Given the goods made, then the outbound notice comes once they are put away, and the shipping notice and arrival receipt once shipped', () => {
    const s = newOrder('standard');
    intoProduction(s);
    send(s, 'technical', 'technical-order-issued', { orderRef: 'TO-1' });
    send(s, 'qc', 'qc-passed', { reportRef: 'QC-1' });
    assert.equal(kindsOf(s).includes('outbound-notice'), false);
    send(s, 'warehouse', 'stocked', { location: 'A-1' });
    assert.deepEqual(kindsOf(s), ['order-confirmation', 'production-notice', 'outbound-notice', 'balance-due-notice', 'statement']);
    send(s, 'order-desk', 'shipping-requested', { requestRef: 'SR-1' });
    send(s, 'warehouse', 'shipped', { carrier: '顺丰', trackingRef: 'SF1' });
    const receipt = documentsOf(snapshotOf(s, clock)).find((d) => d.kind === 'arrival-receipt');
    assert.deepEqual(receipt, {
      kind: 'arrival-receipt',
      title: { zh: '到货回单', en: 'Arrival receipt' },
      version: 1,
      awaitsSignature: true,
    });
    assert.ok(kindsOf(s).includes('shipping-notice'));
  });

  it('Given a store order, then its intent letter is there from the store visit, waiting for the customer; a standard order never has one', () => {
    const s = newOrder('store', { store: { id: 'S-1', name: '滨江店', region: '浙江' } });
    assert.deepEqual(availabilityOf('intent-letter', snapshotOf(s, clock)), { has: true, awaitsSignature: true });
    assert.deepEqual((availabilityOf('shipping-notice', snapshotOf(s, clock)) as { detail: unknown }).detail, {
      zh: '门店订单没有发货通知单',
      en: 'a store order has no shipping notice',
    });
  });

  it('Given a cancelled order, then it keeps only its money documents', () => {
    const s = newOrder('standard');
    throughConfirmationSent(s);
    send(s, 'order-desk', 'cancelled', { reason: '客户取消' });
    const kinds = kindsOf(s);
    assert.equal(kinds.includes('order-confirmation'), false);
    assert.ok(kinds.includes('statement'));
  });
});

describe('printable documents: what each says', () => {
  it('Given an order, then each document has the letterhead, its fields, its lines in ¥ with two decimals, and dates in the company time zone', () => {
    const s = newOrder('standard');
    throughConfirmationSent(s);
    const doc = documentOf('order-confirmation', source(s));
    assert.deepEqual(doc.letterhead, settings.letterhead);
    assert.equal(valueOf(doc, 'orderNumber'), 'DOC-standard');
    assert.equal(valueOf(doc, 'customer'), '宁波明灯照明 (C-1)');
    assert.equal(valueOf(doc, 'orderDate'), '2031-03-02');
    assert.equal(valueOf(doc, 'promisedDate'), '2031-04-01');
    assert.equal(valueOf(doc, 'version'), 'v1');
    assert.equal(valueOf(doc, 'delivery'), '一号路 1 号（吴女士 13800000000）');
    assert.equal(valueOf(doc, 'amount'), '¥3,205.00');
    // The confirmation was sent at the fourth event, an hour apart: 04:30 in Shanghai.
    // The event's data by its field's label in Chinese, as the API gave it in English.
    assert.equal(valueOf(doc, 'record'), '2031-03-02 04:30 order-desk-1: 单据编号：OC-1');
    assert.deepEqual(doc.fields.find((f) => f.key === 'record')?.value, {
      zh: '2031-03-02 04:30 order-desk-1: 单据编号：OC-1',
      en: '2031-03-02 04:30 order-desk-1: documentRef=OC-1',
    });
    assert.deepEqual(doc.tables[0]!.rows, [['1', 'LAMP-1', '吊灯', '10', '¥320.50', '¥3,205.00']]);
    assert.deepEqual(
      doc.signatures.map((box) => box.zh),
      ['客户签字/盖章', '公司盖章'],
    );
    assert.equal(doc.awaitsSignature, true);
  });

  it('Given an amendment confirmed, then every document shows the lines of the new version, and says which amendment made it', () => {
    const s = newOrder('standard');
    intoProduction(s);
    send(s, 'customer', 'change-requested', {
      description: '加两盏',
      lines: [{ productCode: 'LAMP-1', specification: '吊灯', quantity: 12 }],
    });
    send(s, 'production', 'change-assessed', {
      version: 1,
      feasible: true,
      lines: [{ productCode: 'LAMP-1', specification: '吊灯', quantity: 12, unitPrice: 32_050, priceBasis: 'price-list' }],
    });
    if (s.amendments[0]!.state === 'awaiting-price-approval') send(s, 'finance', 'change-price-approved', { version: 1 });
    send(s, 'customer', 'change-confirmed', { version: 1 });
    for (const kind of ['order-confirmation', 'production-notice', 'statement'] satisfies DocumentKind[]) {
      const doc = documentOf(kind, source(s));
      assert.equal(doc.version, 2, kind);
      assert.equal(valueOf(doc, 'version'), 'v2（变更 1）', kind);
      assert.deepEqual(doc.tables[0]!.rows[0], ['1', 'LAMP-1', '吊灯', '12', '¥320.50', '¥3,846.00'], kind);
      assert.equal(valueOf(doc, 'amount'), '¥3,846.00', kind);
    }
  });

  it('Given something owed, then the balance-due notice asks for it by the earliest due date, and the statement runs the balance', () => {
    const s = newOrder('standard');
    intoProduction(s);
    const notice = documentOf('balance-due-notice', source(s));
    assert.equal(valueOf(notice, 'balanceDue'), '¥3,205.00');
    assert.match(notice.text!.zh, /贵方尚欠货款 ¥3,205\.00/);
    const statement = documentOf('statement', source(s));
    assert.deepEqual(statement.tables[1]!.rows[0]!.slice(2, 5), ['¥3,205.00', '¥0.00', '¥3,205.00']);
    assert.equal(valueOf(statement, 'closingBalance'), '¥3,205.00');
  });

  it('Given a complaint, then its record names it, with the order, and waits for the customer only while the complaint does', () => {
    const s = newOrder('standard');
    const doc = complaintRecordOf(
      { number: 2, category: 'quality', description: '灯罩划痕', filedAt: '2031-03-01T16:10:00.000Z', stage: 'awaiting-confirmation' },
      null,
      source(s),
    );
    assert.equal(doc.kind, 'complaint-record');
    assert.equal(valueOf(doc, 'complaintNumber'), '2');
    assert.equal(valueOf(doc, 'filedAt'), '2031-03-02 00:10');
    assert.equal(valueOf(doc, 'complaintStage'), '待客户确认');
    assert.equal(doc.awaitsSignature, true);
  });

  it("Given a closed complaint, then its record gives the resolution in Chinese, English by choice, as the order's line had it", () => {
    const s = newOrder('standard');
    const complaint = {
      number: 1,
      category: 'quality',
      description: '灯罩划痕',
      filedAt: '2031-03-01T16:10:00.000Z',
      resolvedAt: '2031-03-04T02:00:00.000Z',
    };
    const closed = complaintRecordOf(
      { ...complaint, stage: 'closed', resolution: 'closed by the supervisor: replaced', resolutionZh: '主管结案：replaced' },
      null,
      source(s),
    );
    assert.equal(valueOf(closed, 'resolution'), '主管结案：replaced');
    assert.ok(documentHtml(closed, 'en').includes('<dd>closed by the supervisor: replaced</dd>'));
    // Closed on the order itself, as older orders were: the resolution as the person wrote it.
    assert.equal(valueOf(complaintRecordOf({ ...complaint, resolution: '换了灯罩' }, null, source(s)), 'resolution'), '换了灯罩');
  });
});

describe('printable documents: HTML and fonts', () => {
  it('Given a document, then its page carries each field in Chinese (English by choice), escaped, with print styles its CSP admits by hash', () => {
    const s = newOrder('standard', { customer: { id: 'C-1', name: 'Lamps <b>&</b> Co', class: 'A' } });
    const doc = documentOf('statement', source(s));
    const zh = documentHtml(doc, 'zh');
    assert.ok(zh.includes('<div data-field="customer"><dt>客户</dt><dd>Lamps &lt;b&gt;&amp;&lt;/b&gt; Co (C-1)</dd></div>'));
    assert.ok(zh.includes('<html lang="zh-CN">'));
    assert.ok(documentHtml(doc, 'en').includes('<div data-field="customer"><dt>Customer</dt>'));
    assert.match(documentStylesheet, /@page \{ size: A4;/);
    assert.match(documentStylesheet, /@media print/);
    const hash = crypto.createHash('sha256').update(documentStylesheet).digest('base64');
    assert.ok(documentContentSecurityPolicy.includes(`style-src 'sha256-${hash}'`));
    assert.ok(zh.includes(`<style>${documentStylesheet}</style>`));
    assert.equal(/<script/i.test(zh), false);
  });

  it('Given mixed Chinese and Latin text, then each run is set in a Noto Sans SC subset that has it, and the subset files are shipped', () => {
    const runs = runsOf('订单 SO-1 ¥5,000.00');
    assert.equal(runs.map(([, text]) => text).join(''), '订单 SO-1 ¥5,000.00');
    assert.equal(runs.find(([, text]) => text.includes('SO-1'))?.[0], 'latin');
    for (const [subset] of runs) assert.equal(fontFile(subset).subarray(0, 4).toString('latin1'), 'wOFF', subset);
  });
});
