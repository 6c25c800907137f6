// Storage of the pixel review queue, the series declared safe per project, and the projects' known-region
// masks. A plain adapter: the rules (who may decide, what a decision releases) live in pixel-review-service.
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Rect } from '../deid/pixels/geometry.js';
import type { KnownRegion } from '../deid/pixels/known-regions.js';
import type { PixelReviewRow } from './pixel-review-tables.js';

export type ReviewStatus = 'pending' | 'accepted' | 'safe';

export interface ProposedMask {
  frame: number;
  box: Rect;
  reason: string;
}

export interface PixelReview {
  id: string;
  project: string;
  transferId: string | null;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  frames: number;
  atRisk: boolean;
  reason: string;
  proposed: ProposedMask[];
  status: ReviewStatus;
  masks: Array<{ frame: number; box: Rect }> | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

function toReview(r: Selectable<PixelReviewRow>): PixelReview {
  return {
    id: r.id,
    project: r.project_name,
    transferId: r.transfer_id,
    studyInstanceUid: r.study_instance_uid,
    seriesInstanceUid: r.series_instance_uid,
    sopInstanceUid: r.sop_instance_uid,
    frames: Number(r.frames),
    atRisk: Number(r.at_risk) === 1,
    reason: r.reason,
    proposed: JSON.parse(r.proposed) as ProposedMask[],
    status: r.status as ReviewStatus,
    masks: r.masks ? (JSON.parse(r.masks) as Array<{ frame: number; box: Rect }>) : null,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    createdAt: r.created_at,
  };
}

export interface NewReview {
  project: string;
  transferId: string | null;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  frames: number;
  atRisk: boolean;
  reason: string;
  proposed: ProposedMask[];
}

export interface PixelReviewRepository {
  /** Lists the instance for review (again pending, with new proposals, if it was listed before). */
  open(review: NewReview, now: Date): Promise<PixelReview>;
  get(id: string): Promise<PixelReview | undefined>;
  forInstance(project: string, sopInstanceUid: string): Promise<PixelReview | undefined>;
  list(project: string, status?: ReviewStatus, limit?: number): Promise<PixelReview[]>;
  counts(projects: string[]): Promise<Map<string, number>>;
  decide(id: string, status: 'accepted' | 'safe', masks: Array<{ frame: number; box: Rect }> | null, by: string, now: Date): Promise<PixelReview | undefined>;
  markSeriesSafe(project: string, seriesInstanceUid: string, by: string, now: Date): Promise<void>;
  isSeriesSafe(project: string, seriesInstanceUid: string): Promise<boolean>;
  regions(project: string): Promise<KnownRegion[]>;
  setRegions(project: string, regions: KnownRegion[], by: string, now: Date): Promise<void>;
}

export function pixelReviewRepository(db: Db): PixelReviewRepository {
  const k = db.kysely;
  const get = async (id: string) => {
    const row = await k.selectFrom('pixel_reviews').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toReview(row);
  };
  return {
    async open(review, now) {
      const at = now.toISOString();
      const values = {
        transfer_id: review.transferId,
        study_instance_uid: review.studyInstanceUid,
        series_instance_uid: review.seriesInstanceUid,
        frames: review.frames,
        at_risk: review.atRisk ? 1 : 0,
        reason: review.reason,
        proposed: JSON.stringify(review.proposed),
        status: 'pending',
        masks: null,
        decided_by: null,
        decided_at: null,
      };
      const existing = await k.selectFrom('pixel_reviews').select('id').where('project_name', '=', review.project).where('sop_instance_uid', '=', review.sopInstanceUid).executeTakeFirst();
      if (existing) {
        await k.updateTable('pixel_reviews').set(values).where('id', '=', existing.id).execute();
        return (await get(existing.id))!;
      }
      const id = randomUUID();
      await k.insertInto('pixel_reviews').values({ id, project_name: review.project, sop_instance_uid: review.sopInstanceUid, created_at: at, ...values }).execute();
      return (await get(id))!;
    },
    get,
    async forInstance(project, sop) {
      const row = await k.selectFrom('pixel_reviews').selectAll().where('project_name', '=', project).where('sop_instance_uid', '=', sop).executeTakeFirst();
      return row && toReview(row);
    },
    async list(project, status, limit = 500) {
      let q = k.selectFrom('pixel_reviews').selectAll().where('project_name', '=', project);
      if (status) q = q.where('status', '=', status);
      return (await q.orderBy('created_at').orderBy('id').limit(limit).execute()).map(toReview);
    },
    async counts(projects) {
      const out = new Map<string, number>();
      if (projects.length === 0) return out;
      const rows = await k.selectFrom('pixel_reviews').select(['project_name', (eb) => eb.fn.countAll<number>().as('n')]).where('status', '=', 'pending').where('project_name', 'in', projects).groupBy('project_name').execute();
      for (const r of rows) out.set(r.project_name, Number(r.n));
      return out;
    },
    async decide(id, status, masks, by, now) {
      await k.updateTable('pixel_reviews').set({ status, masks: masks ? JSON.stringify(masks) : null, decided_by: by, decided_at: now.toISOString() }).where('id', '=', id).execute();
      return get(id);
    },
    async markSeriesSafe(project, series, by, now) {
      await k
        .insertInto('pixel_safe_series')
        .values({ project_name: project, series_instance_uid: series, decided_by: by, decided_at: now.toISOString() })
        .onConflict((oc) => oc.columns(['project_name', 'series_instance_uid']).doNothing())
        .execute();
      await k.updateTable('pixel_reviews').set({ status: 'safe', decided_by: by, decided_at: now.toISOString() }).where('project_name', '=', project).where('series_instance_uid', '=', series).where('status', '=', 'pending').execute();
    },
    async isSeriesSafe(project, series) {
      return !!(await k.selectFrom('pixel_safe_series').select('series_instance_uid').where('project_name', '=', project).where('series_instance_uid', '=', series).executeTakeFirst());
    },
    async regions(project) {
      const row = await k.selectFrom('pixel_regions').select('regions').where('project_name', '=', project).executeTakeFirst();
      return row ? (JSON.parse(row.regions) as KnownRegion[]) : [];
    },
    async setRegions(project, regions, by, now) {
      const values = { regions: JSON.stringify(regions), updated_by: by, updated_at: now.toISOString() };
      await k.insertInto('pixel_regions').values({ project_name: project, ...values }).onConflict((oc) => oc.column('project_name').doUpdateSet(values)).execute();
    },
  };
}
