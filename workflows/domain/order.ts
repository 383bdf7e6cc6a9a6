import { z } from 'zod';
import { orderAmount } from './money';

// Money is always integer fen (1/100 yuan): never floats for money.
/**
 * The most one order may be worth: ¥10 billion, 10^12 fen. Every money value, every line's quantity ×
 * unit price and the order total stay under it, so sums of them stay exact integers (far below 2^53).
 */
export const MAX_ORDER_AMOUNT = 1_000_000_000_000;
const ceiling = 'at most 1000000000000 fen (¥10 billion), the ceiling for one order';
export const Fen = z
  .int({ error: (issue) => (issue.code === 'invalid_type' && issue.input !== undefined ? fenMistake(issue.input) : undefined) })
  .min(0, 'amounts are integer fen, at least 0')
  .max(MAX_ORDER_AMOUNT, ceiling)
  .describe('money in integer fen (1/100 yuan): ¥320.50 is 32050');
export type Fen = z.infer<typeof Fen>;

// Errors that teach: what an integrator most often gets wrong in a money field, a quantity or a date,
// and what to send instead (the API's 400 names each field with its message).
/** What is wrong with a money value that is not an integer: yuan sent for fen, or a number sent as a string. */
function fenMistake(input: unknown): string {
  const value = typeof input === 'string' && input.trim() !== '' ? Number(input) : input;
  const quoted = typeof input === 'string' ? ', as a number (no quotes)' : '';
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'amounts are integer fen (1/100 yuan), e.g. 32050 for ¥320.50';
  if (Number.isInteger(value)) return `amounts are integer fen${quoted}: ${value}`;
  return `amounts are integer fen (1/100 yuan)${quoted}: ¥${value.toFixed(2)} is ${Math.round(value * 100)}`;
}

/** A count of pieces: a whole number, at least 1. */
export const Quantity = z
  .int({
    error: (issue) => {
      if (issue.code !== 'invalid_type' || issue.input === undefined) return undefined;
      const value = typeof issue.input === 'string' && issue.input.trim() !== '' ? Number(issue.input) : issue.input;
      const quoted = typeof issue.input === 'string' ? ', as a number (no quotes)' : '';
      return typeof value === 'number' && Number.isFinite(value)
        ? `a whole number of pieces${quoted}: ${Number.isInteger(value) ? value : `${value} is not one`}`
        : 'a whole number of pieces, e.g. 40';
    },
  })
  .positive('at least 1 piece')
  .describe('pieces, a whole number');

/** A calendar date in the company's time zone, e.g. a promised date (交期: the goods are finished). */
export const IsoDate = z.iso
  .date({
    error: (issue) => {
      const input = issue.input;
      if (input === undefined) return undefined;
      const day = typeof input === 'string' ? /^(\d{4}-\d{2}-\d{2})T/.exec(input)?.[1] : undefined;
      if (day) return `a company date, YYYY-MM-DD, without a time: ${day}`;
      if (typeof input === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(input))
        return `a company date, YYYY-MM-DD: ${input} is not a day of the calendar`;
      return 'a company date, YYYY-MM-DD (e.g. 2027-01-15)';
    },
  })
  .describe("a company date, YYYY-MM-DD, in the company's time zone");
export type IsoDate = z.infer<typeof IsoDate>;

// Who takes part (domain.md §1). `system` is OrderFlow itself (clocks, automatic steps).
export const Role = z.enum([
  'sales-rep', // 销售代表 / 业务经理
  'order-desk', // 接单员 / 销售内勤
  'supervisor', // 销售经理 / 主管
  'technical', // 技术部 / 研发
  'finance', // 财务
  'purchasing', // 物控 / 采购
  'production', // 生产部
  'qc', // 质检部
  'warehouse', // 仓库 / 发货员 / 物流
  'service', // 安装队 / 维修部
  'customer', // 客户 / 代理商 / 门店
  'operator', // 运维: runs OrderFlow; resends undelivered notices, sends no business event
  'system',
  // store channel (门店)
  'regional-manager', // 区域经理: arranges the store's site visits, hears of a missed appointment
  // 团订 sales pipeline
  'group-sales-manager', // 团订部经理: reads every rep's pipeline and daily line, gets the morning summary
  // industrial contract channel (004)
  'general-manager', // 总经理: approves a quote outside the price rule above the policy's threshold
]);
export type Role = z.infer<typeof Role>;

/**
 * The id of a customer or a sales rep: printable Unicode (客户 ids in Chinese are fine), but no quote,
 * backslash, control or invisible format character, so that the same id is accepted when an order is
 * created, when orders are filtered by it, and in a customer's token (one schema for all three).
 */
