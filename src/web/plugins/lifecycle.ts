// A project's life over HTTP: applications for new projects (any signed-in user applies, site admins
// decide), status changes by site admins (development, active, archived, handed-over, deleted with two
// admins), corrections under four eyes, and the project's trail in words for a data protection officer.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { AuditLog } from '../../platform/audit/audit.js';
import type { AccessRequestsService } from '../../projects/access-requests-service.js';
import type { ApplicationsService } from '../../projects/applications-service.js';
import { APPLICATION_STATUSES, type Application } from '../../projects/applications.js';
import { describeTrail } from '../../projects/audit-trail.js';
import { TARGET_STATUSES, type LifecycleService } from '../../projects/lifecycle-service.js';
import { PROJECT_STATUSES } from '../../projects/rules.js';
import type { CorrectionsService } from '../../pipeline/forward/corrections-service.js';
import type { AnonymisedCopyService } from '../../pipeline/copy/anonymised-copy.js';
import { CORRECTION_STATUSES, type Correction } from '../../pipeline/routing/corrections-repository.js';
import { sourceAddress } from '../permissions.js';
import { defineRoute } from '../routes.js';
import { projectView } from '../views.js';

const idParam = z.object({ id: z.string().uuid() });
const nameParam = z.object({ name: z.string().max(64) });
const reasonBody = z.object({ reason: z.string().max(2000) }).strict();

const form = z
  .object({
    name: z.string().describe('5-20 letters, digits, "-", "_"; unique'),
    rekNumber: z.string().describe('ethics approval (REK) number'),
    startDate: z.string().describe('approval start, YYYY-MM-DD'),
    endDate: z.string().describe('approval end, YYYY-MM-DD'),
    principalInvestigator: z.string(),
    description: z.string(),
    modalities: z.array(z.string()).describe('expected DICOM modalities (CT, MR, …)'),
    expectedVolume: z.string().describe('expected volume, in words (e.g. "200 participants, 2 MR each")'),
    participantPattern: z.string().describe('regular expression every participant ID must match in full'),
    events: z.array(z.string()),
    agreementAccepted: z.boolean().describe('the end-user agreement, which must be accepted'),
  })
  .strict();

