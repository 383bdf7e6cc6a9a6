import type { Handler } from './apply';
import type { EventData, EventType, OrderEvent } from './events';
import type { Actor, ContractTerms, CustomerClass, Fen, IsoDate, OrderInput, Role } from './order';
import type { Policy } from './policy';
import type { Route } from './route';
import { roleLabels } from './labels';
import { currentLines, notify, releasable, saying, setPromisedDate, type OrderState, type Sentence } from './state';
import { depositStep, sideEvents, steps } from './route-library';

// The industrial contract channel (document 004, a bearing maker's 16 steps; domain.md §4): the
// technical agreement, the price pre-review by product class with its approvals, the quote, the
// contract and its review by every department concerned, then the advance, scheduling, production
// follow-up, put-away, payment before shipping, shipment, invoice and sign-off posted with the
// customer, later payments, after-sales, and the archive two years after the warranty. Pure: the
// route as data, what each contract event changes, and why one does not fit. (No runtime import of
// route.ts or apply.ts: route.ts reads this route when it loads. state.ts imports this module, so
// the route reads state.ts's functions only when called, never when this module loads.)

export type ProductClass = CustomerClass;
type Contract = Policy['contract'] & {};

/** A step someone took on the contract, with the document it produced. */
export interface ContractStep {
  at: string;
  by: Actor;
  ref?: string;
}

/** One order line as the price pre-review priced it (价格预审), in fen per unit. */
export interface PricedProduct {
  line: number;
  productCode: string;
  productClass: ProductClass;
  basis: string;
  listPrice: Fen;
  /** list price × the class's factor × the customer class's factor. */
  rulePrice: Fen;
  /** The band the rule allows the quote in. */
  lowest: Fen;
  highest: Fen;
  /** The quoted unit price (the order line's). */
  unitPrice: Fen;
  quantity: number;
  withinRule: boolean;
}

export interface Pricing {
  products: PricedProduct[];
  market?: string;
  /** How far the quote departs from the rule prices, Σ |unit price − rule price| × quantity over the lines outside the band. */
  departure: Fen;
  /** Who approves the quote: nobody within the rule, the sales manager outside it, the general manager above the threshold. */
  approver: 'supervisor' | 'general-manager' | null;
  approved?: ContractStep;
  at: string;
  by: Actor;
}

/** One department's review of the contract (合同评审). */
export interface DepartmentReview {
  role: Role;
  /** What it reviews, in business words. */
  aspect: string;
  state: 'pending' | 'approved' | 'point-raised';
  approved?: ContractStep;
}

export interface ReviewPoint {
  number: number;
  role: Role;
  point: string;
  raised: ContractStep;
  resolved?: ContractStep & { resolution: string };
}

export interface CustomerDelay extends ContractStep {
  reason: string;
  from: IsoDate | null;
  to: IsoDate;
}

export type ContractDocumentKind =
  | 'technical-agreement'
  | 'quote'
  | 'contract'
  | 'contract-original'
  | 'sign-off'
  | 'invoice'
  | 'correspondence'
  | 'service-record'
  | 'other';

/** An entry of the contract file (销售合同档案). */
export interface ContractDocument {
  kind: ContractDocumentKind;
  ref: string;
  description: string;
  at: string;
  by: Actor;
}

/** The contract as it goes: its terms, agreement, pricing, review and file. */
export interface ContractFile {
  terms: ContractTerms;
  commercialTerms?: ContractStep;
  statementOfWork?: ContractStep;
  pricing?: Pricing;
  quote?: ContractStep & { medium: string };
  draft?: ContractStep;
  reviews: DepartmentReview[];
  points: ReviewPoint[];
  /** Every department concerned approved: the contract is stamped. */
  stampedAt?: string;
  customerDelays: CustomerDelay[];
  invoicePosted?: ContractStep & { invoiceNumber: string };
  documents: ContractDocument[];
}

