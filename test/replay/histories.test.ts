import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { DeterminismViolationError } from '@temporalio/workflow';
import { channels } from '../../workflows/channels';
import { orderComplaint } from '../../workflows/complaint';
import { baselines } from '../../workflows/patches';
import { patchIdsOf, replay } from '../support/histories';
import '../support/servers'; // installs the SDK Runtime once for the run

// Histories of orders on every channel and of their complaints, recorded by `npm run record-histories`
// and committed, replayed against today's workflow code: a change that would break running orders fails here.

const dir = path.resolve(__dirname, '..', '..', '..', 'test', 'histories');
const load = (file: string) => temporal.api.history.v1.History.fromObject(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
/** The workflow type a history ran (the replayer runs that workflow of the bundle). */
const workflowTypeOf = (history: temporal.api.history.v1.IHistory) =>
  history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? '';
const continuedAsNew = (history: temporal.api.history.v1.IHistory) =>
  !!history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes;
const started = (history: temporal.api.history.v1.IHistory) => history.events![0].workflowExecutionStartedEventAttributes!;

describe('replay of committed order histories', () => {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();

  it('has histories to replay', () => {
    assert.ok(files.length >= 3, files.join(', '));
  });

  it('has a run that continued as new among them (orders continue as new in any stage)', () => {
    const continued = files.filter((file) => continuedAsNew(load(file)));
    assert.ok(continued.length >= 1, files.join(', '));
  });

  // histories per channel
  it("has a history of every channel's workflow and of a complaint's, with its order's", () => {
    const histories = files.map(load);
    const types = new Set(histories.map(workflowTypeOf));
    const expected = [...Object.values(channels).map((c) => c.workflow.name), orderComplaint.name];
    assert.deepEqual(
      expected.filter((type) => !types.has(type)),
      [],
      `recorded: ${[...types].join(', ')}`,
    );
    const runs = new Set(histories.map((h) => started(h).originalExecutionRunId));
    const complaints = histories.filter((h) => workflowTypeOf(h) === orderComplaint.name);
    assert.ok(
      complaints.some((h) => runs.has(started(h).parentWorkflowExecution?.runId)),
      'the order run that started a complaint',
    );
  });

  it('has a non-standard order that continued as new, both its first and its continued run', () => {
    const histories = files.map(load).filter((h) => workflowTypeOf(h) !== channels.standard.workflow.name);
    const firstRuns = histories.filter(continuedAsNew);
    const continued = histories.filter((h) =>
      firstRuns.some((first) => started(h).continuedExecutionRunId === started(first).originalExecutionRunId),
    );
    assert.ok(continued.length >= 1, files.join(', '));
  });

  it('has an order from before change orders were assessed: an amount set by the asker, change events refused as signals', () => {
    // Recorded with the code of d04caa8; its signalled change events replay as judged then (patch change-orders).
    const signals = load('change-before-assessment.json').events.filter((e) => e.workflowExecutionSignaledEventAttributes);
    assert.equal(signals.length, 2);
  });

  it('has a run from before notices waited for the next run: it scheduled one as it continued as new (patch no-delivery-while-continuing-as-new)', () => {
    // Recorded with the code of b42d68d (the time-skipping server stalled after it; a leaked lock released by hand).
    const events = load('continued-as-new-as-a-notice-was-due.json').events;
    const lastTask = events.map((e) => !!e.workflowTaskCompletedEventAttributes).lastIndexOf(true);
    assert.ok(continuedAsNew({ events }));
    assert.ok(events.slice(lastTask).some((e) => e.activityTaskScheduledEventAttributes));
  });

  it('has runs recorded under each baseline (its one patch marker) and runs from before any (a marker per patch), a continued one and a complaint under each', () => {
    const patchesOf = (file: string) => patchIdsOf(load(file).events ?? []);
    for (const { id } of baselines) {
      const underBaseline = files.filter((file) => patchesOf(file).join() === id);
      assert.ok(
        underBaseline.some((file) => continuedAsNew(load(file))),
        `${id}: ${underBaseline.join(', ')}`,
      );
      assert.ok(
        underBaseline.some((file) => workflowTypeOf(load(file)) === orderComplaint.name),
        `${id}: ${underBaseline.join(', ')}`,
      );
    }
    assert.ok(
      files.some((file) => patchesOf(file).length > 1),
      'a run with a marker per patch',
    );
  });

  for (const file of files) {
    it(`replays ${file} (${workflowTypeOf(load(file))}) with the current workflow code`, async () => {
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
