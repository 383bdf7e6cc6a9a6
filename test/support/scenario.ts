import type { Scenario } from '../../scripts/simulator';
import type { Role } from '../../workflows/domain/order';
import type { TimelineEntry } from '../../workflows/domain/state';

// Builds simulator scenarios for the tests: a plain standard order and its events, by the
// people who send them in real life.

export type Step = Scenario['steps'] extends (infer S)[] | undefined ? S : never;

export function step(at: string, type: string, role: Role, data: Record<string, unknown> = {}): Step {
  return { at, event: { type, actor: { id: `${role}-1`, role }, data } };
}

let orderCount = 0;

export function standardOrder(overrides: Partial<Scenario['order']> = {}): Scenario['order'] {
  orderCount++;
  return {
    orderNumber: `T-${Date.now()}-${orderCount}`,
    customer: { id: 'C-1', name: 'Ningbo Lamps', class: 'A' },
    salesRep: { id: 'rep-1' },
    lines: [{ productCode: 'LAMP-1', quantity: 10, unitPrice: 50_000 }], // ¥5,000: not large
    delivery: { address: 'No. 1 Road', contact: 'Ms Wu', phone: '13800000000' },
    ...overrides,
  };
}

/** The main line from first confirmation to a returned confirmation, for a standard, non-large order. */
export function throughConfirmation(promisedDate = '2031-03-10'): Step[] {
  return [
    step('PT1H', 'order-confirmed', 'order-desk'),
    step('PT2H', 'price-approved', 'finance'),
    step('PT3H', 'delivery-date-estimated', 'production', { promisedDate }),
    step('PT4H', 'confirmation-sent', 'order-desk', { documentRef: 'OC-1' }),
    step('PT5H', 'signed-confirmation-returned', 'order-desk', { documentRef: 'OC-1s' }),
  ];
}

/** Through confirmation, then the production notice on day 1 and the technical order an hour later. */
export function intoProduction(promisedDate?: string): Step[] {
  return [
    ...throughConfirmation(promisedDate),
    step('P1D', 'production-notice-issued', 'finance', { noticeRef: 'PN-1' }),
    step('P1DT1H', 'technical-order-issued', 'technical', { orderRef: 'TO-1' }),
  ];
}

/** From the production notice through QC and put-away, starting at day `day`. */
export function throughPutAway(day: number): Step[] {
  return [
    step(`P${day}D`, 'production-notice-issued', 'finance', { noticeRef: 'PN-1' }),
    step(`P${day}DT1H`, 'technical-order-issued', 'technical', { orderRef: 'TO-1' }),
    step(`P${day + 1}D`, 'qc-passed', 'qc', { reportRef: 'QC-1' }),
    step(`P${day + 1}DT1H`, 'stocked', 'warehouse', { location: 'A-1' }),
  ];
}

export const entries = (timeline: TimelineEntry[], kind: TimelineEntry['kind'], type?: string) =>
  timeline.filter((t) => t.kind === kind && (type === undefined || t.type === type));

/** A step of one of the order's complaints (by its number on the order), from any channel's scenario. */
export function complaintStep(at: string, complaint: number, type: string, role: Role, data: Record<string, unknown> = {}): Step {
  return { ...step(at, type, role, data), complaint };
}
