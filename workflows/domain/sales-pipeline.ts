import { addCalendarDays, isWorkingDay, type CompanyCalendar } from './calendar';
import type { IsoDate } from './order';

// The group sales department's pipeline and daily activity (团订销售流程, seed 003): each prospect
// company moves through 电话约访 Dh → 唤起需求 Hq → 资料搜集 Zl → 方案说明 Fa → 促成签单 Cc, and each rep
// texts the day's result every evening as `Hq:Zl:Fa:Cc:N:C:T`. Pure rules: the next stage, the day's
// summary for the group sales manager (团订部经理), the half-weeks the plans and results board cover,
// and the shortfalls against the department's standards (流程标准), which are policy numbers.

/** The selling steps before the order, in order (the seed's short names). */
export const pipelineStages = ['dh', 'hq', 'zl', 'fa', 'cc'] as const;
export type PipelineStage = (typeof pipelineStages)[number];

export const stageNames: Record<PipelineStage, string> = {
  dh: '电话约访 Dh (appointment by phone)',
  hq: '唤起需求 Hq (need aroused)',
  zl: '资料搜集 Zl (customer data collected, proposal requested from the design centre)',
  fa: '方案说明 Fa (proposal explained)',
  cc: '促成签单 Cc (closing)',
};

/** A prospect is worked on until its contract is signed or the rep stops (工作中断: referral names collected). */
export type ProspectStatus = 'open' | 'signed' | 'dropped';

/**
 * Why a move is refused, in the department's words; null when it fits. A prospect moves one step at a
 * time, forward; it is signed from 促成签单 Cc only; a signed or dropped prospect moves no more.
 */
export function moveRefusal(
  prospect: { stage: PipelineStage; status: ProspectStatus },
  to: PipelineStage | 'signed' | 'dropped',
): string | null {
  if (prospect.status !== 'open') return `the prospect is ${prospect.status === 'signed' ? 'signed (签单)' : 'dropped'}: it moves no more`;
  if (to === 'dropped') return null;
  const next = pipelineStages[pipelineStages.indexOf(prospect.stage) + 1];
  if (to === 'signed')
    return prospect.stage === 'cc' ? null : `a contract is signed at ${stageNames.cc}; the prospect is at ${stageNames[prospect.stage]}`;
  if (to === next) return null;
  return `the prospect is at ${stageNames[prospect.stage]}; its next step is ${next ? stageNames[next] : 'the contract (signed)'}`;
}

/** One rep's day as texted to the manager: Hq:Zl:Fa:Cc:N:C:T (C and T in fen here). */
export interface ActivityFigures {
  /** 唤起需求 needs aroused */
  hq: number;
  /** 资料搜集 customer data collected */
  zl: number;
  /** 方案说明 proposals explained */
  fa: number;
  /** 促成 closing visits */
  cc: number;
  /** N: contracts signed that day */
  contracts: number;
  /** C: their contract amount, fen */
  contractAmount: number;
  /** T: the rep's commission that day, fen */
  commission: number;
}

export const noActivity: ActivityFigures = { hq: 0, zl: 0, fa: 0, cc: 0, contracts: 0, contractAmount: 0, commission: 0 };

const yuanText = (fen: number) => (fen / 100).toFixed(2);

/** The line as the rep texts it, `Hq:Zl:Fa:Cc:N:C:T`, C and T in yuan. */
export const activityLineText = (f: ActivityFigures) =>
  [f.hq, f.zl, f.fa, f.cc, f.contracts, yuanText(f.contractAmount), yuanText(f.commission)].join(':');

/** 有效活动量: Hq, Zl, Fa and Cc each count; every one of them is a meeting with the customer (Dh is by phone). */
export const effectiveActivities = (f: ActivityFigures) => f.hq + f.zl + f.fa + f.cc;

export function addFigures(a: ActivityFigures, b: ActivityFigures): ActivityFigures {
  return {
    hq: a.hq + b.hq,
    zl: a.zl + b.zl,
    fa: a.fa + b.fa,
    cc: a.cc + b.cc,
    contracts: a.contracts + b.contracts,
    contractAmount: a.contractAmount + b.contractAmount,
    commission: a.commission + b.commission,
  };
}

/** Why a day's line cannot be taken as it is (its figures disagree with each other); null when it can. */
export function activityLineRefusal(f: ActivityFigures): string | null {
  if ((f.contracts === 0) !== (f.contractAmount === 0))
    return 'contracts signed (N) and their amount (C) go together: both 0 or both above 0';
  if (f.commission > f.contractAmount) return 'the commission (T) cannot exceed the contract amount (C)';
  return null;
}

/** The department's standards (流程标准, seed 003 §三), policy numbers. */
export interface SalesStandards {
  /** 1.1 a rep's pipeline always holds at least this many prospects. */
  pipelineAtLeast: number;
  /** 1.3 customers seen each working day. */
  visitsPerDayAtLeast: number;
  /** 1.3 effective activities (Hq + Zl + Fa + Cc) each week. */
  effectiveActivitiesPerWeekAtLeast: number;
}

