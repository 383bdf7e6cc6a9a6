import type { ExpressionBuilder, Kysely, SelectQueryBuilder } from 'kysely';
import { addCalendarDays, dateAt, daysAfter, startOfDate, type CompanyCalendar } from '../workflows/domain/calendar';
import { defaultPolicy } from '../workflows/domain/policy';
import type { Database, OrdersTable } from './schema';

// What the company reads off the read model: the status board (every open order, who owes its next
// step) and the KPIs behind the sales reps' monthly figures. Days late are working days of the
// company calendar; "today" is the company's date now.

export interface BoardFilters {
  salesRep?: string;
  stage?: string;
  channel?: string;
  customerId?: string;
  late?: boolean;
  /** Large orders only (true) or the others: the supervisor's spot checks (001 ch.6). */
  large?: boolean;
  /** What counts as large (KpiQuery.large). */
  largeAbove?: LargeOrderRule[];
  /** Orders whose next step this role owes (a person's inbox in the console). */
  owedBy?: string;
  sort: 'promisedDate' | 'daysLate' | 'receivedAt' | 'waitingSince' | 'orderNumber';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export interface BoardRow {
  orderNumber: string;
  status: string;
  stage: string;
  channel: string;
  customer: PartyOf['customer'];
  salesRep: PartyOf['salesRep'];
  promisedDate: string | null;
  originalPromisedDate: string | null;
  late: boolean;
  daysLate: number | null;
  nextEvents: string[];
  owedBy: string[];
  waitingSince: string;
  amount: number;
  balanceDue: number;
  openClocks: { name: string; dueAt: string; action: string }[];
}

/** The order's customer and sales rep, shaped as on the order form and in its snapshot (a rep's name left out when not given). */
function partiesOf(o: Pick<OrdersTable, 'customer_id' | 'customer_name' | 'customer_class' | 'sales_rep_id' | 'sales_rep_name'>) {
  return {
    customer: { id: o.customer_id, name: o.customer_name, class: o.customer_class },
    salesRep: { id: o.sales_rep_id, ...(o.sales_rep_name === null ? {} : { name: o.sales_rep_name }) },
  };
}
type PartyOf = ReturnType<typeof partiesOf>;

/** Late: the promised date has passed and the goods are not finished (a cancelled order never will be, nor is it late). */
function lateness(o: Pick<OrdersTable, 'open' | 'promised_date' | 'finished_at' | 'days_late'>, today: string, calendar: CompanyCalendar) {
  if (o.finished_at !== null) return { late: false, daysLate: o.days_late };
  if (o.promised_date === null || o.open === 0) return { late: false, daysLate: null };
  const late = o.promised_date < today;
  return { late, daysLate: late ? daysAfter(o.promised_date, today, 'working', calendar) : 0 };
}

/** What every listing of orders says of each (the API's `listedOrderFields`): which order, where it is, whose, how late. */
function listedOf(o: OrdersTable, today: string, calendar: CompanyCalendar) {
  return {
    orderNumber: o.order_number,
    status: o.status,
    stage: o.stage,
    channel: o.channel,
    ...partiesOf(o),
    ...lateness(o, today, calendar),
  };
}

export function boardRowOf(o: OrdersTable, today: string, calendar: CompanyCalendar): BoardRow {
  return {
    ...listedOf(o, today, calendar),
    promisedDate: o.promised_date,
    originalPromisedDate: o.original_promised_date,
    nextEvents: JSON.parse(o.next_events) as string[],
    owedBy: JSON.parse(o.owed_by) as string[],
    waitingSince: o.stage_since,
    amount: o.amount,
    balanceDue: o.balance_due,
    openClocks: JSON.parse(o.open_clocks) as BoardRow['openClocks'],
  };
}

const sortColumns = {
  promisedDate: 'promised_date',
  // Working days late grow as the promised date lies further back: the oldest promise first.
  daysLate: 'promised_date',
  receivedAt: 'received_at',
  waitingSince: 'stage_since',
  orderNumber: 'order_number',
} as const;

/** Late (or not), as `lateness` says. */
const lateIs = (late: boolean, today: string) => (eb: ExpressionBuilder<Database, 'orders'>) =>
  late
    ? eb.and([eb('open', '=', 1), eb('finished_at', 'is', null), eb('promised_date', '<', today)])
    : eb.or([eb('open', '=', 0), eb('finished_at', 'is not', null), eb('promised_date', 'is', null), eb('promised_date', '>=', today)]);

export async function board(db: Kysely<Database>, f: BoardFilters, calendar: CompanyCalendar, now = Date.now()) {
  const today = dateAt(now, calendar.timeZone);
  let q = db.selectFrom('orders').where('open', '=', 1);
  if (f.salesRep !== undefined) q = q.where('sales_rep_id', '=', f.salesRep);
  if (f.stage !== undefined) q = q.where('stage', '=', f.stage);
  if (f.channel !== undefined) q = q.where('channel', '=', f.channel);
  if (f.customerId !== undefined) q = q.where('customer_id', '=', f.customerId);
  if (f.late !== undefined) q = q.where(lateIs(f.late, today));
  // owed_by is the JSON array of role names (no quote, %, or _ in any), the same text on SQLite and PostgreSQL.
  if (f.owedBy !== undefined) q = q.where('owed_by', 'like', `%"${f.owedBy}"%`);
  if (f.large !== undefined) q = q.where((eb) => (f.large ? isLarge(f.largeAbove)(eb) : eb.not(isLarge(f.largeAbove)(eb))));
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const column = sortColumns[f.sort];
  // Most days late first means the oldest promised date first.
  const direction = f.sort === 'daysLate' ? (f.order === 'asc' ? 'desc' : 'asc') : f.order;
  const rows = await q
    .selectAll()
    .orderBy(column, (ob) => (direction === 'asc' ? ob.asc() : ob.desc()).nullsLast())
    .orderBy('order_number')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { asOf: today, total: Number(total), orders: rows.map((o) => boardRowOf(o, today, calendar)) };
}

export interface KpiQuery {
  from: string;
  to: string;
  salesRep?: string;
  /** What counts as large, by channel and customer class (the policy's rules.largeOrderAmount); the default policy's when unset. */
  large?: LargeOrderRule[];
}

/** Orders of this channel and customer class (any, when unset) above this amount (fen) are large: the supervisor spot-checks them (001 ch.6). */
export interface LargeOrderRule {
  channel?: string;
  customerClass?: string;
  above: number;
}

/** Large orders by the rules (the default policy's threshold when none are given). */
function isLarge(rules: LargeOrderRule[] = [{ above: defaultPolicy.rules.largeOrderAmount }]) {
  return (eb: ExpressionBuilder<Database, 'orders'>) =>
    eb.or(
      rules.map((r) =>
        eb.and([
          ...(r.channel === undefined ? [] : [eb('channel', '=', r.channel)]),
          ...(r.customerClass === undefined ? [] : [eb('customer_class', '=', r.customerClass)]),
          eb('amount', '>', r.above),
        ]),
      ),
    );
}

/** How many large orders the KPI answer lists for spot checks (the total says how many there are). */
const SPOT_CHECK_LIST = 50;

export const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((1000 * part) / whole) / 10);