export function openContract(order: OrderInput): ContractFile {
  return { terms: order.contract ?? { template: 'standard' }, reviews: [], points: [], customerDelays: [], documents: [] };
}

const c = (s: OrderState) => s.contract!;
const rules = (s: OrderState): Contract => s.policy.contract!;

// ---- price pre-review (价格预审) -----------------------------------------------------------------

/** `amount` × `basisPoints` / 10000, rounded half up, exact for any amount under the order ceiling. */
export const scaled = (amount: number, basisPoints: number) => Number((BigInt(amount) * BigInt(basisPoints) + 5000n) / 10000n);

/**
 * Prices each line by its product class's rule and the customer class's factor, and routes a quote
 * outside the rule: to the sales manager, or to the general manager when it departs from the rule
 * prices by more than the policy's threshold.
 */
export function pricingOf(
  contract: Contract,
  customerClass: CustomerClass,
  lines: OrderInput['lines'],
  classified: EventData<'price-pre-reviewed'>,
): Omit<Pricing, 'at' | 'by'> {
  const products = classified.products.map(({ line, productClass, listPrice, basis }) => {
    const rule = contract.priceRules[productClass];
    const { productCode, unitPrice, quantity } = lines[line - 1];
    const rulePrice = scaled(scaled(listPrice, rule.factor), contract.customerFactors[customerClass]);
    const lowest = scaled(rulePrice, 10_000 - rule.discountUpTo);
    const highest = scaled(rulePrice, 10_000 + rule.markupUpTo);
    const withinRule = unitPrice >= lowest && unitPrice <= highest;
    return { line, productCode, productClass, basis, listPrice, rulePrice, lowest, highest, unitPrice, quantity, withinRule };
  });
  const departure = products.filter((p) => !p.withinRule).reduce((sum, p) => sum + Math.abs(p.unitPrice - p.rulePrice) * p.quantity, 0);
  const approver = products.every((p) => p.withinRule) ? null : departure > contract.generalManagerAbove ? 'general-manager' : 'supervisor';
  return {
    products: [...products].sort((a, b) => a.line - b.line),
    ...(classified.market && { market: classified.market }),
    departure,
    approver,
  };
}

const priced = (s: OrderState) => c(s).pricing !== undefined && (c(s).pricing!.approver === null || c(s).pricing!.approved !== undefined);

// ---- contract review (合同评审) ------------------------------------------------------------------

const aspects: Partial<Record<Role, Sentence>> = {
  technical: { zh: '对照技术协议审技术条款', en: 'the technical terms against the technical agreement' },
  finance: { zh: '价格、付款与余款条款', en: 'the price, payment and balance terms' },
  production: { zh: '交货期（写明你承诺的交期）', en: 'the delivery date (name the promised date you commit to)' },
  supervisor: {
    zh: '商务条款；用客户合同模板的，逐条审其文本',
    en: "the commercial terms; on the customer's template, its text clause by clause",
  },
};
const ownPart: Sentence = { zh: '合同中本部门负责的部分', en: 'its part of the contract' };

/** The departments concerned: the policy's (finance always), and the sales manager when the text is the customer's. */
export function reviewersOf(s: OrderState): Role[] {
  const roles = [...rules(s).reviewers];
  if (c(s).terms.template === 'customer' && !roles.includes('supervisor')) roles.push('supervisor');
  return roles;
}

const reviewOf = (s: OrderState, role: Role) => c(s).reviews.find((r) => r.role === role);
const openPoints = (s: OrderState) => c(s).points.filter((p) => p.resolved === undefined);
const stamped = (s: OrderState) => c(s).stampedAt !== undefined;

// ---- the route -------------------------------------------------------------------------------

const f = (s: OrderState) => s.facts;

