import { z } from 'zod';
import { durationMs } from './duration';
import { eventTypes, storeVisits, type EventType } from './events';
import { CustomerClass, Fen, IsoDate, MaterialFamily, PaymentPlan, Role, type Instalment } from './order';
import { ComplaintEventType } from './complaint-events';
import {
  changeOrderPermissions,
  complaintPermissions,
  contractPermissions,
  distributorPermissions,
  groupPermissions,
  kpiPermissions,
  laterEventPermissions,
  moneyPermissions,
  storePermissions,
  supervisionPermissions,
} from './permissions';

// The company's order policy: every number a rule carries (domain.md §5) lives here, not in code.
// The policy in force when an order starts is snapshotted into its workflow input, so editing the
// policy changes new orders only.

/** A positive ISO-8601 duration (PT2H, P3D): how policies and scenarios spell a clock. */
export const IsoDuration = z.string().refine((value) => {
  try {
    return durationMs(value) > 0;
  } catch {
    return false;
  }
}, 'a positive ISO-8601 duration such as PT2H or P3D');

/** A duration that may be zero: a step at the start of its ladder. */
const Offset = z.union([IsoDuration, z.literal('PT0S')]);
/** How a clock counts days in the company calendar: every day, or working days only (weekends and holidays skipped). */
const DayKind = z.enum(['calendar', 'working']);
// Each clock says how it counts days; calendar time unless the policy says working days. (A policy
// stored in an order before clocks said so has none: calendar time, as then.)
const Escalation = z.object({ after: IsoDuration, to: Role, dayKind: DayKind.default('calendar') });
const Reminder = z.object({ every: IsoDuration, to: z.array(Role).min(1), dayKind: DayKind.default('calendar') });

// Who may send which event: the order desk confirms, finance confirms money, QC passes goods, the
// warehouse ships, a supervisor approves and releases in an emergency (domain.md §1, §3).
const defaultPermissions: Record<EventType, Role[]> = {
  'order-confirmed': ['order-desk', 'sales-rep', 'supervisor'],
  'feasibility-decided': ['technical', 'supervisor'],
  'materials-confirmed': ['technical', 'purchasing'],
  'drawing-sent': ['technical', 'order-desk'],
  'drawing-confirmed': ['customer', 'order-desk', 'sales-rep'],
  'drawing-revision-requested': ['customer', 'order-desk', 'sales-rep'],
  'price-approved': ['finance', 'supervisor'],
  'price-disputed': ['finance'],
  'supervisor-approved': ['supervisor'],
  'delivery-date-estimated': ['production'],
  'confirmation-sent': ['order-desk'],
  'signed-confirmation-returned': ['order-desk', 'sales-rep'],
  'signed-confirmation-rejected': ['order-desk'],
  'deposit-received': ['finance'],
  'production-notice-issued': ['finance', 'production'],
  'technical-order-issued': ['technical'],
  'progress-reported': ['production', 'sales-rep', 'order-desk'],
  'delay-reported': ['production'],
  'customer-told-of-delay': ['sales-rep', 'order-desk'],
  ...changeOrderPermissions,
  'qc-passed': ['qc'],
  'qc-failed': ['qc'],
  stocked: ['warehouse'],
  'shipping-requested': ['order-desk', 'sales-rep'],
  'payment-received': ['finance'],
  'emergency-released': ['supervisor'],
  shipped: ['warehouse'],
  'signed-for': ['customer', 'warehouse', 'sales-rep'],
  ...moneyPermissions,
  ...supervisionPermissions,
  'complaint-filed': ['customer', 'sales-rep', 'order-desk', 'service', 'regional-manager'],
  'complaint-resolved': ['service', 'supervisor'],
  cancelled: ['supervisor', 'order-desk'],
  ...kpiPermissions,
  // store channel
  ...storePermissions,
  // distributor
  ...distributorPermissions,
  ...groupPermissions,
  // industrial contract channel (004)
  ...contractPermissions,
  ...complaintPermissions,
};

/**
 * Who sends each step of a complaint (000 §三): technical contacts the customer and finds the cause; the
 * marketing assistant (installation), QC or the repair department (service) schedule the visit; the team
 * reports it; the customer confirms satisfaction (staff record it with the customer's written word); a
 * supervisor may close it with a reason; service, sales or the regional manager call back.
 */
const customerOrStaffForThem: Role[] = ['customer', 'order-desk', 'regional-manager', 'service', 'sales-rep'];
const defaultComplaintPermissions: Record<ComplaintEventType, Role[]> = {
  'customer-contacted': ['technical'],
  'cause-found': ['technical'],
  'fix-scheduled': ['order-desk', 'qc', 'service'],
  'visit-made': ['service', 'order-desk'],
  'customer-satisfied': customerOrStaffForThem,
  'customer-not-satisfied': customerOrStaffForThem,
  'closed-by-supervisor': ['supervisor'],
  'callback-made': ['service', 'sales-rep', 'regional-manager', 'order-desk'],
};

