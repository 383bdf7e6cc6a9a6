import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import type { z } from 'zod';
import { workflowIdOf } from '../workflows/messages';
import * as sa from '../workflows/search-attributes';
import { invalidFields } from './problem';
import type { OrderListQuery, OrderPage, OrderSummary } from './schemas';

// Listing orders through Temporal visibility: the order workflows keep their search attributes
// current, so a listing never asks each order (and works for closed ones too).

/**
 * A string literal of the visibility query language. Values arrive validated by OrderListQuery,
 * which admits no quote, backslash or control character, so quoting keeps each a value, never
 * query text; one that slipped through is a bug here, refused rather than sent.
 */
function literal(value: string): string {
  if (/["\\\p{Cc}]/u.test(value)) throw new Error(`not a safe visibility literal: ${JSON.stringify(value)}`);
  return `"${value}"`;
}

/** The visibility query for the filters: every clause `Attribute = literal`, joined by AND. */
export function visibilityQuery(q: OrderListQuery): string {
  const equals: [string, string | undefined][] = [
    [sa.OrderStatus.name, q.status],
    [sa.OrderStage.name, q.stage],
    [sa.OrderChannel.name, q.channel],
    [sa.CustomerId.name, q.customerId],
    [sa.SalesRep.name, q.salesRep],
  ];
  return [
    // Only order workflows carry an order status; a run that continued as new is the same order as its next run.
    `${sa.OrderStatus.name} IS NOT NULL`,
    `ExecutionStatus != "ContinuedAsNew"`,
    ...equals.filter(([, value]) => value !== undefined).map(([name, value]) => `${name} = ${literal(value!)}`),
    ...(q.late ? [`${sa.OrderLate.name} = ${q.late}`] : []), // validated: true or false
  ].join(' AND ');
}

export async function listOrders(client: Client, q: OrderListQuery): Promise<z.infer<typeof OrderPage>> {
  const query = visibilityQuery(q);
  const page = await client.workflowService.listWorkflowExecutions({
    namespace: client.options.namespace,
    query,
    pageSize: q.pageSize,
    nextPageToken: q.pageToken === undefined ? undefined : serverToken(q.pageToken, query),
  });
  return {
    orders: page.executions.map(summaryOf),
    nextPageToken: page.nextPageToken?.length ? pageToken(page.nextPageToken, query) : null,
  };
}

// The server's page token goes out with a checksum over it and the query: a token the server did
// not issue, or one used with other filters, is the caller's 400 here. (Sent on, the dev server
// answers one it cannot read with an UNKNOWN error after retrying for many seconds.)
const CHECKSUM_BYTES = 8;
const checksum = (token: Uint8Array, query: string) =>
  createHash('sha256').update(token).update(query).digest().subarray(0, CHECKSUM_BYTES);

const pageToken = (token: Uint8Array, query: string) => Buffer.concat([checksum(token, query), token]).toString('base64url');

function serverToken(sent: string, query: string): Buffer {
  const bytes = Buffer.from(sent, 'base64url');
  const token = bytes.subarray(CHECKSUM_BYTES);
  if (token.length === 0 || !checksum(token, query).equals(bytes.subarray(0, CHECKSUM_BYTES))) {
    throw invalidFields([{ field: 'query.pageToken', message: 'not the nextPageToken of a previous page with these filters' }]);
  }
  return token;
}

const workflowIdPrefix = workflowIdOf('');

function summaryOf(execution: temporal.api.workflow.v1.IWorkflowExecutionInfo): z.infer<typeof OrderSummary> {
  const fields = execution.searchAttributes?.indexedFields ?? {};
  const value = <T>(key: { name: string }) =>
    (fields[key.name] ? defaultPayloadConverter.fromPayload<T>(fields[key.name]) : undefined) as T;
  const started = execution.startTime?.seconds;
  return {
    orderNumber: (execution.execution?.workflowId ?? '').slice(workflowIdPrefix.length),
    status: value(sa.OrderStatus),
    stage: value(sa.OrderStage),
    channel: value(sa.OrderChannel),
    customerId: value(sa.CustomerId),
    customerClass: value(sa.CustomerClass),
    salesRep: value(sa.SalesRep),
    late: value<boolean | undefined>(sa.OrderLate) ?? false,
    receivedAt: new Date(Number(started ?? 0) * 1000).toISOString(),
  };
}
