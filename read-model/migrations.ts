import { Migrator, type CreateTableBuilder, type Kysely, type Migration, type MigrationProvider } from 'kysely';

// The read model's versioned migrations, run at start by every process that opens it (worker, API,
// scripts). Kysely's migrator records each one it ran; a new version is a new entry, never an edit.

const migrations: Record<string, Migration> = {
  '0001-orders-timeline-customers': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('orders')
        .addColumn('order_number', 'text', (c) => c.primaryKey())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('open', 'integer', (c) => c.notNull())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('customer_name', 'text', (c) => c.notNull())
        .addColumn('customer_class', 'text', (c) => c.notNull())
        .addColumn('sales_rep_id', 'text', (c) => c.notNull())
        .addColumn('sales_rep_name', 'text')
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('promised_date', 'text')
        .addColumn('original_promised_date', 'text')
        .addColumn('finished_at', 'text')
        .addColumn('days_late', 'integer')
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('deposit_due', 'bigint', (c) => c.notNull())
        .addColumn('received', 'bigint', (c) => c.notNull())
        .addColumn('balance_due', 'bigint', (c) => c.notNull())
        .addColumn('refund_due', 'bigint', (c) => c.notNull())
        .addColumn('next_events', 'text', (c) => c.notNull())
        .addColumn('owed_by', 'text', (c) => c.notNull())
        .addColumn('stage_since', 'text', (c) => c.notNull())
        .addColumn('open_clocks', 'text', (c) => c.notNull())
        .addColumn('first_confirmation_on_time', 'integer')
        .addColumn('progress_on_time', 'integer')
        .addColumn('delays_reported', 'integer', (c) => c.notNull())
        .addColumn('delays_told_on_time', 'integer', (c) => c.notNull())
        .execute();
      // The board reads open orders by promised date (days late), rep, stage, channel, customer; the KPIs
      // count by period (received, promised) and rep. Each index covers what its question reads but the
      // page of rows it shows, so counting 100,000 orders reads no row.
      const kpiFacts = ['first_confirmation_on_time', 'progress_on_time', 'delays_reported', 'delays_told_on_time'];
      const lateness = ['status', 'finished_at', 'days_late'];
      const indexes: Record<string, string[]> = {
        orders_board: ['open', 'promised_date', 'finished_at', 'sales_rep_id', 'stage', 'channel', 'customer_id'],
        orders_board_rep: ['sales_rep_id', 'open', 'promised_date', 'finished_at', 'stage', 'channel', 'customer_id'],
        orders_customer: ['customer_id', 'open', 'status', 'balance_due'],
        orders_received: ['received_at', 'sales_rep_id', ...kpiFacts],
        orders_rep_received: ['sales_rep_id', 'received_at', ...kpiFacts],
        orders_promised: ['promised_date', 'sales_rep_id', ...lateness],
        orders_rep_promised: ['sales_rep_id', 'promised_date', ...lateness],
      };
      for (const [name, columns] of Object.entries(indexes)) await db.schema.createIndex(name).on('orders').columns(columns).execute();

      await db.schema
        .createTable('order_timeline')
        .addColumn('order_number', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('to_role', 'text')
        .addColumn('actor_id', 'text')
        .addColumn('actor_name', 'text')
        .addColumn('actor_role', 'text')
        .addColumn('via', 'text')
        .addColumn('detail', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('order_timeline_pk', ['order_number', 'seq'])
        .execute();

      await db.schema
        .createTable('order_complaints')
        .addColumn('order_number', 'text', (c) => c.notNull())
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('sales_rep_id', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('filed_at', 'text', (c) => c.notNull())
        .addColumn('resolved_at', 'text')
        .addColumn('responsible_party', 'text')
        .addColumn('resolution', 'text')
        .addPrimaryKeyConstraint('order_complaints_pk', ['order_number', 'number'])
        .execute();
      await db.schema.createIndex('order_complaints_filed').on('order_complaints').columns(['filed_at']).execute();
      await db.schema.createIndex('order_complaints_customer').on('order_complaints').columns(['customer_id']).execute();

      await db.schema
        .createTable('customers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('class', 'text', (c) => c.notNull())
        .addColumn('class_version', 'integer', (c) => c.notNull())
        .addColumn('payment_terms', 'text')
        .addColumn('credit_limit', 'bigint')
        .addColumn('contacts', 'text', (c) => c.notNull())
        .addColumn('sales_rep_id', 'text')
        .addColumn('sales_rep_name', 'text')
        .addColumn('region', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('customer_classes')
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('class', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('changed_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('customer_classes_pk', ['customer_id', 'version'])
        .execute();
    },
  },
  // The rest of the sales reps' monthly figures (001 ch.7): force majeure, complaint causes, satisfaction.
  '0002-kpi-facts': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('orders')
        .addColumn('force_majeure_delays', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      // Lateness now leaves out the orders excused by force majeure: its indexes cover that column too.
      for (const [name, columns] of Object.entries({
        orders_promised: ['promised_date', 'sales_rep_id', 'status', 'finished_at', 'days_late'],
        orders_rep_promised: ['sales_rep_id', 'promised_date', 'status', 'finished_at', 'days_late'],
      })) {
        await db.schema.dropIndex(name).execute();
        await db.schema
          .createIndex(`${name}_fm`)
          .on('orders')
          .columns([...columns, 'force_majeure_delays'])
          .execute();
      }
      // The order list reads a customer's orders newest first.
      await db.schema
        .createIndex('orders_customer_received')
        .on('orders')
        .columns(['customer_id', 'received_at', 'order_number'])
        .execute();
      await db.schema.alterTable('order_complaints').addColumn('cause', 'text').execute();
      await db.schema
        .createTable('order_ratings')
        .addColumn('order_number', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('sales_rep_id', 'text', (c) => c.notNull())
        .addColumn('rated_at', 'text', (c) => c.notNull())
        .addColumn('rating', 'integer', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('order_ratings_pk', ['order_number', 'seq'])
        .execute();
      await db.schema.createIndex('order_ratings_rated').on('order_ratings').columns(['rated_at', 'sales_rep_id', 'rating']).execute();
    },
  },
  // The company's reports, and the pieces an order's row carries for the weekly report.
  '0003-reports': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('orders').addColumn('pieces', 'integer').execute();
      await db.schema
        .createTable('reports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('run_date', 'text', (c) => c.notNull())
        .addColumn('period_from', 'text', (c) => c.notNull())
        .addColumn('period_to', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('skip_reason', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('notified_at', 'text')
        .addColumn('notice_problem', 'text')
        .execute();
      await db.schema.createIndex('reports_kind_date').on('reports').columns(['kind', 'run_date']).execute();
      await db.schema.createIndex('reports_date').on('reports').columns(['run_date']).execute();
    },
  },
  // distributor
  // The distributors' outbound notices (出库通知单), whose signing the marketing assistant tracks and counts (000 §一 10).
  '0006-distributor': {
    async up(db: Kysely<unknown>) {
      // One column a statement: SQLite adds no more.
      for (const column of ['outbound_notice_ref', 'outbound_notice_issued_at', 'outbound_notice_signed_at'])
        await db.schema.alterTable('orders').addColumn(column, 'text').execute();
      await db.schema
        .createIndex('orders_outbound_notice')
        .on('orders')
        .columns(['outbound_notice_issued_at', 'sales_rep_id', 'outbound_notice_signed_at'])
        .execute();
    },
  },
  // 团订 sales pipeline (seed 003): prospects and their moves and referral names, each rep's daily
  // Hq:Zl:Fa:Cc:N:C:T line and half-week plans. Written through the API, not by workflows.
  '0004-sales-pipeline': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('prospects')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('company', 'text', (c) => c.notNull())
        .addColumn('contact', 'text')
        .addColumn('phone', 'text')
        .addColumn('rep_id', 'text', (c) => c.notNull())
        .addColumn('rep_name', 'text')
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('opened_on', 'text', (c) => c.notNull())
        .addColumn('closed_on', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('creation_digest', 'text', (c) => c.notNull())
        .execute();
      // The pipeline's size per rep on a day: open on it (opened by then, not closed by then).
      await db.schema.createIndex('prospects_rep').on('prospects').columns(['rep_id', 'opened_on', 'closed_on']).execute();
      await db.schema
        .createTable('prospect_moves')
        .addColumn('prospect_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('to_stage', 'text', (c) => c.notNull())
        .addColumn('on_date', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('by_id', 'text', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        // The request that made it (Idempotency-Key and digest): a retry is answered, not moved twice.
        .addColumn('request_key', 'text', (c) => c.notNull())
        .addColumn('request_digest', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('prospect_moves_pk', ['prospect_id', 'seq'])
        .execute();
      await db.schema
        .createTable('prospect_referrals')
        .addColumn('prospect_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('company', 'text')
        .addColumn('phone', 'text')
        .addColumn('collected_on', 'text', (c) => c.notNull())
        .addColumn('request_key', 'text', (c) => c.notNull())
        .addColumn('request_digest', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('prospect_referrals_pk', ['prospect_id', 'seq'])
        .execute();
      // Hq:Zl:Fa:Cc:N:C:T, C and T in fen.
      const figures = (table: CreateTableBuilder<string, string>) =>
        ['hq', 'zl', 'fa', 'cc', 'contracts', 'contract_amount', 'commission'].reduce(
          (t, name) => t.addColumn(name, name === 'contract_amount' || name === 'commission' ? 'bigint' : 'integer', (c) => c.notNull()),
          table,
        );
      await figures(
        db.schema
          .createTable('activity_lines')
          .addColumn('rep_id', 'text', (c) => c.notNull())
          .addColumn('day', 'text', (c) => c.notNull())
          .addColumn('rep_name', 'text')
          .addColumn('recorded_at', 'text', (c) => c.notNull())
          .addColumn('recorded_by', 'text', (c) => c.notNull())
          .addColumn('corrections', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('activity_lines_pk', ['rep_id', 'day']),
      ).execute();
      await db.schema.createIndex('activity_lines_day').on('activity_lines').columns(['day', 'rep_id']).execute();
      await figures(
        db.schema
          .createTable('activity_plans')
          .addColumn('rep_id', 'text', (c) => c.notNull())
          .addColumn('period_from', 'text', (c) => c.notNull())
          .addColumn('period_to', 'text', (c) => c.notNull())
          .addColumn('rep_name', 'text')
          .addColumn('note', 'text')
          .addColumn('recorded_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('activity_plans_pk', ['rep_id', 'period_from']),
      ).execute();
    },
  },
  // Where each complaint stands (its workflow's stage), so that My work lists the complaints whose next step a
  // person owes. Rows written before carry none until their order is projected again (or the read model rebuilt).
  '0007-complaint-stage': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('order_complaints').addColumn('stage', 'text').execute();
      await db.schema.createIndex('order_complaints_stage').on('order_complaints').columns(['stage', 'filed_at']).execute();
    },
  },
  // How many callbacks a closed complaint has had, so that My work owes the next one from its own due time, not
  // from the first's. Rows written before count none until their order is projected again (or the read model rebuilt).
  '0008-complaint-callbacks': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('order_complaints')
        .addColumn('callbacks_made', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
  // The timeline's sentences in Chinese where the order wrote them (its notices, reminders and escalations), so
  // that My work's notices read in Chinese first. Rows written before have none: they read in English.
  '0009-timeline-in-chinese': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('order_timeline').addColumn('detail_zh', 'text').execute();
    },
  },
  // How a complaint closed, in Chinese where its workflow said it, so that the customer's file reads as the order's
  // line does. Rows written before have none until their order is projected again (or the read model rebuilt).
  '0010-complaint-resolution-in-chinese': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('order_complaints').addColumn('resolution_zh', 'text').execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Brings the database to the latest version. The worker and the API may start together on one
 * SQLite file, where Kysely takes no lock across processes: the one that loses the race fails on the
 * first table or the migration table's key and, trying again a moment later, finds the work done.
 */
export async function migrate(db: Kysely<unknown>, attempts = 3): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (!error) return;
  if (attempts > 1) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    return migrate(db, attempts - 1);
  }
  const failed = results?.find((r) => r.status === 'Error')?.migrationName;
  throw new Error(`the read model's migration ${failed ?? ''} failed: ${(error as Error).message}`, { cause: error });
}
