import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Fen } from '../workflows/domain/order';
import type { Notice } from '../workflows/domain/state';

/** One message that leaves an order: a notification, reminder or escalation for a role. */
export interface OutboxMessage {
  key: string;
  orderNumber: string;
  at: string;
  notice: Notice;
  /** What a person reading the notice wants beside it (absent on the company reports' notices, and on orders' messages sent before it). */
  order?: OrderAtNotice;
}

/** The order as the notice left it: the customer, the money, and the company's time zone for the times shown. */
export interface OrderAtNotice {
  customer: string;
  amount: Fen;
  balanceDue: Fen;
  timeZone: string;
}

interface Stored extends OutboxMessage {
  /** The destinations (webhook, each robot) that have it, so a retry sends only to the others. */
  deliveredTo?: string[];
  deliveredAt?: string;
}

export type Deliver = (message: OutboxMessage) => Promise<void>;

/**
 * The outbox keeps every message under its idempotency key (one file each), so a retried activity
 * finds the key and never sends the message twice. Every write goes to a temporary file that is
 * then renamed over the record, so a crash leaves the old record or the new one, never half of
 * one; a record that cannot be read back (written by an older version, or damaged on disk) counts
 * as not yet recorded and is written again. Files rather than a database keep `npm start` free of
 * another server; the interface is small enough to swap.
 */
export class FileOutbox {
  constructor(private readonly dir: string) {}

  private file(key: string) {
    return path.join(this.dir, `${encodeURIComponent(key)}.json`);
  }

  /**
   * Records the message if new, delivers it to each destination that does not have it yet, in order,
   * recording each as it succeeds (a retry after the second of three failed sends to the second and
   * third only); returns whether it was sent now.
   */
  async send(message: OutboxMessage, destinations: Record<string, Deliver>): Promise<boolean> {
    await fs.mkdir(this.dir, { recursive: true });
    const file = this.file(message.key);
    let stored = await this.read(file);
    if (stored?.deliveredAt) return false;
    if (!stored) {
      stored = message;
      await this.write(file, stored);
    }
    for (const [name, deliver] of Object.entries(destinations)) {
      if (stored.deliveredTo?.includes(name)) continue;
      await deliver(stored);
      stored = { ...stored, deliveredTo: [...(stored.deliveredTo ?? []), name] };
      await this.write(file, stored);
    }
    await this.write(file, { ...stored, deliveredAt: new Date().toISOString() });
    return true;
  }

  async list(orderNumber?: string): Promise<Stored[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch {
      return [];
    }
    const all = await Promise.all(names.filter((n) => n.endsWith('.json')).map((n) => this.read(path.join(this.dir, n))));
    return all
      .filter((m): m is Stored => m !== undefined && (orderNumber === undefined || m.orderNumber === orderNumber))
      .sort((a, b) => a.at.localeCompare(b.at) || a.notice.seq - b.notice.seq);
  }

  /** The record, or undefined when there is none or it cannot be read back whole. */
  private async read(file: string): Promise<Stored | undefined> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      const stored = JSON.parse(text) as Stored;
      return typeof stored?.key === 'string' && typeof stored.notice?.seq === 'number' ? stored : undefined;
    } catch {
      return undefined;
    }
  }

  /** Write-then-rename, with a temporary name of its own so two attempts never share one. */
  private async write(file: string, stored: Stored) {
    const temporary = `${file}.${process.pid}-${randomUUID()}.tmp`;
    try {
      await fs.writeFile(temporary, JSON.stringify(stored));
      await fs.rename(temporary, file);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
  }
}
