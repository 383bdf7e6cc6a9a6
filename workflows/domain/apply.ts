import type { OrderEvent } from './events';
import { depositDue } from './money';
import { advance } from './route';
import {
  moveTo, notify, pendingAmendment, record, sentThrough, setPromisedDate, shippingMode, viaOf, type OrderState,
} from './state';

/**
 * Applies an event the order accepts (check `whyNotApplicable` first). Deterministic and free of
 * I/O; messages it causes are queued on `pendingNotices` for the workflow to send.
 */
export function apply(s: OrderState, event: OrderEvent, at: string, via?: 'temporal'): void {
  if (event.id !== undefined) s.appliedEvents[event.id] = event.digest ?? '';
  record(s, at, { kind: 'event', type: event.type, actor: event.actor, ...viaOf(via), detail: `${describe(event)}${sentThrough(via)}`.trim() });
  changeFacts(s, event, at);
  advance(s, at);
}

function changeFacts(s: OrderState, event: OrderEvent, at: string): void {
  const f = s.facts;
  switch (event.type) {
    case 'order-confirmed':
      f.confirmedAt = at;
      return;
    case 'feasibility-decided':
      f.feasible = event.data.feasible;
      f.solution = event.data.solution;
      if (!event.data.feasible) {
        notify(s, at, { kind: 'notification', type: 'infeasible', to: 'supervisor', detail: 'technical found the order infeasible: propose an alternative to the customer' });
      }
      return;
    case 'materials-confirmed':
      f.materialsConfirmationRef = event.data.confirmationRef;
      return;
    case 'drawing-sent':
      f.drawing = { version: event.data.version, state: 'sent' };
      return;
    case 'drawing-confirmed':
      f.drawing = { version: event.data.version, state: 'confirmed' };
      return;
    case 'drawing-revision-requested':
      f.drawing = { version: event.data.version, state: 'revision-requested' };
      notify(s, at, { kind: 'notification', type: 'drawing-revision', to: 'technical', detail: `revise drawing v${event.data.version}: ${event.data.reason}` });
      return;
    case 'price-approved':
      f.priceApproved = true;
      return;
    case 'price-disputed':
      f.priceDispute = event.data.reason;
      notify(s, at, { kind: 'notification', type: 'price-dispute', to: 'supervisor', detail: event.data.reason });
      return;
    case 'supervisor-approved':
      f.supervisorApproved = true;
      return;
    case 'delivery-date-estimated':
      setPromisedDate(s, at, event.data.promisedDate, 'estimated by production');
      return;
    case 'confirmation-sent':
      f.confirmationSentAt = at;
      return;
    case 'signed-confirmation-returned':
      f.signedReturnAt = at;
      return;
    case 'signed-confirmation-rejected':
      notify(s, at, { kind: 'notification', type: 'return-rejected', to: 'sales-rep', detail: `ask the customer to return the confirmation again: ${event.data.reason}` });
      return;
    case 'deposit-received':
      s.depositReceived += event.data.amount;
      return;
    case 'production-notice-issued':
      f.productionNoticeAt = at;
      return;
    case 'technical-order-issued':
      f.technicalOrderAt = at;
      return;
    case 'progress-reported':
      f.lastProgressAt = at;
      f.percentDone = event.data.percentDone;
      return;
    case 'delay-reported':
      s.delays.push({ reportedAt: at, reason: event.data.reason, newPromisedDate: event.data.newPromisedDate });
      setPromisedDate(s, at, event.data.newPromisedDate, `production delay: ${event.data.reason}`);
      notify(s, at, { kind: 'notification', type: 'delay', to: 'sales-rep', detail: `tell the customer within ${s.policy.clocks.delayNotice.after}: ${event.data.reason}` });
      return;
    case 'customer-told-of-delay':
      for (const delay of s.delays) delay.toldAt ??= at;
      return;
    case 'change-requested':
      s.amendments.push({
        version: s.amendments.length + 1,
        description: event.data.description,
        newAmount: event.data.newAmount,
        newPromisedDate: event.data.newPromisedDate,
        state: 'requested',
        requestedAt: at,
      });
      notify(s, at, { kind: 'notification', type: 'change-request', to: 'production', detail: `check feasibility of amendment v${s.amendments.length}: ${event.data.description}` });
      return;
    case 'change-confirmed': {
      const amendment = pendingAmendment(s)!;
      amendment.state = 'confirmed';
      if (amendment.newAmount !== undefined) {
        s.amount = amendment.newAmount;
        s.depositDue = depositDue(s.order.deposit, s.amount);
      }
      if (amendment.newPromisedDate) setPromisedDate(s, at, amendment.newPromisedDate, `amendment v${amendment.version}`);
      return;
    }
    case 'change-rejected':
      pendingAmendment(s)!.state = 'rejected';
      return;
    case 'qc-passed':
      f.qcPassedAt = at;
      return;
    case 'qc-failed':
      f.qcFailures++;
      notify(s, at, { kind: 'notification', type: 'rework', to: 'production', detail: `QC failed, rework: ${event.data.reason}` });
      return;
    case 'stocked':
      f.stockedAt = at;
      return;
    case 'shipping-requested':
      f.shippingRequestRef = event.data.requestRef;
      return;
    case 'payment-received':
      s.paymentsReceived += event.data.amount;
      return;
    case 'emergency-released':
      f.emergencyRelease = { by: event.actor, reason: event.data.reason, at };
      return;
    case 'shipped':
      f.shippedAt = at;
      notify(s, at, { kind: 'notification', type: 'shipping-notice', to: 'customer', detail: `shipped by ${event.data.carrier} (${shippingMode(s)}), tracking ${event.data.trackingRef}${event.data.expectedArrival ? `, arriving ${event.data.expectedArrival}` : ''}` });
      return;
    case 'signed-for':
      f.signedForAt = at;
      return;
    case 'complaint-filed':
      s.complaints.push({ number: s.complaints.length + 1, category: event.data.category, description: event.data.description, filedAt: at });
      notify(s, at, { kind: 'notification', type: 'complaint', to: 'service', detail: `complaint ${s.complaints.length} (${event.data.category}): ${event.data.description}` });
      return;
    case 'complaint-resolved': {
      const complaint = s.complaints.find((c) => c.number === event.data.complaintNumber)!;
      complaint.resolvedAt = at;
      complaint.responsibleParty = event.data.responsibleParty;
      complaint.resolution = event.data.resolution;
      return;
    }
    case 'cancelled':
      f.cancelledReason = event.data.reason;
      moveTo(s, at, 'cancelled');
      return;
  }
}

function describe(event: OrderEvent): string {
  const data = Object.entries(event.data as Record<string, unknown>)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
  return [data, event.note].filter(Boolean).join(' — ');
}

