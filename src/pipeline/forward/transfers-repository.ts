// Transfers as durable state machines: queued -> running -> done | failed (failed with a next try is
// retried; without one it waits for a person). Workers claim a due transfer with a lease in one atomic
// statement (PostgreSQL: FOR UPDATE SKIP LOCKED, so several workers never take the same row; SQLite: one
// writer at a time). A plain adapter: the rules of when and why live in the transfer worker.
import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { TransferRow } from './tables.js';

/** review: waits for a data manager's decision (refused or held instances; Review and Pixel review pages). */
export const TRANSFER_STATUSES = ['queued', 'running', 'done', 'failed', 'review'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

export interface Transfer {
  id: string;
  studyInstanceUid: string;
  project: string;
  participant: string;
  event: string;
  status: TransferStatus;
  instancesToSend: number;
  instancesSent: number;
  instancesConfirmed: number;
  instancesRefused: number;
  attempts: number;
  nextTryAt: string | null;
  leaseOwner: string | null;
  leaseExpiresAt: string | null;
  rerun: boolean;
  error: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface DeliveredInstance {
  sopInstanceUid: string;
  /** excluded: left out by the project's rules or a data manager's decision; settled, never sent. */
  status: 'sent' | 'refused' | 'excluded';
  researchSopUid: string | null;
  researchSeriesUid: string | null;
  reason: string | null;
}

export type RequestOutcome = 'created' | 'requeued' | 'rerun' | 'unchanged';

export function toTransfer(row: Selectable<TransferRow>): Transfer {
  return {
    id: row.id,
    studyInstanceUid: row.study_instance_uid,
    project: row.project_name,
    participant: row.participant_id,
    event: row.event_name,
    status: row.status as TransferStatus,
    instancesToSend: Number(row.instances_to_send),
    instancesSent: Number(row.instances_sent),
    instancesConfirmed: Number(row.instances_confirmed),
    instancesRefused: Number(row.instances_refused),
    attempts: Number(row.attempts),
    nextTryAt: row.next_try_at,
    leaseOwner: row.lease_owner,
    leaseExpiresAt: row.lease_expires_at,
    rerun: Number(row.rerun) === 1,
    error: row.error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

export interface TransferFilter {
  projects?: string[];
  /** Projects in which only one data access group's participants may be seen: project -> group. */
  groups?: ReadonlyMap<string, string>;
  status?: TransferStatus;
  studyInstanceUid?: string;
  limit?: number;
  offset?: number;
}

export interface TransfersRepository {
  /** Queue the study's transfer to the project (one row per study and project, the deterministic key). */
  request(input: { studyInstanceUid: string; project: string; participant: string; event: string }, now: Date): Promise<{ transfer: Transfer; outcome: RequestOutcome }>;
  /** Take one due transfer (queued or failed with a next try that has come, or running with an expired lease). */
  claim(owner: string, leaseMs: number, now: Date): Promise<Transfer | undefined>;
  /** Extend the lease; false when this owner no longer holds it. */
  renew(id: string, owner: string, leaseMs: number, now: Date): Promise<boolean>;
  setToSend(id: string, count: number, now: Date): Promise<void>;
  recordInstances(id: string, rows: DeliveredInstance[], now: Date): Promise<void>;
  delivered(id: string): Promise<DeliveredInstance[]>;
  /** Forget that these instances were delivered (the destination lost them), so the next run sends them again. */
  forget(id: string, sopInstanceUids: string[], now: Date): Promise<void>;
  /** End a run. A done transfer that got new data meanwhile (rerun) is queued again instead. */
  finish(id: string, owner: string, outcome: { status: 'done' | 'failed' | 'review'; error: string | null; nextTryAt: string | null; confirmed: number }, now: Date): Promise<Transfer | undefined>;
  /** Give a claimed transfer back (shutdown): queued again, the attempt not counted. */
  release(id: string, owner: string, now: Date): Promise<void>;
  /** Forget what was delivered and queue again. */
  resend(id: string, now: Date): Promise<Transfer | undefined>;
  /** Forget only the instances held with a reason starting `reasonPrefix` (pixel review) and queue again. */
  retryHeld(id: string, reasonPrefix: string, now: Date): Promise<Transfer | undefined>;
  get(id: string): Promise<Transfer | undefined>;
  find(studyInstanceUid: string, project: string): Promise<Transfer | undefined>;
  list(filter: TransferFilter): Promise<Transfer[]>;
  /** Forget a transfer and what it delivered (a correction removed the study from the research PACS). */
  remove(id: string): Promise<void>;
  /** The soonest next try of a waiting transfer, for the worker's timer. */
  nextDue(): Promise<string | undefined>;
}

export function transfersRepository(db: Db): TransfersRepository {
  const k = db.kysely;
  const get = async (id: string) => {
    const row = await k.selectFrom('transfers').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toTransfer(row);
  };
  const countSent = (id: string) =>
    sql<number>`(select count(*) from transfer_instances ti where ti.transfer_id = ${id} and ti.status = 'sent')`;
  const countRefused = (id: string) =>
    sql<number>`(select count(*) from transfer_instances ti where ti.transfer_id = ${id} and ti.status = 'refused')`;
  return {
    async request(input, now) {
      const at = now.toISOString();
      return inTransaction(k, async (trx) => {
        const existing = await trx
          .selectFrom('transfers')
          .selectAll()
          .where('study_instance_uid', '=', input.studyInstanceUid)
          .where('project_name', '=', input.project)
          .executeTakeFirst();
        if (!existing) {
          const id = randomUUID();
          await trx
            .insertInto('transfers')
            .values({ id, study_instance_uid: input.studyInstanceUid, project_name: input.project, participant_id: input.participant, event_name: input.event, status: 'queued', next_try_at: at, created_at: at, updated_at: at })
            .execute();
          return { transfer: toTransfer((await trx.selectFrom('transfers').selectAll().where('id', '=', id).executeTakeFirstOrThrow())), outcome: 'created' as const };
        }
        const same = { participant_id: input.participant, event_name: input.event, updated_at: at };
        let outcome: RequestOutcome;
        if (existing.status === 'running') {
          await trx.updateTable('transfers').set({ ...same, rerun: 1 }).where('id', '=', existing.id).execute();
          outcome = 'rerun';
        } else if (existing.status === 'queued') {
          await trx.updateTable('transfers').set({ ...same, next_try_at: at }).where('id', '=', existing.id).execute();
          outcome = 'unchanged';
        } else {
          await trx.updateTable('transfers').set({ ...same, status: 'queued', next_try_at: at, attempts: 0, error: null, finished_at: null }).where('id', '=', existing.id).execute();
          outcome = 'requeued';
        }
        return { transfer: toTransfer(await trx.selectFrom('transfers').selectAll().where('id', '=', existing.id).executeTakeFirstOrThrow()), outcome };
      });
    },

    async claim(owner, leaseMs, now) {
      const at = now.toISOString();
      const until = new Date(now.getTime() + leaseMs).toISOString();
      const lock = db.engine === 'postgres' ? sql`for update skip locked` : sql``;
      const result = await sql<Selectable<TransferRow>>`
        update transfers set status = 'running', lease_owner = ${owner}, lease_expires_at = ${until}, attempts = attempts + 1, rerun = 0, updated_at = ${at}
        where id = (
          select id from transfers
          where (status in ('queued', 'failed') and next_try_at is not null and next_try_at <= ${at})
             or (status = 'running' and lease_expires_at <= ${at})
          order by next_try_at, created_at
          limit 1 ${lock}
        )
        returning *`.execute(k);
      const row = result.rows[0];
      return row && toTransfer(row);
    },

    async renew(id, owner, leaseMs, now) {
      const r = await k
        .updateTable('transfers')
        .set({ lease_expires_at: new Date(now.getTime() + leaseMs).toISOString() })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .where('status', '=', 'running')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    async setToSend(id, count, now) {
      await k.updateTable('transfers').set({ instances_to_send: count, updated_at: now.toISOString() }).where('id', '=', id).execute();
    },

    async recordInstances(id, rows, now) {
      if (rows.length === 0) return;
      const at = now.toISOString();
      await inTransaction(k, async (trx) => {
        await trx
          .insertInto('transfer_instances')
          .values(rows.map((r) => ({ transfer_id: id, sop_instance_uid: r.sopInstanceUid, status: r.status, research_sop_uid: r.researchSopUid, research_series_uid: r.researchSeriesUid, reason: r.reason, at })))
          .onConflict((oc) =>
            oc.columns(['transfer_id', 'sop_instance_uid']).doUpdateSet((eb) => ({
              status: eb.ref('excluded.status'),
              research_sop_uid: eb.ref('excluded.research_sop_uid'),
              research_series_uid: eb.ref('excluded.research_series_uid'),
              reason: eb.ref('excluded.reason'),
              at: eb.ref('excluded.at'),
            })),
          )
          .execute();
        await trx.updateTable('transfers').set({ instances_sent: countSent(id), instances_refused: countRefused(id), updated_at: at }).where('id', '=', id).execute();
      });
    },

    async delivered(id) {
      const rows = await k.selectFrom('transfer_instances').selectAll().where('transfer_id', '=', id).execute();
      return rows.map((r) => ({ sopInstanceUid: r.sop_instance_uid, status: r.status as DeliveredInstance['status'], researchSopUid: r.research_sop_uid, researchSeriesUid: r.research_series_uid, reason: r.reason }));
    },

    async forget(id, sopInstanceUids, now) {
      if (sopInstanceUids.length === 0) return;
      await inTransaction(k, async (trx) => {
        for (let i = 0; i < sopInstanceUids.length; i += 500) {
          await trx.deleteFrom('transfer_instances').where('transfer_id', '=', id).where('sop_instance_uid', 'in', sopInstanceUids.slice(i, i + 500)).execute();
        }
        await trx.updateTable('transfers').set({ instances_sent: countSent(id), instances_refused: countRefused(id), updated_at: now.toISOString() }).where('id', '=', id).execute();
      });
    },

    async finish(id, owner, outcome, now) {
      const at = now.toISOString();
      return inTransaction(k, async (trx) => {
        const row = await trx.selectFrom('transfers').selectAll().where('id', '=', id).where('lease_owner', '=', owner).where('status', '=', 'running').executeTakeFirst();
        if (!row) return undefined;
        const again = Number(row.rerun) === 1;
        await trx
          .updateTable('transfers')
          .set({
            status: again ? 'queued' : outcome.status,
            error: outcome.error,
            next_try_at: again ? at : outcome.nextTryAt,
            instances_confirmed: outcome.confirmed,
            lease_owner: null,
            lease_expires_at: null,
            rerun: 0,
            ...(again ? { attempts: 0 } : {}),
            updated_at: at,
            finished_at: again ? null : at,
          })
          .where('id', '=', id)
          .execute();
        return toTransfer(await trx.selectFrom('transfers').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
      });
    },

    async release(id, owner, now) {
      await k
        .updateTable('transfers')
        .set({ status: 'queued', lease_owner: null, lease_expires_at: null, next_try_at: now.toISOString(), attempts: sql`case when attempts > 0 then attempts - 1 else 0 end`, updated_at: now.toISOString() })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .where('status', '=', 'running')
        .execute();
    },

    async resend(id, now) {
      const at = now.toISOString();
      await inTransaction(k, async (trx) => {
        const row = await trx.selectFrom('transfers').select(['status']).where('id', '=', id).executeTakeFirst();
        if (!row) return;
        await trx.deleteFrom('transfer_instances').where('transfer_id', '=', id).execute();
        if (row.status === 'running') {
          await trx.updateTable('transfers').set({ rerun: 1, updated_at: at }).where('id', '=', id).execute();
        } else {
          await trx
            .updateTable('transfers')
            .set({ status: 'queued', next_try_at: at, attempts: 0, error: null, instances_sent: 0, instances_confirmed: 0, instances_refused: 0, finished_at: null, updated_at: at })
            .where('id', '=', id)
            .execute();
        }
      });
      return get(id);
    },

    async retryHeld(id, reasonPrefix, now) {
      const at = now.toISOString();
      await k.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('transfers').select(['status']).where('id', '=', id).executeTakeFirst();
        if (!row) return;
        await trx.deleteFrom('transfer_instances').where('transfer_id', '=', id).where('status', '=', 'refused').where('reason', 'like', `${reasonPrefix}%`).execute();
        if (row.status === 'running') {
          await trx.updateTable('transfers').set({ rerun: 1, updated_at: at }).where('id', '=', id).execute();
        } else {
          await trx
            .updateTable('transfers')
            .set({ status: 'queued', next_try_at: at, attempts: 0, error: null, instances_refused: countRefused(id), finished_at: null, updated_at: at })
            .where('id', '=', id)
            .execute();
        }
      });
      return get(id);
    },

    get,

    async remove(id) {
      await k.deleteFrom('transfers').where('id', '=', id).execute();
    },

    async find(studyInstanceUid, project) {
      const row = await k.selectFrom('transfers').selectAll().where('study_instance_uid', '=', studyInstanceUid).where('project_name', '=', project).executeTakeFirst();
      return row && toTransfer(row);
    },

    async list(filter) {
      let q = k.selectFrom('transfers').selectAll();
      if (filter.projects) {
        if (filter.projects.length === 0) return [];
        const groups = filter.groups ?? new Map<string, string>();
        const open = filter.projects.filter((p) => !groups.has(p));
        const limited = filter.projects.filter((p) => groups.has(p));
        q = q.where((eb) =>
          eb.or([
            ...(open.length > 0 ? [eb('project_name', 'in', open)] : []),
            ...limited.map((p) =>
              eb.and([
                eb('project_name', '=', p),
                eb('participant_id', 'in', eb.selectFrom('participants').select('participant_id').where('project_name', '=', p).where('data_access_group', '=', groups.get(p)!)),
              ]),
            ),
          ]),
        );
      }
      if (filter.status) q = q.where('status', '=', filter.status);
      if (filter.studyInstanceUid) q = q.where('study_instance_uid', '=', filter.studyInstanceUid);
      const rows = await q.orderBy('updated_at', 'desc').orderBy('id').limit(Math.min(filter.limit ?? 200, 5000)).offset(filter.offset ?? 0).execute();
      return rows.map(toTransfer);
    },

    async nextDue() {
      const row = await k
        .selectFrom('transfers')
        .select((eb) => eb.fn.min('next_try_at').as('next'))
        .where('status', 'in', ['queued', 'failed'])
        .where('next_try_at', 'is not', null)
        .executeTakeFirst();
      return (row?.next as string | null | undefined) ?? undefined;
    },
  };
}
