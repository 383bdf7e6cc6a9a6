import type { TimelineEntry, TimelineKind } from '../workflows/domain/state';

// What a customer (distributor, store) reads of their order's timeline: where the order stands (status,
// promised date, the versions of its lines), their money, what they sent themselves and what was sent to
// them. Not the company's inside: staff events with their notes, reminders and escalations, notices to
// departments, refused events, dead letters, or complaint findings (the complaint's page shows its state).

const facts: ReadonlySet<TimelineKind> = new Set(['status-change', 'date-change', 'lines-version', 'money']);

export const customerTimeline = (entries: TimelineEntry[]) =>
  entries.filter(
    (e) => facts.has(e.kind) || (e.kind === 'event' && e.actor?.role === 'customer') || (e.kind === 'notification' && e.to === 'customer'),
  );
