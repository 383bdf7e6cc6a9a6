import type { Kysely } from 'kysely';
import { addCalendarDays, dateAt, daysAfter, startOfDate, type CompanyCalendar } from '../workflows/domain/calendar';
import { durationMs } from '../workflows/domain/duration';
import type { Cell, Report, ReportColumn, ReportKind, ReportSettings, ReportSheet } from '../workflows/reports/types';
import { previousWorkingDay } from '../workflows/domain/sales-pipeline';
import { groupSalesDaily } from './sales-summary';
import type { Channel } from '../workflows/domain/order';
import type { Database, OrdersTable, TimelineTable } from './schema';

// The company's reports, compiled from the read model (domain.md §6): the daily production tracking
// (生产进度跟踪表), the supervisor's daily check (主管每日检查), the weekly report (周报) and the monthly
// full check (月度全面检查). Each is a set of tables (sheets) with typed columns, so one report is the
// same in JSON, CSV and XLSX. Days are company dates; money is fen; times are ISO UTC in the data and
// company time in the CSV and XLSX.

export const reportTitles: Record<ReportKind, string> = {
  'daily-tracking': '生产进度跟踪表 Daily production tracking',
  'supervisor-daily': '主管每日检查 Supervisor’s daily check',
  weekly: '周报 Weekly report',
  monthly: '月度全面检查 Monthly full check',
  'group-sales-daily': '团订业务经理每日工作记录 Group sales daily activity',
  // group order channel (团订, 003)
  'group-weekly': '团订周报 Group orders weekly report',
};

/** A report's identity: one per kind and company date, so a run repeated for the same day replaces it. */
export const reportId = (kind: ReportKind, runDate: string) => `${kind}-${runDate}`;

/**
 * The period a report run on `runDate` covers: the day, the week before a Monday, the month before the 1st; the group
 * sales summary, the working day before the morning it runs.
 */
export function reportPeriod(kind: ReportKind, runDate: string, calendar: CompanyCalendar): { from: string; to: string } {
  if (kind === 'group-sales-daily') {
    const day = previousWorkingDay(runDate, calendar);
    return { from: day, to: day };
  }
  if (kind === 'weekly' || kind === 'group-weekly') return { from: addCalendarDays(runDate, -7), to: addCalendarDays(runDate, -1) };
  if (kind === 'monthly') {
    const to = addCalendarDays(runDate, -1);
    return { from: `${to.slice(0, 7)}-01`, to };
  }
  return { from: runDate, to: runDate };
}

/** A run on a day the calendar has off: stored as skipped, with why, so the list shows the day was not forgotten. */
export function skippedReport(kind: ReportKind, runDate: string, at: string, calendar: CompanyCalendar, reason: string): Report {
  const { from, to } = reportPeriod(kind, runDate, calendar);
  return {
    ...heading(kind, runDate, from, to, at, calendar),
    status: 'skipped',
    skipReason: reason,
    summary: {},
    sheets: [{ name: '说明 Note', title: reportTitles[kind], columns: [col('reason', '跳过原因 Skipped because')], rows: [{ reason }] }],
  };
}

export async function compileReport(
  db: Kysely<Database>,
  kind: ReportKind,
  runDate: string,
  at: string,
  settings: ReportSettings,
): Promise<Report> {
  const { from, to } = reportPeriod(kind, runDate, settings.calendar);
  const context = { db, settings, from, to, at, runDate };
  const body =
    kind === 'daily-tracking'
      ? await dailyTracking(context)
      : kind === 'weekly' || kind === 'group-weekly'
        ? await weekly(context, kind === 'group-weekly' ? 'group' : undefined)
        : kind === 'group-sales-daily'
          ? await groupSalesDaily(db, to, runDate, settings)
          : await supervision(context, kind === 'monthly');
  return { ...heading(kind, runDate, from, to, at, settings.calendar), status: 'produced', skipReason: null, ...body };
}

