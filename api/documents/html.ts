import crypto from 'node:crypto';
import type { Label } from '../../workflows/domain/labels';
import type { DocumentField, PrintableDocument } from './model';

// A document as one HTML page to print: A4, its own print styles (@page, @media print), no script, nothing
// loaded from elsewhere. Chinese first; English by `?lang=en` (the other language's title stays beside).

export type DocumentLang = 'zh' | 'en';

/** The page's only style, inline: the API's and the console's Content-Security-Policy admit it by its hash. */
export const documentStylesheet = `
@page { size: A4; margin: 15mm 14mm; }
* { box-sizing: border-box; }
body { margin: 0; color: #111; font: 10.5pt/1.5 "Noto Sans SC", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
.sheet { width: 210mm; min-height: 297mm; margin: 0 auto; padding: 15mm 14mm; background: #fff; }
.letterhead { text-align: center; border-bottom: 2px solid #111; padding-bottom: 4mm; }
.letterhead .company { font-size: 16pt; font-weight: 700; margin: 0; }
.letterhead p { margin: 0; }
h1 { text-align: center; font-size: 20pt; margin: 6mm 0 0; letter-spacing: 0.1em; }
h1 .other, h2 .other { display: block; font-size: 10pt; font-weight: 400; letter-spacing: 0; color: #444; }
.meta { text-align: center; margin: 1mm 0 5mm; }
.awaits { border: 1px solid #b00; color: #b00; padding: 0 2mm; }
.fields { display: grid; grid-template-columns: 1fr 1fr; gap: 1mm 8mm; margin: 0 0 4mm; }
.fields div { display: flex; gap: 3mm; border-bottom: 1px dotted #999; }
.fields dt { flex: none; width: 24mm; color: #444; }
.fields dd { margin: 0; }
h2 { font-size: 11pt; margin: 4mm 0 1mm; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 1px solid #555; padding: 1mm 2mm; text-align: left; vertical-align: top; }
th { background: #eee; }
td.money, th.money { text-align: right; white-space: nowrap; }
.totals { margin: 3mm 0 0 auto; width: 80mm; }
.totals div { display: flex; justify-content: space-between; border-bottom: 1px solid #ccc; }
.totals dd { margin: 0; font-weight: 700; }
.text { margin: 5mm 0; }
.signatures { display: flex; gap: 6mm; margin-top: 10mm; break-inside: avoid; }
.signatures .box { flex: 1; height: 38mm; border: 1px solid #555; padding: 2mm; display: flex; flex-direction: column; justify-content: space-between; }
.signatures .box p { margin: 0; }
.screen-only { color: #666; font-size: 9pt; text-align: center; }
@media screen {
  body { background: #ccc; padding: 8mm 0; }
  .sheet { box-shadow: 0 1mm 4mm rgba(0, 0, 0, 0.3); }
}
@media print {
  body { background: #fff; }
  .sheet { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
  .screen-only { display: none; }
  tr, .fields div { break-inside: avoid; }
}
`;

/** The CSP source that admits the page's style (and nothing else inline). */
export const documentStyleSource = `'sha256-${crypto.createHash('sha256').update(documentStylesheet).digest('base64')}'`;

/** The page's own Content-Security-Policy: its one style, no script, nothing fetched. */
export const documentContentSecurityPolicy = `default-src 'none'; style-src ${documentStyleSource}; base-uri 'none'; form-action 'none'`;

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The column values in ¥ are set right, as amounts are. */
const isMoney = (value: string) => /^-?¥/.test(value);

export function documentHtml(doc: PrintableDocument, lang: DocumentLang): string {
  const other: DocumentLang = lang === 'zh' ? 'en' : 'zh';
  const say = (label: Label) => escape(label[lang]);
  const value = (v: DocumentField['value']) => escape(typeof v === 'string' ? v : v[lang]);
  const fields = (list: DocumentField[], cls: string) =>
    `<dl class="${cls}">${list.map((f) => `<div data-field="${escape(f.key)}"><dt>${say(f.label)}</dt><dd>${value(f.value)}</dd></div>`).join('')}</dl>`;
  const { letterhead } = doc;
  const company = lang === 'en' && letterhead.nameEn ? letterhead.nameEn : letterhead.name;
  const tables = doc.tables.map(
    (t) =>
      `<section data-table="${escape(t.key)}"><h2>${say(t.title)}</h2><table><thead><tr>${t.columns.map((c) => `<th>${say(c)}</th>`).join('')}</tr></thead>` +
      `<tbody>${t.rows.map((row) => `<tr>${row.map((cell) => `<td${isMoney(cell) ? ' class="money"' : ''}>${escape(cell)}</td>`).join('')}</tr>`).join('')}</tbody></table></section>`,
  );
  const awaits = doc.awaitsSignature ? ` · <strong class="awaits">${lang === 'zh' ? '待签' : 'awaiting signature'}</strong>` : '';
  return [
    '<!doctype html>',
    `<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">`,
    `<head><meta charset="utf-8"><title>${say(doc.title)} ${escape(doc.orderNumber)}</title><style>${documentStylesheet}</style></head>`,
    `<body><main class="sheet" data-kind="${doc.kind}">`,
    `<header class="letterhead"><p class="company">${escape(company)}</p><p>${escape(letterhead.address)} · ${lang === 'zh' ? '电话' : 'Tel.'} ${escape(letterhead.phone)}</p></header>`,
    `<h1>${say(doc.title)}<span class="other" lang="${other === 'zh' ? 'zh-CN' : 'en'}">${escape(doc.title[other])}</span></h1>`,
    `<p class="meta">${lang === 'zh' ? '日期' : 'Date'} ${doc.date} · ${lang === 'zh' ? '版本' : 'Version'} v${doc.version}${awaits}</p>`,
    fields(doc.fields, 'fields'),
    ...tables,
    fields(doc.totals, 'totals'),
    doc.text ? `<p class="text">${say(doc.text)}</p>` : '',
    `<section class="signatures">${doc.signatures
      .map((s) => `<div class="box"><p>${say(s)}</p><p>${lang === 'zh' ? '日期：' : 'Date:'}</p></div>`)
      .join('')}</section>`,
    `<p class="screen-only">${lang === 'zh' ? '打印：Ctrl+P（A4）' : 'Print: Ctrl+P (A4)'}</p>`,
    '</main></body></html>',
  ].join('\n');
}
