import { addCalendarDays, addWorkingDays, dateAt } from './calendar';
import { durationMs } from './duration';
import type { Actor, DepositTerms, Fen, Instalment, InstalmentName, IsoDate, OrderInput } from './order';
import type { Policy } from './policy';
import type { OrderState } from './state';

// The order's money, as a ledger (应收/实收台账): the payment plan's instalments, every movement of
// money (payments, compensation, refunds, write-offs) with who recorded it and its reference, and the
// invoices. Everything else is derived: what each instalment is, when it falls due, what paid it, and
// the totals, which always balance:
//   contract − written off = received − refunded + balance − refund due
// where the contract is the current amount less compensation (after a cancellation: what finance keeps).

export interface Ledger {
  plan: Instalment[];
  movements: Movement[];
  invoices: Invoice[];
  /** After a cancellation: what finance keeps of the money received for work done, and why. */
  kept?: { amount: Fen; reason: string };
}

export type MovementKind = 'payment' | 'compensation' | 'refund' | 'write-off' | 'costs-kept';

export interface Movement {
  at: string;
  kind: MovementKind;
  amount: Fen;
  actor: Actor;
  /** The payment, invoice or approval reference, or the reason where there is none. */
  ref: string;
  detail: string;
}

export interface Invoice {
  number: string;
  amount: Fen;
  date: IsoDate;
  issuedAt: string;
  by: Actor;
  voided?: { at: string; reason: string; by: Actor };
}

export type InstalmentStatus = 'not-due' | 'due' | 'overdue' | 'paid' | 'written-off' | 'cancelled';

export interface InstalmentView {
  name: InstalmentName;
  amount: Fen;
  due: Instalment['due'];
  /** The company date it falls due, once the stage or event it waits for has come. */
  dueDate: IsoDate | null;
  paid: Fen;
  writtenOff: Fen;
  status: InstalmentStatus;
  daysOverdue: number;
}

export interface LedgerTotals {
  /** The current lines total, after confirmed amendments. */
  amount: Fen;
  compensation: Fen;
  /** What the customer owes under the contract: amount − compensation; after a cancellation, what finance keeps. */
  contract: Fen;
  invoiced: Fen;
  received: Fen;
  refunded: Fen;
  writtenOff: Fen;
  balance: Fen;
  refundDue: Fen;
}

/** The plan an order starts with: its own, or its deposit (before production) and the policy's plan for its class. */
export function planFor(order: Pick<OrderInput, 'deposit' | 'paymentPlan' | 'customer'>, policy: Policy): Instalment[] {
  if (order.paymentPlan) return order.paymentPlan;
  return [...depositInstalment(order.deposit), ...policy.payments.plans[order.customer.class]];
}

function depositInstalment(terms: DepositTerms): Instalment[] {
  const due = { before: 'production' } as const;
  switch (terms.kind) {
    case 'none':
      return [];
    case 'amount':
      return [{ name: 'deposit', amount: terms.amount, due }];
    case 'rate':
      return [{ name: 'deposit', basisPoints: terms.basisPoints, due }];
  }
}

export const emptyLedger = (plan: Instalment[]): Ledger => ({ plan, movements: [], invoices: [] });

/** A share of an amount in basis points, rounded up to the fen, exact for any amount under the ceiling. */
export function rateOf(amount: Fen, basisPoints: number): Fen {
  const whole = Math.floor(amount / 10_000);
  return whole * basisPoints + Math.ceil(((amount - whole * 10_000) * basisPoints) / 10_000);
}

const sumOf = (l: Ledger, kind: MovementKind) => l.movements.filter((m) => m.kind === kind).reduce((sum, m) => sum + m.amount, 0);

