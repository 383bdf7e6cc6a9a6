import { Router, type Response } from 'express';
import { policyFor, type PolicyFile } from '../../client/channels';
import { reportSettings } from '../../client/reports-policy';
import {
  addReferrals,
  createProspect,
  findProspect,
  listActivityLines,
  listPlans,
  listProspects,
  moveProspect,
  recordActivityLine,
  recordPlan,
  resultsBoard,
  type Outcome,
} from '../../read-model/sales-pipeline';
import { salesDay } from '../../read-model/sales-summary';
import type { ReadModel } from '../../read-model/store';
import { addCalendarDays, dateAt } from '../../workflows/domain/calendar';
import {
  activityLineRefusal,
  activityLineText,
  effectiveActivities,
  halfWeekOf,
  isHalfWeekStart,
  previousWorkingDay,
  shortfallNames,
} from '../../workflows/domain/sales-pipeline';
import { personOf, type Person } from '../auth';
import { digestOf, idempotencyOf, keyReused } from '../idempotency';
import { invalidFields, invalidRequest, Problem } from '../problem';
import {
  AddReferrals,
  BoardQuery,
  CreateProspect,
  DayQuery,
  PeriodQuery,
  ProspectListQuery,
  ProspectMove,
  RecordActivityLine,
  RecordPlan,
} from '../sales-schemas';

// 团订 sales pipeline (seed 003), written and read through the read model: each sales rep keeps their
// own prospects, daily line and half-week plans; the group sales manager (团订部经理) and the
// supervisor read everyone's, with the day's summary and the shortfalls; the results board is shown
// to the whole department. Customers and the other departments see none of it.

export interface SalesPipelineRoutesDeps {
  readModel: ReadModel;
  policy: PolicyFile;
}

const managers = ['group-sales-manager', 'supervisor'];
const notPermitted = (detail: string) => new Problem(403, 'role-not-permitted', 'Not for your role', detail);
const prospectNotFound = () => new Problem(404, 'prospect-not-found', 'Prospect not found', 'no prospect with this id in your pipeline');

/** Who may read: a sales rep (their own only), the managers (everyone's). */
function reader(res: Response): { person: Person; own: string | undefined } {
  const person = personOf(res);
  if (person.role === 'sales-rep') return { person, own: person.id };
  if (managers.includes(person.role)) return { person, own: undefined };
  throw notPermitted('the group sales pipeline is for its sales reps and managers (group-sales-manager, supervisor)');
}

/** Who may write: a sales rep, for their own pipeline and lines. */
function rep(res: Response): Person {
  const person = personOf(res);
  if (person.role !== 'sales-rep') throw notPermitted('a sales rep records their own prospects, lines and plans; managers read them');
  return person;
}

/** The rep a read is about: a sales rep's own, whatever they name; naming another is refused. */
function repFilter(own: string | undefined, named: string | undefined): string | undefined {
  if (own !== undefined && named !== undefined && named !== own) throw notPermitted('a sales rep sees their own pipeline and lines only');
  return own ?? named;
}

function refused(outcome: Exclude<Outcome<unknown>, { ok: unknown }>): Problem {
  if (outcome.refused === 'not-found') return prospectNotFound();
  if (outcome.refused === 'key-reused') return keyReused(outcome.detail);
  return new Problem(409, 'stage-not-next', 'Not the next step for this prospect', outcome.detail);
}

