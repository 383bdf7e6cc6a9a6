import type { Handler } from './apply';
import { addCalendarDays, dateAt, isWorkingDay, startOfDate } from './calendar';
import type { EventData, OrderEvent } from './events';
import { stageLabels } from './labels';
import type { Actor, IsoDate } from './order';
import type { Route } from './route';
import { balanceDue, calendarOf, depositOutstanding, notify, saying, setPromisedDate, type OrderState, type Stage } from './state';
import { depositStep, sideEvents, steps } from './route-library';

// The group uniform order (团订, document 003; domain.md §4): the sales rep's signed contract is
// reviewed and stamped by finance, the customer pays the advance in full before anything is made,
// the group desk hands the order pack to production and logistics (each signs for it), the
// customer's people are measured at their site (量体), fabric and trims are bought, each process
// step is made, the goods are put away and delivered with the rep, and the balance is paid in full.
// The production tracking table is filled in by 17:30 each working day while the order is made and
// delivered; after-sales takes alterations and calls the customer back.

/** A department that signs for the order pack: production (生产中心) and logistics (物流中心, the warehouse role). */
export type PackDepartment = 'production' | 'logistics';

export interface GroupState {
  contract: {
    state: 'submitted' | 'returned' | 'stamped';
    ref?: string;
    stampedAt?: string;
    receiptRef?: string;
    returns: { at: string; by: Actor; reason: string; terms?: string[] }[];
  };
  /** 订单资料: the measurement request, production order and delivery note, with the contract and the advance's receipt. */
  pack?: EventData<'order-pack-handed-over'> & {
    handedAt: string;
    by: Actor;
    contractRef?: string;
    advanceReceipts: string[];
    signed: Partial<Record<PackDepartment, { at: string; by: Actor; receiptRef: string }>>;
  };
  /** 量体: the appointment (the latest one) and when it was done. */
  measurement?: {
    appointment?: { date: IsoDate; from?: string; place: string; contact: string; phone?: string; measurers?: string; at: string };
    doneAt?: string;
    sheetRef?: string;
    measured?: number;
  };
  fabric?: { at: string; purchaseRef: string; materials?: string };
  /** Each process step done, by its name in the policy. */
  steps: Record<string, { at: string; pieces?: number }>;
  /** 异常情况, each told to the manager at once. */
  exceptions: { at: string; by: Actor; description: string; step?: string }[];
  /** Company dates whose tracking entry was missing at the deadline (the manager was told). */
  missedEntries: IsoDate[];
  /** 服装修改 after delivery. */
  alterations: { number: number; description: string; pieces: number; requestedAt: string; doneAt?: string }[];
}

const emptyGroup = (): GroupState => ({
  contract: { state: 'submitted', returns: [] },
  steps: {},
  exceptions: [],
  missedEntries: [],
  alterations: [],
});
/** The order's group record, made on first use (an order is opened the same way for every channel). */
const groupOf = (s: OrderState): GroupState => (s.group ??= emptyGroup());
const policyOf = (s: OrderState) => s.policy.group!;

const stamped = (s: OrderState) => s.group?.contract.state === 'stamped';
const unsignedBy = (s: OrderState): PackDepartment[] =>
  (['production', 'logistics'] as const).filter((department) => !s.group?.pack?.signed[department]);
const stepsLeft = (s: OrderState) => policyOf(s).processSteps.filter((step) => !s.group?.steps[step]);
const openAlterations = (s: OrderState) => s.group?.alterations.filter((a) => a.doneAt === undefined) ?? [];
const fabricBought = (s: OrderState) => s.group?.fabric !== undefined;

/** The stages in which the production tracking table is kept: from the order pack to the customer's delivery receipt. */
export const trackedStages: readonly Stage[] = ['order-pack', 'body-measurement', 'production', 'put-away', 'shipping', 'in-transit'];
export const isTracked = (s: OrderState) => trackedStages.includes(s.stage);

