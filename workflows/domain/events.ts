import { z } from 'zod';
import { Actor, Fen, IsoDate, OrderLine } from './order';

// One schema per business event of domain.md §3. The `type` names are the contract shared by the
// workflow, the API, the simulator and the tests; `data` carries what the event's paperwork carries.
const Ref = z.string().min(1).max(200); // a document number or file reference
const Reason = z.string().min(1).max(2000);
const none = z.object({}).strict();
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day, HH:MM');
const Amendment = z.int().positive().describe('the amendment (change request) number, 1 for the first');
/** The customer's satisfaction, 1 (very unhappy) to 5 (very satisfied). */
const Rating = z.int().min(1).max(5).describe("the customer's satisfaction, 1 (very unhappy) to 5 (very satisfied)");

/**
 * What caused a complaint, found when it is resolved: 001 ch.7 fines a data-entry error (订单信息录入错误)
 * that led to a complaint and charges goods sent wrong (产品发错客户); domain.md §19 names the others.
 */
export const complaintCauses = [
  'data-entry',
  'wrong-shipment',
  'quality',
  'processing',
  'technical',
  'installation',
  'transport',
  'late-delivery',
  'other',
] as const;

/** A line as a change request asks for it: what and how many, never its price (production prices it). */
export const WantedLine = OrderLine.omit({ unitPrice: true }).strict();
/** A line as production prices an amendment: from the price list, or a quoted price with its quotation. */
export const PricedLine = OrderLine.extend({
  priceBasis: z.enum(['price-list', 'quote']).describe('where the unit price comes from: the price list (价格执行方案) or a quotation'),
  quoteRef: Ref.optional().describe('the quotation, for a quoted price'),
});
export type PricedLine = z.infer<typeof PricedLine>;

