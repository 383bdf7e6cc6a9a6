import { condition, proxyActivities, proxyLocalActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import type { OrderSnapshot } from '../../workflows/domain/snapshot';
import { submitEvent } from '../../workflows/messages';
import type { OrderProjection } from '../../workflows/read-model';

// The benchmark's baseline: an order of the same shape with no business in it. It takes the same
// `submitEvent` updates, sends one notice through the same outbox activity and writes one read-model
// projection through the same local activity per event (the order writes one per burst of events),
// so what `npm run bench` compares is the cost of OrderFlow's own workflow code, not Temporal's.

type Activities = ReturnType<typeof createActivities>;
const { deliverNotice } = proxyActivities<Activities>({ startToCloseTimeout: '1 minute' });
const { projectOrder } = proxyLocalActivities<Activities>({ startToCloseTimeout: '30 seconds' });

export async function noopOrder({ events }: { events: number }): Promise<void> {
  const { workflowId, startTime } = workflowInfo();
  let received = 0;
  setHandler(submitEvent, () => {
    received++;
    return {} as OrderSnapshot;
  });
  for (let sent = 1; sent <= events; sent++) {
    await condition(() => received >= sent);
    const at = new Date().toISOString();
    await projectOrder({
      order: row(workflowId, startTime.toISOString(), sent),
      firstEntry: sent - 1,
      entries: [{ at, kind: 'event', type: 'noop', actor: { id: 'bench', role: 'order-desk' }, detail: 'event received' }],
    });
    await deliverNotice({
      key: `${workflowId}/${sent}`,
      orderNumber: workflowId,
      at,
      notice: { seq: sent, kind: 'notification', type: 'noop', to: 'order-desk', detail: 'event received' },
    });
  }
}

/** A row the size of an order's projection, its values fixed: the baseline computes nothing. */
function row(orderNumber: string, receivedAt: string, revision: number): OrderProjection {
  return {
    revision,
    orderNumber,
    channel: 'standard',
    status: 'in-production',
    stage: 'production',
    customer: { id: 'C-BENCH', name: 'Bench customer', class: 'A' },
    salesRep: { id: 'rep-bench', name: 'Bench rep' },
    receivedAt,
    promisedDate: '2027-03-01',
    originalPromisedDate: '2027-03-01',
    amount: 100_000,
    depositDue: 0,
    received: 0,
    balanceDue: 100_000,
    refundDue: 0,
    openClocks: [],
    complaints: [],
    finishedAt: null,
    daysLate: null,
    nextEvents: ['qc-passed'],
    owedBy: ['qc'],
    stageSince: receivedAt,
    firstConfirmationOnTime: true,
    progressOnTime: null,
    delaysReported: 0,
    delaysToldOnTime: 0,
  };
}
