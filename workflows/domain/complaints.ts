import type { ComplaintEvent, ComplaintEventType } from './complaint-events';
import { dateAt } from './calendar';
import type { Actor, Fen } from './order';
import type { Policy } from './policy';
import { choiceZh } from './field-labels';
import { advance } from './route';
import {
  notify,
  record,
  relay,
  saying,
  eventSentence,
  type Complaint,
  type Notice,
  type OpenClock,
  type OrderState,
  type Sentence,
  type TimelineEntry,
} from './state';

// One complaint (投诉, 000 §三, domain.md §19) as its own process, pure: what it waits for and what each
// of its events changes. Its workflow (workflows/complaint.ts) runs the clocks and reports every step to
// the order, which sends the notices through its outbox and keeps the complaint's line in its snapshot.
//
// reported → (technical contacts the customer) investigating → (technical finds the cause and the
// responsible party, reports to the regional manager) fix-pending → (a visit is scheduled: the
// installation team through the marketing assistant, or QC and the repair department) visit-scheduled →
// (the visit) awaiting-confirmation → (the customer confirms satisfaction, 直至客户满意为止) closed →
// (the callbacks) finished. The customer not satisfied, or another visit needed: back to fix-pending.
// A supervisor may close it at any open stage, with a reason. The customer's fault or nobody's: no
// visit is needed, technical's finding goes to the customer to confirm.

export type ComplaintStage =
  'reported' | 'investigating' | 'fix-pending' | 'visit-scheduled' | 'awaiting-confirmation' | 'closed' | 'finished';
const openStages: readonly ComplaintStage[] = ['reported', 'investigating', 'fix-pending', 'visit-scheduled', 'awaiting-confirmation'];
export const isOpenStage = (stage: ComplaintStage) => openStages.includes(stage);

/** What the order starts a complaint's workflow with. */
export interface ComplaintInput {
  orderNumber: string;
  number: number;
  category: string;
  description: string;
  filedAt: string;
  filedBy: Actor;
  /** The order's calendar and complaint policy, as the order snapshotted them. */
  policy: Pick<Policy, 'calendar' | 'complaints'>;
}

export interface Visit {
  scheduledAt: string;
  scheduledBy: Actor;
  visitDate: string;
  team: string;
  plan: string;
  madeAt?: string;
  outcome?: 'fixed' | 'another-visit-needed';
  report?: string;
}

export interface Finding {
  at: string;
  by: Actor;
  responsibleParty: string;
  cause: string;
  finding: string;
  contractRef?: string;
  drawingRef?: string;
}

/** A notice the complaint asks the order to send (the order's outbox is the one way out). */
export type ComplaintNotice = Omit<Notice, 'seq' | 'person'>;

/** One step of the complaint, as the order takes it: where it stands now, and whom to tell. */
export interface ComplaintReport {
  /** Numbered within the complaint: the order applies each once. */
  seq: number;
  number: number;
  at: string;
  stage: ComplaintStage;
  /** The event type or clock that made the step. */
  step: string;
  actor?: Actor;
  detail: string;
  /** The same in Chinese (reports of complaint workflows begun before it had none). */
  detailZh?: string;
  notices: ComplaintNotice[];
  finding?: Pick<Finding, 'responsibleParty' | 'cause'>;
  /** The customer's satisfaction given with the step (at closing or a callback), for the order's figures. */
  rating?: number;
  /**
   * Set when the complaint closed: when, and how (the customer's confirmation, or the supervisor's reason), with its
   * Chinese (`resolutionZh`; reports of complaint workflows begun before it had none).
   */
  closed?: { at: string; resolution: string; resolutionZh?: string };
}

