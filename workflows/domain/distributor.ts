import { addDays } from './calendar';
import type { EventData, EventType, OrderEvent } from './events';
import type { Actor, IsoDate, MaterialFamily, OrderInput } from './order';
import type { Route } from './route';
import { balanceDue, calendarOf, depositOutstanding, notify, releasable, saying, type OrderState, type Sentence } from './state';
import { dateEnds } from './watch';
import { depositStep, sideEvents, steps } from './route-library';

// The distributor channel (代理商, 000 §一; domain.md §4): its record on the order, its route as data,
// what its own events change and when they do not fit. Pure and zod-free (part of the workflow bundle);
// the stages' clocks are workflows/distributor-order.ts. The marketing assistant (营销助理) who runs the
// order on the company's side is the order desk (domain.md §1); the distributor is the customer.

export type SpecItem = EventData<'spec-item-confirmed'>['item'];
export const specItems: readonly SpecItem[] = ['style', 'aluminium-colour', 'wood-colour', 'hardware', 'glass'];

interface Step {
  at: string;
  by: Actor;
}

export interface Enquiry {
  number: number;
  question: string;
  about: string;
  askedAt: string;
  /** Sent to the R&D manager and technical (复杂工艺). */
  referredAt?: string;
  answer?: string;
  answered?: Step;
}

export interface MaterialArrival {
  expectedDate: IsoDate;
  arrivedAt?: string;
  /** Not in by the end of its expected date plus the family's grace days: surfaced as an exception then (for that date). */
  late?: { since: string; expectedDate: IsoDate };
}

export interface TechnicalQuestion {
  number: number;
  question: string;
  raisedAt: string;
  answer?: string;
  answered?: Step;
}

export interface Chase {
  at: string;
  by: Actor;
  wantedBy?: IsoDate;
  note?: string;
  /** The production state told back to the distributor. */
  told?: string;
  toldAt?: string;
}

/** A distributor order's own record (OrderState.distributor). */
export interface DistributorRecord {
  enquiries: Enquiry[];
  /** The faxed drawings, each with its quote once sent. */
  drawings: { ref: string; description?: string; receivedAt: string; quoteRef?: string; quotedAt?: string }[];
  review?: Step & { withinLimits: boolean; note?: string };
  /** R&D's solution for drawings outside the limits, and the distributor's agreement to it. */
  solution?: Step & { text: string; agreed?: Step & { ref?: string } };
  items: Partial<Record<SpecItem, Step & { choice: string }>>;
  /** Notes on the order: surplus stock colours suggested to the distributor (工程余料). */
  notes: (Step & { kind: 'surplus-colour'; text: string })[];
  handover?: Step & { designer: string; briefing?: string };
  questions: TechnicalQuestion[];
  materials: Partial<Record<MaterialFamily, MaterialArrival>>;
  spraying?: { sprayer: string; sentAt: string; expectedBack?: IsoDate; returnedAt?: string };
  chases: Chase[];
  /** 出库通知单: issued once the goods are in stock; its signed copy is the distributor's receipt of the goods. */
  outboundNotice?: { ref: string; issuedAt: string; signedAt?: string; receiptRef?: string };
  released?: Step & { ref: string };
}

/** The record a distributor order opens with: the enquiry the order form carries is enquiry 1. */
export function openDistributorRecord(order: OrderInput, receivedAt: string): DistributorRecord {
  const enquiry = order.distributor?.enquiry;
  return {
    enquiries: enquiry ? [{ number: 1, question: enquiry.question, about: enquiry.about, askedAt: receivedAt }] : [],
    drawings: [],
    items: {},
    notes: [],
    questions: [],
    materials: {},
    chases: [],
  };
}

const d = (s: OrderState) => s.distributor!;

// ---- derived facts -----------------------------------------------------------------------------

