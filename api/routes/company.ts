import { Router, type Response } from 'express';
import type { PolicyFile } from '../../client/channels';
import { policyFor } from '../../client/channels';
import type { ReadModel } from '../../read-model/store';
import { board, kpis, remindersTo, type LargeOrderRule } from '../../read-model/views';
import { myWork } from '../../read-model/my-work';
import { Channel, CustomerClass } from '../../workflows/domain/order';
import { personOf } from '../auth';
import { invalidRequest, Problem } from '../problem';
import { BoardQuery, KpiQuery, MyWorkQuery, ReminderQuery } from '../view-schemas';
import { reportXlsx } from '../../read-model/report-formats';
import { formats } from '../report-schemas';
import type { Cell, ReportColumn } from '../../workflows/reports/types';
import { kpisByRep } from '../../read-model/rep-kpis';
import { KpiByRepQuery } from '../rep-kpi-schemas';

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
  // Days late count the company's working days, and complaint steps go to the roles, as the policy new orders start with has them.
  const { calendar, complaints } = policyFor('standard', undefined, policy);
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
    const { format, ...filters } = query.data;
    const rows = await board(readModel.db, { ...filters, largeAbove: large }, calendar);
    if (format === 'json') return void res.json(rows);
    res.attachment(`board-${rows.asOf}.xlsx`);
    res.type(formats.xlsx).send(await reportXlsx(boardSheet(rows, calendar.timeZone)));
  });

  // The clocks' reminders and escalations to the caller (their role's; a sales rep's on their own orders).
  router.get('/reminders', async (req, res) => {
    staffOnly(res);
    const query = ReminderQuery.safeParse(req.query);
    if (!query.success) throw invalidRequest(query.error.issues, 'query');
    res.json({ reminders: await remindersTo(readModel.db, personOf(res), query.data.limit) });
  });

  router.get('/kpis', async (req, res) => {
    staffOnly(res);
    const query = KpiQuery.safeParse(req.query);
    if (!query.success) throw invalidRequest(query.error.issues, 'query');
    const { from, to, rep } = query.data;
    res.json(await kpis(readModel.db, { from, to, salesRep: rep, large }, calendar));
  });

  // customer slice: each rep's figures side by side, for the reports page's chart.
  router.get('/kpis/by-rep', async (req, res) => {
    staffOnly(res);
    const query = KpiByRepQuery.safeParse(req.query);
    if (!query.success) throw invalidRequest(query.error.issues, 'query');
    res.json(await kpisByRep(readModel.db, { ...query.data, large }, calendar));
  });

  // inbox: 我的待办, the orders and complaints waiting on the caller and the notices addressed to them (My work in the console).
  router.get('/my-work', async (req, res) => {
    staffOnly(res);
    const query = MyWorkQuery.safeParse(req.query);
    if (!query.success) throw invalidRequest(query.error.issues, 'query');
    res.json(
      await myWork(
        readModel.db,
        personOf(res),
        { orders: query.data.limit, complaints: query.data.complaints, reminders: query.data.reminders },
        calendar,
        complaints,
      ),
    );
  });

  return router;
}

// The status board as a spreadsheet (状态看板): what the board's table shows, one row per order.
const boardColumns: ReportColumn[] = [
  { key: 'orderNumber', title: '订单号 Order', type: 'text' },
  { key: 'customer', title: '客户 Customer', type: 'text' },
  { key: 'channel', title: '渠道 Channel', type: 'text' },
  { key: 'status', title: '状态 Status', type: 'text' },
  { key: 'stage', title: '阶段 Stage', type: 'text' },
  { key: 'salesRep', title: '业务员 Sales rep', type: 'text' },
  { key: 'promisedDate', title: '承诺交期 Promised', type: 'date' },
  { key: 'originalPromisedDate', title: '原交期 Original', type: 'date' },
  { key: 'daysLate', title: '逾期天数 Days late', type: 'int' },
  { key: 'owedBy', title: '待办方 Owed by', type: 'text' },
  { key: 'waitingSince', title: '等待自 Waiting since', type: 'datetime' },
  { key: 'amount', title: '金额 Amount', type: 'fen' },
  { key: 'balanceDue', title: '余款 Balance due', type: 'fen' },
];

function boardSheet({ asOf, orders }: Awaited<ReturnType<typeof board>>, timeZone: string) {
  const rows = orders.map((o): Record<string, Cell> => ({
    orderNumber: o.orderNumber,
    customer: o.customer.name,
    channel: o.channel,
    status: o.status,
    stage: o.stage,
    salesRep: o.salesRep.name ?? o.salesRep.id,
    promisedDate: o.promisedDate,
    originalPromisedDate: o.originalPromisedDate,
    daysLate: o.late ? o.daysLate : null,
    owedBy: o.owedBy.join(', '),
    waitingSince: o.waitingSince,
    amount: o.amount,
    balanceDue: o.balanceDue,
  }));
  return {
    createdAt: new Date().toISOString(),
    timeZone,
    sheets: [{ name: `board ${asOf}`, title: `状态看板 Status board ${asOf}`, columns: boardColumns, rows }],
  };
}
