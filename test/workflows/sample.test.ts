import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { simulate, type Scenario } from '../../scripts/simulator';
import { withOwnTimeSkippingServer } from '../support/servers';
import { entries } from '../support/scenario';

// The sample channel's shipped scenario (its journey is also a committed replay history) on the
// time-skipping test server, at the sample channel's default policy.

const dir = path.resolve(__dirname, '..', '..', '..', 'test', 'scenarios');
const HOUR = 3600_000;

describe('the sample channel in the shipped scenarios', function () {
  this.timeout(120_000);

  it('a sample confirmed after its 4-hour clock (the supervisor told once), sent by the warehouse, signed for, archived', async () => {
    const scenario = JSON.parse(fs.readFileSync(path.join(dir, 'sample-confirmed-late-sent-signed-for.json'), 'utf8')) as Scenario;
    const result = await withOwnTimeSkippingServer((env) => simulate(env, scenario));
    assert.equal(result.stage, 'archived');
    const [escalation, ...more] = entries(result.timeline, 'escalation', 'first-confirmation');
    assert.deepEqual([escalation?.to, more.length], ['supervisor', 0]);
    const receivedAt = Date.parse(result.snapshot.receivedAt);
    assert.ok(Math.abs(Date.parse(escalation.at) - receivedAt - 4 * HOUR) < 1000, escalation.at);
    assert.deepEqual(
      entries(result.timeline, 'notification', 'ship').map((t) => t.to),
      ['warehouse'],
    );
    assert.deepEqual(
      entries(result.timeline, 'event').map((t) => t.type),
      ['order-confirmed', 'shipped', 'signed-for'],
    );
  });
});
