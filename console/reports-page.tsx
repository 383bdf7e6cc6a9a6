import { useEffect, useState } from 'preact/hooks';
import { dateAt } from '../workflows/domain/calendar';
import { api, download, plainWords } from './api';
import { say, useConsole } from './app-context';
import { sayCustomer } from './customer-words';
import { companyTime } from './format';
import { label, stageLabels } from './labels';
import type { BoardRow } from './board-page';

// 报表: charts where a person would rather look than read — the open orders by stage, the key figures of a
// period and each sales rep's on-time delivery — each with its table beside it (the same figures as text,
// for screen readers and for copying); then the stored reports (daily tracking, weekly, monthly,
// supervision) to download. Plain SVG: a few bars need no chart library.

interface ReportHeader {
  id: string;
  kind: string;
  runDate: string;
  status: string;
  createdAt: string;
  summary: Record<string, number | null>;
}

interface Bar {
  name: string;
  value: number;
}

/** GET /kpis: the rates the charts show (in %, null when there was nothing to count). */
interface Kpis {
  firstConfirmation: { percent: number | null };
  progressUpdates: { percent: number | null };
  delayNotices: { percent: number | null };
  lateness: { ordersDue: number; late: number };
}

/** GET /kpis/by-rep. */
interface RepFigures {
  salesRep: { id: string; name: string | null };
  delivery: { ordersDue: number; onTime: number; percent: number | null };
}

export function BarChart({ title, bars, unit = '', max }: { title: string; bars: Bar[]; unit?: string; max?: number }) {
  const top = max ?? Math.max(1, ...bars.map((b) => b.value));
  const row = 24;
  return (
    <svg
      class="chart"
      role="img"
      aria-label={title}
      width="640"
      height={bars.length * row + 8}
      viewBox={`0 0 640 ${bars.length * row + 8}`}
    >
      <title>{title}</title>
      {bars.map((b, i) => (
        <g transform={`translate(0 ${i * row + 4})`}>
          <text x="150" y="15" text-anchor="end">
            {b.name}
          </text>
          <rect x="160" y="2" height="16" width={(420 * b.value) / top} />
          <text x={168 + (420 * b.value) / top} y="15">
            {b.value}
            {unit}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** A chart and, beside it, its figures as a table: what the bars show, readable without seeing them. */
function Chart({
  title,
  bars,
  unit,
  max,
  columns,
}: {
  title: string;
  bars: Bar[];
  unit?: string;
  max?: number;
  columns: [string, string];
}) {
  return (
    <figure>
      <figcaption>{title}</figcaption>
      <BarChart title={title} bars={bars} unit={unit} max={max} />
      <table class="chart-data">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th>{columns[0]}</th>
            <th>{columns[1]}</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((b) => (
            <tr>
              <td>{b.name}</td>
              <td>
                {b.value}
                {unit}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** The rates that have something to count, as bars (a rate over nothing is no bar, not 0 %). */
const rates = (entries: [string, number | null][]): Bar[] =>
  entries.filter((e): e is [string, number] => e[1] !== null).map(([name, value]) => ({ name, value }));

export function ReportsPage() {
  const { lang, me } = useConsole();
  const today = dateAt(Date.now(), me.timeZone);
  const [period, setPeriod] = useState({ from: `${today.slice(0, 4)}-01-01`, to: today });
  const [reports, setReports] = useState<ReportHeader[]>();
  const [byStage, setByStage] = useState<Bar[]>();
  const [kpis, setKpis] = useState<Kpis>();
  const [reps, setReps] = useState<RepFigures[]>();
  const [error, setError] = useState<string>();
  const refuse = (e: unknown) => setError(plainWords(e, lang));
  useEffect(() => {
    api<{ reports: ReportHeader[] }>('/reports?limit=50').then((page) => setReports(page.reports), refuse);
    api<{ orders: BoardRow[] }>('/board?limit=1000').then((board) => {
      const counts = new Map<string, number>();
      for (const o of board.orders) counts.set(o.stage, (counts.get(o.stage) ?? 0) + 1);
      setByStage([...counts].map(([stage, value]) => ({ name: label(stageLabels, stage, lang), value })));
    }, refuse);
  }, [lang]);
  useEffect(() => {
    if (period.from > period.to) return;
    const query = `from=${period.from}&to=${period.to}`;
    api<Kpis>(`/kpis?${query}`).then(setKpis, refuse);
    api<{ reps: RepFigures[] }>(`/kpis/by-rep?${query}`).then((answer) => setReps(answer.reps), refuse);
  }, [period.from, period.to]);
  const onTime =
    kpis && kpis.lateness.ordersDue > 0
      ? Math.round((1000 * (kpis.lateness.ordersDue - kpis.lateness.late)) / kpis.lateness.ordersDue) / 10
      : null;
  const setDate = (key: 'from' | 'to') => (e: Event) => {
    const value = (e.currentTarget as HTMLInputElement).value;
    if (value) setPeriod({ ...period, [key]: value });
  };
  return (
    <section>
      <h1>{say('reports', lang)}</h1>
      {error && <p class="refusal">{error}</p>}
      {byStage && <Chart title={say('byStage', lang)} bars={byStage} columns={[say('stage', lang), say('count', lang)]} />}

      <h2>{sayCustomer('kpis', lang)}</h2>
      <form class="filters" aria-label={sayCustomer('period', lang)} onSubmit={(e) => e.preventDefault()}>
        <label>
          {sayCustomer('from', lang)} <input type="date" name="from" value={period.from} onChange={setDate('from')} />
        </label>
        <label>
          {sayCustomer('to', lang)} <input type="date" name="to" value={period.to} onChange={setDate('to')} />
        </label>
      </form>
      {kpis && (
        <Chart
          title={sayCustomer('kpis', lang)}
          unit="%"
          max={100}
          columns={[sayCustomer('figure', lang), sayCustomer('percent', lang)]}
          bars={rates([
            [sayCustomer('onTimeDelivery', lang), onTime],
            [sayCustomer('firstConfirmationOnTime', lang), kpis.firstConfirmation.percent],
            [sayCustomer('progressOnTime', lang), kpis.progressUpdates.percent],
            [sayCustomer('delaysToldOnTime', lang), kpis.delayNotices.percent],
          ])}
        />
      )}
      {reps && (
        <Chart
          title={sayCustomer('onTimeByRep', lang)}
          unit="%"
          max={100}
          columns={[say('salesRep', lang), sayCustomer('onTimeDelivery', lang)]}
          bars={rates(reps.map((r) => [r.salesRep.name ?? r.salesRep.id, r.delivery.percent]))}
        />
      )}

      {reports && (
        <table>
          <tbody>
            {reports.map((r) => (
              <tr>
                <td>{r.kind}</td>
                <td>{r.runDate}</td>
                <td>{r.status}</td>
                <td>{companyTime(r.createdAt, me.timeZone)}</td>
                <td>
                  <button type="button" onClick={() => void download(`/reports/${encodeURIComponent(r.id)}?format=xlsx`, `${r.id}.xlsx`)}>
                    XLSX
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
