import { useEffect, useState } from 'preact/hooks';
import type { Customer, customerHistory } from '../read-model/customers';
import { api, ApiError, plainWords } from './api';
import { say, useConsole } from './app-context';
import { complaintCategoryLabels, sayCustomer, wordOf } from './customer-words';
import { companyTime, complaintHref, resolutionOf, yuan } from './format';
import { label, stageLabels } from './labels';
import type { BoardRow } from './board-page';

// 客户档案: a customer's file (POST/GET /customers), created before their first order when the company
// requires one (New order links here on `422 customer-file-missing`), and read with what the customer
// owes, their open orders and their complaints (how each closed, in the reader's language). The API
// checks every field again; the form spares the obvious round trip.

interface Contact {
  name: string;
  phone: string;
  email: string;
  role: string;
}

interface History {
  balanceOwed: number;
  openOrders: BoardRow[];
  complaints: Awaited<ReturnType<typeof customerHistory>>['complaints'];
}

const noContact: Contact = { name: '', phone: '', email: '', role: '' };
const contactFields: [keyof Contact, Parameters<typeof sayCustomer>[0]][] = [
  ['name', 'contactName'],
  ['phone', 'phone'],
  ['email', 'email'],
  ['role', 'contactRole'],
];
const classes = ['A', 'B', 'C'] as const;

/** The request body from the form: empty optional fields left out, yuan to fen. */
function bodyOf(form: FormData, contacts: Contact[]) {
  const text = (name: string) => String(form.get(name) ?? '').trim() || undefined;
  const creditLimit = text('creditLimit');
  const salesRep = text('salesRepId');
  return {
    id: text('id'),
    name: text('name'),
    class: text('class'),
    paymentTerms: text('paymentTerms'),
    creditLimit: creditLimit === undefined ? undefined : Math.round(Number(creditLimit) * 100),
    salesRep: salesRep === undefined ? undefined : { id: salesRep, name: text('salesRepName') },
    region: text('region'),
    contacts: contacts
      .filter((c) => c.name.trim() !== '')
      .map((c) =>
        Object.fromEntries(
          Object.entries(c)
            .filter(([, v]) => v.trim() !== '')
            .map(([k, v]) => [k, v.trim()]),
        ),
      ),
  };
}

function Field({
  name,
  word,
  required,
  ...input
}: { name: string; word: Parameters<typeof sayCustomer>[0]; required?: boolean } & Record<string, unknown>) {
  const { lang } = useConsole();
  return (
    <div class="field">
      <label for={`cf-${name}`}>
        {sayCustomer(word, lang)}
        {required ? ' *' : ''}
      </label>
      <input id={`cf-${name}`} name={name} required={required} {...input} />
    </div>
  );
}