function heading(kind: ReportKind, runDate: string, from: string, to: string, at: string, calendar: CompanyCalendar) {
  const period = from === to ? from : `${from} – ${to}`;
  return {
    id: reportId(kind, runDate),
    kind,
    title: `${reportTitles[kind]} ${period}`,
    runDate,
    periodFrom: from,
    periodTo: to,
    createdAt: at,
    timeZone: calendar.timeZone,
  };
}

interface Context {
  db: Kysely<Database>;
  settings: ReportSettings;
  from: string;
  to: string;
  /** When the report runs (ISO): "now" for every check. */
  at: string;
  runDate: string;
}

const col = (key: string, title: string, type: ReportColumn['type'] = 'text'): ReportColumn => ({ key, title, type });

const orderColumns = [
  col('orderNumber', '订单号 Order'),
  col('customer', '客户 Customer'),
  col('owner', '负责人 Owner (sales rep)'),
  col('promisedDate', '交期 Promised date', 'date'),
];
const orderCells = (o: OrdersTable): Record<string, Cell> => ({
  orderNumber: o.order_number,
  customer: o.customer_name,
  owner: o.sales_rep_name ?? o.sales_rep_id,
  promisedDate: o.promised_date,
});

/** Company dates from..to (both included) as ISO instants [since, until). */
function instants(from: string, to: string, calendar: CompanyCalendar) {
  return {
    since: new Date(startOfDate(from, calendar.timeZone)).toISOString(),
    until: new Date(startOfDate(addCalendarDays(to, 1), calendar.timeZone)).toISOString(),
  };
}

/** The timeline's events of the given types for these orders, by order, in order. */
async function eventsOf(db: Kysely<Database>, orderNumbers: string[], types: readonly string[]) {
  const byOrder = new Map<string, TimelineTable[]>();
  // A bounded IN list: SQLite takes at most 32,766 parameters in one statement.
  for (let i = 0; i < orderNumbers.length; i += 1000) {
    const rows = await db
      .selectFrom('order_timeline')
      .selectAll()
      .where('order_number', 'in', orderNumbers.slice(i, i + 1000))
      .where('kind', '=', 'event')
      .where('type', 'in', [...types])
      .orderBy('order_number')
      .orderBy('seq')
      .execute();
    for (const row of rows) byOrder.set(row.order_number, [...(byOrder.get(row.order_number) ?? []), row]);
  }
  return byOrder;
}

const lastOf = (events: TimelineTable[] | undefined, ...types: string[]) => events?.filter((e) => types.includes(e.type)).at(-1);
const percentDone = (entry: TimelineTable | undefined) => Number(/percentDone=(\d+)/.exec(entry?.detail ?? '')?.[1] ?? NaN);

// --- the daily production tracking (17:30) ---

/** The tracking sheet's checkpoints: the first entry of each, from the order's timeline. */
const checkpoints = [
  ['measured', '测量/图纸确认 Measured (drawings confirmed)', ['drawing-confirmed']],
  ['materials', '物料确认 Materials', ['materials-confirmed']],
  ['productionNotice', '生产通知 Production notice', ['production-notice-issued']],
  ['technicalOrder', '技术下单 Technical order', ['technical-order-issued']],
  ['qc', '质检 QC passed', ['qc-passed']],
  ['putAway', '入库 Put away', ['stocked']],
  ['shipped', '发货 Shipped', ['shipped']],
  ['delivered', '签收 Delivered', ['signed-for']],
] as const;
const trackedTypes = [...checkpoints.flatMap(([, , types]) => types), 'progress-reported'];

