import { useEffect, useId, useState } from 'preact/hooks';
import type { EventType } from '../workflows/domain/events';
import type { OrderSnapshot } from '../workflows/domain/snapshot';
import { api, plainWords } from './api';
import { say, useConsole } from './app-context';
import { complaintCategoryLabels, complaintStageLabels, sayCustomer, wordOf } from './customer-words';
import { Documents } from './documents';
import { complaintHref, yuan } from './format';
import { eventLabels, label, statusLabels } from './labels';
import { EventForms, LineRows, loadOrder, Standing, Timeline, type LoadedOrder } from './order-parts';

// The customer's own view (a customer, distributor or store token): their orders with what is owed and when
// each is due, and an order as the customer sees it: its facts and money, the changes awaiting their word,
// their complaints, and a form for everything else they may send now. The API gives a customer's token only
// their own orders and, of the timeline, the order's facts (not the company's notes and reminders).

interface OrderListItem {
  orderNumber: string;
  status: string;
  stage: string;
  promisedDate: string | null;
  late: boolean;
  daysLate: number | null;
  amount: number;
  balanceDue: number;
}

/** 我的订单: the customer's orders (GET /orders answers a customer's token with theirs only). */
export function MyOrdersPage() {
  const { lang } = useConsole();
  const [orders, setOrders] = useState<OrderListItem[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    api<{ orders: OrderListItem[] }>('/orders?pageSize=100').then(
      (page) => setOrders(page.orders),
      (e: unknown) => setError(plainWords(e, lang)),
    );
  }, []);
  if (error) return <p class="refusal">{error}</p>;
  if (!orders) return <p>{say('loading', lang)}</p>;
  return (
    <section>
      <h1>{say('myOrders', lang)}</h1>
      <p>
        {sayCustomer('owedTotal', lang)}: <strong data-testid="owed-total">{yuan(orders.reduce((sum, o) => sum + o.balanceDue, 0))}</strong>
      </p>
      <table>
        <thead>
          <tr>
            <th>{say('order', lang)}</th>
            <th>{say('status', lang)}</th>
            <th>{say('promised', lang)}</th>
            <th>{say('daysLate', lang)}</th>
            <th>{say('contract', lang)}</th>
            <th>{say('balance', lang)}</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => (
            <tr class={o.late ? 'late' : ''} data-order={o.orderNumber}>
              <td>
                <a href={`#/orders/${encodeURIComponent(o.orderNumber)}`}>{o.orderNumber}</a>
              </td>
              <td>{label(statusLabels, o.status, lang)}</td>
              <td>{o.promisedDate ?? '—'}</td>
              <td class="days-late">{o.late ? o.daysLate : ''}</td>
              <td>{yuan(o.amount)}</td>
              <td>{yuan(o.balanceDue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The events this page has its own forms for; any other the customer may send gets the generated form. */
const ownForms: EventType[] = ['change-confirmed', 'change-rejected', 'complaint-filed'];

/** 订单页 as the customer sees it. */
export function CustomerOrderPage({ id }: { id: string }) {
  const { lang } = useConsole();
  const [loaded, setLoaded] = useState<LoadedOrder>();
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const reload = () => loadOrder(id).then(setLoaded, (e: unknown) => setError(plainWords(e, lang)));
  useEffect(() => void reload(), [id]);
  if (error) return <p class="refusal">{error}</p>;
  if (!loaded) return <p>{say('loading', lang)}</p>;
  const { snapshot: s, timeline, events, schemas } = loaded;
  const may = (type: EventType) => events.includes(type);
  /** Sends an event; answers the refusal in plain words, or nothing and the order's new state. */
  const send = async (type: EventType, data: Record<string, unknown>, doneWord = label(eventLabels, type, lang)) => {
    let answer: { snapshot: OrderSnapshot };
    try {
      answer = await api(`/orders/${encodeURIComponent(id)}/events`, { method: 'POST', body: { type, data } });
    } catch (e) {
      return plainWords(e, lang);
    }
    if (type === 'complaint-filed') {
      // The new complaint has its own page, where the customer follows it.
      const filed = Math.max(...answer.snapshot.complaints.map((c) => c.number));
      location.hash = complaintHref(id, filed);
      return undefined;
    }
    // Said once the page shows the order as it now is.
    await reload();
    setDone(doneWord);
    return undefined;
  };
  const awaiting = s.amendments.filter((a) => a.state === 'awaiting-customer');
  const current = s.lineVersions.at(-1);
  return (
    <article>
      <h1>
        {say('order', lang)} {s.orderNumber}
      </h1>
      <dl class="header">
        <Standing snapshot={s} />
      </dl>
      {done && (
        <p class="done" role="status">
          {say('sent', lang)}: {done}
        </p>
      )}

      {current && (
        <table class="lines">
          <caption>{sayCustomer('lines', lang)}</caption>
          <thead>
            <tr>
              <th>{sayCustomer('product', lang)}</th>
              <th>{sayCustomer('quantity', lang)}</th>
              <th>{sayCustomer('unitPrice', lang)}</th>
            </tr>
          </thead>
          <tbody>
            {current.lines.map((line) => (
              <tr>
                <td>{line.productCode}</td>
                <td>{line.quantity}</td>
                <td>{yuan(line.unitPrice)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {/* 待签署文件: the order's documents, those awaiting the customer's signature marked 待签. */}
      <Documents id={id} />

      {awaiting.length > 0 && <h2>{sayCustomer('awaitingYou', lang)}</h2>}
      {awaiting.map((a) => (
        <section class="amendment" data-amendment={a.version} aria-label={`${sayCustomer('change', lang)} ${a.version}`}>
          <h3>
            {sayCustomer('change', lang)} {a.version}: {a.description}
          </h3>
          <dl class="header">
            <dt>{sayCustomer('newAmount', lang)}</dt>
            <dd>{a.newAmount === undefined ? '—' : yuan(a.newAmount)}</dd>
            <dt>{sayCustomer('newPromised', lang)}</dt>
            <dd>{a.newPromisedDate ?? s.promisedDate ?? '—'}</dd>
          </dl>
          {a.newLines && (
            <table>
              <tbody>
                <LineRows lines={a.newLines} />
              </tbody>
            </table>
          )}
          <Decision
            yes={may('change-confirmed') ? sayCustomer('confirmChange', lang) : undefined}
            no={may('change-rejected') ? sayCustomer('rejectChange', lang) : undefined}
            onYes={() => send('change-confirmed', { version: a.version }, sayCustomer('changeConfirmed', lang))}
            onNo={(reason) => send('change-rejected', { version: a.version, reason }, sayCustomer('changeRejected', lang))}
          />
        </section>
      ))}

      {(s.complaints.length > 0 || may('complaint-filed')) && <h2>{say('complaints', lang)}</h2>}
      {s.complaints.length > 0 && (
        <ul>
          {s.complaints.map((c) => (
            <li>
              <a href={complaintHref(id, c.number)}>
                {sayCustomer('complaint', lang)} {c.number}
              </a>{' '}
              {wordOf(complaintCategoryLabels, c.category, lang)} ·{' '}
              {c.stage ? wordOf(complaintStageLabels, c.stage, lang) : say(c.resolvedAt ? 'resolved' : 'open', lang)}
            </li>
          ))}
        </ul>
      )}
      {may('complaint-filed') && (
        <details class="event-form" data-event="complaint-filed">
          <summary>{sayCustomer('fileComplaint', lang)}</summary>
          <ComplaintForm onSubmit={(data) => send('complaint-filed', data)} />
        </details>
      )}

      {events.some((type) => !ownForms.includes(type)) && <h2>{sayCustomer('otherActions', lang)}</h2>}
      <EventForms events={events.filter((type) => !ownForms.includes(type))} schemas={schemas} send={send} />

      <h2>{say('timeline', lang)}</h2>
      <Timeline timeline={timeline} staff={false} />
    </article>
  );
}

/** What a form answers: the refusal to show, or nothing when it went through. */
export type Answer = Promise<string | undefined>;

/** A submission in flight and its refusal, for the small forms of this page. */
function useSubmission() {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  const submit = async (e: Event, act: () => Answer) => {
    e.preventDefault();
    setBusy(true);
    try {
      setRefusal(await act());
    } finally {
      setBusy(false);
    }
  };
  const shown = refusal && (
    <p class="refusal" role="alert">
      {refusal}
    </p>
  );
  return { busy, submit, shown };
}

/**
 * The customer's word on what awaits it: yes (确认变更, 满意), or no with the reason (拒绝变更, 不满意). Each side
 * shows when the customer may say it.
 */
export function Decision({ yes, no, onYes, onNo }: { yes?: string; no?: string; onYes: () => Answer; onNo: (reason: string) => Answer }) {
  const { lang } = useConsole();
  const [reason, setReason] = useState('');
  const { busy, submit, shown } = useSubmission();
  const id = useId();
  return (
    // Buttons, not a form: Enter in the reason must not say yes.
    <div class="decision">
      {yes && (
        <button type="button" disabled={busy} onClick={(e) => void submit(e, onYes)}>
          {yes}
        </button>
      )}
      {no && (
        <div class="field">
          <label for={id}>{sayCustomer('reason', lang)}</label>
          <input id={id} type="text" maxLength={2000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          <button type="button" disabled={busy || reason.trim() === ''} onClick={(e) => void submit(e, () => onNo(reason.trim()))}>
            {no}
          </button>
        </div>
      )}
      {shown}
    </div>
  );
}

/** 提交投诉: what kind of problem, and what is wrong, in the customer's words. */
function ComplaintForm({ onSubmit }: { onSubmit: (data: { category: string; description: string }) => Answer }) {
  const { lang } = useConsole();
  const [category, setCategory] = useState('');
  const [description, setDescription] = useState('');
  const { busy, submit, shown } = useSubmission();
  const id = useId();
  return (
    <form onSubmit={(e) => void submit(e, () => onSubmit({ category, description: description.trim() }))}>
      <div class="field">
        <label for={`${id}-category`}>{sayCustomer('category', lang)} *</label>
        <select id={`${id}-category`} required value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
          <option value="" />
          {Object.keys(complaintCategoryLabels).map((c) => (
            <option value={c}>{wordOf(complaintCategoryLabels, c, lang)}</option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${id}-description`}>{sayCustomer('description', lang)} *</label>
        <textarea
          id={`${id}-description`}
          required
          rows={3}
          maxLength={2000}
          value={description}
          onInput={(e) => setDescription(e.currentTarget.value)}
        />
      </div>
      {shown}
      <button type="submit" disabled={busy}>
        {sayCustomer('fileComplaint', lang)}
      </button>
    </form>
  );
}
