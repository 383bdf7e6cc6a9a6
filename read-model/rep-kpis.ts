import type { Kysely } from 'kysely';
import type { CompanyCalendar } from '../workflows/domain/calendar';
import { addCalendarDays, startOfDate } from '../workflows/domain/calendar';
import type { Database } from './schema';
import { kpis, percent, type KpiQuery } from './views';

// Each sales rep's figures side by side (the reports page's chart of on-time delivery per rep): the KPIs of
// every rep with an order received or promised in the period, each computed as GET /kpis?rep= computes it.

export async function kpisByRep(db: Kysely<Database>, k: Omit<KpiQuery, 'salesRep'>, calendar: CompanyCalendar, now = Date.now()) {
  const since = new Date(startOfDate(k.from, calendar.timeZone)).toISOString();
  const until = new Date(startOfDate(addCalendarDays(k.to, 1), calendar.timeZone)).toISOString();
  const reps = await db
    .selectFrom('orders')
    .where((eb) =>
      eb.or([
        eb.and([eb('received_at', '>=', since), eb('received_at', '<', until)]),
        eb.and([eb('promised_date', '>=', k.from), eb('promised_date', '<=', k.to)]),
      ]),
    )
    .select((eb) => ['sales_rep_id', eb.fn.max('sales_rep_name').as('name')])
    .groupBy('sales_rep_id')
    .orderBy('sales_rep_id')
    .execute();
  const figures = await Promise.all(
    reps.map(async (rep) => {
      const { firstConfirmation, lateness } = await kpis(db, { ...k, salesRep: rep.sales_rep_id }, calendar, now);
      const onTime = lateness.ordersDue - lateness.late;
      return {
        salesRep: { id: rep.sales_rep_id, name: rep.name },
        delivery: {
          ordersDue: lateness.ordersDue,
          onTime,
          percent: percent(onTime, lateness.ordersDue),
        },
        firstConfirmation,
      };
    }),
  );
  return { from: k.from, to: k.to, reps: figures };
}
