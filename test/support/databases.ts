// Real databases for repository and API tests: a fresh SQLite file and a fresh PostgreSQL database
// (127.0.0.1:5432, trust auth) per call, dropped again by the returned cleanup.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Db } from '../../src/platform/db/database.js';

export const POSTGRES_ADMIN_URL = process.env.FIONA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createSqliteDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'fiona-db-'));
  return { url: `sqlite:${join(dir, 'fiona.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** Set by the global setup (pg-template.ts): a migrated database that new test databases are copies of. */
export const PG_TEMPLATE_ENV = 'FIONA_TEST_PG_TEMPLATE';

/**
 * A fresh PostgreSQL database: during a vitest run a copy of the migrated template (openDatabase finds no
 * migration to run); `empty` for a test of the migrations themselves.
 */
export async function createPostgresDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `fiona_test_${randomBytes(6).toString('hex')}`;
  const template = options.empty ? undefined : process.env[PG_TEMPLATE_ENV];
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}${template && /^\w+$/.test(template) ? ` TEMPLATE ${template}` : ''}`);
  await admin.end();
  const url = POSTGRES_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  return { url, drop: () => dropPostgresDatabase(name) };
}

/** Drops a database once its clients have gone (or, with keep, only waits for them to go). */
export async function dropPostgresDatabase(name: string, options: { keep?: boolean } = {}): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    // pg-pool's end() resolves before its clients have disconnected; dropping WITH (FORCE) would then
    // kill them mid-goodbye and pg reports an unhandled error. Wait until the server has seen them go.
    for (let i = 0; i < 100; i++) {
      const { rows } = await client.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
      if (rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if (!options.keep) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Both engines, for describe.each: every repository test runs on SQLite and on PostgreSQL. */
export const engines = [
  { engine: 'sqlite', create: createSqliteDatabase },
  { engine: 'postgres', create: createPostgresDatabase },
] as const;

/** Open a migrated database on a fresh test database; close() also drops it. */
export async function openTestDb(create: () => Promise<TestDatabase>): Promise<Db & { drop(): Promise<void> }> {
  const target = await create();
  const db = await openDatabase(target.url);
  return {
    ...db,
    drop: async () => {
      await db.close();
      await target.drop();
    },
  };
}
