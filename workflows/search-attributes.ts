import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// Custom search attributes the order workflow keeps current, so operators can filter orders in
// the Temporal UI and the API can list them through visibility. One list for the workflow, the
// dev-server start-up and the tests; docker-compose registers the same names.
export const OrderStatus = defineSearchAttributeKey('OrderStatus', SearchAttributeType.KEYWORD);
export const OrderStage = defineSearchAttributeKey('OrderStage', SearchAttributeType.KEYWORD);
export const OrderChannel = defineSearchAttributeKey('OrderChannel', SearchAttributeType.KEYWORD);
export const CustomerId = defineSearchAttributeKey('CustomerId', SearchAttributeType.KEYWORD);
export const CustomerClass = defineSearchAttributeKey('CustomerClass', SearchAttributeType.KEYWORD);
export const SalesRep = defineSearchAttributeKey('SalesRep', SearchAttributeType.KEYWORD);
export const PromisedDate = defineSearchAttributeKey('PromisedDate', SearchAttributeType.DATETIME);
export const OrderLate = defineSearchAttributeKey('OrderLate', SearchAttributeType.BOOL);

export const orderSearchAttributes = [
  OrderStatus, OrderStage, OrderChannel, CustomerId, CustomerClass, SalesRep, PromisedDate, OrderLate,
] as const;

/** The CLI's `--search-attribute Name=Type` spelling of each key (Keyword, Datetime, Bool). */
export function searchAttributeFlags(): string[] {
  const cliType: Record<string, string> = {
    [SearchAttributeType.KEYWORD]: 'Keyword',
    [SearchAttributeType.DATETIME]: 'Datetime',
    [SearchAttributeType.BOOL]: 'Bool',
  };
  return orderSearchAttributes.flatMap((key) => ['--search-attribute', `${key.name}=${cliType[key.type]}`]);
}
