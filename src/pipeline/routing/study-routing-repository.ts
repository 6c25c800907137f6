// Routing as durable work, on the study row: marking a study arrived makes it due (quarantine repository,
// markArrived, in the same statement); a worker claims it with a lease, and it ends done, or failed with the
// error and a next try. A crash between arrival and routing, or during routing, leaves the row due (or its
// lease running out), so another run picks it up. A plain adapter: when and why live in the routing worker.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

export interface RoutingClaim {
  studyInstanceUid: string;
  /** The attempt this claim is (1 for the first). */
  attempts: number;
}

export interface StudyRoutingRepository {
  /** Take one study due for routing: pending or failed with its next try come, or running with an expired lease. */
  claim(owner: string, leaseMs: number, now: Date): Promise<RoutingClaim | undefined>;
  renew(studyInstanceUid: string, owner: string, leaseMs: number, now: Date): Promise<boolean>;
  /** End this owner's run: done, or failed with the error and when to try again. False when the claim was lost (the study arrived again meanwhile). */
  finish(studyInstanceUid: string, owner: string, outcome: { error: string; nextTryAt: string } | null, now: Date): Promise<boolean>;
  /** Give a claimed study back (shutdown): due again, the attempt not counted. */
  release(studyInstanceUid: string, owner: string, now: Date): Promise<void>;
  /** The soonest next try of a waiting study, for the worker's timer. */
  nextDue(): Promise<string | undefined>;
}

export function studyRoutingRepository(db: Db): StudyRoutingRepository {
  const k = db.kysely;
  return {
    async claim(owner, leaseMs, now) {
      const at = now.toISOString();
      const until = new Date(now.getTime() + leaseMs).toISOString();
      const lock = db.engine === 'postgres' ? sql`for update skip locked` : sql``;
      const result = await sql<{ study_instance_uid: string; routing_attempts: number }>`
        update studies set routing_status = 'running', routing_lease_owner = ${owner}, routing_lease_expires_at = ${until}, routing_attempts = routing_attempts + 1
        where study_instance_uid = (
          select study_instance_uid from studies
          where arrived_at is not null
            and ((routing_status in ('pending', 'failed') and routing_next_try_at <= ${at})
              or (routing_status = 'running' and routing_lease_expires_at <= ${at}))
          order by routing_next_try_at
          limit 1 ${lock}
        )
        returning study_instance_uid, routing_attempts`.execute(k);
      const row = result.rows[0];
      return row && { studyInstanceUid: row.study_instance_uid, attempts: Number(row.routing_attempts) };
    },

    async renew(studyInstanceUid, owner, leaseMs, now) {
      const r = await k
        .updateTable('studies')
        .set({ routing_lease_expires_at: new Date(now.getTime() + leaseMs).toISOString() })
        .where('study_instance_uid', '=', studyInstanceUid)
        .where('routing_lease_owner', '=', owner)
        .where('routing_status', '=', 'running')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    async finish(studyInstanceUid, owner, outcome, now) {
      const at = now.toISOString();
      const r = await k
        .updateTable('studies')
        .set(
          outcome
            ? { routing_status: 'failed', routing_error: outcome.error, routing_next_try_at: outcome.nextTryAt, routing_lease_owner: null, routing_lease_expires_at: null }
            : { routing_status: 'done', routing_error: null, routing_next_try_at: null, routing_lease_owner: null, routing_lease_expires_at: null, routed_at: at },
        )
        .where('study_instance_uid', '=', studyInstanceUid)
        .where('routing_lease_owner', '=', owner)
        .where('routing_status', '=', 'running')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    async release(studyInstanceUid, owner, now) {
      await k
        .updateTable('studies')
        .set({ routing_status: 'pending', routing_lease_owner: null, routing_lease_expires_at: null, routing_next_try_at: now.toISOString(), routing_attempts: sql`case when routing_attempts > 0 then routing_attempts - 1 else 0 end` })
        .where('study_instance_uid', '=', studyInstanceUid)
        .where('routing_lease_owner', '=', owner)
        .where('routing_status', '=', 'running')
        .execute();
    },

    async nextDue() {
      const row = await k
        .selectFrom('studies')
        .select((eb) => eb.fn.min('routing_next_try_at').as('next'))
        .where('routing_status', 'in', ['pending', 'failed'])
        .where('arrived_at', 'is not', null)
        .executeTakeFirst();
      return (row?.next as string | null | undefined) ?? undefined;
    },
  };
}
