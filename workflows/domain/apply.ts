import type { EventType, OrderEvent } from './events';
import { distributorHandlers, outboundNoticeSigned } from './distributor';
import { groupHandlers } from './group';
import { compensated, fileComplaint } from './complaints';
import { move } from './ledger';
import { depositDue, orderAmount } from './money';
import type { Fen, IsoDate, OrderLine } from './order';
import { choiceZh } from './field-labels';
import { shippingModeLabels } from './labels';
import { advance, routeTakes } from './route';
import { storeHandlers } from './store';
import { contractHandlers, fileContractDocuments } from './contract';
import {
  approvalBesideReviews,
  approvalSubject,
  currentLines,
  lineVersionsOf,
  moveTo,
  needsSupervisor,
  notify,
  overCreditLimit,
  overLimit,
  pendingAmendment,
  record,
  saying,
  eventSentence,
  setPromisedDate,
  shippingMode,
  viaOf,
  type Amendment,
  type OrderState,
  type SatisfactionRating,
  type Sentence,
} from './state';

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
    ...saying(eventSentence(event, via)),
  });
  changeFacts(s, event, at);
  // industrial contract channel (004): the contract file takes the documents events bring.
  if (s.contract) fileContractDocuments(s, event, at);
  advance(s, at);
}

function changeFacts(s: OrderState, event: OrderEvent, at: string): void {
  (handlers[event.type] as Handler<EventType>)(s, event, at);
}

export type Handler<T extends EventType> = (s: OrderState, event: Extract<OrderEvent, { type: T }>, at: string) => void;

