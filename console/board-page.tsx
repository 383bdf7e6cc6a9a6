import { useEffect, useState } from 'preact/hooks';
import { api, download, plainWords } from './api';
import { say, useConsole } from './app-context';
import { companyTime, yuan } from './format';
import { label, roleLabels, stageLabels, statusLabels } from './labels';
import type { Stage } from '../workflows/domain/state';

// 状态看板 (GET /board, from the read model): filters and sort go to the API, days late are highlighted,
// and the same rows download as XLSX.

export interface BoardRow {
  orderNumber: string;
  status: string;
  stage: string;
  channel: string;
  customer: { id: string; name: string };
  salesRep: { id: string; name?: string };
  promisedDate: string | null;
  originalPromisedDate: string | null;
  late: boolean;
  daysLate: number | null;
  owedBy: string[];
  waitingSince: string;
  amount: number;
  balanceDue: number;
  openClocks: { name: string; dueAt: string; action: string }[];
}

const sorts = ['daysLate', 'promisedDate', 'receivedAt', 'waitingSince', 'orderNumber'] as const;

export function BoardPage() {
  const { lang, me } = useConsole();
  const [filters, setFilters] = useState({ stage: '', late: '', sort: 'daysLate', order: 'desc' });
  const [board, setBoard] = useState<{ asOf: string; total: number; orders: BoardRow[] }>();
  const [error, setError] = useState<string>();
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== '')).toString();
  useEffect(() => {
    api<typeof board>(`/board?${query}&limit=500`).then(setBoard, (e: unknown) => setError(plainWords(e, lang)));
  }, [query]);
  const set = (key: keyof typeof filters) => (e: Event) => setFilters({ ...filters, [key]: (e.currentTarget as HTMLSelectElement).value });
  return (
    <section>
      <h1>{say('board', lang)}</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {say('stage', lang)}{' '}
          <select name="stage" value={filters.stage} onChange={set('stage')}>
            <option value="">{say('all', lang)}</option>
            {(Object.keys(stageLabels) as Stage[]).map((s) => (
              <option value={s}>{label(stageLabels, s, lang)}</option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={filters.late === 'true'}
            onChange={(e) => setFilters({ ...filters, late: e.currentTarget.checked ? 'true' : '' })}
          />{' '}
          {say('late', lang)}
        </label>
        <label>
          {say('sort', lang)}{' '}
          <select name="sort" value={filters.sort} onChange={set('sort')}>
            {sorts.map((s) => (
              <option value={s}>{s}</option>
            ))}
          </select>
          <select name="order" value={filters.order} onChange={set('order')}>
            <option value="desc">↓</option>
            <option value="asc">↑</option>
          </select>
        </label>
        <button type="button" onClick={() => void download(`/board?${query}&limit=1000&format=xlsx`, `board-${board?.asOf ?? ''}.xlsx`)}>
          {say('export', lang)}
        </button>
      </form>
      {error && <p class="refusal">{error}</p>}
      {board && (
        <table class="board">
          <thead>
            <tr>
              <th>{say('order', lang)}</th>
              <th>{say('customer', lang)}</th>
              <th>{say('status', lang)}</th>
              <th>{say('stage', lang)}</th>
              <th>{say('salesRep', lang)}</th>
              <th>{say('promised', lang)}</th>
              <th>{say('daysLate', lang)}</th>
              <th>{say('owedBy', lang)}</th>
              <th>{say('waitingSince', lang)}</th>
              <th>{say('amount', lang)}</th>
              <th>{say('balance', lang)}</th>
            </tr>
          </thead>
          <tbody>
            {board.orders.map((o) => (
              <tr class={o.late ? 'late' : ''} data-order={o.orderNumber}>
                <td>
                  <a href={`#/orders/${encodeURIComponent(o.orderNumber)}`}>{o.orderNumber}</a>
                </td>
                <td>{o.customer.name}</td>
                <td>{label(statusLabels, o.status, lang)}</td>
                <td>{label(stageLabels, o.stage, lang)}</td>
                <td>{o.salesRep.name ?? o.salesRep.id}</td>
                <td>{o.promisedDate ?? '—'}</td>
                <td class="days-late">{o.late ? o.daysLate : ''}</td>
                <td>{o.owedBy.map((r) => label(roleLabels, r, lang)).join('、')}</td>
                <td>{companyTime(o.waitingSince, me.timeZone)}</td>
                <td>{yuan(o.amount)}</td>
                <td>{yuan(o.balanceDue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
