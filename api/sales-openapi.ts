import type { z } from 'zod';
import {
  ActivityLine,
  ActivityLines,
  AddReferrals,
  BoardQuery,
  CreateProspect,
  DayQuery,
  PeriodQuery,
  Plan,
  Plans,
  Prospect,
  ProspectListQuery,
  ProspectMove,
  ProspectPage,
  RecordActivityLine,
  RecordPlan,
  ResultsBoard,
  SalesSummary,
  Shortfalls,
} from './sales-schemas';

// The group sales pipeline's part of the OpenAPI document (团订, seed 003), built with openapi.ts's helpers.

interface Helpers {
  jsonSchema: (schema: z.ZodType, io: 'input' | 'output') => Record<string, unknown>;
  ref: (name: string) => { $ref: string };
  json: (name: string, description: string) => unknown;
  problems: (...statuses: number[]) => Record<string, unknown>;
  queryParameters: (schema: z.ZodType) => unknown[];
  idempotencyKey: unknown;
}

export function salesPipelineSchemas({ jsonSchema }: Helpers) {
  return {
    CreateProspect: jsonSchema(CreateProspect, 'input'),
    ProspectMove: { ...jsonSchema(ProspectMove, 'input'), discriminator: { propertyName: 'to' } },
    AddReferrals: jsonSchema(AddReferrals, 'input'),
    RecordActivityLine: jsonSchema(RecordActivityLine, 'input'),
    RecordPlan: jsonSchema(RecordPlan, 'input'),
    Prospect: jsonSchema(Prospect, 'output'),
    ProspectPage: jsonSchema(ProspectPage, 'output'),
    ActivityLine: jsonSchema(ActivityLine, 'output'),
    ActivityLines: jsonSchema(ActivityLines, 'output'),
    Plan: jsonSchema(Plan, 'output'),
    Plans: jsonSchema(Plans, 'output'),
    SalesSummary: jsonSchema(SalesSummary, 'output'),
    Shortfalls: jsonSchema(Shortfalls, 'output'),
    ResultsBoard: jsonSchema(ResultsBoard, 'output'),
  };
}

