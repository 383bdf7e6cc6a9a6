import type { Client, WorkflowHandle } from '@temporalio/client';
import { OrderNumber } from '../../workflows/domain/order';
import { workflowIdOf } from '../../workflows/messages';
import * as sa from '../../workflows/search-attributes';
import type { Person } from '../auth';
import { orderNotFound } from '../problem';
import type { OrderListQuery } from '../schemas';

// Who sees which orders, in one place: staff see every order; a customer sees only their own
// company's, and another's order is answered exactly as one that does not exist.

/** The workflow of the order with this number; a string that cannot be an order number names no order. */
export function orderHandle(client: Client, orderNumber: string) {
  if (!OrderNumber.safeParse(orderNumber).success) throw orderNotFound();
  return client.workflow.getHandle(workflowIdOf(orderNumber));
}

/**
 * The workflow of an order this person may read and act on. For a customer, the order's customer
 * comes from its search attribute (set at start, kept by the workflow): a describe, which needs
 * no worker and works on closed orders too.
 */
export async function visibleOrder(client: Client, person: Person, orderNumber: string): Promise<WorkflowHandle> {
  const handle = orderHandle(client, orderNumber);
  if (person.role === 'customer') {
    const { typedSearchAttributes } = await handle.describe();
    if (typedSearchAttributes.get(sa.CustomerId) !== person.customerId) throw orderNotFound();
  }
  return handle;
}

/** The listing filters this person may use: a customer's are always their own company; a filter naming another finds nothing. */
export function visibleFilters(person: Person, query: OrderListQuery): OrderListQuery | undefined {
  if (person.role !== 'customer') return query;
  if (query.customerId !== undefined && query.customerId !== person.customerId) return undefined;
  return { ...query, customerId: person.customerId };
}
