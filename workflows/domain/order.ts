import { z } from 'zod';
import { orderAmount } from './money';

// Money is always integer fen (1/100 yuan): never floats for money.
/**
 * The most one order may be worth: ¥10 billion, 10^12 fen. Every money value, every line's quantity ×
 * unit price and the order total stay under it, so sums of them stay exact integers (far below 2^53).
 */
export const MAX_ORDER_AMOUNT = 1_000_000_000_000;
const ceiling = 'at most 1000000000000 fen (¥10 billion), the ceiling for one order';
export const Fen = z.int().min(0).max(MAX_ORDER_AMOUNT, ceiling);
export type Fen = z.infer<typeof Fen>;

/** A calendar date in the company's time zone, e.g. a promised date (交期: the goods are finished). */
export const IsoDate = z.iso.date();
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
  // Complaints (000 §三): the regional manager hears of every complaint and of technical's finding; the
  // marketing assistant records it and sends the installation team or follows the repair.
  'regional-manager', // 区域经理
  'marketing-assistant', // 营销助理
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
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(120).optional(),
  role: Role,
});
export type Actor = z.infer<typeof Actor>;

export const CustomerClass = z.enum(['A', 'B', 'C']);
export type CustomerClass = z.infer<typeof CustomerClass>;

/** The sales channel an order comes through; each has its route and workflow (workflows/channels.ts). */
export const Channel = z.enum(['standard', 'sample']);
export type Channel = z.infer<typeof Channel>;

export const OrderLine = z.object({
  productCode: z.string().min(1).max(64),
  specification: z.string().max(500).optional(),
  quantity: z.int().positive(),
  unitPrice: Fen,
  /** Non-standard changes (colour, process, accessories …): any makes the order custom. */
  nonStandard: z.string().min(1).max(1000).optional(),
});
export type OrderLine = z.infer<typeof OrderLine>;

export const DepositTerms = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  /** A share of the order amount in basis points (3000 = 30 %). */
  z.object({ kind: z.literal('rate'), basisPoints: z.int().min(1).max(10_000) }),
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
    name: InstalmentName,
    /** A share of the contract amount in basis points (3000 = 30 %), rounded up to the fen. */
    basisPoints: z.int().min(1).max(10_000).optional(),
    /** A fixed sum in fen. */
    amount: Fen.min(1).optional(),
    /** Whatever the other instalments leave of the contract amount. */
    rest: z.literal(true).optional(),
    due: z.union([
      /** Gates the stage: production does not start, or the goods do not ship, until it is paid. */
      z.object({ before: z.enum(['production', 'shipping']) }).strict(),
      /** Falls due `days` company days (calendar, or working with `workingDays`) after the event. */
      z.object({ after: DueAfter, days: z.int().min(0).max(3650).default(0), workingDays: z.boolean().default(false) }).strict(),
    ]),
  })
  .strict();
export type Instalment = z.infer<typeof Instalment>;
export const PaymentPlan = z.array(Instalment).min(1).max(12);

export const OrderNumber = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'letters, digits, - and _, at most 40');

/** What the order desk enters at intake (接单): the order form checked field by field. */
export const OrderInput = z.object({
  orderNumber: OrderNumber,
  channel: Channel.default('standard'),
  customer: z.object({
    id: PartyId,
    name: z.string().min(1).max(200),
    class: CustomerClass,
  }),
  salesRep: z.object({ id: PartyId, name: z.string().min(1).max(120).optional() }),
  lines: z.array(OrderLine).min(1).max(500),
  deposit: DepositTerms.default({ kind: 'none' }),
  /** The order's own payment plan (a contract's terms); without one, the deposit and the policy's plan for the customer's class. */
  paymentPlan: PaymentPlan.optional(),
  /** The finished date the customer asks for; production's estimate sets the promised date. */
  requestedDate: IsoDate.optional(),
  delivery: z.object({
    address: z.string().min(1).max(500),
    contact: z.string().min(1).max(120),
    phone: z.string().min(3).max(40),
  }),
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
