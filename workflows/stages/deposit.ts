import { counting, every, runClock } from '../clock';
import { depositOutstanding, type OrderState } from '../domain/state';
import { remind } from './notices';

/** 定金: the contract takes effect when finance confirms the deposit has arrived; sales is reminded until then. */
export async function deposit(s: OrderState) {
  const { every: interval, to, dayKind } = s.policy.clocks.depositReminder;
  await runClock(
    s,
    'deposit-reminder',
    () => depositOutstanding(s) === 0,
    every(counting(s, dayKind), Date.now(), interval, `remind ${to.join(', ')}`, (n) =>
      remind(s, 'deposit-reminder', to, `deposit of ${depositOutstanding(s)} fen still outstanding (reminder ${n})`),
    ),
  );
}
