import { WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import { z } from 'zod';
import { channels } from '../workflows/channels';
import { DepositTerms, OrderInput, OrderLine, type Channel, type CustomerClass } from '../workflows/domain/order';
import { resolvePolicy, type Policy, type PolicyOverrides } from '../workflows/domain/policy';
import { workflowIdOf, type StartOrder } from '../workflows/messages';
import * as sa from '../workflows/search-attributes';
import { channelLabels } from '../workflows/domain/labels';
import { orderAmount, yuan } from '../workflows/domain/money';

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
} as const satisfies Record<Channel, ChannelForm>;

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
    ],
  });
}
