import { z } from 'zod';
import { Fen, IsoDate, PartyId } from '../workflows/domain/order';
import { pipelineStages, shortfallNames, type ShortfallKind } from '../workflows/domain/sales-pipeline';

// The group sales pipeline (团订, seed 003) as the API takes and shows it (api/routes/sales-pipeline.ts),
// with an example each for the OpenAPI document. Money in fen; days are company dates.

const Text = (max: number) => z.string().trim().min(1).max(max);
const Stage = z.enum(pipelineStages).describe('dh 电话约访, hq 唤起需求, zl 资料搜集, fa 方案说明, cc 促成签单');
const Status = z.enum(['open', 'signed', 'dropped']).describe('open: in the pipeline; signed: contract signed; dropped: the rep stopped');
const Count = z.int().min(0).max(1000);
const Person = z.object({
  id: z.string().describe("the person's id"),
  name: z.string().nullable().describe('their name; null when not known'),
});

export const CreateProspect = z
  .object({
    company: Text(200).describe('the prospect company (团订客户单位)'),
    contact: Text(120).optional().describe('the contact person there (联系人)'),
    phone: Text(40).optional().describe("the contact's phone"),
    openedOn: IsoDate.optional().describe('the company date it joined the call list (电话约访 Dh); default today'),
  })
  .strict()
  .meta({ examples: [{ company: '杭州银泰酒店 Hangzhou Yintai Hotel', contact: '陈经理 Manager Chen', phone: '+86 571 0000 0000' }] });

const moveBase = {
  on: IsoDate.optional().describe('the company date of the step; default today'),
  note: Text(500).optional().describe('a note on the step'),
};
export const ProspectMove = z
  .discriminatedUnion('to', [
    z
      .object({ to: z.literal('hq').describe('唤起需求: the company and its uniform service presented, the need aroused'), ...moveBase })
      .strict(),
    z
      .object({
        to: z.literal('zl').describe('资料搜集: the customer data sheet filled in and a uniform proposal requested from the design centre'),
        ...moveBase,
        dataSheetRef: Text(80).describe('the customer data sheet (客户资料搜集表)'),
        proposalRequestRef: Text(80).describe('the proposal request to the design centre (企业职业装方案制作申请表)'),
      })
      .strict(),
    z
      .object({
        to: z.literal('fa').describe("方案说明: the design centre's proposal explained to the customer"),
        ...moveBase,
        proposalRef: Text(80).optional().describe("the design centre's proposal (职业装方案)"),
      })
      .strict(),
    z.object({ to: z.literal('cc').describe('促成签单: closing'), ...moveBase }).strict(),
    z
      .object({
        to: z.literal('signed').describe('the sales contract signed (from Cc only); the group order starts from it'),
        ...moveBase,
        contractRef: Text(80).describe('the sales contract (销售合同)'),
      })
      .strict(),
    z
      .object({
        to: z.literal('dropped').describe('the work stopped at any step (1.8: collect referral names)'),
        ...moveBase,
        reason: Text(500).describe('why the work stopped'),
      })
      .strict(),
  ])
  .meta({ examples: [{ to: 'zl', on: '2027-03-02', dataSheetRef: 'KH-ZL-0311', proposalRequestRef: 'FA-SQ-0311' }] });

export const AddReferrals = z
  .object({
    referrals: z
      .array(
        z
          .object({
            name: Text(120).describe('the person named'),
            company: Text(200).optional().describe('their company'),
            phone: Text(40).optional().describe('their phone'),
          })
          .strict(),
      )
      .min(1)
      .max(50)
      .describe('names the customer gave for other companies to call (转介绍), 1 to 50'),
    on: IsoDate.optional().describe('the company date they were collected; default today'),
  })
  .strict()
  .meta({ examples: [{ referrals: [{ name: '李总 Mr Li', company: 'Hangzhou Hotel Group', phone: '+86 571 1111 1111' }] }] });

const figureFields = {
  hq: Count.describe('唤起需求 Hq: needs aroused'),
  zl: Count.describe('资料搜集 Zl: customer data collected'),
  fa: Count.describe('方案说明 Fa: proposals explained'),
  cc: Count.describe('促成 Cc: closing visits'),
  contracts: Count.describe('N: contracts signed'),
  contractAmount: Fen.describe('C: their contract amount, fen'),
  commission: Fen.describe("T: the rep's commission, fen"),
};
const lineExample = { hq: 2, zl: 1, fa: 0, cc: 1, contracts: 1, contractAmount: 2_000_000, commission: 60_000 };

