// Refusals over HTTP (issue 10 item 3): what the de-identification refused in a project, per study with tag
// paths and reasons (never the identifying value); a data manager's decision per refusal or per study; the
// resend. Data managers and owners only (data:review); every decision and resend is audited.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { REFUSAL_STATUSES } from '../../pipeline/forward/refusals-repository.js';
import type { RefusalsService } from '../../pipeline/forward/refusals-service.js';
import { mayInProject } from '../../platform/auth/permissions.js';
import type { ProjectsService } from '../../projects/projects-service.js';
import { defineRoute } from '../routes.js';

const PRIVATE_TAG = /^[0-9A-Fa-f]{3}[13579BDFbdf],[^,\\]{1,64},[0-9A-Fa-f]{2}$/;

const decision = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('exclude') }).strict().describe('the instance never leaves for this project'),
  z
    .object({ kind: z.literal('option'), changes: z.record(z.unknown()).refine((c) => Object.keys(c).length > 0, 'name at least one option') })
    .strict()
    .describe("change the project's de-identification options (the same names and rules as the project's deidOptions)"),
  z
    .object({ kind: z.literal('private-tag'), privateTag: z.string().regex(PRIVATE_TAG, '"gggg,CREATOR,ee" with an odd group'), allow: z.boolean() })
    .strict()
    .describe("put a private tag on the project's safe-private allow-list (allow: true, Retain Safe Private on) or take it off (allow: false)"),
]);

const refusal = z.object({
  id: z.string(),
  project: z.string(),
  transferId: z.string().nullable(),
  studyInstanceUid: z.string(),
  seriesInstanceUid: z.string(),
  sopInstanceUid: z.string(),
  code: z.string().describe('verifier-hit, bad-value, unparseable, missing-uid, invalid-context, or error'),
  reason: z.string().describe('names the tag paths, never the identifying values'),
  places: z.array(z.object({ tagPath: z.string(), privateTag: z.string().nullable().describe('"gggg,CREATOR,ee" for a private element') })),
  status: z.enum(REFUSAL_STATUSES).describe('open: waits for a decision; decided: waits for a resend; excluded; resolved: sent since'),
  decision: z.union([z.object({ kind: z.literal('exclude') }), z.object({ kind: z.literal('option'), changes: z.record(z.unknown()) }), z.object({ kind: z.literal('private-tag'), privateTag: z.string(), allow: z.boolean() })]).nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const study = z.object({
  studyInstanceUid: z.string(),
  transferId: z.string().nullable(),
  participant: z.string().nullable(),
  event: z.string().nullable(),
  transferStatus: z.string().nullable(),
  open: z.number(),
  decided: z.number(),
  excluded: z.number(),
  resolved: z.number(),
  refusals: z.array(refusal),
});

const params = z.object({ name: z.string().max(64) });

export function refusalRoutes(deps: { refusals: RefusalsService; projects: Pick<ProjectsService, 'listVisible'> }): FastifyPluginAsync {
  const service = deps.refusals;
  return async (app) => {
    defineRoute(app, {
      method: 'GET',
      url: '/api/review/refusals/counts',
      summary: 'Refused instances waiting for a decision, per project the caller may review',
      tags: ['review'],
      permission: 'authenticated',
      response: z.record(z.number()),
      handler: async ({ auth }) => {
        const allowed = (await deps.projects.listVisible(auth.principal)).filter((p) => mayInProject(auth.principal, p.role, 'data:review')).map((p) => p.name);
        const counts = await service.counts(allowed);
        return Object.fromEntries(allowed.map((n) => [n, counts.get(n) ?? 0]));
      },
    });

    defineRoute(app, {
      method: 'GET',
      url: '/api/projects/:name/review/refusals',
      summary: 'Instances the de-identification refused, per study, with tag paths and reasons',
      description: 'Default (waiting): the studies with a refusal open or decided (not yet resent), each with all its refusals; a status shows only those; all shows every one.',
      tags: ['review'],
      permission: { project: 'data:review' },
      params,
      query: z.object({ status: z.enum([...REFUSAL_STATUSES, 'waiting', 'all']).default('waiting') }).strict(),
      response: z.object({ open: z.number(), studies: z.array(study) }),
      handler: async ({ params: p, query, auth }) => service.list(p.name, query.status, auth.project?.dataAccessGroup ?? null),
    });

    defineRoute(app, {
      method: 'POST',
      url: '/api/projects/:name/review/refusals/:id/decision',
      summary: 'Decide one refusal: exclude the instance, change a de-identification option, or a private tag on/off the allow-list',
      description: 'Audited (review.refusal.exclude, review.refusal.option, review.refusal.private-tag). An option or allow-list change is the project\'s, for every later instance too. Nothing is sent until a resend.',
      tags: ['review'],
      permission: { project: 'data:review' },
      params: params.extend({ id: z.string().uuid() }),
      body: z.object({ decision }).strict(),
      response: z.array(refusal),
      handler: async ({ params: p, body, auth }) => service.decide(p.name, p.id, body.decision, auth.actor, auth.project?.dataAccessGroup ?? null),
    });

    defineRoute(app, {
      method: 'POST',
      url: '/api/projects/:name/review/refusals/studies/:study/decision',
      summary: 'Decide every waiting refusal of a study alike',
      tags: ['review'],
      permission: { project: 'data:review' },
      params: params.extend({ study: z.string().min(1).max(64) }),
      body: z.object({ decision }).strict(),
      response: z.array(refusal),
      handler: async ({ params: p, body, auth }) => service.decideStudy(p.name, p.study, body.decision, auth.actor, auth.project?.dataAccessGroup ?? null),
    });

    defineRoute(app, {
      method: 'POST',
      url: '/api/projects/:name/review/refusals/resend',
      summary: 'Resend what waits for review: the refused instances are de-identified again under the project\'s rules as they are now',
      description: 'With studyInstanceUid: that study\'s transfer. Without: every transfer of the project with a decided refusal. Excluded instances are settled and never sent. Audited as review.refusal.resend.',
      tags: ['review'],
      permission: { project: 'data:review' },
      params,
      body: z.object({ studyInstanceUid: z.string().min(1).max(64).optional() }).strict(),
      response: z.object({ transfers: z.array(z.string()), stillOpen: z.number().describe('refusals resent without a decision (they will most likely be refused again)') }),
      handler: async ({ params: p, body, auth }) => service.resend(p.name, body.studyInstanceUid, auth.actor, auth.project?.dataAccessGroup ?? null),
    });
  };
}
