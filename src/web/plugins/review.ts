// Review over HTTP (issue 10): a project's tag inventory (filter by flag, search, sort, page), as CSV, and the
// acknowledgement of new tag paths. Data managers and owners only (data:review).
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { TAG_FLAGS as FLAGS, type ReviewService } from '../../pipeline/forward/review-service.js';
import { defineRoute } from '../routes.js';

const tagRow = z.object({
  path: z.string().describe('tag path: sequences nested with " > ", private elements as (gggg,"CREATOR",ee)'),
  name: z.string(),
  vr: z.string(),
  instances: z.number().describe('released instances that carry this path'),
  distinctValues: z.number(),
  distinctCapped: z.boolean().describe('more distinct values than the cap: distinctValues is a lower bound'),
  samples: z.array(z.string()).describe('up to 5 de-identified values'),
  flags: z.array(z.enum(FLAGS)),
  firstSeenAt: z.string(),
  isNew: z.boolean().describe('first released since the last acknowledgement'),
});
const query = z
  .object({
    flag: z.enum(FLAGS).optional(),
    search: z.string().max(200).optional(),
    sort: z.enum(['instances', 'path', 'distinct']).default('instances'),
    limit: z.coerce.number().int().min(1).max(5000).default(1000),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
const params = z.object({ name: z.string().max(64) });

export function reviewRoutes(deps: { review: ReviewService }): FastifyPluginAsync {
  const service = deps.review;
  return async (app) => {
    defineRoute(app, {
      method: 'GET',
      url: '/api/projects/:name/review/tags',
      summary: 'The tag inventory of what the project released: every tag path with VR, counts, samples and flags',
      tags: ['review'],
      permission: { project: 'data:review' },
      params,
      query,
      response: z.object({ total: z.number(), newPaths: z.number(), rows: z.array(tagRow) }),
      handler: async ({ params: p, query: q }) => service.tags(p.name, q),
    });

    defineRoute(app, {
      method: 'GET',
      url: '/api/projects/:name/review/tags.csv',
      summary: 'The tag inventory as CSV (values a spreadsheet would run as formulas are quoted)',
      tags: ['review'],
      permission: { project: 'data:review' },
      params,
      query: query.omit({ limit: true, offset: true }),
      handler: async ({ params: p, query: q, auth, reply }) => {
        const csv = await service.csv(p.name, q, auth.actor);
        return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${p.name}-tags.csv"`).header('cache-control', 'private, no-store').send(csv);
      },
    });

    defineRoute(app, {
      method: 'POST',
      url: '/api/projects/:name/review/tags/acknowledge',
      summary: 'Mark the new tag paths as reviewed',
      tags: ['review'],
      permission: { project: 'data:review' },
      params,
      response: z.object({ acknowledged: z.number() }),
      handler: async ({ params: p, auth }) => service.acknowledge(p.name, auth.actor),
    });
  };
}