export const RecordActivityLine = z
  .object({ day: IsoDate.optional().describe('the company day the line reports; default today'), ...figureFields })
  .strict()
  .meta({ examples: [{ day: '2027-03-06', ...lineExample }] });

/** The figures a rep planned for a half-week: in the plan they record, the plans list and the results board. */
const plannedFigures = { hq: 6, zl: 4, fa: 2, cc: 2, contracts: 2, contractAmount: 3_000_000, commission: 90_000 };
/** A half-week's plan as a rep records it; the plans list shows it with the rep, its last day and when it was recorded. */
const plannedExample = { from: '2027-03-04', ...plannedFigures, note: '3 visits in Xiaoshan' };

export const RecordPlan = z
  .object({
    from: IsoDate.describe('a Monday (plan for Monday–Wednesday) or a Thursday (Thursday–Saturday)'),
    ...figureFields,
    note: Text(1000).optional().describe('the appointments planned'),
  })
  .strict()
  .meta({ examples: [plannedExample] });

const RepFilter = PartyId.optional().describe("a rep's id; a sales rep sees only their own (naming another is 403)");
const Page = {
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe('rows per page'),
  offset: z.coerce.number().int().min(0).default(0).describe('rows to skip'),
};
export const ProspectListQuery = z.object({ rep: RepFilter, stage: Stage.optional(), status: Status.optional(), ...Page }).strict();
export const PeriodQuery = z
  .object({
    rep: RepFilter,
    from: IsoDate.optional().describe('first company day; default six days before `to`'),
    to: IsoDate.optional().describe('last company day; default today'),
  })
  .strict();
export const DayQuery = z
  .object({
    day: IsoDate.optional().describe('the company day; default the last working day before today (what the morning summary covers)'),
  })
  .strict();
export const BoardQuery = z
  .object({ day: IsoDate.optional().describe('the Monday or Thursday of the meeting (any day: the half-week before it); default today') })
  .strict();

// --- answers ---

const prospectExample = {
  id: 'P-3f9a1c0b7d2e4a61',
  company: '杭州银泰酒店 Hangzhou Yintai Hotel',
  contact: '陈经理 Manager Chen',
  phone: '+86 571 0000 0000',
  rep: { id: 'rep-zhang', name: '张伟 Zhang Wei' },
  stage: 'zl',
  stageName: '资料搜集 Zl (customer data collected, proposal requested from the design centre)',
  status: 'open',
  openedOn: '2027-02-01',
  closedOn: null,
  updatedAt: '2027-03-02T07:10:00.000Z',
};
const ProspectRow = z.object({
  id: z.string().describe("the prospect's id"),
  company: z.string().describe('the prospect company (团订客户单位)'),
  contact: z.string().nullable().describe('the contact person there (联系人)'),
  phone: z.string().nullable().describe("the contact's phone"),
  rep: Person.describe('the sales rep who works it'),
  stage: Stage,
  stageName: z.string().describe("the stage's name in both languages"),
  status: Status,
  openedOn: IsoDate.describe('the company date it joined the call list (电话约访 Dh)'),
  closedOn: IsoDate.nullable().describe('signed or dropped on'),
  updatedAt: z.iso.datetime().describe('when it last changed'),
});
export const Prospect = ProspectRow.extend({
  moves: z
    .array(
      z
        .object({
          to: z.string().describe('the stage (or signed, dropped) it moved to'),
          on: IsoDate.describe('the company date of the step'),
          at: z.iso.datetime().describe('when it was recorded'),
          by: z.string().describe("the recorder's id"),
        })
        .loose(),
    )
    .describe('every step with its company date, from dh (joined the call list) on, with the documents given'),
  referrals: z
    .array(
      z.object({
        name: z.string().describe('the person named'),
        company: z.string().nullable().describe('their company'),
        phone: z.string().nullable().describe('their phone'),
        collectedOn: IsoDate.describe('the company date they were collected'),
      }),
    )
    .describe('names collected from this customer (转介绍)'),
}).meta({
  examples: [
    {
      ...prospectExample,
      moves: [
        { to: 'dh', on: '2027-02-01', at: '2027-02-01T02:00:00.000Z', by: 'rep-zhang' },
        { to: 'hq', on: '2027-02-03', at: '2027-02-03T06:00:00.000Z', by: 'rep-zhang' },
        {
          to: 'zl',
          on: '2027-03-02',
          at: '2027-03-02T07:10:00.000Z',
          by: 'rep-zhang',
          dataSheetRef: 'KH-ZL-0311',
          proposalRequestRef: 'FA-SQ-0311',
        },
      ],
      referrals: [],
    },
  ],
});
export const ProspectPage = z
  .object({
    total: z.int().describe('prospects matching the filter, on all pages'),
    prospects: z.array(ProspectRow).describe('this page, by rep, then the date each joined the call list'),
  })
  .meta({ examples: [{ total: 1, prospects: [prospectExample] }] });

