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
