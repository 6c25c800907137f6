// Storage of a project's life: every status change with who, when and why (kept after the project is
// deleted, for the data protection officer), and deletion requests with their two signatures. A plain adapter.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/database.js';

export interface StatusChange {
  id: string;
  project: string;
  from: string | null;
  to: string;
  by: string | null;
  reason: string | null;
  details: Record<string, unknown> | null;
  at: string;
}

export interface Deletion {
  project: string;
  requestedBy: string;
  requestedAt: string;
  reason: string | null;
  confirmedBy: string | null;
  confirmedAt: string | null;
  report: Record<string, unknown> | null;
}

export interface LifecycleRepository {
  record(change: Omit<StatusChange, 'id'>): Promise<void>;
  history(project: string): Promise<StatusChange[]>;
  /** When the project last became this status. */
  lastBecame(project: string, status: string): Promise<string | undefined>;
  findDeletion(project: string): Promise<Deletion | undefined>;
  requestDeletion(d: Pick<Deletion, 'project' | 'requestedBy' | 'requestedAt' | 'reason'>): Promise<void>;
  cancelDeletion(project: string): Promise<void>;
  confirmDeletion(project: string, confirmedBy: string, at: string, report: Record<string, unknown>): Promise<void>;
}

export function lifecycleRepository(db: Db): LifecycleRepository {
  const k = db.kysely;
  return {
    async record(c) {
      await k
        .insertInto('project_status_changes')
        .values({ id: randomUUID(), project_name: c.project, from_status: c.from, to_status: c.to, by_user: c.by, reason: c.reason, details: c.details ? JSON.stringify(c.details) : null, at: c.at })
        .execute();
    },
    async history(project) {
      const rows = await k.selectFrom('project_status_changes').selectAll().where('project_name', '=', project).orderBy('at').orderBy('id').execute();
      return rows.map((r) => ({ id: r.id, project: r.project_name, from: r.from_status, to: r.to_status, by: r.by_user, reason: r.reason, details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null, at: r.at }));
    },
    async lastBecame(project, status) {
      const row = await k.selectFrom('project_status_changes').select('at').where('project_name', '=', project).where('to_status', '=', status).orderBy('at', 'desc').executeTakeFirst();
      return row?.at;
    },
    async findDeletion(project) {
      const r = await k.selectFrom('project_deletions').selectAll().where('project_name', '=', project).executeTakeFirst();
      return r && { project: r.project_name, requestedBy: r.requested_by, requestedAt: r.requested_at, reason: r.reason, confirmedBy: r.confirmed_by, confirmedAt: r.confirmed_at, report: r.report ? (JSON.parse(r.report) as Record<string, unknown>) : null };
    },
    async requestDeletion(d) {
      await k.insertInto('project_deletions').values({ project_name: d.project, requested_by: d.requestedBy, requested_at: d.requestedAt, reason: d.reason, confirmed_by: null, confirmed_at: null, report: null }).execute();
    },
    async cancelDeletion(project) {
      await k.deleteFrom('project_deletions').where('project_name', '=', project).where('confirmed_at', 'is', null).execute();
    },
    async confirmDeletion(project, confirmedBy, at, report) {
      await k.updateTable('project_deletions').set({ confirmed_by: confirmedBy, confirmed_at: at, report: JSON.stringify(report) }).where('project_name', '=', project).execute();
    },
  };
}
