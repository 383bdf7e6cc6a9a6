import { now, runClock } from '../clock';
import { addCalendarDays, dateAt, startOfDate } from '../domain/calendar';
import type { Fact } from '../domain/route';
import { deferForLateReturn, type OrderState } from '../domain/state';
import { remind, tell } from './notices';

/** Production estimates the finished date (交期), which becomes the promised date. */
export async function deliveryEstimate(s: OrderState) {
  tell(s, 'estimate-needed', 'production', { zh: '请预估完工日期', en: 'estimate the finished date' });
}

/**
 * 回传: if the signed and stamped confirmation has not come back by the end of the sending day,
 * the promised date moves back a day, and again at the end of every further day without it
 * (002 §9). A return with errors is rejected and awaited again, the clock still running.
 */
export async function confirmationReturn(s: OrderState) {
  const { timeZone } = s.policy.calendar;
  const sendingDay = dateAt(Date.parse(s.facts.confirmationSentAt!), timeZone);
  await runClock(
    s,
    'return-deferral',
    () => s.facts.signedReturnAt !== undefined,
    (firings) => {
      const endedDay = addCalendarDays(sendingDay, firings);
      return {
        dueAt: startOfDate(addCalendarDays(endedDay, 1), timeZone),
        action: 'move the promised date back and remind sales',
        fire: () => {
          deferForLateReturn(s, now(), endedDay);
          remind(s, 'return-deferral', s.policy.clocks.returnDeferral.remind, {
            zh: `${endedDay} 当天结束时签字确认书仍未回传；交期顺延至 ${s.promisedDate}`,
            en: `signed confirmation not returned by the end of ${endedDay}; promised date now ${s.promisedDate}`,
          });
        },
      };
    },
  );
}
/** The deferral counts company days from the day the confirmation was sent. */
confirmationReturn.needs = ['confirmationSentAt'] satisfies Fact[];
