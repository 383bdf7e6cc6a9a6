import { counting, every, runClock } from '../clock';
import { instalmentLabels } from '../domain/labels';
import type { InstalmentName } from '../domain/order';
import { depositOutstanding, type OrderState } from '../domain/state';
import { remind } from './notices';

/** 定金: the contract takes effect when finance confirms the deposit has arrived; sales is reminded until then. */
export async function deposit(s: OrderState) {
  await depositReminders(s, 'deposit', () => depositOutstanding(s));
}

/** Reminds sales (the policy's deposit reminder) until nothing of the named deposit is outstanding. */
export async function depositReminders(s: OrderState, instalment: InstalmentName, outstanding: () => number) {
  const what = instalmentLabels[instalment];
  const { every: interval, to, dayKind } = s.policy.clocks.depositReminder;
  await runClock(
    s,
    'deposit-reminder',
    () => outstanding() === 0,
    every(counting(s, dayKind), Date.now(), interval, `remind ${to.join(', ')}`, (n) =>
      remind(s, 'deposit-reminder', to, {
        zh: `${what.zh}尚欠 ${outstanding()} fen（第 ${n} 次提醒）`,
        en: `${what.en} of ${outstanding()} fen still outstanding (reminder ${n})`,
      }),
    ),
  );
}