// ---- industrial contract channel (004) ----
/** A basis-point factor (10000 = × 1). */
const Factor = z.int().min(1).max(100_000);
const BasisPoints = z.int().min(0).max(10_000);
/** 价格预审: a product class's price rule: list price × `factor`; a quote may be `discountUpTo` below it and `markupUpTo` above it. */
const PriceRule = z.object({ factor: Factor, discountUpTo: BasisPoints, markupUpTo: z.int().min(0).max(100_000) }).strict();
/**
 * The contract channel's rules (004): each product class's price rule and each customer class's factor
 * (key customers priced lower), the quote departure (fen, from the rule price) above which only the
 * general manager may approve, and the departments that review every contract (finance always).
 */
const ContractPolicy = z
  .object({
    priceRules: z.object({ A: PriceRule, B: PriceRule, C: PriceRule }).default({
      A: { factor: 10_000, discountUpTo: 1_000, markupUpTo: 2_000 }, // catalogue bearings
      B: { factor: 11_500, discountUpTo: 500, markupUpTo: 1_000 }, // modified configuration
      C: { factor: 13_000, discountUpTo: 300, markupUpTo: 500 }, // special design, imported parts, special terms
    }),
    customerFactors: z.object({ A: Factor, B: Factor, C: Factor }).default({ A: 9_700, B: 10_000, C: 10_300 }),
    /** ¥50,000: a quote that departs from the rule price by more than this (Σ per line × quantity) goes to the general manager. */
    generalManagerAbove: Fen.default(5_000_000),
    reviewers: z
      .array(Role)
      .min(1)
      .default(['technical', 'finance', 'production'])
      .refine((roles) => roles.includes('finance'), 'finance always reviews the price'),
  })
  .strict();

