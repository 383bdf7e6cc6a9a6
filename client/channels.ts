import { WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import { z } from 'zod';
import { channels } from '../workflows/channels';
import {
  ContractTerms,
  DepositTerms,
  DistributorTerms,
  OrderInput,
  OrderLine,
  StoreDetails,
  type Channel,
  type CustomerClass,
  type Instalment,
} from '../workflows/domain/order';
import { resolvePolicy, type Policy, type PolicyOverrides } from '../workflows/domain/policy';
import { workflowIdOf, type StartOrder } from '../workflows/messages';
import * as sa from '../workflows/search-attributes';
import { channelLabels } from '../workflows/domain/labels';
import { orderAmount, yuan } from '../workflows/domain/money';

/** The `channel` field of each channel's order form. */
const channelWords = 'the sales channel (渠道) whose form this is: its route, terms and policy';

// The channel registry, client side (zod may be used here, never in the workflow bundle): each
// channel's order form, which the API parses and OpenAPI documents, its policy defaults, and the
// one typed way to start an order, used by the API, the simulator, the bench and the tests. The
// workflow side (workflow, route, windows, stage work) is workflows/channels.ts.

export interface ChannelForm {
  /** The order form the channel's orders are entered with; its output is always an OrderInput. */
  createSchema: z.ZodObject;
  /** The channel's own policy defaults; the policy file's overrides apply over them. */
  policyDefaults: PolicyOverrides;
}

/** 团订: half the contract as the advance before production, the rest when the customer signs the delivery receipt. */
const groupPaymentPlan: Instalment[] = [
  { name: 'advance', basisPoints: 5000, due: { before: 'production' } },
  { name: 'balance', rest: true, due: { after: 'sign-off', days: 0, workingDays: false } },
];

/** The order form's fields every channel has; each channel adds its own terms (another channel's are not on its form). */
const OrderForm = OrderInput.omit({ store: true, distributor: true, group: true, contract: true });

export const channelForms = {
  standard: {
    createSchema: OrderForm.extend({ channel: z.literal('standard').default('standard').describe(channelWords) }),
    policyDefaults: {},
  },
  sample: {
    // A few sample lines, no deposit; the order desk confirms within half a day.
    createSchema: OrderForm.extend({
      channel: z.literal('sample').describe(channelWords),
      lines: z.array(OrderLine).min(1).max(5),
      deposit: DepositTerms.options[0].default({ kind: 'none' }),
    }),
    policyDefaults: { clocks: { firstConfirmation: { after: 'PT4H', to: 'supervisor' } } },
  },
  // store channel
  store: {
    // 门店 (000 §二): the store and its region; the site is where the windows are measured and installed. The
    // intention deposit and the advance are instalments of the store's payment plan, not a deposit.
    createSchema: OrderForm.extend({
      channel: z.literal('store').describe(channelWords),
      store: StoreDetails,
      delivery: OrderInput.shape.delivery.describe(
        'the site (工地): where the windows are measured and installed, and who lets the teams in',
      ),
      deposit: DepositTerms.options[0].default({ kind: 'none' }),
    }),
    policyDefaults: {
      payments: { plans: { A: storePlan(), B: storePlan(), C: storePlan() } },
      visits: {
        // The regional manager has technical measure and re-measure; the marketing assistant (order desk) books the installers.
        booking: {
          measurement: { every: 'P2D', to: ['regional-manager'] },
          'sub-frame-installation': { every: 'P2D', to: ['order-desk'] },
          're-measurement': { every: 'P2D', to: ['regional-manager'] },
          installation: { every: 'P3D', to: ['order-desk'] },
        },
        missedAppointment: { to: ['regional-manager', 'sales-rep'] },
      },
    },
  },
  // distributor
  distributor: {
    // The advance is an instalment of the payment plan (the policy's, or the contract's own `paymentPlan`), not a deposit.
    createSchema: OrderForm.extend({
      channel: z.literal('distributor').describe(channelWords),
      deposit: DepositTerms.options[0].default({ kind: 'none' }),
      distributor: DistributorTerms.default({}),
    }),
    policyDefaults: {
      clocks: {
        // 跟踪技术下单时间 (2–3 天内完成): technical reminded after 2 days, the supervisor told after 3.
        technicalOrder: { remindAfter: 'P2D', remindTo: 'technical', escalateAfter: 'P3D', escalateTo: 'supervisor' },
      },
      // 预付款到账后合同生效, 货款入账后出货: the advance before production, the rest of the contract before the goods leave.
      payments: { plans: { A: distributorPlan(), B: distributorPlan(), C: distributorPlan() } },
      distributor: {
        // The marketing assistant (the order desk) is reminded daily of each question the distributor has not answered.
        technicalQuestions: { every: 'P1D', to: ['order-desk'] },
        // Days of grace after a family's expected date before it is an exception (glass and wood are cut to order).
        materialLateness: {
          graceDays: { aluminium: 0, hardware: 1, glass: 2, wood: 2, other: 2 },
          dayKind: 'working',
          to: ['order-desk', 'purchasing', 'production'],
        },
      },
    },
  },
  // group order channel (团订, 003): each line a garment (its quantity the pieces), the contract's terms under `group`;
  // the advance and the balance are the policy's plan (or the contract's own paymentPlan), never a deposit beside it.
  group: {
    createSchema: OrderForm.extend({
      channel: z.literal('group').describe(channelWords),
      deposit: DepositTerms.options[0].default({ kind: 'none' }),
      group: OrderInput.shape.group,
    }),
    policyDefaults: {
      // The advance before anything is measured or made, the balance in full on delivery (the customer's receipt).
      payments: { plans: { A: groupPaymentPlan, B: groupPaymentPlan, C: groupPaymentPlan } },
      group: {
        trackingBy: '17:30',
        managerRole: 'group-sales-manager', // 团订部经理
        processSteps: ['cutting', 'sewing', 'finishing', 'pressing'],
        callback: { every: 'P90D', to: ['service', 'sales-rep'] },
      },
    },
  },
  // industrial contract channel (004)
  contract: {
    // The contract's terms (end customer, host machine model, template); the advance is an instalment of the payment plan.
    createSchema: OrderForm.extend({
      channel: z.literal('contract').describe(channelWords),
      deposit: DepositTerms.options[0].default({ kind: 'none' }),
      contract: ContractTerms.prefault({}),
    }),
    policyDefaults: {
      // Price rules by product class, the general manager's threshold and the reviewing departments: policy.ts `contract`.
      contract: {},
      clocks: {
        // The contract administrator (合同管理员, the order desk) reports progress in writing weekly; the supervisor hears when it stalls.
        progressUpdate: { every: 'P7D', to: ['order-desk'] },
      },
      payments: {
        plans: { A: contractPlan(), B: contractPlan(), C: contractPlan() },
        // Invoiced when the goods ship, delivered through the rep with the signed receipt (签收挂账).
        invoice: {
          dueWith: 'shipping',
          remind: [
            { after: 'P3D', to: ['finance'] },
            { after: 'P10D', to: ['finance'] },
          ],
        },
        // 移档: two years after the warranty, everything paid.
        archiveAfterWarranty: 'P730D',
      },
    },
  },
} as const satisfies Record<Channel, ChannelForm>;

/**
 * The store's payment plan (000 §二): the intention deposit (意向金, ¥2,000) with the intent letter, the
 * advance (预付款) of 30 % named in the contract before production, and the rest per the contract once
 * the windows are finished, before installation (the store's shipping).
 */
function storePlan(): Instalment[] {
  return [
    { name: 'intention-deposit', amount: 200_000, due: { before: 'production' } },
    { name: 'advance', basisPoints: 3000, due: { before: 'production' } },
    { name: 'balance', rest: true, due: { before: 'shipping' } },
  ];
}

/** A distributor's payment plan: a 30 % advance before production, the rest before shipping. */
function distributorPlan(): Instalment[] {
  return [
    { name: 'advance', basisPoints: 3000, due: { before: 'production' } },
    { name: 'before-shipping', rest: true, due: { before: 'shipping' } },
  ];
}

/** A bearing contract's payment terms: 30 % advance, 30 % before shipping, 35 % 15 days after acceptance, 5 % retention (质保金) at the warranty's end. */
function contractPlan(): Instalment[] {
  return [
    { name: 'advance', basisPoints: 3000, due: { before: 'production' } },
    { name: 'before-shipping', basisPoints: 3000, due: { before: 'shipping' } },
    { name: 'on-acceptance', basisPoints: 3500, due: { after: 'acceptance', days: 15, workingDays: false } },
    { name: 'retention', rest: true, due: { after: 'warranty-end', days: 0, workingDays: false } },
  ];
}

/** The policy file: the company's overrides, then per channel and per customer class (the later wins). */
export interface PolicyFile extends PolicyOverrides {
  channels?: Partial<Record<Channel, PolicyOverrides>>;
  customerClasses?: Partial<Record<CustomerClass, PolicyOverrides>>;
}

/**
 * The policy an order starts with: the company's defaults, its channel's defaults, then the file's
 * overrides for the company, for its channel and for its customer's class (the later wins).
 */
export function policyFor(channel: Channel, customerClass: CustomerClass | undefined, file: PolicyFile = {}): Policy {
  const { channels: byChannel, customerClasses, ...company } = file;
  const layers = [channelForms[channel].policyDefaults, company, byChannel?.[channel], customerClass && customerClasses?.[customerClass]];
  return resolvePolicy(layers.reduce<PolicyOverrides>((merged, layer) => merge(merged, layer ?? {}), {}));
}

/** Deep merge of plain objects; arrays and values are replaced. */
function merge<T>(base: T, over: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(over)) return (over === undefined ? base : over) as T;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) merged[key] = merge(merged[key], value);
  return merged as T;
}
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export interface StartOptions {
  taskQueue: string;
  /** `order-<number>` unless given (the simulator runs each scenario under its own). */
  workflowId?: string;
  memo?: Record<string, unknown>;
}

