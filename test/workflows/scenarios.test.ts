import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { simulate } from '../../scripts/simulator';
import { timeSkippingServer } from '../support/servers';
import { entries } from '../support/scenario';

// Every scenario shipped in test/scenarios runs in the simulator (as `npm run simulate` runs it).
const dir = path.resolve(__dirname, '..', '..', '..', 'test', 'scenarios');

describe('shipped scenarios (simulator)', function () {
  this.timeout(120_000);

  it('a large class C order with a late return, a delay told late, rework and its balance: every clock fires as the policy says', async () => {
    const result = await simulate(
      await timeSkippingServer(),
      JSON.parse(fs.readFileSync(path.join(dir, 'late-return-delay-and-balance.json'), 'utf8')),
    );
    assert.equal(result.stage, 'archived');
    assert.equal(result.originalPromisedDate, '2030-02-01');
    // Sent 15:00 day 1, returned 11:00 day 2: one day late, then the delay set 2030-02-10.
    assert.deepEqual(
      entries(result.timeline, 'date-change').map((t) => t.detail.split(':')[0]),
      ['none → 2030-02-01', '2030-02-01 → 2030-02-02', '2030-02-02 → 2030-02-10'],
    );
    assert.equal(entries(result.timeline, 'escalation', 'first-confirmation').length, 1, 'confirmed after 3 hours');
    assert.equal(entries(result.timeline, 'escalation', 'delay-notice').length, 1, 'told after 26 hours');
    assert.equal(entries(result.timeline, 'reminder', 'technical-order').length, 1, 'issued after 2 days 2 hours');
    assert.equal(entries(result.timeline, 'escalation', 'technical-order').length, 0);
    assert.equal(entries(result.timeline, 'rejected-event', 'shipped').length, 1, 'class C: not before the balance');
    assert.deepEqual(
      entries(result.timeline, 'rejected-event').map((t) => t.type),
      ['shipped'],
    );
    assert.equal(result.snapshot.shippingMode, 'special-vehicle', '¥10,500 is above the ¥10,000 threshold');
  });

  it('a custom order cancelled after its drawings were confirmed, by the supervisor only', async () => {
    const result = await simulate(
      await timeSkippingServer(),
      JSON.parse(fs.readFileSync(path.join(dir, 'custom-order-cancelled.json'), 'utf8')),
    );
    assert.equal(result.status, 'cancelled');
    assert.match(entries(result.timeline, 'rejected-event', 'cancelled')[0].detail, /sales-rep may not send cancelled/);
  });
});

describe('npm run simulate -- <scenario> --json', function () {
  this.timeout(120_000);

  it('prints one JSON document and nothing else: every snapshot key (null where unset), the money, the amendments and the timeline', () => {
    const run = spawnSync(
      process.execPath,
      [path.join(__dirname, '..', '..', 'scripts', 'simulate.js'), path.join(dir, 'custom-order-cancelled.json'), '--json'],
      {
        encoding: 'utf8',
        timeout: 110_000,
      },
    );
    assert.equal(run.status, 0, run.stderr);
    const printed = JSON.parse(run.stdout) as Record<string, unknown>;
    assert.equal(printed.status, 'cancelled');
    for (const key of ['promisedDate', 'originalPromisedDate', 'emergencyRelease']) assert.equal(printed[key], null, key);
    for (const key of ['amount', 'received', 'balanceDue', 'refundDue']) assert.equal(typeof printed[key], 'number', key);
    assert.ok(Array.isArray(printed.amendments) && Array.isArray(printed.timeline));
  });
});