// What each event changes, one handler per event type: a new event type does not compile until it has one.
const handlers: { [T in EventType]: Handler<T> } = {
  'order-confirmed': (s, _, at) => {
    s.facts.confirmedAt = at;
    // The supervisor hears of it as soon as it is confirmed (001 ch.2: 确认订单后立即上报主管), and approves beside the reviews.
    if (approvalBesideReviews(s) && needsSupervisor(s) && routeTakes(s, 'supervisor-approved')) {
      const subject = approvalSubject(s);
      notify(s, at, {
        kind: 'notification',
        type: 'approval-needed',
        to: 'supervisor',
        ...saying({ zh: `${subject.zh}已确认：生产前请审批`, en: `${subject.en} confirmed: approve before production` }),
      });
    }
    if (overCreditLimit(s) && routeTakes(s, 'credit-approved'))
      notify(s, at, { kind: 'notification', type: 'credit-approval-needed', to: 'supervisor', ...saying(overLimit(s)) });
  },
  'feasibility-decided': (s, event, at) => {
    s.facts.feasible = event.data.feasible;
    s.facts.solution = event.data.solution;
    if (!event.data.feasible) {
      notify(s, at, {
        kind: 'notification',
        type: 'infeasible',
        to: 'supervisor',
        ...saying({
          zh: '技术部判定订单不可行：请向客户提出替代方案',
          en: 'technical found the order infeasible: propose an alternative to the customer',
        }),
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
      ...saying({
        zh: `请修改第 ${event.data.version} 版图纸：${event.data.reason}`,
        en: `revise drawing v${event.data.version}: ${event.data.reason}`,
      }),
    });
  },
  'price-approved': (s) => {
    s.facts.priceApproved = true;
  },
  'price-disputed': (s, event, at) => {
    s.facts.priceDispute = event.data.reason;
    notify(s, at, {
      kind: 'notification',
      type: 'price-dispute',
      to: 'supervisor',
      ...saying({ zh: `价格争议：${event.data.reason}`, en: event.data.reason }),
    });
  },
  'supervisor-approved': (s) => {
    s.facts.supervisorApproved = true;
  },
  'credit-approved': (s) => {
    s.facts.creditApproved = true;
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
      ...saying({
        zh: `请客户重新回传确认书：${event.data.reason}`,
        en: `ask the customer to return the confirmation again: ${event.data.reason}`,
      }),
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
    const { reason, newPromisedDate, forceMajeure } = event.data;
    s.delays.push({ reportedAt: at, reason, newPromisedDate, ...(forceMajeure && { forceMajeureClaimed: true }) });
    setPromisedDate(s, at, newPromisedDate, `production delay: ${reason}`);
    notify(s, at, {
      kind: 'notification',
      type: 'delay',
      to: 'sales-rep',
      ...saying({
        zh: `请在 ${s.policy.clocks.delayNotice.after}内告知客户：${reason}`,
        en: `tell the customer within ${s.policy.clocks.delayNotice.after}: ${reason}`,
      }),
    });
    // Force majeure frees the rep of the delay only once verified (经核实后可免除责任); the customer is told all the same.
    if (forceMajeure)
      notify(s, at, {
        kind: 'notification',
        type: 'force-majeure-claimed',
        to: 'supervisor',
        ...saying({
          zh: `第 ${s.delays.length} 次延期申报为不可抗力：请核实（${reason}）`,
          en: `delay ${s.delays.length} is claimed as force majeure: verify it (${reason})`,
        }),
      });
  },
  'customer-told-of-delay': (s, event, at) => {
    for (const delay of s.delays) delay.toldAt ??= at;
    compensate(s, event.actor, at, event.data.compensation, 'delay');
  },
  'change-requested': (s, event, at) => {
    const { description, lines, wantedDate } = event.data;
    // Requests from before changes were assessed carried their own amount and date (replayed as they ran).
    const { newAmount, newPromisedDate } = event.data as { newAmount?: Fen; newPromisedDate?: IsoDate };
    const version = s.amendments.length + 1;
    const materialsChange = lines !== undefined && changesMaterials(currentLines(s), lines);
    s.amendments.push({
      version,
      description,
      state: 'requested',
      requestedAt: at,
      requestedBy: event.actor,
      ...(lines && { wantedLines: lines }),
      ...(wantedDate && { wantedDate }),
      ...(newAmount !== undefined && { newAmount }),
      ...(newPromisedDate && { newPromisedDate }),
      ...(materialsChange && { materialsChange }),
    });
    notify(s, at, {
      kind: 'notification',
      type: 'change-request',
      to: 'production',
      ...saying({
        zh: `请评估第 ${version} 版变更的可行性：${description}`,
        en: `check feasibility of amendment v${version}: ${description}`,
      }),
    });
    if (materialsChange) tellOfMaterials(s, at, version, description);
  },
  'change-assessed': (s, event, at) => {
    const amendment = pendingAmendment(s)!;
    const { feasible, reason, lines, newPromisedDate, drawingsChange } = event.data;
    amendment.assessed = { at, by: event.actor, feasible, ...(reason && { reason }) };
    if (!feasible) {
      amendment.state = 'infeasible';
      notify(s, at, {
        kind: 'notification',
        type: 'change-infeasible',
        to: 'sales-rep',
        ...saying({
          zh: `生产无法执行第 ${amendment.version} 版变更${reason ? `：${reason}` : ''}；请告知客户`,
          en: `production cannot make amendment v${amendment.version}${reason ? `: ${reason}` : ''}; tell the customer`,
        }),
      });
      return;
    }
    // Production's priced lines replace whatever amount an earlier asker set.
    amendment.newLines = lines;
    amendment.newAmount = lines && orderAmount(lines);
    if (newPromisedDate) amendment.newPromisedDate = newPromisedDate;
    if (drawingsChange) amendment.drawingsChange = true;
    if (lines && !amendment.materialsChange && changesMaterials(currentLines(s), lines)) {
      amendment.materialsChange = true;
      tellOfMaterials(s, at, amendment.version, amendment.description);
    }
    amendment.priceApprovalNeeded = needsPriceApproval(s, amendment);
    if (!amendment.priceApprovalNeeded) return askTheCustomer(s, at, amendment);
    amendment.state = 'awaiting-price-approval';
    const t = terms(s, amendment);
    notify(s, at, {
      kind: 'notification',
      type: 'change-price-review',
      to: 'finance',
      ...saying({
        zh: `请按价格政策审批第 ${amendment.version} 版变更的价格：${t.zh}`,
        en: `approve the price of amendment v${amendment.version} under the price policy: ${t.en}`,
      }),
    });
  },
  'change-price-approved': (s, event, at) => {
    const amendment = pendingAmendment(s)!;
    amendment.priceApproved = { at, by: event.actor };
    askTheCustomer(s, at, amendment);
  },
  'change-confirmed': (s, event, at) => {
    const amendment = pendingAmendment(s)!;
    amendment.state = 'confirmed';
    if (!amendment.assessed) return applyUnassessed(s, at, amendment);
    amendment.confirmed = { at, by: event.actor, ...(event.data.confirmationRef && { ref: event.data.confirmationRef }) };
    const finished = amendment.newLines !== undefined && s.facts.qcPassedAt !== undefined;
    if (amendment.newLines) newLinesVersion(s, at, amendment, amendment.newLines);
    if (amendment.newPromisedDate) setPromisedDate(s, at, amendment.newPromisedDate, `amendment v${amendment.version}`);
    const version = {
      zh: `客户已确认第 ${amendment.version} 版变更（${amendment.description}）`,
      en: `amendment v${amendment.version} (${amendment.description}) confirmed by the customer`,
    };
    // The goods were made to the old lines: back to production (a change after shipping is refused by the route).
    if (finished) {
      amendment.rework = true;
      if (s.facts.stockedAt !== undefined)
        notify(s, at, {
          kind: 'notification',
          type: 'change-rework',
          to: 'warehouse',
          ...saying({ zh: `请扣住货物：${version.zh}，返工`, en: `hold the goods: ${version.en}, back to rework` }),
        });
      delete s.facts.qcPassedAt;
      delete s.facts.stockedAt;
      moveTo(s, at, 'production');
    }
    const work: Sentence[] = [
      ...(finished ? [{ zh: '成品返工', en: 'rework the finished goods' }] : []),
      ...(amendment.linesVersion ? [{ zh: `按第 ${amendment.linesVersion} 版明细生产`, en: `make lines v${amendment.linesVersion}` }] : []),
      ...(amendment.newPromisedDate ? [{ zh: `交期 ${amendment.newPromisedDate}`, en: `promised ${amendment.newPromisedDate}` }] : []),
    ];
    notify(s, at, {
      kind: 'notification',
      type: 'change-confirmed',
      to: 'production',
      ...saying({
        zh: work.length > 0 ? `${version.zh}：${work.map((w) => w.zh).join('，')}` : version.zh,
        en: work.length > 0 ? `${version.en}: ${work.map((w) => w.en).join(', ')}` : version.en,
      }),
    });
    // Drawings that change need a revised technical order before QC (技术下单), on its clock from now.
    const revise = amendment.drawingsChange === true && s.facts.technicalOrderAt !== undefined;
    if (revise) {
      delete s.facts.technicalOrderAt;
      s.facts.technicalOrderRevisedFrom = at;
    }
    notify(s, at, {
      kind: 'notification',
      type: revise ? 'technical-order-revision' : 'change-confirmed',
      to: 'technical',
      ...saying(
        revise
          ? { zh: `${version.zh}：图纸有变，请重新下技术单`, en: `${version.en}: the drawings change, issue a revised technical order` }
          : version,
      ),
    });
    if (amendment.materialsChange) notify(s, at, { kind: 'notification', type: 'change-confirmed', to: 'purchasing', ...saying(version) });
  },
  'change-rejected': (s, event, at) => {
    const amendment = pendingAmendment(s)!;
    amendment.state = 'rejected';
    amendment.rejected = { at, by: event.actor, reason: event.data.reason };
    // Production worked on an assessed change: it hears that the order stays as it was.
    if (amendment.assessed)
      notify(s, at, {
        kind: 'notification',
        type: 'change-rejected',
        to: 'production',
        ...saying({
          zh: `第 ${amendment.version} 版变更已撤销（${event.data.reason}）：按现行明细生产`,
          en: `amendment v${amendment.version} dropped (${event.data.reason}): keep to the current lines`,
        }),
      });
  },
  'qc-passed': (s, _, at) => {
    s.facts.qcPassedAt = at;
  },
  'qc-failed': (s, event, at) => {
    s.facts.qcFailures++;
    notify(s, at, {
      kind: 'notification',
      type: 'rework',
      to: 'production',
      ...saying({ zh: `质检不合格，返工：${event.data.reason}`, en: `QC failed, rework: ${event.data.reason}` }),
    });
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
  'receiving-time-confirmed': (s, event, at) => {
    s.facts.receivingTime = { ...event.data, at };
    const when = receivingTimeOf(s);
    notify(s, at, {
      kind: 'notification',
      type: 'receiving-time',
      to: 'warehouse',
      ...saying({ zh: `客户收货时间：${when.zh}`, en: `the customer receives the goods ${when.en}` }),
    });
  },
  shipped: (s, event, at) => {
    s.facts.shippedAt = at;
    s.facts.expectedArrival = event.data.expectedArrival;
    const arrival = event.data.expectedArrival;
    notify(s, at, {
      kind: 'notification',
      type: 'shipping-notice',
      to: 'customer',
      ...saying({
        zh: `已由 ${event.data.carrier} 发货（${shippingModeLabels[shippingMode(s)].zh}），运单号 ${event.data.trackingRef}${arrival ? `，预计 ${arrival} 到货` : ''}`,
        en: `shipped by ${event.data.carrier} (${shippingMode(s)}), tracking ${event.data.trackingRef}${arrival ? `, arriving ${arrival}` : ''}`,
      }),
    });
  },
  'signed-for': (s, event, at) => {
    s.facts.signedForAt = at;
    outboundNoticeSigned(s, at, event.data.receiptRef); // distributor: the signed outbound notice
    if (event.data.satisfaction !== undefined) rated(s, event.actor, at, event.data.satisfaction, 'sign-off');
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
    if (s.complaintWorkflows) return void fileComplaint(s, at, event.actor, event.data.category, event.data.description);
    s.complaints.push({ number: s.complaints.length + 1, category: event.data.category, description: event.data.description, filedAt: at });
    notify(s, at, {
      kind: 'notification',
      type: 'complaint',
      to: 'service',
      ...saying({
        zh: `第 ${s.complaints.length} 号投诉（${choiceZh(event.data.category)}）：${event.data.description}`,
        en: `complaint ${s.complaints.length} (${event.data.category}): ${event.data.description}`,
      }),
    });
  },
  'complaint-resolved': (s, event, at) => {
    const complaint = s.complaints.find((c) => c.number === event.data.complaintNumber)!;
    complaint.resolvedAt = at;
    complaint.responsibleParty = event.data.responsibleParty;
    complaint.resolution = event.data.resolution;
    if (event.data.cause) complaint.cause = event.data.cause;
    compensate(s, event.actor, at, event.data.compensation, `complaint ${complaint.number}`);
  },
  cancelled: (s, event, at) => {
    s.facts.cancelledReason = event.data.reason;
    moveTo(s, at, 'cancelled');
  },
  'satisfaction-rated': (s, event, at) => {
    rated(s, event.actor, at, event.data.rating, 'callback');
  },
  'force-majeure-verified': (s, event, at) => {
    s.delays[event.data.delay - 1].forceMajeure = { at, by: event.actor, evidence: event.data.evidence };
  },
  // store channel
  ...storeHandlers,
  // distributor
  ...distributorHandlers,
  // group order channel (团订, 003)
  ...groupHandlers,
  // industrial contract channel (004)
  ...contractHandlers,
  // Two channels send a quote, each recording it in its own file: per drawing (distributor), for the contract.
  'quote-sent': (s, event, at) => (s.distributor ? distributorHandlers : contractHandlers)['quote-sent'](s, event, at),
  // Complaints as their own workflows: the money agreed for one stays on the order's ledger.
  'complaint-compensation-agreed': (s, event, at) => {
    const { complaintNumber, amount, reason } = event.data;
    compensate(s, event.actor, at, amount, `complaint ${complaintNumber}: ${reason}`);
    compensated(s, complaintNumber, amount);
  },
};

/** The customer's satisfaction, kept with who recorded it and when (the KPIs count it by that date). */
function rated(s: OrderState, by: OrderEvent['actor'], at: string, rating: number, source: SatisfactionRating['source']) {
  s.satisfaction = [...(s.satisfaction ?? []), { rating, at, source, by }];
}

// ---- change orders (需求变更) ------------------------------------------------------------------

/** New lines touch materials when a line's product, specification or non-standard work is not among the current lines'. */
function changesMaterials(current: readonly OrderLine[], next: readonly Omit<OrderLine, 'unitPrice'>[]): boolean {
  const key = (line: Omit<OrderLine, 'unitPrice'>) => JSON.stringify([line.productCode, line.specification ?? '', line.nonStandard ?? '']);
  const known = new Set(current.map(key));
  return next.some((line) => !known.has(key(line)));
}

function tellOfMaterials(s: OrderState, at: string, version: number, description: string) {
  for (const to of ['technical', 'purchasing'] as const)
    notify(s, at, {
      kind: 'notification',
      type: 'change-materials',
      to,
      ...saying({ zh: `第 ${version} 版变更涉及材料：${description}`, en: `amendment v${version} changes materials: ${description}` }),
    });
}

/** The price policy: finance approves an amount that moves by more than the threshold, or a quoted price. */
function needsPriceApproval(s: OrderState, amendment: Amendment): boolean {
  if (!amendment.newLines || amendment.newAmount === undefined) return false;
  // Orders that started before the setting take its defaults.
  const { priceApprovalAbove = 0, quotesNeedApproval = true } = s.policy.changes ?? {};
  return (
    Math.abs(amendment.newAmount - s.amount) > priceApprovalAbove ||
    (quotesNeedApproval && amendment.newLines.some((line) => line.priceBasis === 'quote'))
  );
}

/** What the amendment changes, as the customer is asked to confirm it. */
function terms(s: OrderState, amendment: Amendment): Sentence {
  const { newAmount, newPromisedDate } = amendment;
  return {
    zh: [
      newAmount !== undefined ? `金额 ${s.amount} → ${newAmount} fen` : '金额不变',
      newPromisedDate ? `交期 ${s.promisedDate ?? '无'} → ${newPromisedDate}` : '交期不变',
    ].join('，'),
    en: [
      newAmount !== undefined ? `amount ${s.amount} → ${newAmount} fen` : 'amount unchanged',
      newPromisedDate ? `promised date ${s.promisedDate ?? 'none'} → ${newPromisedDate}` : 'promised date unchanged',
    ].join(', '),
  };
}

function askTheCustomer(s: OrderState, at: string, amendment: Amendment) {
  amendment.state = 'awaiting-customer';
  const t = terms(s, amendment);
  notify(s, at, {
    kind: 'notification',
    type: 'change-terms',
    to: 'customer',
    ...saying({
      zh: `请确认第 ${amendment.version} 版变更（${amendment.description}）：${t.zh}`,
      en: `please confirm amendment v${amendment.version} (${amendment.description}): ${t.en}`,
    }),
  });
}

/** Version N+1 of the lines, the old versions kept; the timeline shows both with their amounts and dates. */
function newLinesVersion(s: OrderState, at: string, amendment: Amendment, lines: OrderLine[]) {
  const versions = lineVersionsOf(s);
  const previous = versions[versions.length - 1];
  const next = {
    version: previous.version + 1,
    lines,
    amount: orderAmount(lines),
    since: at,
    promisedDate: amendment.newPromisedDate ?? s.promisedDate ?? null,
    amendment: amendment.version,
  };
  s.lineVersions = [...versions.slice(0, -1), { ...previous, promisedDate: s.promisedDate ?? null }, next];
  amendment.linesVersion = next.version;
  record(s, at, {
    kind: 'lines-version',
    type: `lines-v${next.version}`,
    detail: `v${previous.version} ${previous.amount} fen, promised ${s.promisedDate ?? 'none'} → v${next.version} ${next.amount} fen, promised ${next.promisedDate ?? 'none'} (amendment v${amendment.version}: ${amendment.description})`,
  });
  s.amount = next.amount;
  s.depositDue = depositDue(s.order.deposit, s.amount);
}

/** An amendment requested before changes were assessed: its asker's amount and date, as such orders ran. */
function applyUnassessed(s: OrderState, at: string, amendment: Amendment) {
  if (amendment.newAmount !== undefined) {
    s.amount = amendment.newAmount;
    s.depositDue = depositDue(s.order.deposit, s.amount);
  }
  if (amendment.newPromisedDate) setPromisedDate(s, at, amendment.newPromisedDate, `amendment v${amendment.version}`);
}

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

/** The agreed receiving time, e.g. "on 2031-03-20, 09:00–12:00 (Ms Wu)". */
function receivingTimeOf(s: OrderState): Sentence {
  const t = s.facts.receivingTime!;
  const window = t.from || t.until ? `${t.from ?? ''}–${t.until ?? ''}` : '';
  return {
    zh: `${t.date}${window && ` ${window}`}${t.contact ? `（${t.contact}）` : ''}`,
    en: `on ${t.date}${window && `, ${window}`}${t.contact ? ` (${t.contact})` : ''}`,
  };
}
