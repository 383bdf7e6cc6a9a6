import type { Client } from '@temporalio/client';
import { OrderNumber } from '../../workflows/domain/order';
import { workflowIdOf } from '../../workflows/messages';
import { Problem } from '../problem';

/** The workflow of the order with this number; a string that cannot be an order number names no order. */
export function orderHandle(client: Client, orderNumber: string) {
  if (!OrderNumber.safeParse(orderNumber).success) throw new Problem(404, 'order-not-found', 'Order not found', 'not an order number');
  return client.workflow.getHandle(workflowIdOf(orderNumber));
}
