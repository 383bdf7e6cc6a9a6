import { addCalendarDays, dateAt, type CompanyCalendar } from '../workflows/domain/calendar';
import type { ReadModel } from './store';
import { board, kpis, orderList } from './views';

// How fast the company's view answers on a read model (npm run seed-read-model, and the scale
// test): the median of several runs of each board, KPI and list question a sales manager asks.

export async function measureViews(readModel: ReadModel, calendar: CompanyCalendar, runs = 5) {
  const today = dateAt(Date.now(), calendar.timeZone);
  const page = { sort: 'daysLate', order: 'desc', limit: 100, offset: 0 } as const;
  const questions: Record<string, () => Promise<unknown>> = {
    'board: every open order, most days late first': () => board(readModel.db, page, calendar),
    'board: one rep, late only': () => board(readModel.db, { ...page, salesRep: 'rep-3', late: true }, calendar),
    'board: one stage, by promised date': () =>
      board(readModel.db, { ...page, stage: 'production', sort: 'promisedDate', order: 'asc' }, calendar),
    'kpis: last month, every rep': () => kpis(readModel.db, { from: addCalendarDays(today, -30), to: today }, calendar),
    'kpis: last year, one rep': () => kpis(readModel.db, { from: addCalendarDays(today, -365), to: today, salesRep: 'rep-3' }, calendar),
    'orders: newest first, one customer': () => orderList(readModel.db, { pageSize: 20, customerId: 'C-42' }, calendar),
    'orders: late ones of one rep': () => orderList(readModel.db, { pageSize: 20, salesRep: 'rep-3', late: true }, calendar),
  };
  const medians: Record<string, number> = {};
  for (const [question, ask] of Object.entries(questions)) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = process.hrtime.bigint();
      await ask();
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    medians[question] = Math.round(times.sort((a, b) => a - b)[Math.floor(runs / 2)] * 10) / 10;
  }
  return medians;
}
