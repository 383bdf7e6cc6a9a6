import { Router, type Response } from 'express';
import type { PolicyFile } from '../../client/channels';
import { policyFor } from '../../client/channels';
import type { ReadModel } from '../../read-model/store';
import { board, kpis, type LargeOrderRule } from '../../read-model/views';
import { Channel, CustomerClass } from '../../workflows/domain/order';
import { personOf } from '../auth';
import { invalidRequest, Problem } from '../problem';
import { BoardQuery, KpiQuery } from '../view-schemas';

// The company's view of its orders, from the read model (not Temporal): the status board and the
// KPIs. For staff only: a customer sees none of it.

export interface CompanyRoutesDeps {
  readModel: ReadModel;
  policy: PolicyFile;
}

/** Refuses a customer's token: the company's view is the company's. */
export function staffOnly(res: Response) {
  if (personOf(res).role === 'customer') {
    throw new Problem(403, 'role-not-permitted', 'For staff only', "customers may not read the company's view of its orders and customers");
  }
}

export function companyRoutes({ readModel, policy }: CompanyRoutesDeps): Router {
  const router = Router();
  // Days late count the company's working days, from the policy new orders start with.
  const { calendar } = policyFor('standard', undefined, policy);
  // What counts as large, per channel and customer class, as new orders take it from the policy.
  const large: LargeOrderRule[] = Channel.options.flatMap((channel) =>
    CustomerClass.options.map((customerClass) => ({
      channel,
      customerClass,
      above: policyFor(channel, customerClass, policy).rules.largeOrderAmount,
    })),
  );

  router.get('/board', async (req, res) => {
    staffOnly(res);
    const query = BoardQuery.safeParse(req.query);
    if (!query.success) throw invalidRequest(query.error.issues, 'query');
    res.json(await board(readModel.db, { ...query.data, largeAbove: large }, calendar));
  });

  router.get('/kpis', async (req, res) => {
    staffOnly(res);
    const query = KpiQuery.safeParse(req.query);
    if (!query.success) throw invalidRequest(query.error.issues, 'query');
    const { from, to, rep } = query.data;
    res.json(await kpis(readModel.db, { from, to, salesRep: rep, large }, calendar));
  });

  return router;
}
