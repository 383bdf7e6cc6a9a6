import { useEffect, useState } from 'preact/hooks';
import type { EventType } from '../workflows/domain/events';
import { api, plainWords } from './api';
import { say, useConsole } from './app-context';
import { clockAgainst, companyTime, complaintHref, resolutionOf, yuan } from './format';
import { channelLabels, clockLabels, eventLabels, label } from './labels';
import { EventForms, LineRows, loadOrder, Standing, Timeline, type LoadedOrder } from './order-parts';
import { Documents } from './documents';
import { complaintCategoryLabels, sayCustomer, wordOf } from './customer-words';

// 订单页: the order's header, its money, open clocks, the business timeline, and a form for every event
// this person may send now (GET /orders/{id}/allowed-events), each generated from the event's schema.

export function OrderPage({ id }: { id: string }) {
  const { lang, me } = useConsole();
  const [loaded, setLoaded] = useState<LoadedOrder>();
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const reload = () =>
    loadOrder(id).then(setLoaded, (e: unknown) => {
      setError(plainWords(e, lang));
    });
  useEffect(() => void reload(), [id]);
  if (error) return <p class="refusal">{error}</p>;
  if (!loaded) return <p>{say('loading', lang)}</p>;
  const { snapshot: s, timeline, events, schemas } = loaded;
  const totals = s.ledger?.totals;
  const send = async (type: EventType, data: Record<string, unknown>) => {
    try {
      await api(`/orders/${encodeURIComponent(id)}/events`, { method: 'POST', body: { type, data } });
    } catch (e) {
      return plainWords(e, lang, type);
    }
    setDone(label(eventLabels, type, lang));
    await reload();
    return undefined;
  };
  return (
    <article>
      <h1>
        {say('order', lang)} {s.orderNumber}
      </h1>
      <dl class="header">
        <dt>{say('customer', lang)}</dt>
        <dd>{s.customer.name}</dd>
        <dt>{say('channel', lang)}</dt>
        <dd>{label(channelLabels, s.channel, lang)}</dd>
        <Standing snapshot={s} />
        <dt>{say('refundDue', lang)}</dt>
        <dd>{yuan(totals?.refundDue ?? s.refundDue)}</dd>
      </dl>

      <h2>{say('versions', lang)}</h2>
      {/* Every version of the lines side by side, the current one last (需求变更 keeps the earlier ones). */}
      <div class="versions">
        {s.lineVersions.map((v) => (
          <table class="version">
            <caption>
              {say('version', lang)} {v.version} · {companyTime(v.since, me.timeZone)}
            </caption>
            <tbody>
              <LineRows lines={v.lines} />
              <tr>
                <th>{say('amount', lang)}</th>
                <td>{yuan(v.amount)}</td>
              </tr>
              <tr>
                <th>{say('promised', lang)}</th>
                <td>{v.promisedDate ?? '—'}</td>
              </tr>
            </tbody>
          </table>
        ))}
      </div>

      {/* printable documents */}
      <Documents id={s.orderNumber} />

      {s.complaints.length > 0 && (
        <>
          <h2>{say('complaints', lang)}</h2>
          <ul class="complaints">
            {s.complaints.map((c) => (
              <li>
                <a href={complaintHref(s.orderNumber, c.number)}>
                  {sayCustomer('complaint', lang)} {c.number}
                </a>{' '}
                {wordOf(complaintCategoryLabels, c.category, lang)}: {c.description} · {companyTime(c.filedAt, me.timeZone)} ·{' '}
                {c.resolvedAt ? `${say('resolved', lang)}: ${resolutionOf(c, lang)}` : say('open', lang)}
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>{say('clocks', lang)}</h2>
      {s.openClocks.length === 0 ? (
        <p>{say('nothing', lang)}</p>
      ) : (
        <ul class="clocks">
          {s.openClocks.map((c) => {
            const against = clockAgainst(c.dueAt, lang);
            return (
              <li class={against.overdue ? 'late' : ''}>
                {label(clockLabels, c.name, lang)}: {companyTime(c.dueAt, me.timeZone)} ({against.text})
              </li>
            );
          })}
        </ul>
      )}

      <h2>{say('actions', lang)}</h2>
      {done && (
        <p class="done" role="status">
          {say('sent', lang)}: {done}
        </p>
      )}
      {events.length === 0 && <p>{say('nothing', lang)}</p>}
      <EventForms events={events} schemas={schemas} send={send} />

      <h2>{say('timeline', lang)}</h2>
      <Timeline timeline={timeline} staff />
    </article>
  );
}