export const openEnquiries = (s: OrderState) => d(s).enquiries.filter((e) => e.answered === undefined);
export const openQuestions = (s: OrderState) => d(s).questions.filter((q) => q.answered === undefined);
export const openChases = (s: OrderState) => d(s).chases.filter((c) => c.toldAt === undefined);
export const missingItems = (s: OrderState) => specItems.filter((item) => d(s).items[item] === undefined);
/** The drawings may be ordered: within the limits, or R&D's solution agreed with the distributor. */
export const drawingsCleared = (s: OrderState) => {
  const { review, solution } = d(s);
  return review !== undefined && (review.withinLimits || solution?.agreed !== undefined);
};
export const unquotedDrawings = (s: OrderState) => d(s).drawings.filter((drawing) => drawing.quoteRef === undefined);
/** Material families expected and not yet in. */
export const awaitedMaterials = (s: OrderState) =>
  (Object.entries(d(s).materials) as [MaterialFamily, MaterialArrival][]).filter(([, m]) => m.arrivedAt === undefined);
export const sprayingOut = (s: OrderState) => d(s).spraying !== undefined && d(s).spraying!.returnedAt === undefined;
/** Production may pass QC once the technical order is issued, every expected family is in and the sprayed aluminium is back. */
const readyForQc = (s: OrderState) => s.facts.technicalOrderAt !== undefined && awaitedMaterials(s).length === 0 && !sprayingOut(s);

/** When a family becomes late: the end of its expected date plus its grace days (working or calendar, as the policy says). */
export function materialDeadline(s: OrderState, family: MaterialFamily, expectedDate: IsoDate): number {
  const { graceDays, dayKind } = s.policy.distributor!.materialLateness;
  return dateEnds(s, addDays(expectedDate, graceDays[family] ?? 0, dayKind, calendarOf(s)));
}

// ---- the route ---------------------------------------------------------------------------------

const f = (s: OrderState) => s.facts;
const when = <T extends EventType>(condition: boolean, ...types: T[]): T[] => (condition ? types : []);

/**
 * The distributor order (domain.md §4): 1 enquiry and drawings, 2 the marketing assistant's review, 4 a quote per
 * drawing, the finished date, 6 the faxed contract signed and stamped, 8 the advance (the contract takes effect),
 * 9 the production notice stamped by finance, 10–12 technical order, materials and production, 14 put-away, 15 the
 * outbound notice, full payment and finance's release, 16 shipping, 17 the signed outbound notice, 19 complaints.
 */
