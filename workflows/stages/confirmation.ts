import { condition } from '@temporalio/workflow';
import { now, runClock } from '../clock';
import { addCalendarDays, dateAt, startOfDate } from '../domain/calendar';
import { deferForLateReturn, moveTo, type OrderState } from '../domain/state';
import { remind, tell } from './notices';

/** Production estimates the finished date (交期), which becomes the promised date. */
export async function deliveryEstimate(s: OrderState) {
  moveTo(s, now(), 'delivery-estimate');
  tell(s, 'estimate-needed', 'production', 'estimate the finished date');
  await condition(() => s.promisedDate !== undefined);
}

/**
 * 回传: the confirmation goes out and the customer returns it signed and stamped. If it has not
 * come back by the end of the sending day, the promised date moves back a day, and again at the
 * end of every further day without it (002 §9); a return with errors is rejected and awaited again.
 */
export async function confirmationAndReturn(s: OrderState) {
  moveTo(s, now(), 'confirmation');
  await condition(() => s.facts.confirmationSentAt !== undefined);
  moveTo(s, now(), 'confirmation-return');
  const { timeZone } = s.policy.calendar;
  const sendingDay = dateAt(Date.parse(s.facts.confirmationSentAt!), timeZone);
  const returned = () => s.facts.signedReturnAt !== undefined;
  await runClock(s, 'return-deferral', returned, (firings) => {
    const endedDay = addCalendarDays(sendingDay, firings);
    return {
      dueAt: startOfDate(addCalendarDays(endedDay, 1), timeZone),
      action: 'move the promised date back and remind sales',
      fire: () => {
        deferForLateReturn(s, now(), endedDay);
        remind(s, 'return-deferral', s.policy.clocks.returnDeferral.remind, `signed confirmation not returned by the end of ${endedDay}; promised date now ${s.promisedDate}`);
      },
    };
  });
}