/** The contract channel (domain.md §4: technical agreement, price pre-review, contract, 7, 8, scheduling, 12, 14, payment then 16, invoice, 17 + receivable posting, 18, 19, 20). */
export const contractRoute: Route = {
  steps: [
    {
      // 技术合同: commercial terms by sales, the statement of work by technical.
      stage: 'technical-agreement',
      done: (s) => c(s).commercialTerms !== undefined && c(s).statementOfWork !== undefined,
      expects: (s) => [
        ...(c(s).commercialTerms ? [] : (['commercial-terms-agreed'] as const)),
        ...(c(s).statementOfWork ? [] : (['statement-of-work-agreed'] as const)),
      ],
      provides: [],
    },
    {
      stage: 'price-pre-review',
      done: priced,
      expects: (s) => (c(s).pricing ? ['price-exception-approved'] : ['price-pre-reviewed']),
      provides: [],
    },
    { stage: 'quotation', done: (s) => c(s).quote !== undefined, expects: () => ['quote-sent'], provides: [] },
    { stage: 'contract-drafting', done: (s) => c(s).draft !== undefined, expects: () => ['contract-drafted'], provides: [] },
    {
      stage: 'contract-review',
      done: stamped,
      expects: (s) => [
        ...(c(s).reviews.some((r) => r.state === 'pending') ? (['contract-review-approved', 'contract-review-point-raised'] as const) : []),
        ...(openPoints(s).length > 0 ? (['contract-review-point-resolved'] as const) : []),
      ],
      provides: [],
    },
    {
      // The customer's signed original of the stamped contract (合同原件).
      stage: 'contract-signature',
      done: (s) => f(s).signedReturnAt !== undefined,
      expects: () => ['signed-confirmation-returned'],
      provides: ['signedReturnAt'],
    },
    // 预收款: the advance (the plan's instalments due before production).
    depositStep('an advance in the plan'),
    {
      // 排产: manufacturing schedules design, materials and production to the contract and technical agreement.
      stage: 'scheduling',
      done: (s) => f(s).productionNoticeAt !== undefined,
      expects: () => ['production-notice-issued'],
      provides: ['productionNoticeAt'],
    },
    // 生产进度跟随: the contract administrator (order desk) reports progress in writing; QC's test ends it.
    steps.production,
    // 产品入库存栈: put away after testing.
    steps.putAway,
    // 提款发货: the payment before shipping collected (the shipping notice went to the rep).
    { stage: 'release', done: (s) => releasable(s), expects: () => ['payment-received'], provides: [] },
    steps.shipping,
    steps.inTransit,
    // 客户签收挂账: the invoice, delivered through the rep with the signed receipt, posted by the customer's finance.
    {
      stage: 'receivable-posting',
      done: (s) => c(s).invoicePosted !== undefined,
      expects: () => ['invoice-posted'],
      provides: [],
    },
    steps.afterSales,
  ],
  // Complaints from delivery on.
  complaints: { from: 'receivable-posting' },
  misfit: (s, event) => whyNotInContract(s, event),
  windows: [
    // The contract file takes correspondence and service records throughout.
    { events: () => ['contract-document-filed'] },
    sideEvents.cancellation('in-transit'),
    sideEvents.deposit('contract-signature', 'scheduling'),
    sideEvents.balance('scheduling'),
    // The customer's project runs late: recorded from the signed contract until the goods ship.
    { from: 'contract-signature', until: 'in-transit', events: () => ['customer-delay-recorded'] },
    sideEvents.delayTold,
    sideEvents.forceMajeure,
    sideEvents.receivingTime,
    // Finance invoices at the agreed moment (the policy's payments.invoice), once the contract is signed.
    sideEvents.invoices('contract-signature'),
    // From delivery on: acceptance (验收), complaints and their callbacks, ratings.
    sideEvents.acceptance('receivable-posting'),
    sideEvents.ratings('receivable-posting'),
    sideEvents.writeOff('in-transit'),
    sideEvents.refunds('contract-signature'),
  ],
};

// ---- why a contract event does not fit --------------------------------------------------------