export function totalsOf(s: OrderState, l: Ledger): LedgerTotals {
  const compensation = sumOf(l, 'compensation');
  const received = sumOf(l, 'payment');
  const refunded = sumOf(l, 'refund');
  const writtenOff = sumOf(l, 'write-off');
  const contract = s.stage === 'cancelled' ? (l.kept?.amount ?? 0) : s.amount - compensation;
  const owed = contract - writtenOff;
  const net = received - refunded;
  return {
    amount: s.amount,
    compensation,
    contract,
    invoiced: l.invoices.filter((i) => !i.voided).reduce((sum, i) => sum + i.amount, 0),
    received,
    refunded,
    writtenOff,
    balance: Math.max(0, owed - net),
    refundDue: Math.max(0, net - owed),
  };
}

/**
 * Each instalment's amount: its share of the contract (amount − compensation), in plan order, never
 * more than is left; the rest instalment, or else the last, takes what the others leave, so they
 * always add up to the contract however amendments and compensation moved it.
 */
export function instalmentAmounts(plan: readonly Instalment[], contract: Fen): Fen[] {
  let left = Math.max(0, contract);
  const amounts = plan.map((i) => {
    if (i.rest) return 0;
    const share = Math.min(i.amount ?? rateOf(Math.max(0, contract), i.basisPoints ?? 0), left);
    left -= share;
    return share;
  });
  const rest = plan.findIndex((i) => i.rest);
  amounts[rest >= 0 ? rest : plan.length - 1] += left;
  return amounts;
}

/**
 * When the warranty ends (epoch ms): the after-sales period from the customer's signature, or, for windows
 * installed on site without one (store channel), from the customer's acceptance (验收).
 */
export function warrantyEndsAt(s: OrderState): number | undefined {
  const from = s.facts.signedForAt ?? s.facts.acceptedAt;
  return from === undefined ? undefined : Date.parse(from) + durationMs(s.policy.rules.afterSalesPeriod);
}

/** The company date an instalment falls due, once what it waits for has happened. */
export function dueDateOf(s: OrderState, due: Instalment['due']): IsoDate | undefined {
  const { timeZone } = s.policy.calendar;
  const day = (at: string | number | undefined) =>
    at === undefined ? undefined : dateAt(typeof at === 'number' ? at : Date.parse(at), timeZone);
  // Before production: due from the signed confirmation's return (a group order: from finance's stamp on the contract).
  if ('before' in due)
    return day(due.before === 'production' ? (s.facts.signedReturnAt ?? s.group?.contract.stampedAt) : s.facts.stockedAt);
  const from = day(dueFrom(s, due.after));
  if (from === undefined) return undefined;
  return due.workingDays ? addWorkingDays(from, due.days, s.policy.calendar) : addCalendarDays(from, due.days);
}

/** When the business event an instalment falls due after happened (undefined before). */
function dueFrom(s: OrderState, after: DueAfter): string | number | undefined {
  switch (after) {
    case 'signed-confirmation':
      return s.facts.signedReturnAt;
    case 'shipping':
      return s.facts.shippedAt;
    case 'sign-off':
      return s.facts.signedForAt;
    case 'acceptance':
      return s.facts.acceptedAt;
    case 'warranty-end':
      return warrantyEndsAt(s);
  }
}
type DueAfter = Extract<Instalment['due'], { after: unknown }>['after'];

const DAY = 24 * 3600 * 1000;
const daysBetween = (from: IsoDate, to: IsoDate) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/**
 * The instalments with what paid them: money received (less refunds) goes to the oldest due first
 * (instalments not yet dated after the dated ones, in plan order), then write-offs the same way.
 * Their status is as of `asOf` (epoch ms) in the company's calendar.
 */