const applicationSchema = z.object({
  id: z.string(),
  form: form,
  applicant: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  reason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const change = z.object({ at: z.string(), from: z.string().nullable(), to: z.string(), by: z.string().nullable(), reason: z.string().nullable(), details: z.record(z.unknown()).nullable() });
const deletion = z.object({ project: z.string(), requestedBy: z.string(), requestedAt: z.string(), reason: z.string().nullable(), confirmedBy: z.string().nullable(), confirmedAt: z.string().nullable(), report: z.record(z.unknown()).nullable() });

const correctionSchema = z.object({
  id: z.string(),
  project: z.string(),
  studyInstanceUid: z.string(),
  from: z.object({ participant: z.string(), event: z.string() }),
  to: z.object({ participant: z.string(), event: z.string() }).nullable().describe('null: the study is removed from the project'),
  reason: z.string(),
  status: z.enum(CORRECTION_STATUSES),
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  report: z.record(z.unknown()).nullable(),
});

const applicationView = (a: Application) => a;
const correctionView = (c: Correction) => c;

const accessRequest = z.object({ id: z.string(), project: z.string(), username: z.string(), message: z.string().nullable(), status: z.enum(['pending', 'approved', 'declined']), role: z.string().nullable(), reason: z.string().nullable(), decidedBy: z.string().nullable(), decidedAt: z.string().nullable(), createdAt: z.string() });
const requestParam = nameParam.extend({ id: z.string().uuid() });

export function lifecycleRoutes(deps: { applications: ApplicationsService; lifecycle: LifecycleService; corrections: Pick<CorrectionsService, 'list' | 'request' | 'approve' | 'reject'>; access: AccessRequestsService; audit: AuditLog; copies: Pick<AnonymisedCopyService, 'copy'> }): FastifyPluginAsync {
  const { applications, lifecycle, corrections } = deps;
  return async (app) => {
    // ---- applications ----
    defineRoute(app, {
      method: 'POST',
      url: '/api/applications',
      summary: 'Apply for a new project',
      description: 'Any signed-in user. A site admin approves (the project is created in development, you its owner), asks for changes, or declines.',
      tags: ['applications'],
      permission: 'authenticated',
      body: form,
      response: applicationSchema,
      status: 201,
      handler: async ({ body, auth, request }) => applicationView(await applications.apply(body, { ...auth.actor, sourceAddress: sourceAddress(request) })),
    });
    defineRoute(app, {
      method: 'GET',
      url: '/api/applications',
      summary: 'List applications',
      description: 'Site admins see every application, others their own.',
      tags: ['applications'],
      permission: 'authenticated',
      response: z.array(applicationSchema),
      handler: async ({ auth }) => (await applications.list(auth.principal)).map(applicationView),
    });
    defineRoute(app, {
      method: 'PUT',
      url: '/api/applications/:id',
      summary: 'Send an application again after changes were asked for',
      tags: ['applications'],
      permission: 'authenticated',
      params: idParam,
      body: form,
      response: applicationSchema,
      handler: async ({ params, body, auth }) => applicationView(await applications.resubmit(params.id, body, auth.principal, auth.actor)),
    });
    defineRoute(app, {
      method: 'POST',
      url: '/api/applications/:id/approve',
      summary: 'Approve an application: the project is created in development, the applicant its owner',
      tags: ['applications'],
      permission: 'admin',
      params: idParam,
      body: z.object({ destination: z.object({ aet: z.string(), host: z.string(), port: z.number().int() }).strict().describe('the research PACS the project sends to'), reason: z.string().max(2000).optional() }).strict(),
      response: z.object({ application: applicationSchema, project: z.object({ name: z.string(), status: z.enum(PROJECT_STATUSES) }) }),
      handler: async ({ params, body, auth }) => {
        const { application, project } = await applications.decide(params.id, 'approve', body, auth.actor);
        const view = projectView(project!);
        return { application: applicationView(application), project: { name: view.name, status: view.status } };
      },
    });
    for (const [verb, decision] of [['decline', 'decline'], ['request-changes', 'request-changes']] as const) {
      defineRoute(app, {
        method: 'POST',
        url: `/api/applications/:id/${verb}`,
        summary: verb === 'decline' ? 'Decline an application, with a reason' : 'Ask the applicant for changes, with a reason',
        tags: ['applications'],
        permission: 'admin',
        params: idParam,
        body: reasonBody,
        response: applicationSchema,
        handler: async ({ params, body, auth }) => applicationView((await applications.decide(params.id, decision, body, auth.actor)).application),
      });
    }

    // ---- access to an existing project ----
    defineRoute(app, {
      method: 'POST',
      url: '/api/projects/:name/access-requests',
      summary: 'Ask for access to a project',
      description: 'Any signed-in user. The answer is the same whether or not the project exists (or you are a member already), so asking tells nobody which projects exist; its owners see the request and decide.',
      tags: ['applications'],
      permission: 'authenticated',
      params: nameParam,
      body: z.object({ message: z.string().max(2000).optional() }).strict(),
      response: z.object({ sent: z.literal(true) }),
      status: 202,
      handler: async ({ params, body, auth }) => {
        await deps.access.ask(params.name, body.message, auth.actor);
        return { sent: true as const };
      },
    });
    defineRoute(app, {
      method: 'GET',
      url: '/api/projects/:name/access-requests',
      summary: 'List requests for access to a project (its owners)',
      tags: ['applications'],
      permission: { project: 'members:manage' },
      params: nameParam,
      response: z.array(accessRequest),
      handler: async ({ params }) => deps.access.list(params.name),
    });
    defineRoute(app, {
      method: 'POST',
      url: '/api/projects/:name/access-requests/:id/approve',
      summary: 'Approve a request for access with a role',
      tags: ['applications'],
      permission: { project: 'members:manage' },
      params: requestParam,
      body: z.object({ role: z.string() }).strict(),
      response: accessRequest,
      handler: async ({ params, body, auth }) => deps.access.decide(params.name, params.id, { approve: true, role: body.role }, auth.actor),
    });
    defineRoute(app, {
      method: 'POST',
      url: '/api/projects/:name/access-requests/:id/decline',
      summary: 'Decline a request for access, with a reason',
      tags: ['applications'],
      permission: { project: 'members:manage' },
      params: requestParam,
      body: reasonBody,
      response: accessRequest,
      handler: async ({ params, body, auth }) => deps.access.decide(params.name, params.id, { approve: false, reason: body.reason }, auth.actor),
    });

    // ---- status ----
    defineRoute(app, {
      method: 'GET',
      url: '/api/projects/:name/lifecycle',
      summary: 'A project\'s status, its history, a pending deletion and the approval warning',
      tags: ['lifecycle'],
      permission: { project: 'project:read' },
      params: nameParam,
      response: z.object({ status: z.enum(PROJECT_STATUSES), history: z.array(change), deletion: deletion.nullable(), approvalWarning: z.object({ daysLeft: z.number(), step: z.number() }).nullable(), deletableFrom: z.string().nullable() }),
      handler: async ({ params }) => {
        const l = await lifecycle.show(params.name);
        return { ...l, history: l.history.map(({ id: _id, project: _p, ...c }) => c) };
      },
    });
    defineRoute(app, {
      method: 'POST',
      url: '/api/projects/:name/status',
      summary: 'Move a project on in its life',
      description:
        'Site admins. development → active (when the first-release check allows) → archived (read-only: no assignments, participants or forwarding; a reason is required) → handed-over (with `handover`: the final export\'s sha256 and who confirmed receiving it) → deleted: the first admin asks (after the retention period), a second admin confirms with the same call; then Fiona deletes the project\'s data and asks the research PACS to delete its studies, and answers with a report.',
      tags: ['lifecycle'],
      permission: 'admin',
      params: nameParam,
      body: z.object({ status: z.enum(TARGET_STATUSES), reason: z.string().max(2000).optional(), handover: z.object({ sha256: z.string(), confirmedBy: z.string(), exportId: z.string().nullable().optional() }).strict().optional() }).strict(),
      response: z.object({ status: z.enum([...TARGET_STATUSES, 'deletion-requested']), deletion: deletion.optional() }),
      handler: async ({ params, body, auth, request }) => {
        const result = await lifecycle.change(params.name, body, { ...auth.actor, sourceAddress: sourceAddress(request) });
        return 'deletion' in result ? { status: result.status, deletion: result.deletion } : { status: result.status };
      },
    });
    defineRoute(app, {
      method: 'POST',
      url: '/api/projects/:name/anonymised-copy',
      summary: 'Make an anonymised copy of an archived project into a new project',
      description:
        'Site admins. Reads the archived project\'s studies back from its research PACS (C-GET), de-identifies them again for the new project — new random participant IDs matching `participantPattern` (default `C` and 8 digits), UIDs keyed with a fresh key and dates moved by fresh offsets, neither stored — and sends them to the new project\'s research PACS (default the original\'s), checked with C-FIND. No coupling list or table links the copy to the original; the audit log says which project was copied into which. The new project is `active` unless `status` says `development`. Runs within the request; a copy that fails is undone.',
      tags: ['lifecycle'],
      permission: 'admin',
      params: nameParam,
      body: z
        .object({
          newName: z.string().max(64).describe('the new project: 5-20 letters, digits, "-", "_"; unique'),
          participantPattern: z.string().max(200).optional().describe('the new participant-ID rule; new IDs are drawn at random to match it'),
          description: z.string().max(2000).optional(),
          principalInvestigator: z.string().max(200).optional(),
          status: z.enum(['development', 'active']).optional(),
          owner: z.string().max(64).optional().describe('username of the new project\'s first owner'),
          destination: z.object({ aet: z.string(), host: z.string(), port: z.number().int() }).strict().optional().describe('the copy\'s research PACS; default the original\'s'),
        })
        .strict(),
      response: z.object({ project: z.string(), status: z.string(), participants: z.number(), studies: z.number(), series: z.number(), instances: z.number(), notFound: z.number().describe('research studies the PACS no longer holds'), refused: z.array(z.object({ reason: z.string() })) }),
      status: 201,
      handler: async ({ params, body, auth, request }) => deps.copies.copy(params.name, body, { ...auth.actor, sourceAddress: sourceAddress(request) }),
    });
    defineRoute(app, {
      method: 'GET',
      url: '/api/projects/:name/trail',
      summary: 'A project\'s audit trail in words (for a data protection officer), kept after the project is deleted',
      tags: ['lifecycle'],
      permission: 'admin',
      params: nameParam,
      query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(500) }),
      response: z.array(z.object({ at: z.string(), who: z.string(), action: z.string(), outcome: z.string(), text: z.string() })),
      handler: async ({ params, query }) => describeTrail(await deps.audit.list({ project: params.name, limit: query.limit }), { includeTransfers: false }),
    });

    // ---- corrections ----
    defineRoute(app, {
      method: 'GET',
      url: '/api/projects/:name/corrections',
      summary: 'List a project\'s corrections',
      tags: ['corrections'],
      permission: { project: 'project:read' },
      params: nameParam,
      response: z.array(correctionSchema),
      handler: async ({ params }) => (await corrections.list(params.name)).map(correctionView),
    });
    defineRoute(app, {
      method: 'POST',
      url: '/api/projects/:name/corrections',
      summary: 'Ask for a correction of a study\'s assignment',
      description: 'Members who may delete the project\'s data (data managers, owners) ask, with a reason: a new participant and/or event, or `remove: true`. An owner or site admin other than you decides. Late series of the study wait meanwhile.',
      tags: ['corrections'],
      permission: { project: 'data:delete' },
      params: nameParam,
      body: z.object({ studyInstanceUid: z.string().max(64), participant: z.string().max(64).optional(), event: z.string().max(64).optional(), remove: z.boolean().optional(), reason: z.string().max(2000) }).strict(),
      response: correctionSchema,
      status: 201,
      handler: async ({ params, body, auth, request }) => correctionView(await corrections.request(params.name, body, { ...auth.actor, sourceAddress: sourceAddress(request) })),
    });
    defineRoute(app, {
      method: 'POST',
      url: '/api/corrections/:id/approve',
      summary: 'Approve a correction (an owner or site admin, never the person who asked)',
      description: 'The wrong copy is deleted from the research PACS first (a PACS Fiona cannot delete from needs `removedByHand: true` after a person did it), the assignment is forgotten and, if the correction names one, the study is assigned to the new participant and event.',
      tags: ['corrections'],
      permission: 'authenticated',
      params: idParam,
      body: z.object({ reason: z.string().max(2000).optional(), removedByHand: z.boolean().optional() }).strict(),
      response: correctionSchema,
      handler: async ({ params, body, auth, request }) => correctionView(await corrections.approve(params.id, body, auth.principal, { ...auth.actor, sourceAddress: sourceAddress(request) })),
    });
    defineRoute(app, {
      method: 'POST',
      url: '/api/corrections/:id/reject',
      summary: 'Reject a correction, with a reason (an owner or site admin, never the person who asked)',
      tags: ['corrections'],
      permission: 'authenticated',
      params: idParam,
      body: reasonBody,
      response: correctionSchema,
      handler: async ({ params, body, auth, request }) => correctionView(await corrections.reject(params.id, body.reason, auth.principal, { ...auth.actor, sourceAddress: sourceAddress(request) })),
    });
  };
}
