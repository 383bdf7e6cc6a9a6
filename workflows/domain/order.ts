import { z } from 'zod';

// Money is always integer fen (1/100 yuan): never floats for money.
export const Fen = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
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
  'system',
]);
export type Role = z.infer<typeof Role>;

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

export const OrderNumber = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'letters, digits, - and _, at most 40');

/** What the order desk enters at intake (接单): the order form checked field by field. */
export const OrderInput = z.object({
  orderNumber: OrderNumber,
  channel: Channel.default('standard'),
  customer: z.object({
    id: z.string().min(1).max(64),
    name: z.string().min(1).max(200),
    class: CustomerClass,
  }),
  salesRep: z.object({ id: z.string().min(1).max(64), name: z.string().min(1).max(120).optional() }),
  lines: z.array(OrderLine).min(1).max(500),
  deposit: DepositTerms.default({ kind: 'none' }),
  /** The finished date the customer asks for; production's estimate sets the promised date. */
  requestedDate: IsoDate.optional(),
  delivery: z.object({
    address: z.string().min(1).max(500),
    contact: z.string().min(1).max(120),
    phone: z.string().min(3).max(40),
  }),
});
export type OrderInput = z.infer<typeof OrderInput>;