export function salesPipelineRoutes({ readModel, policy }: SalesPipelineRoutesDeps): Router {
  const router = Router();
  const { db } = readModel;
  const { calendar } = policyFor('standard', undefined, policy);
  // The department's standards (policy numbers): the reports' policy, as the morning summary reads them.
  const standards = reportSettings(policy).reports.groupSales;
  const today = () => dateAt(Date.now(), calendar.timeZone);

  /** A step, a referral or a prospect is recorded on its day or after it, never ahead. */
  const notAhead = (field: string, day: string) => {
    if (day > today()) throw invalidFields([{ field, message: `${day} has not come yet: record it on that day or after it` }]);
    return day;
  };

  /** The prospect, if the reader may see it (a rep: their own). */
  async function visibleProspect(id: string, own: string | undefined) {
    const prospect = await findProspect(db, id);
    if (!prospect || (own !== undefined && prospect.rep.id !== own)) throw prospectNotFound();
    return prospect;
  }

  router.post('/sales-pipeline/prospects', async (req, res) => {
    const person = rep(res);
    const request = idempotencyOf(req, res);
    const parsed = CreateProspect.safeParse(req.body);
    if (!parsed.success) throw invalidRequest(parsed.error.issues);
    // The id comes from the rep and the key, so a retry finds the prospect it made.
    const id = `P-${digestOf(`${person.id}\n${request.key}`).slice(0, 16)}`;
    const { openedOn = today(), ...fields } = parsed.data;
    const outcome = await createProspect(
      db,
      { id, ...fields, rep: { id: person.id, name: person.name }, openedOn: notAhead('openedOn', openedOn) },
      new Date().toISOString(),
      request,
    );
    if ('refused' in outcome) throw refused(outcome);
    res
      .status(201)
      .location(`${req.baseUrl}/sales-pipeline/prospects/${id}`)
      .json(await findProspect(db, id));
  });

  router.get('/sales-pipeline/prospects', async (req, res) => {
    const { own } = reader(res);
    const query = ProspectListQuery.safeParse(req.query);
    if (!query.success) throw invalidRequest(query.error.issues, 'query');
    res.json(await listProspects(db, { ...query.data, rep: repFilter(own, query.data.rep) }));
  });

  router.get('/sales-pipeline/prospects/:id', async (req, res) => {
    const { own } = reader(res);
    res.json(await visibleProspect(req.params.id, own));
  });

  router.post('/sales-pipeline/prospects/:id/moves', async (req, res) => {
    const person = rep(res);
    const request = idempotencyOf(req, res);
    const parsed = ProspectMove.safeParse(req.body);
    if (!parsed.success) throw invalidRequest(parsed.error.issues);
    await visibleProspect(req.params.id, person.id);
    const move = { ...parsed.data, on: notAhead('on', parsed.data.on ?? today()) };
    const outcome = await moveProspect(db, req.params.id, move, { id: person.id, name: person.name }, new Date().toISOString(), request);
    if ('refused' in outcome) throw refused(outcome);
    res.json(await findProspect(db, req.params.id));
  });

  router.post('/sales-pipeline/prospects/:id/referrals', async (req, res) => {
    const person = rep(res);
    const request = idempotencyOf(req, res);
    const parsed = AddReferrals.safeParse(req.body);
    if (!parsed.success) throw invalidRequest(parsed.error.issues);
    await visibleProspect(req.params.id, person.id);
    const outcome = await addReferrals(db, req.params.id, parsed.data.referrals, notAhead('on', parsed.data.on ?? today()), request);
    if ('refused' in outcome) throw refused(outcome);
    res.json(await findProspect(db, req.params.id));
  });

  router.post('/sales-pipeline/activity-lines', async (req, res) => {
    const person = rep(res);
    idempotencyOf(req, res);
    const parsed = RecordActivityLine.safeParse(req.body);
    if (!parsed.success) throw invalidRequest(parsed.error.issues);
    const { day = today(), ...figures } = parsed.data;
    if (day > today())
      throw new Problem(
        422,
        'activity-line-refused',
        'The day has not come yet',
        `the line for ${day} is recorded on that day or after it`,
      );
    const refusal = activityLineRefusal(figures);
    if (refusal) throw new Problem(422, 'activity-line-refused', 'The line does not add up', `${activityLineText(figures)}: ${refusal}`);
    const outcome = await recordActivityLine(db, { id: person.id, name: person.name }, day, figures, person.id, new Date().toISOString());
    const [line] = await listActivityLines(db, { rep: person.id, from: day, to: day });
    res.status(outcome === 'recorded' ? 201 : 200).json(line);
  });

  router.get('/sales-pipeline/activity-lines', async (req, res) => {
    const { own } = reader(res);
    const query = PeriodQuery.safeParse(req.query);
    if (!query.success) throw invalidRequest(query.error.issues, 'query');
    const { to = today() } = query.data;
    const { from = addCalendarDays(to, -6) } = query.data;
    res.json({ lines: await listActivityLines(db, { rep: repFilter(own, query.data.rep), from, to }) });
  });

  router.post('/sales-pipeline/plans', async (req, res) => {
    const person = rep(res);
    idempotencyOf(req, res);
    const parsed = RecordPlan.safeParse(req.body);
    if (!parsed.success) throw invalidRequest(parsed.error.issues);
    const { from, note, ...figures } = parsed.data;
    if (!isHalfWeekStart(from))
      throw invalidFields([
        { field: 'from', message: 'a plan covers Monday–Wednesday or Thursday–Saturday: start it on a Monday or a Thursday' },
      ]);
    await recordPlan(db, { id: person.id, name: person.name }, halfWeekOf(from), figures, note ?? null, new Date().toISOString());
    const [plan] = await listPlans(db, { rep: person.id, from, to: from });
    res.json(plan);
  });

  router.get('/sales-pipeline/plans', async (req, res) => {
    const { own } = reader(res);
    const query = PeriodQuery.safeParse(req.query);
    if (!query.success) throw invalidRequest(query.error.issues, 'query');
    const { to = today() } = query.data;
    const { from = addCalendarDays(to, -6) } = query.data;
    res.json({ plans: await listPlans(db, { rep: repFilter(own, query.data.rep), from, to }) });
  });

  /** The day the morning summary covers, unless the query names one. */
  const summaryDay = (query: { day?: string }) => query.day ?? previousWorkingDay(today(), calendar);

  router.get('/sales-pipeline/summary', async (req, res) => {
    const { person } = reader(res);
    if (!managers.includes(person.role))
      throw notPermitted("the day's summary is the group sales manager's; a sales rep reads their own shortfalls");
    const query = DayQuery.safeParse(req.query);
    if (!query.success) throw invalidRequest(query.error.issues, 'query');
    const day = await salesDay(db, summaryDay(query.data), standards, calendar);
    res.json({
      day: day.day,
      standards: day.standards,
      line: day.line,
      total: day.total,
      repsReporting: day.repsReporting,
      repsWithShortfalls: day.repsWithShortfalls,
      reps: day.reps.map((r) => ({
        rep: { id: r.repId, name: r.repName },
        line: r.line && activityLineText(r.line),
        figures: r.line,
        weekEffectiveActivities: effectiveActivities(r.weekToDate),
        openProspects: r.openProspects,
        shortfalls: day.shortfalls.filter((s) => s.repId === r.repId),
      })),
    });
  });

  router.get('/sales-pipeline/shortfalls', async (req, res) => {
    const { own } = reader(res);
    const query = DayQuery.safeParse(req.query);
    if (!query.success) throw invalidRequest(query.error.issues, 'query');
    const day = await salesDay(db, summaryDay(query.data), standards, calendar, own);
    const names = new Map(day.reps.map((r) => [r.repId, r.repName]));
    res.json({
      day: day.day,
      standards: day.standards,
      shortfalls: day.shortfalls.map((s) => ({ ...s, repName: names.get(s.repId) ?? null, name: shortfallNames[s.kind] })),
    });
  });

  router.get('/sales-pipeline/results-board', async (req, res) => {
    reader(res);
    const query = BoardQuery.safeParse(req.query);
    if (!query.success) throw invalidRequest(query.error.issues, 'query');
    res.json(await resultsBoard(db, query.data.day ?? today()));
  });

  return router;
}
