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

// ---- industrial contract channel (004) ----
/**
 * The contract's people (004): the sales rep (营销员) agrees the commercial terms, classifies and quotes,
 * drafts the contract, resolves review points, records the customer's delays and posts the invoice with
 * the customer; technical agrees the statement of work; the departments concerned review the contract
 * (the policy's `contract.reviewers`, and the sales manager for a customer's template); the sales
 * manager (supervisor) or the general manager approves a quote outside the price rule.
 */
export const contractPermissions = {
  'commercial-terms-agreed': ['sales-rep'],
  'statement-of-work-agreed': ['technical'],
  'price-pre-reviewed': ['sales-rep'],
  'price-exception-approved': ['supervisor', 'general-manager'],
  'quote-sent': ['sales-rep'],
  'contract-drafted': ['sales-rep'],
  'contract-review-approved': ['technical', 'finance', 'production', 'supervisor'],
  'contract-review-point-raised': ['technical', 'finance', 'production', 'supervisor'],
  'contract-review-point-resolved': ['sales-rep'],
  'customer-delay-recorded': ['sales-rep'],
  'invoice-posted': ['sales-rep'],
  'contract-document-filed': ['sales-rep', 'order-desk', 'service'],
} satisfies Partial<Record<EventType, Role[]>>;

/** Every event type added after orders were already running, with its default roles. */
export const laterEventPermissions: Partial<Record<EventType, readonly Role[]>> = {
  ...changeOrderPermissions,
  ...moneyPermissions,
  ...supervisionPermissions,
  ...kpiPermissions,
  // industrial contract channel (004)
  ...contractPermissions,
};

/** The roles that may send an event under an order's policy. */
export function rolesFor(policy: Policy, type: EventType): readonly Role[] {
  return policy.permissions[type] ?? laterEventPermissions[type] ?? [];
}
