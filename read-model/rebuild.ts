import type { Client } from '@temporalio/client';
import { readModelQuery, workflowIdOf } from '../workflows/messages';
import * as sa from '../workflows/search-attributes';
import type { ReadModel } from './store';

// Re-projects every order from Temporal (npm run rebuild-read-model): the orders' tables are emptied,
// then each order on the task queue, open or closed, is asked for its row and whole timeline (the
// readModel query; a closed order is answered by replaying it). An order that projects itself
// meanwhile writes a higher revision, which wins; timeline entries are never written twice.

const prefix = workflowIdOf('');

export async function rebuildReadModel(
  client: Client,
  readModel: ReadModel,
  { taskQueue, concurrency = 8, log = () => {} }: { taskQueue: string; concurrency?: number; log?: (line: string) => void },
): Promise<number> {
  await readModel.clearOrders();
  // A task queue name is the operator's configuration; one that could break out of the literal is refused, not sent.
  if (/["\\\p{Cc}]/u.test(taskQueue)) throw new Error(`not a task queue name the visibility query can hold: ${JSON.stringify(taskQueue)}`);
  // One workflow per order: a run that continued as new is the same order as its next run.
  const query = `${sa.OrderStatus.name} IS NOT NULL AND ExecutionStatus != "ContinuedAsNew" AND TaskQueue = "${taskQueue}"`;
  const ids: string[] = [];
  for await (const execution of client.workflow.list({ query }))
    if (execution.workflowId.startsWith(prefix)) ids.push(execution.workflowId);
  let done = 0;
  const next = async (): Promise<void> => {
    const id = ids.shift();
    if (id === undefined) return;
    await readModel.project(await client.workflow.getHandle(id).query(readModelQuery));
    if (++done % 1000 === 0) log(`${done} orders re-projected`);
    return next();
  };
  await Promise.all(Array.from({ length: concurrency }, next));
  return done;
}