export interface ComplaintState extends ComplaintInput {
  stage: ComplaintStage;
  contactedAt?: string;
  finding?: Finding;
  /** Since when a visit is owed (the finding, another visit needed, the customer not satisfied): the fix clock counts from here. */
  fixPendingSince?: string;
  visits: Visit[];
  confirmation?: { at: string; by: Actor; rating?: number; confirmationRef?: string };
  supervisorClose?: { at: string; by: Actor; reason: string };
  closedAt?: string;
  callbacks: { at: string; by: Actor; rating?: number; note?: string }[];
  openClocks: OpenClock[];
  timeline: TimelineEntry[];
  /** Idempotency keys of applied events, with the digest of what each carried. */
  appliedEvents: Record<string, string>;
  /** Steps not yet reported to the order, oldest first. */
  unreported: ComplaintReport[];
  reportsQueued: number;
}

export function openComplaint(input: ComplaintInput): ComplaintState {
  return {
    ...input,
    stage: 'reported',
    visits: [],
    callbacks: [],
    openClocks: [],
    timeline: [
      {
        at: input.filedAt,
        kind: 'status-change',
        type: 'reported',
        actor: input.filedBy,
        detail: `complaint ${input.number} on order ${input.orderNumber} (${input.category}): ${input.description}; regional manager and technical told`,
      },
    ],
    appliedEvents: {},
    unreported: [],
    reportsQueued: 0,
  };
}

// ---- what the complaint waits for ---------------------------------------------------------------

/**
 * The steps each stage waits for, the main one first (a visit scheduled is made, or rescheduled); an open
 * complaint may also be closed by a supervisor, and a closed one waits for its callbacks while any are due.
 */
export const complaintSteps: Record<ComplaintStage, readonly ComplaintEventType[]> = {
  reported: ['customer-contacted'],
  investigating: ['cause-found'],
  'fix-pending': ['fix-scheduled'],
  'visit-scheduled': ['visit-made', 'fix-scheduled'],
  'awaiting-confirmation': ['customer-satisfied', 'customer-not-satisfied'],
  closed: ['callback-made'],
  finished: [],
};

export function expectedComplaintEvents(c: ComplaintState): ComplaintEventType[] {
  if (isOpenStage(c.stage)) return [...complaintSteps[c.stage], 'closed-by-supervisor'];
  return c.stage === 'closed' && c.callbacks.length < c.policy.complaints.callbacks.after.length ? [...complaintSteps.closed] : [];
}

export interface ComplaintMisfit {
  kind: 'not-permitted' | 'not-expected';
  message: string;
}

/** Why the complaint does not take the event now (the role, then the step), or nothing when it does. */
export function whyNotComplaintEvent(c: ComplaintState, event: ComplaintEvent): ComplaintMisfit | undefined {
  const allowed = c.policy.complaints.permissions[event.type] ?? [];
  if (!allowed.includes(event.actor.role))
    return { kind: 'not-permitted', message: `${event.actor.role} may not send ${event.type} (allowed: ${allowed.join(', ')})` };
  // 直至客户满意为止: whether the customer is satisfied is the customer's word; staff record it with it.
  if ((event.type === 'customer-satisfied' || event.type === 'customer-not-satisfied') && event.actor.role !== 'customer')
    if (event.data.confirmationRef === undefined)
      return {
        kind: 'not-permitted',
        message: `${event.actor.role} records the customer's word only with the reference of their written or recorded confirmation (confirmationRef)`,
      };
  const expected = expectedComplaintEvents(c);
  if (!expected.includes(event.type))
    return {
      kind: 'not-expected',
      message: `complaint ${c.number} is ${c.stage} and expects ${expected.join(', ') || 'no events'}`,
    };
  if (event.type === 'fix-scheduled' && event.data.visitDate < dateAt(Date.parse(c.filedAt), c.policy.calendar.timeZone))
    return { kind: 'not-expected', message: `the visit date ${event.data.visitDate} is before the complaint was filed` };
  return undefined;
}

// ---- what each event changes -------------------------------------------------------------------

