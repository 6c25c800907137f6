// Units of work. A repository built over `tx` (the Db a transaction hands out) takes part in that
// transaction; repositories that group their own statements (inTransaction) then join it instead of
// opening a nested one, which Kysely does not support. On SQLite every statement of a unit of work must go
// through `tx`: the one connection is held until the transaction ends.
import type { Kysely } from 'kysely';
import type { Db } from './database.js';
import type { Database } from './schema.js';

/** Run `work` in a transaction over `db`, or in the one `db` is already part of. */
export function transaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return inTransaction(db.kysely, (trx) => work(trx === db.kysely ? db : { ...db, kysely: trx }));
}

/** Kysely form of `transaction`, for repositories. */
export function inTransaction<T>(k: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return k.isTransaction ? work(k) : k.transaction().execute(work);
}