async function dailyTracking({ db, settings, runDate }: Context) {
  const { calendar } = settings;
  // On the sheet from the production notice until delivered: in production, awaiting shipment, shipped.
  const orders = await db
    .selectFrom('orders')
    .selectAll()
    .where('open', '=', 1)
    .where('status', 'in', ['in-production', 'awaiting-shipment', 'shipped'])
    .orderBy('promised_date')
    .orderBy('order_number')
    .execute();
  const events = await eventsOf(
    db,
    orders.map((o) => o.order_number),
    trackedTypes,
  );
  const rows = orders.map((o) => {
    const mine = events.get(o.order_number);
    const cells: Record<string, Cell> = { ...orderCells(o), status: o.status, stage: o.stage };
    for (const [key, , types] of checkpoints) cells[key] = mine?.find((e) => (types as readonly string[]).includes(e.type))?.at ?? null;
    const progress = lastOf(mine, 'progress-reported');
    cells.lastProgress = progress?.at ?? null;
    cells.percentDone = Number.isNaN(percentDone(progress)) ? null : percentDone(progress);
    // In production, every order reports its progress each working day by 17:30 (the tracking table).
    const missing: string[] = [];
    if (o.status === 'in-production') {
      if (!cells.productionNotice) missing.push('生产通知 production notice');
      if (!progress || dateAt(Date.parse(progress.at), calendar.timeZone) !== runDate) missing.push('今日进度 today’s progress');
    }
    cells.missing = missing.join('; ');
    return cells;
  });
  const missingRows = rows.filter((r) => r.missing !== '');
  const sheet: ReportSheet = {
    name: '跟踪 Tracking',
    title: `生产进度跟踪表 Daily production tracking ${runDate}`,
    columns: [
      ...orderColumns,
      col('status', '状态 Status'),
      col('stage', '阶段 Stage'),
      ...checkpoints.slice(0, 4).map(([key, title]) => col(key, title, 'datetime')),
      col('lastProgress', '最近进度 Last progress', 'datetime'),
      col('percentDone', '完成% Done %', 'percent'),
      ...checkpoints.slice(4).map(([key, title]) => col(key, title, 'datetime')),
      col('missing', '缺项 Missing entries'),
    ],
    rows,
  };
  return { summary: { orders: rows.length, ordersWithMissingEntries: missingRows.length }, sheets: [sheet] };
}

// --- the supervisor's checks (daily; monthly in full) ---

export const findingKinds = {
  'incomplete-data': '资料不全 Incomplete data',
  'progress-not-updated': '进度未及时更新 Progress not updated in time',
  'delay-not-told': '延期未告知 Delay not told',
  'shipping-mismatch': '发货状态与记录不符 Shipping status disagrees with the record',
} as const;
type FindingKind = keyof typeof findingKinds;

interface Finding {
  order: OrdersTable;
  kind: FindingKind;
  detail: string;
  since: string | null;
}

/** Stages before the delivery estimate: an order there has no promised date yet, rightly. */
const beforeEstimate = new Set(['intake', 'technical-review', 'drawings', 'price-review', 'supervisor-approval', 'delivery-estimate']);
const notYetShipped = new Set(['pending-confirmation', 'in-production', 'awaiting-shipment']);
const checkedTypes = [
  'progress-reported',
  'production-notice-issued',
  'delay-reported',
  'customer-told-of-delay',
  'stocked',
  'shipped',
  'signed-for',
];

/**
 * The four checks, each from what the read model holds:
 * - incomplete data: an order taken in the period for a customer without a customer file; or a standard order past the
 *   delivery estimate without a promised date;
 * - progress not updated in time: in production (after the production notice) with no progress entry for `progressStaleAfter`;
 * - delay not told: a delay reported and not told to the customer within `delayToldWithin` (still untold, or told late within the
 *   period); or the promised date has passed, the goods are not finished, and no delay was reported since the date was set;
 * - shipping status disagrees with the record: a shipment recorded while the status says not yet shipped; shipped or completed
 *   without a shipment recorded (standard channel); shipped without being put away (standard channel); signed for but not completed.
 */