/** The Monday (ISO week start) of a date's week. */
export function weekStart(date: IsoDate): IsoDate {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
  return addCalendarDays(date, 1 - weekday);
}

/**
 * The half-week a date falls in (1.2: on Monday the plan for Monday–Wednesday, on Thursday for
 * Thursday–Saturday). A Sunday is in neither; it is taken as the week's second half (whose board the
 * Monday after shows), though its own line falls outside it.
 */
export function halfWeekOf(date: IsoDate): { from: IsoDate; to: IsoDate } {
  const monday = weekStart(date);
  const thursday = addCalendarDays(monday, 3);
  return date < thursday ? { from: monday, to: addCalendarDays(monday, 2) } : { from: thursday, to: addCalendarDays(monday, 5) };
}

/** 1.5 the results board on Monday and Thursday mornings shows the half-week before. */
export function halfWeekBefore(date: IsoDate): { from: IsoDate; to: IsoDate } {
  return halfWeekOf(addCalendarDays(halfWeekOf(date).from, -1));
}

/** Whether a plan may start on this date: a Monday (Mon–Wed) or a Thursday (Thu–Sat). */
export const isHalfWeekStart = (date: IsoDate) => halfWeekOf(date).from === date;

/** The last working day before `date` (the day a morning summary covers). */
export function previousWorkingDay(date: IsoDate, calendar: CompanyCalendar): IsoDate {
  let day = addCalendarDays(date, -1);
  // A calendar with no working day at all would never end; a year back is as far as anyone looks.
  for (let i = 0; i < 366 && !isWorkingDay(day, calendar); i++) day = addCalendarDays(day, -1);
  return day;
}

/** Whether `date` is the last working day of its ISO week: its week's effective activities are then complete. */
export function endsItsWorkingWeek(date: IsoDate, calendar: CompanyCalendar): boolean {
  const sunday = addCalendarDays(weekStart(date), 6);
  for (let day = addCalendarDays(date, 1); day <= sunday; day = addCalendarDays(day, 1)) if (isWorkingDay(day, calendar)) return false;
  return true;
}

/** What the summary knows of one rep on the day. */
export interface RepDay {
  repId: string;
  repName: string | null;
  /** The day's line; null: none recorded. */
  line: ActivityFigures | null;
  /** The rep's lines from the Monday of the week up to the day, summed (the day's included). */
  weekToDate: ActivityFigures;
  /** Prospects open in the rep's pipeline at the end of the day. */
  openProspects: number;
}

export type ShortfallKind = 'no-line' | 'pipeline' | 'visits' | 'weekly-activities';

export const shortfallNames: Record<ShortfallKind, string> = {
  'no-line': '未报日报 No activity line recorded',
  pipeline: '客户储备不足 Pipeline below standard',
  visits: '拜访不足 Too few customer visits',
  'weekly-activities': '周有效活动量不足 Too few effective activities this week',
};

export interface Shortfall {
  repId: string;
  kind: ShortfallKind;
  /** What the rep has; the standard it falls short of. */
  actual: number;
  standard: number;
}

/**
 * A rep's shortfalls on a working day: no line; fewer open prospects than the standard; fewer customers
 * seen than the daily standard (no line: none seen); and, once the day ends its working week, fewer
 * effective activities in the week than the weekly standard (earlier in the week the figure is shown,
 * not judged).
 */
export function shortfallsOf(rep: RepDay, date: IsoDate, standards: SalesStandards, calendar: CompanyCalendar): Shortfall[] {
  const found: Shortfall[] = [];
  const add = (kind: ShortfallKind, actual: number, standard: number) => {
    if (actual < standard) found.push({ repId: rep.repId, kind, actual, standard });
  };
  if (rep.line === null) found.push({ repId: rep.repId, kind: 'no-line', actual: 0, standard: 1 });
  add('pipeline', rep.openProspects, standards.pipelineAtLeast);
  add('visits', rep.line ? effectiveActivities(rep.line) : 0, standards.visitsPerDayAtLeast);
  if (endsItsWorkingWeek(date, calendar))
    add('weekly-activities', effectiveActivities(rep.weekToDate), standards.effectiveActivitiesPerWeekAtLeast);
  return found;
}

/** The department's day: each rep's line and the totals, and every shortfall. */
export function summariseDay(reps: RepDay[], date: IsoDate, standards: SalesStandards, calendar: CompanyCalendar) {
  const total = reps.reduce((sum, rep) => addFigures(sum, rep.line ?? noActivity), noActivity);
  const shortfalls = reps.flatMap((rep) => shortfallsOf(rep, date, standards, calendar));
  return {
    total,
    line: activityLineText(total),
    repsReporting: reps.filter((r) => r.line !== null).length,
    repsWithShortfalls: new Set(shortfalls.map((s) => s.repId)).size,
    shortfalls,
  };
}
