import { condition, continueAsNew, workflowInfo } from '@temporalio/workflow';
import { patched } from '../patches';
import { counting, every, now, runClock } from '../clock';
import { durationMs } from '../domain/duration';
import { archive, type Fact } from '../domain/route';
import { warrantyEndsAt } from '../domain/ledger';
import { balanceDue, complaintsInProgress, isSettled, type OrderState } from '../domain/state';
import type { OrderWorkflowInput } from '../messages';
import { balanceNotReceived, CONTINUE_AS_NEW_IN_RUNTIME, remind } from './notices';

/**
 * 售后: complaints are taken until the warranty ends, each called back until resolved (orders started since: by its own workflow); the order
 * is archived once the warranty has ended (contracts: the policy's time after it) and everything is
 * paid or written off. An order with a ledger is chased for its receivables by their own side line
 * meanwhile (stages/receivables.ts); one without is reminded of its balance after the warranty.
 */
export async function afterSales(s: OrderState) {
  const warrantyEnds = warrantyEndsAt(s)! + (s.ledger ? durationMs(s.policy.payments.archiveAfterWarranty) : 0);
  const anyComplaint = () => complaintsInProgress(s).length > 0;
  for (;;) {
    await continueAsNewIfDue(s);
    const complaint = complaintsInProgress(s)[0];
    if (complaint && s.complaintWorkflows) {
      // Its own workflow calls the customer back (workflows/complaint.ts); the order waits for it.
      await condition(() => !anyComplaint());
    } else if (complaint) {
      const { every: interval, to, dayKind } = s.policy.clocks.complaintCallback;
      await runClock(
        s,
        'complaint-callback',
        () => complaint.resolvedAt !== undefined,
        every(counting(s, dayKind), Date.parse(complaint.filedAt), interval, `remind ${to.join(', ')}`, (n) =>
          remind(s, 'complaint-callback', to, {
            zh: `请就第 ${complaint.number} 号投诉回访客户（第 ${n} 天）`,
            en: `call the customer back on complaint ${complaint.number} (day ${n})`,
          }),
        ),
      );
    } else if (Date.now() < warrantyEnds) {
      await runClock(s, 'after-sales-period', anyComplaint, (firings) =>
        firings === 0 ? { dueAt: warrantyEnds, action: 'archive when the warranty ends', fire: () => undefined } : undefined,
      );
    } else if (s.ledger) {
      if (isSettled(s)) {
        archive(s, now());
        return;
      }
      await condition(() => isSettled(s) || anyComplaint());
    } else if (balanceDue(s) > 0) {
      // Receivables: dunning until the balance is paid (回款).
      const { every: interval, to, dayKind } = s.policy.clocks.balanceReminder;
      await runClock(
        s,
        'balance-reminder',
        () => balanceDue(s) === 0 || anyComplaint(),
        every(counting(s, dayKind), Date.now(), interval, `remind ${to.join(', ')}`, (n) =>
          remind(s, 'balance-reminder', to, balanceNotReceived(balanceDue(s), n)),
        ),
      );
    } else {
      archive(s, now());
      return;
    }
  }
}
/** The warranty runs from the customer's signature. */
afterSales.needs = ['signedForAt'] satisfies Fact[];

/** How orders that started before CONTINUE_AS_NEW_IN_RUNTIME continue as new, kept for their replay. */
async function continueAsNewIfDue(s: OrderState) {
  if (patched(CONTINUE_AS_NEW_IN_RUNTIME)) return;
  const info = workflowInfo();
  const limit = s.policy.rules.continueAsNewAfterEvents;
  if (info.continueAsNewSuggested || (limit !== undefined && info.historyLength >= limit)) {
    await continueAsNew<(input: OrderWorkflowInput) => Promise<unknown>>({ resume: s });
  }
}
