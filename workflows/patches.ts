import { patched as markedPatch } from '@temporalio/workflow';

// Every change of behaviour that running orders must not see is a patch (Temporal's `patched`):
// a run takes the new way once its history has the patch's marker. Each marker costs a run more
// than its event: the SDK's core upserts the TemporalChangeVersion search attribute beside it (one
// more event, and the run's visibility record written again), and an order consults a score of
// patches in its first events. So a run started on this code records one marker, the baseline,
// meaning "every patch below holds", and records none of theirs. Runs begun before the baseline
// have no baseline marker and consult each patch as they did, so their replay is unchanged.
// A patch added later is not in the baseline: it is recorded on its own, as usual.

const BASELINE = 'baseline-2026-12';

/** The patches the baseline stands for: all of them up to the baseline's month. */
const inBaseline: ReadonlySet<string> = new Set([
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
]);

// Module state is the run's own (the bundle's modules are evaluated for each workflow).
let baseline = false;

/** Consults the baseline: the first thing each workflow run does, before any other patch (its marker then leads the first workflow task). */
export function beginRun(): void {
  baseline = markedPatch(BASELINE);
}

/** Temporal's `patched`, answered by the baseline for the patches it stands for. */
export function patched(patchId: string): boolean {
  return (baseline && inBaseline.has(patchId)) || markedPatch(patchId);
}
