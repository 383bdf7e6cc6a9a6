import type { RouteStep, Window } from './route';
import {
  balanceDue,
  depositOutstanding,
  depositRequired,
  receivingTimePending,
  refundDue,
  untoldDelay,
  unverifiedDelays,
  type OrderState,
  type Stage,
} from './state';

// The steps and the side events' windows several channels' routes share, each written once: a route lists
// them in its own order beside its own, naming the stages a window spans on it. A channel whose stage waits
// for something else (the distributor's production, the store's signature) keeps its own step under the
// same stage name.

const f = (s: OrderState) => s.facts;

export const steps = {
  deliveryEstimate: {
    stage: 'delivery-estimate',
    done: (s) => s.promisedDate !== undefined,
    expects: () => ['delivery-date-estimated'],
    provides: [],
  },
  confirmation: {
    stage: 'confirmation',
    done: (s) => f(s).confirmationSentAt !== undefined,
    expects: () => ['confirmation-sent'],
    provides: ['confirmationSentAt'],
  },
  /** The signed and stamped confirmation comes back (回传), or is sent back for its errors. */
  confirmationReturn: {
    stage: 'confirmation-return',
    done: (s) => f(s).signedReturnAt !== undefined,
    expects: () => ['signed-confirmation-returned', 'signed-confirmation-rejected'],
    provides: ['signedReturnAt'],
  },
  productionNotice: {
    stage: 'production-notice',
    done: (s) => f(s).productionNoticeAt !== undefined,
    expects: () => ['production-notice-issued'],
    provides: ['productionNoticeAt'],
  },
  /** The technical order, progress and delays until QC passes the goods. */
  production: {
    stage: 'production',
    done: (s) => f(s).qcPassedAt !== undefined,
    expects: (s) => [
      ...(f(s).technicalOrderAt === undefined ? (['technical-order-issued'] as const) : []),
      'progress-reported',
      'delay-reported',
      ...(f(s).technicalOrderAt !== undefined ? (['qc-passed', 'qc-failed'] as const) : []),
    ],
    provides: ['technicalOrderAt', 'qcPassedAt'],
  },
  putAway: { stage: 'put-away', done: (s) => f(s).stockedAt !== undefined, expects: () => ['stocked'], provides: ['stockedAt'] },
  /** Shipped; first the customer's receiving time, when the policy asks for it (001 ch.4). */
  shipping: {
    stage: 'shipping',
    done: (s) => f(s).shippedAt !== undefined,
    expects: (s) => (receivingTimePending(s) ? ['receiving-time-confirmed'] : ['shipped']),
    provides: ['shippedAt'],
  },
  inTransit: { stage: 'in-transit', done: (s) => f(s).signedForAt !== undefined, expects: () => ['signed-for'], provides: ['signedForAt'] },
  /** Complaints until the warranty ends (each its own workflow), then the order archives. */
  afterSales: {
    stage: 'after-sales',
    done: (s) => f(s).archivedAt !== undefined,
    expects: () => ['complaint-filed'],
    provides: ['archivedAt'],
  },
} satisfies Record<string, RouteStep>;

/** The deposit or advance the payment terms ask for before production, on the orders whose terms have one (`condition`, in words). */
export const depositStep = (condition: string): RouteStep => ({
  stage: 'deposit',
  when: (s) => depositRequired(s) > 0,
  condition,
  done: (s) => depositOutstanding(s) === 0,
  expects: () => ['deposit-received'],
  provides: [],
});

/** The side events routes take alike, each from (and until) the stages the route names. */
export const sideEvents = {
  /** A deposit or advance paid early, before its stage comes, up to production. */
  deposit: (from: Stage, until: Stage): Window => ({ from, until, events: (s) => (depositOutstanding(s) > 0 ? ['deposit-received'] : []) }),
  /** The balance, whenever it comes. */
  balance: (from: Stage): Window => ({ from, events: (s) => (balanceDue(s) > 0 ? ['payment-received'] : []) }),
  /** The customer told of a reported delay (001 ch.7: within the policy's time). */
  delayTold: { events: (s) => (untoldDelay(s) ? ['customer-told-of-delay'] : []) } satisfies Window,
  /** A supervisor verifies a reported delay as force majeure: the sales rep is not charged with it. */
  forceMajeure: { events: (s) => (unverifiedDelays(s).length > 0 ? ['force-majeure-verified'] : []) } satisfies Window,
  /** The receiving time, when the policy asks for it: agreed while the goods are made, and again until they ship. */
  receivingTime: {
    from: 'production',
    until: 'in-transit',
    events: (s) => (s.policy.shipping?.confirmReceivingTime ? ['receiving-time-confirmed'] : []),
  } satisfies Window,
  cancellation: (until: Stage): Window => ({ until, events: () => ['cancelled'] }),
  // The ledger's side of an order that has one: invoices (and voiding them), the customer's acceptance, a write-off
  // of what will not be paid, a refund of whatever was received beyond what is owed.
  invoices: (from: Stage): Window => ({
    from,
    events: (s) => (s.ledger ? ['invoice-issued', ...(s.ledger.invoices.some((i) => !i.voided) ? (['invoice-voided'] as const) : [])] : []),
  }),
  acceptance: (from: Stage): Window => ({ from, events: (s) => (s.ledger && f(s).acceptedAt === undefined ? ['goods-accepted'] : []) }),
  writeOff: (from: Stage): Window => ({ from, events: (s) => (s.ledger && balanceDue(s) > 0 ? ['receivable-written-off'] : []) }),
  refunds: (from: Stage): Window => ({ from, events: (s) => (s.ledger && refundDue(s) > 0 ? ['refund-paid'] : []) }),
  /** The customer's satisfaction at a callback (the sales reps' figures). */
  ratings: (from: Stage): Window => ({ from, events: () => ['satisfaction-rated'] }),
};
