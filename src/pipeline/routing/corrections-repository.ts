// Storage of corrections: a request to change a study's participant or event, or to remove it from a
// project, waiting for a second person. A plain adapter.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.js';
import type { CorrectionRow } from './tables.js';

export const CORRECTION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];

export interface Correction {
  id: string;
  project: string;
  studyInstanceUid: string;
  from: { participant: string; event: string };
  /** The new participant and event, or null when the study is to be removed from the project. */
  to: { participant: string; event: string } | null;
  reason: string;
  status: CorrectionStatus;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  report: Record<string, unknown> | null;
}

function toCorrection(r: CorrectionRow): Correction {
  return {
    id: r.id,
    project: r.project_name,
    studyInstanceUid: r.study_instance_uid,
    from: { participant: r.from_participant, event: r.from_event },
    to: Number(r.remove) === 1 ? null : { participant: r.to_participant ?? r.from_participant, event: r.to_event ?? r.from_event },
    reason: r.reason,
    status: r.status as CorrectionStatus,
    requestedBy: r.requested_by,
    requestedAt: r.requested_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    decisionReason: r.decision_reason,
    report: r.report ? (JSON.parse(r.report) as Record<string, unknown>) : null,
  };
}

export interface CorrectionsRepository {
  insert(c: Omit<Correction, 'id' | 'status' | 'decidedBy' | 'decidedAt' | 'decisionReason' | 'report'>): Promise<Correction>;
  get(id: string): Promise<Correction | undefined>;
  list(project: string, status?: CorrectionStatus): Promise<Correction[]>;
  /** Is a correction of this study waiting (in any project, or in this one)? Its late series wait too. */
  pendingFor(studyInstanceUid: string, project?: string): Promise<Correction | undefined>;
  /** Decide a pending correction; false when it was decided meanwhile. */
  decide(id: string, d: { status: 'approved' | 'rejected'; by: string; at: string; reason: string | null; report: Record<string, unknown> | null }): Promise<boolean>;
}

export function correctionsRepository(db: Db): CorrectionsRepository {
  const k = db.kysely;
  return {
    async insert(c) {
      const id = randomUUID();
      await k
        .insertInto('corrections')
        .values({
          id,
          project_name: c.project,
          study_instance_uid: c.studyInstanceUid,
          from_participant: c.from.participant,
          from_event: c.from.event,
          to_participant: c.to?.participant ?? null,
          to_event: c.to?.event ?? null,
          remove: c.to ? 0 : 1,
          reason: c.reason,
          status: 'pending',
          requested_by: c.requestedBy,
          requested_at: c.requestedAt,
          decided_by: null,
          decided_at: null,
          decision_reason: null,
          report: null,
        })
        .execute();
      return (await this.get(id))!;
    },
    async get(id) {
      const r = await k.selectFrom('corrections').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toCorrection(r);
    },
    async list(project, status) {
      let q = k.selectFrom('corrections').selectAll().where('project_name', '=', project);
      if (status) q = q.where('status', '=', status);
      return (await q.orderBy('requested_at', 'desc').limit(500).execute()).map(toCorrection);
    },
    async pendingFor(studyInstanceUid, project) {
      let q = k.selectFrom('corrections').selectAll().where('study_instance_uid', '=', studyInstanceUid).where('status', '=', 'pending');
      if (project) q = q.where('project_name', '=', project);
      const r = await q.executeTakeFirst();
      return r && toCorrection(r);
    },
    async decide(id, d) {
      const result = await k
        .updateTable('corrections')
        .set({ status: d.status, decided_by: d.by, decided_at: d.at, decision_reason: d.reason, report: d.report ? JSON.stringify(d.report) : null })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
