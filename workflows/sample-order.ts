import type { OrderSnapshot } from './domain/snapshot';
import type { OrderWorkflowInput } from './messages';
import { runOrder, type ChannelWork } from './order-runtime';
import { intake } from './stages/intake';
import type { OrderState } from './domain/state';
import { tell } from './stages/notices';

/** The warehouse sends the sample once the order desk has confirmed it. */
async function sampleDispatch(s: OrderState) {
  tell(s, 'ship', 'warehouse', { zh: '请快递寄出样品', en: 'send the sample by express' });
}

/**
 * A product sample for a prospect (route in domain/route.ts): the first confirmation's 2-hour
 * clock, then the warehouse sends it; no price, production or after-sales.
 */
export const sampleWork: ChannelWork = {
  stages: { 'sample-request': intake, 'sample-dispatch': sampleDispatch },
  sideLines: [],
};

export async function sampleOrder(input: OrderWorkflowInput): Promise<OrderSnapshot> {
  return runOrder(input, sampleWork);
}
