import type { InstalmentView, LedgerTotals } from './ledger';
import type { Fen, IsoDate } from './order';
import type { LedgerSnapshot, OrderSnapshot } from './snapshot';

// The order's money as the documents the console and printouts show: the statement of account
// (对账单) and the balance-due notice (余款催收告知书). Data only, built from the snapshot.

export interface StatementLine {
  at: string;
  description: string;
  /** What the line adds to what the customer owes. */
  charge: Fen;
  /** What the line takes off it. */
  credit: Fen;
  /** What the customer owes after the line; negative when the company owes the customer. */
  balance: number;
  ref: string | null;
  by: string | null;
}

export interface Statement {
  orderNumber: string;
  customer: OrderSnapshot['customer'];
  /** The company day of the statement. */
  date: IsoDate;
  lines: StatementLine[];
  totals: LedgerTotals;
  instalments: InstalmentView[];
  /** The last line's balance: `totals.balance − totals.refundDue`. */
  closingBalance: number;
}

/** The statement of account: the contract, then every movement of money in order, with the running balance. */
export function statementOf(snapshot: OrderSnapshot & { ledger: LedgerSnapshot }): Statement {
  const { ledger } = snapshot;
  let balance = 0;
  const line = (at: string, description: string, charge: Fen, credit: Fen, ref: string | null, by: string | null): StatementLine => {
    balance += charge - credit;
    return { at, description, charge, credit, balance, ref, by };
  };
  const lines = [line(snapshot.receivedAt, 'contract amount (order lines)', ledger.totals.amount, 0, snapshot.orderNumber, null)];
  for (const m of ledger.movements) {
    if (m.kind === 'costs-kept') continue; // shown with the cancellation below
    const charge = m.kind === 'refund' ? m.amount : 0;
    lines.push(line(m.at, m.detail, charge, m.amount - charge, m.ref, m.actor.id));
  }
  // A cancellation leaves owed only what finance keeps for work done.
  const released = ledger.totals.amount - ledger.totals.compensation - ledger.totals.contract;
  if (released !== 0) {
    const kept = ledger.kept ? `, ${ledger.kept.amount} fen kept: ${ledger.kept.reason}` : '';
    lines.push(
      line(
        ledger.movements.at(-1)?.at ?? snapshot.receivedAt,
        `order cancelled${kept}`,
        Math.max(0, -released),
        Math.max(0, released),
        null,
        null,
      ),
    );
  }
  return {
    orderNumber: snapshot.orderNumber,
    customer: snapshot.customer,
    date: ledger.today,
    lines,
    totals: ledger.totals,
    instalments: ledger.instalments,
    closingBalance: balance,
  };
}

export interface BalanceDueNotice {
  orderNumber: string;
  customer: OrderSnapshot['customer'];
  salesRep: OrderSnapshot['salesRep'];
  /** The company date of the notice. */
  date: IsoDate;
  contractAmount: Fen;
  /** Each compensation agreed, deducted from what is owed. */
  compensation: { at: string; amount: Fen; for: string }[];
  received: Fen;
  refunded: Fen;
  writtenOff: Fen;
  balanceDue: Fen;
  /** The instalments not yet paid, oldest due first (undated last). */
  outstanding: (InstalmentView & { unpaid: Fen })[];
  /** The earliest due date among them, or null when none is dated yet. */
  payBy: IsoDate | null;
}

/** 余款催收告知书: what the customer still owes, after compensation, and by when. */
export function balanceDueNoticeOf(snapshot: OrderSnapshot & { ledger: LedgerSnapshot }): BalanceDueNotice {
  const { ledger } = snapshot;
  const outstanding = ledger.instalments
    .map((i) => ({ ...i, unpaid: i.amount - i.paid - i.writtenOff }))
    .filter((i) => i.unpaid > 0 && i.status !== 'cancelled')
    .sort((a, b) => (a.dueDate ?? '9999-12-31').localeCompare(b.dueDate ?? '9999-12-31'));
  return {
    orderNumber: snapshot.orderNumber,
    customer: snapshot.customer,
    salesRep: snapshot.salesRep,
    date: ledger.today,
    contractAmount: ledger.totals.amount,
    compensation: ledger.movements.filter((m) => m.kind === 'compensation').map((m) => ({ at: m.at, amount: m.amount, for: m.ref })),
    received: ledger.totals.received,
    refunded: ledger.totals.refunded,
    writtenOff: ledger.totals.writtenOff,
    balanceDue: ledger.totals.balance,
    outstanding,
    payBy: outstanding.find((i) => i.dueDate !== null)?.dueDate ?? null,
  };
}
