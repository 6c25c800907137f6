// Assigning quarantine studies and following their transfers: POST /api/studies/{uid}/assign, the
// transfer list and resend (one transfer, or a whole project), and a project's imaging record (the studies
// its research PACS holds). The project comes from the body or the transfer, so access is checked here
// with the same rule as project routes (web/permissions, projectAccess).
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { Audit } from '../../platform/audit/audit.js';
import type { ParticipantsService } from '../../projects/participants-service.js';
import type { ProjectsService } from '../../projects/projects-service.js';
import type { RoutingService } from '../../pipeline/routing/routing-service.js';
import type { TransfersService, TransferWithModalities } from '../../pipeline/forward/transfers-service.js';
import { TRANSFER_STATUSES } from '../../pipeline/forward/transfers-repository.js';
import { NotFoundError } from '../../platform/errors.js';
import type { ProjectPermission } from '../../platform/auth/permissions.js';
import type { ProjectAccess, RequestAuth } from '../permissions.js';
import { defineRoute } from '../routes.js';
import type { FastifyRequest } from 'fastify';

const transferSchema = z.object({
  id: z.string(),
  studyInstanceUid: z.string(),
  project: z.string(),
  participant: z.string(),
  event: z.string(),
  status: z.enum(TRANSFER_STATUSES),
  instancesToSend: z.number(),
  instancesSent: z.number(),
  instancesConfirmed: z.number(),
  instancesRefused: z.number(),
  attempts: z.number(),
  nextTryAt: z.string().nullable(),
  error: z.string().nullable(),
  modalities: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});

const recordSchema = z.object({
  researchStudyUid: z.string(),
  participant: z.string(),
  event: z.string(),
  modalities: z.array(z.string()),
  studyDate: z.string().nullable().describe('shifted by the participant\'s date offset'),
  seriesCount: z.number(),
  instancesSent: z.number(),
  pacsSeries: z.number().nullable(),
  pacsInstances: z.number().nullable(),
  check: z.enum(['ok', 'mismatch', 'unchecked']).describe('whether the research PACS held what was sent at the last check'),
  checkedAt: z.string().nullable(),
  transferredAt: z.string().nullable(),
});

export interface TransfersRoutesDeps {
  audit: Audit;
  access: ProjectAccess;
  projects: Pick<ProjectsService, 'listVisible'>;
  participants: Pick<ParticipantsService, 'isVisible'>;
  routing: Pick<RoutingService, 'assign'>;
  transfers: TransfersService;
}

function transferView(t: TransferWithModalities) {
  return {
    id: t.id,
    studyInstanceUid: t.studyInstanceUid,
    project: t.project,
    participant: t.participant,
    event: t.event,
    status: t.status,
    instancesToSend: t.instancesToSend,
    instancesSent: t.instancesSent,
    instancesConfirmed: t.instancesConfirmed,
    instancesRefused: t.instancesRefused,
    attempts: t.attempts,
    nextTryAt: t.status === 'failed' || t.status === 'queued' ? t.nextTryAt : null,
    error: t.error,
    modalities: t.modalities,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    finishedAt: t.finishedAt,
  };
}

