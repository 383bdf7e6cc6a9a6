import type { EventType, OrderEvent } from './events';
import { move } from './ledger';
import { depositDue } from './money';
import { advance } from './route';
import { moveTo, notify, pendingAmendment, record, sentThrough, setPromisedDate, shippingMode, viaOf, type OrderState } from './state';

/**
 * Applies an event the order accepts (check `whyNotApplicable` first). Deterministic and free of
 * I/O; messages it causes are queued on `pendingNotices` for the workflow to send.
 */
export function apply(s: OrderState, event: OrderEvent, at: string, via?: 'temporal'): void {
  if (event.id !== undefined) s.appliedEvents[event.id] = event.digest ?? '';
  record(s, at, {
    kind: 'event',
    type: event.type,
    actor: event.actor,
    ...viaOf(via),
    detail: `${describe(event)}${sentThrough(via)}`.trim(),
  });
  changeFacts(s, event, at);
  advance(s, at);
}

function changeFacts(s: OrderState, event: OrderEvent, at: string): void {
  (handlers[event.type] as Handler<EventType>)(s, event, at);
}

type Handler<T extends EventType> = (s: OrderState, event: Extract<OrderEvent, { type: T }>, at: string) => void;

// What each event changes, one handler per event type: a new event type does not compile until it has one.
const handlers: { [T in EventType]: Handler<T> } = {
  'order-confirmed': (s, _, at) => {
    s.facts.confirmedAt = at;
  },
  'feasibility-decided': (s, event, at) => {
    s.facts.feasible = event.data.feasible;
    s.facts.solution = event.data.solution;
    if (!event.data.feasible) {
      notify(s, at, {
        kind: 'notification',
        type: 'infeasible',
        to: 'supervisor',
        detail: 'technical found the order infeasible: propose an alternative to the customer',
      });
    }
  },
  'materials-confirmed': (s, event) => {
    s.facts.materialsConfirmationRef = event.data.confirmationRef;
  },
  'drawing-sent': (s, event) => {
    s.facts.drawing = { version: event.data.version, state: 'sent' };
  },
  'drawing-confirmed': (s, event) => {
    s.facts.drawing = { version: event.data.version, state: 'confirmed' };
  },
  'drawing-revision-requested': (s, event, at) => {
    s.facts.drawing = { version: event.data.version, state: 'revision-requested' };
    notify(s, at, {
      kind: 'notification',
      type: 'drawing-revision',
      to: 'technical',
      detail: `revise drawing v${event.data.version}: ${event.data.reason}`,
    });
  },
  'price-approved': (s) => {
    s.facts.priceApproved = true;
  },
  'price-disputed': (s, event, at) => {
    s.facts.priceDispute = event.data.reason;
    notify(s, at, { kind: 'notification', type: 'price-dispute', to: 'supervisor', detail: event.data.reason });
  },
  'supervisor-approved': (s) => {
    s.facts.supervisorApproved = true;
  },
  'delivery-date-estimated': (s, event, at) => {
    setPromisedDate(s, at, event.data.promisedDate, 'estimated by production');
  },
  'confirmation-sent': (s, _, at) => {
    s.facts.confirmationSentAt = at;
  },
  'signed-confirmation-returned': (s, _, at) => {
    s.facts.signedReturnAt = at;
  },
  'signed-confirmation-rejected': (s, event, at) => {
    notify(s, at, {
      kind: 'notification',
      type: 'return-rejected',
      to: 'sales-rep',
      detail: `ask the customer to return the confirmation again: ${event.data.reason}`,
    });
  },
  'deposit-received': (s, event, at) => {
    s.depositReceived += event.data.amount;
    received(s, event, at, 'deposit');
  },
  'production-notice-issued': (s, _, at) => {
    s.facts.productionNoticeAt = at;
  },
  'technical-order-issued': (s, _, at) => {
    s.facts.technicalOrderAt = at;
  },
  'progress-reported': (s, event, at) => {
    s.facts.lastProgressAt = at;
    s.facts.percentDone = event.data.percentDone;
  },
  'delay-reported': (s, event, at) => {
    s.delays.push({ reportedAt: at, reason: event.data.reason, newPromisedDate: event.data.newPromisedDate });
    setPromisedDate(s, at, event.data.newPromisedDate, `production delay: ${event.data.reason}`);
    notify(s, at, {
      kind: 'notification',
      type: 'delay',
      to: 'sales-rep',
      detail: `tell the customer within ${s.policy.clocks.delayNotice.after}: ${event.data.reason}`,
    });
  },
  'customer-told-of-delay': (s, event, at) => {
    for (const delay of s.delays) delay.toldAt ??= at;
    compensate(s, event.actor, at, event.data.compensation, 'delay');
  },
  'change-requested': (s, event, at) => {
    s.amendments.push({
      version: s.amendments.length + 1,
      description: event.data.description,
      newAmount: event.data.newAmount,
      newPromisedDate: event.data.newPromisedDate,
      state: 'requested',
      requestedAt: at,
    });
    notify(s, at, {
      kind: 'notification',
      type: 'change-request',
      to: 'production',
      detail: `check feasibility of amendment v${s.amendments.length}: ${event.data.description}`,
    });
  },
  'change-confirmed': (s, _, at) => {
    const amendment = pendingAmendment(s)!;
    amendment.state = 'confirmed';
    if (amendment.newAmount !== undefined) {
      s.amount = amendment.newAmount;
      s.depositDue = depositDue(s.order.deposit, s.amount);
    }
    if (amendment.newPromisedDate) setPromisedDate(s, at, amendment.newPromisedDate, `amendment v${amendment.version}`);
  },
  'change-rejected': (s) => {
    pendingAmendment(s)!.state = 'rejected';
  },
  'qc-passed': (s, _, at) => {
    s.facts.qcPassedAt = at;
  },
  'qc-failed': (s, event, at) => {
    s.facts.qcFailures++;
    notify(s, at, { kind: 'notification', type: 'rework', to: 'production', detail: `QC failed, rework: ${event.data.reason}` });
  },
  stocked: (s, _, at) => {
    s.facts.stockedAt = at;
  },
  'shipping-requested': (s, event) => {
    s.facts.shippingRequestRef = event.data.requestRef;
  },
  'payment-received': (s, event, at) => {
    s.paymentsReceived += event.data.amount;
    received(s, event, at, event.data.asCredit ? 'payment, surplus held as credit' : 'payment');
  },
  'emergency-released': (s, event, at) => {
    s.facts.emergencyRelease = { by: event.actor, reason: event.data.reason, at };
  },
  shipped: (s, event, at) => {
    s.facts.shippedAt = at;
    notify(s, at, {
      kind: 'notification',
      type: 'shipping-notice',
      to: 'customer',
      detail: `shipped by ${event.data.carrier} (${shippingMode(s)}), tracking ${event.data.trackingRef}${event.data.expectedArrival ? `, arriving ${event.data.expectedArrival}` : ''}`,
    });
  },
  'signed-for': (s, _, at) => {
    s.facts.signedForAt = at;
  },
  'goods-accepted': (s, _, at) => {
    s.facts.acceptedAt = at;
  },
  'invoice-issued': (s, event, at) => {
    const { invoiceNumber, amount, date } = event.data;
    s.ledger!.invoices.push({ number: invoiceNumber, amount, date, issuedAt: at, by: event.actor });
  },
  'invoice-voided': (s, event, at) => {
    const invoice = s.ledger!.invoices.find((i) => i.number === event.data.invoiceNumber && !i.voided)!;
    invoice.voided = { at, reason: event.data.reason, by: event.actor };
  },
  'receivable-written-off': (s, event, at) => {
    move(s, s.ledger!, at, {
      kind: 'write-off',
      amount: event.data.amount,
      actor: event.actor,
      ref: event.data.financeRef,
      detail: `written off: ${event.data.reason}`,
    });
  },
  'cancellation-costs-kept': (s, event, at) => {
    s.ledger!.kept = { amount: event.data.amount, reason: event.data.reason };
    move(s, s.ledger!, at, {
      kind: 'costs-kept',
      amount: event.data.amount,
      actor: event.actor,
      ref: event.data.reason,
      detail: `kept for work done: ${event.data.reason}`,
    });
  },
  'refund-paid': (s, event, at) => {
    move(s, s.ledger!, at, {
      kind: 'refund',
      amount: event.data.amount,
      actor: event.actor,
      ref: event.data.paymentRef,
      detail: 'refund paid',
    });
  },
  'complaint-filed': (s, event, at) => {
    s.complaints.push({ number: s.complaints.length + 1, category: event.data.category, description: event.data.description, filedAt: at });
    notify(s, at, {
      kind: 'notification',
      type: 'complaint',
      to: 'service',
      detail: `complaint ${s.complaints.length} (${event.data.category}): ${event.data.description}`,
    });
  },
  'complaint-resolved': (s, event, at) => {
    const complaint = s.complaints.find((c) => c.number === event.data.complaintNumber)!;
    complaint.resolvedAt = at;
    complaint.responsibleParty = event.data.responsibleParty;
    complaint.resolution = event.data.resolution;
    compensate(s, event.actor, at, event.data.compensation, `complaint ${complaint.number}`);
  },
  cancelled: (s, event, at) => {
    s.facts.cancelledReason = event.data.reason;
    moveTo(s, at, 'cancelled');
  },
};

/** Money in, on the ledger (orders without one count it in depositReceived and paymentsReceived only). */
function received(s: OrderState, event: Extract<OrderEvent, { type: 'deposit-received' | 'payment-received' }>, at: string, what: string) {
  if (!s.ledger) return;
  move(s, s.ledger, at, {
    kind: 'payment',
    amount: event.data.amount,
    actor: event.actor,
    ref: event.data.paymentRef,
    detail: `${what} received`,
  });
}

/** Compensation agreed with the customer (a discount for a delay, a complaint): it lowers what they owe. */
function compensate(s: OrderState, actor: OrderEvent['actor'], at: string, amount: number | undefined, why: string) {
  if (!s.ledger || !amount) return;
  move(s, s.ledger, at, { kind: 'compensation', amount, actor, ref: why, detail: `compensation for the ${why}` });
}

function describe(event: OrderEvent): string {
  const data = Object.entries(event.data as Record<string, unknown>)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
  return [data, event.note].filter(Boolean).join(' — ');
}