/** Applies an event the complaint takes (check whyNotComplaintEvent first); the step is queued for the order. */
export function applyComplaintEvent(c: ComplaintState, event: ComplaintEvent, at: string, via?: 'temporal'): void {
  if (event.id !== undefined) c.appliedEvents[event.id] = event.digest ?? '';
  const notices: ComplaintNotice[] = [];
  const tell: Tell = (to, type, said) => notices.push(complaintNotice(c, { kind: 'notification', type, to }, said));
  /** How the complaint was closed, when this event closed it. */
  let closing: Sentence | undefined;
  switch (event.type) {
    case 'customer-contacted':
      c.contactedAt = at;
      c.stage = 'investigating';
      break;
    case 'cause-found': {
      const { responsibleParty, cause, finding, contractRef, drawingRef } = event.data;
      c.finding = {
        at,
        by: event.actor,
        responsibleParty,
        cause,
        finding,
        ...(contractRef && { contractRef }),
        ...(drawingRef && { drawingRef }),
      };
      // 将初步结果向区域经理汇报
      tell('regional-manager', 'complaint-finding', {
        zh: `责任方：${choiceZh(responsibleParty)}（${choiceZh(cause)}）：${finding}`,
        en: `${responsibleParty} responsible (${cause}): ${finding}`,
      });
      if (responsibleParty === 'customer' || responsibleParty === 'none') {
        c.stage = 'awaiting-confirmation';
        tell('sales-rep', 'complaint-confirmation', {
          zh: '未发现我方责任：请向客户解释调查结果并请客户确认',
          en: 'no fault of ours found: explain the finding to the customer and ask them to confirm',
        });
      } else {
        toFix(c, at, tell);
      }
      break;
    }
    case 'fix-scheduled': {
      const { visitDate, team, plan } = event.data;
      // A reschedule replaces the visit not yet made.
      if (c.stage === 'visit-scheduled') c.visits.pop();
      c.visits.push({ scheduledAt: at, scheduledBy: event.actor, visitDate, team, plan });
      c.stage = 'visit-scheduled';
      delete c.fixPendingSince;
      tell('customer', 'complaint-visit', {
        zh: `${team} 将于 ${visitDate} 上门：${plan}`,
        en: `${team} visits you on ${visitDate}: ${plan}`,
      });
      // 陪同安装人员/维修人员上门解决: the marketing assistant goes along.
      tell('order-desk', 'complaint-visit', {
        zh: `请于 ${visitDate} 陪同 ${team} 上门：${plan}`,
        en: `go along with ${team} on ${visitDate}: ${plan}`,
      });
      break;
    }
    case 'visit-made': {
      const visit = c.visits[c.visits.length - 1];
      Object.assign(visit, { madeAt: at, outcome: event.data.outcome, report: event.data.report });
      if (event.data.outcome === 'fixed') {
        c.stage = 'awaiting-confirmation';
        tell('sales-rep', 'complaint-confirmation', {
          zh: `已上门解决（${event.data.report}）：请客户确认是否满意`,
          en: `fixed on site (${event.data.report}): ask the customer to confirm they are satisfied`,
        });
      } else {
        toFix(c, at, tell);
      }
      break;
    }
    case 'customer-satisfied':
      c.confirmation = { at, by: event.actor, ...event.data };
      closing = {
        zh: `客户确认满意${event.data.rating ? `（评分 ${event.data.rating}）` : ''}`,
        en: `the customer confirmed satisfaction${event.data.rating ? ` (rating ${event.data.rating})` : ''}`,
      };
      break;
    case 'customer-not-satisfied':
      tell('regional-manager', 'complaint-not-satisfied', {
        zh: `客户不满意：${event.data.reason}`,
        en: `the customer is not satisfied: ${event.data.reason}`,
      });
      toFix(c, at, tell);
      break;
    case 'closed-by-supervisor':
      c.supervisorClose = { at, by: event.actor, reason: event.data.reason };
      closing = { zh: `主管结案：${event.data.reason}`, en: `closed by the supervisor: ${event.data.reason}` };
      break;
    case 'callback-made':
      c.callbacks.push({ at, by: event.actor, ...event.data });
      if (c.callbacks.length >= c.policy.complaints.callbacks.after.length) c.stage = 'finished';
      break;
  }
  if (closing) {
    c.stage = 'closed';
    c.closedAt = at;
    tell('regional-manager', 'complaint-closed', closing);
  }
  const { en: detail, zh } = eventSentence(event, via);
  c.timeline.push({ at, kind: 'event', type: event.type, actor: event.actor, ...(via && { via }), detail, zh });
  for (const n of notices) c.timeline.push({ at, ...n });
  const rating = 'rating' in event.data ? event.data.rating : undefined;
  queueReport(c, at, {
    step: event.type,
    actor: event.actor,
    detail: `complaint ${c.number} ${event.type}${detail && `: ${detail}`}`,
    detailZh: `投诉 ${c.number}${zh && `：${zh}`}`,
    notices,
    ...(rating !== undefined && { rating }),
    closed: closing && { at, resolution: closing.en, resolutionZh: closing.zh },
  });
}