/** The group order's route (domain.md §4): contract, finance's review, the full advance, order pack, measurement, making, delivery, balance, callbacks. */
export const groupRoute: Route = {
  events: [
    'contract-stamped',
    'contract-returned',
    'contract-resubmitted',
    'deposit-received',
    'order-pack-handed-over',
    'order-pack-signed',
    'body-measurement-scheduled',
    'body-measurement-done',
    'fabric-purchased',
    'process-step-completed',
    'progress-reported',
    'production-exception-reported',
    'stocked',
    'shipped',
    'signed-for',
    'payment-received',
    'invoice-issued',
    'invoice-voided',
    'receivable-written-off',
    'refund-paid',
    'complaint-filed',
    'complaint-compensation-agreed',
    'alteration-requested',
    'alteration-done',
    'satisfaction-rated',
    'cancelled',
  ],
  steps: [
    {
      // 5.4–5.5: finance reviews the contract and stamps it, or returns it to the rep, who hands it in again.
      stage: 'finance-review',
      done: stamped,
      expects: (s) => (s.group?.contract.state === 'returned' ? ['contract-resubmitted'] : ['contract-stamped', 'contract-returned']),
      provides: [],
    },
    // 6.1: nothing is measured or made before the advance has arrived in full.
    depositStep('an advance in the plan'),
    {
      // 6.2: the group desk hands the pack to production and logistics; each signs for it.
      stage: 'order-pack',
      done: (s) => s.group?.pack !== undefined && unsignedBy(s).length === 0,
      expects: (s) => (s.group?.pack ? ['order-pack-signed'] : ['order-pack-handed-over']),
      provides: [],
    },
    {
      stage: 'body-measurement',
      done: (s) => s.group?.measurement?.doneAt !== undefined,
      expects: (s) =>
        s.group?.measurement?.appointment ? ['body-measurement-done', 'body-measurement-scheduled'] : ['body-measurement-scheduled'],
      provides: [],
    },
    {
      // 6.3: fabric and trims bought, then each process step (cutting, sewing, finishing … as the policy lists them).
      stage: 'production',
      done: (s) => fabricBought(s) && stepsLeft(s).length === 0,
      expects: (s) => (fabricBought(s) ? ['process-step-completed'] : ['fabric-purchased']),
      provides: [],
    },
    steps.putAway,
    // 6.6: logistics delivers with the sales rep; the customer fills in the delivery receipt (客户交货回执).
    { stage: 'shipping', done: (s) => s.facts.shippedAt !== undefined, expects: () => ['shipped'], provides: ['shippedAt'] },
    steps.inTransit,
    // ... and the rep helps the customer pay the balance in full into the company's account.
    { stage: 'balance', done: (s) => balanceDue(s) === 0, expects: () => ['payment-received'], provides: [] },
    {
      // 7: the customer file (POST /customers), alterations and callbacks until the warranty ends.
      stage: 'after-sales',
      done: (s) => s.facts.archivedAt !== undefined,
      expects: (s) => [
        'alteration-requested',
        ...(openAlterations(s).length > 0 ? (['alteration-done'] as const) : []),
        'satisfaction-rated',
      ],
      provides: ['archivedAt'],
    },
  ],
  // The customer has the goods from delivery on: complaints.
  complaints: { from: 'in-transit' },
  misfit: (s, event) => whyNotExpectedInGroup(s, event),
  windows: [
    // The tracking table's daily entry and exceptions, for as long as the table is kept.
    { from: 'order-pack', until: 'balance', events: () => ['progress-reported', 'production-exception-reported'] },
    // Production buys ahead once it has signed for the pack (6.3: 提前安排).
    { from: 'body-measurement', until: 'put-away', events: (s) => (fabricBought(s) ? [] : ['fabric-purchased']) },
    sideEvents.balance('order-pack'),
    sideEvents.cancellation('in-transit'),
    sideEvents.invoices('finance-review'),
    sideEvents.writeOff('in-transit'),
    sideEvents.refunds('finance-review'),
  ],
};

/** Why a group event the route expects does not fit the order as it is, or undefined when it does. */
export function whyNotExpectedInGroup(s: OrderState, event: OrderEvent): string | undefined {
  switch (event.type) {
    case 'order-pack-signed': {
      const department = packDepartmentOf(event.actor.role);
      return department && !unsignedBy(s).includes(department) ? `${department} has already signed for the order pack` : undefined;
    }
    case 'process-step-completed': {
      const { processSteps } = policyOf(s);
      if (!processSteps.includes(event.data.step))
        return `${event.data.step} is not a process step of this order (its steps: ${processSteps.join(', ')})`;
      return s.group?.steps[event.data.step] ? `process step ${event.data.step} is already recorded as done` : undefined;
    }
    case 'alteration-done':
      return openAlterations(s).some((a) => a.number === event.data.alteration)
        ? undefined
        : `alteration ${event.data.alteration} is not open (open: ${
            openAlterations(s)
              .map((a) => a.number)
              .join(', ') || 'none'
          })`;
    default:
      return undefined;
  }
}

const packDepartmentOf = (role: Actor['role']): PackDepartment | undefined =>
  role === 'production' ? 'production' : role === 'warehouse' ? 'logistics' : undefined;

type GroupEventType =
  | 'contract-stamped'
  | 'contract-returned'
  | 'contract-resubmitted'
  | 'order-pack-handed-over'
  | 'order-pack-signed'
  | 'body-measurement-scheduled'
  | 'body-measurement-done'
  | 'fabric-purchased'
  | 'process-step-completed'
  | 'production-exception-reported'
  | 'alteration-requested'
  | 'alteration-done';

