import PDFDocument from 'pdfkit';
import type { Label } from '../../workflows/domain/labels';
import { fontFile, runsOf } from './fonts';
import type { DocumentLang } from './html';
import type { DocumentField, DocumentTable, PrintableDocument } from './model';

// A document as an A4 PDF, laid out as its HTML page is, in Noto Sans SC (fonts.ts): pdfkit embeds only the
// glyphs used, with their Unicode, so the text can be found and copied (pdftotext finds it).

type Pdf = PDFKit.PDFDocument;
type Align = 'left' | 'center' | 'right';

const margin = 42;
const grey = '#444444';

export function documentPdf(doc: PrintableDocument, lang: DocumentLang): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin,
    info: { Title: `${doc.title[lang]} ${doc.orderNumber}`, Author: doc.letterhead.name, Subject: `${doc.orderNumber} v${doc.version}` },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  layOut(new Writer(pdf), doc, lang);
  pdf.end();
  return done;
}

/** Writes text in the subsets of the font that have its characters, and keeps the place on the page. */
class Writer {
  readonly left = margin;
  readonly width: number;
  y = margin;
  private readonly registered = new Set<string>();

  constructor(readonly pdf: Pdf) {
    this.width = pdf.page.width - 2 * margin;
  }

  private use(subset: string) {
    if (!this.registered.has(subset)) {
      this.pdf.registerFont(subset, fontFile(subset));
      this.registered.add(subset);
    }
    return this.pdf.font(subset);
  }

  /** Text at (x, y) within `width`; left-set text wraps, centred or right-set text is one line. Returns its bottom. */
  text(
    text: string,
    x: number,
    y: number,
    width: number,
    size: number,
    { align = 'left', color = '#111111' }: { align?: Align; color?: string } = {},
  ) {
    const runs = runsOf(text === '' ? ' ' : text);
    this.pdf.fontSize(size).fillColor(color);
    if (align !== 'left') {
      const widths = runs.map(([subset, run]) => this.use(subset).widthOfString(run));
      let at = x + (width - widths.reduce((a, b) => a + b, 0)) / (align === 'center' ? 2 : 1);
      runs.forEach(([subset, run], i) => {
        this.use(subset).text(run, at, y, { lineBreak: false });
        at += widths[i]!;
      });
      return y + this.pdf.currentLineHeight(true);
    }
    runs.forEach(([subset, run], i) => {
      const options = { width, continued: i < runs.length - 1 };
      if (i === 0) this.use(subset).text(run, x, y, options);
      else this.use(subset).text(run, options);
    });
    return this.pdf.y;
  }

  /** Starts a new page unless `height` more fits on this one. */
  room(height: number) {
    if (this.y + height > this.pdf.page.height - margin) {
      this.pdf.addPage();
      this.y = margin;
    }
  }

  line(y: number, thickness = 0.5) {
    this.pdf
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(thickness)
      .strokeColor('#111111')
      .stroke();
  }
}

function layOut(w: Writer, doc: PrintableDocument, lang: DocumentLang) {
  const other: DocumentLang = lang === 'zh' ? 'en' : 'zh';
  const say = (label: Label) => label[lang];
  const { letterhead } = doc;
  const full = { left: w.left, width: w.width };
  w.y = w.text(lang === 'en' && letterhead.nameEn ? letterhead.nameEn : letterhead.name, full.left, w.y, full.width, 15, {
    align: 'center',
  });
  w.y = w.text(`${letterhead.address} · ${lang === 'zh' ? '电话' : 'Tel.'} ${letterhead.phone}`, full.left, w.y + 2, full.width, 9, {
    align: 'center',
  });
  w.line(w.y + 4, 1.5);
  w.y = w.text(say(doc.title), full.left, w.y + 14, full.width, 20, { align: 'center' });
  w.y = w.text(doc.title[other], full.left, w.y, full.width, 10, { align: 'center', color: grey });
  const awaits = doc.awaitsSignature ? ` · ${lang === 'zh' ? '待签' : 'awaiting signature'}` : '';
  w.y = w.text(
    `${lang === 'zh' ? '日期' : 'Date'} ${doc.date} · ${lang === 'zh' ? '版本' : 'Version'} v${doc.version}${awaits}`,
    full.left,
    w.y + 2,
    full.width,
    9,
    {
      align: 'center',
    },
  );
  w.y += 10;
  fields(w, doc.fields, lang, w.left, w.width);
  for (const table of doc.tables) tableOf(w, table, lang);
  w.y += 6;
  fields(w, doc.totals, lang, w.left + w.width / 2, w.width / 2);
  if (doc.text) {
    w.room(30);
    w.y = w.text(say(doc.text), w.left, w.y + 8, w.width, 10.5);
  }
  signatures(w, doc.signatures.map(say), lang);
}

function fields(w: Writer, list: DocumentField[], lang: DocumentLang, x: number, width: number) {
  const labelWidth = Math.min(110, width * 0.4);
  for (const f of list) {
    w.room(16);
    const value = typeof f.value === 'string' ? f.value : f.value[lang];
    const bottom = Math.max(
      w.text(f.label[lang], x, w.y, labelWidth - 6, 9.5, { color: grey }),
      w.text(value, x + labelWidth, w.y, width - labelWidth, 9.5),
    );
    w.pdf
      .moveTo(x, bottom + 1)
      .lineTo(x + width, bottom + 1)
      .lineWidth(0.3)
      .strokeColor('#999999')
      .stroke();
    w.y = bottom + 3;
  }
}

function tableOf(w: Writer, table: DocumentTable, lang: DocumentLang) {
  w.room(60);
  w.y = w.text(table.title[lang], w.left, w.y + 8, w.width, 11) + 2;
  // Each column as wide as its longest entry asks, within bounds, over the page's width.
  const weights = table.columns.map((c, i) => Math.min(40, Math.max(4, c[lang].length, ...table.rows.map((r) => r[i]!.length))));
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((weight) => (weight / total) * w.width);
  const row = (cells: string[], size: number) => {
    w.room(30);
    let x = w.left;
    const bottoms = cells.map((cell, i) => {
      const bottom = w.text(cell, x + 3, w.y + 3, widths[i]! - 6, size, { align: /^-?¥/.test(cell) ? 'right' : 'left' });
      x += widths[i]!;
      return bottom;
    });
    const height = Math.max(...bottoms) - w.y + 3;
    x = w.left;
    for (const width of widths) {
      w.pdf.rect(x, w.y, width, height).lineWidth(0.5).strokeColor('#555555').stroke();
      x += width;
    }
    w.y += height;
  };
  row(
    table.columns.map((c) => c[lang]),
    9,
  );
  for (const cells of table.rows) row(cells, 9);
}

function signatures(w: Writer, boxes: string[], lang: DocumentLang) {
  const height = 90;
  const gap = 16;
  w.room(height + 24);
  w.y += 24;
  const width = (w.width - gap * (boxes.length - 1)) / boxes.length;
  boxes.forEach((label, i) => {
    const x = w.left + i * (width + gap);
    w.pdf.rect(x, w.y, width, height).lineWidth(0.8).strokeColor('#555555').stroke();
    w.text(label, x + 6, w.y + 6, width - 12, 10);
    w.text(lang === 'zh' ? '日期：' : 'Date:', x + 6, w.y + height - 18, width - 12, 9.5, { color: grey });
  });
  w.y += height;
}