/** Why a contract event the route expects does not fit the contract as it is, in business words; undefined when it does. */
export function whyNotInContract(s: OrderState, event: OrderEvent): string | undefined {
  switch (event.type) {
    case 'quote-sent':
      return event.data.medium ? undefined : "a contract's quote goes in writing: name how (medium: letter or email)";
    case 'price-pre-reviewed': {
      const lines = currentLines(s).length;
      const numbers = event.data.products.map((p) => p.line).sort((a, b) => a - b);
      const every = Array.from({ length: lines }, (_, i) => i + 1);
      return numbers.join() === every.join()
        ? undefined
        : `classify every order line exactly once: lines ${every.join(', ')} (got ${numbers.join(', ')})`;
    }
    case 'price-exception-approved': {
      const { approver, departure } = c(s).pricing!;
      return approver === 'general-manager' && event.actor.role !== 'general-manager'
        ? `the quote departs from the rule prices by ${departure} fen, above the ${rules(s).generalManagerAbove} fen the sales manager may approve: the general manager approves it`
        : undefined;
    }
    case 'contract-review-approved':
    case 'contract-review-point-raised': {
      const review = reviewOf(s, event.actor.role);
      if (!review)
        return `${event.actor.role} does not review this contract (reviewers: ${c(s)
          .reviews.map((r) => r.role)
          .join(', ')})`;
      if (review.state === 'approved') return `${event.actor.role} has already approved the contract`;
      const open = openPoints(s).filter((p) => p.role === event.actor.role);
      if (event.type === 'contract-review-approved' && open.length > 0)
        return `${event.actor.role}'s point ${open.map((p) => p.number).join(', ')} is not resolved yet: the sales rep resolves it first`;
      if (event.type === 'contract-review-approved' && event.actor.role === 'production' && !event.data.promisedDate)
        return "production's approval names the delivery date it commits to (promisedDate)";
      return undefined;
    }
    case 'contract-review-point-resolved':
      return openPoints(s).some((p) => p.number === event.data.point)
        ? undefined
        : `point ${event.data.point} is not an open review point (open: ${
            openPoints(s)
              .map((p) => p.number)
              .join(', ') || 'none'
          })`;
    case 'customer-delay-recorded':
      return s.promisedDate && event.data.newPromisedDate <= s.promisedDate
        ? `a delay on the customer's side moves the promised date ${s.promisedDate} later, not to ${event.data.newPromisedDate}`
        : undefined;
    case 'invoice-posted':
      return s.ledger?.invoices.some((i) => i.number === event.data.invoiceNumber && !i.voided)
        ? undefined
        : `invoice ${event.data.invoiceNumber} is not a valid invoice of this order: finance issues it first (invoice-issued)`;
    default:
      return undefined;
  }
}

// ---- what each contract event changes -----------------------------------------------------------

const step = (event: OrderEvent, at: string, ref?: string): ContractStep => ({ at, by: event.actor, ...(ref && { ref }) });

type ContractEventType =
  | 'commercial-terms-agreed'
  | 'statement-of-work-agreed'
  | 'price-pre-reviewed'
  | 'price-exception-approved'
  | 'quote-sent'
  | 'contract-drafted'
  | 'contract-review-approved'
  | 'contract-review-point-raised'
  | 'contract-review-point-resolved'
  | 'customer-delay-recorded'
  | 'invoice-posted'
  | 'contract-document-filed';