async function findingsOf({ db, settings, from, to, at }: Context, orders: OrdersTable[]): Promise<Finding[]> {
  const { calendar, reports } = settings;
  const now = Date.parse(at);
  const today = dateAt(now, calendar.timeZone);
  const { since, until } = instants(from, to, calendar);
  const numbers = orders.map((o) => o.order_number);
  const events = await eventsOf(db, numbers, checkedTypes);
  const filed = new Set<string>();
  const customerIds = [...new Set(orders.map((o) => o.customer_id))];
  for (let i = 0; i < customerIds.length; i += 1000) {
    const rows = await db
      .selectFrom('customers')
      .select('id')
      .where('id', 'in', customerIds.slice(i, i + 1000))
      .execute();
    for (const { id } of rows) filed.add(id);
  }
  const findings: Finding[] = [];
  const stale = durationMs(reports.progressStaleAfter);
  const within = durationMs(reports.delayToldWithin);
  for (const o of orders) {
    const mine = events.get(o.order_number) ?? [];
    const add = (kind: FindingKind, detail: string, since: string | null = null) => findings.push({ order: o, kind, detail, since });
    const open = o.open === 1;

    // Taken in the period without a customer file: told once, the day it was taken (or in its month), not every day after.
    if (!filed.has(o.customer_id) && o.received_at >= since && o.received_at < until)
      add('incomplete-data', `客户 ${o.customer_id} 无客户档案 no customer file`);
    if (o.channel === 'standard' && o.status !== 'cancelled' && !beforeEstimate.has(o.stage) && o.promised_date === null)
      add('incomplete-data', '无交期 no promised date after the delivery estimate');

    if (open && o.status === 'in-production' && o.stage === 'production') {
      const last = lastOf(mine, 'progress-reported', 'production-notice-issued');
      if (last && now - Date.parse(last.at) > stale)
        add('progress-not-updated', `最近进度 last progress ${reports.progressStaleAfter}+ ago`, last.at);
    }

    // Each told-of-delay tells every delay reported before it (as the order itself counts them).
    let untold: TimelineTable[] = [];
    for (const e of mine) {
      if (e.type === 'delay-reported') untold.push(e);
      if (e.type !== 'customer-told-of-delay') continue;
      for (const d of untold)
        if (Date.parse(e.at) - Date.parse(d.at) > within && e.at >= since && e.at < until)
          add('delay-not-told', `延期告知超时 told ${e.at} after the delay reported`, d.at);
      untold = [];
    }
    for (const d of untold) if (now - Date.parse(d.at) > within) add('delay-not-told', `延期未告知客户 delay not told: ${d.detail}`, d.at);
    if (open && o.finished_at === null && o.promised_date !== null && o.promised_date < today && untold.length === 0) {
      const lastDelay = lastOf(mine, 'delay-reported');
      // A delay reported moves the promised date: one reported before the date passed covers it.
      if (!lastDelay)
        add(
          'delay-not-told',
          `已逾期 ${daysAfter(o.promised_date, today, 'working', calendar)} 个工作日, 未报延期 late, no delay reported`,
        );
    }

    if (o.status === 'cancelled') continue;
    const shipped = lastOf(mine, 'shipped');
    if (shipped && notYetShipped.has(o.status)) add('shipping-mismatch', `已记录发货 shipment recorded, status ${o.status}`, shipped.at);
    if (o.channel === 'standard') {
      if (!shipped && ['shipped', 'completed'].includes(o.status))
        add('shipping-mismatch', `状态 ${o.status}, 无发货记录 no shipment recorded`);
      if (shipped && !mine.some((e) => e.type === 'stocked' && e.seq < shipped.seq))
        add('shipping-mismatch', '未入库即发货 shipped without being put away', shipped.at);
    }
    const signed = lastOf(mine, 'signed-for');
    if (signed && o.status === 'shipped') add('shipping-mismatch', '已签收, 状态仍为已发货 signed for, still shown shipped', signed.at);
  }
  return findings;
}

