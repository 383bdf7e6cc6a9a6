import { z } from 'zod';
import { PartyId } from '../workflows/domain/order';
import { Kpis, KpiQuery } from './view-schemas';

// GET /kpis/by-rep: each sales rep's figures side by side (the reports page charts them).

export const KpiByRepQuery = z
  .object({ from: KpiQuery.shape.from, to: KpiQuery.shape.to })
  .strict()
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'on or after from' });

export const KpisByRep = z
  .object({
    from: Kpis.shape.from,
    to: Kpis.shape.to,
    reps: z
      .array(
        z.object({
          salesRep: z
            .object({
              id: PartyId.describe("the sales rep's id"),
              name: z.string().nullable().describe("the sales rep's name as their orders give it; null when none does"),
            })
            .describe('the sales rep (业务员)'),
          delivery: z
            .object({
              ordersDue: z.int().describe("the rep's orders (not cancelled) whose promised date falls in the period"),
              onTime: z.int().describe('of them: not late (as lateness in GET /kpis: force majeure excused)'),
              percent: z.number().nullable().describe('on time, in %; null when none was due'),
            })
            .describe('delivery on time (交期达成率)'),
          firstConfirmation: Kpis.shape.firstConfirmation,
        }),
      )
      .describe('every rep with an order received or promised in the period, by id'),
  })
  .meta({
    examples: [
      {
        from: '2027-01-01',
        to: '2027-01-31',
        reps: [
          {
            salesRep: { id: 'rep-li', name: 'Li Na' },
            delivery: { ordersDue: 12, onTime: 9, percent: 75 },
            firstConfirmation: { orders: 14, onTime: 13, percent: 92.9 },
          },
        ],
      },
    ],
  });
