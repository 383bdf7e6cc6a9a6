import type { RouteStep } from './route';
import { depositOutstanding, depositRequired, receivingTimePending, type OrderState } from './state';

// The steps several channels' routes share, each written once: a route lists them in its own order beside
// its own steps. A channel whose stage waits for something else (the distributor's production, the
// store's signature) keeps its own step under the same stage name.

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