/** What each group event changes (apply.ts takes them into its handlers). */
export const groupHandlers: { [T in GroupEventType]: Handler<T> } = {
  'contract-stamped': (s, event, at) => {
    const { contract } = groupOf(s);
    Object.assign(contract, { state: 'stamped', ref: event.data.contractRef, stampedAt: at, receiptRef: event.data.receiptRef });
    const deliveryBy = s.order.group?.deliveryBy;
    if (deliveryBy) setPromisedDate(s, at, deliveryBy, 'the delivery term of the stamped contract');
    // 5.5: the rep tells the customer at once to pay the advance.
    notify(s, at, {
      kind: 'notification',
      type: 'advance-request',
      to: 'sales-rep',
      ...saying({
        zh: `合同 ${event.data.contractRef} 已盖章：请通知客户支付预付款 ${depositOutstanding(s)} fen；全额到账前不量体、不生产`,
        en: `contract ${event.data.contractRef} stamped: tell the customer to pay the advance of ${depositOutstanding(s)} fen; nothing is measured or made before it arrives in full`,
      }),
    });
  },
  'contract-returned': (s, event, at) => {
    const { contract } = groupOf(s);
    contract.state = 'returned';
    contract.returns.push({ at, by: event.actor, reason: event.data.reason, ...(event.data.terms && { terms: event.data.terms }) });
    const terms = event.data.terms;
    notify(s, at, {
      kind: 'notification',
      type: 'contract-returned',
      to: 'sales-rep',
      ...saying({
        zh: `财务退回合同${terms ? `（${terms.join('、')}）` : ''}：${event.data.reason}`,
        en: `finance returned the contract${terms ? ` (${terms.join(', ')})` : ''}: ${event.data.reason}`,
      }),
    });
  },
  'contract-resubmitted': (s, event, at) => {
    const { contract } = groupOf(s);
    contract.state = 'submitted';
    contract.ref = event.data.contractRef;
    notify(s, at, {
      kind: 'notification',
      type: 'contract-review',
      to: 'finance',
      ...saying({ zh: `请审核修改后的合同 ${event.data.contractRef}`, en: `review the corrected contract ${event.data.contractRef}` }),
    });
  },
  'order-pack-handed-over': (s, event, at) => {
    const group = groupOf(s);
    const advanceReceipts = s.ledger?.movements.filter((m) => m.kind === 'payment').map((m) => m.ref) ?? [];
    group.pack = { ...event.data, handedAt: at, by: event.actor, contractRef: group.contract.ref, advanceReceipts, signed: {} };
    const { measurementRequestRef, productionOrderRef, deliveryNoteRef } = event.data;
    const documents = {
      zh: `量体申请 ${measurementRequestRef}、生产单 ${productionOrderRef}、送货单 ${deliveryNoteRef}、合同 ${group.contract.ref ?? '（存档）'}、预付款收据 ${advanceReceipts.join('、') || '（无）'}`,
      en: `measurement request ${measurementRequestRef}, production order ${productionOrderRef}, delivery note ${deliveryNoteRef}, contract ${group.contract.ref ?? '(on file)'}, advance receipt ${advanceReceipts.join(', ') || '(none)'}`,
    };
    notify(s, at, {
      kind: 'notification',
      type: 'order-pack',
      to: 'production',
      ...saying({
        zh: `请签收订单资料并安排量体、采购和生产：${documents.zh}`,
        en: `sign for the order pack and plan measurement, purchasing and making: ${documents.en}`,
      }),
    });
    notify(s, at, {
      kind: 'notification',
      type: 'order-pack',
      to: 'warehouse',
      ...saying({ zh: `请签收订单资料并安排送货：${documents.zh}`, en: `sign for the order pack and plan the delivery: ${documents.en}` }),
    });
  },
  'order-pack-signed': (s, event, at) => {
    const department = packDepartmentOf(event.actor.role)!;
    groupOf(s).pack!.signed[department] = { at, by: event.actor, receiptRef: event.data.receiptRef };
  },
  'body-measurement-scheduled': (s, event, at) => {
    const site = s.order.group?.measurementSite ?? {
      address: s.order.delivery.address,
      contact: s.order.delivery.contact,
      phone: s.order.delivery.phone,
    };
    const { date, from, place = site.address, contact = site.contact, phone = site.phone, measurers } = event.data;
    const group = groupOf(s);
    group.measurement = {
      ...group.measurement,
      appointment: { date, ...(from && { from }), place, contact, phone, ...(measurers && { measurers }), at },
    };
    const when = `${date}${from ? ` ${from}` : ''}`;
    const appointment = {
      zh: `量体：${when} 在 ${place}，联系人 ${contact}（${phone}）`,
      en: `body measurement ${when} at ${place}, ask for ${contact} (${phone})`,
    };
    for (const to of ['customer', 'sales-rep'] as const)
      notify(s, at, { kind: 'notification', type: 'body-measurement-appointment', to, ...saying(appointment) });
  },
  'body-measurement-done': (s, event, at) => {
    const group = groupOf(s);
    group.measurement = {
      ...group.measurement,
      doneAt: at,
      sheetRef: event.data.sheetRef,
      ...(event.data.measured && { measured: event.data.measured }),
    };
  },
  'fabric-purchased': (s, event, at) => {
    groupOf(s).fabric = { at, purchaseRef: event.data.purchaseRef, ...(event.data.materials && { materials: event.data.materials }) };
  },
  'process-step-completed': (s, event, at) => {
    groupOf(s).steps[event.data.step] = { at, ...(event.data.pieces && { pieces: event.data.pieces }) };
  },
  'production-exception-reported': (s, event, at) => {
    const { description, step } = event.data;
    groupOf(s).exceptions.push({ at, by: event.actor, description, ...(step && { step }) });
    // 6.7: an exception goes to the group-sales manager at once.
    notify(s, at, {
      kind: 'escalation',
      type: 'production-exception',
      to: policyOf(s).managerRole,
      ...saying({
        zh: `生产异常${step ? `（${step}）` : ''}：${description}`,
        en: `exception${step ? ` in ${step}` : ''}: ${description}`,
      }),
    });
  },
  'alteration-requested': (s, event, at) => {
    const group = groupOf(s);
    const number = group.alterations.length + 1;
    group.alterations.push({ number, description: event.data.description, pieces: event.data.pieces, requestedAt: at });
    notify(s, at, {
      kind: 'notification',
      type: 'alteration',
      to: 'service',
      ...saying({
        zh: `第 ${number} 次修改，${event.data.pieces} 件：${event.data.description}`,
        en: `alteration ${number}, ${event.data.pieces} piece(s): ${event.data.description}`,
      }),
    });
  },
  'alteration-done': (s, event, at) => {
    groupOf(s).alterations.find((a) => a.number === event.data.alteration)!.doneAt = at;
  },
};

