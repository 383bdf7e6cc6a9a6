import { useEffect, useState } from 'preact/hooks';
import { api, download, plainWords } from './api';
import { say, useConsole } from './app-context';
import { companyTime } from './format';
import { label, stageLabels } from './labels';
import type { BoardRow } from './board-page';

// 报表: the stored reports (daily tracking, weekly, monthly, supervision) to download, and the open orders
// by stage as a bar chart (plain SVG: a few bars need no chart library).

interface ReportHeader {
  id: string;
  kind: string;
  runDate: string;
  status: string;
  createdAt: string;
  summary: Record<string, number | null>;
}

export function BarChart({ title, bars }: { title: string; bars: { name: string; value: number }[] }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
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
          <rect x="160" y="2" height="16" width={(420 * b.value) / max} />
          <text x={168 + (420 * b.value) / max} y="15">
            {b.value}
          </text>
        </g>
      ))}
    </svg>
  );
}

export function ReportsPage() {
  const { lang, me } = useConsole();
  const [reports, setReports] = useState<ReportHeader[]>();
  const [byStage, setByStage] = useState<{ name: string; value: number }[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    const refuse = (e: unknown) => setError(plainWords(e, lang));
    api<{ reports: ReportHeader[] }>('/reports?limit=50').then((page) => setReports(page.reports), refuse);
    api<{ orders: BoardRow[] }>('/board?limit=1000').then((board) => {
      const counts = new Map<string, number>();
      for (const o of board.orders) counts.set(o.stage, (counts.get(o.stage) ?? 0) + 1);
      setByStage([...counts].map(([stage, value]) => ({ name: label(stageLabels, stage, lang), value })));
    }, refuse);
  }, [lang]);
  return (
    <section>
      <h1>{say('reports', lang)}</h1>
      {error && <p class="refusal">{error}</p>}
      {byStage && (
        <figure>
          <figcaption>{say('byStage', lang)}</figcaption>
          <BarChart title={say('byStage', lang)} bars={byStage} />
        </figure>
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
