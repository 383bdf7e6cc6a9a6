import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrate } from './migrations';
import type { Database } from './schema';

// Where the read model lives: an embedded SQLite file by default, PostgreSQL when
// ORDERFLOW_DATABASE_URL names one (it may share Temporal's PostgreSQL instance, as its own database).

export type ReadModelLocation = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** The default file, beside the dev server's database and the outbox. */
export const defaultReadModelFile = path.resolve(__dirname, '..', '..', '.data', 'read-model.sqlite');

/** `postgres://…` or `postgresql://…`; `sqlite:<file>`; unset: the SQLite file under `.data/`. */
export function readModelLocation(url: string | undefined): ReadModelLocation {
  if (!url) return { kind: 'sqlite', file: defaultReadModelFile };
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  if (url.startsWith('sqlite:') && url.length > 'sqlite:'.length)
    return { kind: 'sqlite', file: path.resolve(url.slice('sqlite:'.length)) };
  throw new Error(`ORDERFLOW_DATABASE_URL must be postgres://… (or postgresql://…) or sqlite:<file>, not ${url.split(':')[0]}:…`);
}

/** Opens the read model and brings its schema to the latest version. */
export async function openDatabase(location: ReadModelLocation): Promise<Kysely<Database>> {
  const db = new Kysely<Database>({ dialect: location.kind === 'postgres' ? postgresDialect(location.url) : sqliteDialect(location.file) });
  try {
    await migrate(db as Kysely<unknown>);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

function sqliteDialect(file: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new SQLite(file);
  // The worker writes while the API reads: write-ahead logging lets them, and a writer waits its turn.
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  return new SqliteDialect({ database });
}

function postgresDialect(connectionString: string) {
  // bigint (money in fen, counts) as a number: every value stays far below 2^53.
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format),
  };
  const pool = new pg.Pool({ connectionString, types, max: 10 });
  // An idle connection the server ends (a restart, a failover, a shutdown while the pool winds down) is an
  // 'error' on the pool, which would otherwise crash the process: the pool drops that client, and the next
  // query opens a new connection (the read model is ours and may be down for a while).
  pool.on('error', () => {});
  return new PostgresDialect({ pool });
}
