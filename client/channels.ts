import { WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import { z } from 'zod';
import { channels } from '../workflows/channels';
import {
  ContractTerms,
  DepositTerms,
  OrderInput,
  OrderLine,
  type Channel,
  type CustomerClass,
  type Instalment,
} from '../workflows/domain/order';
import { resolvePolicy, type Policy, type PolicyOverrides } from '../workflows/domain/policy';
import { workflowIdOf, type StartOrder } from '../workflows/messages';
import * as sa from '../workflows/search-attributes';

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

export const channelForms = {
  standard: {
    createSchema: OrderInput.extend({ channel: z.literal('standard').default('standard') }),
    policyDefaults: {},
  },
  sample: {
    // A few sample lines, no deposit; the order desk confirms within half a day.
    createSchema: OrderInput.extend({
      channel: z.literal('sample'),
      lines: z.array(OrderLine).min(1).max(5),
      deposit: DepositTerms.options[0].default({ kind: 'none' }),
    }),
    policyDefaults: { clocks: { firstConfirmation: { after: 'PT4H', to: 'supervisor' } } },
  },
  // industrial contract channel (004)
  contract: {
    // The contract's terms (end customer, host machine model, template); the advance is an instalment of the payment plan.
    createSchema: OrderInput.extend({
      channel: z.literal('contract'),
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
    staticSummary: `${order.channel} order ${order.orderNumber} for ${order.customer.name} (class ${order.customer.class})`,
    // Listed at once, before the workflow's first task keeps them current.
    typedSearchAttributes: [
      { key: sa.OrderStatus, value: 'pending-confirmation' },
      { key: sa.OrderStage, value: route.steps[0].stage },
      { key: sa.OrderChannel, value: order.channel },
      { key: sa.CustomerId, value: order.customer.id },
      { key: sa.CustomerClass, value: order.customer.class },
      { key: sa.SalesRep, value: order.salesRep.id },
    ],
  });
}