export const distributorRoute: Route = {
  events: [
    'enquiry-received',
    'enquiry-referred',
    'enquiry-answered',
    'drawing-received',
    'drawings-reviewed',
    'solution-proposed',
    'solution-agreed',
    'spec-item-confirmed',
    'surplus-colour-suggested',
    'quote-sent',
    'delivery-date-estimated',
    'confirmation-sent',
    'signed-confirmation-returned',
    'signed-confirmation-rejected',
    'deposit-received',
    'production-notice-issued',
    'drawings-handed-over',
    'technical-question-raised',
    'technical-question-answered',
    'technical-order-issued',
    'material-expected',
    'material-arrived',
    'spraying-sent',
    'spraying-returned',
    'progress-reported',
    'delay-reported',
    'customer-told-of-delay',
    'force-majeure-verified',
    'goods-chased',
    'chase-answered',
    'qc-passed',
    'qc-failed',
    'stocked',
    'outbound-notice-issued',
    'payment-received',
    'shipment-released',
    'receiving-time-confirmed',
    'shipped',
    'signed-for',
    'complaint-filed',
    'complaint-compensation-agreed',
    'satisfaction-rated',
    'invoice-issued',
    'invoice-voided',
    'refund-paid',
    'receivable-written-off',
    'cancelled',
  ],
  steps: [
    {
      stage: 'enquiry',
      done: (s) => d(s).drawings.length > 0 && openEnquiries(s).length === 0,
      expects: (s) => ['drawing-received', ...when(openEnquiries(s).length > 0, 'enquiry-referred', 'enquiry-answered')],
      provides: [],
    },
    {
      stage: 'drawing-review',
      done: (s) => drawingsCleared(s) && missingItems(s).length === 0,
      expects: (s) => {
        const { review, solution } = d(s);
        return [
          ...when(review === undefined, 'drawing-received', 'drawings-reviewed'),
          // Outside the limits: R&D proposes (again, until the distributor agrees), the distributor agrees.
          ...when(review?.withinLimits === false && solution?.agreed === undefined, 'solution-proposed'),
          ...when(review?.withinLimits === false && solution !== undefined && solution.agreed === undefined, 'solution-agreed'),
          ...when(missingItems(s).length > 0, 'spec-item-confirmed'),
        ];
      },
      provides: [],
    },
    { stage: 'quotation', done: (s) => unquotedDrawings(s).length === 0, expects: () => ['quote-sent'], provides: [] },
    steps.deliveryEstimate,
    steps.confirmation,
    steps.confirmationReturn,
    // 预付款到账后合同生效: the contract takes effect when the advance it names arrives.
    depositStep('an advance in the plan'),
    steps.productionNotice,
    {
      // 技术下单 once the drawings are handed over and technical's questions are all answered; QC once the materials are in.
      stage: 'production',
      done: (s) => f(s).qcPassedAt !== undefined,
      expects: (s) => {
        const designing = f(s).technicalOrderAt === undefined;
        return [
          ...when(d(s).handover === undefined, 'drawings-handed-over'),
          ...when(designing, 'technical-question-raised'),
          ...when(openQuestions(s).length > 0, 'technical-question-answered'),
          ...when(designing && d(s).handover !== undefined && openQuestions(s).length === 0, 'technical-order-issued'),
          'material-expected',
          ...when(awaitedMaterials(s).length > 0, 'material-arrived'),
          ...when(d(s).spraying === undefined, 'spraying-sent'),
          ...when(sprayingOut(s), 'spraying-returned'),
          'progress-reported',
          'delay-reported',
          ...when(readyForQc(s), 'qc-passed', 'qc-failed'),
        ];
      },
      provides: ['technicalOrderAt', 'qcPassedAt'],
    },
    steps.putAway,
    {
      stage: 'outbound-notice',
      done: (s) => d(s).outboundNotice !== undefined,
      expects: () => ['outbound-notice-issued'],
      provides: [],
    },
    {
      // 货款入账后，通知财务办理出货手续: the contract amount paid in full, then finance releases.
      stage: 'release',
      done: (s) => releasable(s) && d(s).released !== undefined,
      expects: (s) => (releasable(s) ? ['shipment-released'] : ['payment-received']),
      provides: [],
    },
    steps.shipping,
    // The distributor signs the outbound notice on receipt (签收): its signed copy is the receipt.
    steps.inTransit,
    steps.afterSales,
  ],
  // Complaints once the distributor has the goods (signed outbound notice), as on the standard route.
  complaints: { from: 'after-sales' },
  misfit: (s, event) => distributorMisfit(s, event),
  refusal: (s, type) => distributorRefusal(s, type),
  windows: [
    // The distributor may ask at any time until the goods leave; an open enquiry is answered whenever it was asked.
    { until: 'in-transit', events: () => ['enquiry-received'] },
    { from: 'drawing-review', events: (s) => when(openEnquiries(s).length > 0, 'enquiry-referred', 'enquiry-answered') },
    // Surplus colours are suggested while colours are still being chosen.
    { until: 'production-notice', events: () => ['surplus-colour-suggested'] },
    sideEvents.deposit('confirmation', 'production-notice'),
    sideEvents.balance('production-notice'),
    // 催货: chased from the production notice until the goods leave; each chase is told the production state.
    { from: 'production-notice', until: 'in-transit', events: () => ['goods-chased'] },
    { from: 'production-notice', events: (s) => when(openChases(s).length > 0, 'chase-answered') },
    sideEvents.delayTold,
    sideEvents.forceMajeure,
    sideEvents.receivingTime,
    sideEvents.cancellation('in-transit'),
    sideEvents.invoices('confirmation'),
    sideEvents.writeOff('in-transit'),
    sideEvents.refunds('confirmation'),
    sideEvents.ratings('after-sales'),
  ],
};

// ---- what a distributor's event does not fit ---------------------------------------------------

