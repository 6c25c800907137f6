// Named locks for scheduled jobs, so exactly one node runs each (replacing cron + flock): a row per job name
// with an owner and an expiry; taking it succeeds when it is free, expired, or already ours.
import type { Db } from '../db/database.js';

export async function tryJobLock(db: Db, name: string, owner: string, holdMs: number, now = new Date()): Promise<boolean> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + holdMs).toISOString();
  const k = db.kysely;
  await k.insertInto('job_locks').values({ name, owner, locked_until: at }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const result = await k
    .updateTable('job_locks')
    .set({ owner, locked_until: until })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('locked_until', '<=', at), eb('owner', '=', owner)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function releaseJobLock(db: Db, name: string, owner: string): Promise<void> {
  await db.kysely.updateTable('job_locks').set({ locked_until: new Date(0).toISOString() }).where('name', '=', name).where('owner', '=', owner).execute();
}
