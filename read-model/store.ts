import type { Kysely } from 'kysely';
import type { OrderProjection, ProjectionBatch } from '../workflows/read-model';
import type { TimelineEntry } from '../workflows/domain/state';
import { openDatabase, type ReadModelLocation } from './database';
import type { ComplaintsTable, Database, OrdersTable, RatingsTable, TimelineTable } from './schema';

// The read model's write side (the workflows' projections) and its plain reads. Each projection is
// one transaction: the timeline entries it carries are added (an entry already there stays as it
// is: entries never change), and the order's row and complaints are replaced only by a higher revision.

export class ReadModel {
  private constructor(
    readonly db: Kysely<Database>,
    readonly location: ReadModelLocation,
  ) {}

  static async open(location: ReadModelLocation): Promise<ReadModel> {
    return new ReadModel(await openDatabase(location), location);
  }

  close(): Promise<void> {
    return this.db.destroy();
  }

  /** Writes one projection; false when the read model already had this revision of the order or a later one. */
  async project({ order, firstEntry, entries }: ProjectionBatch): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const rows = entries.map((entry, i) => timelineRow(order.orderNumber, firstEntry + i, entry));
      // SQLite takes at most 32,766 parameters in one statement: 11 a row.
      for (let i = 0; i < rows.length; i += 500) {
        await trx
          .insertInto('order_timeline')
          .values(rows.slice(i, i + 500))
          .onConflict((oc) => oc.columns(['order_number', 'seq']).doNothing())
          .execute();
      }
      const row = orderRow(order);
      const written = await trx
        .insertInto('orders')
        .values(row)
        .onConflict((oc) => oc.column('order_number').doUpdateSet(row).where('orders.revision', '<', row.revision))
        .returning('revision')
        .executeTakeFirst();
      if (!written) return false;
      for (const [table, rows] of [
        ['order_complaints', complaintRows(order)],
        ['order_ratings', ratingRows(order)],
      ] as const) {
        await trx.deleteFrom(table).where('order_number', '=', order.orderNumber).execute();
        if (rows.length > 0) await trx.insertInto(table).values(rows).execute();
      }
      return true;
    });
  }

  /** The order's row as the read model has it (undefined when it has none). */
  async order(orderNumber: string): Promise<OrdersTable | undefined> {
    return this.db.selectFrom('orders').selectAll().where('order_number', '=', orderNumber).executeTakeFirst();
  }

  /** Every order's row and timeline, in order: what the rebuild test compares. */
  async everything(): Promise<{ orders: OrdersTable[]; timeline: TimelineTable[] }> {
    return {
      orders: await this.db.selectFrom('orders').selectAll().orderBy('order_number').execute(),
      timeline: await this.db.selectFrom('order_timeline').selectAll().orderBy('order_number').orderBy('seq').execute(),
    };
  }

  /** Empties the orders' tables (the customer file stays): the rebuild starts from nothing. */
  async clearOrders(): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const table of ['order_timeline', 'order_complaints', 'order_ratings', 'orders'] as const) await trx.deleteFrom(table).execute();
    });
  }
}

const flag = (value: boolean | null) => (value === null ? null : value ? 1 : 0);

export function orderRow(o: OrderProjection): OrdersTable {
  return {
    order_number: o.orderNumber,
    revision: o.revision,
    channel: o.channel,
    status: o.status,
    stage: o.stage,
    open: o.status === 'completed' || o.status === 'cancelled' ? 0 : 1,
    customer_id: o.customer.id,
    customer_name: o.customer.name,
    customer_class: o.customer.class,
    sales_rep_id: o.salesRep.id,
    sales_rep_name: o.salesRep.name ?? null,
    received_at: o.receivedAt,
    promised_date: o.promisedDate,
    original_promised_date: o.originalPromisedDate,
    finished_at: o.finishedAt,
    days_late: o.daysLate,
    amount: o.amount,
    deposit_due: o.depositDue,
    received: o.received,
    balance_due: o.balanceDue,
    refund_due: o.refundDue,
    next_events: JSON.stringify(o.nextEvents),
    owed_by: JSON.stringify(o.owedBy),
    stage_since: o.stageSince,
    open_clocks: JSON.stringify(o.openClocks),
    first_confirmation_on_time: flag(o.firstConfirmationOnTime),
    progress_on_time: flag(o.progressOnTime),
    delays_reported: o.delaysReported,
    delays_told_on_time: o.delaysToldOnTime,
    force_majeure_delays: o.forceMajeureDelays ?? 0,
    pieces: o.pieces ?? null,
    // distributor
    outbound_notice_ref: o.outboundNotice?.ref ?? null,
    outbound_notice_issued_at: o.outboundNotice?.issuedAt ?? null,
    outbound_notice_signed_at: o.outboundNotice?.signedAt ?? null,
  };
}

export function timelineRow(orderNumber: string, seq: number, e: TimelineEntry): TimelineTable {
  return {
    order_number: orderNumber,
    seq,
    at: e.at,
    kind: e.kind,
    type: e.type,
    to_role: e.to ?? null,
    actor_id: e.actor?.id ?? null,
    actor_name: e.actor?.name ?? null,
    actor_role: e.actor?.role ?? null,
    via: e.via ?? null,
    detail: e.detail,
    detail_zh: e.zh ?? null,
  };
}

export function complaintRows(o: OrderProjection): ComplaintsTable[] {
  return o.complaints.map((c) => ({
    order_number: o.orderNumber,
    number: c.number,
    customer_id: o.customer.id,
    sales_rep_id: o.salesRep.id,
    category: c.category,
    description: c.description,
    filed_at: c.filedAt,
    resolved_at: c.resolvedAt ?? null,
    responsible_party: c.responsibleParty ?? null,
    resolution: c.resolution ?? null,
    resolution_zh: c.resolutionZh ?? null,
    cause: c.cause ?? null,
    stage: c.stage ?? null,
    callbacks_made: c.callbacks ?? 0,
  }));
}

export function ratingRows(o: OrderProjection): RatingsTable[] {
  return (o.ratings ?? []).map((r, seq) => ({
    order_number: o.orderNumber,
    seq,
    sales_rep_id: o.salesRep.id,
    rated_at: r.at,
    rating: r.rating,
    source: r.source,
  }));
}
