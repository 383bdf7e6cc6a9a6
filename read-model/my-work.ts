import type { Kysely } from 'kysely';
import type { CompanyCalendar } from '../workflows/domain/calendar';
import type { Database } from './schema';
import { board, ownsOrders, remindersTo, type BoardRow, type ReminderRow, type Worker } from './views';

// 我的待办: one person's work, from the read model: the open orders whose next step they owe (a sales rep's own
// orders; any order for the other roles, see ownsOrders) and the reminders and escalations addressed to them.

export interface MyWork {
  asOf: string;
  /** The open orders whose next step the person owes (all of them; `orders` lists the longest waiting first). */
  total: number;
  orders: BoardRow[];
  reminders: ReminderRow[];
}

/** The person's inbox: the orders waiting on them (oldest first, with their open clocks), and the notices addressed to them. */
export async function myWork(
  db: Kysely<Database>,
  w: Worker,
  limits: { orders: number; reminders: number },
  calendar: CompanyCalendar,
  now = Date.now(),
): Promise<MyWork> {
  const owed = await board(
    db,
    {
      owedBy: w.role,
      ...(ownsOrders(w) && { salesRep: w.id }),
      sort: 'waitingSince',
      order: 'asc',
      limit: limits.orders,
      offset: 0,
    },
    calendar,
    now,
  );
  return { ...owed, reminders: await remindersTo(db, w, limits.reminders) };
}