export function instalmentsOf(s: OrderState, l: Ledger, asOf: number): InstalmentView[] {
  const totals = totalsOf(s, l);
  const amounts = instalmentAmounts(l.plan, s.amount - totals.compensation);
  const views = l.plan.map((i, index) => ({ i, index, amount: amounts[index], dueDate: dueDateOf(s, i.due) }));
  const order = [...views].sort((a, b) => (a.dueDate ?? '9999-12-31').localeCompare(b.dueDate ?? '9999-12-31') || a.index - b.index);
  let paying = Math.max(0, totals.received - totals.refunded);
  let writing = totals.writtenOff;
  const paid = new Map<number, Fen>();
  const writtenOff = new Map<number, Fen>();
  for (const view of order) {
    const byPayment = Math.min(paying, view.amount);
    paying -= byPayment;
    const byWriteOff = Math.min(writing, view.amount - byPayment);
    writing -= byWriteOff;
    paid.set(view.index, byPayment);
    writtenOff.set(view.index, byWriteOff);
  }
  const today = dateAt(asOf, s.policy.calendar.timeZone);
  return views.map(({ i, index, amount, dueDate }) => {
    const covered = paid.get(index)! + writtenOff.get(index)!;
    const overdue = dueDate !== undefined && covered < amount ? daysBetween(dueDate, today) : 0;
    const status: InstalmentStatus =
      covered >= amount
        ? writtenOff.get(index)! > 0
          ? 'written-off'
          : 'paid'
        : s.stage === 'cancelled'
          ? 'cancelled'
          : dueDate === undefined || overdue < 0
            ? 'not-due'
            : overdue === 0
              ? 'due'
              : 'overdue';
    return {
      name: i.name,
      amount,
      due: i.due,
      dueDate: dueDate ?? null,
      paid: paid.get(index)!,
      writtenOff: writtenOff.get(index)!,
      status,
      daysOverdue: status === 'overdue' ? overdue : 0,
    };
  });
}

/** What is still unpaid of the instalments that gate these stages (whatever the date). */
export function outstandingBefore(s: OrderState, l: Ledger, gates: readonly ('production' | 'shipping')[]): Fen {
  return instalmentsOf(s, l, 0)
    .filter((i) => 'before' in i.due && gates.includes(i.due.before))
    .reduce((sum, i) => sum + i.amount - i.paid - i.writtenOff, 0);
}

/** The gated instalments' total: what must be paid before production. */
export function requiredBefore(s: OrderState, l: Ledger, gate: 'production' | 'shipping'): Fen {
  return instalmentsOf(s, l, 0)
    .filter((i) => 'before' in i.due && i.due.before === gate)
    .reduce((sum, i) => sum + i.amount, 0);
}

/** Nothing is owed either way. */
export function settled(s: OrderState, l: Ledger): boolean {
  const { balance, refundDue } = totalsOf(s, l);
  return balance === 0 && refundDue === 0;
}

/**
 * The instalment to chase now: the oldest dated one falling due after a business event that is not
 * yet paid (instalments gating a stage are chased by that stage's own reminders). Its plan index.
 */
export function nextToChase(s: OrderState, l: Ledger): number | undefined {
  // Looked at on every pass until there is one: most of an order's life no such event has happened yet.
  if (!l.plan.some((i) => 'after' in i.due && dueFrom(s, i.due.after) !== undefined)) return undefined;
  const open = instalmentsOf(s, l, 0)
    .map((view, index) => ({ view, index }))
    .filter(({ view }) => 'after' in view.due && view.dueDate !== null && view.paid + view.writtenOff < view.amount)
    .sort((a, b) => a.view.dueDate!.localeCompare(b.view.dueDate!) || a.index - b.index);
  return open[0]?.index;
}

/** Records a movement on the ledger and, in words, on the timeline. */
export function move(s: OrderState, l: Ledger, at: string, movement: Omit<Movement, 'at'>) {
  l.movements.push({ at, ...movement });
  const { balance, refundDue } = totalsOf(s, l);
  s.timeline.push({
    at,
    kind: 'money',
    type: movement.kind,
    actor: movement.actor,
    detail: `${movement.detail}: ${movement.amount} fen (${movement.ref}); balance ${balance} fen${refundDue > 0 ? `, refund due ${refundDue} fen` : ''}`,
  });
}