export function transfersRoutes(deps: TransfersRoutesDeps): FastifyPluginAsync {
  const { access, routing, transfers } = deps;

  /** The transfer, if the caller has `permission` in its project and may see its participant (else 404, as for one that does not exist). */
  const visibleTransfer = async (request: FastifyRequest, auth: RequestAuth, id: string, permission: ProjectPermission) => {
    const transfer = await transfers.get(id);
    const { dataAccessGroup } = await access.require(request, auth, transfer.project, permission);
    if (dataAccessGroup !== null && !(await deps.participants.isVisible(transfer.project, transfer.participant, { dataAccessGroup }))) throw new NotFoundError(`transfer ${id} not found`);
    return transfer;
  };

  return async (app) => {
    defineRoute(app, {
      method: 'POST',
      url: '/api/studies/:studyInstanceUid/assign',
      summary: 'Assign a quarantine study to a project, participant and event',
      description:
        'Needs studies:assign in the project. A new participant ID is registered if it matches the project\'s pattern (422 with the reason otherwise). The assignment is remembered: series that arrive later follow it. Answers 202 with the queued transfer.',
      tags: ['studies', 'transfers'],
      permission: 'quarantine:browse',
      params: z.object({ studyInstanceUid: z.string().max(64) }),
      body: z.object({ project: z.string().max(64), participant: z.string().max(64), event: z.string().max(64) }).strict(),
      response: transferSchema.extend({ transferId: z.string() }),
      status: 202,
      handler: async ({ request, params, body, auth }) => {
        const { dataAccessGroup } = await access.require(request, auth, body.project, 'studies:assign');
        const queued = await routing.assign(params.studyInstanceUid, body, auth.actor, { dataAccessGroup });
        return { transferId: queued.id, ...transferView(await transfers.get(queued.id)) };
      },
    });

    defineRoute(app, {
      method: 'GET',
      url: '/api/transfers',
      summary: 'List transfers',
      description: 'The transfers of the projects you are a member of (admins: all), most recently changed first; a member limited to a data access group sees only its participants\' transfers.',
      tags: ['transfers'],
      permission: 'authenticated',
      query: z.object({
        project: z.string().max(64).optional(),
        status: z.enum(TRANSFER_STATUSES).optional(),
        studyInstanceUid: z.string().max(64).optional(),
        limit: z.coerce.number().int().min(1).max(5000).default(500),
        offset: z.coerce.number().int().min(0).default(0),
      }),
      response: z.array(transferSchema),
      handler: async ({ query, auth }) => {
        let visible = await deps.projects.listVisible(auth.principal);
        if (query.project) visible = visible.filter((p) => p.name === query.project);
        const groups = new Map(auth.principal.isAdmin ? [] : visible.flatMap((p) => (p.dataAccessGroup === null ? [] : [[p.name, p.dataAccessGroup] as const])));
        const projects = visible.map((p) => p.name);
        return (await transfers.list({ projects, groups, status: query.status, studyInstanceUid: query.studyInstanceUid, limit: query.limit, offset: query.offset })).map(transferView);
      },
    });

    defineRoute(app, {
      method: 'GET',
      url: '/api/transfers/:id',
      summary: 'Show a transfer',
      tags: ['transfers'],
      permission: 'authenticated',
      params: z.object({ id: z.string().max(64) }),
      response: transferSchema,
      handler: async ({ request, params, auth }) => transferView(await visibleTransfer(request, auth, params.id, 'project:read')),
    });

    defineRoute(app, {
      method: 'POST',
      url: '/api/transfers/:id/resend',
      summary: 'Send a transfer again',
      description: 'Forgets what was delivered and sends the whole study again (the research PACS keeps one copy per instance). Needs studies:assign in the transfer\'s project.',
      tags: ['transfers'],
      permission: 'authenticated',
      params: z.object({ id: z.string().max(64) }),
      response: transferSchema,
      status: 202,
      handler: async ({ request, params, auth }) => {
        await visibleTransfer(request, auth, params.id, 'studies:assign');
        return transferView(await transfers.resend(params.id, auth.actor));
      },
    });

    defineRoute(app, {
      method: 'POST',
      url: '/api/projects/:name/resend',
      summary: 'Send every transfer of a project again',
      description: 'As the original\'s resendProject: all transfers of the project, or only those with the given status (a member limited to a data access group: only its participants\').',
      tags: ['transfers'],
      permission: { project: 'studies:assign' },
      params: z.object({ name: z.string().max(64) }),
      body: z.object({ status: z.enum(TRANSFER_STATUSES).optional() }).strict().optional(),
      response: z.object({ resent: z.number(), transfers: z.array(z.string()) }),
      status: 202,
      handler: async ({ params, body, auth }) => {
        const list = await transfers.resendProject(params.name, body?.status, auth.actor, auth.project?.dataAccessGroup ?? null);
        return { resent: list.length, transfers: list.map((t) => t.id) };
      },
    });

    defineRoute(app, {
      method: 'GET',
      url: '/api/projects/:name/studies',
      summary: 'The project\'s imaging record',
      description: 'One row per study in the research PACS: participant, event, modalities, shifted study date, counts sent and held, when transferred and checked.',
      tags: ['transfers', 'projects'],
      permission: { project: 'participants:read' },
      params: z.object({ name: z.string().max(64) }),
      response: z.array(recordSchema),
      handler: async ({ params, auth }) => {
        const records = await transfers.imagingRecord(params.name, auth.project?.dataAccessGroup ?? null);
        await deps.audit.record({ action: 'project.studies.list', actor: auth.actor, project: params.name, details: { count: records.length } });
        return records.map(({ project: _p, ...r }) => r);
      },
    });
  };
}
