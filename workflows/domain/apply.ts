import type { EventType, OrderEvent } from './events';
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
  'deposit-received': (s, event) => {
    s.depositReceived += event.data.amount;
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
  'customer-told-of-delay': (s, _, at) => {
    for (const delay of s.delays) delay.toldAt ??= at;
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
  'payment-received': (s, event) => {
    s.paymentsReceived += event.data.amount;
  },
  'emergency-released': (s, event, at) => {
    s.facts.emergencyRelease = { by: event.actor, reason: event.data.reason, at };
  },
  shipped: (s, event, at) => {
    s.facts.shippedAt = at;
    s.facts.expectedArrival = event.data.expectedArrival;
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
  },
  cancelled: (s, event, at) => {
    s.facts.cancelledReason = event.data.reason;
    moveTo(s, at, 'cancelled');
  },
};

function describe(event: OrderEvent): string {
  const data = Object.entries(event.data as Record<string, unknown>)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
  return [data, event.note].filter(Boolean).join(' — ');
}
