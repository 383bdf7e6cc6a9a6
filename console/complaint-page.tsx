import { useEffect, useState } from 'preact/hooks';
import type { ComplaintSnapshot } from '../workflows/domain/complaints';
import { api, plainWords } from './api';
import { Decision } from './customer-orders-page';
import { say, useConsole } from './app-context';
import { complaintCategoryLabels, complaintStageLabels, sayCustomer, visitOutcomeLabels, wordOf } from './customer-words';
import { companyTime } from './format';

// 投诉页: one complaint of an order (GET /orders/{id}/complaints/{n}, its own workflow) as whoever may read the
// order follows it: what was filed, where it stands, the visits and when it closed. The finding (cause,
// responsible party) is the company's: staff read it on the order's timeline.

export function ComplaintPage({ orderNumber, number }: { orderNumber: string; number: number }) {
  const { lang, me } = useConsole();
  const [complaint, setComplaint] = useState<ComplaintSnapshot>();
  const [error, setError] = useState<string>();
  const orderLink = `#/orders/${encodeURIComponent(orderNumber)}`;
  useEffect(() => {
    api<ComplaintSnapshot>(`/orders/${encodeURIComponent(orderNumber)}/complaints/${number}`).then(setComplaint, (e: unknown) =>
      setError(plainWords(e, lang)),
    );
  }, []);
  if (error) return <p class="refusal">{error}</p>;
  if (!complaint) return <p>{say('loading', lang)}</p>;
  // 直至客户满意为止: once a visit fixed it, the customer says whether it is solved (staff record it with the customer's written word).
  const asked = me.role === 'customer' && complaint.expectedEvents.includes('customer-satisfied');
  const answer = async (type: 'customer-satisfied' | 'customer-not-satisfied', data: Record<string, unknown>) => {
    try {
      const sent = await api<{ complaint: ComplaintSnapshot }>(`/orders/${encodeURIComponent(orderNumber)}/complaints/${number}/events`, {
        method: 'POST',
        body: { type, data },
      });
      setComplaint(sent.complaint);
      return undefined;
    } catch (e) {
      return plainWords(e, lang);
    }
  };
  return (
    <article>
      <h1>
        {say('order', lang)} {orderNumber} · {sayCustomer('complaint', lang)} {complaint.number}
      </h1>
      <dl class="header">
        <dt>{sayCustomer('category', lang)}</dt>
        <dd>{wordOf(complaintCategoryLabels, complaint.category, lang)}</dd>
        <dt>{sayCustomer('complaintStage', lang)}</dt>
        <dd data-testid="complaint-stage">{wordOf(complaintStageLabels, complaint.stage, lang)}</dd>
        <dt>{sayCustomer('filedAt', lang)}</dt>
        <dd>{companyTime(complaint.filedAt, me.timeZone)}</dd>
        <dt>{sayCustomer('closedAt', lang)}</dt>
        <dd>{complaint.closedAt ? companyTime(complaint.closedAt, me.timeZone) : '—'}</dd>
        <dt>{sayCustomer('description', lang)}</dt>
        <dd>{complaint.description}</dd>
      </dl>
      <h2>{sayCustomer('visits', lang)}</h2>
      {complaint.visits.length === 0 ? (
        <p>{say('nothing', lang)}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{sayCustomer('visitDate', lang)}</th>
              <th>{sayCustomer('team', lang)}</th>
              <th>{sayCustomer('outcome', lang)}</th>
            </tr>
          </thead>
          <tbody>
            {complaint.visits.map((v) => (
              <tr>
                <td>{v.visitDate}</td>
                <td>{v.team}</td>
                <td>{v.outcome ? wordOf(visitOutcomeLabels, v.outcome, lang) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {asked && (
        <section aria-label={sayCustomer('solved', lang)}>
          <h2>{sayCustomer('solved', lang)}</h2>
          <Decision
            yes={sayCustomer('satisfied', lang)}
            no={sayCustomer('notSatisfied', lang)}
            onYes={() => answer('customer-satisfied', {})}
            onNo={(reason) => answer('customer-not-satisfied', { reason })}
          />
        </section>
      )}
      <p>
        <a href={orderLink}>{sayCustomer('backToOrder', lang)}</a>
      </p>
    </article>
  );
}
