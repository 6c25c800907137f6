// Storage of refused instances (issue 10 item 3): one row per project and instance, opened by the transfer
// runner, decided by a data manager, resolved when the instance is sent after all. A plain adapter: who may
// decide and what a decision changes live in refusals-service.ts.
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { RefusalPlace } from '../deid/refusal.js';
import type { DeidRefusalRow } from './refusals-tables.js';

/** open: waits for a person. decided: the rules changed, waits for a resend. excluded: never leaves. resolved: sent since. */
export const REFUSAL_STATUSES = ['open', 'decided', 'excluded', 'resolved'] as const;
export type RefusalStatus = (typeof REFUSAL_STATUSES)[number];

/** What a data manager decided (kept on the row; the audit log keeps every one). */
export type RefusalDecision =
  | { kind: 'exclude' }
  | { kind: 'option'; changes: Record<string, unknown> }
  | { kind: 'private-tag'; privateTag: string; allow: boolean };

export interface Refusal {
  id: string;
  project: string;
  transferId: string | null;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  code: string;
  reason: string;
  places: RefusalPlace[];
  status: RefusalStatus;
  decision: RefusalDecision | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewRefusal {
  project: string;
  transferId: string | null;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  code: string;
  reason: string;
  places: RefusalPlace[];
}

function toRefusal(r: Selectable<DeidRefusalRow>): Refusal {
  return {
    id: r.id,
    project: r.project_name,
    transferId: r.transfer_id,
    studyInstanceUid: r.study_instance_uid,
    seriesInstanceUid: r.series_instance_uid,
    sopInstanceUid: r.sop_instance_uid,
    code: r.code,
    reason: r.reason,
    places: JSON.parse(r.places) as RefusalPlace[],
    status: r.status as RefusalStatus,
    decision: r.decision ? (JSON.parse(r.decision) as RefusalDecision) : null,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface RefusalsRepository {
  /** Records a refusal (open again, with the new reason and no decision, if the instance was refused before; the audit log keeps the old decision). */
  open(refusal: NewRefusal, now: Date): Promise<Refusal>;
  get(id: string): Promise<Refusal | undefined>;
  list(project: string, filter?: { status?: RefusalStatus; studyInstanceUid?: string; limit?: number }): Promise<Refusal[]>;
  /** Open refusals per project. */
  counts(projects: string[]): Promise<Map<string, number>>;
  decide(ids: string[], status: 'decided' | 'excluded', decision: RefusalDecision, by: string, now: Date): Promise<void>;
  /** The instances of a study a data manager excluded from the project. */
  excluded(project: string, studyInstanceUid: string): Promise<Set<string>>;
  /** The instances of a study with a refusal not yet resolved (to resolve those that are sent after all). */
  unresolved(project: string, studyInstanceUid: string): Promise<Set<string>>;
  /** These instances were sent after all. */
  resolve(project: string, sopInstanceUids: string[], now: Date): Promise<void>;
}

export function refusalsRepository(db: Db): RefusalsRepository {
  const k = db.kysely;
  const get = async (id: string) => {
    const row = await k.selectFrom('deid_refusals').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRefusal(row);
  };
  return {
    async open(refusal, now) {
      const at = now.toISOString();
      const values = {
        transfer_id: refusal.transferId,
        study_instance_uid: refusal.studyInstanceUid,
        series_instance_uid: refusal.seriesInstanceUid,
        code: refusal.code,
        reason: refusal.reason,
        places: JSON.stringify(refusal.places),
        status: 'open',
        decision: null,
        decided_by: null,
        decided_at: null,
        updated_at: at,
      };
      const existing = await k.selectFrom('deid_refusals').select('id').where('project_name', '=', refusal.project).where('sop_instance_uid', '=', refusal.sopInstanceUid).executeTakeFirst();
      if (existing) {
        await k.updateTable('deid_refusals').set(values).where('id', '=', existing.id).execute();
        return (await get(existing.id))!;
      }
      const id = randomUUID();
      await k.insertInto('deid_refusals').values({ id, project_name: refusal.project, sop_instance_uid: refusal.sopInstanceUid, created_at: at, ...values }).execute();
      return (await get(id))!;
    },
    get,
    async list(project, filter = {}) {
      let q = k.selectFrom('deid_refusals').selectAll().where('project_name', '=', project);
      if (filter.status) q = q.where('status', '=', filter.status);
      if (filter.studyInstanceUid) q = q.where('study_instance_uid', '=', filter.studyInstanceUid);
      return (await q.orderBy('study_instance_uid').orderBy('series_instance_uid').orderBy('sop_instance_uid').limit(filter.limit ?? 2000).execute()).map(toRefusal);
    },
    async counts(projects) {
      const out = new Map<string, number>();
      if (projects.length === 0) return out;
      const rows = await k.selectFrom('deid_refusals').select(['project_name', (eb) => eb.fn.countAll<number>().as('n')]).where('status', '=', 'open').where('project_name', 'in', projects).groupBy('project_name').execute();
      for (const r of rows) out.set(r.project_name, Number(r.n));
      return out;
    },
    async decide(ids, status, decision, by, now) {
      const at = now.toISOString();
      for (let i = 0; i < ids.length; i += 500) {
        await k.updateTable('deid_refusals').set({ status, decision: JSON.stringify(decision), decided_by: by, decided_at: at, updated_at: at }).where('id', 'in', ids.slice(i, i + 500)).execute();
      }
    },
    async excluded(project, study) {
      const rows = await k.selectFrom('deid_refusals').select('sop_instance_uid').where('project_name', '=', project).where('study_instance_uid', '=', study).where('status', '=', 'excluded').execute();
      return new Set(rows.map((r) => r.sop_instance_uid));
    },
    async unresolved(project, study) {
      const rows = await k.selectFrom('deid_refusals').select('sop_instance_uid').where('project_name', '=', project).where('study_instance_uid', '=', study).where('status', 'in', ['open', 'decided']).execute();
      return new Set(rows.map((r) => r.sop_instance_uid));
    },
    async resolve(project, sops, now) {
      const at = now.toISOString();
      for (let i = 0; i < sops.length; i += 500) {
        await k.updateTable('deid_refusals').set({ status: 'resolved', updated_at: at }).where('project_name', '=', project).where('sop_instance_uid', 'in', sops.slice(i, i + 500)).where('status', 'in', ['open', 'decided']).execute();
      }
    },
  };
}
