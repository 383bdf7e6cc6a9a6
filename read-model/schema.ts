// The read model's tables, as Kysely sees them. Times are ISO-8601 UTC strings (they sort as they
// compare in both databases), company dates YYYY-MM-DD, money integer fen, flags 0/1 and JSON as
// text: the same columns on SQLite and PostgreSQL, so one query layer serves both.

export interface OrdersTable {
  order_number: string;
  revision: number;
  channel: string;
  status: string;
  stage: string;
  /** 1 while the order is neither completed nor cancelled: what the status board shows. */
  open: number;
  customer_id: string;
  customer_name: string;
  /** The class the order was taken with (the customer file's class may have changed since). */
  customer_class: string;
  sales_rep_id: string;
  sales_rep_name: string | null;
  received_at: string;
  promised_date: string | null;
  original_promised_date: string | null;
  finished_at: string | null;
  days_late: number | null;
  amount: number;
  deposit_due: number;
  received: number;
  balance_due: number;
  refund_due: number;
  next_events: string;
  owed_by: string;
  stage_since: string;
  open_clocks: string;
  first_confirmation_on_time: number | null;
  progress_on_time: number | null;
  delays_reported: number;
  delays_told_on_time: number;
  /** Delays a supervisor verified as force majeure (0002): the order's lateness is not the rep's. */
  force_majeure_delays: number;
  /** The pieces ordered (the lines' quantities), when the projection carries them (migration 0003-reports). */
  pieces: number | null;
  // distributor
  /** A distributor order's outbound notice (出库通知单, migration 0006-distributor): its number, when issued, when signed. */
  outbound_notice_ref: string | null;
  outbound_notice_issued_at: string | null;
  outbound_notice_signed_at: string | null;
}

export interface TimelineTable {
  order_number: string;
  /** The entry's position in the order's timeline, from 0. */
  seq: number;
  at: string;
  kind: string;
  type: string;
  to_role: string | null;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  via: string | null;
  detail: string;
  /** The sentence in Chinese, where the order wrote one (0009). */
  detail_zh: string | null;
}

export interface ComplaintsTable {
  order_number: string;
  number: number;
  customer_id: string;
  sales_rep_id: string;
  category: string;
  description: string;
  filed_at: string;
  resolved_at: string | null;
  responsible_party: string | null;
  resolution: string | null;
  /** The same in Chinese, where the complaint's workflow said it (0010). */
  resolution_zh: string | null;
  /** What caused it, found when resolved (0002): data-entry, wrong-shipment … */
  cause: string | null;
  /** Where it stands, as its workflow last reported (0007; null for a complaint closed on the order itself, as older orders did). */
  stage: string | null;
  /** The callbacks (回访) made since it closed (0008): the next one falls due at the policy's next time after closing. */
  callbacks_made: number;
}

/** The customer's satisfaction ratings (0002), at sign-off or an after-sales callback. */
export interface RatingsTable {
  order_number: string;
  /** The rating's position among the order's ratings, from 0. */
  seq: number;
  sales_rep_id: string;
  rated_at: string;
  rating: number;
  source: string;
}

export interface CustomersTable {
  id: string;
  name: string;
  class: string;
  /** The number of the class's current version in customer_classes. */
  class_version: number;
  payment_terms: string | null;
  credit_limit: number | null;
  contacts: string;
  sales_rep_id: string | null;
  sales_rep_name: string | null;
  region: string | null;
  created_at: string;
  updated_at: string;
}

/** Every class a customer has had: an order keeps the class it was taken with, the file moves on. */
export interface CustomerClassesTable {
  customer_id: string;
  version: number;
  class: string;
  valid_from: string;
  changed_by: string;
}

/** The company's reports (生产进度跟踪表, 主管检查, 周报, 月度检查), one per kind and company date. */
export interface ReportsTable {
  id: string;
  kind: string;
  run_date: string;
  period_from: string;
  period_to: string;
  /** produced, or skipped (a day off in the company calendar). */
  status: string;
  skip_reason: string | null;
  created_at: string;
  /** The headline figures, JSON. */
  summary: string;
  /** The whole report, JSON (workflows/reports/types.ts `Report`). */
  body: string;
  /** When its notices left through the outbox; null until they have (or when one could not be delivered). */
  notified_at: string | null;
  /** Why a notice could not be delivered. */
  notice_problem: string | null;
}

/** 团订 prospects (0004): a company in the group sales pipeline, kept by its rep through the API. */
export interface ProspectsTable {
  id: string;
  company: string;
  contact: string | null;
  phone: string | null;
  rep_id: string;
  rep_name: string | null;
  /** dh, hq, zl, fa, cc (workflows/domain/sales-pipeline.ts). */
  stage: string;
  /** open, signed or dropped. */
  status: string;
  /** Company dates: in the pipeline from `opened_on`, out of it from `closed_on` (signed or dropped). */
  opened_on: string;
  closed_on: string | null;
  created_at: string;
  updated_at: string;
  /** Who asked for it and with what (the creation's idempotency digest): a retry is answered as the first. */
  creation_digest: string;
}

/** Each move of a prospect (0004): to a stage, signed or dropped, on a company date. */
export interface ProspectMovesTable {
  prospect_id: string;
  seq: number;
  to_stage: string;
  on_date: string;
  at: string;
  by_id: string;
  /** The move's documents and note, JSON. */
  details: string;
  /** The request that made it (Idempotency-Key, digest): a retry is answered, not applied twice. */
  request_key: string;
  request_digest: string;
}

/** Referral names (推荐介绍名单) collected from a prospect (0004). */
export interface ProspectReferralsTable {
  prospect_id: string;
  seq: number;
  name: string;
  company: string | null;
  phone: string | null;
  collected_on: string;
  request_key: string;
  request_digest: string;
}

interface FigureColumns {
  hq: number;
  zl: number;
  fa: number;
  cc: number;
  contracts: number;
  contract_amount: number;
  commission: number;
}

/** A rep's daily line Hq:Zl:Fa:Cc:N:C:T (0004): one per rep and company day; a correction replaces it. */
export interface ActivityLinesTable extends FigureColumns {
  rep_id: string;
  day: string;
  rep_name: string | null;
  recorded_at: string;
  recorded_by: string;
  /** How often the line was replaced after its first recording. */
  corrections: number;
}

/** A rep's plan for a half-week (0004): Monday–Wednesday or Thursday–Saturday (每周工作计划表). */
export interface ActivityPlansTable extends FigureColumns {
  rep_id: string;
  period_from: string;
  period_to: string;
  rep_name: string | null;
  note: string | null;
  recorded_at: string;
}

export interface Database {
  orders: OrdersTable;
  order_timeline: TimelineTable;
  order_complaints: ComplaintsTable;
  order_ratings: RatingsTable;
  customers: CustomersTable;
  customer_classes: CustomerClassesTable;
  reports: ReportsTable;
  // 团订 sales pipeline
  prospects: ProspectsTable;
  prospect_moves: ProspectMovesTable;
  prospect_referrals: ProspectReferralsTable;
  activity_lines: ActivityLinesTable;
  activity_plans: ActivityPlansTable;
}
