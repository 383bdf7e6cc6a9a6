import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { workflowBundlePath } from '../../worker/worker';
import '../support/servers'; // installs the SDK Runtime once for the run

// Histories of finished orders, recorded by `npm run record-histories` and committed, replayed
// against today's workflow code: a change that would break running orders fails here.

const dir = path.resolve(__dirname, '..', '..', '..', 'test', 'histories');
const load = (file: string) => temporal.api.history.v1.History.fromObject(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
const replay = (history: temporal.api.history.v1.IHistory) =>
  Worker.runReplayHistory({ workflowBundle: { codePath: workflowBundlePath() } }, history);

describe('replay of committed order histories', () => {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();

  it('has histories to replay', () => {
    assert.ok(files.length >= 3, files.join(', '));
  });

  it('has a run that continued as new among them (orders continue as new in any stage)', () => {
    const continued = files.filter((file) => load(file).events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes);
    assert.ok(continued.length >= 1, files.join(', '));
  });

  it('has an order from before change orders were assessed: an amount set by the asker, change events refused as signals', () => {
    // Recorded with the code of d04caa8; its signalled change events replay as judged then (patch change-orders).
    const signals = load('change-before-assessment.json').events.filter((e) => e.workflowExecutionSignaledEventAttributes);
    assert.equal(signals.length, 2);
  });

  for (const file of files) {
    it(`replays ${file} with the current workflow code`, async () => {
      await replay(load(file));
    });
  }

  it('fails on a history the code would not produce (the check can fail)', async () => {
    const history = load('standard-happy-path.json');
    const scheduled = history.events.find((e) => e.activityTaskScheduledEventAttributes)!;
    scheduled.activityTaskScheduledEventAttributes!.activityType = { name: 'sendFax' };
    await assert.rejects(replay(history), DeterminismViolationError);
  });
});
