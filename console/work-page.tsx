import { useEffect, useState } from 'preact/hooks';
import { api, plainWords } from './api';
import { say, useConsole } from './app-context';
import { clockAgainst, companyTime, complaintHref, said, yuan } from './format';
import { clockLabels, complaintEventLabels, complaintStageLabels, eventLabels, label, stageLabels, timelineKindLabels } from './labels';
import { complaintCategoryLabels, sayCustomer, wordOf } from './customer-words';
import type { BoardRow } from './board-page';

// 我的待办: the open orders whose next step the person owes (GET /my-work: a sales rep's own orders, the role's
// for everyone else), the longest waiting first, with the clock that runs against each; the complaints whose next
// step they may take, the longest open first; then the reminders and escalations addressed to them.

interface Reminder {
  orderNumber: string;
  at: string;
  kind: 'reminder' | 'escalation';
  type: string;
  detail: string;
}

interface ComplaintWork {
  orderNumber: string;
  number: number;
  customer: string;
  category: string;
  stage: string;
  nextEvents: string[];
  filedAt: string;
}

interface MyWork {
  /** Board rows, with the next step's events. */
  orders: (BoardRow & { nextEvents: string[] })[];
  complaints: ComplaintWork[];
  reminders: Reminder[];
}

export function WorkPage() {
  const { lang, me } = useConsole();
  const [work, setWork] = useState<MyWork>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    api<MyWork>('/my-work').then(setWork, (e: unknown) => setError(plainWords(e, lang)));
  }, [me.id]);
  if (error) return <p class="refusal">{error}</p>;
  if (!work) return <p>{say('loading', lang)}</p>;
  const { orders: rows, complaints, reminders } = work;
  const and = lang === 'zh' ? '、' : ', ';
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
              <th>{say('waitsFor', lang)}</th>
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
                  <td>{o.nextEvents.map((e) => label(eventLabels, e, lang)).join(and)}</td>
                  <td>{companyTime(o.waitingSince, me.timeZone)}</td>
                  <td class={against?.overdue ? 'late' : ''}>{against?.text ?? '—'}</td>
                  <td>{yuan(o.amount)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h2>{say('complaintsToHandle', lang)}</h2>
      {complaints.length === 0 ? (
        <p>{say('nothing', lang)}</p>
      ) : (
        <table class="complaints">
          <thead>
            <tr>
              <th>{sayCustomer('complaint', lang)}</th>
              <th>{say('customer', lang)}</th>
              <th>{sayCustomer('category', lang)}</th>
              <th>{sayCustomer('complaintStage', lang)}</th>
              <th>{say('waitsFor', lang)}</th>
              <th>{sayCustomer('filedAt', lang)}</th>
            </tr>
          </thead>
          <tbody>
            {complaints.map((c) => (
              <tr>
                <td>
                  <a href={complaintHref(c.orderNumber, c.number)}>
                    {c.orderNumber} · {sayCustomer('complaint', lang)} {c.number}
                  </a>
                </td>
                <td>{c.customer}</td>
                <td>{wordOf(complaintCategoryLabels, c.category, lang)}</td>
                <td>{label(complaintStageLabels, c.stage, lang)}</td>
                <td>{c.nextEvents.map((e) => label(complaintEventLabels, e, lang)).join(and)}</td>
                <td>{companyTime(c.filedAt, me.timeZone)}</td>
              </tr>
            ))}
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
                  <small>{said(r, lang)}</small>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
