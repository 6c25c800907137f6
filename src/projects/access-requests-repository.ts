// Storage of requests for access to an existing project. A plain adapter.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/database.js';
import type { AccessRequestRow } from './tables.js';

export interface AccessRequest {
  id: string;
  project: string;
  username: string;
  message: string | null;
  status: 'pending' | 'approved' | 'declined';
  role: string | null;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

const toRequest = (r: AccessRequestRow): AccessRequest => ({ id: r.id, project: r.project_name, username: r.username, message: r.message, status: r.status as AccessRequest['status'], role: r.role, reason: r.reason, decidedBy: r.decided_by, decidedAt: r.decided_at, createdAt: r.created_at });

export interface AccessRequestsRepository {
  insert(r: Pick<AccessRequest, 'project' | 'username' | 'message' | 'createdAt'>): Promise<AccessRequest>;
  get(project: string, id: string): Promise<AccessRequest | undefined>;
  list(project: string): Promise<AccessRequest[]>;
  pendingFor(project: string, username: string): Promise<AccessRequest | undefined>;
  /** Decide a pending request; false when it was decided meanwhile. */
  decide(id: string, d: Pick<AccessRequest, 'role' | 'reason' | 'decidedBy' | 'decidedAt'> & { status: 'approved' | 'declined' }): Promise<boolean>;
}

export function accessRequestsRepository(db: Db): AccessRequestsRepository {
  const k = db.kysely;
  return {
    async insert(r) {
      const id = randomUUID();
      await k.insertInto('access_requests').values({ id, project_name: r.project, username: r.username, message: r.message, status: 'pending', role: null, reason: null, decided_by: null, decided_at: null, created_at: r.createdAt }).execute();
      return toRequest((await k.selectFrom('access_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow()));
    },
    async get(project, id) {
      const r = await k.selectFrom('access_requests').selectAll().where('id', '=', id).where('project_name', '=', project).executeTakeFirst();
      return r && toRequest(r);
    },
    async list(project) {
      return (await k.selectFrom('access_requests').selectAll().where('project_name', '=', project).orderBy('created_at', 'desc').limit(500).execute()).map(toRequest);
    },
    async pendingFor(project, username) {
      const r = await k.selectFrom('access_requests').selectAll().where('project_name', '=', project).where('username', '=', username).where('status', '=', 'pending').executeTakeFirst();
      return r && toRequest(r);
    },
    async decide(id, d) {
      const result = await k.updateTable('access_requests').set({ status: d.status, role: d.role, reason: d.reason, decided_by: d.decidedBy, decided_at: d.decidedAt }).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
