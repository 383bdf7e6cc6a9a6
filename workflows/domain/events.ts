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
  // Complaints as their own workflows: the money agreed for one goes to the order's ledger.
  'complaint-compensation-agreed': z
    .object({
      complaintNumber: z.int().positive().describe('the complaint, by its number on the order'),
      amount: Fen.min(1).describe('in fen: lowers what the customer owes'),
      reason: Reason,
    })
    .describe('A compensation agreed with the customer for a complaint (a discount, a refund of part of the price).'),
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
