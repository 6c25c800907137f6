// The pixel review queue as data managers use it: list what waits (per project, counted), look at a frame,
// accept the proposed masks (with rectangles of their own added), or declare a whole series free of burned-in
// text for the project (the original system's per-series exclusion). Every decision is audited and releases
// the held instances of its transfer at once; known-region masks are configured here too.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Actor, Audit } from '../../platform/audit/audit.js';
import { BadRequestError, NotFoundError } from '../../platform/errors.js';
import type { QuarantineRepository } from '../quarantine/repository.js';
import type { PixelReview, PixelReviewRepository, ReviewStatus } from './pixel-review-repository.js';
import type { Rect } from '../deid/pixels/geometry.js';
import type { KnownRegion } from '../deid/pixels/known-regions.js';

/** The prefix of the reason a transfer records for a held instance (transfer-runner's HELD_FOR_REVIEW). */
const HELD_FOR_REVIEW = 'waits for pixel review';

export const rectSchema = z.object({ x: z.number().int().min(0), y: z.number().int().min(0), width: z.number().int().min(1), height: z.number().int().min(1) });
export const knownRegionSchema = z.object({
  manufacturer: z.string().max(64).optional(),
  model: z.string().max(64).optional(),
  rows: z.number().int().min(1).optional(),
  columns: z.number().int().min(1).optional(),
  rects: z.array(rectSchema).min(1).max(32),
});

export interface PixelReviewPorts {
  quarantine: Pick<QuarantineRepository, 'listInstances'>;
  reviews: PixelReviewRepository;
  transfers: { retryHeld(id: string, reasonPrefix: string, now: Date): Promise<unknown>; find(studyInstanceUid: string, project: string): Promise<{ id: string } | undefined> };
  audit: Audit;
  notify: () => void;
  /** Renders one frame as PNG off the event loop (the preparation pool). */
  preview: (input: Buffer, frame: number) => Promise<Buffer>;
}

export class PixelReviewService {
  constructor(private readonly ports: PixelReviewPorts) {}

  /** Lists an instance for review as the pixel stage does (tests and tools use it to seed the queue). */
  open(...args: Parameters<PixelReviewRepository['open']>): Promise<PixelReview> {
    return this.ports.reviews.open(...args);
  }

  list(project: string, status?: ReviewStatus): Promise<PixelReview[]> {
    return this.ports.reviews.list(project, status);
  }

  /** Pending reviews per project, for the project list and page. */
  counts(projects: string[]): Promise<Map<string, number>> {
    return this.ports.reviews.counts(projects);
  }

  async get(project: string, id: string): Promise<PixelReview> {
    const review = await this.ports.reviews.get(id);
    if (!review || review.project !== project) throw new NotFoundError(`no pixel review ${id} in project ${project}`);
    return review;
  }

  /** The frame as stored in the quarantine (the source, before masking), as PNG. */
  async frame(project: string, id: string, frame: number, actor: Actor): Promise<Buffer> {
    const review = await this.get(project, id);
    if (frame < 0 || frame >= review.frames) throw new BadRequestError(`frame must be 0-${review.frames - 1}`);
    const instance = (await this.ports.quarantine.listInstances(review.studyInstanceUid, review.seriesInstanceUid)).find((i) => i.sopInstanceUid === review.sopInstanceUid);
    if (!instance) throw new NotFoundError('the instance is no longer in the quarantine');
    await this.ports.audit.record({ action: 'pixels.review.view', actor, project, target: id, details: { frame } });
    return this.ports.preview(await readFile(instance.path), frame);
  }

  /** Accepts the proposed masks plus the reviewer's own rectangles; the instance then leaves masked so. */
  async accept(project: string, id: string, added: Array<{ frame: number; box: Rect }>, actor: Actor): Promise<PixelReview> {
    const review = await this.get(project, id);
    for (const a of added) if (a.frame < 0 || a.frame >= review.frames) throw new BadRequestError(`frame must be 0-${review.frames - 1}`);
    const masks = [...review.proposed.map((p) => ({ frame: p.frame, box: p.box })), ...added];
    const decided = (await this.ports.reviews.decide(id, 'accepted', masks, actor.username ?? actor.via, new Date()))!;
    await this.ports.audit.record({ action: 'pixels.review.accept', actor, project, target: id, details: { instance: review.sopInstanceUid, proposed: review.proposed.length, added: added.length } });
    await this.release(review);
    return decided;
  }

  /** Declares the review's whole series free of burned-in text for this project. */
  async markSeriesSafe(project: string, id: string, actor: Actor): Promise<PixelReview> {
    const review = await this.get(project, id);
    await this.ports.reviews.markSeriesSafe(project, review.seriesInstanceUid, actor.username ?? actor.via, new Date());
    await this.ports.audit.record({ action: 'pixels.series.safe', actor, project, target: review.seriesInstanceUid, details: { review: id } });
    const released = new Set<string>();
    for (const r of await this.ports.reviews.list(project, 'safe')) {
      const key = r.transferId ?? r.studyInstanceUid;
      if (r.seriesInstanceUid === review.seriesInstanceUid && !released.has(key)) {
        released.add(key);
        await this.release(r);
      }
    }
    return (await this.ports.reviews.get(id))!;
  }

  regions(project: string): Promise<KnownRegion[]> {
    return this.ports.reviews.regions(project);
  }

  async setRegions(project: string, regions: KnownRegion[], actor: Actor): Promise<KnownRegion[]> {
    await this.ports.reviews.setRegions(project, regions, actor.username ?? actor.via, new Date());
    await this.ports.audit.record({ action: 'pixels.regions.set', actor, project, details: { regions: regions.length } });
    return regions;
  }

  /** Retries the transfer that holds the instance (the one recorded, else the study's transfer to the project). */
  private async release(review: PixelReview): Promise<void> {
    const id = review.transferId ?? (await this.ports.transfers.find(review.studyInstanceUid, review.project))?.id;
    if (!id) return;
    await this.ports.transfers.retryHeld(id, HELD_FOR_REVIEW, new Date());
    this.ports.notify();
  }
}
