import { useEffect, useState } from 'preact/hooks';
import { api, plainWords } from './api';
import { say, useConsole } from './app-context';
import { clockAgainst, companyTime, yuan } from './format';
import { clockLabels, label, stageLabels, timelineKindLabels } from './labels';
import type { BoardRow } from './board-page';

// 我的待办: the open orders whose next step the person's role owes (the board's owedBy), the longest waiting
// first, with the clock that runs against each; then the reminders and escalations sent to their role.

interface Reminder {
  orderNumber: string;
  at: string;
  kind: 'reminder' | 'escalation';
  type: string;
  detail: string;
}

export function WorkPage() {
  const { lang, me } = useConsole();
  const [rows, setRows] = useState<BoardRow[]>();
  const [reminders, setReminders] = useState<Reminder[]>([]);
  const [error, setError] = useState<string>();
  useEffect(() => {
    const refuse = (e: unknown) => setError(plainWords(e, lang));
    api<{ orders: BoardRow[] }>(`/board?owedBy=${encodeURIComponent(me.role)}&sort=waitingSince&order=asc&limit=200`).then(
      (b) => setRows(b.orders),
      refuse,
    );
    api<{ reminders: Reminder[] }>('/reminders').then((r) => setReminders(r.reminders), refuse);
  }, [me.role]);
  if (error) return <p class="refusal">{error}</p>;
  if (!rows) return <p>{say('loading', lang)}</p>;
  return (
    <section>
      <h1>{say('work', lang)}</h1>
      {rows.length === 0 ? (
        <p>{say('nothing', lang)}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{say('order', lang)}</th>
              <th>{say('customer', lang)}</th>
              <th>{say('stage', lang)}</th>
              <th>{say('waitingSince', lang)}</th>
              <th>{say('clock', lang)}</th>
              <th>{say('amount', lang)}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((o) => {
              // The clock that runs out first is the one against this step.
              const next = [...o.openClocks].sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
              const against = next && clockAgainst(next.dueAt, lang);
              return (
                <tr>
                  <td>
                    <a href={`#/orders/${encodeURIComponent(o.orderNumber)}`}>{o.orderNumber}</a>
                  </td>
                  <td>{o.customer.name}</td>
                  <td>{label(stageLabels, o.stage, lang)}</td>
                  <td>{companyTime(o.waitingSince, me.timeZone)}</td>
                  <td class={against?.overdue ? 'late' : ''}>{against?.text ?? '—'}</td>
                  <td>{yuan(o.amount)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h2>{say('notices', lang)}</h2>
      {reminders.length === 0 ? (
        <p>{say('nothing', lang)}</p>
      ) : (
        <table class="reminders">
          <tbody>
            {reminders.map((r) => (
              <tr class={r.kind}>
                <td>{companyTime(r.at, me.timeZone)}</td>
                <td>
                  <a href={`#/orders/${encodeURIComponent(r.orderNumber)}`}>{r.orderNumber}</a>
                </td>
                <td>
                  <strong>
                    {label(timelineKindLabels, r.kind, lang)} · {label(clockLabels, r.type, lang)}
                  </strong>
                  <br />
                  <small>{r.detail}</small>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
