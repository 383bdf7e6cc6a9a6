import type { Kysely } from 'kysely';
import type { CompanyCalendar } from '../workflows/domain/calendar';
import { dateAt } from '../workflows/domain/calendar';
import type { CustomersTable, Database } from './schema';
import { boardRowOf } from './views';

// The customer file (客户档案): who the customer is, their class, terms, credit limit, contacts,
// owning sales rep and region. Kept beside the orders in the read model's database, but written by
// the API, not projected: it is the company's own record. A class change is a new version; each
// order keeps the class it was taken with (on its own row).

export interface Contact {
  name: string;
  phone?: string;
  email?: string;
  role?: string;
}

export interface CustomerFields {
  name: string;
  class: 'A' | 'B' | 'C';
  /** The default payment plan, by its reference (free-form for now). */
  paymentTerms?: string | null;
  /** In fen. */
  creditLimit?: number | null;
  contacts: Contact[];
  salesRep?: { id: string; name?: string } | null;
  region?: string | null;
}

export interface CustomerSummary extends CustomerFields {
  id: string;
  classVersion: number;
  createdAt: string;
  updatedAt: string;
}

export interface Customer extends CustomerSummary {
  classHistory: { version: number; class: string; validFrom: string; changedBy: string }[];
}

function customerOf(row: CustomersTable): CustomerSummary {
  return {
    id: row.id,
    name: row.name,
    class: row.class as Customer['class'],
    classVersion: row.class_version,
    paymentTerms: row.payment_terms,
    creditLimit: row.credit_limit,
    contacts: JSON.parse(row.contacts) as Contact[],
    salesRep: row.sales_rep_id === null ? null : { id: row.sales_rep_id, ...(row.sales_rep_name ? { name: row.sales_rep_name } : {}) },
    region: row.region,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const columns = (f: CustomerFields) => ({
  name: f.name,
  class: f.class,
  payment_terms: f.paymentTerms ?? null,
  credit_limit: f.creditLimit ?? null,
  contacts: JSON.stringify(f.contacts),
  sales_rep_id: f.salesRep?.id ?? null,
  sales_rep_name: f.salesRep?.name ?? null,
  region: f.region ?? null,
});

export async function findCustomer(db: Kysely<Database>, id: string): Promise<Customer | undefined> {
  const row = await db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const versions = await db.selectFrom('customer_classes').selectAll().where('customer_id', '=', id).orderBy('version').execute();
  return {
    ...customerOf(row),
    classHistory: versions.map((v) => ({ version: v.version, class: v.class, validFrom: v.valid_from, changedBy: v.changed_by })),
  };
}

/** Creates the file; false when a customer with this id already has one. */
export async function createCustomer(db: Kysely<Database>, id: string, f: CustomerFields, by: string, at = new Date().toISOString()) {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('customers')
      .values({ id, ...columns(f), class_version: 1, created_at: at, updated_at: at })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return false;
    await trx
      .insertInto('customer_classes')
      .values({ customer_id: id, version: 1, class: f.class, valid_from: at, changed_by: by })
      .execute();
    return true;
  });
}

/** Changes the file; a new class becomes a new version. Undefined when there is no such customer. */
export async function updateCustomer(
  db: Kysely<Database>,
  id: string,
  change: Partial<CustomerFields>,
  by: string,
  at = new Date().toISOString(),
) {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const current = customerOf(row);
    const next: CustomerFields = { ...current, ...change };
    const classVersion = next.class === current.class ? row.class_version : row.class_version + 1;
    await trx
      .updateTable('customers')
      .set({ ...columns(next), class_version: classVersion, updated_at: at })
      .where('id', '=', id)
      .execute();
    if (classVersion !== row.class_version) {
      await trx
        .insertInto('customer_classes')
        .values({ customer_id: id, version: classVersion, class: next.class, valid_from: at, changed_by: by })
        .execute();
    }
    return true;
  });
}

export interface CustomerFilters {
  salesRep?: string;
  region?: string;
  class?: string;
  limit: number;
  offset: number;
}

export async function listCustomers(db: Kysely<Database>, f: CustomerFilters) {
  let q = db.selectFrom('customers');
  if (f.salesRep !== undefined) q = q.where('sales_rep_id', '=', f.salesRep);
  if (f.region !== undefined) q = q.where('region', '=', f.region);
  if (f.class !== undefined) q = q.where('class', '=', f.class);
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy('id').limit(f.limit).offset(f.offset).execute();
  return { total: Number(total), customers: rows.map(customerOf) };
}

/** What the customer owes on their orders not cancelled (open and unpaid, in fen), and how many orders that is. */
export async function owedBy(db: Kysely<Database>, id: string): Promise<{ balance: number; orders: number }> {
  const owed = await db
    .selectFrom('orders')
    .where('customer_id', '=', id)
    .where('status', '!=', 'cancelled')
    .select((eb) => [eb.fn.sum<number>('balance_due').as('balance'), eb.fn.countAll<number>().as('orders')])
    .executeTakeFirstOrThrow();
  return { balance: Number(owed.balance ?? 0), orders: Number(owed.orders) };
}

/** The customer's history from the orders: what is open, what they owe (on orders not cancelled), their complaints. */
export async function customerHistory(db: Kysely<Database>, id: string, calendar: CompanyCalendar, now = Date.now()) {
  const today = dateAt(now, calendar.timeZone);
  const open = await db
    .selectFrom('orders')
    .selectAll()
    .where('customer_id', '=', id)
    .where('open', '=', 1)
    .orderBy('received_at')
    .execute();
  const owed = await owedBy(db, id);
  const complaints = await db.selectFrom('order_complaints').selectAll().where('customer_id', '=', id).orderBy('filed_at').execute();
  return {
    customerId: id,
    asOf: today,
    orders: owed.orders,
    balanceOwed: owed.balance,
    openOrders: open.map((o) => boardRowOf(o, today, calendar)),
    complaints: complaints.map((c) => ({
      orderNumber: c.order_number,
      number: c.number,
      category: c.category,
      description: c.description,
      filedAt: c.filed_at,
      resolvedAt: c.resolved_at,
      responsibleParty: c.responsible_party,
      resolution: c.resolution,
      resolutionZh: c.resolution_zh,
    })),
  };
}
