import ExcelJS from 'exceljs';
import type { Cell, ColumnType, Report } from '../workflows/reports/types';
import { localDateTime } from '../workflows/domain/calendar';
import { yuan } from '../workflows/domain/money';

// A report as the people reading it open it: CSV (UTF-8 with a byte-order mark, so Excel shows the
// Chinese headers) and XLSX (one worksheet per table). Money is kept in fen in the data and shown as
// ¥ with two decimals; times are shown in the company's time zone.

/** `2027-02-10 17:30` in the company's zone. */
export const localTime = (at: string, timeZone: string): string => localDateTime(Date.parse(at), timeZone);

function display(value: Cell, type: ColumnType, timeZone: string): string {
  if (value === null || value === '') return '';
  if (type === 'fen') return yuan(Number(value));
  if (type === 'datetime') return localTime(String(value), timeZone);
  return String(value);
}

const csvField = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export function reportCsv(report: Report): string {
  const lines = [csvField(report.title), csvField(`时区 Time zone: ${report.timeZone}`)];
  for (const sheet of report.sheets) {
    lines.push('', csvField(sheet.title), sheet.columns.map((c) => csvField(c.title)).join(','));
    for (const row of sheet.rows)
      lines.push(sheet.columns.map((c) => csvField(display(row[c.key] ?? null, c.type, report.timeZone))).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const numberFormats: Partial<Record<ColumnType, string>> = { fen: '"¥"#,##0.00', percent: '0.0' };

/** Any sheets as XLSX: a report's, or the status board's. */
export async function reportXlsx(report: Pick<Report, 'createdAt' | 'timeZone' | 'sheets'>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'OrderFlow';
  workbook.created = new Date(report.createdAt);
  for (const sheet of report.sheets) {
    // Excel allows 31 characters and none of : \ / ? * [ ] in a sheet's name.
    const worksheet = workbook.addWorksheet(sheet.name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31));
    worksheet.addRow([sheet.title]).font = { bold: true };
    const header = worksheet.addRow(sheet.columns.map((c) => c.title));
    header.font = { bold: true };
    for (const row of sheet.rows) {
      worksheet.addRow(
        sheet.columns.map((c) => {
          const value = row[c.key] ?? null;
          if (value === null || value === '') return null;
          if (c.type === 'fen') return Number(value) / 100;
          if (c.type === 'datetime') return localTime(String(value), report.timeZone);
          return value;
        }),
      );
    }
    sheet.columns.forEach((c, i) => {
      const column = worksheet.getColumn(i + 1);
      column.width = Math.min(40, Math.max(12, c.title.length + 2));
      const format = numberFormats[c.type];
      if (format) column.numFmt = format;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