export const Policy = z.object({
  /** The permission matrix: which roles may send each event. */
  // Partial in the schema, so that the workflow's validator takes the policy of an order that started
  // before an event type existed (its matrix names no one for it); a new policy names every type.
  permissions: z
    .partialRecord(z.enum(eventTypes as [EventType, ...EventType[]]), z.array(Role))
    .default(defaultPermissions)
    .refine(
      (matrix) => eventTypes.every((type) => matrix[type] !== undefined || type in laterEventPermissions),
      'every event type needs its roles',
    )
    // A matrix written before an event type existed (an order's snapshot, a policy file) takes its default roles.
    .transform((matrix) => ({ ...laterEventPermissions, ...matrix }) as Record<EventType, Role[]>),
  calendar: z
    .object({
      timeZone: z.string().default('Asia/Shanghai'),
      workingDays: z.array(z.int().min(1).max(7)).default([1, 2, 3, 4, 5, 6]),
      holidays: z.array(IsoDate).default([]),
      workdays: z.array(IsoDate).default([]),
    })
    .prefault({}),
  clocks: z
    .object({
      /** 初步确认: the order desk confirms within 2 hours of receipt, or the supervisor hears of it. */
      firstConfirmation: Escalation.prefault({ after: 'PT2H', to: 'supervisor' }),
      /** 回传: each company day that ends without the signed return moves the promised date. */
      returnDeferral: z
        .object({
          daysPerLateDay: z.int().min(0).max(30).default(1),
          dayKind: z.enum(['calendar', 'working']).default('calendar'),
          remind: z.array(Role).min(1).default(['sales-rep']),
        })
        .prefault({}),
      depositReminder: Reminder.prefault({ every: 'P1D', to: ['sales-rep'] }),
      /** 技术下单: 2 days warning, 3 days escalation after the production notice. */
      technicalOrder: z
        .object({
          remindAfter: IsoDuration,
          remindTo: Role,
          escalateAfter: IsoDuration,
          escalateTo: Role,
          dayKind: DayKind.default('calendar'),
        })
        .prefault({ remindAfter: 'P2D', remindTo: 'technical', escalateAfter: 'P3D', escalateTo: 'supervisor' }),
      progressUpdate: Reminder.prefault({ every: 'P7D', to: ['sales-rep'] }),
      /** A delay is told to the customer within 24 hours, or escalated. */
      delayNotice: Escalation.prefault({ after: 'PT24H', to: 'supervisor' }),
      balanceReminder: Reminder.prefault({ every: 'P1D', to: ['sales-rep', 'finance'] }),
      /** After an emergency release, the missing shipping request is chased. */
      shippingRequestChase: Reminder.prefault({ every: 'P1D', to: ['order-desk'] }),
      /** After-sales: the customer is called back until the complaint is resolved. */
      complaintCallback: Reminder.prefault({ every: 'P1D', to: ['service'] }),
      /**
       * 逾期: the promised date ended before the goods were finished (put away). The order is late from then on, by
       * the days counted after the promised date; `tell` hear of it at once, `escalateTo` once it is
       * `escalateAfterDays` days late.
       */
      overdue: z
        .object({
          dayKind: DayKind.default('working'),
          tell: z.array(Role).min(1).default(['sales-rep', 'production']),
          escalateAfterDays: z.int().min(1).max(365).default(3),
          escalateTo: Role.default('supervisor'),
        })
        .prefault({}),
      /** 进度停滞: progress still not updated `afterDays` days after the progress-update reminder is escalated. */
      stalledProgress: z
        .object({ afterDays: z.int().min(1).max(60).default(3), dayKind: DayKind.default('working'), to: Role.default('supervisor') })
        .prefault({}),
      /** 到货: the expected arrival ended without the customer's signature; reminded again every `everyDays`. */
      arrivalOverdue: z
        .object({
          everyDays: z.int().min(1).max(30).default(1),
          dayKind: DayKind.default('working'),
          to: z.array(Role).min(1).default(['warehouse', 'sales-rep']),
        })
        .prefault({}),
    })
    .prefault({}),
  rules: z
    .object({
      /** Orders above this amount (fen) are large: supervisor approval, special vehicle. ¥10,000. */
      largeOrderAmount: Fen.default(1_000_000),
      /** Customer classes that ship on their agreement terms, without waiting for the balance. */
      shipBeforeBalance: z.array(CustomerClass).default(['A']),
      /** How long after sign-off complaints are taken and the order stays open (warranty). */
      afterSalesPeriod: IsoDuration.default('P365D'),
      /**
       * Continue-as-new once the history holds this many events, besides whenever the server
       * suggests it. Unset in production; a test sets it low to prove the state carries over.
       */
      continueAsNewAfterEvents: z.int().min(20).optional(),
      /** Continue-as-new after this many events in one run (default 1,000; Temporal takes at most 2,000 updates per run). */
      continueAsNewAfterUpdates: z.int().min(10).max(1500).optional(),
    })
    .prefault({}),
  /** 需求变更: when finance must approve the price of an amendment (价格执行方案). */
  changes: z
    .object({
      /** Finance approves an amendment that moves the amount by more than this (fen); 0: every price change. */
      priceApprovalAbove: Fen.default(0),
      /** Finance approves every amendment with a quoted (off-list) price, whatever the amount. */
      quotesNeedApproval: z.boolean().default(true),
    })
    .prefault({}),
  payments: z
    .object({
      /**
       * Each customer class's plan for an order that brings none of its own; the order form's deposit
       * comes first, before production. Class A ships on credit and pays N days after sign-off; B and C
       * pay the balance before shipping (余款催收 before 发货).
       */
      plans: z.object({ A: PaymentPlan, B: PaymentPlan, C: PaymentPlan }).default({
        A: [balance({ after: 'sign-off', days: 30, workingDays: false })],
        B: [balance({ before: 'shipping' })],
        C: [balance({ before: 'shipping' })],
      }),
      /**
       * 催款: an instalment due after a business event is chased from its due date, each step at its
       * offset from the start of that day, the last repeated every `repeatEvery` until it is paid.
       */
      dunning: z
        .object({ steps: z.array(z.object({ after: Offset, to: z.array(Role).min(1) })).min(1), repeatEvery: IsoDuration })
        .default({
          steps: [
            { after: 'PT0S', to: ['sales-rep'] },
            { after: 'P7D', to: ['finance'] },
            { after: 'P30D', to: ['supervisor'] },
          ],
          repeatEvery: 'P30D',
        }),
      /** 开票挂账: an invoice for the contract amount is due with this event (none: not chased); finance is reminded after each offset. */
      invoice: z
        .object({
          dueWith: z.enum(['signed-confirmation', 'shipping', 'sign-off']).nullable(),
          remind: z.array(z.object({ after: Offset, to: z.array(Role).min(1) })),
        })
        .default({
          dueWith: 'sign-off',
          remind: [
            { after: 'P3D', to: ['finance'] },
            { after: 'P10D', to: ['finance'] },
          ],
        }),
      /** A cancelled order's refund: finance is reminded until it is paid. */
      refundReminder: Reminder.prefault({ every: 'P1D', to: ['finance'] }),
      /** How long after the warranty's end a paid-up order is archived (contracts: two years, P730D). */
      archiveAfterWarranty: Offset.default('PT0S'),
    })
    .prefault({}),
  /**
   * 主管审批 (001 ch.2, ch.5): the supervisor hears of a large or custom order as soon as it is confirmed and
   * approves it beside the price review and the estimate; production waits for the approval. Orders started
   * before this setting keep the approval in line after the price review.
   */
  supervision: z
    .object({
      /** Every confirmation needs the supervisor's sign-off (订单确认 … 需主管签字审批), not only large or custom orders. */
      signOffEveryConfirmation: z.boolean().default(false),
    })
    .prefault({}),
  shipping: z
    .object({
      /**
       * 001 ch.3/ch.4: the customer's receiving time is confirmed before dispatch (receiving-time-confirmed);
       * until then the warehouse's shipment is refused. Off by default so that existing integrations keep their flow.
       */
      confirmReceivingTime: z.boolean().default(false),
    })
    .prefault({}),
  // industrial contract channel (004)
  contract: ContractPolicy.optional(),
  /** 投诉 (000 §三): each complaint's clocks, callbacks and who sends its events. */
  complaints: z
    .object({
      /** 技术人员应马上和客户取得联系: technical contacts the customer within this, or it is escalated. */
      firstContact: Escalation.prefault({ after: 'PT4H', to: 'supervisor' }),
      /** A visit is scheduled within this of technical's finding (or of the customer saying it is not fixed), or it is escalated. */
      fixScheduled: Escalation.prefault({ after: 'P3D', to: 'supervisor' }),
      /** 回访: the customer is called back this long after the complaint closed, once per entry. */
      callbacks: z
        .object({ after: z.array(IsoDuration).min(1).max(10).default(['P7D', 'P30D']), to: z.array(Role).min(1).default(['service']) })
        .prefault({}),
      // A policy file names the steps it changes; the others keep their defaults.
      permissions: z
        .partialRecord(ComplaintEventType, z.array(Role))
        .default({})
        .transform((matrix) => ({ ...defaultComplaintPermissions, ...matrix }) as Record<ComplaintEventType, Role[]>),
    })
    .prefault({}),
  outbox: z
    .object({
      /**
       * How often a notice is tried before it becomes a dead letter (the first try included); the
       * waits between tries double from 5 seconds up to 10 minutes, so 8 tries span about 10 minutes.
       */
      deliveryAttempts: z.int().min(1).max(100).default(8),
    })
    .prefault({}),
  // store channel
  /**
   * 门店 site visits (000 §二), set by the store channel's defaults (client/channels.ts): how long each visit
   * may wait to be booked once it can be (`booking`: the measurement once the intention deposit is in, the
   * sub-frame installation once they are made, the re-measurement once they are in, the installation once
   * the balance is paid), repeated until it is; and who hears of a missed appointment (its date ended
   * without the visit done).
   */
  visits: z
    .object({
      booking: z.record(z.enum(storeVisits), Reminder),
      missedAppointment: z.object({ to: z.array(Role).min(1) }),
    })
    .optional(),
  // distributor
  /**
   * 代理商 (000 §一): the distributor channel's own clocks. Only its orders carry them (its defaults are in
   * client/channels.ts); an order without them runs neither clock.
   */
  distributor: z
    .object({
      /** Technical's questions go to the distributor through the marketing assistant, reminded until answered. */
      technicalQuestions: Reminder,
      /**
       * 材料到货: a material family not in by the end of its expected date plus its grace days (per family; 0 when
       * not named) is surfaced as an exception to `to`.
       */
      materialLateness: z.object({
        graceDays: z.partialRecord(MaterialFamily, z.int().min(0).max(60)).default({}),
        dayKind: DayKind.default('working'),
        to: z.array(Role).min(1),
      }),
    })
    .optional(),
  /**
   * group order channel (团订, 003): the production tracking table's daily deadline and who hears of a
   * missed entry or an exception, the process steps an order goes through, and the after-sales callbacks.
   * Only group orders carry it (their channel's policy defaults, client/channels.ts).
   */
  group: z
    .object({
      /** 生产追踪表: filled in by this company time (HH:MM) each working day while the order is made and delivered. */
      trackingBy: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day, HH:MM'),
      /** The group-sales manager (团订部经理): told of a missed entry and, at once, of an exception. */
      managerRole: Role,
      /** The process steps (工序) every group order goes through, in order. */
      processSteps: z.array(z.string().min(1).max(60)).min(1).max(30),
      /** 回访: the customer is called back this often after delivery, while the order is in after-sales. */
      callback: Reminder,
    })
    .optional(),
});
export type Policy = Omit<z.infer<typeof Policy>, 'permissions'> & { permissions: Record<EventType, Role[]> };

function balance(due: Instalment['due']): Instalment {
  return { name: 'balance', rest: true, due };
}
export type PolicyOverrides = z.input<typeof Policy>;

export const defaultPolicy: Policy = resolvePolicy();

/** The policy for a new order: the company's defaults with the given overrides. */
export function resolvePolicy(overrides: PolicyOverrides = {}): Policy {
  // The refinement has checked that the matrix names every event type.
  return Policy.parse(overrides) as Policy;
}