/**
 * The figures computable from the orders' timelines (domain.md §6). Confirmation, progress and
 * delay figures count the orders received in the period; lateness the orders whose promised date
 * falls in it; complaints those filed in it. `from` and `to` are company dates, both included.
 */
export async function kpis(db: Kysely<Database>, k: KpiQuery, calendar: CompanyCalendar, now = Date.now()) {
  const today = dateAt(now, calendar.timeZone);
  const since = new Date(startOfDate(k.from, calendar.timeZone)).toISOString();
  const until = new Date(startOfDate(addCalendarDays(k.to, 1), calendar.timeZone)).toISOString();
  const ofRep = <O>(q: SelectQueryBuilder<Database, 'orders', O>) =>
    k.salesRep === undefined ? q : q.where('sales_rep_id', '=', k.salesRep);

  const rates = await ofRep(db.selectFrom('orders').where('received_at', '>=', since).where('received_at', '<', until))
    .select((eb) => [
      eb.fn.count<number>('first_confirmation_on_time').as('confirmations'),
      eb.fn.sum<number>('first_confirmation_on_time').as('confirmationsOnTime'),
      eb.fn.count<number>('progress_on_time').as('inProduction'),
      eb.fn.sum<number>('progress_on_time').as('progressOnTime'),
      eb.fn.sum<number>('delays_reported').as('delays'),
      eb.fn.sum<number>('delays_told_on_time').as('delaysToldOnTime'),
    ])
    .executeTakeFirstOrThrow();

  const due = ofRep(
    db.selectFrom('orders').where('promised_date', '>=', k.from).where('promised_date', '<=', k.to).where('status', '!=', 'cancelled'),
  );
  // A delay a supervisor verified as force majeure excuses the order's lateness (001 ch.7: 经核实后可免除责任).
  const chargeableLate = (eb: ExpressionBuilder<Database, 'orders'>) =>
    eb.and([eb('days_late', '>', 0), eb('force_majeure_delays', '=', 0)]);
  const { ordersDue, finishedLate, finishedDaysLate, excused } = await due
    .select((eb) => [
      eb.fn.countAll<number>().as('ordersDue'),
      eb.fn.sum<number>(eb.case().when(chargeableLate(eb)).then(1).else(0).end()).as('finishedLate'),
      eb.fn.sum<number>(eb.case().when(chargeableLate(eb)).then(eb.ref('days_late')).else(0).end()).as('finishedDaysLate'),
      eb.fn.sum<number>(eb.case().when('force_majeure_delays', '>', 0).then(1).else(0).end()).as('excused'),
    ])
    .executeTakeFirstOrThrow();
  // Not finished and past the promised date: late by the working days since (at most the open orders).
  const unfinished = await due
    .where('finished_at', 'is', null)
    .where('promised_date', '<', today)
    .where('force_majeure_delays', '=', 0)
    .select('promised_date')
    .execute();
  // Counted once per promised date: thousands of orders share a few hundred dates.
  const lateByDate = new Map<string, number>();
  const openDaysLate = unfinished.map(({ promised_date: date }) => {
    if (!lateByDate.has(date!)) lateByDate.set(date!, daysAfter(date!, today, 'working', calendar));
    return lateByDate.get(date!)!;
  });
  const late = Number(finishedLate ?? 0) + unfinished.length;
  const daysLate = Number(finishedDaysLate ?? 0) + openDaysLate.reduce((a, b) => a + b, 0);

  let filed = db.selectFrom('order_complaints').where('filed_at', '>=', since).where('filed_at', '<', until);
  if (k.salesRep !== undefined) filed = filed.where('sales_rep_id', '=', k.salesRep);
  // By party and by cause, those not yet known (null) last: the databases disagree on where nulls sort.
  const counted = async (column: 'responsible_party' | 'cause') =>
    (
      await filed
        .select((eb) => [column, eb.fn.countAll<number>().as('count')])
        .groupBy(column)
        .execute()
    )
      .map((c) => ({ key: c[column] as string | null, complaints: Number(c.count) }))
      .sort((a, b) => (a.key ?? '\uffff').localeCompare(b.key ?? '\uffff'));
  const byParty = (await counted('responsible_party')).map(({ key, complaints }) => ({ responsibleParty: key, complaints }));
  const byCause = (await counted('cause')).map(({ key, complaints }) => ({ cause: key, complaints }));
  const ofCause = (cause: string) => byCause.find((c) => c.cause === cause)?.complaints ?? 0;

  let rated = db.selectFrom('order_ratings').where('rated_at', '>=', since).where('rated_at', '<', until);
  if (k.salesRep !== undefined) rated = rated.where('sales_rep_id', '=', k.salesRep);
  const ratings = await rated
    .select((eb) => [
      eb.fn.countAll<number>().as('count'),
      eb.fn.sum<number>('rating').as('sum'),
      eb.fn.sum<number>(eb.case().when('rating', '<=', 2).then(1).else(0).end()).as('dissatisfied'),
    ])
    .executeTakeFirstOrThrow();

  const large = ofRep(db.selectFrom('orders').where('received_at', '>=', since).where('received_at', '<', until).where(isLarge(k.large)));
  const { largeTotal } = await large.select((eb) => eb.fn.countAll<number>().as('largeTotal')).executeTakeFirstOrThrow();
  const largeRows = await large.selectAll().orderBy('amount', 'desc').orderBy('order_number').limit(SPOT_CHECK_LIST).execute();

  // distributor
  const notices = await ofRep(
    db.selectFrom('orders').where('outbound_notice_issued_at', '>=', since).where('outbound_notice_issued_at', '<', until),
  )
    .select((eb) => [eb.fn.countAll<number>().as('issued'), eb.fn.count<number>('outbound_notice_signed_at').as('signed')])
    .executeTakeFirstOrThrow();

  const n = (value: number | string | null) => Number(value ?? 0);
  return {
    from: k.from,
    to: k.to,
    salesRep: k.salesRep ?? null,
    asOf: today,
    firstConfirmation: {
      orders: n(rates.confirmations),
      onTime: n(rates.confirmationsOnTime),
      percent: percent(n(rates.confirmationsOnTime), n(rates.confirmations)),
    },
    progressUpdates: {
      orders: n(rates.inProduction),
      onTime: n(rates.progressOnTime),
      percent: percent(n(rates.progressOnTime), n(rates.inProduction)),
    },
    delayNotices: {
      delays: n(rates.delays),
      toldOnTime: n(rates.delaysToldOnTime),
      percent: percent(n(rates.delaysToldOnTime), n(rates.delays)),
    },
    lateness: {
      ordersDue: n(ordersDue),
      late,
      averageDaysLate: late === 0 ? null : Math.round((10 * daysLate) / late) / 10,
      excusedForceMajeure: n(excused),
    },
    complaints: {
      total: byParty.reduce((a, c) => a + c.complaints, 0),
      byResponsibleParty: byParty,
      byCause,
      dataEntryErrors: ofCause('data-entry'),
      wrongShipments: ofCause('wrong-shipment'),
    },
    satisfaction: {
      ratings: n(ratings.count),
      average: n(ratings.count) === 0 ? null : Math.round((10 * n(ratings.sum)) / n(ratings.count)) / 10,
      dissatisfied: n(ratings.dissatisfied),
    },
    largeOrders: {
      total: n(largeTotal),
      orders: largeRows.map((o) => ({
        orderNumber: o.order_number,
        status: o.status,
        stage: o.stage,
        ...partiesOf(o),
        amount: o.amount,
        receivedAt: o.received_at,
        promisedDate: o.promised_date,
      })),
    },
    // distributor
    outboundNotices: { issued: n(notices.issued), signed: n(notices.signed), unsigned: n(notices.issued) - n(notices.signed) },
  };
}