const lineViewExample = {
  rep: { id: 'rep-zhang', name: '张伟 Zhang Wei' },
  day: '2027-03-06',
  ...lineExample,
  line: '2:1:0:1:1:20000.00:600.00',
  recordedAt: '2027-03-06T12:30:00.000Z',
  recordedBy: 'rep-zhang',
  corrections: 0,
};
export const ActivityLine = z
  .object({
    rep: Person.describe('the sales rep'),
    day: IsoDate.describe('the company day the line reports'),
    ...figureFields,
    line: z.string().describe('Hq:Zl:Fa:Cc:N:C:T as texted, C and T in yuan'),
    recordedAt: z.iso.datetime().describe('when it was recorded (last replaced)'),
    recordedBy: z.string().describe("the recorder's id"),
    corrections: z.int().describe('how often the line was replaced'),
  })
  .meta({ examples: [lineViewExample] });
export const ActivityLines = z
  .object({ lines: z.array(ActivityLine).describe('one per rep and day (日报), by day, then rep') })
  .meta({ examples: [{ lines: [lineViewExample] }] });

const planExample = {
  rep: { id: 'rep-zhang', name: '张伟 Zhang Wei' },
  ...plannedExample,
  to: '2027-03-06',
  recordedAt: '2027-03-03T11:00:00.000Z',
};
export const Plan = z
  .object({
    rep: Person.describe('the sales rep'),
    from: IsoDate.describe('the first company day of the half-week (a Monday or a Thursday)'),
    to: IsoDate.describe('its last company day (the Wednesday or the Saturday)'),
    ...figureFields,
    note: z.string().nullable().describe('the appointments planned'),
    recordedAt: z.iso.datetime().describe('when it was recorded (last replaced)'),
  })
  .meta({ examples: [planExample] });
export const Plans = z
  .object({ plans: z.array(Plan).describe('one per rep and half-week (计划), by its first day, then rep') })
  .meta({ examples: [{ plans: [planExample] }] });

const shortfallKinds = Object.keys(shortfallNames) as [ShortfallKind, ...ShortfallKind[]];
const Shortfall = z.object({
  repId: z.string().describe("the sales rep's id"),
  kind: z.enum(shortfallKinds).describe(
    Object.entries(shortfallNames)
      .map(([k, v]) => `${k}: ${v}`)
      .join('; '),
  ),
  actual: z.int().describe("the rep's figure"),
  standard: z.int().describe('the standard it falls short of'),
});
const Standards = z.object({
  pipelineAtLeast: z.int().describe('open prospects each rep keeps in the pipeline, at least'),
  visitsPerDayAtLeast: z.int().describe('visits (Hq+Zl+Fa+Cc) a day, at least'),
  effectiveActivitiesPerWeekAtLeast: z.int().describe('effective activities (Hq+Zl+Fa+Cc) a week, at least'),
});
const Figures = z.object(figureFields);
const standardsExample = { pipelineAtLeast: 150, visitsPerDayAtLeast: 3, effectiveActivitiesPerWeekAtLeast: 25 };

