import { defaultPayloadConverter } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import type { temporal } from '@temporalio/proto';
import { workflowBundlePath } from '../../worker/worker';

// Replays a committed history (test/histories) against the workflow bundle `npm run build` made.

/**
 * The workflow ID the history ran under, where the code depends on it: an order names its complaints'
 * workflows after its own (complaintWorkflowIdOf). A history does not hold its own ID; the replayer
 * makes one up otherwise.
 */
function workflowIdOf(history: temporal.api.history.v1.IHistory): string | undefined {
  const child = history.events?.find((e) => e.startChildWorkflowExecutionInitiatedEventAttributes);
  return child?.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId?.replace(/-complaint-\d+$/, '');
}

export const replay = (history: temporal.api.history.v1.IHistory) =>
  Worker.runReplayHistory({ workflowBundle: { codePath: workflowBundlePath() } }, history, workflowIdOf(history));

/** The patch ids a history's markers record, in order (a run under a baseline records the baseline's alone). */
export const patchIdsOf = (events: temporal.api.history.v1.IHistoryEvent[]) =>
  events
    .filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch')
    .map(
      (e) => defaultPayloadConverter.fromPayload<{ id: string }>(e.markerRecordedEventAttributes!.details!['patch-data'].payloads![0]).id,
    );
