// The dry run over HTTP (issue 10): a quarantine study de-identified for a project without sending, per tag
// before and after. The before column is the source's identifying data, so the whole call is for data:review
// (data managers, owners, site admins); viewers and data entry get 403. Every run is audited.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { DRY_RUN_INSTANCE_CAP, type DryRunService } from '../../pipeline/forward/dry-run-service.js';
import { defineRoute } from '../routes.js';

const tag = z.object({
  path: z.string().describe('tag path: sequences nested with " > ", private elements as (gggg,"CREATOR",ee)'),
  name: z.string(),
  vr: z.string(),
  before: z.string().nullable().describe('the source value (bounded; null for bulk data or when absent)'),
  after: z.string().nullable().describe('the de-identified value (null when removed, withheld or bulk data)'),
  action: z.enum(['kept', 'replaced', 'emptied', 'removed', 'added', 'withheld']).describe('withheld: the instance would not leave'),
});
const verdict = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('clean') }),
  z.object({ kind: z.literal('refused'), code: z.string(), reason: z.string().describe('names the tag paths, never the values') }),
  z.object({ kind: z.literal('held-for-pixel-review'), reason: z.string() }),
  z.object({ kind: z.literal('error'), reason: z.string() }),
]);

export function dryRunRoutes(deps: { dryRun: DryRunService }): FastifyPluginAsync {
  return async (app) => {
    defineRoute(app, {
      method: 'POST',
      url: '/api/projects/:name/dry-run',
      summary: 'De-identify a quarantine study for the project without sending it: per tag before and after, and the verdict',
      description: `Answers for the first ${DRY_RUN_INSTANCE_CAP} instances of the study (instancesInStudy says how many it has). Audited as deid.dry-run; a project's first release (development → active) needs one.`,
      tags: ['review'],
      permission: { project: 'data:review' },
      params: z.object({ name: z.string().max(64) }),
      body: z
        .object({
          studyInstanceUid: z.string().min(1).max(64),
          participant: z.string().min(1).max(64).optional().describe("default: the study's assignment to the project (required when it has none)"),
          event: z.string().min(1).max(64).optional().describe("default: the assignment's event (required when it has none)"),
        })
        .strict(),
      response: z.object({
        project: z.string(),
        studyInstanceUid: z.string(),
        participant: z.string(),
        event: z.string(),
        instancesInStudy: z.number(),
        instanceCap: z.number(),
        instances: z.array(
          z.object({
            sopInstanceUid: z.string(),
            seriesInstanceUid: z.string(),
            verdict,
            pixels: z
              .object({
                outcome: z.enum(['pass', 'clean']),
                masks: z.number(),
                rects: z.array(z.object({ frame: z.number(), x: z.number(), y: z.number(), width: z.number(), height: z.number(), reason: z.string() })).describe('the rectangles filled, per frame (0-based), in pixels; never the text read'),
              })
              .nullable().describe('the pixel stage (null when it did not run)'),
            tags: z.array(tag),
          }),
        ),
      }),
      handler: async ({ params: p, body, auth, reply }) => {
        reply.header('cache-control', 'private, no-store');
        return deps.dryRun.run(p.name, body, auth.actor);
      },
    });
  };
}
