import { log } from '@temporalio/activity';
import { FileOutbox, type OutboxMessage } from './outbox';

export interface ActivityDeps {
  outbox: FileOutbox;
  /** When set, every message is also POSTed here as JSON, with its key as the Idempotency-Key. */
  webhookUrl?: string;
}

/** Activities over real dependencies; each is idempotent by the key the workflow gives it. */
export function createActivities({ outbox, webhookUrl }: ActivityDeps) {
  async function deliver(message: OutboxMessage) {
    log.info('notice', { key: message.key, order: message.orderNumber, ...message.notice });
    if (!webhookUrl) return;
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': message.key },
      body: JSON.stringify(message),
    });
    if (!response.ok) throw new Error(`webhook answered ${response.status}`);
  }

  return {
    /** Sends one notification, reminder or escalation through the outbox; a retry sends nothing twice. */
    async deliverNotice(message: OutboxMessage): Promise<boolean> {
      return outbox.send(message, deliver);
    },
  };
}
