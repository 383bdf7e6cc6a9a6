import type { EventType } from './events';
import type { Role } from './order';
import type { Policy } from './policy';

// Permission matrix entries for events added after orders were already running (zod-free: the
// workflow reads them). An order's policy is snapshotted when it starts, so an order that started
// before an event type existed has no entry for it: it takes the default here.

/**
 * 需求变更: the customer, sales or the desk asks; production assesses; finance approves the price;
 * the customer confirms (the desk or sales rep on the customer's behalf, with the written
 * confirmation's reference) or declines; whoever asked may withdraw, finance may refuse the price.
 */
export const changeOrderPermissions = {
  'change-requested': ['customer', 'sales-rep', 'order-desk'],
  'change-assessed': ['production'],
  'change-price-approved': ['finance', 'supervisor'],
  'change-confirmed': ['customer', 'order-desk', 'sales-rep'],
  'change-rejected': ['customer', 'sales-rep', 'order-desk', 'finance', 'supervisor'],
} satisfies Partial<Record<EventType, Role[]>>;

/**
 * Money from contract to cash: the customer (or sales, service) accepts the goods; finance records
 * invoices, costs kept on a cancellation and refunds; a supervisor writes off, with finance's approval
 * (its reference is in the event).
 */
export const moneyPermissions = {
  'goods-accepted': ['customer', 'sales-rep', 'service'],
  'invoice-issued': ['finance'],
  'invoice-voided': ['finance'],
  'receivable-written-off': ['supervisor'],
  'cancellation-costs-kept': ['finance'],
  'refund-paid': ['finance'],
} satisfies Partial<Record<EventType, Role[]>>;

/**
 * A supervisor approves the credit of a class A order over the customer's credit limit; the sales rep or the
 * order desk (or the warehouse arranging a special vehicle) records the receiving time agreed with the customer.
 */
export const supervisionPermissions = {
  'credit-approved': ['supervisor'],
  'receiving-time-confirmed': ['sales-rep', 'order-desk', 'warehouse'],
} satisfies Partial<Record<EventType, Role[]>>;

/**
 * The sales reps' monthly figures (001 ch.7): service or sales record the customer's satisfaction at the
 * after-sales callback (or the customer gives it); a supervisor verifies a delay as force majeure.
 */
export const kpiPermissions = {
  'satisfaction-rated': ['service', 'sales-rep', 'customer'],
  'force-majeure-verified': ['supervisor'],
} satisfies Partial<Record<EventType, Role[]>>;

/** Complaints: the regional manager or a supervisor agrees a compensation with the customer. */
export const complaintPermissions = {
  'complaint-compensation-agreed': ['regional-manager', 'supervisor'],
} satisfies Partial<Record<EventType, Role[]>>;

/** Every event type added after orders were already running, with its default roles. */
export const laterEventPermissions: Partial<Record<EventType, readonly Role[]>> = {
  ...changeOrderPermissions,
  ...moneyPermissions,
  ...supervisionPermissions,
  ...kpiPermissions,
  ...complaintPermissions,
};

/** The roles that may send an event under an order's policy. */
export function rolesFor(policy: Policy, type: EventType): readonly Role[] {
  return policy.permissions[type] ?? laterEventPermissions[type] ?? [];
}
