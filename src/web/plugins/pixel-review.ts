// The pixel review queue over HTTP (DEID-SPEC section 7): what waits in a project (listed and counted),
// a frame of it as PNG with the proposed masks as data, and a data manager's decisions — accept the masks
// (adding rectangles of their own) or declare the series free of burned-in text. Known-region masks are
// configured here too. Every decision and every look at a frame is audited.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { PixelReview } from '../../pipeline/forward/pixel-review-repository.js';
import { knownRegionSchema, rectSchema, type PixelReviewService } from '../../pipeline/forward/pixel-review-service.js';
import { mayInProject } from '../../platform/auth/permissions.js';
import type { ProjectsService } from '../../projects/projects-service.js';
import { defineRoute } from '../routes.js';

const box = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });
const reviewSchema = z.object({
  id: z.string(),
  project: z.string(),
  transferId: z.string().nullable(),
  studyInstanceUid: z.string(),
  seriesInstanceUid: z.string(),
  sopInstanceUid: z.string(),
  frames: z.number(),
  atRisk: z.boolean().describe('the header says the pixels may carry text (SC, US, BurnedInAnnotation YES, a known region …)'),
  reason: z.string().describe('why the pixel stage could not decide; never the text it read'),
  proposed: z.array(z.object({ frame: z.number(), box, reason: z.string() })).describe('masks proposed so far, per frame (0-based), in pixels'),
  status: z.enum(['pending', 'accepted', 'safe']),
  masks: z.array(z.object({ frame: z.number(), box })).nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});

const view = (r: PixelReview) => ({ ...r });
const params = z.object({ name: z.string().max(64), id: z.string().uuid() });

export interface PixelReviewRoutesDeps {
  pixelReview: PixelReviewService;
  projects: Pick<ProjectsService, 'listVisible'>;
}

export function pixelReviewRoutes(deps: PixelReviewRoutesDeps): FastifyPluginAsync {
  const service = deps.pixelReview;
  return async (app) => {
    defineRoute(app, {
      method: 'GET',
      url: '/api/pixel-reviews/counts',
      summary: 'Instances waiting for pixel review, per project the caller may review',
      tags: ['pixel-review'],
      permission: 'authenticated',
      response: z.record(z.number()),
      handler: async ({ auth }) => {
        const visible = await deps.projects.listVisible(auth.principal);
        const allowed = visible.filter((p) => mayInProject(auth.principal, p.role, 'data:review')).map((p) => p.name);
        const counts = await service.counts(allowed);
        return Object.fromEntries(allowed.map((n) => [n, counts.get(n) ?? 0]));
      },
    });

    defineRoute(app, {
      method: 'GET',
      url: '/api/projects/:name/pixel-reviews',
      summary: 'List a project\'s pixel reviews (default: those pending)',
      tags: ['pixel-review'],
      permission: { project: 'data:review' },
      params: z.object({ name: z.string().max(64) }),
      query: z.object({ status: z.enum(['pending', 'accepted', 'safe', 'all']).default('pending') }).strict(),
      response: z.object({ pending: z.number(), reviews: z.array(reviewSchema) }),
      handler: async ({ params: p, query }) => {
        const reviews = await service.list(p.name, query.status === 'all' ? undefined : query.status);
        const pending = (await service.counts([p.name])).get(p.name) ?? 0;
        return { pending, reviews: reviews.map(view) };
      },
    });

    defineRoute(app, {
      method: 'GET',
      url: '/api/projects/:name/pixel-reviews/:id',
      summary: 'One pixel review',
      tags: ['pixel-review'],
      permission: { project: 'data:review' },
      params,
      response: reviewSchema,
      handler: async ({ params: p }) => view(await service.get(p.name, p.id)),
    });

    defineRoute(app, {
      method: 'GET',
      url: '/api/projects/:name/pixel-reviews/:id/frames/:frame',
      summary: 'A frame of the instance under review, as stored in the quarantine (PNG)',
      description: 'The source frame before any mask (the proposed masks are data in the review; the page draws them). Viewing is audited.',
      tags: ['pixel-review'],
      permission: { project: 'data:review' },
      params: params.extend({ frame: z.coerce.number().int().min(0) }),
      handler: async ({ params: p, auth, reply }) => {
        const png = await service.frame(p.name, p.id, p.frame, auth.actor);
        return reply.header('content-type', 'image/png').header('cache-control', 'private, no-store').send(png);
      },
    });

    defineRoute(app, {
      method: 'POST',
      url: '/api/projects/:name/pixel-reviews/:id/accept',
      summary: 'Accept the proposed masks, with rectangles of your own added',
      description: 'The instance leaves with the proposed masks and the added ones filled; its transfer is retried at once.',
      tags: ['pixel-review'],
      permission: { project: 'data:review' },
      params,
      body: z.object({ add: z.array(z.object({ frame: z.number().int().min(0) }).merge(rectSchema)).max(200).default([]) }).strict(),
      response: reviewSchema,
      handler: async ({ params: p, body, auth }) =>
        view(await service.accept(p.name, p.id, body.add.map((a) => ({ frame: a.frame, box: { x: a.x, y: a.y, width: a.width, height: a.height } })), auth.actor)),
    });

    defineRoute(app, {
      method: 'POST',
      url: '/api/projects/:name/pixel-reviews/:id/safe-series',
      summary: 'Declare the review\'s series free of burned-in text for this project',
      description: 'Every instance of the series (now and later) leaves with its pixels unchanged; pending reviews of the series are closed and their transfers retried.',
      tags: ['pixel-review'],
      permission: { project: 'data:review' },
      params,
      response: reviewSchema,
      handler: async ({ params: p, auth }) => view(await service.markSeriesSafe(p.name, p.id, auth.actor)),
    });

    defineRoute(app, {
      method: 'GET',
      url: '/api/projects/:name/pixel-regions',
      summary: 'The project\'s known-region masks',
      tags: ['pixel-review'],
      permission: { project: 'data:review' },
      params: z.object({ name: z.string().max(64) }),
      response: z.array(knownRegionSchema),
      handler: async ({ params: p }) => service.regions(p.name),
    });

    defineRoute(app, {
      method: 'PUT',
      url: '/api/projects/:name/pixel-regions',
      summary: 'Set the project\'s known-region masks (rectangles by manufacturer, model and image size)',
      description: 'Matching instances are at risk and have these rectangles filled in every frame.',
      tags: ['pixel-review'],
      permission: { project: 'data:review' },
      params: z.object({ name: z.string().max(64) }),
      body: z.array(knownRegionSchema.strict()).max(100),
      response: z.array(knownRegionSchema),
      handler: async ({ params: p, body, auth }) => service.setRegions(p.name, body, auth.actor),
    });
  };
}
