import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ReadModelLocation } from '../../read-model/database';
import { startPostgres } from './postgres';

/** Where a read-model test runs, each for real: a SQLite file, and a PostgreSQL server (Debian's binaries). */
export const readModelPlaces: {
  kind: ReadModelLocation['kind'];
  start(): Promise<{ location: ReadModelLocation; stop(): Promise<void> }>;
}[] = [
  {
    kind: 'sqlite',
    async start() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderflow-read-model-'));
      return {
        location: { kind: 'sqlite', file: path.join(dir, 'read-model.sqlite') },
        stop: async () => fs.rmSync(dir, { recursive: true }),
      };
    },
  },
  {
    kind: 'postgres',
    async start() {
      const pg = await startPostgres();
      return { location: { kind: 'postgres', url: pg.url }, stop: () => pg.stop() };
    },
  },
];