const findingSheet = (title: string, findings: Finding[]): ReportSheet => ({
  name: '检查 Findings',
  title,
  columns: [
    col('check', '检查项 Check'),
    col('orderNumber', '订单号 Order'),
    col('owner', '负责人 Owner (sales rep)'),
    col('ownerId', '负责人编号 Owner id'),
    col('customer', '客户 Customer'),
    col('detail', '说明 Detail'),
    col('since', '起始 Since', 'datetime'),
  ],
  rows: findings.map((f) => ({
    check: findingKinds[f.kind],
    orderNumber: f.order.order_number,
    owner: f.order.sales_rep_name ?? f.order.sales_rep_id,
    ownerId: f.order.sales_rep_id,
    customer: f.order.customer_name,
    detail: f.detail,
    since: f.since,
  })),
});

const countByKind = (findings: Finding[]) =>
  Object.fromEntries(Object.keys(findingKinds).map((kind) => [kind, findings.filter((f) => f.kind === kind).length]));

async function supervision(context: Context, fullMonth: boolean) {
  const { db, settings, from, to } = context;
  const { since, until } = instants(from, to, settings.calendar);
  // Daily: every open order. Monthly: those, and every order received or finished in the month.
  let q = db.selectFrom('orders').selectAll();
  q = fullMonth
    ? q.where((eb) =>
        eb.or([
          eb('open', '=', 1),
          eb.and([eb('received_at', '>=', since), eb('received_at', '<', until)]),
          eb.and([eb('finished_at', '>=', since), eb('finished_at', '<', until)]),
        ]),
      )
    : q.where('open', '=', 1);
  const orders = await q.orderBy('order_number').execute();
  const findings = await findingsOf(context, orders);
  const title = fullMonth ? `月度全面检查 Monthly full check ${from} – ${to}` : `主管每日检查 Supervisor’s daily check ${to}`;
  const summary: Record<string, number | null> = { ordersChecked: orders.length, findings: findings.length, ...countByKind(findings) };
  if (!fullMonth) return { summary, sheets: [findingSheet(title, findings)] };

  const inMonth = (value: string | null) => value !== null && value >= since && value < until;
  const received = orders.filter((o) => inMonth(o.received_at));
  const finished = orders.filter((o) => inMonth(o.finished_at));
  const late = finished.filter((o) => (o.days_late ?? 0) > 0);
  const { complaints } = await db
    .selectFrom('order_complaints')
    .where('filed_at', '>=', since)
    .where('filed_at', '<', until)
    .select((eb) => eb.fn.countAll<number>().as('complaints'))
    .executeTakeFirstOrThrow();
  Object.assign(summary, {
    ordersReceived: received.length,
    amountReceived: received.reduce((sum, o) => sum + o.amount, 0),
    ordersFinished: finished.length,
    ordersFinishedLate: late.length,
    averageDaysLate: late.length === 0 ? null : Math.round((10 * late.reduce((sum, o) => sum + o.days_late!, 0)) / late.length) / 10,
    complaintsFiled: Number(complaints),
  });
  const totals: ReportSheet = {
    name: '合计 Totals',
    title: `月度合计 Totals ${from} – ${to}`,
    columns: [col('figure', '项目 Figure'), col('value', '数值 Value', 'int'), col('amount', '金额 Amount', 'fen')],
    rows: [
      { figure: '接单 Orders received', value: received.length, amount: summary.amountReceived },
      { figure: '完工 Orders finished', value: finished.length, amount: finished.reduce((sum, o) => sum + o.amount, 0) },
      { figure: '逾期完工 Finished late', value: late.length, amount: null },
      { figure: '投诉 Complaints filed', value: Number(complaints), amount: null },
      ...Object.entries(findingKinds).map(([kind, label]) => ({ figure: label, value: summary[kind], amount: null })),
    ],
  };
  return { summary, sheets: [totals, findingSheet(title, findings)] };
}

