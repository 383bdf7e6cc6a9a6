import { createHash } from 'node:crypto';
import type { CompanyCalendar } from '../workflows/domain/calendar';
import type { ReadModel } from '../read-model/store';
import { orderList } from '../read-model/views';
import { invalidFields } from './problem';
import type { OrderListQuery } from './schemas';

// Listing orders from the read model (not Temporal visibility, which is eventually consistent, lists a
// promised date a day early and cannot say how many days an order is late). Temporal keeps its search
// attributes for operators in its UI; the API's list, board and KPIs read the read model.

/** A page of orders (OrderPage: the read model holds what the orders projected, so its strings are the domain's statuses and stages). */
export async function listOrders(readModel: ReadModel, q: OrderListQuery, calendar: CompanyCalendar) {
  const { pageSize, pageToken, late, ...filters } = q;
  const scope = JSON.stringify([filters.status, filters.stage, filters.channel, filters.customerId, filters.salesRep, late]);
  const page = await orderList(
    readModel.db,
    {
      ...filters,
      late: late === undefined ? undefined : late === 'true',
      pageSize,
      after: pageToken ? positionOf(pageToken, scope) : undefined,
    },
    calendar,
  );
  return { orders: page.orders, nextPageToken: page.next ? tokenOf(page.next, scope) : null };
}

// The page token is the last order's position, with a checksum over it and the filters: a token this
// API did not issue, or one used with other filters, is the caller's 400.
type Position = { receivedAt: string; orderNumber: string };
const CHECKSUM_BYTES = 8;
const checksum = (position: Buffer, scope: string) =>
  createHash('sha256').update(position).update(scope).digest().subarray(0, CHECKSUM_BYTES);

function tokenOf(position: Position, scope: string): string {
  const bytes = Buffer.from(JSON.stringify([position.receivedAt, position.orderNumber]));
  return Buffer.concat([checksum(bytes, scope), bytes]).toString('base64url');
}

function positionOf(token: string, scope: string): Position {
  const bytes = Buffer.from(token, 'base64url');
  const position = bytes.subarray(CHECKSUM_BYTES);
  if (position.length > 0 && checksum(position, scope).equals(bytes.subarray(0, CHECKSUM_BYTES))) {
    const [receivedAt, orderNumber] = JSON.parse(position.toString()) as [string, string];
    return { receivedAt, orderNumber };
  }
  throw invalidFields([{ field: 'query.pageToken', message: 'not the nextPageToken of a previous page with these filters' }]);
}