export const PartyId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[^"\\\p{C}\p{Zl}\p{Zp}]+$/u, 'printable characters, no quotes or backslashes');

export const Actor = z.object({
  id: z.string().min(1).max(64).describe("the person's id (from their token)"),
  name: z.string().min(1).max(120).optional().describe('their name'),
  role: Role.describe('the role they acted in'),
});
export type Actor = z.infer<typeof Actor>;

export const CustomerClass = z.enum(['A', 'B', 'C']);
export type CustomerClass = z.infer<typeof CustomerClass>;

/** The sales channel an order comes through; each has its route and workflow (workflows/channels.ts). */
export const Channel = z.enum([
  'standard',
  'sample',
  // store channel
  'store', // 门店: retail, measured and installed on site (000 §二)
  // distributor
  'distributor', // 代理商 (000 §一)
  // group order channel (团订, 003)
  'group',
  // industrial contract channel (004)
  'contract',
]);
export type Channel = z.infer<typeof Channel>;

export const OrderLine = z
  .object({
    productCode: z.string().min(1).max(64).describe("the product's code in the catalogue"),
    specification: z.string().max(500).optional().describe('size, model or other specification (规格)'),
    quantity: Quantity,
    unitPrice: Fen.describe('the price of one piece, in integer fen (1/100 yuan): ¥320.50 is 32050'),
    /** Non-standard changes (colour, process, accessories …): any makes the order custom. */
    nonStandard: z
      .string()
      .min(1)
      .max(1000)
      .optional()
      .describe('non-standard changes (colour, process, accessories …): any makes the order custom, reviewed by technical'),
  })
  // A misspelt field (`unitprice`) is named, not dropped (the workflow's validators refuse it too).
  .strict();
export type OrderLine = z.infer<typeof OrderLine>;

export const DepositTerms = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  /** A share of the order amount in basis points (3000 = 30 %). */
  z.object({
    kind: z.literal('rate'),
    basisPoints: z.int().min(1).max(10_000).describe('the deposit as a share of the contract amount in basis points (3000 = 30 %)'),
  }),
  z.object({ kind: z.literal('amount'), amount: Fen.min(1) }),
]);
export type DepositTerms = z.infer<typeof DepositTerms>;

// 付款计划: when the customer pays what. Each instalment is a share of the contract amount (basis points, a
// fixed sum, or the rest) falling due at a stage it gates or a number of days after a business event.
export const InstalmentName = z.enum([
  'intention-deposit', // 意向金
  'deposit', // 定金
  'advance', // 预付款
  'before-shipping', // 发货前付款 / 提货款
  'on-delivery', // 到货款
  'on-acceptance', // 验收款
  'balance', // 余款
  'retention', // 质保金
]);
export type InstalmentName = z.infer<typeof InstalmentName>;

/** The business events an instalment may fall due after (sign-off 到货签收, acceptance 验收, the warranty's end). */
export const DueAfter = z.enum(['signed-confirmation', 'shipping', 'sign-off', 'acceptance', 'warranty-end']);
export type DueAfter = z.infer<typeof DueAfter>;

export const Instalment = z
  .object({
    name: InstalmentName.describe('the instalment (定金 deposit, 进度款 progress payment, 尾款 balance, 质保金 retention …)'),
    basisPoints: z
      .int()
      .min(1)
      .max(10_000)
      .optional()
      .describe('a share of the contract amount in basis points (3000 = 30 %), rounded up to the fen'),
    /** A fixed sum in fen. */
    amount: Fen.min(1).optional(),
    rest: z.literal(true).optional().describe('true: whatever the other instalments leave of the contract amount'),
    due: z
      .union([
        /** Gates the stage: production does not start, or the goods do not ship, until it is paid. */
        z.object({ before: z.enum(['production', 'shipping']).describe('the stage it gates') }).strict(),
        /** Falls due `days` company days (calendar, or working with `workingDays`) after the event. */
        z
          .object({
            after: DueAfter.describe('the business event it counts from'),
            days: z.int().min(0).max(3650).default(0).describe('company days after it'),
            workingDays: z.boolean().default(false).describe('true: working days of the company calendar; false: calendar days'),
          })
          .strict(),
      ])
      .describe('when it falls due: before a stage starts, or days after a business event'),
  })
  .strict();
export type Instalment = z.infer<typeof Instalment>;
export const PaymentPlan = z.array(Instalment).min(1).max(12);

