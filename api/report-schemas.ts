import { z } from 'zod';
import { IsoDate } from '../workflows/domain/order';
import { reportKinds } from '../workflows/reports/types';

// The company's reports as the API lists and serves them (api/routes/reports.ts), with examples for
// the OpenAPI document.

const ReportKind = z
  .enum(reportKinds)
  .describe(
    'daily-tracking (生产进度跟踪表, 17:30), supervisor-daily (主管每日检查), weekly (周报, Monday morning), monthly (月度全面检查), ' +
      'group-sales-daily (团订业务经理每日工作记录, 08:30 on working days, for the working day before)',
  );
const Status = z.enum(['produced', 'skipped']).describe('skipped: the day was off in the company calendar (the reason says which)');

export const ReportListQuery = z
  .object({
    kind: ReportKind.optional(),
    status: Status.optional(),
    from: IsoDate.optional().describe('reports run on or after this company date'),
    to: IsoDate.optional().describe('reports run on or before this company date'),
    limit: z.coerce.number().int().min(1).max(1000).default(100).describe('rows per page'),
    offset: z.coerce.number().int().min(0).default(0).describe('rows to skip'),
  })
  .strict();

export const formats = {
  json: 'application/json',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type ReportFormat = keyof typeof formats;

export const ReportQuery = z
  .object({
    format: z
      .enum(Object.keys(formats) as [ReportFormat, ...ReportFormat[]])
      .optional()
      .describe('json, csv or xlsx; without it, the Accept header chooses (JSON when it names none of them)'),
  })
  .strict();

const Summary = z.record(z.string(), z.number().nullable()).describe('the headline figures: counts, money in fen, rates in %');

const summaryExample = {
  ordersCompleted: 12,
  piecesCompleted: 340,
  ordersInProduction: 31,
  piecesInProduction: 1210,
  ordersPlannedNextWeek: 9,
  piecesPlannedNextWeek: 260,
  ordersDue: 14,
  ordersDueCompleted: 11,
  completionRate: 78.6,
  exceptions: 4,
  ordersWithoutPieces: 0,
};

const ReportHeader = z.object({
  id: z.string().describe('<kind>-<company date>: one report per kind and day'),
  kind: ReportKind,
  runDate: IsoDate.describe('the company date it ran for'),
  periodFrom: IsoDate.describe('the first company date it covers'),
  periodTo: IsoDate.describe('the last company date it covers (included)'),
  status: Status,
  skipReason: z.string().nullable().describe('why it was skipped, e.g. a holiday in the company calendar; null when produced'),
  createdAt: z.iso.datetime().describe('when it was made'),
  summary: Summary,
});

export const ReportPage = z
  .object({
    total: z.int().describe('reports matching the filters'),
    reports: z
      .array(
        ReportHeader.extend({
          notifiedAt: z.iso.datetime().nullable().describe('when its notices left through the outbox'),
          noticeProblem: z.string().nullable().describe('why a notice could not be delivered'),
        }),
      )
      .describe('this page of them, the newest first: GET /reports/{id} for the tables'),
  })
  .meta({
    examples: [
      {
        total: 1,
        reports: [
          {
            id: 'weekly-2027-02-08',
            kind: 'weekly',
            runDate: '2027-02-08',
            periodFrom: '2027-02-01',
            periodTo: '2027-02-07',
            status: 'produced',
            skipReason: null,
            createdAt: '2027-02-08T00:30:00.000Z',
            summary: summaryExample,
            notifiedAt: '2027-02-08T00:30:02.000Z',
            noticeProblem: null,
          },
        ],
      },
    ],
  });

const Column = z.object({
  key: z.string().describe("the row objects' key for the column"),
  title: z.string().describe('中文 first, then English: the CSV and XLSX header'),
  type: z
    .enum(['text', 'int', 'fen', 'date', 'datetime', 'percent'])
    .describe('fen: money in fen (CSV/XLSX show ¥ with 2 decimals); datetime: ISO UTC (CSV/XLSX show company time)'),
});

export const Report = ReportHeader.extend({
  title: z.string().describe('中文 first, then English, with the period'),
  timeZone: z.string().describe("the company's time zone the days and the CSV/XLSX times are in"),
  sheets: z
    .array(
      z.object({
        name: z.string().describe('the XLSX worksheet'),
        title: z.string().describe("the table's heading, 中文 first, then English"),
        columns: z.array(Column).describe('the columns, in order'),
        rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))).describe('one object per row, by column key'),
      }),
    )
    .describe('the report’s tables: a worksheet each in XLSX, a block each in CSV'),
}).meta({
  examples: [
    {
      id: 'weekly-2027-02-08',
      kind: 'weekly',
      title: '周报 Weekly report 2027-02-01 – 2027-02-07',
      runDate: '2027-02-08',
      periodFrom: '2027-02-01',
      periodTo: '2027-02-07',
      status: 'produced',
      skipReason: null,
      createdAt: '2027-02-08T00:30:00.000Z',
      timeZone: 'Asia/Shanghai',
      summary: summaryExample,
      sheets: [
        {
          name: '完成 Completed',
          title: '本周完成 Completed 2027-02-01 – 2027-02-07',
          columns: [
            { key: 'orderNumber', title: '订单号 Order', type: 'text' },
            { key: 'pieces', title: '件数 Pieces', type: 'int' },
            { key: 'amount', title: '金额 Amount', type: 'fen' },
            { key: 'finishedAt', title: '完工 Finished', type: 'datetime' },
          ],
          rows: [{ orderNumber: 'SO-2001', pieces: 40, amount: 384000, finishedAt: '2027-02-03T07:00:00.000Z' }],
        },
      ],
    },
  ],
});