/** Why an expected distributor event does not fit the record (a number that names nothing open, a drawing not received …). */
export function distributorMisfit(s: OrderState, event: OrderEvent): string | undefined {
  switch (event.type) {
    case 'enquiry-referred':
    case 'enquiry-answered': {
      const enquiry = openEnquiries(s).find((e) => e.number === event.data.enquiry);
      if (!enquiry) return `enquiry ${event.data.enquiry} is not open (open: ${numbers(openEnquiries(s))})`;
      return event.type === 'enquiry-referred' && enquiry.referredAt
        ? `enquiry ${enquiry.number} is already with R&D and technical`
        : undefined;
    }
    case 'drawing-received':
      return d(s).drawings.some((drawing) => drawing.ref === event.data.drawingRef)
        ? `drawing ${event.data.drawingRef} is already received`
        : undefined;
    case 'quote-sent': {
      if (event.data.drawingRef === undefined) return "a distributor's quote is for one drawing: name it (drawingRef)";
      const drawing = d(s).drawings.find((candidate) => candidate.ref === event.data.drawingRef);
      if (!drawing)
        return `drawing ${event.data.drawingRef} is not one the distributor sent (received: ${d(s)
          .drawings.map((x) => x.ref)
          .join(', ')})`;
      return drawing.quoteRef ? `drawing ${drawing.ref} is already quoted (${drawing.quoteRef})` : undefined;
    }
    case 'technical-question-answered':
      return openQuestions(s).some((q) => q.number === event.data.question)
        ? undefined
        : `question ${event.data.question} is not open (open: ${numbers(openQuestions(s))})`;
    case 'material-expected': {
      const material = d(s).materials[event.data.family];
      return material?.arrivedAt ? `${event.data.family} has already arrived` : undefined;
    }
    case 'material-arrived': {
      const awaited = awaitedMaterials(s).map(([family]) => family);
      return awaited.includes(event.data.family)
        ? undefined
        : `${event.data.family} is not awaited (awaited: ${awaited.join(', ') || 'none'})`;
    }
    default:
      return undefined;
  }
}

const numbers = (open: { number: number }[]) => open.map((x) => x.number).join(', ') || 'none';

/** Why a distributor order refuses an event out of turn, in business words, before the list of what it expects. */
export function distributorRefusal(s: OrderState, type: EventType): string | undefined {
  if (!s.distributor) return undefined;
  if (type === 'technical-order-issued' && s.stage === 'production' && s.facts.technicalOrderAt === undefined) {
    if (d(s).handover === undefined) return 'the drawings are not yet handed over to the designer (drawings-handed-over)';
    if (openQuestions(s).length > 0) return `technical's questions ${numbers(openQuestions(s))} are not yet answered by the distributor`;
  }
  if ((type === 'qc-passed' || type === 'qc-failed') && s.stage === 'production') {
    if (s.facts.technicalOrderAt === undefined) return 'the technical order is not issued yet';
    const awaited = awaitedMaterials(s).map(([family]) => family);
    if (awaited.length > 0) return `materials not yet in: ${awaited.join(', ')}`;
    if (sprayingOut(s)) return 'the aluminium is still out for spraying';
  }
  if (type === 'shipment-released' && s.stage === 'release') return `the contract is not paid in full: ${balanceDue(s)} fen still due`;
  if (type === 'shipped' && (s.stage === 'outbound-notice' || s.stage === 'release'))
    return 'the goods leave only once the distributor has paid in full and finance has released them';
  return undefined;
}

// ---- what each distributor event changes -------------------------------------------------------

type Handler<T extends EventType> = (s: OrderState, event: Extract<OrderEvent, { type: T }>, at: string) => void;
type DistributorEvent =
  | 'enquiry-received'
  | 'enquiry-referred'
  | 'enquiry-answered'
  | 'drawing-received'
  | 'drawings-reviewed'
  | 'solution-proposed'
  | 'solution-agreed'
  | 'spec-item-confirmed'
  | 'surplus-colour-suggested'
  | 'quote-sent'
  | 'drawings-handed-over'
  | 'technical-question-raised'
  | 'technical-question-answered'
  | 'material-expected'
  | 'material-arrived'
  | 'spraying-sent'
  | 'spraying-returned'
  | 'goods-chased'
  | 'chase-answered'
  | 'outbound-notice-issued'
  | 'shipment-released';

const tell = (s: OrderState, at: string, type: string, to: Parameters<typeof notify>[2]['to'], said: Sentence) =>
  notify(s, at, { kind: 'notification', type, to, ...saying(said) });

