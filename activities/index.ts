import { ApplicationFailure, log } from '@temporalio/activity';
import type { ReadModel } from '../read-model/store';
import type { ProjectionBatch } from '../workflows/read-model';
import { FileOutbox, type OutboxMessage } from './outbox';
import { cardOf, robotAnswer, robotRequest, robotsFor, type RobotsConfig } from './robots';
import { reportActivities } from './reports';
import type { ReportSettings } from '../workflows/reports/types';

export interface ActivityDeps {
  outbox: FileOutbox;
  /** When set, every message is also POSTed here as JSON, with its key as the Idempotency-Key. */
  webhookUrl?: string;
  /** Group robots (WeCom, DingTalk, Feishu) and which roles' notices go to each. */
  robots?: RobotsConfig;
  /** Where the orders project themselves; none for the simulator, which shows the timeline itself. */
  readModel?: ReadModel;
  /** The calendar and the reports' policy for the company reports (none: this worker runs no reports). */
  reportSettings?: () => ReportSettings;
}

/** The failure type of a notice that no retry can deliver; the order dead-letters it at once. */
export const NOTICE_UNDELIVERABLE = 'NoticeUndeliverable';

// Outbox errors no retry cures: the directory (or a record) cannot be written by this worker, or a
// file stands where the directory should be (EEXIST, ENOTDIR).
const permanentFileErrors = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR', 'EEXIST']);

const undeliverable = (message: string) => ApplicationFailure.create({ type: NOTICE_UNDELIVERABLE, message, nonRetryable: true });

/** POSTs JSON; answers the body of a 2xx, else fails: for good on a 4xx (but 408 and 429, "not now"), to be retried otherwise. */
async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    // Well inside the activity's start-to-close timeout, so a hung receiver is an ordinary retry.
    signal: AbortSignal.timeout(30_000),
  }).catch((error: unknown) => {
    // Passing (refused connection, name lookup, no answer in time): retried.
    const code = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code ?? (error as Error).name;
    throw new Error(`the receiving system could not be reached (${code})`);
  });
  const text = await response.text();
  if (response.ok) return text;
  const permanent = response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429;
  if (permanent) throw undeliverable(`the receiving system refused the notice (HTTP ${response.status})`);
  throw new Error(`the receiving system answered HTTP ${response.status}`);
}

/** Activities over real dependencies; each is idempotent by the key the workflow gives it. */
export function createActivities({ outbox, webhookUrl, robots, readModel, reportSettings }: ActivityDeps) {
  /** Where one message goes, by name (the outbox records each as it has it): the webhook, then the role's robots. */
  function destinations(message: OutboxMessage): Record<string, (m: OutboxMessage) => Promise<void>> {
    const to: Record<string, (m: OutboxMessage) => Promise<void>> = {};
    if (webhookUrl) to.webhook = async (m) => void (await post(webhookUrl, m, { 'idempotency-key': m.key }));
    for (const robot of robots ? robotsFor(robots, message.notice.to) : []) {
      to[`robot:${robot.name}`] = async (m) => {
        const { url, body } = robotRequest(robot, cardOf(m, robot.language, robots!.timeZone), Date.now());
        const answer = robotAnswer(robot, await post(url, body));
        if (answer.ok) return;
        if (answer.permanent) throw undeliverable(answer.message);
        throw new Error(answer.message);
      };
    }
    return to;
  }

  return {
    ...reportActivities({ readModel, reportSettings }),

    /** Sends one notification, reminder or escalation through the outbox; a retry sends nothing twice. */
    async deliverNotice(message: OutboxMessage): Promise<boolean> {
      log.info('notice', { key: message.key, order: message.orderNumber, ...message.notice });
      try {
        return await outbox.send(message, destinations(message));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code && permanentFileErrors.has(code)) throw undeliverable(`the outbox cannot be written (${code})`);
        throw error;
      }
    },

    /** Writes the order's projection into the read model; a retry, or an older revision arriving late, changes nothing. */
    async projectOrder(batch: ProjectionBatch): Promise<void> {
      await readModel?.project(batch);
    },
  };
}
