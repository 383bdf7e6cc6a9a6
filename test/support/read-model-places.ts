import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ReadModelLocation } from '../../read-model/database';
import { ReadModel } from '../../read-model/store';
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

/** Starts `place` and opens a read model there (with `open`, which may seed it); `close` closes it and stops the place. */
export async function readModelIn(
  place: (typeof readModelPlaces)[number],
  open: (location: ReadModelLocation) => Promise<ReadModel> = (location) => ReadModel.open(location),
): Promise<{ readModel: ReadModel; close(): Promise<void> }> {
  const { location, stop } = await place.start();
  const readModel = await open(location);
  return {
    readModel,
    close: async () => {
      await readModel.close();
      await stop();
    },
  };
}