/** 门店: the store that sells the windows, and the region whose regional manager (区域经理) arranges its site visits. */
export const StoreDetails = z
  .object({
    id: PartyId.describe("the store's id"),
    name: z.string().min(1).max(200).describe("the store's name"),
    region: z.string().min(1).max(120).describe('the sales region (办事处) whose regional manager arranges the site visits'),
  })
  .strict();
export type StoreDetails = z.infer<typeof StoreDetails>;
// ---- distributor (代理商, 000 §一) ----
/** The material families whose arrival is tracked for a distributor order (铝材、木材、五金、玻璃及其它辅件). */
export const MaterialFamily = z.enum(['aluminium', 'wood', 'hardware', 'glass', 'other']);
export type MaterialFamily = z.infer<typeof MaterialFamily>;
/** What a distributor asks before (or while) ordering: can a process be made, the price or lead time of a window series. */
export const DistributorEnquiry = z.object({
  question: z.string().min(1).max(2000).describe("the distributor's question, in their words"),
  about: z
    .enum(['process', 'price', 'lead-time', 'other'])
    .describe('what it is about: can a process be made (工艺), price, lead time (交货期)'),
});
/** The distributor's part of the order form: the enquiry the order was opened on, and the window series asked about. */
export const DistributorTerms = z.object({
  enquiry: DistributorEnquiry.optional().describe('the enquiry (咨询) the order is opened on; answered before the drawings are reviewed'),
  series: z.string().min(1).max(200).optional().describe('the window or door series (门窗系列) the distributor orders'),
});
export type DistributorTerms = z.infer<typeof DistributorTerms>;
// ---- group order channel (团订, 003) -----------------------------------------------------------

/** Who to see at the customer's site: for the body measurement (量体) and the delivery. */
const SiteContact = z
  .object({
    address: z.string().min(1).max(500).describe('the customer unit’s site'),
    contact: z.string().min(1).max(120).describe('the customer’s contact person (接洽人)'),
    phone: z.string().min(3).max(40),
    responsible: z.string().min(1).max(120).optional().describe('the customer’s person responsible (负责人), when not the contact'),
  })
  .strict();

/**
 * A group uniform contract's terms beside its lines (each line a garment, its quantity the pieces):
 * what finance reviews (003 §5.4) and what the order pack carries (§6.1).
 */
export const GroupTerms = z
  .object({
    organisation: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('the customer unit (客户单位) the uniforms are for, when not the customer’s name'),
    contractRef: z.string().min(1).max(200).optional().describe('the signed sales contract (销售合同)'),
    headcount: z.int().positive().max(1_000_000).optional().describe('how many people are measured and dressed'),
    acceptanceStandard: z
      .string()
      .min(1)
      .max(2000)
      .optional()
      .describe('the fabric and style description with its acceptance standard (面料款式说明及验收标准)'),
    deliveryBy: IsoDate.optional().describe('the delivery term (交货期限): the promised date once finance stamps the contract'),
    measurementSite: SiteContact.optional().describe(
      'where and with whom the body measurement (量体) is done; the delivery address and contact when left out',
    ),
  })
  .strict()
  .meta({
    examples: [
      {
        organisation: 'Hangzhou Metro Line 3 station staff',
        contractRef: 'GC-4001',
        headcount: 200,
        acceptanceStandard: 'fabric per sample card W-12; seams and sizes per GB/T 2664',
        deliveryBy: '2030-04-30',
        measurementSite: { address: 'Line 3 depot, 6 Gudun Rd', contact: 'Mr Qian', phone: '13700000000' },
      },
    ],
  });
export type GroupTerms = z.infer<typeof GroupTerms>;
// ---- industrial contract channel (004) ----------------------------------------------------------

/** The contract's own terms, entered with the order: who uses the goods, in what, and on whose template. */
export const ContractTerms = z
  .object({
    endCustomer: z.string().min(1).max(200).optional().describe('the end customer (直接客户) who uses the goods, when not the buyer'),
    hostMachineModel: z.string().min(1).max(200).optional().describe('the host machine model (主机型号) the bearings go into'),
    template: z
      .enum(['standard', 'customer'])
      .default('standard')
      .describe("the company's standard contract template, or the customer's own text (flagged: the sales manager reviews it too)"),
  })
  .strict();
export type ContractTerms = z.infer<typeof ContractTerms>;

export const OrderNumber = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'letters, digits, - and _, at most 40');

