import { patched as markedPatch } from '@temporalio/workflow';

// Every change of behaviour that running orders must not see is a patch (Temporal's `patched`):
// a run takes the new way once its history has the patch's marker. Each marker costs a run more
// than its event: the SDK's core upserts the TemporalChangeVersion search attribute beside it (one
// more event, and the run's visibility record written again), and an order consults a score of
// patches in its first events. So a run started on this code records one marker, the newest
// baseline, meaning "every patch it lists holds", and records none of theirs. Runs begun under an
// older baseline find its marker and answer from it; runs begun before any baseline consult each
// patch as they did, so every run replays unchanged. A patch added after the newest baseline is
// recorded on its own, as usual, until a newer baseline lists it too.

/** The patches the first baseline stands for. */
const first = [
  'answer-after-clocks',
  'answer-after-journey',
  'change-orders',
  'clocks-resume-where-they-were',
  'complaint-child-workflows',
  'continue-as-new-in-runtime',
  'in-step-with-journey',
  'lean-clock-wait',
  'lean-journey',
  'no-delivery-while-continuing-as-new',
  'payment-plans',
  'projection-pieces',
  'promised-date-at-company-noon',
  'read-model-projection',
  'received-at-start',
  'refuse-overpaying-signals',
  'rep-notices',
  'search-attributes-as-listed',
  'side-lines-in-one-scope',
  'side-lines-when-woken',
  'supervision-credit-and-receiving-time',
  'watch-clocks',
] as const;
/** The patches the second baseline stands for: the first's, and those added since. */
const second = [...first, 'views-in-one-wait'] as const;
/** The patches the third baseline stands for. */
const third = [...second, 'views-after-clocks'] as const;

/**
 * Every patch's id: `patched` takes no other, so a misspelt id does not compile. A patch added after
 * the newest baseline joins this type (and no baseline) until a newer baseline lists it.
 */
export type PatchId = (typeof third)[number];

/** The baselines, newest first. */
export const baselines: { id: string; patches: ReadonlySet<PatchId> }[] = [
  { id: 'baseline-2026-12-3', patches: new Set(third) },
  { id: 'baseline-2026-12-2', patches: new Set(second) },
  { id: 'baseline-2026-12', patches: new Set(first) },
];

// Module state is the run's own (the bundle's modules are evaluated for each workflow).
let standing: ReadonlySet<PatchId> = new Set();

/**
 * Consults the baselines: the first thing each workflow run does, before any other patch (its marker
 * then leads the first workflow task). A new run records the newest; a run replayed finds the one it
 * recorded (asking for a newer one first records nothing on replay).
 */
export function beginRun(): void {
  standing = baselines.find(({ id }) => markedPatch(id))?.patches ?? new Set();
}

/** Temporal's `patched`, answered by the run's baseline for the patches it stands for. */
export function patched(patchId: PatchId): boolean {
  return standing.has(patchId) || markedPatch(patchId);
}