export const contractHandlers: { [T in ContractEventType]: Handler<T> } = {
  'commercial-terms-agreed': (s, event, at) => {
    c(s).commercialTerms = step(event, at, event.data.documentRef);
  },
  'statement-of-work-agreed': (s, event, at) => {
    c(s).statementOfWork = step(event, at, event.data.documentRef);
  },
  'price-pre-reviewed': (s, event, at) => {
    const pricing = pricingOf(rules(s), s.order.customer.class, [...currentLines(s)], event.data);
    c(s).pricing = { ...pricing, at, by: event.actor };
    if (!pricing.approver) return;
    const outside = pricing.products.filter((p) => !p.withinRule);
    notify(s, at, {
      kind: 'notification',
      type: 'price-exception',
      to: pricing.approver,
      ...saying({
        zh: `报价超出价格规则，偏离规则价 ${pricing.departure} fen：${outside
          .map((p) => `第 ${p.line} 行（${p.productCode}，${p.productClass} 类）${p.unitPrice} fen，规则 ${p.lowest}–${p.highest} fen`)
          .join('；')}`,
        en: `quote outside the price rule, ${pricing.departure} fen from the rule prices: ${outside
          .map((p) => `line ${p.line} (${p.productCode}, class ${p.productClass}) at ${p.unitPrice} fen, rule ${p.lowest}–${p.highest} fen`)
          .join('; ')}`,
      }),
    });
  },
  'price-exception-approved': (s, event, at) => {
    c(s).pricing!.approved = step(event, at, event.data.comment);
  },
  'quote-sent': (s, event, at) => {
    c(s).quote = { ...step(event, at, event.data.quoteRef), medium: event.data.medium! };
  },
  'contract-drafted': (s, event, at) => {
    c(s).draft = step(event, at, event.data.contractRef);
    c(s).reviews = reviewersOf(s).map((role) => ({ role, aspect: (aspects[role] ?? ownPart).en, state: 'pending' }));
  },
  'contract-review-approved': (s, event, at) => {
    const review = reviewOf(s, event.actor.role)!;
    review.state = 'approved';
    review.approved = step(event, at, event.data.comment);
    if (event.data.promisedDate) setPromisedDate(s, at, event.data.promisedDate, 'delivery date approved in the contract review');
    if (c(s).reviews.some((r) => r.state !== 'approved')) return;
    c(s).stampedAt = at;
    notify(s, at, {
      kind: 'notification',
      type: 'contract-stamped',
      to: 'sales-rep',
      ...saying({
        zh: `合同 ${c(s).draft!.ref} 已经 ${c(s)
          .reviews.map((r) => roleLabels[r.role].zh)
          .join('、')} 评审通过并盖章：请取回客户签字的原件，然后收预付款`,
        en: `contract ${c(s).draft!.ref} approved by ${c(s)
          .reviews.map((r) => r.role)
          .join(', ')} and stamped: get the customer's signed original, then the advance`,
      }),
    });
  },
  'contract-review-point-raised': (s, event, at) => {
    reviewOf(s, event.actor.role)!.state = 'point-raised';
    const number = c(s).points.length + 1;
    c(s).points.push({ number, role: event.actor.role, point: event.data.point, raised: step(event, at) });
    notify(s, at, {
      kind: 'notification',
      type: 'contract-review-point',
      to: 'sales-rep',
      ...saying({
        zh: `${roleLabels[event.actor.role].zh}提出第 ${number} 条评审意见：${event.data.point}`,
        en: `review point ${number} from ${event.actor.role}: ${event.data.point}`,
      }),
    });
  },
  'contract-review-point-resolved': (s, event, at) => {
    const point = c(s).points.find((p) => p.number === event.data.point)!;
    point.resolved = { ...step(event, at, event.data.contractRef), resolution: event.data.resolution };
    if (event.data.contractRef) c(s).draft = step(event, at, event.data.contractRef);
    const review = reviewOf(s, point.role)!;
    if (!openPoints(s).some((p) => p.role === point.role)) review.state = 'pending';
    notify(s, at, {
      kind: 'notification',
      type: 'contract-review',
      to: point.role,
      ...saying({
        zh: `第 ${point.number} 条意见已处理（${event.data.resolution}）：请重新评审${event.data.contractRef ? ` ${event.data.contractRef} 中的` : ''}${
          (aspects[point.role] ?? ownPart).zh
        }`,
        en: `point ${point.number} resolved (${event.data.resolution}): review ${review.aspect} again${
          event.data.contractRef ? ` in ${event.data.contractRef}` : ''
        }`,
      }),
    });
  },
  'customer-delay-recorded': (s, event, at) => {
    const { reason, newPromisedDate, evidenceRef } = event.data;
    c(s).customerDelays.push({ ...step(event, at, evidenceRef), reason, from: s.promisedDate ?? null, to: newPromisedDate });
    // The company is not late for the customer's delay: no delay on the order, only a new promised date.
    setPromisedDate(s, at, newPromisedDate, `customer's side late: ${reason}`);
    notify(s, at, {
      kind: 'notification',
      type: 'customer-delay',
      to: 'production',
      ...saying({
        zh: `客户方延误（${reason}）：交期改为 ${newPromisedDate}，请调整生产`,
        en: `the customer's side is late (${reason}): delivery now ${newPromisedDate}, rebalance production`,
      }),
    });
  },
  'invoice-posted': (s, event, at) => {
    c(s).invoicePosted = { ...step(event, at, event.data.receiptRef), invoiceNumber: event.data.invoiceNumber };
  },
  'contract-document-filed': () => {
    // Filed by fileContractDocuments, as every document of the contract is.
  },
};