/**
 * The order as the Temporal UI names it (fixed at start; the stage is in its current details): Chinese
 * first, the English beside.
 */
export function orderSummary(order: OrderInput): { staticSummary: string; staticDetails: string } {
  const { orderNumber, customer, salesRep, lines } = order;
  const channel = channelLabels[order.channel];
  return {
    staticSummary: `${channel.zh} ${orderNumber} · ${customer.name}（${customer.class} 类）| ${channel.en} ${orderNumber} for ${customer.name} (class ${customer.class})`,
    staticDetails: [
      `客户 customer: ${customer.name} (${customer.id}, ${customer.class} 类 class)`,
      `销售 sales rep: ${salesRep.name} (${salesRep.id})`,
      `金额 amount: ${yuan(orderAmount(lines))}`,
      ...lines.map((line) => `- ${line.productCode} × ${line.quantity} @ ${yuan(line.unitPrice)}`),
    ].join('\n\n'),
  };
}

/** Starts the order's workflow: its channel's workflow type, the order form and its policy, listed at once. */
export function startOrder(
  client: Client,
  { order, policy, creditCheck }: StartOrder,
  { taskQueue, workflowId = workflowIdOf(order.orderNumber), memo }: StartOptions,
) {
  const { workflow, route } = channels[order.channel];
  return client.workflow.start(workflow, {
    taskQueue,
    workflowId,
    // An order number is never used twice, even after its order closed.
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    args: [{ order, policy, ...(creditCheck && { creditCheck }) }],
    memo,
    ...orderSummary(order),
    // Listed at once, before the workflow's first task keeps them current.
    typedSearchAttributes: [
      { key: sa.OrderStatus, value: 'pending-confirmation' },
      { key: sa.OrderStage, value: route.steps[0].stage },
      { key: sa.OrderChannel, value: order.channel },
      { key: sa.CustomerId, value: order.customer.id },
      { key: sa.CustomerClass, value: order.customer.class },
      { key: sa.SalesRep, value: order.salesRep.id },
      { key: sa.OrderLate, value: false },
    ],
  });
}