/** 新建客户档案 (with the id New order named, when it sent the person here), and the look-up of a file by id. */
function NewCustomerFile({ id }: { id?: string }) {
  const { lang } = useConsole();
  const [contacts, setContacts] = useState<Contact[]>([noContact]);
  const [refusal, setRefusal] = useState<string>();
  const [busy, setBusy] = useState(false);
  const setContact = (i: number, key: keyof Contact) => (e: Event) =>
    setContacts(contacts.map((c, j) => (j === i ? { ...c, [key]: (e.currentTarget as HTMLInputElement).value } : c)));
  const create = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const created = await api<Customer>('/customers', {
        method: 'POST',
        body: bodyOf(new FormData(e.currentTarget as HTMLFormElement), contacts),
      });
      location.hash = `#/customers/${encodeURIComponent(created.id)}`;
    } catch (thrown) {
      setRefusal(plainWords(thrown, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section>
      <h1>{sayCustomer('customerFile', lang)}</h1>
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          const wanted = String(new FormData(e.currentTarget).get('find') ?? '').trim();
          if (wanted) location.hash = `#/customers/${encodeURIComponent(wanted)}`;
        }}
      >
        <label for="cf-find">{sayCustomer('findFile', lang)}</label>
        <input id="cf-find" name="find" type="search" />
        <button type="submit">{sayCustomer('find', lang)}</button>
      </form>

      <h2>{sayCustomer('newFile', lang)}</h2>
      <form onSubmit={(e) => void create(e)}>
        <Field name="id" word="customerId" required defaultValue={id} maxLength={64} />
        <Field name="name" word="customerName" required maxLength={200} />
        <div class="field">
          <label for="cf-class">{sayCustomer('customerClass', lang)} *</label>
          <select id="cf-class" name="class" required>
            <option value="" />
            {classes.map((c) => (
              <option value={c}>{c}</option>
            ))}
          </select>
        </div>
        <Field name="paymentTerms" word="paymentTerms" maxLength={200} />
        <Field name="creditLimit" word="creditLimit" type="number" step="0.01" min={0} />
        <Field name="salesRepId" word="salesRepId" maxLength={64} />
        <Field name="salesRepName" word="salesRepName" maxLength={120} />
        <Field name="region" word="region" maxLength={120} />
        <fieldset>
          <legend>{sayCustomer('contacts', lang)}</legend>
          {contacts.map((c, i) => (
            <div class="contact" role="group" aria-label={`${sayCustomer('contacts', lang)} ${i + 1}`}>
              {contactFields.map(([key, word]) => (
                <div class="field">
                  <label for={`cf-contact-${i}-${key}`}>{sayCustomer(word, lang)}</label>
                  <input id={`cf-contact-${i}-${key}`} type="text" value={c[key]} onInput={setContact(i, key)} />
                </div>
              ))}
              <button type="button" onClick={() => setContacts(contacts.filter((_, j) => j !== i))}>
                {sayCustomer('removeContact', lang)}
              </button>
            </div>
          ))}
          <button type="button" onClick={() => setContacts([...contacts, noContact])}>
            {sayCustomer('addContact', lang)}
          </button>
        </fieldset>
        {refusal && (
          <p class="refusal" role="alert">
            {refusal}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {sayCustomer('saveFile', lang)}
        </button>
      </form>
    </section>
  );
}

/** A customer's file, with what they owe, their open orders and their complaints (GET /customers/{id} and its history). */
function CustomerFile({ id }: { id: string }) {
  const { lang, me } = useConsole();
  const [file, setFile] = useState<{ customer: Customer; history: History }>();
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => {
    const path = `/customers/${encodeURIComponent(id)}`;
    Promise.all([api<Customer>(path), api<History>(`${path}/history`)]).then(
      ([customer, history]) => setFile({ customer, history }),
      (e: unknown) => (e instanceof ApiError && e.status === 404 ? setMissing(true) : setError(plainWords(e, lang))),
    );
  }, []);
  if (missing)
    return (
      <section>
        <h1>{sayCustomer('customerFile', lang)}</h1>
        <p class="refusal">
          {sayCustomer('noFile', lang)}: {id}
        </p>
        <a href={`#/customers?id=${encodeURIComponent(id)}`}>{sayCustomer('createFileFor', lang)}</a>
      </section>
    );
  if (error) return <p class="refusal">{error}</p>;
  if (!file) return <p>{say('loading', lang)}</p>;
  const { customer: c, history } = file;
  return (
    <article>
      <h1>
        {sayCustomer('customerFile', lang)} {c.id}
      </h1>
      <dl class="header">
        <dt>{sayCustomer('customerName', lang)}</dt>
        <dd>{c.name}</dd>
        <dt>{sayCustomer('customerClass', lang)}</dt>
        <dd data-testid="customer-class">{c.class}</dd>
        <dt>{sayCustomer('paymentTerms', lang)}</dt>
        <dd>{c.paymentTerms ?? '—'}</dd>
        <dt>{sayCustomer('creditLimit', lang)}</dt>
        <dd>{c.creditLimit == null ? '—' : yuan(c.creditLimit)}</dd>
        <dt>{say('salesRep', lang)}</dt>
        <dd>{c.salesRep ? (c.salesRep.name ?? c.salesRep.id) : '—'}</dd>
        <dt>{sayCustomer('region', lang)}</dt>
        <dd>{c.region ?? '—'}</dd>
        <dt>{sayCustomer('balanceOwed', lang)}</dt>
        <dd>{yuan(history.balanceOwed)}</dd>
      </dl>
      <table>
        <caption>{sayCustomer('contacts', lang)}</caption>
        <thead>
          <tr>
            <th>{sayCustomer('contactName', lang)}</th>
            <th>{sayCustomer('phone', lang)}</th>
            <th>{sayCustomer('email', lang)}</th>
            <th>{sayCustomer('contactRole', lang)}</th>
          </tr>
        </thead>
        <tbody>
          {c.contacts.map((contact) => (
            <tr>
              <td>{contact.name}</td>
              <td>{contact.phone ?? ''}</td>
              <td>{contact.email ?? ''}</td>
              <td>{contact.role ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>{sayCustomer('classHistory', lang)}</caption>
        <thead>
          <tr>
            <th>{say('version', lang)}</th>
            <th>{sayCustomer('customerClass', lang)}</th>
            <th>{sayCustomer('validFrom', lang)}</th>
            <th>{sayCustomer('changedBy', lang)}</th>
          </tr>
        </thead>
        <tbody>
          {c.classHistory.map((v) => (
            <tr>
              <td>{v.version}</td>
              <td>{v.class}</td>
              <td>{companyTime(v.validFrom, me.timeZone)}</td>
              <td>{v.changedBy}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{sayCustomer('openOrders', lang)}</h2>
      {history.openOrders.length === 0 ? (
        <p>{say('nothing', lang)}</p>
      ) : (
        <ul>
          {history.openOrders.map((o) => (
            <li>
              <a href={`#/orders/${encodeURIComponent(o.orderNumber)}`}>{o.orderNumber}</a> · {label(stageLabels, o.stage, lang)} ·{' '}
              {yuan(o.balanceDue)}
            </li>
          ))}
        </ul>
      )}
      <h2>{say('complaints', lang)}</h2>
      {history.complaints.length === 0 ? (
        <p>{say('nothing', lang)}</p>
      ) : (
        <ul class="complaints">
          {history.complaints.map((c) => (
            <li>
              <a href={complaintHref(c.orderNumber, c.number)}>
                {c.orderNumber} · {sayCustomer('complaint', lang)} {c.number}
              </a>{' '}
              {wordOf(complaintCategoryLabels, c.category, lang)} · {companyTime(c.filedAt, me.timeZone)} ·{' '}
              {c.resolvedAt
                ? `${say('resolved', lang)} ${companyTime(c.resolvedAt, me.timeZone)}: ${resolutionOf(c, lang)}`
                : say('open', lang)}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="#/new">{sayCustomer('newOrderForIt', lang)}</a>
      </p>
    </article>
  );
}

/** 客户档案: `#/customers` (look-up and a new file; `?id=` names the customer), `#/customers/{id}` (the file). */
export function CustomerFilePage({ id, newId }: { id?: string; newId?: string }) {
  return id ? <CustomerFile id={id} /> : <NewCustomerFile id={newId} />;
}