// --- the weekly report (Monday morning) ---

/** The weekly report over every order, or one channel's (the group orders' for the group-sales manager). */
async function weekly({ db, settings, from, to, runDate }: Context, channel?: Channel) {
  const { calendar } = settings;
  const title = reportTitles[channel === 'group' ? 'group-weekly' : 'weekly'];
  const { since, until } = instants(from, to, calendar);
  const pieces = (orders: OrdersTable[]) => orders.reduce((sum, o) => sum + (o.pieces ?? 0), 0);
  const unknownPieces = (orders: OrdersTable[]) => new Set(orders.filter((o) => o.pieces === null).map((o) => o.order_number)).size;

  const completed = await db
    .selectFrom('orders')
    .selectAll()
    .$if(channel !== undefined, (q) => q.where('channel', '=', channel!))
    .where('finished_at', '>=', since)
    .where('finished_at', '<', until)
    .orderBy('finished_at')
    .execute();
  const inProduction = await db
    .selectFrom('orders')
    .selectAll()
    .$if(channel !== undefined, (q) => q.where('channel', '=', channel!))
    .where('open', '=', 1)
    .where('status', '=', 'in-production')
    .execute();
  // Next week's plan: the open orders promised in the week that starts on the report's day.
  const planTo = addCalendarDays(runDate, 6);
  const plan = await db
    .selectFrom('orders')
    .selectAll()
    .$if(channel !== undefined, (q) => q.where('channel', '=', channel!))
    .where('open', '=', 1)
    .where('finished_at', 'is', null)
    .where('promised_date', '>=', runDate)
    .where('promised_date', '<=', planTo)
    .orderBy('promised_date')
    .orderBy('order_number')
    .execute();
  // Completion rate: of the orders promised in the week (not cancelled), those finished by the end of the week.
  const due = await db
    .selectFrom('orders')
    .select(['order_number', 'finished_at'])
    .$if(channel !== undefined, (q) => q.where('channel', '=', channel!))
    .where('promised_date', '>=', from)
    .where('promised_date', '<=', to)
    .where('status', '!=', 'cancelled')
    .execute();
  const dueDone = due.filter((o) => o.finished_at !== null && o.finished_at < until).length;

  // Exceptions: late orders, delays reported and QC failures in the week, complaints filed in it.
  const today = runDate;
  const late = await db
    .selectFrom('orders')
    .selectAll()
    .$if(channel !== undefined, (q) => q.where('channel', '=', channel!))
    .where('open', '=', 1)
    .where('finished_at', 'is', null)
    .where('promised_date', '<', today)
    .orderBy('promised_date')
    .execute();
  const incidents = await db
    .selectFrom('order_timeline')
    .innerJoin('orders', 'orders.order_number', 'order_timeline.order_number')
    .select([
      'order_timeline.order_number',
      'order_timeline.type',
      'order_timeline.at',
      'order_timeline.detail',
      'orders.sales_rep_id',
      'orders.sales_rep_name',
    ])
    .$if(channel !== undefined, (q) => q.where('orders.channel', '=', channel!))
    .where('order_timeline.kind', '=', 'event')
    .where('order_timeline.type', 'in', ['delay-reported', 'qc-failed', 'complaint-filed', 'production-exception-reported'])
    .where('order_timeline.at', '>=', since)
    .where('order_timeline.at', '<', until)
    .orderBy('order_timeline.at')
    .execute();
  const exceptionLabels: Record<string, string> = {
    late: '逾期 Late',
    'delay-reported': '延期 Delay reported',
    'qc-failed': '质检不合格 QC failed',
    'complaint-filed': '投诉 Complaint',
    'production-exception-reported': '生产异常 Production exception',
  };
  const exceptions = [
    ...late.map((o) => ({
      exception: exceptionLabels.late,
      orderNumber: o.order_number,
      owner: o.sales_rep_name ?? o.sales_rep_id,
      at: null,
      detail: `交期 ${o.promised_date}, 逾期 ${daysAfter(o.promised_date!, today, 'working', calendar)} 个工作日 working days late`,
    })),
    ...incidents.map((e) => ({
      exception: exceptionLabels[e.type],
      orderNumber: e.order_number,
      owner: e.sales_rep_name ?? e.sales_rep_id,
      at: e.at,
      detail: e.detail,
    })),
  ];

  const summary = {
    ordersCompleted: completed.length,
    piecesCompleted: pieces(completed),
    ordersInProduction: inProduction.length,
    piecesInProduction: pieces(inProduction),
    ordersPlannedNextWeek: plan.length,
    piecesPlannedNextWeek: pieces(plan),
    ordersDue: due.length,
    ordersDueCompleted: dueDone,
    completionRate: due.length === 0 ? null : Math.round((1000 * dueDone) / due.length) / 10,
    exceptions: exceptions.length,
    // Orders whose read-model row does not (yet) carry its pieces: counted as orders, not as pieces.
    ordersWithoutPieces: unknownPieces([...completed, ...inProduction, ...plan]),
  };
  const orderSheet = (
    name: string,
    title: string,
    orders: OrdersTable[],
    extra: ReportColumn[],
    cells: (o: OrdersTable) => Record<string, Cell>,
  ) => ({
    name,
    title,
    columns: [...orderColumns, col('pieces', '件数 Pieces', 'int'), col('amount', '金额 Amount', 'fen'), ...extra],
    rows: orders.map((o) => ({ ...orderCells(o), pieces: o.pieces, amount: o.amount, ...cells(o) })),
  });
  const sheets: ReportSheet[] = [
    {
      name: '汇总 Summary',
      title: `${title} ${from} – ${to}`,
      columns: [col('figure', '项目 Figure'), col('value', '数值 Value', 'int')],
      rows: [
        { figure: '完成订单 Orders completed', value: summary.ordersCompleted },
        { figure: '完成件数 Pieces completed', value: summary.piecesCompleted },
        { figure: '在产订单 Orders in production', value: summary.ordersInProduction },
        { figure: '在产件数 Pieces in production', value: summary.piecesInProduction },
        { figure: `下周计划订单 Orders planned ${runDate} – ${planTo}`, value: summary.ordersPlannedNextWeek },
        { figure: '下周计划件数 Pieces planned', value: summary.piecesPlannedNextWeek },
        { figure: '本周到期订单 Orders due this week', value: summary.ordersDue },
        { figure: '按期完成 Of those completed', value: summary.ordersDueCompleted },
        { figure: '完成率% Completion rate %', value: summary.completionRate },
        { figure: '异常 Exceptions', value: summary.exceptions },
      ],
    },
    orderSheet(
      '完成 Completed',
      `本周完成 Completed ${from} – ${to}`,
      completed,
      [col('finishedAt', '完工 Finished', 'datetime'), col('daysLate', '逾期天数 Days late', 'int')],
      (o) => ({
        finishedAt: o.finished_at,
        daysLate: o.days_late,
      }),
    ),
    orderSheet('在产 In production', '在产 In production', inProduction, [col('stage', '阶段 Stage')], (o) => ({ stage: o.stage })),
    orderSheet('下周计划 Plan', `下周计划 Next week's plan ${runDate} – ${planTo}`, plan, [col('status', '状态 Status')], (o) => ({
      status: o.status,
    })),
    {
      name: '异常 Exceptions',
      title: '异常 Exceptions',
      columns: [
        col('exception', '异常 Exception'),
        col('orderNumber', '订单号 Order'),
        col('owner', '负责人 Owner (sales rep)'),
        col('at', '时间 At', 'datetime'),
        col('detail', '说明 Detail'),
      ],
      rows: exceptions,
    },
  ];
  return { summary, sheets };
}
