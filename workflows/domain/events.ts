import { z } from 'zod';
import { Actor, DistributorEnquiry, Fen, IsoDate, MaterialFamily, OrderLine } from './order';

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

/** The store channel's site visits, each an appointment with a date and a team (000 §二). */
export const storeVisits = ['measurement', 'sub-frame-installation', 're-measurement', 'installation'] as const;
export type StoreVisit = (typeof storeVisits)[number];
/** What finance reviews in a group contract (003 §5.4), as named when it returns one. */
export const groupContractTerms = [
  'time',
  'quantity',
  'price',
  'total',
  'fabric-and-style',
  'acceptance-standard',
  'delivery-term',
  'delivery-place',
  'payment-terms',
  'balance-terms',
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
  'feasibility-decided': z
    .object({
      feasible: z.boolean(),
      /** R&D's solution, or the alternative the sales manager proposed and the customer accepted. */
      solution: z.string().max(2000).optional(),
    })
    .meta({ examples: [{ feasible: true, solution: 'a 60 cm shade on the standard PD-60 frame' }] }),
  'materials-confirmed': z
    .object({ confirmationRef: Ref, leadTimeDays: z.int().min(0).max(365).optional() })
    .meta({ examples: [{ confirmationRef: 'CL-2031-001', leadTimeDays: 20 }] }),
  'drawing-sent': z
    .object({ version: z.int().positive(), drawingRef: Ref })
    .meta({ examples: [{ version: 1, drawingRef: 'DWG-2031-001-v1' }] }),
  'drawing-confirmed': z.object({ version: z.int().positive() }).meta({ examples: [{ version: 1 }] }),
  'drawing-revision-requested': z
    .object({ version: z.int().positive(), reason: Reason })
    .meta({ examples: [{ version: 1, reason: 'the customer wants the mounting holes 20 mm lower' }] }),
  'price-approved': none,
  'price-disputed': z
    .object({ reason: Reason })
    .meta({ examples: [{ reason: 'the unit price is above the price list for class B customers' }] }),
  'supervisor-approved': z.object({ comment: z.string().max(2000).optional() }),
  /** A class A order over the customer's credit limit: the supervisor lets it ship on credit. */
  'credit-approved': z.object({ comment: z.string().max(2000).optional() }),
  'delivery-date-estimated': z.object({ promisedDate: IsoDate }).meta({ examples: [{ promisedDate: '2031-01-15' }] }),
  'confirmation-sent': z.object({ documentRef: Ref }).meta({ examples: [{ documentRef: 'OC-2031-001' }] }),
  'signed-confirmation-returned': z.object({ documentRef: Ref }).meta({ examples: [{ documentRef: 'OC-2031-001-signed' }] }),
  'signed-confirmation-rejected': z.object({ reason: Reason }).meta({ examples: [{ reason: 'the returned confirmation is not stamped' }] }),
  'deposit-received': z
    .object({ amount: Fen.min(1), paymentRef: Ref })
    .meta({ examples: [{ amount: 115200, paymentRef: 'BANK-2031-0107' }] }),
  'production-notice-issued': z.object({ noticeRef: Ref }).meta({ examples: [{ noticeRef: 'PN-2031-001' }] }),
  'technical-order-issued': z.object({ orderRef: Ref }).meta({ examples: [{ orderRef: 'TO-2031-001' }] }),
  'progress-reported': z
    .object({ percentDone: z.int().min(0).max(100), comment: z.string().max(2000).optional() })
    .meta({ examples: [{ percentDone: 60, comment: 'shades painted, assembly next week' }] }),
  'delay-reported': z
    .object({
      reason: Reason,
      newPromisedDate: IsoDate,
      /** Claimed as force majeure (不可抗力, e.g. a natural disaster): a supervisor verifies it (force-majeure-verified). */
      forceMajeure: z.boolean().optional(),
    })
    .meta({ examples: [{ reason: 'the powder-coating line is down for repair', newPromisedDate: '2031-01-22' }] }),
  'customer-told-of-delay': z
    .object({
      channel: z.enum(['phone', 'email', 'message', 'visit']),
      /** A discount or other compensation agreed with the customer, in fen. */
      compensation: Fen.optional(),
    })
    .meta({ examples: [{ channel: 'phone' }] }),
  // 需求变更 (domain.md §13): asked, assessed and priced by production, the price approved by finance
  // when the policy says so, confirmed by the customer; only then version N+1 of the lines.
  'change-requested': z
    .object({
      description: Reason.describe('what should change, in the words of whoever asks (colour, quantity, date …)'),
      lines: z.array(WantedLine).min(1).max(500).optional().describe('the lines wanted instead of the current ones, without prices'),
      wantedDate: IsoDate.optional().describe('the finished date the customer would like; the assessment sets the promised date'),
    })
    .strict()
    .describe('The customer, sales rep or order desk asks for a change; it carries no price (production prices it).')
    .meta({
      examples: [
        { description: 'two more lamps of the same model', lines: [{ productCode: 'LAMP-PD-60', quantity: 14 }], wantedDate: '2031-01-20' },
      ],
    }),
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
    .describe('Production assesses a requested change: feasible or not, the new lines with their prices, the new promised date.')
    .meta({
      examples: [
        {
          version: 1,
          feasible: true,
          lines: [{ productCode: 'LAMP-PD-60', quantity: 14, unitPrice: 32000, priceBasis: 'price-list' }],
          newPromisedDate: '2031-01-22',
        },
      ],
    }),
  'change-price-approved': z
    .object({ version: Amendment, comment: z.string().max(2000).optional() })
    .describe("Finance approves the amended price under the price policy (when the policy's `changes` rules ask for it).")
    .meta({ examples: [{ version: 1 }] }),
  'change-confirmed': z
    .object({
      version: Amendment,
      confirmationRef: Ref.optional().describe(
        "the customer's written confirmation of the new terms: required when the order desk or sales rep confirms for the customer",
      ),
    })
    .describe('The customer confirms the assessed terms (price and date); the amendment then applies as the next version of the lines.')
    .meta({ examples: [{ version: 1, confirmationRef: 'CC-2031-001' }] }),
  'change-rejected': z
    .object({ version: Amendment, reason: Reason })
    .describe('The change is dropped: the customer declines the new terms, whoever asked withdraws it, or finance refuses the price.')
    .meta({ examples: [{ version: 1, reason: 'the customer keeps the original order' }] }),
  'qc-passed': z.object({ reportRef: Ref }).meta({ examples: [{ reportRef: 'QC-2031-001' }] }),
  'qc-failed': z.object({ reason: Reason }).meta({ examples: [{ reason: 'two shades scratched: back to rework' }] }),
  stocked: z.object({ location: z.string().min(1).max(120) }).meta({ examples: [{ location: 'A-03' }] }),
  'shipping-requested': z.object({ requestRef: Ref }).meta({ examples: [{ requestRef: 'SR-2031-001' }] }), // 发货申请告知单
  'payment-received': z
    .object({
      amount: Fen.min(1),
      paymentRef: Ref,
      /** Finance takes more than is due on purpose: the surplus is held for the customer (shown as refund due). */
      asCredit: z.boolean().optional(),
    })
    .meta({ examples: [{ amount: 268800, paymentRef: 'BANK-2031-0203' }] }),
  'emergency-released': z
    .object({ reason: Reason })
    .meta({ examples: [{ reason: "the customer's site opens on Monday; the regional manager guarantees the balance" }] }),
  /** 确认收货时间 (001 ch.3, ch.4): the date and time window the customer agreed to receive the goods in. */
  'receiving-time-confirmed': z
    .object({
      date: IsoDate,
      from: ClockTime.optional().describe('the start of the agreed window, company time (HH:MM)'),
      until: ClockTime.optional().describe('the end of the agreed window, company time (HH:MM)'),
      contact: z.string().min(1).max(120).optional().describe('who receives the goods'),
    })
    .meta({ examples: [{ date: '2031-01-18', from: '09:00', until: '12:00', contact: 'Mr Zhao' }] }),
  shipped: z
    .object({
      carrier: z.string().min(1).max(120),
      trackingRef: Ref,
      expectedArrival: IsoDate.optional(),
    })
    .meta({ examples: [{ carrier: 'SF Express', trackingRef: 'SF1234567890', expectedArrival: '2031-01-19' }] }),
  'signed-for': z
    .object({ receiptRef: Ref, satisfaction: Rating.optional() })
    .meta({ examples: [{ receiptRef: 'AR-2031-001', satisfaction: 5 }] }), // 到货回单
  'goods-accepted': z.object({ acceptanceRef: Ref }).meta({ examples: [{ acceptanceRef: 'YS-2031-001' }] }), // 验收: what an on-acceptance instalment counts from
  'invoice-issued': z
    .object({ invoiceNumber: Ref, amount: Fen.min(1), date: IsoDate })
    .meta({ examples: [{ invoiceNumber: 'FP-2031-00001', amount: 384000, date: '2031-01-20' }] }), // 开票
  /** Voided, or corrected: void it and issue the corrected one under a new number. */
  'invoice-voided': z
    .object({ invoiceNumber: Ref, reason: Reason })
    .meta({ examples: [{ invoiceNumber: 'FP-2031-00001', reason: 'wrong tax number; issued again as FP-2031-00002' }] }),
  /** A supervisor writes off what the customer will not pay, with finance's approval (its reference). */
  'receivable-written-off': z
    .object({ amount: Fen.min(1), reason: Reason, financeRef: Ref })
    .meta({ examples: [{ amount: 5000, reason: 'a rounding difference the customer will not pay', financeRef: 'FIN-WO-2031-01' }] }),
  /** After a cancellation, what finance keeps of the money received for work done; the rest is refunded. */
  'cancellation-costs-kept': z
    .object({ amount: Fen, reason: Reason })
    .meta({ examples: [{ amount: 20000, reason: 'materials cut before the cancellation' }] }),
  'refund-paid': z.object({ amount: Fen.min(1), paymentRef: Ref }).meta({ examples: [{ amount: 95200, paymentRef: 'BANK-2031-0301' }] }),
  'complaint-filed': z
    .object({
      category: z.enum(['quality', 'technical', 'processing', 'wrong-or-missing-goods', 'installation', 'transport']),
      description: Reason,
    })
    .meta({ examples: [{ category: 'quality', description: 'two lamp shades scratched on arrival' }] }),
  'complaint-resolved': z
    .object({
      complaintNumber: z.int().positive(),
      responsibleParty: z.enum(['production', 'installation', 'transport', 'sales', 'customer', 'none']),
      resolution: Reason,
      /** What caused it, as found: the sales reps' monthly figures count data-entry errors and wrong shipments (001 ch.7). */
      cause: z.enum(complaintCauses).optional(),
      /** A compensation agreed with the customer, in fen: lowers what they owe. */
      compensation: Fen.optional(),
    })
    .meta({ examples: [{ complaintNumber: 1, responsibleParty: 'transport', resolution: 'two shades replaced', cause: 'transport' }] }),
  cancelled: z.object({ reason: Reason }).meta({ examples: [{ reason: "the customer's project was called off" }] }),
  /** 回访: the after-sales callback records how satisfied the customer is. */
  'satisfaction-rated': z
    .object({ rating: Rating, comment: z.string().max(2000).optional() })
    .meta({ examples: [{ rating: 5, comment: 'delivered on time, well packed' }] }),
  /** 不可抗力: a supervisor verified that a reported delay was force majeure; the sales rep is not charged with it (001 ch.7). */
  'force-majeure-verified': z
    .object({
      delay: z.int().positive().describe('the delay, by its number on the order (1 for the first reported)'),
      evidence: Reason.describe('what the supervisor checked'),
    })
    .meta({ examples: [{ delay: 1, evidence: "the city's typhoon warning closed the plant for three days (notice 2031-07)" }] }),
  // store channel (门店, 000 §二): the intent letter, the site visits, the customer's choices and the marketing assistant's review
  'intent-letter-signed': z
    .object({
      documentRef: Ref.describe('the signed 门窗销售意向书'),
      unitPrice: Fen.describe('the indicative unit price, in fen per square metre'),
      discountBasisPoints: z.int().min(1).max(10_000).optional().describe('the discount offered, in basis points (500 = 5 %)'),
      leadTimeDays: z.int().min(1).max(365).describe('the lead time promised, in days from the contract'),
      paymentMethod: z.string().min(1).max(200).describe('how the customer will pay (bank transfer, card, cash …)'),
    })
    .describe('The customer signs the intent letter (门窗销售意向书) in the store; the intention deposit (意向金) is asked for next.')
    .meta({
      examples: [
        { documentRef: 'YX-2031-001', unitPrice: 88000, discountBasisPoints: 500, leadTimeDays: 30, paymentMethod: 'bank transfer' },
      ],
    }),
  'appointment-scheduled': z
    .object({
      visit: z
        .enum(storeVisits)
        .describe(
          'which site visit: measurement (量尺), sub-frame installation (钢副框安装), re-measurement (复尺) or installation (安装)',
        ),
      date: IsoDate.describe('the company date of the visit'),
      team: z.string().min(1).max(200).describe('who goes: the technician, or the installation team with logistics'),
      reason: Reason.optional().describe('why it is moved, when an earlier appointment for the same visit is rescheduled'),
    })
    .describe('A site visit is booked with the customer for a date and a team; sent again for the same visit, it reschedules it.')
    .meta({ examples: [{ visit: 'installation', date: '2031-02-20', team: 'installation team 3 (Zhang) with logistics' }] }),
  'site-measured': z
    .object({ measurementRef: Ref.describe('the measurement sheet (量尺单)') })
    .describe('Technical measured the site (量尺); the drawings are deepened from it.')
    .meta({ examples: [{ measurementRef: 'LC-2031-001' }] }),
  'window-configuration-confirmed': z
    .object({
      version: z.int().positive().describe('the drawing version the customer confirms'),
      series: z.string().min(1).max(200).describe('the window series (门窗系列)'),
      style: z.string().min(1).max(200).describe('the style (风格)'),
      colours: z.string().min(1).max(500).describe('aluminium and wood colours (铝材、木材颜色)'),
      hardware: z.string().min(1).max(500).describe('hardware (五金) configuration'),
      glass: z.string().min(1).max(500).describe('glass (玻璃) configuration'),
      lock: z.string().min(1).max(200).optional().describe('the door lock (门锁), when one is fitted'),
    })
    .describe(
      'The customer confirms the deepened drawings with series, style, colours, hardware, glass and locks; the store submits them for review.',
    )
    .meta({
      examples: [
        {
          version: 1,
          series: 'TB-68 thermal break',
          style: 'casement, European',
          colours: 'aluminium dark grey outside, oak inside',
          hardware: 'Hoppe handles, concealed hinges',
          glass: '5+12A+5 low-E',
          lock: 'multi-point lock on the balcony door',
        },
      ],
    }),
  'submission-reviewed': z
    .object({
      approved: z.boolean().describe("whether the store's submission meets the factory's process and machining limits"),
      comment: z.string().max(2000).optional().describe('what must change, when it is not approved'),
    })
    .describe(
      "The marketing assistant (营销助理) reviews the store's submission; one not approved goes back to technical for revised drawings.",
    )
    .meta({ examples: [{ approved: true }] }),
  'quote-accepted': z
    .object({
      quoteRef: Ref.describe('the final quote with the final drawings'),
      promisedDate: IsoDate.optional().describe('the date the finished windows are promised for (交期), when the quote names it'),
    })
    .describe('The customer accepts the final drawings and quote; the contract is signed next (signed-confirmation-returned).')
    .meta({ examples: [{ quoteRef: 'BJ-2031-001', promisedDate: '2031-03-15' }] }),
  'sub-frame-made': z
    .object({ reportRef: Ref.describe('the sub-frame work order as completed') })
    .describe('Production made the steel sub-frames (钢副框), made first so that they can be installed on site.')
    .meta({ examples: [{ reportRef: 'GFK-2031-001' }] }),
  'sub-frame-installed': z
    .object({ reportRef: Ref.describe('the installation sheet signed on site') })
    .describe('The installation team installed the steel sub-frames on site; technical re-measures next.')
    .meta({ examples: [{ reportRef: 'AZ-GFK-2031-001' }] }),
  're-measured': z
    .object({ measurementRef: Ref.describe('the re-measurement sheet (复尺单)') })
    .describe(
      'Technical re-measured the openings with the sub-frames in (复尺); the finished-window order (成窗加工单) follows as the technical order.',
    )
    .meta({ examples: [{ measurementRef: 'FC-2031-001' }] }),
  installed: z
    .object({ reportRef: Ref.describe('the installation sheet signed on site') })
    .describe('The installation team installed the finished windows; the customer accepts them next (goods-accepted, 验收).')
    .meta({ examples: [{ reportRef: 'AZ-2031-001' }] }),
  // ---- distributor (代理商, 000 §一) ----
  'enquiry-received': DistributorEnquiry.describe(
    'A distributor asks (咨询): can a process be made, the price or lead time of a window series. Answered by the marketing assistant (the order desk), or by technical when referred.',
  ).meta({ examples: [{ question: 'Can the 120 series take a 5 cm arched transom?', about: 'process' }] }),
  'enquiry-referred': z
    .object({
      enquiry: z.int().positive().describe('the enquiry, by its number on the order (1 for the first)'),
      note: z.string().max(2000).optional().describe('what R&D or technical should look at'),
    })
    .describe('A complex process the marketing assistant cannot answer goes to the R&D manager and technical (复杂工艺 → 霍经理、技术).')
    .meta({ examples: [{ enquiry: 1, note: 'arched transom on the 120 series: check the bending limits' }] }),
  'enquiry-answered': z
    .object({
      enquiry: z.int().positive().describe('the enquiry, by its number on the order'),
      answer: Reason.describe('the answer given to the distributor'),
    })
    .describe('The enquiry is answered and the answer goes back to the distributor (回复).')
    .meta({ examples: [{ enquiry: 1, answer: 'Yes, arches down to 5 cm rise; ¥1,280/m², 25 days' }] }),
  'drawing-received': z
    .object({
      drawingRef: Ref.describe('the faxed drawing (传真图纸), as the distributor numbered it'),
      description: z.string().max(500).optional(),
    })
    .describe("The distributor's order drawing arrives by fax; each drawing is reviewed and quoted.")
    .meta({ examples: [{ drawingRef: 'DWG-A1', description: 'living-room sliding door, 3 panels' }] }),
  'drawings-reviewed': z
    .object({
      withinLimits: z.boolean().describe("the drawings are within the factory's process and machining limits (工艺、加工条件)"),
      note: z.string().max(2000).optional().describe('what is outside the limits, or unsure'),
    })
    .describe("The marketing assistant's first review of the drawings (营销助理初审); outside the limits, R&D proposes a solution.")
    .meta({ examples: [{ withinLimits: false, note: 'corner post without a mullion: not sure we can machine it' }] }),
  'solution-proposed': z
    .object({ solution: Reason.describe("R&D's solution (研发部解决方案)") })
    .describe('R&D proposes a solution for drawings outside the limits; it is agreed with the distributor before the order may be placed.')
    .meta({ examples: [{ solution: 'add a 40 mm reinforced mullion at the corner' }] }),
  'solution-agreed': z
    .object({ agreementRef: Ref.optional().describe("the distributor's written agreement, when there is one") })
    .describe('The distributor agrees to the R&D solution (达成一致意见): only then may the order be placed.')
    .meta({ examples: [{ agreementRef: 'FAX-0312' }] }),
  'spec-item-confirmed': z
    .object({
      item: z
        .enum(['style', 'aluminium-colour', 'wood-colour', 'hardware', 'glass'])
        .describe('the item confirmed: style (风格), aluminium and wood colours, hardware (五金), glass (玻璃配置)'),
      choice: z.string().min(1).max(500).describe('what the distributor chose'),
    })
    .describe('One item of the windows confirmed with the distributor; all five are confirmed, item by item, before the quote.')
    .meta({ examples: [{ item: 'aluminium-colour', choice: 'RAL 7016 anthracite' }] }),
  'surplus-colour-suggested': z
    .object({
      family: z.enum(['aluminium', 'wood']),
      colour: z.string().min(1).max(200),
      note: z.string().max(2000).optional(),
    })
    .describe('A colour the warehouse holds as surplus stock (工程余料) is suggested to the distributor: a note on the order.')
    .meta({ examples: [{ family: 'aluminium', colour: 'champagne', note: '600 m left over from the Binjiang project' }] }),
  'quote-sent': z
    .object({
      quoteRef: Ref.describe('the quotation (报价单)'),
      drawingRef: Ref.optional().describe("the drawing quoted: a distributor's order has one quote per drawing"),
      amount: Fen.optional().describe('the quoted amount, in fen'),
      medium: z.enum(['letter', 'email']).optional().describe("how the quote went in writing: a contract's quote names it"),
    })
    .strict()
    .describe(
      'The quote goes to the customer in writing: for a distributor, one per drawing, before the contract; for an industrial contract, at the pre-reviewed prices.',
    )
    .meta({
      examples: [
        { quoteRef: 'Q-2031-044', drawingRef: 'DWG-A1', amount: 1_280_000 },
        { quoteRef: 'Q-4001', medium: 'email' },
      ],
    }),
  'drawings-handed-over': z
    .object({
      designer: z.string().min(1).max(120).describe('the designer assigned (指定民用设计员)'),
      briefing: z.string().max(2000).optional().describe('the briefing (交底): process, machining, delivery time, special requirements'),
    })
    .describe('The marketing assistant hands the drawings to the assigned designer with a detailed briefing, after the production notice.')
    .meta({ examples: [{ designer: 'Zhou Min', briefing: 'arched transom per the R&D solution; ship by the 20th' }] }),
  'technical-question-raised': z
    .object({ question: Reason.describe('what technical needs the distributor to settle') })
    .describe('Technical has a question while designing (异议); the marketing assistant takes it to the distributor.')
    .meta({ examples: [{ question: 'Sill height on DWG-A1: 50 or 80 mm?' }] }),
  'technical-question-answered': z
    .object({
      question: z.int().positive().describe('the question, by its number on the order (1 for the first)'),
      answer: Reason.describe("the distributor's answer"),
    })
    .describe(
      "The distributor's answer to technical's question, relayed by the marketing assistant; the technical order waits until none remain.",
    )
    .meta({ examples: [{ question: 1, answer: '80 mm sill' }] }),
  'material-expected': z
    .object({ family: MaterialFamily, expectedDate: IsoDate.describe('the company date the family is expected in') })
    .describe(
      'Purchasing (物控) expects a material family in on a date; a family not in by then (plus its grace days in the policy) is an exception.',
    )
    .meta({ examples: [{ family: 'glass', expectedDate: '2031-04-10' }] }),
  'material-arrived': z
    .object({ family: MaterialFamily })
    .describe('A material family has arrived (到货).')
    .meta({ examples: [{ family: 'glass' }] }),
  'spraying-sent': z
    .object({ sprayer: z.string().min(1).max(200).describe('the outside spraying works (喷涂厂)'), expectedBack: IsoDate.optional() })
    .describe('Bare aluminium sent out for spraying (外发喷涂); production waits for it to return.')
    .meta({ examples: [{ sprayer: 'Foshan Coatings', expectedBack: '2031-04-08' }] }),
  'spraying-returned': z
    .object({})
    .strict()
    .describe('The sprayed aluminium is back.')
    .meta({ examples: [{}] }),
  'goods-chased': z
    .object({
      wantedBy: IsoDate.optional().describe('when the distributor needs the goods (要货时间)'),
      note: z.string().max(2000).optional(),
    })
    .describe('The distributor chases the order (催货): production and purchasing are asked for the state, which is told back.')
    .meta({ examples: [{ wantedBy: '2031-04-18', note: "the site's installers come on the 20th" }] }),
  'chase-answered': z
    .object({
      told: Reason.describe('the production state told to the distributor'),
      percentDone: z.int().min(0).max(100).optional(),
    })
    .describe('The production state told back to the distributor for each open chase (转达工厂的实际加工情况).')
    .meta({ examples: [{ told: 'glass arrives on the 10th, frames done; ready on the 16th', percentDone: 70 }] }),
  'outbound-notice-issued': z
    .object({ noticeRef: Ref.describe('the outbound notice (出库通知单)') })
    .describe('The goods are in stock: the outbound notice goes to the distributor, asking for the contract amount in full.')
    .meta({ examples: [{ noticeRef: 'OUT-2031-019' }] }),
  'shipment-released': z
    .object({ releaseRef: Ref.describe("finance's release (出货手续)") })
    .describe('Paid in full: finance releases the goods for shipping.')
    .meta({ examples: [{ releaseRef: 'REL-2031-019' }] }),
  // group order channel (团订, 003): finance's contract review, the order pack, body measurement, the
  // process steps, exceptions, and after-sales alterations.
  'contract-stamped': z
    .object({
      contractRef: Ref.describe('the contract as stamped (加盖公司签章): one copy kept by finance, one back to the sales rep'),
      receiptRef: Ref.optional().describe('the receipt finance gave for the contract (团订合同收条)'),
    })
    .describe(
      'Finance reviewed the group contract (time, quantity, price, total, fabric and style with the acceptance standard, delivery term and place, payment and balance terms) and stamped it: the sales rep tells the customer to pay the advance.',
    )
    .meta({ examples: [{ contractRef: 'GC-2027-031-stamped', receiptRef: 'GCR-031' }] }),
  'contract-returned': z
    .object({
      reason: Reason.describe('what does not hold, in finance’s words'),
      terms: z.array(z.enum(groupContractTerms)).min(1).optional().describe('the terms under review that do not hold'),
    })
    .describe('Finance returns the group contract to the sales rep with the reason; the rep corrects it and hands it in again.')
    .meta({ examples: [{ reason: 'the balance terms do not say when the balance is paid', terms: ['balance-terms'] }] }),
  'contract-resubmitted': z
    .object({ contractRef: Ref.describe('the corrected contract'), note: z.string().max(2000).optional() })
    .describe('The sales rep hands the corrected group contract to finance again.')
    .meta({ examples: [{ contractRef: 'GC-2027-031-v2' }] }),
  'order-pack-handed-over': z
    .object({
      measurementRequestRef: Ref.describe(
        'the body measurement request (量体申请表): finish time, the customer’s contact, phone, person responsible',
      ),
      productionOrderRef: Ref.describe(
        'the production order (生产下单表): put-away time and quantity, fabric and style with the acceptance standard',
      ),
      deliveryNoteRef: Ref.describe('the delivery note (送货单): quantity, delivery term and place, the customer’s contact'),
    })
    .describe(
      "The group desk (团订部内务) hands the order pack, with copies of the contract and the advance's receipt, to production and logistics; each signs for it (order-pack-signed).",
    )
    .meta({ examples: [{ measurementRequestRef: 'LT-031', productionOrderRef: 'SC-031', deliveryNoteRef: 'SH-031' }] }),
  'order-pack-signed': z
    .object({ receiptRef: Ref.describe('the signed slip for the documents (文件收取凭条)') })
    .describe(
      'Production (生产中心) or logistics (物流中心, the warehouse role) signs for the order pack; production plans measurement, purchasing and making, logistics the transport.',
    )
    .meta({ examples: [{ receiptRef: 'PZ-031-P' }] }),
  'body-measurement-scheduled': z
    .object({
      date: IsoDate.describe('the company date of the measurement'),
      from: ClockTime.optional().describe('when it starts, company time (HH:MM)'),
      place: z.string().min(1).max(500).optional().describe('where; the contract’s measurement site when left out'),
      contact: z.string().min(1).max(120).optional().describe('the customer’s contact; the contract’s when left out'),
      phone: z.string().min(3).max(40).optional(),
      measurers: z.string().min(1).max(500).optional().describe('who measures'),
    })
    .describe('量体: the appointment for the body measurement at the customer’s site (again to move it).')
    .meta({
      examples: [{ date: '2027-03-08', from: '09:30', place: 'Block B hall, 18 Jiefang Rd', contact: 'Ms Zhou', phone: '13900000000' }],
    }),
  'body-measurement-done': z
    .object({
      sheetRef: Ref.describe('the measurement sheets'),
      measured: z.int().positive().max(1_000_000).optional().describe('people measured'),
    })
    .describe('The body measurement is done; production cuts to the sheets.')
    .meta({ examples: [{ sheetRef: 'LT-031-sheets', measured: 212 }] }),
  'fabric-purchased': z
    .object({
      purchaseRef: Ref.describe('the purchase order for the fabric and trims (面辅料采购)'),
      materials: z.string().min(1).max(500).optional().describe('what was bought'),
    })
    .describe('Purchasing has the fabric and trims for the order.')
    .meta({ examples: [{ purchaseRef: 'PO-7781', materials: 'navy wool blend 640 m, buttons, linings' }] }),
  'process-step-completed': z
    .object({
      step: z.string().min(1).max(60).describe("a process step of the policy's `group.processSteps` (cutting, sewing, finishing …)"),
      pieces: z.int().positive().max(10_000_000).optional().describe('pieces through the step'),
    })
    .describe('Production finished a process step (工序) of the order; the order is made once every step is done.')
    .meta({ examples: [{ step: 'sewing', pieces: 424 }] }),
  'production-exception-reported': z
    .object({
      description: Reason.describe('what went wrong (a shortage, a defect, a measurement that does not fit …)'),
      step: z.string().min(1).max(60).optional().describe('the process step it happened in'),
    })
    .describe('An exception (异常情况) in making the order: the group-sales manager is told at once.')
    .meta({ examples: [{ description: 'lining fabric short by 40 m', step: 'cutting' }] }),
  'alteration-requested': z
    .object({
      description: Reason.describe('what to alter (服装修改)'),
      pieces: z.int().positive().max(1_000_000).describe('how many pieces'),
    })
    .describe('After delivery, the customer asks for garments to be altered.')
    .meta({ examples: [{ description: 'shorten trousers, 6 people', pieces: 6 }] }),
  'alteration-done': z
    .object({
      alteration: z.int().positive().describe('the alteration, by its number on the order'),
      note: z.string().max(2000).optional(),
    })
    .describe('The altered garments are back with the customer.')
    .meta({ examples: [{ alteration: 1 }] }),
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
  // Complaints as their own workflows: the money agreed for one goes to the order's ledger.
  'complaint-compensation-agreed': z
    .object({
      complaintNumber: z.int().positive().describe('the complaint, by its number on the order'),
      amount: Fen.min(1).describe('in fen: lowers what the customer owes'),
      reason: Reason,
    })
    .describe('A compensation agreed with the customer for a complaint (a discount, a refund of part of the price).')
    .meta({ examples: [{ complaintNumber: 1, amount: 6400, reason: 'two shades replaced a week late: 10 % off them' }] }),
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
