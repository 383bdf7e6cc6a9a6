import type { Role } from '../workflows/domain/order';
import type { OrderSnapshot } from '../workflows/domain/snapshot';
import type { TimelineEntry, TimelineKind } from '../workflows/domain/state';

// What a customer (distributor, store) reads of their order. Of its timeline: where the order stands (status,
// promised date, the versions of its lines), their money, what they sent themselves and what was sent to
// them. Not the company's inside: staff events with their notes, reminders and escalations, notices to
// departments, refused events, dead letters, or complaint findings (the complaint's page shows its state).

const facts: ReadonlySet<TimelineKind> = new Set(['status-change', 'date-change', 'lines-version', 'money']);

export const customerTimeline = (entries: TimelineEntry[]) =>
  entries.filter(
    (e) => facts.has(e.kind) || (e.kind === 'event' && e.actor?.role === 'customer') || (e.kind === 'notification' && e.to === 'customer'),
  );

/**
 * Of its snapshot, the same shape without the company's inside: no open clocks (reminders and
 * escalations to staff), no supervision or QC failures, no emergency release (its reason is staff's),
 * and delays without whether a supervisor verified them as force majeure (that is about the rep).
 */
export const customerSnapshot = (snapshot: OrderSnapshot): OrderSnapshot => ({
  ...snapshot,
  openClocks: [],
  needsSupervisor: false,
  qcFailures: 0,
  emergencyRelease: null,
  delays: snapshot.delays.map(({ forceMajeureClaimed: _claimed, forceMajeure: _verified, ...delay }) => delay),
});

/** The snapshot as this person may read it. */
export const snapshotFor = (role: Role, snapshot: OrderSnapshot): OrderSnapshot =>
  role === 'customer' ? customerSnapshot(snapshot) : snapshot;
