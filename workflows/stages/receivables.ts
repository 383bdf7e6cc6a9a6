import { condition } from '@temporalio/workflow';
import { counting, every, runClock, type ClockSchedule } from '../clock';
import { startOfDate } from '../domain/calendar';
import { durationMs } from '../domain/duration';
import { instalmentLabels } from '../domain/labels';
import { instalmentsOf, nextToChase, totalsOf } from '../domain/ledger';
import type { Role } from '../domain/order';
import { isSettled, refundDue, type ClockName, type OrderState, type Sentence } from '../domain/state';
import { escalate, remind } from './notices';

// 应收账款: the money side lines of an order with a ledger. Instalments that fall due after a business
// event (sign-off, acceptance, the warranty's end) are chased up the policy's dunning ladder until
// paid; finance is reminded of a missing invoice; a cancelled order's refund is chased until paid.
// Instalments that gate a stage are chased by that stage (deposit, release).

/** Chases each instalment due after a business event, oldest first, from its due date until it is paid or written off. */
export async function receivables(s: OrderState) {
  const ledger = s.ledger;
  if (!ledger) return;
  for (;;) {
    await condition(() => instalmentToChase(s));
    const index = nextToChase(s, ledger)!;
    const view = () => instalmentsOf(s, ledger, Date.now())[index];
    const dueAt = startOfDate(view().dueDate!, s.policy.calendar.timeZone);
    const { steps, repeatEvery } = s.policy.payments.dunning;
    await runClock(
      s,
      'dunning',
      () => {
        const { paid, writtenOff, amount } = view();
        return paid + writtenOff >= amount;
      },
      fromNow(
        Date.now(),
        (n) => dueAt + durationMs(steps[Math.min(n, steps.length - 1)].after) + Math.max(0, n - steps.length + 1) * durationMs(repeatEvery),
        (n) => steps[Math.min(n, steps.length - 1)].to,
        (to) => {
          const { name, amount, paid, dueDate, daysOverdue } = view();
          const { zh, en } = instalmentLabels[name];
          const overdue = daysOverdue > 0;
          chase(s, 'dunning', to, {
            zh: `${zh} ${amount} fen 应于 ${dueDate} 付清：尚欠 ${amount - paid} fen${overdue ? `，已逾期 ${daysOverdue} 天` : ''}`,
            en: `${en} instalment of ${amount} fen due ${dueDate}: ${amount - paid} fen unpaid${overdue ? `, ${daysOverdue} day(s) overdue` : ''}`,
          });
        },
        true,
      ),
    );
  }
}

/** 开票挂账: once the invoice is due (with the policy's event), finance is reminded until the contract amount is invoiced. */
export async function invoiceDue(s: OrderState) {
  const ledger = s.ledger;
  if (!ledger) return;
  const { dueWith, remind: steps } = s.policy.payments.invoice;
  if (dueWith === null || steps.length === 0) return;
  await condition(() => invoiceDueFrom(s) !== undefined);
  const from = Date.parse(invoiceDueFrom(s)!);
  const invoiced = () => {
    const totals = totalsOf(s, ledger);
    return totals.invoiced >= totals.contract;
  };
  await runClock(
    s,
    'invoice-due',
    invoiced,
    fromNow(
      Date.now(),
      (n) => (n < steps.length ? from + durationMs(steps[n].after) : Infinity),
      (n) => steps[n].to,
      (to) => {
        const { invoiced: done, contract } = totalsOf(s, ledger);
        chase(s, 'invoice-due', to, {
          zh: `${invoiceDueWith[dueWith]}后应开票：合同 ${contract} fen，已开 ${done} fen`,
          en: `invoice due with the ${dueWith}: ${done} of ${contract} fen invoiced`,
        });
      },
      false,
    ),
  );
}

const instalmentToChase = (s: OrderState) => s.ledger !== undefined && nextToChase(s, s.ledger) !== undefined;
receivables.wakesWhen = instalmentToChase;

/** When the invoice fell due, with the event the policy names (undefined before, or without a ledger). */
function invoiceDueFrom(s: OrderState): string | undefined {
  const { dueWith } = s.policy.payments.invoice;
  if (!s.ledger || dueWith === null) return undefined;
  return { 'signed-confirmation': s.facts.signedReturnAt, shipping: s.facts.shippedAt, 'sign-off': s.facts.signedForAt }[dueWith];
}
invoiceDue.wakesWhen = (s: OrderState) => invoiceDueFrom(s) !== undefined;

/** A cancelled order that received money: finance is reminded daily until the refund is paid and nothing is owed. */
export async function refundAfterCancellation(s: OrderState) {
  const { every: interval, to, dayKind } = s.policy.payments.refundReminder;
  await runClock(
    s,
    'refund-reminder',
    () => isSettled(s),
    every(counting(s, dayKind), Date.now(), interval, `remind ${to.join(', ')}`, (n) =>
      remind(s, 'refund-reminder', to, {
        zh: `订单已取消：应退客户 ${refundDue(s)} fen（第 ${n} 次提醒）`,
        en: `order cancelled: refund of ${refundDue(s)} fen due to the customer (reminder ${n})`,
      }),
    ),
  );
  await condition(() => isSettled(s));
}

/** A reminder to each role, an escalation to a supervisor. */
function chase(s: OrderState, clock: ClockName, to: readonly Role[], said: Sentence) {
  for (const role of to) {
    if (role === 'supervisor') escalate(s, clock, role, said);
    else remind(s, clock, [role], said);
  }
}

/** What an invoice falls due with (the policy's `payments.invoice.dueWith`), in Chinese. */
const invoiceDueWith = { 'signed-confirmation': '确认书回签', shipping: '发货', 'sign-off': '客户签收' } as const;

/**
 * A ladder of steps at `dueAt(n)` to `to(n)` (Infinity: no more), from the moment the clock starts:
 * steps already past then are not fired one after another. With `catchUp`, the latest of them fires
 * at once (a receivable found 40 days overdue goes straight to the step for 40 days); without, only
 * the steps still to come fire (a ladder that ran its course before the order continued as new).
 */
function fromNow(
  startedAt: number,
  dueAt: (n: number) => number,
  to: (n: number) => readonly Role[],
  fire: (to: readonly Role[]) => void,
  catchUp: boolean,
): ClockSchedule {
  let first = 0;
  while (catchUp ? dueAt(first + 1) <= startedAt : dueAt(first) < startedAt) first++;
  return (firings) => {
    const n = first + firings;
    const at = dueAt(n);
    if (!Number.isFinite(at)) return undefined;
    const roles = to(n);
    return { dueAt: Math.max(at, startedAt), action: `remind ${roles.join(', ')}`, fire: () => fire(roles) };
  };
}