// ---- the contract file (建立档案) ------------------------------------------------------------------

/** The document an event puts into the contract file, if any. */
type Filed = Omit<ContractDocument, 'at' | 'by'> | undefined;
const documentOf: Partial<{ [T in EventType]: (event: Extract<OrderEvent, { type: T }>) => Filed }> = {
  'commercial-terms-agreed': (e) => ({ kind: 'technical-agreement', ref: e.data.documentRef, description: 'commercial terms' }),
  'statement-of-work-agreed': (e) => ({ kind: 'technical-agreement', ref: e.data.documentRef, description: 'statement of work' }),
  'quote-sent': (e) => ({ kind: 'quote', ref: e.data.quoteRef, description: `quote sent by ${e.data.medium!}` }),
  'contract-drafted': (e) => ({ kind: 'contract', ref: e.data.contractRef, description: 'contract drafted for review' }),
  'contract-review-point-resolved': (e) =>
    e.data.contractRef
      ? { kind: 'contract', ref: e.data.contractRef, description: `revised for review point ${e.data.point}: ${e.data.resolution}` }
      : undefined,
  'signed-confirmation-returned': (e) => ({
    kind: 'contract-original',
    ref: e.data.documentRef,
    description: "the customer's signed original",
  }),
  'signed-for': (e) => ({ kind: 'sign-off', ref: e.data.receiptRef, description: "the customer's signed receipt (签收单)" }),
  'invoice-posted': (e) => ({
    kind: 'invoice',
    ref: e.data.invoiceNumber,
    description: `posted by the customer's finance with receipt ${e.data.receiptRef}`,
  }),
  'contract-document-filed': (e) => ({ kind: e.data.kind, ref: e.data.documentRef, description: e.data.description }),
};

/** Files what the event brings into the contract file (a contract order's): agreements, quote, contract texts, original, receipt, invoice, correspondence, service records. */
export function fileContractDocuments(s: OrderState, event: OrderEvent, at: string) {
  const document = (documentOf[event.type] as ((e: OrderEvent) => Filed) | undefined)?.(event);
  if (document) c(s).documents.push({ ...document, at, by: event.actor });
}

/** What the contract owes next and who is told, when the order enters a contract stage (workflows/contract-order.ts). */
export function reviewRequests(s: OrderState): { to: Role; said: Sentence }[] {
  const customers = c(s).terms.template === 'customer';
  const ref = c(s).draft!.ref;
  return c(s)
    .reviews.filter((r) => r.state === 'pending')
    .map((r) => ({
      to: r.role,
      said: {
        zh: `请评审合同 ${ref}${customers ? '（客户合同模板：已标注）' : ''}：${(aspects[r.role] ?? ownPart).zh}；批准或提出评审意见`,
        en: `review contract ${ref}${customers ? " (on the customer's template: flagged)" : ''}: ${r.aspect}; approve or raise a point`,
      },
    }));
}