// ---- the production tracking table (客户订单生产追踪表) -----------------------------------------

/** The next deadline for the day's entry after `at`: the policy's time of day on the next working day (today when still to come). */
export function nextTrackingDeadline(s: OrderState, at: number): number {
  const calendar = calendarOf(s);
  const [hours, minutes] = policyOf(s).trackingBy.split(':').map(Number);
  const deadlineOn = (date: IsoDate) => startOfDate(date, calendar.timeZone) + (hours * 60 + minutes) * 60_000;
  let date = dateAt(at, calendar.timeZone);
  while (!isWorkingDay(date, calendar) || deadlineOn(date) <= at) date = addCalendarDays(date, 1);
  return deadlineOn(date);
}

/** Whether the day's entry (progress-reported) was made on the company date of the deadline. */
export function enteredOn(s: OrderState, deadline: number): boolean {
  const { timeZone } = calendarOf(s);
  return s.facts.lastProgressAt !== undefined && dateAt(Date.parse(s.facts.lastProgressAt), timeZone) === dateAt(deadline, timeZone);
}

/** The deadline passed: a missing entry is recorded and the manager told; an entry made that day asks nothing. */
export function checkTrackingEntry(s: OrderState, deadline: number, at: string) {
  if (enteredOn(s, deadline)) return;
  const date = dateAt(deadline, calendarOf(s).timeZone);
  groupOf(s).missedEntries.push(date);
  notify(s, at, {
    kind: 'escalation',
    type: 'group-tracking',
    to: policyOf(s).managerRole,
    ...saying({
      zh: `${date} ${policyOf(s).trackingBy} 前未填写生产追踪表（${stageLabels[s.stage].zh}）`,
      en: `production tracking table not filled in by ${policyOf(s).trackingBy} on ${date} (stage ${s.stage})`,
    }),
  });
}

/** The order's row of the production tracking table, as the snapshot shows it. */
export function trackingTableOf(s: OrderState) {
  const g = s.group ?? emptyGroup();
  return {
    organisation: s.order.group?.organisation ?? s.order.customer.name,
    contract: g.contract,
    pack: g.pack ?? null,
    measurement: g.measurement ?? null,
    fabricPurchase: g.fabric ?? null,
    processSteps: (s.policy.group?.processSteps ?? []).map((step) => ({ step, done: g.steps[step] ?? null })),
    putAway: s.facts.stockedAt ?? null,
    delivered: s.facts.shippedAt ?? null,
    deliveryReceipt: s.facts.signedForAt ?? null,
    lastEntry: s.facts.lastProgressAt ?? null,
    missedEntries: g.missedEntries,
    exceptions: g.exceptions,
    alterations: g.alterations,
  };
}
export type GroupTrackingTable = ReturnType<typeof trackingTableOf>;