/** Tells a role of a step of the complaint, in Chinese and English. */
type Tell = (to: ComplaintNotice['to'], type: string, said: Sentence) => void;

/** A notice of the complaint: its sentence names the complaint's number. */
const complaintNotice = (c: ComplaintState, notice: Pick<ComplaintNotice, 'kind' | 'type' | 'to'>, said: Sentence): ComplaintNotice => ({
  ...notice,
  ...saying({ zh: `第 ${c.number} 号投诉：${said.zh}`, en: `complaint ${c.number}: ${said.en}` }),
});

/** A visit is owed: the marketing assistant records it (营销助理记录) and sends the installation team, or QC and the repair department take it. */
function toFix(c: ComplaintState, at: string, tell: Tell) {
  c.stage = 'fix-pending';
  c.fixPendingSince = at;
  const party = c.finding!.responsibleParty;
  if (party === 'installation') {
    tell('order-desk', 'complaint-fix', {
      zh: '安装问题：请记录并派安装班组',
      en: 'installation problem: record it and send an installation team',
    });
  } else {
    tell('order-desk', 'complaint-fix', {
      zh: `${choiceZh(party)}问题：请记录并跟进维修`,
      en: `${party} problem: record it and follow the repair`,
    });
    tell('qc', 'complaint-fix', {
      zh: `${choiceZh(party)}问题：请检查故障并与维修部门制定维修方案`,
      en: `${party} problem: check the fault and plan the repair with the repair department`,
    });
    tell('service', 'complaint-fix', { zh: `${choiceZh(party)}问题：请安排上门维修`, en: `${party} problem: schedule a repair visit` });
  }
}

/** A clock of the complaint fired: who is reminded or escalated to, and what it says, as a step the order hears of. */
export function complaintClockFired(
  c: ComplaintState,
  at: string,
  notice: Pick<ComplaintNotice, 'kind' | 'type' | 'to'>,
  said: Sentence,
): void {
  const n = complaintNotice(c, notice, said);
  c.timeline.push({ at, ...n });
  queueReport(c, at, { step: notice.type, detail: n.detail, notices: [n] });
}

function queueReport(c: ComplaintState, at: string, step: Omit<ComplaintReport, 'seq' | 'number' | 'at' | 'stage' | 'finding'>) {
  c.reportsQueued++;
  const { closed, ...rest } = step;
  c.unreported.push({
    seq: c.reportsQueued,
    number: c.number,
    at,
    stage: c.stage,
    ...rest,
    ...(c.finding && { finding: { responsibleParty: c.finding.responsibleParty, cause: c.finding.cause } }),
    ...(closed && { closed }),
  });
}

// ---- what the API shows of a complaint -----------------------------------------------------------

export interface ComplaintSnapshot {
  orderNumber: string;
  number: number;
  category: string;
  description: string;
  filedAt: string;
  filedBy: Actor;
  stage: ComplaintStage;
  expectedEvents: ComplaintEventType[];
  openClocks: OpenClock[];
  contactedAt: string | null;
  finding: Finding | null;
  visits: Visit[];
  confirmation: ComplaintState['confirmation'] | null;
  supervisorClose: ComplaintState['supervisorClose'] | null;
  closedAt: string | null;
  callbacks: ComplaintState['callbacks'];
  callbacksDue: number;
  timeline: TimelineEntry[];
}

