import { condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import type { OrderSnapshot } from '../../workflows/domain/snapshot';
import { submitEvent } from '../../workflows/messages';

// The benchmark's baseline: an order of the same shape with no business in it. It takes the same
// `submitEvent` updates and sends one notice through the same outbox activity per event, so what
// `npm run bench` compares is the cost of OrderFlow's own workflow code, not Temporal's.

const { deliverNotice } = proxyActivities<ReturnType<typeof createActivities>>({ startToCloseTimeout: '1 minute' });

export async function noopOrder({ events }: { events: number }): Promise<void> {
  const { workflowId } = workflowInfo();
  let received = 0;
  setHandler(submitEvent, () => {
    received++;
    return {} as OrderSnapshot;
  });
  for (let sent = 1; sent <= events; sent++) {
    await condition(() => received >= sent);
    await deliverNotice({
      key: `${workflowId}/${sent}`,
      orderNumber: workflowId,
      at: new Date().toISOString(),
      notice: { seq: sent, kind: 'notification', type: 'noop', to: 'order-desk', detail: 'event received' },
    });
  }
}
