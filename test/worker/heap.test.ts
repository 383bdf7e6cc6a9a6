import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { semiSpaceMiB } from '../../worker/worker';

// The worker bounds the heap of the thread its workflows run in by V8 flags (worker/worker.ts), because the SDK
// creates that thread without limits of its own. Checked in a process of its own (the flags are process-wide):
// a thread created after `limitWorkflowHeap` gets an old generation of the given size and a young one of two
// semi-spaces of `semiSpaceMiB`, which V8 counts three times in the heap's limit (the two and the large objects
// beside them). Node 20 would choose that young generation by itself; Node 26, the image's, 64 MiB, so there the
// young half fails without its flag.

const workerModule = path.join(__dirname, '..', '..', 'worker', 'worker.js');

function threadHeapLimitMiB(mib: number): number {
  const script = `
    require(${JSON.stringify(workerModule)}).limitWorkflowHeap(${mib});
    const { Worker } = require('node:worker_threads');
    const thread = new Worker(
      "require('node:worker_threads').parentPort.postMessage(require('node:v8').getHeapStatistics().heap_size_limit)",
      { eval: true },
    );
    thread.once('message', (limit) => { process.stdout.write(String(limit)); void thread.terminate(); });`;
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) / 2 ** 20;
}

describe("the workflow thread's heap", () => {
  it('is bounded by limitWorkflowHeap: the old generation as configured, the young at two semi-spaces', () => {
    assert.equal(threadHeapLimitMiB(256), 256 + 3 * semiSpaceMiB);
    assert.equal(threadHeapLimitMiB(512), 512 + 3 * semiSpaceMiB);
  });
});
