import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { defaultPolicy } from '../../workflows/domain/policy';
import { replay } from '../support/histories';
import '../support/servers'; // installs the SDK Runtime once for the run

// An order whose policy has the watch clocks (overdue, stalled progress, arrival) but whose history
// was written by a worker without them (a rolling deploy: the API resolved the new policy, an old
// worker ran the order) replays as it ran: the clocks' commands stay behind patched('watch-clocks').

const dir = path.resolve(__dirname, '..', '..', '..', 'test', 'histories');
const watchClocks = {
  overdue: defaultPolicy.clocks.overdue,
  stalledProgress: defaultPolicy.clocks.stalledProgress,
  arrivalOverdue: defaultPolicy.clocks.arrivalOverdue,
};

/** The committed history, its start input's policy given the watch clocks (a fresh start or a continued run's state). */
function withWatchClocks(file: string): temporal.api.history.v1.History {
  const history = temporal.api.history.v1.History.fromObject(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
  const payload = history.events[0].workflowExecutionStartedEventAttributes!.input!.payloads![0];
  const input = JSON.parse(Buffer.from(payload.data!).toString('utf8'));
  const policy = (input.resume ?? input).policy;
  policy.clocks = { ...policy.clocks, ...watchClocks };
  payload.data = Buffer.from(JSON.stringify(input), 'utf8');
  return history;
}

describe('replay of committed histories whose policy has the watch clocks', () => {
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    it(`replays ${file}`, async () => {
      await replay(withWatchClocks(file));
    });
  }
});