export const distributorHandlers: { [T in DistributorEvent]: Handler<T> } = {
  'enquiry-received': (s, event, at) => {
    const number = d(s).enquiries.length + 1;
    d(s).enquiries.push({ number, question: event.data.question, about: event.data.about, askedAt: at });
    tell(s, at, 'enquiry', 'order-desk', {
      zh: `经销商第 ${number} 个询问（${event.data.about}）：${event.data.question}`,
      en: `distributor's enquiry ${number} (${event.data.about}): ${event.data.question}`,
    });
  },
  'enquiry-referred': (s, event, at) => {
    const enquiry = d(s).enquiries[event.data.enquiry - 1];
    enquiry.referredAt = at;
    tell(s, at, 'enquiry-referred', 'technical', {
      zh: `请答复经销商第 ${enquiry.number} 个询问：${enquiry.question}${event.data.note ? `（${event.data.note}）` : ''}`,
      en: `answer the distributor's enquiry ${enquiry.number}: ${enquiry.question}${event.data.note ? ` (${event.data.note})` : ''}`,
    });
  },
  'enquiry-answered': (s, event, at) => {
    const enquiry = d(s).enquiries[event.data.enquiry - 1];
    enquiry.answer = event.data.answer;
    enquiry.answered = { at, by: event.actor };
    tell(s, at, 'enquiry-answer', 'customer', {
      zh: `您第 ${enquiry.number} 个询问的答复：${event.data.answer}`,
      en: `answer to your enquiry ${enquiry.number}: ${event.data.answer}`,
    });
  },
  'drawing-received': (s, event, at) => {
    d(s).drawings.push({
      ref: event.data.drawingRef,
      receivedAt: at,
      ...(event.data.description && { description: event.data.description }),
    });
    if (d(s).drawings.length === 1)
      tell(s, at, 'drawing-review', 'order-desk', {
        zh: '请按工厂工艺和加工极限审核经销商的图纸',
        en: "review the distributor's drawings against the factory's process and machining limits",
      });
  },
  'drawings-reviewed': (s, event, at) => {
    d(s).review = { at, by: event.actor, withinLimits: event.data.withinLimits, ...(event.data.note && { note: event.data.note }) };
    if (!event.data.withinLimits)
      tell(s, at, 'solution-needed', 'technical', {
        zh: `经销商的图纸超出加工极限：请提出解决方案（${event.data.note ?? '见图纸'}）`,
        en: `the distributor's drawings are outside the limits: propose a solution (${event.data.note ?? 'see the drawings'})`,
      });
  },
  'solution-proposed': (s, event, at) => {
    d(s).solution = { at, by: event.actor, text: event.data.solution };
    tell(s, at, 'solution-proposed', 'order-desk', {
      zh: `下单前请与经销商商定研发的解决方案：${event.data.solution}`,
      en: `agree R&D's solution with the distributor before the order is placed: ${event.data.solution}`,
    });
  },
  'solution-agreed': (s, event, at) => {
    d(s).solution!.agreed = { at, by: event.actor, ...(event.data.agreementRef && { ref: event.data.agreementRef }) };
  },
  'spec-item-confirmed': (s, event, at) => {
    d(s).items[event.data.item] = { at, by: event.actor, choice: event.data.choice };
  },
  'surplus-colour-suggested': (s, event, at) => {
    const text = `${event.data.family} in ${event.data.colour} from surplus stock${event.data.note ? `: ${event.data.note}` : ''}`;
    d(s).notes.push({ at, by: event.actor, kind: 'surplus-colour', text });
  },
  'quote-sent': (s, event, at) => {
    const drawing = d(s).drawings.find((candidate) => candidate.ref === event.data.drawingRef)!;
    drawing.quoteRef = event.data.quoteRef;
    drawing.quotedAt = at;
  },
  'drawings-handed-over': (s, event, at) => {
    d(s).handover = { at, by: event.actor, designer: event.data.designer, ...(event.data.briefing && { briefing: event.data.briefing }) };
  },
  'technical-question-raised': (s, event, at) => {
    const number = d(s).questions.length + 1;
    d(s).questions.push({ number, question: event.data.question, raisedAt: at });
    tell(s, at, 'technical-question', 'order-desk', {
      zh: `技术部第 ${number} 个问题：请转给经销商（${event.data.question}）`,
      en: `technical's question ${number}: take it to the distributor (${event.data.question})`,
    });
  },
  'technical-question-answered': (s, event, at) => {
    const question = d(s).questions[event.data.question - 1];
    question.answer = event.data.answer;
    question.answered = { at, by: event.actor };
    tell(s, at, 'technical-answer', 'technical', {
      zh: `经销商对第 ${question.number} 个问题的答复：${event.data.answer}`,
      en: `the distributor's answer to question ${question.number}: ${event.data.answer}`,
    });
  },
  'material-expected': (s, event) => {
    // A new expected date replaces the old one; its lateness is judged afresh.
    d(s).materials[event.data.family] = { expectedDate: event.data.expectedDate };
  },
  'material-arrived': (s, event, at) => {
    d(s).materials[event.data.family]!.arrivedAt = at;
  },
  'spraying-sent': (s, event, at) => {
    d(s).spraying = { sprayer: event.data.sprayer, sentAt: at, ...(event.data.expectedBack && { expectedBack: event.data.expectedBack }) };
  },
  'spraying-returned': (s, _, at) => {
    d(s).spraying!.returnedAt = at;
  },
  'goods-chased': (s, event, at) => {
    d(s).chases.push({
      at,
      by: event.actor,
      ...(event.data.wantedBy && { wantedBy: event.data.wantedBy }),
      ...(event.data.note && { note: event.data.note }),
    });
    const wantedBy = event.data.wantedBy;
    const chasing = {
      zh: `经销商在催货${wantedBy ? `，要求 ${wantedBy} 前交货` : ''}`,
      en: `the distributor is chasing the order${wantedBy ? `, wanted by ${wantedBy}` : ''}`,
    };
    for (const to of ['production', 'purchasing'] as const)
      tell(s, at, 'goods-chased', to, {
        zh: `${chasing.zh}：请向营销助理报告进度`,
        en: `${chasing.en}: report the state to the marketing assistant`,
      });
    if (event.actor.role !== 'order-desk')
      tell(s, at, 'goods-chased', 'order-desk', {
        zh: `${chasing.zh}：请告知其生产进度`,
        en: `${chasing.en}: tell them the production state`,
      });
  },
  'chase-answered': (s, event, at) => {
    for (const chase of openChases(s)) {
      chase.told = event.data.told;
      chase.toldAt = at;
    }
    if (event.data.percentDone !== undefined) s.facts.percentDone = event.data.percentDone;
    tell(s, at, 'production-state', 'customer', { zh: `生产进度：${event.data.told}`, en: event.data.told });
  },
  'outbound-notice-issued': (s, event, at) => {
    d(s).outboundNotice = { ref: event.data.noticeRef, issuedAt: at };
    tell(s, at, 'outbound-notice', 'customer', {
      zh: `出库通知单 ${event.data.noticeRef}：您的货物已备好；请付清合同全款（应付 ${balanceDue(s)} fen）`,
      en: `outbound notice ${event.data.noticeRef}: your goods are ready; please pay the contract amount in full (${balanceDue(s)} fen due)`,
    });
  },
  'shipment-released': (s, event, at) => {
    d(s).released = { at, by: event.actor, ref: event.data.releaseRef };
  },
};

/** The distributor signs the outbound notice on receipt: it is tracked on the order (and counted in the snapshot). */
export function outboundNoticeSigned(s: OrderState, at: string, receiptRef: string) {
  const notice = s.distributor?.outboundNotice;
  if (!notice) return;
  notice.signedAt = at;
  notice.receiptRef = receiptRef;
}

// ---- what the snapshot shows -------------------------------------------------------------------

/** The distributor's part of the snapshot: the record, and what is open on it now. */
export function distributorView(s: OrderState) {
  const record = s.distributor;
  if (!record) return null;
  return {
    ...record,
    /** Items still to confirm with the distributor. */
    missingItems: missingItems(s),
    /** Material families not in past their deadline (the exception). */
    lateMaterials: (Object.entries(record.materials) as [MaterialFamily, MaterialArrival][])
      .filter(([, m]) => m.late && m.arrivedAt === undefined)
      .map(([family]) => family),
    contractEffective: s.facts.signedReturnAt !== undefined && depositOutstanding(s) === 0,
    outboundNoticeSigned: record.outboundNotice?.signedAt !== undefined,
  };
}
export type DistributorView = NonNullable<ReturnType<typeof distributorView>>;