export const SalesSummary = z
  .object({
    day: IsoDate.describe('the company day summarised'),
    standards: Standards.describe('流程标准: the policy numbers checked'),
    line: z.string().describe("the department's Hq:Zl:Fa:Cc:N:C:T for the day"),
    total: Figures.describe("the department's figures for the day"),
    repsReporting: z.int().describe('reps who recorded a line for the day'),
    repsWithShortfalls: z.int().describe('reps short of a standard'),
    reps: z
      .array(
        z.object({
          rep: Person.describe('the sales rep'),
          line: z.string().nullable().describe('null: no line recorded'),
          figures: Figures.nullable().describe("the rep's figures for the day; null: no line recorded"),
          weekEffectiveActivities: z.int().describe('Hq+Zl+Fa+Cc from Monday up to the day'),
          openProspects: z.int().describe('their prospects open in the pipeline now'),
          shortfalls: z.array(Shortfall).describe('each standard they fall short of'),
        }),
      )
      .describe('every sales rep'),
  })
  .meta({
    examples: [
      {
        day: '2027-03-06',
        standards: standardsExample,
        line: '3:2:0:1:1:20000.00:600.00',
        total: { hq: 3, zl: 2, fa: 0, cc: 1, contracts: 1, contractAmount: 2_000_000, commission: 60_000 },
        repsReporting: 2,
        repsWithShortfalls: 1,
        reps: [
          {
            rep: { id: 'rep-wang', name: '王芳 Wang Fang' },
            line: null,
            figures: null,
            weekEffectiveActivities: 12,
            openProspects: 40,
            shortfalls: [
              { repId: 'rep-wang', kind: 'no-line', actual: 0, standard: 1 },
              { repId: 'rep-wang', kind: 'pipeline', actual: 40, standard: 150 },
              { repId: 'rep-wang', kind: 'visits', actual: 0, standard: 3 },
              { repId: 'rep-wang', kind: 'weekly-activities', actual: 12, standard: 25 },
            ],
          },
        ],
      },
    ],
  });

export const Shortfalls = z
  .object({
    day: IsoDate.describe('the company day checked'),
    standards: Standards.describe('流程标准: the policy numbers checked'),
    shortfalls: z
      .array(
        Shortfall.extend({
          repName: z.string().nullable().describe("the rep's name; null when not known"),
          name: z.string().describe('the shortfall in words'),
        }),
      )
      .describe('every rep short of a standard, one row per standard'),
  })
  .meta({
    examples: [
      {
        day: '2027-03-06',
        standards: standardsExample,
        shortfalls: [
          { repId: 'rep-liu', repName: '刘洋 Liu Yang', kind: 'pipeline', name: shortfallNames.pipeline, actual: 148, standard: 150 },
          { repId: 'rep-liu', repName: '刘洋 Liu Yang', kind: 'visits', name: shortfallNames.visits, actual: 2, standard: 3 },
        ],
      },
    ],
  });

const BoardFigures = Figures.extend({
  line: z.string().describe('Hq:Zl:Fa:Cc:N:C:T, C and T in yuan'),
  effectiveActivities: z.int().describe('Hq+Zl+Fa+Cc'),
});
export const ResultsBoard = z
  .object({
    day: IsoDate.describe('the day of the meeting'),
    from: IsoDate.describe('the first company day of the half-week shown'),
    to: IsoDate.describe('its last company day'),
    reps: z
      .array(
        z.object({
          rep: Person.describe('the sales rep'),
          daysReported: z.int().describe('days of the half-week with a line recorded'),
          actual: BoardFigures.describe('what they did: the half-week summed'),
          plan: BoardFigures.nullable().describe('what they planned (计划); null: no plan recorded'),
        }),
      )
      .describe('the results board (业绩看板): every rep, most effective activities first'),
  })
  .meta({
    examples: [
      {
        day: '2027-03-08',
        from: '2027-03-04',
        to: '2027-03-06',
        reps: [
          {
            rep: { id: 'rep-zhang', name: '张伟 Zhang Wei' },
            daysReported: 3,
            actual: {
              hq: 5,
              zl: 3,
              fa: 2,
              cc: 3,
              contracts: 2,
              contractAmount: 2_860_000,
              commission: 85_800,
              line: '5:3:2:3:2:28600.00:858.00',
              effectiveActivities: 13,
            },
            plan: {
              ...plannedFigures,
              line: '6:4:2:2:2:30000.00:900.00',
              effectiveActivities: 14,
            },
          },
        ],
      },
    ],
  });
