// Exports as durable jobs: queued -> running -> done | failed | cancelled, and done -> expired once the file
// is removed. A worker claims a queued export (or a running one whose lease ran out: the process died) in
// one atomic statement, as transfers do; an export claimed too often fails with that reason. Saved layouts
// per project are versioned rows.
import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Transforms } from './layout.js';
import type { ExportSpec } from './plan.js';
import type { ExportRow } from './tables.js';

export const EXPORT_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled', 'expired'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

export const DELIVERY_STATUSES = ['pending', 'delivering', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** A finished export's delivery to an SFTP outbox. */
export interface Delivery {
  outbox: string;
  status: DeliveryStatus;
  error: string | null;
  attempts: number;
  deliveredAt: string | null;
  remotePath: string | null;
}

export interface ExportJob {
  id: string;
  project: string;
  requestedBy: string | null;
  requestedByName: string;
  spec: ExportSpec;
  status: ExportStatus;
  instancesTotal: number;
  instancesDone: number;
  files: number;
  bytes: number;
  sha256: string | null;
  error: string | null;
  attempts: number;
  leaseOwner: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  expiresAt: string | null;
  delivery: Delivery | null;
}

export interface SavedLayout {
  project: string;
  version: number;
  template: string;
  transforms: Transforms;
  savedBy: string | null;
  savedAt: string;
}

function toJob(r: Selectable<ExportRow>): ExportJob {
  return {
    id: r.id,
    project: r.project_name,
    requestedBy: r.requested_by,
    requestedByName: r.requested_by_name,
    spec: JSON.parse(r.spec) as ExportSpec,
    status: r.status as ExportStatus,
    instancesTotal: Number(r.instances_total),
    instancesDone: Number(r.instances_done),
    files: Number(r.files),
    bytes: Number(r.bytes),
    sha256: r.sha256,
    error: r.error,
    attempts: Number(r.attempts),
    leaseOwner: r.lease_owner,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
    expiresAt: r.expires_at,
    delivery:
      r.outbox && r.delivery_status
        ? { outbox: r.outbox, status: r.delivery_status as DeliveryStatus, error: r.delivery_error, attempts: Number(r.delivery_attempts), deliveredAt: r.delivered_at, remotePath: r.delivered_path }
        : null,
  };
}

export interface ExportsRepository {
  create(input: { project: string; requestedBy: string | null; requestedByName: string; spec: ExportSpec }, now: Date): Promise<ExportJob>;
  get(id: string): Promise<ExportJob | undefined>;
  list(projects: string[], limit?: number): Promise<ExportJob[]>;
  /** Queued or running exports of a project (for the per-project limit). */
  countActive(project: string): Promise<number>;
  /** Take one queued export, or a running one whose lease has run out. */
  claim(owner: string, leaseMs: number, now: Date): Promise<ExportJob | undefined>;
  renew(id: string, owner: string, leaseMs: number, now: Date): Promise<boolean>;
  progress(id: string, owner: string, p: { instancesTotal: number; instancesDone: number; files: number }, now: Date): Promise<boolean>;
  /** Ends a run; `deliverTo` queues the done export's delivery in the same statement (no crash in between loses it). */
  finish(id: string, owner: string, outcome: { status: 'done' | 'failed' | 'cancelled'; error: string | null; files?: number; bytes?: number; sha256?: string; expiresAt?: string | null; deliverTo?: string }, now: Date): Promise<boolean>;
  /** Give a claimed export back (shutdown): queued again, the attempt not counted. */
  release(id: string, owner: string, now: Date): Promise<void>;
  /** Cancel a queued or running export; false when it had already ended. */
  cancel(id: string, now: Date): Promise<boolean>;
  setStatus(id: string, status: ExportStatus, now: Date): Promise<void>;
  remove(id: string): Promise<void>;
  /** Done exports whose time is up (not while a delivery is uploading the file). */
  expiredBefore(now: Date): Promise<ExportJob[]>;
  /** Queue the delivery of a done export to an outbox; false when it is not done or a delivery is under way. */
  requestDelivery(id: string, outbox: string, now: Date): Promise<boolean>;
  /** Take one pending delivery, or one whose worker died mid-upload (lease run out). */
  claimDelivery(owner: string, leaseMs: number, now: Date): Promise<ExportJob | undefined>;
  renewDelivery(id: string, owner: string, leaseMs: number, now: Date): Promise<boolean>;
  finishDelivery(id: string, owner: string, outcome: { status: 'delivered' | 'failed'; error: string | null; remotePath?: string }, now: Date): Promise<boolean>;
  /** Give a claimed delivery back (shutdown): pending again, the attempt not counted. */
  releaseDelivery(id: string, owner: string, now: Date): Promise<void>;
  saveLayout(project: string, template: string, transforms: Transforms, savedBy: string | null, now: Date): Promise<SavedLayout>;
  layouts(project: string): Promise<SavedLayout[]>;
}

export function exportsRepository(db: Db): ExportsRepository {
  const k = db.kysely;
  const get = async (id: string) => {
    const row = await k.selectFrom('exports').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toJob(row);
  };
  const toLayout = (r: { project_name: string; version: number; template: string; transforms: string; saved_by: string | null; saved_at: string }): SavedLayout => ({
    project: r.project_name,
    version: Number(r.version),
    template: r.template,
    transforms: JSON.parse(r.transforms) as Transforms,
    savedBy: r.saved_by,
    savedAt: r.saved_at,
  });
  return {
    async create(input, now) {
      const id = randomUUID();
      const at = now.toISOString();
      await k
        .insertInto('exports')
        .values({ id, project_name: input.project, requested_by: input.requestedBy, requested_by_name: input.requestedByName, spec: JSON.stringify(input.spec), status: 'queued', created_at: at, updated_at: at })
        .execute();
      return (await get(id))!;
    },
    get,
    async list(projects, limit = 200) {
      if (projects.length === 0) return [];
      return (await k.selectFrom('exports').selectAll().where('project_name', 'in', projects).orderBy('created_at', 'desc').limit(limit).execute()).map(toJob);
    },
    async countActive(project) {
      const row = await k.selectFrom('exports').select((eb) => eb.fn.countAll<number>().as('n')).where('project_name', '=', project).where('status', 'in', ['queued', 'running']).executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async claim(owner, leaseMs, now) {
      const at = now.toISOString();
      const until = new Date(now.getTime() + leaseMs).toISOString();
      const lock = db.engine === 'postgres' ? sql`for update skip locked` : sql``;
      const result = await sql<Selectable<ExportRow>>`
        update exports set status = 'running', lease_owner = ${owner}, lease_expires_at = ${until}, attempts = attempts + 1, updated_at = ${at}
        where id = (
          select id from exports
          where status = 'queued' or (status = 'running' and lease_expires_at <= ${at})
          order by created_at
          limit 1 ${lock}
        )
        returning *`.execute(k);
      const row = result.rows[0];
      return row && toJob(row);
    },
    async renew(id, owner, leaseMs, now) {
      const r = await k.updateTable('exports').set({ lease_expires_at: new Date(now.getTime() + leaseMs).toISOString() }).where('id', '=', id).where('lease_owner', '=', owner).where('status', '=', 'running').executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async progress(id, owner, p, now) {
      const r = await k
        .updateTable('exports')
        .set({ instances_total: p.instancesTotal, instances_done: p.instancesDone, files: p.files, updated_at: now.toISOString() })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .where('status', '=', 'running')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async finish(id, owner, outcome, now) {
      const at = now.toISOString();
      const r = await k
        .updateTable('exports')
        .set({
          status: outcome.status,
          error: outcome.error,
          ...(outcome.files === undefined ? {} : { files: outcome.files }),
          ...(outcome.bytes === undefined ? {} : { bytes: outcome.bytes }),
          ...(outcome.sha256 === undefined ? {} : { sha256: outcome.sha256 }),
          ...(outcome.status === 'done' ? { instances_done: sql<number>`instances_total` } : {}),
          ...(outcome.status === 'done' && outcome.deliverTo ? { outbox: outcome.deliverTo, delivery_status: 'pending', delivery_error: null, delivery_attempts: 0 } : {}),
          expires_at: outcome.expiresAt ?? null,
          lease_owner: null,
          lease_expires_at: null,
          finished_at: at,
          updated_at: at,
        })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .where('status', '=', 'running')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async release(id, owner, now) {
      await k
        .updateTable('exports')
        .set({ status: 'queued', lease_owner: null, lease_expires_at: null, attempts: sql<number>`attempts - 1`, updated_at: now.toISOString() })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .where('status', '=', 'running')
        .execute();
    },
    async cancel(id, now) {
      const at = now.toISOString();
      const r = await k
        .updateTable('exports')
        .set({ status: 'cancelled', error: 'cancelled', lease_owner: null, lease_expires_at: null, finished_at: at, updated_at: at })
        .where('id', '=', id)
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async setStatus(id, status, now) {
      await k.updateTable('exports').set({ status, updated_at: now.toISOString() }).where('id', '=', id).execute();
    },
    async remove(id) {
      await k.deleteFrom('exports').where('id', '=', id).execute();
    },
    async expiredBefore(now) {
      return (
        await k
          .selectFrom('exports')
          .selectAll()
          .where('status', '=', 'done')
          .where('expires_at', '<=', now.toISOString())
          .where((eb) => eb.or([eb('delivery_status', 'is', null), eb('delivery_status', '!=', 'delivering')]))
          .execute()
      ).map(toJob);
    },
    async requestDelivery(id, outbox, now) {
      const r = await k
        .updateTable('exports')
        .set({ outbox, delivery_status: 'pending', delivery_error: null, delivery_attempts: 0, delivered_at: null, delivered_path: null, updated_at: now.toISOString() })
        .where('id', '=', id)
        .where('status', '=', 'done')
        .where((eb) => eb.or([eb('delivery_status', 'is', null), eb('delivery_status', 'in', ['delivered', 'failed'])]))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async claimDelivery(owner, leaseMs, now) {
      const at = now.toISOString();
      const until = new Date(now.getTime() + leaseMs).toISOString();
      const lock = db.engine === 'postgres' ? sql`for update skip locked` : sql``;
      const result = await sql<Selectable<ExportRow>>`
        update exports set delivery_status = 'delivering', delivery_lease_owner = ${owner}, delivery_lease_expires_at = ${until}, delivery_attempts = delivery_attempts + 1, updated_at = ${at}
        where id = (
          select id from exports
          where status = 'done' and (delivery_status = 'pending' or (delivery_status = 'delivering' and delivery_lease_expires_at <= ${at}))
          order by updated_at
          limit 1 ${lock}
        )
        returning *`.execute(k);
      const row = result.rows[0];
      return row && toJob(row);
    },
    async renewDelivery(id, owner, leaseMs, now) {
      const r = await k
        .updateTable('exports')
        .set({ delivery_lease_expires_at: new Date(now.getTime() + leaseMs).toISOString() })
        .where('id', '=', id)
        .where('delivery_lease_owner', '=', owner)
        .where('delivery_status', '=', 'delivering')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async finishDelivery(id, owner, outcome, now) {
      const at = now.toISOString();
      const r = await k
        .updateTable('exports')
        .set({
          delivery_status: outcome.status,
          delivery_error: outcome.error,
          delivered_path: outcome.remotePath ?? null,
          delivered_at: outcome.status === 'delivered' ? at : null,
          delivery_lease_owner: null,
          delivery_lease_expires_at: null,
          updated_at: at,
        })
        .where('id', '=', id)
        .where('delivery_lease_owner', '=', owner)
        .where('delivery_status', '=', 'delivering')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async releaseDelivery(id, owner, now) {
      await k
        .updateTable('exports')
        .set({ delivery_status: 'pending', delivery_lease_owner: null, delivery_lease_expires_at: null, delivery_attempts: sql<number>`delivery_attempts - 1`, updated_at: now.toISOString() })
        .where('id', '=', id)
        .where('delivery_lease_owner', '=', owner)
        .where('delivery_status', '=', 'delivering')
        .execute();
    },
    async saveLayout(project, template, transforms, savedBy, now) {
      const last = await k.selectFrom('export_layouts').select((eb) => eb.fn.max('version').as('v')).where('project_name', '=', project).executeTakeFirst();
      const version = Number(last?.v ?? 0) + 1;
      const row = { project_name: project, version, template, transforms: JSON.stringify(transforms), saved_by: savedBy, saved_at: now.toISOString() };
      await k.insertInto('export_layouts').values(row).execute();
      return toLayout(row);
    },
    async layouts(project) {
      return (await k.selectFrom('export_layouts').selectAll().where('project_name', '=', project).orderBy('version', 'desc').execute()).map(toLayout);
    },
  };
}
