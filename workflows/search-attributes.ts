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
/** How many of the order's notices are dead letters; unset on an order that never had one. */
export const UndeliveredNotices = defineSearchAttributeKey('UndeliveredNotices', SearchAttributeType.INT);

export const orderSearchAttributes = [
  OrderStatus,
  OrderStage,
  OrderChannel,
  CustomerId,
  CustomerClass,
  SalesRep,
  PromisedDate,
  OrderLate,
  UndeliveredNotices,
] as const;

/** The CLI's `--search-attribute Name=Type` spelling of each key (Keyword, Datetime, Bool, Int). */
export function searchAttributeFlags(): string[] {
  const cliType: Record<string, string> = {
    [SearchAttributeType.KEYWORD]: 'Keyword',
    [SearchAttributeType.DATETIME]: 'Datetime',
    [SearchAttributeType.BOOL]: 'Bool',
    [SearchAttributeType.INT]: 'Int',
  };
  return orderSearchAttributes.flatMap((key) => ['--search-attribute', `${key.name}=${cliType[key.type]}`]);
}

/** The operator API's spelling (temporal.api.enums.v1.IndexedValueType) of each key, for `addSearchAttributes`. */
export function indexedValueTypes(): Record<string, number> {
  const indexedValueType: Record<string, number> = {
    [SearchAttributeType.KEYWORD]: 2,
    [SearchAttributeType.INT]: 3,
    [SearchAttributeType.BOOL]: 5,
    [SearchAttributeType.DATETIME]: 6,
  };
  return Object.fromEntries(orderSearchAttributes.map((key) => [key.name, indexedValueType[key.type]]));
}