export interface OrderListFilters {
  status?: string;
  stage?: string;
  channel?: string;
  customerId?: string;
  salesRep?: string;
  late?: boolean;
  pageSize: number;
  /** The last order of the previous page: the list goes on after it (newest first). */
  after?: { receivedAt: string; orderNumber: string };
}

/**
 * Every order, open and closed, newest first (as Temporal's list was), a page at a time: keyset paging
 * on (received, number), so a page costs the same however deep and an order received meanwhile does
 * not shift the pages already read.
 */
export async function orderList(db: Kysely<Database>, f: OrderListFilters, calendar: CompanyCalendar, now = Date.now()) {
  const today = dateAt(now, calendar.timeZone);
  let q = db.selectFrom('orders');
  if (f.status !== undefined) q = q.where('status', '=', f.status);
  if (f.stage !== undefined) q = q.where('stage', '=', f.stage);
  if (f.channel !== undefined) q = q.where('channel', '=', f.channel);
  if (f.customerId !== undefined) q = q.where('customer_id', '=', f.customerId);
  if (f.salesRep !== undefined) q = q.where('sales_rep_id', '=', f.salesRep);
  if (f.late !== undefined) q = q.where(lateIs(f.late, today));
  const after = f.after;
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('received_at', '<', after.receivedAt),
        eb.and([eb('received_at', '=', after.receivedAt), eb('order_number', '<', after.orderNumber)]),
      ]),
    );
  }
  const rows = await q
    .selectAll()
    .orderBy('received_at', 'desc')
    .orderBy('order_number', 'desc')
    .limit(f.pageSize + 1)
    .execute();
  const orders = rows.slice(0, f.pageSize).map((o) => ({
    ...listedOf(o, today, calendar),
    promisedDate: o.promised_date,
    receivedAt: o.received_at,
    amount: o.amount,
    balanceDue: o.balance_due,
  }));
  const last = orders.at(-1);
  return { orders, next: rows.length > f.pageSize && last ? { receivedAt: last.receivedAt, orderNumber: last.orderNumber } : undefined };
}

