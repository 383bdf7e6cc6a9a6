import type { Kysely, Transaction } from 'kysely';
import {
  activityLineText,
  addFigures,
  effectiveActivities,
  halfWeekBefore,
  moveRefusal,
  noActivity,
  stageNames,
  weekStart,
  type ActivityFigures,
  type PipelineStage,
  type ProspectStatus,
  type RepDay,
} from '../workflows/domain/sales-pipeline';
import type { ActivityLinesTable, ActivityPlansTable, Database, ProspectsTable } from './schema';

// The group sales pipeline in the read model (migration 0004): prospects, their moves and referral
// names, the reps' daily lines and half-week plans. The API writes it directly: a prospect has no
// clock of its own (the department's checks run on the morning summary's schedule), so it is a row,
// not a workflow. Each write that could be sent twice carries its request's key and digest.

export interface Requested {
  key: string;
  digest: string;
}

/** Someone acting: the rep or the manager, from the token. */
export interface Person {
  id: string;
  name: string | null;
}

export type Outcome<T> = { ok: T } | { refused: 'not-found' | 'key-reused' | 'not-next'; detail: string };

// --- prospects ---

export interface NewProspect {
  id: string;
  company: string;
  contact?: string;
  phone?: string;
  rep: Person;
  /** The company date it entered the pipeline (电话约访 Dh: on the call list). */
  openedOn: string;
}

