import type { Kysely } from 'kysely';
import {
  activityLineText,
  effectiveActivities,
  isHalfWeekStart,
  shortfallNames,
  summariseDay,
  type ActivityFigures,
  type RepDay,
  type SalesStandards,
} from '../workflows/domain/sales-pipeline';
import type { CompanyCalendar } from '../workflows/domain/calendar';
import type { Cell, ReportColumn, ReportSettings, ReportSheet } from '../workflows/reports/types';
import { repDays, resultsBoard } from './sales-pipeline';
import type { Database } from './schema';

// 团订业务经理每日工作记录表 (003 §1.3–1.5): what the group sales manager reads before 09:00 — each rep's
// line of the working day before, the department's total line, and every shortfall against the
// department's standards; on Monday and Thursday mornings also the results board of the half-week.

const col = (key: string, title: string, type: ReportColumn['type'] = 'text'): ReportColumn => ({ key, title, type });

const figureColumns = [
  col('hq', '唤起需求 Hq', 'int'),
  col('zl', '资料搜集 Zl', 'int'),
  col('fa', '方案说明 Fa', 'int'),
  col('cc', '促成 Cc', 'int'),
  col('contracts', '签单数 N', 'int'),
  col('contractAmount', '合同金额 C', 'fen'),
  col('commission', '提成 T', 'fen'),
];
const figureCells = (f: ActivityFigures | null): Record<string, Cell> =>
  f
    ? { hq: f.hq, zl: f.zl, fa: f.fa, cc: f.cc, contracts: f.contracts, contractAmount: f.contractAmount, commission: f.commission }
    : { hq: null, zl: null, fa: null, cc: null, contracts: null, contractAmount: null, commission: null };

/** The day's figures per rep and their shortfalls, as the summary and the shortfalls endpoint show them. */
export async function salesDay(db: Kysely<Database>, day: string, standards: SalesStandards, calendar: CompanyCalendar, repId?: string) {
  const reps = await repDays(db, day, repId);
  return { day, reps, ...summariseDay(reps, day, standards, calendar), standards };
}

export async function groupSalesDaily(db: Kysely<Database>, day: string, runDate: string, { calendar, reports }: ReportSettings) {
  const { reps, total, line, repsReporting, repsWithShortfalls, shortfalls } = await salesDay(db, day, reports.groupSales, calendar);
  const repName = (r: RepDay) => r.repName ?? r.repId;
  const names = new Map(reps.map((r) => [r.repId, repName(r)]));
  const sheets: ReportSheet[] = [
    {
      name: '日报 Daily lines',
      title: `团订业务经理每日工作记录 Group sales reps' lines ${day} (Hq:Zl:Fa:Cc:N:C:T)`,
      columns: [
        col('rep', '业务经理 Rep'),
        col('repId', '编号 Rep id'),
        col('line', 'Hq:Zl:Fa:Cc:N:C:T'),
        ...figureColumns,
        col('effectiveActivities', '有效活动量 Effective activities', 'int'),
        col('weekEffectiveActivities', '本周有效活动量 This week so far', 'int'),
        col('openProspects', '客户储备 Prospects in the pipeline', 'int'),
        col('shortfalls', '未达标 Shortfalls'),
      ],
      rows: [
        ...reps.map((r) => ({
          rep: repName(r),
          repId: r.repId,
          line: r.line ? activityLineText(r.line) : '未报 not recorded',
          ...figureCells(r.line),
          effectiveActivities: r.line ? effectiveActivities(r.line) : null,
          weekEffectiveActivities: effectiveActivities(r.weekToDate),
          openProspects: r.openProspects,
          shortfalls: shortfalls
            .filter((s) => s.repId === r.repId)
            .map((s) => shortfallNames[s.kind])
            .join('; '),
        })),
        {
          rep: '合计 Total',
          repId: null,
          line,
          ...figureCells(total),
          effectiveActivities: effectiveActivities(total),
          weekEffectiveActivities: reps.reduce((sum, r) => sum + effectiveActivities(r.weekToDate), 0),
          openProspects: reps.reduce((sum, r) => sum + r.openProspects, 0),
          shortfalls: '',
        },
      ],
    },
    {
      name: '未达标 Shortfalls',
      title: `未达标 Shortfalls against the standards ${day}`,
      columns: [
        col('rep', '业务经理 Rep'),
        col('repId', '编号 Rep id'),
        col('shortfall', '未达标 Shortfall'),
        col('actual', '实际 Actual', 'int'),
        col('standard', '标准 Standard', 'int'),
      ],
      rows: shortfalls.map((s) => ({
        rep: names.get(s.repId) ?? s.repId,
        repId: s.repId,
        shortfall: shortfallNames[s.kind],
        actual: s.actual,
        standard: s.standard,
      })),
    },
  ];
  // 1.5 Monday and Thursday mornings: the results board of the half-week before.
  if (isHalfWeekStart(runDate)) {
    const board = await resultsBoard(db, runDate);
    sheets.push({
      name: '白板 Results board',
      title: `白板公布表 Results board ${board.from} – ${board.to}`,
      columns: [
        col('rep', '业务经理 Rep'),
        col('daysReported', '日报天数 Days reported', 'int'),
        col('line', '实际 Actual Hq:Zl:Fa:Cc:N:C:T'),
        col('effectiveActivities', '有效活动量 Effective activities', 'int'),
        col('contractAmount', '合同金额 C', 'fen'),
        col('plan', '计划 Plan Hq:Zl:Fa:Cc:N:C:T'),
        col('planEffectiveActivities', '计划有效活动量 Planned effective activities', 'int'),
      ],
      rows: board.reps.map((r) => ({
        rep: r.rep.name ?? r.rep.id,
        daysReported: r.daysReported,
        line: r.actual.line,
        effectiveActivities: r.actual.effectiveActivities,
        contractAmount: r.actual.contractAmount,
        plan: r.plan?.line ?? '无计划 no plan',
        planEffectiveActivities: r.plan?.effectiveActivities ?? null,
      })),
    });
  }
  const summary: Record<string, number | null> = {
    reps: reps.length,
    repsReporting,
    ...Object.fromEntries(Object.entries(total)),
    shortfalls: shortfalls.length,
    repsWithShortfalls,
  };
  return { summary, sheets };
}