/** A reminder or escalation a clock sent to a role (提醒 / 升级), on an order still open. */
export interface ReminderRow {
  orderNumber: string;
  at: string;
  kind: 'reminder' | 'escalation';
  type: string;
  detail: string;
  /** The same in Chinese, where the order wrote one. */
  zh: string | null;
}

/** The person whose work it is (a token's id and role). */
export interface Worker {
  id: string;
  role: string;
}

/**
 * Whether the role's work on an order is one person's: a sales rep owns their orders (the order's salesRep), and a
 * notice to sales names that rep (TimelineEntry.person). Every other role's steps and notices are anyone's in the role.
 */
export const ownsOrders = (w: Worker) => w.role === 'sales-rep';

/** The reminders and escalations addressed to the person on open orders, newest first: what their inbox shows beside the steps they owe. */
export async function remindersTo(db: Kysely<Database>, w: Worker, limit: number): Promise<ReminderRow[]> {
  let q = db
    .selectFrom('order_timeline as t')
    .innerJoin('orders as o', 'o.order_number', 't.order_number')
    .where('o.open', '=', 1)
    .where('t.to_role', '=', w.role)
    .where('t.kind', 'in', ['reminder', 'escalation']);
  // The read model keeps the role a notice went to; the person a notice to sales names is the order's own rep.
  if (ownsOrders(w)) q = q.where('o.sales_rep_id', '=', w.id);
  const rows = await q
    .select(['t.order_number', 't.at', 't.kind', 't.type', 't.detail', 't.detail_zh'])
    .orderBy('t.at', 'desc')
    .orderBy('t.order_number')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    orderNumber: r.order_number,
    at: r.at,
    kind: r.kind as ReminderRow['kind'],
    type: r.type,
    detail: r.detail,
    zh: r.detail_zh,
  }));
}