export const eventData = {
  'order-confirmed': none, // 初步确认 within 2 h of receipt
  'feasibility-decided': z.object({
    feasible: z.boolean(),
    /** R&D's solution, or the alternative the sales manager proposed and the customer accepted. */
    solution: z.string().max(2000).optional(),
  }),
  'materials-confirmed': z.object({ confirmationRef: Ref, leadTimeDays: z.int().min(0).max(365).optional() }),
  'drawing-sent': z.object({ version: z.int().positive(), drawingRef: Ref }),
  'drawing-confirmed': z.object({ version: z.int().positive() }),
  'drawing-revision-requested': z.object({ version: z.int().positive(), reason: Reason }),
  'price-approved': none,
  'price-disputed': z.object({ reason: Reason }),
  'supervisor-approved': z.object({ comment: z.string().max(2000).optional() }),
  /** A class A order over the customer's credit limit: the supervisor lets it ship on credit. */
  'credit-approved': z.object({ comment: z.string().max(2000).optional() }),
  'delivery-date-estimated': z.object({ promisedDate: IsoDate }),
  'confirmation-sent': z.object({ documentRef: Ref }),
  'signed-confirmation-returned': z.object({ documentRef: Ref }),
  'signed-confirmation-rejected': z.object({ reason: Reason }),
  'deposit-received': z.object({ amount: Fen.min(1), paymentRef: Ref }),
  'production-notice-issued': z.object({ noticeRef: Ref }),
  'technical-order-issued': z.object({ orderRef: Ref }),
  'progress-reported': z.object({ percentDone: z.int().min(0).max(100), comment: z.string().max(2000).optional() }),
  'delay-reported': z.object({
    reason: Reason,
    newPromisedDate: IsoDate,
    /** Claimed as force majeure (不可抗力, e.g. a natural disaster): a supervisor verifies it (force-majeure-verified). */
    forceMajeure: z.boolean().optional(),
  }),
  'customer-told-of-delay': z.object({
    channel: z.enum(['phone', 'email', 'message', 'visit']),
    /** A discount or other compensation agreed with the customer, in fen. */
    compensation: Fen.optional(),
  }),
  // 需求变更 (domain.md §13): asked, assessed and priced by production, the price approved by finance
  // when the policy says so, confirmed by the customer; only then version N+1 of the lines.
  'change-requested': z
    .object({
      description: Reason.describe('what should change, in the words of whoever asks (colour, quantity, date …)'),
      lines: z.array(WantedLine).min(1).max(500).optional().describe('the lines wanted instead of the current ones, without prices'),
      wantedDate: IsoDate.optional().describe('the finished date the customer would like; the assessment sets the promised date'),
    })
    .strict()
    .describe('The customer, sales rep or order desk asks for a change; it carries no price (production prices it).'),
  'change-assessed': z
    .object({
      version: Amendment,
      feasible: z.boolean(),
      reason: Reason.optional().describe('why not, when it is not feasible'),
      lines: z
        .array(PricedLine)
        .min(1)
        .max(500)
        .optional()
        .describe('all the order lines as amended, priced; left out when the lines stay as they are (a date change)'),
      newPromisedDate: IsoDate.optional().describe('the promised date (交期) with the change'),
      drawingsChange: z
        .boolean()
        .optional()
        .describe('the drawings change: technical issues a revised technical order once it is confirmed'),
    })
    .describe('Production assesses a requested change: feasible or not, the new lines with their prices, the new promised date.'),
  'change-price-approved': z
    .object({ version: Amendment, comment: z.string().max(2000).optional() })
    .describe("Finance approves the amended price under the price policy (when the policy's `changes` rules ask for it)."),
  'change-confirmed': z
    .object({
      version: Amendment,
      confirmationRef: Ref.optional().describe(
        "the customer's written confirmation of the new terms: required when the order desk or sales rep confirms for the customer",
      ),
    })
    .describe('The customer confirms the assessed terms (price and date); the amendment then applies as the next version of the lines.'),
  'change-rejected': z
    .object({ version: Amendment, reason: Reason })
    .describe('The change is dropped: the customer declines the new terms, whoever asked withdraws it, or finance refuses the price.'),
  'qc-passed': z.object({ reportRef: Ref }),
  'qc-failed': z.object({ reason: Reason }),
  stocked: z.object({ location: z.string().min(1).max(120) }),
  'shipping-requested': z.object({ requestRef: Ref }), // 发货申请告知单
  'payment-received': z.object({
    amount: Fen.min(1),
    paymentRef: Ref,
    /** Finance takes more than is due on purpose: the surplus is held for the customer (shown as refund due). */
    asCredit: z.boolean().optional(),
  }),
  'emergency-released': z.object({ reason: Reason }),
  /** 确认收货时间 (001 ch.3, ch.4): the date and time window the customer agreed to receive the goods in. */
  'receiving-time-confirmed': z.object({
    date: IsoDate,
    from: ClockTime.optional().describe('the start of the agreed window, company time (HH:MM)'),
    until: ClockTime.optional().describe('the end of the agreed window, company time (HH:MM)'),
    contact: z.string().min(1).max(120).optional().describe('who receives the goods'),
  }),
  shipped: z.object({
    carrier: z.string().min(1).max(120),
    trackingRef: Ref,
    expectedArrival: IsoDate.optional(),
  }),
  'signed-for': z.object({ receiptRef: Ref, satisfaction: Rating.optional() }), // 到货回单
  'goods-accepted': z.object({ acceptanceRef: Ref }), // 验收: what an on-acceptance instalment counts from
  'invoice-issued': z.object({ invoiceNumber: Ref, amount: Fen.min(1), date: IsoDate }), // 开票
  /** Voided, or corrected: void it and issue the corrected one under a new number. */
  'invoice-voided': z.object({ invoiceNumber: Ref, reason: Reason }),
  /** A supervisor writes off what the customer will not pay, with finance's approval (its reference). */
  'receivable-written-off': z.object({ amount: Fen.min(1), reason: Reason, financeRef: Ref }),
  /** After a cancellation, what finance keeps of the money received for work done; the rest is refunded. */
  'cancellation-costs-kept': z.object({ amount: Fen, reason: Reason }),
  'refund-paid': z.object({ amount: Fen.min(1), paymentRef: Ref }),
  'complaint-filed': z.object({
    category: z.enum(['quality', 'technical', 'processing', 'wrong-or-missing-goods', 'installation', 'transport']),
    description: Reason,
  }),
  'complaint-resolved': z.object({
    complaintNumber: z.int().positive(),
    responsibleParty: z.enum(['production', 'installation', 'transport', 'sales', 'customer', 'none']),
    resolution: Reason,
    /** What caused it, as found: the sales reps' monthly figures count data-entry errors and wrong shipments (001 ch.7). */
    cause: z.enum(complaintCauses).optional(),
    /** A compensation agreed with the customer, in fen: lowers what they owe. */
    compensation: Fen.optional(),
  }),
  cancelled: z.object({ reason: Reason }),
  /** 回访: the after-sales callback records how satisfied the customer is. */
  'satisfaction-rated': z.object({ rating: Rating, comment: z.string().max(2000).optional() }),
  /** 不可抗力: a supervisor verified that a reported delay was force majeure; the sales rep is not charged with it (001 ch.7). */
  'force-majeure-verified': z.object({
    delay: z.int().positive().describe('the delay, by its number on the order (1 for the first reported)'),
    evidence: Reason.describe('what the supervisor checked'),
  }),
  // ---- industrial contract channel (004): technical agreement, price pre-review, contract review, the contract file ----
  'commercial-terms-agreed': z
    .object({ documentRef: Ref.describe('the technical agreement (技术合同) with its commercial terms') })
    .strict()
    .describe("The sales rep agreed the technical agreement's commercial terms (商务条款: the parties' rights and obligations).")
    .meta({ examples: [{ documentRef: 'TA-4001 commercial terms' }] }),
  'statement-of-work-agreed': z
    .object({ documentRef: Ref.describe('the statement of work (工作说明书)') })
    .strict()
    .describe("Technical agreed the technical agreement's statement of work: what is to be made, to which parameters.")
    .meta({ examples: [{ documentRef: 'TA-4001 SOW rev.2' }] }),
  'price-pre-reviewed': z
    .object({
      products: z
        .array(
          z
            .object({
              line: z.int().positive().describe('the order line, 1 for the first'),
              productClass: z
                .enum(['A', 'B', 'C'])
                .describe("the product's class (A/B/C) by its parameters, configuration and special terms: not the customer's class"),
              listPrice: Fen.min(1).describe("the product's list price per unit, in fen; the class's rule prices from it"),
              basis: Reason.describe('why this class: parameters, configuration, host machine, imported parts, special terms'),
            })
            .strict(),
        )
        .min(1)
        .max(500)
        .describe('every order line, classified once'),
      market: z.string().min(1).max(2000).optional().describe('the customer and market considered (competitors, project, volume)'),
    })
    .strict()
    .describe(
      "价格预审: the sales rep classifies each product A/B/C; OrderFlow prices it by the class's rule (list price × class factor × the customer class's factor, within the allowed band). A quoted unit price outside the band goes to the sales manager, or to the general manager when it departs from the rule price by more than the policy's threshold.",
    )
    .meta({
      examples: [
        {
          products: [{ line: 1, productClass: 'B', listPrice: 120000, basis: 'non-standard cage, sealed both sides for the host maker' }],
          market: 'tender for a wind-turbine gearbox line',
        },
      ],
    }),
  'price-exception-approved': z
    .object({ comment: z.string().max(2000).optional() })
    .strict()
    .describe('The sales manager (supervisor) approves a quote outside the price rule; above the threshold only the general manager may.')
    .meta({ examples: [{ comment: 'strategic customer, volume over three years' }] }),
  'quote-sent': z
    .object({ quoteRef: Ref, medium: z.enum(['letter', 'email']).describe('the quote goes in writing: a letter or an email') })
    .strict()
    .describe('The sales rep sent the customer the quote in writing, at the reviewed prices.')
    .meta({ examples: [{ quoteRef: 'Q-4001', medium: 'email' }] }),
  'contract-drafted': z
    .object({ contractRef: Ref })
    .strict()
    .describe(
      "The sales rep drew up the contract, on the order's template (the standard one, or the customer's, flagged); its review starts.",
    )
    .meta({ examples: [{ contractRef: 'SC-4001 v1' }] }),
  'contract-review-approved': z
    .object({
      promisedDate: IsoDate.optional().describe("production's approval names the delivery date (交期) it commits to: the promised date"),
      comment: z.string().max(2000).optional(),
    })
    .strict()
    .describe(
      '合同评审: a department concerned approves its part of the contract (technical: technical terms; finance: price, always; production: the delivery date; the sales manager: a customer’s template). When all have, the contract is stamped.',
    )
    .meta({ examples: [{ promisedDate: '2031-05-20', comment: 'capacity booked in week 19' }] }),
  'contract-review-point-raised': z
    .object({ point: Reason })
    .strict()
    .describe(
      'A department concerned raises a point on the contract instead of approving; the sales rep resolves it and the department reviews again.',
    )
    .meta({ examples: [{ point: 'payment term 90 days after acceptance is outside our terms: 30 days at most' }] }),
  'contract-review-point-resolved': z
    .object({
      point: z.int().positive().describe('the point, by its number on the order (1 for the first raised)'),
      resolution: Reason,
      contractRef: Ref.optional().describe('the revised contract, when the text changed'),
    })
    .strict()
    .describe('The sales rep resolved a review point (with the customer); the department that raised it reviews again.')
    .meta({ examples: [{ point: 1, resolution: 'customer accepts 30 days after acceptance', contractRef: 'SC-4001 v2' }] }),
  'customer-delay-recorded': z
    .object({
      reason: Reason.describe("why the customer's side is late (their project, site, host machine)"),
      newPromisedDate: IsoDate.describe('the delivery date agreed with the customer instead'),
      evidenceRef: Ref.optional().describe("the customer's letter or minutes"),
    })
    .strict()
    .describe(
      "The customer's project is late: the sales rep records it, production rebalances, and the promised date moves without the delay counting against the company.",
    )
    .meta({
      examples: [{ reason: "the customer's plant extension is three weeks late", newPromisedDate: '2031-06-10', evidenceRef: 'LTR-0412' }],
    }),
  'invoice-posted': z
    .object({ invoiceNumber: Ref, receiptRef: Ref.describe("the customer's signed receipt handed over with the invoice") })
    .strict()
    .describe("签收挂账: the sales rep delivered the invoice with the signed receipt to the customer's finance, who posted it as payable.")
    .meta({ examples: [{ invoiceNumber: 'INV-4001', receiptRef: 'AR-4001' }] }),
  'contract-document-filed': z
    .object({
      kind: z.enum(['correspondence', 'service-record', 'other']),
      documentRef: Ref,
      description: Reason,
    })
    .strict()
    .describe(
      'A document for the contract file (建立档案): correspondence, an after-sales service record (installation, commissioning, spares), or another.',
    )
    .meta({
      examples: [{ kind: 'service-record', documentRef: 'SRV-4001-1', description: 'commissioning on the host machine, run-in passed' }],
    }),
} as const;

export type EventType = keyof typeof eventData;
export const eventTypes = Object.keys(eventData) as EventType[];
export const EventType = z.enum(eventTypes as [EventType, ...EventType[]]);
export type EventData<T extends EventType> = z.infer<(typeof eventData)[T]>;

/** Each event as a person or system sends it (the API fills `actor` from authentication). */
export const eventSchemas = Object.fromEntries(
  eventTypes.map((type) => [
    type,
    z.object({
      type: z.literal(type),
      actor: Actor,
      data: eventData[type],
      note: z.string().max(2000).optional(),
      /** The sender's idempotency key: the same id is never applied twice. */
      id: z.string().min(1).max(200).optional(),
      /** A digest of what the sender sent under that key, to tell a retry from a reused key. */
      digest: z.string().max(200).optional(),
    }),
  ]),
) as unknown as Record<EventType, z.ZodObject>;

export const OrderEvent = z.discriminatedUnion('type', Object.values(eventSchemas) as [z.ZodObject, ...z.ZodObject[]]);

export type OrderEvent = {
  [T in EventType]: { type: T; actor: Actor; data: EventData<T>; note?: string; id?: string; digest?: string };
}[EventType];
