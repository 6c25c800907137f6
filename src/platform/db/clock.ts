// The database's clock, for jobs that must not follow this machine's clock when it jumps (retention): every
// node sharing one database then agrees on what "14 days old" means.
import { sql } from 'kysely';
import type { Db } from './database.js';

export async function databaseNow(db: Db): Promise<Date> {
  const query =
    db.engine === 'postgres'
      ? sql<{ now: string }>`select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as now`
      : sql<{ now: string }>`select strftime('%Y-%m-%dT%H:%M:%fZ', 'now') as now`;
  const { rows } = await query.execute(db.kysely);
  return new Date(rows[0].now);
}