export function salesPipelinePaths({ ref, json, problems, queryParameters, idempotencyKey }: Helpers) {
  const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
  const body = (name: string) => ({ required: true, content: { 'application/json': { schema: ref(name) } } });
  const prospectId = { name: 'id', in: 'path', required: true, description: "the prospect's id (P-…)", schema: { type: 'string' } };
  const readers =
    'Sales reps read their own (a `rep` naming another is 403); the group sales manager (`group-sales-manager`, 团订部经理) and the ' +
    'supervisor read everyone’s; customers and other roles get 403.';
  const writers = 'Sales reps only, for their own pipeline (the rep is the token’s person); others get 403.';
  const notFound = problem('no such prospect in your pipeline (a rep asking for another rep’s prospect is answered the same way)');
  return {
    '/sales-pipeline/prospects': {
      post: {
        summary: 'Add a prospect company to the pipeline, at 电话约访 Dh',
        description: `${writers} The id is made from the rep and the Idempotency-Key: a retry is answered with the same prospect.`,
        parameters: [idempotencyKey],
        requestBody: body('CreateProspect'),
        responses: { '201': json('Prospect', 'the prospect; Location names it'), ...problems(400, 401, 403, 413, 415, 422) },
      },
      get: {
        summary: "The pipeline's prospects, by rep and the date they joined",
        description: readers,
        parameters: queryParameters(ProspectListQuery),
        responses: { '200': json('ProspectPage', 'a page of prospects'), ...problems(400, 401, 403) },
      },
    },
    '/sales-pipeline/prospects/{id}': {
      get: {
        summary: 'A prospect: its stage, rep, the date of each move, its referral names',
        description: readers,
        parameters: [prospectId],
        responses: { '200': json('Prospect', 'the prospect'), ...problems(401, 403), '404': notFound },
      },
    },
    '/sales-pipeline/prospects/{id}/moves': {
      post: {
        summary: 'Move a prospect to its next step (Dh → Hq → Zl → Fa → Cc), sign it from Cc, or drop it',
        description:
          `${writers} One step at a time, forward: 资料搜集 Zl names the customer data sheet and the proposal request to the design ` +
          'centre. A step out of turn, or a move of a signed or dropped prospect, is 409 `stage-not-next` naming the next step.',
        parameters: [prospectId, idempotencyKey],
        requestBody: body('ProspectMove'),
        responses: {
          '200': json('Prospect', 'moved'),
          ...problems(400, 401, 403, 413, 415, 422),
          '404': notFound,
          '409': problem('stage-not-next: not the prospect’s next step; the detail names where it is and what comes next'),
        },
      },
    },
    '/sales-pipeline/prospects/{id}/referrals': {
      post: {
        summary: 'Add referral names (推荐介绍名单) collected from a prospect',
        description: `${writers} Collected at signing (5.3) and whenever the work stops (1.8).`,
        parameters: [prospectId, idempotencyKey],
        requestBody: body('AddReferrals'),
        responses: { '200': json('Prospect', 'with its referral names'), ...problems(400, 401, 403, 413, 415, 422), '404': notFound },
      },
    },
    '/sales-pipeline/activity-lines': {
      post: {
        summary: "Record the day's line Hq:Zl:Fa:Cc:N:C:T (each evening; a correction replaces it)",
        description:
          `${writers} One line per rep and company day: 201 when first recorded, 200 when it replaced the day's line (corrections ` +
          'counts them). 422 `activity-line-refused` for a day not yet come, contracts (N) without an amount (C) or the other way ' +
          'round, or a commission (T) above the amount.',
        parameters: [idempotencyKey],
        requestBody: body('RecordActivityLine'),
        responses: {
          '201': json('ActivityLine', 'recorded'),
          '200': json('ActivityLine', 'the correction replaced the day’s line'),
          ...problems(400, 401, 403, 413, 415),
          '422': problem('activity-line-refused (the day has not come, or the figures do not add up), or the Idempotency-Key reused'),
        },
      },
      get: {
        summary: 'The daily lines of a period (default the last seven days)',
        description: readers,
        parameters: queryParameters(PeriodQuery),
        responses: { '200': json('ActivityLines', 'by day and rep'), ...problems(400, 401, 403) },
      },
    },
    '/sales-pipeline/plans': {
      post: {
        summary: 'Record the plan for a half-week (每周工作计划表): Monday–Wednesday, made on Monday; Thursday–Saturday, made on Thursday',
        description: `${writers} Recording it again replaces it. A \`from\` that is not a Monday or a Thursday is 400.`,
        parameters: [idempotencyKey],
        requestBody: body('RecordPlan'),
        responses: { '200': json('Plan', 'the plan'), ...problems(400, 401, 403, 413, 415, 422) },
      },
      get: {
        summary: 'The half-week plans starting in a period (default the last seven days)',
        description: readers,
        parameters: queryParameters(PeriodQuery),
        responses: { '200': json('Plans', 'by start and rep'), ...problems(400, 401, 403) },
      },
    },
    '/sales-pipeline/summary': {
      get: {
        summary: "The day's summary for the group sales manager: every rep's line, the department's total, each rep's shortfalls",
        description:
          'Group sales manager and supervisor only (a sales rep reads their own shortfalls). The same figures as the stored ' +
          '`group-sales-daily` report, which a Temporal Schedule makes at 08:30 each working day for the working day before ' +
          '(GET /reports). Reps are those with a prospect or a line; a working day without a rep’s line is a shortfall.',
        parameters: queryParameters(DayQuery),
        responses: { '200': json('SalesSummary', 'the summary'), ...problems(400, 401, 403) },
      },
    },
    '/sales-pipeline/shortfalls': {
      get: {
        summary:
          "Shortfalls against the department's standards: pipeline ≥ 150 prospects, ≥ 3 customers seen a day, ≥ 25 effective activities a week",
        description:
          `${readers} The standards are policy numbers (\`reports.groupSales\` in ORDERFLOW_POLICY_FILE). Customers seen are the ` +
          "day's Hq + Zl + Fa + Cc (each is a meeting at the customer); the week's effective activities are judged on its last " +
          'working day (shown, not judged, before it); the pipeline counts the prospects open at the end of the day.',
        parameters: queryParameters(DayQuery),
        responses: { '200': json('Shortfalls', 'each shortfall with the actual figure and the standard'), ...problems(400, 401, 403) },
      },
    },
    '/sales-pipeline/results-board': {
      get: {
        summary: 'The Monday and Thursday results board (白板公布表): each rep’s figures over the half-week before, beside their plan',
        description:
          'Sales reps, the group sales manager and the supervisor; customers and other roles get 403. Reps see the whole board: it is ' +
          'shown to the department at the meeting. Ranked by effective activities.',
        parameters: queryParameters(BoardQuery),
        responses: { '200': json('ResultsBoard', 'the board'), ...problems(400, 401, 403) },
      },
    },
  };
}
