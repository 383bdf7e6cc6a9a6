import type { Kysely, SelectQueryBuilder } from 'kysely';
import { addCalendarDays, dateAt, daysAfter, startOfDate, type CompanyCalendar } from '../workflows/domain/calendar';
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
  customer: { id: string; name: string; class: string };
  salesRep: { id: string; name: string | null };
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

/** Late: the promised date has passed and the goods are not finished. */
function lateness(o: Pick<OrdersTable, 'promised_date' | 'finished_at' | 'days_late'>, today: string, calendar: CompanyCalendar) {
  if (o.finished_at !== null) return { late: false, daysLate: o.days_late };
  if (o.promised_date === null) return { late: false, daysLate: null };
  const late = o.promised_date < today;
  return { late, daysLate: late ? daysAfter(o.promised_date, today, 'working', calendar) : 0 };
}

export function boardRowOf(o: OrdersTable, today: string, calendar: CompanyCalendar): BoardRow {
  return {
    orderNumber: o.order_number,
    status: o.status,
    stage: o.stage,
    channel: o.channel,
    customer: { id: o.customer_id, name: o.customer_name, class: o.customer_class },
    salesRep: { id: o.sales_rep_id, name: o.sales_rep_name },
    promisedDate: o.promised_date,
    originalPromisedDate: o.original_promised_date,
    ...lateness(o, today, calendar),
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

export async function board(db: Kysely<Database>, f: BoardFilters, calendar: CompanyCalendar, now = Date.now()) {
  const today = dateAt(now, calendar.timeZone);
  let q = db.selectFrom('orders').where('open', '=', 1);
  if (f.salesRep !== undefined) q = q.where('sales_rep_id', '=', f.salesRep);
  if (f.stage !== undefined) q = q.where('stage', '=', f.stage);
  if (f.channel !== undefined) q = q.where('channel', '=', f.channel);
  if (f.customerId !== undefined) q = q.where('customer_id', '=', f.customerId);
  if (f.late !== undefined) {
    q = f.late
      ? q.where('finished_at', 'is', null).where('promised_date', '<', today)
      : q.where((eb) => eb.or([eb('finished_at', 'is not', null), eb('promised_date', 'is', null), eb('promised_date', '>=', today)]));
  }
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
}

const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((1000 * part) / whole) / 10);

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
  const { ordersDue, finishedLate, finishedDaysLate } = await due
    .select((eb) => [
      eb.fn.countAll<number>().as('ordersDue'),
      eb.fn.sum<number>(eb.case().when('days_late', '>', 0).then(1).else(0).end()).as('finishedLate'),
      eb.fn.sum<number>(eb.case().when('days_late', '>', 0).then(eb.ref('days_late')).else(0).end()).as('finishedDaysLate'),
    ])
    .executeTakeFirstOrThrow();
  // Not finished and past the promised date: late by the working days since (at most the open orders).
  const unfinished = await due.where('finished_at', 'is', null).where('promised_date', '<', today).select('promised_date').execute();
  // Counted once per promised date: thousands of orders share a few hundred dates.
  const lateByDate = new Map<string, number>();
  const openDaysLate = unfinished.map(({ promised_date: date }) => {
    if (!lateByDate.has(date!)) lateByDate.set(date!, daysAfter(date!, today, 'working', calendar));
    return lateByDate.get(date!)!;
  });
  const late = Number(finishedLate ?? 0) + unfinished.length;
  const daysLate = Number(finishedDaysLate ?? 0) + openDaysLate.reduce((a, b) => a + b, 0);

  let complaints = db
    .selectFrom('order_complaints')
    .where('filed_at', '>=', since)
    .where('filed_at', '<', until)
    .select((eb) => ['responsible_party', eb.fn.countAll<number>().as('count')])
    .groupBy('responsible_party');
  if (k.salesRep !== undefined) complaints = complaints.where('sales_rep_id', '=', k.salesRep);
  // By party, those not yet resolved (no party) last: the databases disagree on where nulls sort.
  const byParty = (await complaints.execute())
    .map((c) => ({ responsibleParty: c.responsible_party, complaints: Number(c.count) }))
    .sort((a, b) => (a.responsibleParty ?? '\uffff').localeCompare(b.responsibleParty ?? '\uffff'));

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
    lateness: { ordersDue: n(ordersDue), late, averageDaysLate: late === 0 ? null : Math.round((10 * daysLate) / late) / 10 },
    complaints: { total: byParty.reduce((a, c) => a + c.complaints, 0), byResponsibleParty: byParty },
  };
}
