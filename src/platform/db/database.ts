// One schema on two engines: SQLite (embedded default, a file in the data dir, WAL) and PostgreSQL
// (FIONA_DB_URL=postgres://…, for several processes or machines). Migrations are applied at open.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import type { Database } from './schema.js';
import { migrationProvider } from './migrations/index.js';
import { checkSchemaVersion } from './schema-version.js';

export type Engine = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  engine: Engine;
  url: string;
  close(): Promise<void>;
}

export class DatabaseError extends Error {}


export async function openDatabase(url: string, options: { migrate?: boolean } = {}): Promise<Db> {
  let kysely: Kysely<Database>;
  let engine: Engine;
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    engine = 'postgres';
    // Loaded only for PostgreSQL: the driver's first load was ~50 ms of every start on SQLite.
    const pg = (await import('pg')).default;
    // int8 (count(*)) arrives as a string by default; our counts fit a double easily.
    pg.types.setTypeParser(20, (value: string) => Number(value));
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else if (url.startsWith('sqlite:')) {
    engine = 'sqlite';
    const file = url.slice('sqlite:'.length);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    let sqlite: SQLite.Database;
    try {
      sqlite = new SQLite(file);
    } catch (err) {
      throw new DatabaseError(`cannot open SQLite database ${file}: ${(err as Error).message}`);
    }
    sqlite.pragma('journal_mode = WAL');
    // In WAL mode NORMAL survives a process crash (kill -9) and skips an fsync per commit. After a power
    // loss the last commits may be missing; the quarantine files are fsynced and recovery re-indexes them
    // at start (pipeline/quarantine/recovery.ts), so an acknowledged instance is never lost.
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 10000');
    kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  } else {
    throw new DatabaseError(`database url must start with sqlite: or postgres:// (got "${url.split(':')[0]}:")`);
  }
  const db: Db = { kysely, engine, url, close: () => kysely.destroy() };
  if (options.migrate !== false) {
    try {
      await checkSchemaVersion(kysely);
    } catch (err) {
      await kysely.destroy();
      throw err;
    }
    try {
      await migrate(db);
    } catch (err) {
      await kysely.destroy();
      throw new DatabaseError(`cannot prepare the database (${redactUrl(url)}): ${(err as Error).message}`);
    }
  }
  return db;
}

/**
 * Kysely asks SQLite to prepare every statement it runs; the hot paths (the quarantine index, transfer
 * claims) run the same few statements thousands of times, so prepared statements are kept and reused.
 * better-sqlite3 is synchronous, so a statement is never in use twice at once.
 */
function withStatementCache(sqlite: SQLite.Database, limit = 256): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let statement = cache.get(text);
      if (statement) {
        // Most recently used last, so the oldest is the one dropped.
        cache.delete(text);
      } else {
        statement = sqlite.prepare(text);
        if (cache.size >= limit) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, statement);
      return statement;
    },
  };
}

export async function migrate(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
