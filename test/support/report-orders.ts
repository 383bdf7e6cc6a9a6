import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ReadModelLocation } from '../../read-model/database';
import { ReadModel } from '../../read-model/store';
import type { TimelineEntry } from '../../workflows/domain/state';
import type { OrderProjection } from '../../workflows/read-model';

// Orders for the report tests, written into a SQLite read model of their own as the orders' projections write them.

export function order(orderNumber: string, o: Partial<OrderProjection> = {}): OrderProjection {
  return {
    orderNumber,
    revision: 1,
    channel: 'standard',
    status: 'in-production',
    stage: 'production',
    customer: { id: 'C-1', name: 'Ningbo Lamps', class: 'A' },
    salesRep: { id: 'rep-li', name: 'Li Na' },
    receivedAt: '2027-01-05T02:00:00.000Z',
    promisedDate: '2027-03-01',
    originalPromisedDate: null,
    finishedAt: null,
    daysLate: null,
    amount: 500_000,
    depositDue: 0,
    received: 0,
    balanceDue: 500_000,
    refundDue: 0,
    nextEvents: [],
    owedBy: [],
    stageSince: '2027-01-05T02:00:00.000Z',
    openClocks: [],
    complaints: [],
    firstConfirmationOnTime: true,
    progressOnTime: true,
    delaysReported: 0,
    delaysToldOnTime: 0,
    ...o,
  };
}

export const event = (type: string, at: string, detail = ''): TimelineEntry => ({ at, kind: 'event', type, detail });

export async function seeded(
  orders: [OrderProjection, TimelineEntry[]][],
  location: ReadModelLocation = {
    kind: 'sqlite',
    file: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'orderflow-reports-')), 'read-model.sqlite'),
  },
) {
  const readModel = await ReadModel.open(location);
  for (const [o, entries] of orders) await readModel.project({ order: o, firstEntry: 0, entries });
  return readModel;
}