/** What the order desk enters at intake (接单): the order form checked field by field. */
export const OrderInput = z.object({
  orderNumber: OrderNumber,
  channel: Channel.default('standard'),
  customer: z.object({
    id: PartyId.describe("the customer's id (their customer file's, when they have one)"),
    name: z.string().min(1).max(200).describe("the customer's name"),
    class: CustomerClass.describe('A, B or C: the policy of the class applies (deposit, credit check, large orders)'),
  }),
  salesRep: z.object({
    id: PartyId.describe("the sales rep's id"),
    name: z.string().min(1).max(120).optional().describe("the sales rep's name"),
  }),
  lines: z.array(OrderLine).min(1).max(500),
  deposit: DepositTerms.default({ kind: 'none' }),
  /** The order's own payment plan (a contract's terms); without one, the deposit and the policy's plan for the customer's class. */
  paymentPlan: PaymentPlan.optional(),
  /** The finished date the customer asks for; production's estimate sets the promised date. */
  requestedDate: IsoDate.optional(),
  delivery: z.object({
    address: z.string().min(1).max(500).describe('the delivery address (收货地址)'),
    contact: z.string().min(1).max(120).describe('who takes the goods there (联系人)'),
    phone: z.string().min(3).max(40).describe("the contact's phone (电话)"),
  }),
  // store channel
  /** The store that sold the order and its region (store orders only). */
  store: StoreDetails.optional(),
  // distributor
  /** A distributor order's own terms (channel `distributor` only). */
  distributor: DistributorTerms.optional(),
  // group order channel (团订, 003): the contract's terms beside the lines (each line a garment, its quantity the pieces)
  group: GroupTerms.optional(),
  // industrial contract channel (004)
  contract: ContractTerms.optional(),
});
export type OrderInput = z.infer<typeof OrderInput>;

/**
 * 信用额度: what the API found in the customer file when the order was taken (the workflow does not read the
 * read model): the customer's credit limit and what they owed then on their other orders, in fen.
 */
export const CreditCheck = z.object({
  creditLimit: Fen,
  openBalance: Fen,
  /** When the customer file and the balance were read. */
  checkedAt: z.iso.datetime(),
});
export type CreditCheck = z.infer<typeof CreditCheck>;

/** Where the order's lines break the money ceiling: a line's quantity × unit price, or their total. */
export function moneyCeilingIssues(lines: readonly OrderLine[]): { path: (string | number)[]; message: string }[] {
  const issues = lines.flatMap((line, i) =>
    line.quantity * line.unitPrice > MAX_ORDER_AMOUNT
      ? [{ path: ['lines', i, 'unitPrice'], message: `quantity × unit price is ${ceiling}` }]
      : [],
  );
  if (issues.length === 0 && orderAmount(lines) > MAX_ORDER_AMOUNT)
    issues.push({ path: ['lines'], message: `the order total is ${ceiling}` });
  return issues;
}

/**
 * Why an order's own payment plan does not hold: an instalment that is not exactly one share (rate,
 * sum or rest), more than one rest, a deposit given beside the plan, or instalments that do not add
 * up to the order amount (exactly: rates are compared before rounding).
 */
export function paymentPlanIssues(
  order: Pick<OrderInput, 'lines' | 'deposit' | 'paymentPlan'>,
): { path: (string | number)[]; message: string }[] {
  const plan = order.paymentPlan;
  if (!plan) return [];
  const issues: { path: (string | number)[]; message: string }[] = [];
  plan.forEach((instalment, i) => {
    const shares = [instalment.basisPoints, instalment.amount, instalment.rest].filter((share) => share !== undefined).length;
    if (shares !== 1) issues.push({ path: ['paymentPlan', i], message: 'give exactly one of basisPoints, amount or rest' });
  });
  if (plan.filter((instalment) => instalment.rest).length > 1)
    issues.push({ path: ['paymentPlan'], message: 'only one instalment may take the rest' });
  if (order.deposit.kind !== 'none')
    issues.push({ path: ['deposit'], message: 'with a payment plan, the deposit is one of its instalments: leave deposit out' });
  if (issues.length > 0) return issues;
  const total = BigInt(orderAmount(order.lines));
  // In ten-thousandths of a fen, so that rates add up exactly.
  const stated = plan.reduce((sum, i) => sum + BigInt(i.amount ?? 0) * 10_000n + BigInt(i.basisPoints ?? 0) * total, 0n);
  const shown = (tenThousandths: bigint) => (Number(tenThousandths) / 10_000).toString();
  if (plan.some((instalment) => instalment.rest)) {
    if (stated > total * 10_000n)
      issues.push({
        path: ['paymentPlan'],
        message: `the instalments come to ${shown(stated)} fen before the rest, more than the order amount of ${total} fen`,
      });
  } else if (stated !== total * 10_000n) {
    issues.push({
      path: ['paymentPlan'],
      message: `the instalments add up to ${shown(stated)} fen, not the order amount of ${total} fen`,
    });
  }
  return issues;
}
