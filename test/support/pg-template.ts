// Vitest global setup: one PostgreSQL database migrated by this tree's migrations at the start of the run,
// which every test's fresh PostgreSQL database is then copied from (CREATE DATABASE ... TEMPLATE), instead of
// each running every migration again (~1 s of PostgreSQL's time per database, dozens of databases a run).
// The copy is the state a fresh migrate gives; openDatabase still runs the migrator, which finds nothing to do.
// Without a reachable PostgreSQL nothing is set, and the tests create their databases as before.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../../src/platform/db/database.js';
import { PG_TEMPLATE_ENV, POSTGRES_ADMIN_URL, dropPostgresDatabase } from './databases.js';

export default async function setup(): Promise<(() => Promise<void>) | void> {
  const name = `fiona_template_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch {
    await admin.end().catch(() => undefined);
    return;
  }
  await admin.end();
  const db = await openDatabase(POSTGRES_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`));
  await db.close();
  // A template must have no connections when it is copied: wait until the migrator's have gone.
  await dropPostgresDatabase(name, { keep: true });
  process.env[PG_TEMPLATE_ENV] = name;
  return async () => {
    delete process.env[PG_TEMPLATE_ENV];
    await dropPostgresDatabase(name);
  };
}
