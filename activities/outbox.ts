import fs from 'node:fs/promises';
import path from 'node:path';
import type { Notice } from '../workflows/domain/state';

/** One message that leaves an order: a notification, reminder or escalation for a role. */
export interface OutboxMessage {
  key: string;
  orderNumber: string;
  at: string;
  notice: Notice;
}

interface Stored extends OutboxMessage {
  deliveredAt?: string;
}

export type Deliver = (message: OutboxMessage) => Promise<void>;

/**
 * The outbox keeps every message under its idempotency key (one file each, created exclusively),
 * so a retried activity finds the key and never sends the message twice. Files rather than a
 * database keep `npm start` free of another server; the interface is small enough to swap.
 */
export class FileOutbox {
  constructor(private readonly dir: string) {}

  private file(key: string) {
    return path.join(this.dir, `${encodeURIComponent(key)}.json`);
  }

  /** Records the message if new, delivers it unless already delivered; returns whether it was sent now. */
  async send(message: OutboxMessage, deliver: Deliver): Promise<boolean> {
    await fs.mkdir(this.dir, { recursive: true });
    const file = this.file(message.key);
    let stored: Stored;
    try {
      await fs.writeFile(file, JSON.stringify(message), { flag: 'wx' });
      stored = message;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      stored = JSON.parse(await fs.readFile(file, 'utf8')) as Stored;
    }
    if (stored.deliveredAt) return false;
    await deliver(stored);
    const delivered: Stored = { ...stored, deliveredAt: new Date().toISOString() };
    // Write-then-rename so a crash never leaves a half-written record.
    await fs.writeFile(`${file}.tmp`, JSON.stringify(delivered));
    await fs.rename(`${file}.tmp`, file);
    return true;
  }

  async list(orderNumber?: string): Promise<Stored[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch {
      return [];
    }
    const all = await Promise.all(
      names.filter((n) => n.endsWith('.json')).map(async (n) => JSON.parse(await fs.readFile(path.join(this.dir, n), 'utf8')) as Stored),
    );
    return all
      .filter((m) => orderNumber === undefined || m.orderNumber === orderNumber)
      .sort((a, b) => a.at.localeCompare(b.at) || a.notice.seq - b.notice.seq);
  }
}
