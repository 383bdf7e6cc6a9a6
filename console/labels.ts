import type { Label } from '../workflows/domain/labels';

// The console's words for the domain's names: the shared labels (workflows/domain/labels.ts, also the
// Temporal UI's and the group robots'), Chinese first, English by choice.
export {
  clockLabels,
  complaintEventLabels,
  complaintStageLabels,
  eventTypeLabels as eventLabels,
  eventActionLabels as actionLabels,
  roleLabels,
  stageLabels,
  statusLabels,
  timelineKindLabels,
  // inbox: the New order form's channels
  channelLabels,
} from '../workflows/domain/labels';

export type Lang = 'zh' | 'en';

/** The label of a domain name; the name itself when it has none (a name from a newer server). */
export function label<K extends string>(labels: Record<K, Label>, key: string, lang: Lang): string {
  const entry = (labels as Record<string, Label | undefined>)[key];
  return entry ? entry[lang] : key;
}
