import type { DepositTerms, Fen, OrderLine } from './order';

// Money rules the workflow uses; zod-free, so the workflow bundle carries no schema library.

export function orderAmount(lines: readonly OrderLine[]): Fen {
  return lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
}

export function depositDue(terms: DepositTerms, amount: Fen): Fen {
  switch (terms.kind) {
    case 'none':
      return 0;
    case 'amount':
      return Math.min(terms.amount, amount);
    case 'rate':
      // Round up: a deposit short by a fraction of a fen is still short.
      return Math.ceil((amount * terms.basisPoints) / 10_000);
  }
}

// One formatter for every call: `toLocaleString` with options constructs an Intl.NumberFormat each time,
// which cost the order workflow more CPU than anything else of its own (the Temporal UI's details show two amounts).
const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** ¥1,234.56 from 123456 fen: money as people read it (the reports, the robots, the Temporal UI). */
export const yuan = (fen: Fen) => `${fen < 0 ? '-' : ''}¥${twoDecimals.format(Math.abs(fen) / 100)}`;
