import { addCalendarDays } from '../workflows/domain/calendar';
import type { OrderProjection } from '../workflows/read-model';
import type { Stage, Status, TimelineEntry } from '../workflows/domain/state';
import type { ReadModel } from './store';
import { complaintRows, orderRow, ratingRows, timelineRow } from './store';

// Synthetic orders for measuring the read model at the company's scale (npm run seed-read-model):
// open orders spread over the stages, reps and customers, a share of them past their promised
// date; finished orders over two years, with their KPI facts, some complaints and ratings. Deterministic:
// the same counts give the same orders.

const openStages: [Stage, Status][] = [
  ['intake', 'pending-confirmation'],
  ['price-review', 'pending-confirmation'],
  ['confirmation-return', 'pending-confirmation'],
  ['production', 'in-production'],
  ['production', 'in-production'],
  ['release', 'awaiting-shipment'],
  ['in-transit', 'shipped'],
];

/** A small deterministic generator (mulberry32), so a seeded database is the same every time. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 24 * 3600 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

export function seededOrder(i: number, open: boolean, now: number): { order: OrderProjection; entries: TimelineEntry[] } {
  const r = random(i * 7919 + (open ? 1 : 2));
  const receivedMs = now - Math.floor((open ? 60 : 730) * r() * DAY);
  const received = iso(receivedMs);
  const receivedDate = received.slice(0, 10);
  const [stage, status] = open ? openStages[i % openStages.length] : (['after-sales', 'completed'] as [Stage, Status]);
  const promisedDate = addCalendarDays(receivedDate, 20 + Math.floor(r() * 40));
  const finished = !open || status === 'awaiting-shipment' || status === 'shipped';
  const daysLate = finished ? (r() < 0.8 ? 0 : 1 + Math.floor(r() * 5)) : null;
  const amount = 100_000 + Math.floor(r() * 5_000_000);
  const paid = finished ? amount : Math.floor(amount * 0.3);
  const confirmedOnTime = r() < 0.9;
  const delays = r() < 0.1 ? 1 : 0;
  const order: OrderProjection = {
    orderNumber: `SEED-${open ? 'O' : 'F'}-${i}`,
    revision: 1,
    channel: i % 10 === 0 ? 'sample' : 'standard',
    status,
    stage,
    customer: { id: `C-${i % 500}`, name: `Customer ${i % 500}`, class: 'ABC'[i % 3] },
    salesRep: { id: `rep-${i % 20}`, name: `Rep ${i % 20}` },
    receivedAt: received,
    promisedDate: stage === 'intake' || stage === 'price-review' ? null : promisedDate,
    originalPromisedDate: stage === 'intake' || stage === 'price-review' ? null : promisedDate,
    finishedAt: finished ? iso(Date.parse(`${promisedDate}T08:00:00Z`) + (daysLate ?? 0) * DAY) : null,
    daysLate,
    amount,
    depositDue: Math.floor(amount * 0.3),
    received: paid,
    balanceDue: amount - paid,
    refundDue: 0,
    nextEvents: open ? ['progress-reported'] : [],
    owedBy: open ? ['production'] : [],
    stageSince: iso(receivedMs + DAY),
    openClocks: [],
    complaints:
      !open && r() < 0.05
        ? [
            {
              number: 1,
              category: 'quality',
              description: 'scratched shade',
              filedAt: iso(receivedMs + 40 * DAY),
              resolvedAt: iso(receivedMs + 42 * DAY),
              responsibleParty: ['production', 'warehouse', 'sales-rep'][i % 3],
              cause: ['quality', 'wrong-shipment', 'data-entry'][i % 3],
            },
          ]
        : [],
    firstConfirmationOnTime: confirmedOnTime,
    progressOnTime: stage === 'intake' || stage === 'price-review' || stage === 'confirmation-return' ? null : r() < 0.85,
    delaysReported: delays,
    delaysToldOnTime: delays && r() < 0.7 ? 1 : 0,
    ...(delays && r() < 0.1 && { forceMajeureDelays: 1 }),
    // A third of the finished orders rated at sign-off.
    ...(!open &&
      r() < 0.3 && { ratings: [{ rating: 1 + Math.floor(r() * 5), at: iso(receivedMs + 35 * DAY), source: 'sign-off' as const }] }),
  };
  const entries: TimelineEntry[] = [
    {
      at: received,
      kind: 'status-change',
      type: 'pending-confirmation',
      detail: `order received from ${order.customer.name}, ${amount} fen`,
    },
    {
      at: iso(receivedMs + (confirmedOnTime ? 3600_000 : 3 * 3600_000)),
      kind: 'event',
      type: 'order-confirmed',
      actor: { id: 'desk', role: 'order-desk' },
      detail: '',
    },
  ];
  return { order, entries };
}

/** Writes `open` open and `finished` finished orders, a thousand to a transaction (far faster than one projection each). */
export async function seedReadModel(
  readModel: ReadModel,
  counts: { open: number; finished: number },
  now = Date.now(),
  log = (_line: string) => {},
) {
  for (const [open, count] of [
    [true, counts.open],
    [false, counts.finished],
  ] as const) {
    for (let start = 0; start < count; start += 1000) {
      const batch = Array.from({ length: Math.min(1000, count - start) }, (_, k) => seededOrder(start + k, open, now));
      await readModel.db.transaction().execute(async (trx) => {
        for (let k = 0; k < batch.length; k += 200) {
          const slice = batch.slice(k, k + 200);
          await trx
            .insertInto('orders')
            .values(slice.map((b) => orderRow(b.order)))
            .execute();
          await trx
            .insertInto('order_timeline')
            .values(slice.flatMap(({ order, entries }) => entries.map((e, seq) => timelineRow(order.orderNumber, seq, e))))
            .execute();
          const complaints = slice.flatMap(({ order }) => complaintRows(order));
          if (complaints.length > 0) await trx.insertInto('order_complaints').values(complaints).execute();
          const ratings = slice.flatMap(({ order }) => ratingRows(order));
          if (ratings.length > 0) await trx.insertInto('order_ratings').values(ratings).execute();
        }
      });
      if ((start + 1000) % 20_000 === 0) log(`${start + 1000} ${open ? 'open' : 'finished'} orders`);
    }
  }
}
