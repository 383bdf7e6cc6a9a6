import type { Kysely } from 'kysely';
import type { CompanyCalendar } from '../workflows/domain/calendar';
import type { ComplaintEventType } from '../workflows/domain/complaint-events';
import { complaintSteps, type ComplaintStage } from '../workflows/domain/complaints';
import { durationMs } from '../workflows/domain/duration';
import type { Role } from '../workflows/domain/order';
import type { Policy } from '../workflows/domain/policy';
import type { Database } from './schema';
import { board, ownsOrders, remindersTo, type BoardRow, type ReminderRow, type Worker } from './views';

// 我的待办: one person's work, from the read model: the open orders whose next step they owe (a sales rep's own
// orders; any order for the other roles, see ownsOrders), the complaints whose next step they owe (投诉), and the
// reminders and escalations addressed to them.

export interface MyWork {
  asOf: string;
  /** The open orders whose next step the person owes (all of them; `orders` lists the longest waiting first). */
  total: number;
  orders: BoardRow[];
  complaints: ComplaintWork[];
  reminders: ReminderRow[];
}

/** A complaint waiting on the person: the steps it waits for that they may take (the main one first). */
export interface ComplaintWork {
  orderNumber: string;
  number: number;
  customer: string;
  category: string;
  description: string;
  stage: ComplaintStage;
  nextEvents: ComplaintEventType[];
  filedAt: string;
}

/** Who may take each complaint step, and when a closed complaint's callbacks fall due, as new orders' policy has them. */
export interface ComplaintPolicy {
  permissions: Record<ComplaintEventType, readonly Role[]>;
  callbacks: Pick<Policy['complaints']['callbacks'], 'after'>;
}

/** The person's inbox: the orders and complaints waiting on them (oldest first), and the notices addressed to them. */
export async function myWork(
  db: Kysely<Database>,
  w: Worker,
  limits: { orders: number; complaints: number; reminders: number },
  calendar: CompanyCalendar,
  complaints: ComplaintPolicy,
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
  return {
    ...owed,
    complaints: await complaintsOwed(db, w, complaints, limits.complaints, now),
    reminders: await remindersTo(db, w, limits.reminders),
  };
}

/**
 * The complaints whose next step the person may take, the longest open first: the steps of each stage but a
 * supervisor's closing, which stands beside every open stage and is no one's work until they decide it is. A
 * closed complaint waits for its next callback (回访) from when that one falls due (the complaint's clock counts
 * calendar time from its closing), not from its closing nor from the callback before.
 */
async function complaintsOwed(
  db: Kysely<Database>,
  w: Worker,
  { permissions, callbacks }: ComplaintPolicy,
  limit: number,
  now: number,
): Promise<ComplaintWork[]> {
  const stepsFor = (stage: ComplaintStage) => complaintSteps[stage].filter((type) => permissions[type].includes(w.role as Role));
  const stages = (Object.keys(complaintSteps) as ComplaintStage[]).filter((stage) => stepsFor(stage).length > 0);
  if (stages.length === 0) return [];
  // The callback owed after `made` others is due once the complaint has been closed for the policy's `after[made]`.
  const closedBefore = (made: number) => new Date(now - durationMs(callbacks.after[made])).toISOString();
  let q = db
    .selectFrom('order_complaints as c')
    .innerJoin('orders as o', 'o.order_number', 'c.order_number')
    .where('c.stage', 'in', stages)
    .where((eb) =>
      eb.or([
        eb('c.stage', '!=', 'closed'),
        ...callbacks.after.map((_, made) => eb.and([eb('c.callbacks_made', '=', made), eb('c.resolved_at', '<=', closedBefore(made))])),
      ]),
    );
  if (ownsOrders(w)) q = q.where('c.sales_rep_id', '=', w.id);
  const rows = await q
    .select(['c.order_number', 'c.number', 'o.customer_name', 'c.category', 'c.description', 'c.stage', 'c.filed_at'])
    .orderBy('c.filed_at')
    .orderBy('c.order_number')
    .orderBy('c.number')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const stage = r.stage as ComplaintStage;
    return {
      orderNumber: r.order_number,
      number: r.number,
      customer: r.customer_name,
      category: r.category,
      description: r.description,
      stage,
      nextEvents: stepsFor(stage),
      filedAt: r.filed_at,
    };
  });
}