/** Adds a prospect at 电话约访 Dh; the same request again is answered with it, another under its id is refused. */
export async function createProspect(db: Kysely<Database>, p: NewProspect, at: string, request: Requested): Promise<Outcome<boolean>> {
  const inserted = await db
    .insertInto('prospects')
    .values({
      id: p.id,
      company: p.company,
      contact: p.contact ?? null,
      phone: p.phone ?? null,
      rep_id: p.rep.id,
      rep_name: p.rep.name,
      stage: 'dh',
      status: 'open',
      opened_on: p.openedOn,
      closed_on: null,
      created_at: at,
      updated_at: at,
      creation_digest: request.digest,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { ok: true };
  const existing = await db.selectFrom('prospects').select('creation_digest').where('id', '=', p.id).executeTakeFirstOrThrow();
  if (existing.creation_digest !== request.digest)
    return { refused: 'key-reused', detail: `this key added prospect ${p.id} from another body` };
  return { ok: false };
}

export type ProspectMove =
  | { to: 'hq' | 'fa' | 'cc'; on: string; note?: string; proposalRef?: string }
  | { to: 'zl'; on: string; note?: string; dataSheetRef: string; proposalRequestRef: string }
  | { to: 'signed'; on: string; note?: string; contractRef: string }
  | { to: 'dropped'; on: string; note?: string; reason: string };

/**
 * Takes the prospect's row for this transaction (on PostgreSQL a row lock, held to its end; SQLite has
 * one writer at a time), so that two requests for one prospect take their turns: the second sees the
 * first's move. False when there is no such prospect.
 */
async function lockProspect(trx: Transaction<Database>, id: string): Promise<boolean> {
  const touched = await trx
    .updateTable('prospects')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(touched.numUpdatedRows) === 1;
}

/** The answer to a request already applied: the same again is fine, the key with another body is not. */
function replayed(earlier: { request_digest: string } | undefined, request: Requested, what: string): Outcome<true> | undefined {
  if (!earlier) return undefined;
  return earlier.request_digest === request.digest ? { ok: true } : { refused: 'key-reused', detail: `this key ${what} with another body` };
}

/** Moves a prospect on (one step, forward), signs or drops it, once per request. */
export async function moveProspect(
  db: Kysely<Database>,
  id: string,
  move: ProspectMove,
  by: Person,
  at: string,
  request: Requested,
): Promise<Outcome<true>> {
  return db.transaction().execute(async (trx): Promise<Outcome<true>> => {
    if (!(await lockProspect(trx, id))) return { refused: 'not-found', detail: `no prospect ${id}` };
    const prospect = await trx.selectFrom('prospects').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const moves = await trx.selectFrom('prospect_moves').select(['request_key', 'request_digest']).where('prospect_id', '=', id).execute();
    const answered = replayed(
      moves.find((m) => m.request_key === request.key),
      request,
      'moved the prospect',
    );
    if (answered) return answered;
    const refusal = moveRefusal({ stage: prospect.stage as PipelineStage, status: prospect.status as ProspectStatus }, move.to);
    if (refusal) return { refused: 'not-next', detail: `${prospect.company}: ${refusal}` };
    const { to, on, ...details } = move;
    await trx
      .insertInto('prospect_moves')
      .values({
        prospect_id: id,
        seq: moves.length,
        to_stage: to,
        on_date: on,
        at,
        by_id: by.id,
        details: JSON.stringify(details),
        request_key: request.key,
        request_digest: request.digest,
      })
      .execute();
    const closes = to === 'signed' || to === 'dropped';
    await trx
      .updateTable('prospects')
      .set(closes ? { status: to, closed_on: on, updated_at: at } : { stage: to, updated_at: at })
      .where('id', '=', id)
      .execute();
    return { ok: true };
  });
}

export interface Referral {
  name: string;
  company?: string;
  phone?: string;
}

/** Adds referral names (推荐介绍名单) collected from a prospect, once per request. */
export async function addReferrals(
  db: Kysely<Database>,
  id: string,
  referrals: Referral[],
  on: string,
  request: Requested,
): Promise<Outcome<true>> {
  return db.transaction().execute(async (trx): Promise<Outcome<true>> => {
    if (!(await lockProspect(trx, id))) return { refused: 'not-found', detail: `no prospect ${id}` };
    const rows = await trx
      .selectFrom('prospect_referrals')
      .select(['request_key', 'request_digest'])
      .where('prospect_id', '=', id)
      .execute();
    const answered = replayed(
      rows.find((r) => r.request_key === request.key),
      request,
      'added referrals',
    );
    if (answered) return answered;
    await trx
      .insertInto('prospect_referrals')
      .values(
        referrals.map((r, i) => ({
          prospect_id: id,
          seq: rows.length + i,
          name: r.name,
          company: r.company ?? null,
          phone: r.phone ?? null,
          collected_on: on,
          request_key: request.key,
          request_digest: request.digest,
        })),
      )
      .execute();
    return { ok: true };
  });
}

const prospectView = (p: ProspectsTable) => ({
  id: p.id,
  company: p.company,
  contact: p.contact,
  phone: p.phone,
  rep: { id: p.rep_id, name: p.rep_name },
  stage: p.stage as PipelineStage,
  stageName: stageNames[p.stage as PipelineStage],
  status: p.status as ProspectStatus,
  openedOn: p.opened_on,
  closedOn: p.closed_on,
  updatedAt: p.updated_at,
});

/** A prospect with the date of each move and its referral names. */
export async function findProspect(db: Kysely<Database>, id: string) {
  const p = await db.selectFrom('prospects').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) return undefined;
  const moves = await db.selectFrom('prospect_moves').selectAll().where('prospect_id', '=', id).orderBy('seq').execute();
  const referrals = await db.selectFrom('prospect_referrals').selectAll().where('prospect_id', '=', id).orderBy('seq').execute();
  return {
    ...prospectView(p),
    moves: [
      { to: 'dh', on: p.opened_on, at: p.created_at, by: p.rep_id },
      ...moves.map((m) => ({ to: m.to_stage, on: m.on_date, at: m.at, by: m.by_id, ...(JSON.parse(m.details) as object) })),
    ],
    referrals: referrals.map((r) => ({ name: r.name, company: r.company, phone: r.phone, collectedOn: r.collected_on })),
  };
}

export interface ProspectFilters {
  rep?: string;
  stage?: PipelineStage;
  status?: ProspectStatus;
  limit: number;
  offset: number;
}

export async function listProspects(db: Kysely<Database>, f: ProspectFilters) {
  let q = db.selectFrom('prospects');
  if (f.rep !== undefined) q = q.where('rep_id', '=', f.rep);
  if (f.stage !== undefined) q = q.where('stage', '=', f.stage);
  if (f.status !== undefined) q = q.where('status', '=', f.status);
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy('rep_id').orderBy('opened_on').orderBy('id').limit(f.limit).offset(f.offset).execute();
  return { total: Number(total), prospects: rows.map(prospectView) };
}

// --- daily lines and half-week plans ---

const figureColumns = (f: ActivityFigures) => ({
  hq: f.hq,
  zl: f.zl,
  fa: f.fa,
  cc: f.cc,
  contracts: f.contracts,
  contract_amount: f.contractAmount,
  commission: f.commission,
});
const figuresOf = (
  row: Pick<ActivityLinesTable, 'hq' | 'zl' | 'fa' | 'cc' | 'contracts' | 'contract_amount' | 'commission'>,
): ActivityFigures => ({
  hq: row.hq,
  zl: row.zl,
  fa: row.fa,
  cc: row.cc,
  contracts: row.contracts,
  contractAmount: row.contract_amount,
  commission: row.commission,
});

/**
 * Records a rep's line for a company day: the first recording, or a correction that replaces it
 * (the same figures again change nothing, so a retry is harmless). Says which it was. Two statements,
 * each whole on its own, so two requests at once cannot both record the day's first line.
 */
export async function recordActivityLine(
  db: Kysely<Database>,
  rep: Person,
  day: string,
  figures: ActivityFigures,
  by: string,
  at: string,
): Promise<'recorded' | 'corrected' | 'unchanged'> {
  const columns = figureColumns(figures);
  const inserted = await db
    .insertInto('activity_lines')
    .values({ rep_id: rep.id, day, rep_name: rep.name, ...columns, recorded_at: at, recorded_by: by, corrections: 0 })
    .onConflict((oc) => oc.columns(['rep_id', 'day']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return 'recorded';
  const corrected = await db
    .updateTable('activity_lines')
    .set((eb) => ({
      ...columns,
      rep_name: rep.name ?? eb.ref('rep_name'),
      recorded_at: at,
      recorded_by: by,
      corrections: eb('corrections', '+', 1),
    }))
    .where('rep_id', '=', rep.id)
    .where('day', '=', day)
    .where((eb) => eb.or(Object.entries(columns).map(([column, value]) => eb(column as keyof typeof columns, '!=', value))))
    .executeTakeFirst();
  return Number(corrected.numUpdatedRows) === 1 ? 'corrected' : 'unchanged';
}

const lineView = (row: ActivityLinesTable) => ({
  rep: { id: row.rep_id, name: row.rep_name },
  day: row.day,
  ...figuresOf(row),
  line: activityLineText(figuresOf(row)),
  recordedAt: row.recorded_at,
  recordedBy: row.recorded_by,
  corrections: row.corrections,
});

export async function findActivityLine(db: Kysely<Database>, repId: string, day: string) {
  const row = await db.selectFrom('activity_lines').selectAll().where('rep_id', '=', repId).where('day', '=', day).executeTakeFirst();
  return row && lineView(row);
}

export async function listActivityLines(db: Kysely<Database>, f: { rep?: string; from: string; to: string }) {
  let q = db.selectFrom('activity_lines').selectAll().where('day', '>=', f.from).where('day', '<=', f.to);
  if (f.rep !== undefined) q = q.where('rep_id', '=', f.rep);
  return (await q.orderBy('day').orderBy('rep_id').execute()).map(lineView);
}

/** Records (or replaces) a rep's plan for the half-week starting `from` (a Monday or a Thursday). */
export async function recordPlan(
  db: Kysely<Database>,
  rep: Person,
  period: { from: string; to: string },
  figures: ActivityFigures,
  note: string | null,
  at: string,
): Promise<void> {
  const row: ActivityPlansTable = {
    rep_id: rep.id,
    period_from: period.from,
    period_to: period.to,
    rep_name: rep.name,
    note,
    recorded_at: at,
    ...figureColumns(figures),
  };
  const { rep_id: _rep, period_from: _from, ...update } = row;
  await db
    .insertInto('activity_plans')
    .values(row)
    .onConflict((oc) => oc.columns(['rep_id', 'period_from']).doUpdateSet(update))
    .execute();
}

const planView = (row: ActivityPlansTable) => ({
  rep: { id: row.rep_id, name: row.rep_name },
  from: row.period_from,
  to: row.period_to,
  ...figuresOf(row),
  note: row.note,
  recordedAt: row.recorded_at,
});

export async function listPlans(db: Kysely<Database>, f: { rep?: string; from: string; to: string }) {
  let q = db.selectFrom('activity_plans').selectAll().where('period_from', '>=', f.from).where('period_from', '<=', f.to);
  if (f.rep !== undefined) q = q.where('rep_id', '=', f.rep);
  return (await q.orderBy('period_from').orderBy('rep_id').execute()).map(planView);
}

// --- what the manager reads: the day per rep, the half-week's results board ---

/**
 * Every rep of the department on a company day: those with a prospect opened by then or a line
 * recorded up to it; each with the day's line, the week's lines up to it and the open prospects.
 */
export async function repDays(db: Kysely<Database>, day: string, repId?: string): Promise<RepDay[]> {
  const monday = weekStart(day);
  let prospects = db
    .selectFrom('prospects')
    .select(['rep_id', 'rep_name'])
    .select((eb) =>
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.or([eb('closed_on', 'is', null), eb('closed_on', '>', day)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('open'),
    )
    .where('opened_on', '<=', day)
    .groupBy(['rep_id', 'rep_name']);
  let lines = db.selectFrom('activity_lines').selectAll().where('day', '<=', day).where('day', '>=', monday);
  let named = db.selectFrom('activity_lines').select(['rep_id', 'rep_name']).where('day', '<=', day).distinct();
  if (repId !== undefined) {
    prospects = prospects.where('rep_id', '=', repId);
    lines = lines.where('rep_id', '=', repId);
    named = named.where('rep_id', '=', repId);
  }
  const reps = new Map<string, RepDay>();
  const rep = (id: string, name: string | null) => {
    const known = reps.get(id) ?? { repId: id, repName: name, line: null, weekToDate: noActivity, openProspects: 0 };
    known.repName ??= name;
    reps.set(id, known);
    return known;
  };
  for (const row of await named.execute()) rep(row.rep_id, row.rep_name);
  for (const row of await prospects.execute()) rep(row.rep_id, row.rep_name).openProspects += Number(row.open ?? 0);
  for (const row of await lines.execute()) {
    const r = rep(row.rep_id, row.rep_name);
    r.weekToDate = addFigures(r.weekToDate, figuresOf(row));
    if (row.day === day) r.line = figuresOf(row);
  }
  return [...reps.values()].sort((a, b) => a.repId.localeCompare(b.repId));
}

/**
 * 1.5 the results board (白板公布表) for the Monday or Thursday meeting on `day`: each rep's figures over
 * the half-week before it, beside the plan the rep made for it, ranked by effective activities.
 */
export async function resultsBoard(db: Kysely<Database>, day: string) {
  const period = halfWeekBefore(day);
  const lines = await listActivityLines(db, period);
  const plans = await listPlans(db, { from: period.from, to: period.from });
  const reps = new Map<string, { rep: Person; actual: ActivityFigures; plan: ActivityFigures | null; daysReported: number }>();
  for (const l of lines) {
    const r = reps.get(l.rep.id) ?? { rep: l.rep, actual: noActivity, plan: null, daysReported: 0 };
    r.actual = addFigures(r.actual, l);
    r.daysReported++;
    reps.set(l.rep.id, r);
  }
  for (const p of plans) {
    const r = reps.get(p.rep.id) ?? { rep: p.rep, actual: noActivity, plan: null, daysReported: 0 };
    r.plan = p;
    reps.set(p.rep.id, r);
  }
  const rows = [...reps.values()]
    .map((r) => ({
      rep: r.rep,
      daysReported: r.daysReported,
      actual: { ...pickFigures(r.actual), line: activityLineText(r.actual), effectiveActivities: effectiveActivities(r.actual) },
      plan: r.plan && { ...pickFigures(r.plan), line: activityLineText(r.plan), effectiveActivities: effectiveActivities(r.plan) },
    }))
    .sort((a, b) => b.actual.effectiveActivities - a.actual.effectiveActivities || a.rep.id.localeCompare(b.rep.id));
  return { day, from: period.from, to: period.to, reps: rows };
}

const pickFigures = ({ hq, zl, fa, cc, contracts, contractAmount, commission }: ActivityFigures): ActivityFigures => ({
  hq,
  zl,
  fa,
  cc,
  contracts,
  contractAmount,
  commission,
});
