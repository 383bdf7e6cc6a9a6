import type { EventType } from '../workflows/domain/events';
import type { OrderLine } from '../workflows/domain/order';
import type { OrderSnapshot } from '../workflows/domain/snapshot';
import type { TimelineEntry } from '../workflows/domain/state';
import { api } from './api';
import { say, useConsole } from './app-context';
import { companyTime, said, yuan } from './format';
import { actionLabels, eventLabels, label, roleLabels, stageLabels, statusLabels, timelineKindLabels } from './labels';
import { openApi } from './openapi';
import { SchemaForm, type JsonSchema } from './schema-form';

// The parts the staff's order page and the customer's share: what they load, where the order stands, the forms of
// the events the person may send, and the business timeline (the staff also see who did each thing, in which role).

export interface LoadedOrder {
  snapshot: OrderSnapshot;
  timeline: TimelineEntry[];
  events: EventType[];
  schemas: Partial<Record<string, JsonSchema>>;
}

/** The order as the person may see it, its timeline, the events they may send now and those events' forms. */
export async function loadOrder(id: string): Promise<LoadedOrder> {
  const path = `/orders/${encodeURIComponent(id)}`;
  const [snapshot, { timeline }, { events }, schemas] = await Promise.all([
    api<OrderSnapshot>(path),
    api<{ timeline: TimelineEntry[] }>(`${path}/timeline`),
    api<{ events: EventType[] }>(`${path}/allowed-events`),
    openApi().then((doc) => doc.eventData),
  ]);
  return { snapshot, timeline, events, schemas };
}

/** Where the order stands, for a header's list: status, stage, dates, lateness and its money (the ledger's, when it has one). */
export function Standing({ snapshot: s }: { snapshot: OrderSnapshot }) {
  const { lang } = useConsole();
  const totals = s.ledger?.totals;
  return (
    <>
      <dt>{say('status', lang)}</dt>
      <dd>{label(statusLabels, s.status, lang)}</dd>
      <dt>{say('stage', lang)}</dt>
      <dd data-testid="stage">{label(stageLabels, s.stage, lang)}</dd>
      <dt>{say('promised', lang)}</dt>
      <dd>{s.promisedDate ?? '—'}</dd>
      <dt>{say('original', lang)}</dt>
      <dd>{s.originalPromisedDate ?? '—'}</dd>
      <dt>{say('daysLate', lang)}</dt>
      <dd class={s.late ? 'late' : ''}>{s.late ? s.daysLate : 0}</dd>
      <dt>{say('contract', lang)}</dt>
      <dd>{yuan(totals?.contract ?? s.amount)}</dd>
      <dt>{say('received', lang)}</dt>
      <dd>{yuan(totals?.received ?? s.received)}</dd>
      <dt>{say('balance', lang)}</dt>
      <dd data-testid="balance">{yuan(totals?.balance ?? s.balanceDue)}</dd>
    </>
  );
}

/** An order's lines as table rows: the product, and quantity × unit price. */
export function LineRows({ lines }: { lines: readonly OrderLine[] }) {
  return (
    <>
      {lines.map((line) => (
        <tr>
          <td>{line.productCode}</td>
          <td>
            {line.quantity} × {yuan(line.unitPrice)}
          </td>
        </tr>
      ))}
    </>
  );
}

export function EventForms(props: {
  events: EventType[];
  schemas: Partial<Record<string, JsonSchema>>;
  send: (type: EventType, data: Record<string, unknown>) => Promise<string | undefined>;
}) {
  const { lang } = useConsole();
  return (
    <>
      {props.events.map((type) => (
        <details key={type} class="event-form" data-event={type}>
          <summary>{label(actionLabels, type, lang)}</summary>
          <SchemaForm
            form={type}
            schema={props.schemas[type] ?? { type: 'object' }}
            submitLabel={say('send', lang)}
            onSubmit={(data) => props.send(type, data)}
          />
        </details>
      ))}
    </>
  );
}

export function Timeline({ timeline, staff }: { timeline: TimelineEntry[]; staff: boolean }) {
  const { lang, me } = useConsole();
  return (
    <table class="timeline">
      <thead>
        <tr>
          <th>{say('when', lang)}</th>
          {staff && <th>{say('who', lang)}</th>}
          {staff && <th>{say('role', lang)}</th>}
          <th>{say('what', lang)}</th>
        </tr>
      </thead>
      <tbody>
        {[...timeline].reverse().map((entry) => (
          <tr class={entry.kind}>
            <td>{companyTime(entry.at, me.timeZone)}</td>
            {staff && <td>{entry.actor?.name ?? entry.actor?.id ?? entry.person ?? ''}</td>}
            {staff && <td>{label(roleLabels, entry.actor?.role ?? entry.to ?? 'system', lang)}</td>}
            <td>
              <strong>
                {label(timelineKindLabels, entry.kind, lang)} ·{' '}
                {label({ ...statusLabels, ...stageLabels, ...eventLabels }, entry.type, lang)}
              </strong>
              {staff && entry.via === 'temporal' && ` ${say('byOperator', lang)}`}
              <br />
              <small>{said(entry, lang)}</small>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
