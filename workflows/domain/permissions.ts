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

/**
 * Store channel (000 §二): the store's staff (营业员, the sales-rep role) take the intent letter and the
 * customer's choices; the regional manager, the marketing assistant (营销助理, the order desk) or the
 * store book a site visit; technical measures, the installation team installs, production makes the
 * sub-frames; the marketing assistant reviews the store's submission.
 */
export const storePermissions = {
  'intent-letter-signed': ['sales-rep', 'order-desk'],
  'appointment-scheduled': ['regional-manager', 'order-desk', 'sales-rep'],
  'site-measured': ['technical'],
  'window-configuration-confirmed': ['customer', 'sales-rep'],
  'submission-reviewed': ['order-desk'],
  'quote-accepted': ['customer', 'sales-rep'],
  'sub-frame-made': ['production'],
  'sub-frame-installed': ['service'],
  're-measured': ['technical'],
  installed: ['service'],
} satisfies Partial<Record<EventType, Role[]>>;

// ---- distributor (代理商, 000 §一) ----
/**
 * The distributor (customer) asks, faxes drawings, agrees, confirms and chases; the marketing assistant (营销助理, the
 * order desk) answers, reviews, quotes, relays and tells back; R&D and technical answer referred enquiries, propose
 * solutions and ask their questions; purchasing (物控) tracks the materials; finance releases the paid goods.
 */
export const distributorPermissions = {
  'enquiry-received': ['customer', 'order-desk', 'sales-rep'],
  'enquiry-referred': ['order-desk'],
  'enquiry-answered': ['order-desk', 'technical', 'sales-rep'],
  'drawing-received': ['order-desk', 'customer'],
  'drawings-reviewed': ['order-desk'],
  'solution-proposed': ['technical'],
  'solution-agreed': ['order-desk', 'customer'],
  'spec-item-confirmed': ['order-desk', 'customer'],
  'surplus-colour-suggested': ['order-desk', 'purchasing'],
  // The marketing assistant quotes a distributor's drawings; the sales rep quotes an industrial contract.
  'quote-sent': ['order-desk', 'sales-rep'],
  'drawings-handed-over': ['order-desk'],
  'technical-question-raised': ['technical'],
  'technical-question-answered': ['order-desk', 'customer'],
  'material-expected': ['purchasing'],
  'material-arrived': ['purchasing', 'warehouse'],
  'spraying-sent': ['purchasing'],
  'spraying-returned': ['purchasing'],
  'goods-chased': ['customer', 'order-desk', 'sales-rep'],
  'chase-answered': ['order-desk', 'sales-rep'],
  'outbound-notice-issued': ['order-desk'],
  'shipment-released': ['finance'],
} satisfies Partial<Record<EventType, Role[]>>;

/**
 * group order channel (团订, 003): finance reviews and stamps the contract; the group desk (the order desk)
 * hands the order pack over, production and logistics (the warehouse) each sign for it; production
 * measures, purchasing buys, production makes; exceptions from whoever sees them; alterations after delivery.
 */
export const groupPermissions = {
  'contract-stamped': ['finance'],
  'contract-returned': ['finance'],
  'contract-resubmitted': ['sales-rep', 'order-desk'],
  'order-pack-handed-over': ['order-desk'],
  'order-pack-signed': ['production', 'warehouse'],
  'body-measurement-scheduled': ['production', 'order-desk', 'sales-rep'],
  'body-measurement-done': ['production'],
  'fabric-purchased': ['purchasing', 'production'],
  'process-step-completed': ['production', 'order-desk'],
  'production-exception-reported': ['production', 'order-desk', 'sales-rep'],
  'alteration-requested': ['customer', 'sales-rep', 'service', 'order-desk'],
  'alteration-done': ['service', 'production'],
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
  // The contract's quote (quote-sent, the sales rep's) shares its entry with the distributor's, above.
  'contract-drafted': ['sales-rep'],
  'contract-review-approved': ['technical', 'finance', 'production', 'supervisor'],
  'contract-review-point-raised': ['technical', 'finance', 'production', 'supervisor'],
  'contract-review-point-resolved': ['sales-rep'],
  'customer-delay-recorded': ['sales-rep'],
  'invoice-posted': ['sales-rep'],
  'contract-document-filed': ['sales-rep', 'order-desk', 'service'],
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
  // store channel
  ...storePermissions,
  // distributor
  ...distributorPermissions,
  ...groupPermissions,
  // industrial contract channel (004)
  ...contractPermissions,
  ...complaintPermissions,
};

/** The roles that may send an event under an order's policy. */
export function rolesFor(policy: Policy, type: EventType): readonly Role[] {
  return policy.permissions[type] ?? laterEventPermissions[type] ?? [];
}