export function complaintSnapshotOf(c: ComplaintState): ComplaintSnapshot {
  return {
    orderNumber: c.orderNumber,
    number: c.number,
    category: c.category,
    description: c.description,
    filedAt: c.filedAt,
    filedBy: c.filedBy,
    stage: c.stage,
    expectedEvents: expectedComplaintEvents(c),
    openClocks: c.openClocks,
    contactedAt: c.contactedAt ?? null,
    finding: c.finding ?? null,
    visits: c.visits,
    confirmation: c.confirmation ?? null,
    supervisorClose: c.supervisorClose ?? null,
    closedAt: c.closedAt ?? null,
    callbacks: c.callbacks,
    callbacksDue: c.policy.complaints.callbacks.after.length,
    timeline: c.timeline,
  };
}

// ---- the order's side ----------------------------------------------------------------------------

/**
 * 投诉: the order takes the complaint, tells the regional manager and technical at once
 * (门店人员应马上向区域经理汇报, 并通知技术人员), and starts its workflow.
 */
export function fileComplaint(s: OrderState, at: string, filedBy: Actor, category: string, description: string): Complaint {
  const complaint: Complaint = {
    number: s.complaints.length + 1,
    category,
    description,
    filedAt: at,
    filedBy,
    stage: 'reported',
    started: false,
  };
  s.complaints.push(complaint);
  for (const to of ['regional-manager', 'technical'] as const)
    notify(s, at, {
      kind: 'notification',
      type: 'complaint',
      to,
      ...saying({
        zh: `第 ${complaint.number} 号投诉（${choiceZh(category)}）：${description}${to === 'technical' ? '：请立即联系客户' : ''}`,
        en: `complaint ${complaint.number} (${category}): ${description}${to === 'technical' ? ': contact the customer now' : ''}`,
      }),
    });
  return complaint;
}

/** What the order's workflow starts a complaint's workflow with. */
export const complaintInputOf = (s: OrderState, c: Complaint): ComplaintInput => ({
  orderNumber: s.order.orderNumber,
  number: c.number,
  category: c.category,
  description: c.description,
  filedAt: c.filedAt,
  filedBy: c.filedBy!,
  policy: { calendar: s.policy.calendar, complaints: s.policy.complaints },
});

/** A complaint's step reaches the order: its line in the snapshot, its notices through the outbox, and an archive it held up. */
export function takeComplaintReport(s: OrderState, report: ComplaintReport, at: string): void {
  const complaint = s.complaints.find((c) => c.number === report.number);
  if (!complaint || report.seq <= (complaint.reports ?? 0)) return;
  complaint.reports = report.seq;
  complaint.stage = report.stage;
  if (report.finding) {
    complaint.responsibleParty = report.finding.responsibleParty;
    complaint.cause = report.finding.cause;
  }
  if (report.closed) {
    complaint.resolvedAt = report.closed.at;
    complaint.resolution = report.closed.resolution;
    complaint.resolutionZh = report.closed.resolutionZh;
  }
  if (report.step === 'callback-made') complaint.callbacks = (complaint.callbacks ?? 0) + 1;
  // A clock's step is its notice alone; an event's is recorded as the complaint's step.
  if (report.actor)
    record(s, at, {
      kind: 'complaint',
      type: report.step,
      actor: report.actor,
      detail: report.detail,
      ...(report.detailZh && { zh: report.detailZh }),
    });
  if (report.rating !== undefined && report.actor)
    s.satisfaction = [...(s.satisfaction ?? []), { rating: report.rating, at: report.at, source: 'callback', by: report.actor }];
  for (const notice of report.notices) relay(s, at, notice);
  advance(s, at);
}

/** Compensation agreed for a complaint, kept with it (the money itself is on the ledger). */
export function compensated(s: OrderState, number: number, amount: Fen): void {
  const complaint = s.complaints.find((c) => c.number === number)!;
  complaint.compensation = (complaint.compensation ?? 0) + amount;
}

/** Complaints the order takes money for: filed, not yet closed, handled by their own workflow. */
export const compensable = (s: OrderState) => s.complaints.filter((c) => c.stage !== undefined && isOpenStage(c.stage));
