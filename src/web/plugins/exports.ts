// Exports: request one for a project (202 with its id), preview its first paths, list and follow them,
// download the zip (streamed, resumable with Range), cancel or remove; saved layouts per project. All need
// data:export in the export's project; a member limited to a data access group exports only its
// participants. Requests, downloads, cancels and removals are audited by the service.
import { createReadStream, statSync } from 'node:fs';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ExportJob } from '../../pipeline/export/exports-repository.js';
import { DELIVERY_STATUSES, EXPORT_STATUSES } from '../../pipeline/export/exports-repository.js';
import type { ExportsService, ParticipantLimit } from '../../pipeline/export/exports-service.js';
import { DEFAULT_LAYOUT, LAYOUT_FIELDS } from '../../pipeline/export/layout.js';
import { EXPORT_FORMATS, type ExportSpec } from '../../pipeline/export/plan.js';
import { mayInProject } from '../../platform/auth/permissions.js';
import { NotFoundError } from '../../platform/errors.js';
import type { ParticipantsService } from '../../projects/participants-service.js';
import type { ProjectsService } from '../../projects/projects-service.js';
import type { ProjectAccess, RequestAuth } from '../permissions.js';
import { defineRoute } from '../routes.js';

const transformsSchema = z
  .object({
    replaceInIds: z.array(z.object({ from: z.string().min(1).max(8), to: z.string().max(8) }).strict()).max(10).optional().describe('characters replaced in participant and event IDs, e.g. _ to -'),
    cleanSeriesDescription: z.boolean().optional().describe('runs of anything but letters and digits become one _'),
    birthYear: z.boolean().optional().describe('the participant\'s birth year, kept at assignment, back into the DICOM (PatientBirthDate = YYYY0101) and NIfTI sidecars (PatientBirthYear); only for projects approved for it (else 422)'),
  })
  .strict();

const filterSchema = z
  .object({
    participants: z.array(z.string().max(64)).max(10_000).optional(),
    events: z.array(z.string().max(64)).max(100).optional(),
    modalities: z.array(z.string().max(16)).max(50).optional(),
    seriesDescription: z.string().max(200).optional().describe('a pattern the whole series description must match'),
    from: z.string().max(10).optional().describe('study date from (YYYY-MM-DD, shifted dates as stored)'),
    to: z.string().max(10).optional(),
  })
  .strict();

const specSchema = z
  .object({
    format: z.enum(EXPORT_FORMATS).default('zip'),
    layout: z.string().max(300).default(DEFAULT_LAYOUT).describe(`fields: ${LAYOUT_FIELDS.map((f) => `{${f}}`).join(' ')}; numbers may be padded as {instanceNumber:4}`),
    filter: filterSchema.default({}),
    transforms: transformsSchema.default({}),
    bids: z.array(z.object({ pattern: z.string().max(200), suffix: z.string().max(64) }).strict()).max(50).optional().describe('NIfTI names from series descriptions: first matching pattern gives the BIDS suffix (e.g. anat/T1w)'),
    outbox: z.string().max(32).optional().describe('deliver the finished zip to this SFTP outbox (GET /api/projects/{name}/outboxes lists those the project may use)'),
  })
  .strict();

const deliverySchema = z
  .object({
    outbox: z.string(),
    status: z.enum(DELIVERY_STATUSES),
    error: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    remotePath: z.string().nullable(),
  })
  .nullable()
  .describe('delivery to an SFTP outbox: checked on the server by size and SHA-256 before it gets its final name');

const exportSchema = z.object({
  id: z.string(),
  project: z.string(),
  requestedBy: z.string(),
  status: z.enum(EXPORT_STATUSES),
  format: z.enum(EXPORT_FORMATS),
  layout: z.string(),
  filter: filterSchema,
  progress: z.number().describe('0 to 1: instances retrieved and written of those selected'),
  instancesTotal: z.number(),
  instancesDone: z.number(),
  files: z.number(),
  bytes: z.number(),
  sha256: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  delivery: deliverySchema,
});

const layoutSchema = z.object({ version: z.number(), template: z.string(), transforms: transformsSchema, savedBy: z.string().nullable(), savedAt: z.string() });

function exportView(j: ExportJob): z.infer<typeof exportSchema> {
  return {
    id: j.id,
    project: j.project,
    requestedBy: j.requestedByName,
    status: j.status,
    format: j.spec.format,
    layout: j.spec.layout,
    filter: j.spec.filter,
    progress: j.status === 'done' ? 1 : j.instancesTotal > 0 ? j.instancesDone / j.instancesTotal : 0,
    instancesTotal: j.instancesTotal,
    instancesDone: j.instancesDone,
    files: j.files,
    bytes: j.bytes,
    sha256: j.sha256,
    error: j.error,
    createdAt: j.createdAt,
    finishedAt: j.finishedAt,
    expiresAt: j.expiresAt,
    delivery: j.delivery && { outbox: j.delivery.outbox, status: j.delivery.status, error: j.delivery.error, deliveredAt: j.delivery.deliveredAt, remotePath: j.delivery.remotePath },
  };
}

export interface ExportsRoutesDeps {
  access: ProjectAccess;
  exports: ExportsService;
  projects: Pick<ProjectsService, 'listVisible'>;
  participants: Pick<ParticipantsService, 'list'>;
}

/** Parses `bytes=a-b`, `bytes=a-` or `bytes=-n` against a size; undefined when absent or not satisfiable. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'invalid' | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'invalid';
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start > end || start >= size) return 'invalid';
  return { start, end };
}

export function exportsRoutes(deps: ExportsRoutesDeps): FastifyPluginAsync {
  const { access, exports } = deps;
  /** The participants this caller may export from the project: all, or those of their data access group. */
  const limitFor = async (project: string, dataAccessGroup: string | null): Promise<ParticipantLimit> =>
    dataAccessGroup === null ? null : (await deps.participants.list(project, { dataAccessGroup })).map((p) => p.id);
  const scopeOf = (auth: RequestAuth) => auth.project?.dataAccessGroup ?? null;
  /** The export, if the caller may export in its project (and, limited to a data access group, requested it). */
  const visibleExport = async (request: FastifyRequest, auth: RequestAuth, id: string): Promise<ExportJob> => {
    const job = await exports.get(id);
    const standing = await access.require(request, auth, job.project, 'data:export');
    if (standing.dataAccessGroup !== null && job.requestedBy !== auth.principal.userId) throw new NotFoundError(`export ${id} not found`);
    return job;
  };

  return async (app) => {
    defineRoute(app, {
      method: 'POST',
      url: '/api/projects/:name/exports',
      summary: 'Request an export of the project\'s data',
      description: 'Queues a job that reads the project\'s studies from its research PACS (C-GET) and writes a zip in the given layout: DICOM, NIfTI (dcm2niix) or both, with manifest.json and SHA256SUMS inside. Answers 202 with the export; follow it with GET /api/exports/{id}. 409 when the project already has the most exports running at once.',
      tags: ['exports'],
      permission: { project: 'data:export' },
      params: z.object({ name: z.string().max(64) }),
      body: specSchema,
      response: exportSchema,
      status: 202,
      handler: async ({ params, body, auth }) => exportView(await exports.request(params.name, body as ExportSpec, await limitFor(params.name, scopeOf(auth)), auth.actor)),
    });

    defineRoute(app, {
      method: 'POST',
      url: '/api/projects/:name/exports/preview',
      summary: 'Preview the first paths of an export',
      description: 'The first 20 paths the export would write, from what the research PACS holds now (C-FIND only, nothing is retrieved).',
      tags: ['exports'],
      permission: { project: 'data:export' },
      params: z.object({ name: z.string().max(64) }),
      body: specSchema,
      response: z.object({ paths: z.array(z.string()), series: z.number() }),
      handler: async ({ params, body, auth }) => exports.preview(params.name, body as ExportSpec, await limitFor(params.name, scopeOf(auth))),
    });

    defineRoute(app, {
      method: 'GET',
      url: '/api/exports',
      summary: 'List exports',
      description: 'Exports of the projects where you may export (admins: all), newest first.',
      tags: ['exports'],
      permission: 'authenticated',
      query: z.object({ project: z.string().max(64).optional() }),
      response: z.array(exportSchema),
      handler: async ({ query, auth }) => {
        const visible = (await deps.projects.listVisible(auth.principal)).filter((p) => (!query.project || p.name === query.project) && mayInProject(auth.principal, p.role, 'data:export'));
        const grouped = new Set(visible.filter((p) => !auth.principal.isAdmin && p.dataAccessGroup !== null).map((p) => p.name));
        const jobs = await exports.list(visible.map((p) => p.name));
        // A member limited to a data access group sees only their own exports (others' may name other participants).
        return jobs.filter((j) => !grouped.has(j.project) || j.requestedBy === auth.principal.userId).map(exportView);
      },
    });

    defineRoute(app, {
      method: 'GET',
      url: '/api/exports/:id',
      summary: 'Show an export and its progress',
      tags: ['exports'],
      permission: 'authenticated',
      params: z.object({ id: z.string().max(64) }),
      response: exportSchema,
      handler: async ({ request, params, auth }) => {
        return exportView(await visibleExport(request, auth, params.id));
      },
    });

    defineRoute(app, {
      method: 'GET',
      url: '/api/exports/:id/download',
      summary: 'Download a finished export',
      description: 'The zip, streamed; a Range header (bytes=start-end) resumes an interrupted download (206). The SHA-256 of the whole file is in the export and in the x-content-sha256 header.',
      tags: ['exports'],
      permission: 'authenticated',
      params: z.object({ id: z.string().max(64) }),
      handler: async ({ request, reply, params, auth }) => {
        const job = await visibleExport(request, auth, params.id);
        const range = request.headers.range;
        const { file } = await exports.download(params.id, auth.actor, range);
        const size = statSync(file).size;
        const parsed = parseRange(range, size);
        void reply
          .header('content-type', 'application/zip')
          .header('content-disposition', `attachment; filename="${job.project}-export-${job.id.slice(0, 8)}.zip"`)
          .header('accept-ranges', 'bytes')
          .header('cache-control', 'private, no-store')
          .header('x-content-sha256', job.sha256 ?? '');
        if (parsed === 'invalid') return reply.code(416).header('content-range', `bytes */${size}`).send();
        if (parsed) {
          return reply
            .code(206)
            .header('content-range', `bytes ${parsed.start}-${parsed.end}/${size}`)
            .header('content-length', String(parsed.end - parsed.start + 1))
            .send(createReadStream(file, { start: parsed.start, end: parsed.end }));
        }
        return reply.code(200).header('content-length', String(size)).send(createReadStream(file));
      },
    });

    defineRoute(app, {
      method: 'POST',
      url: '/api/exports/:id/deliveries',
      summary: 'Deliver a finished export to an SFTP outbox',
      description: 'Queues the upload of the zip to the outbox (host key pinned, key authentication); it is read back on the server and its SHA-256 compared before it gets its final name, next to a .sha256 file. Answers 202; follow it in the export\'s delivery. Again after a failed delivery, or to another outbox.',
      tags: ['exports'],
      permission: 'authenticated',
      params: z.object({ id: z.string().max(64) }),
      body: z.object({ outbox: z.string().max(32) }).strict(),
      response: exportSchema,
      status: 202,
      handler: async ({ request, params, body, auth }) => {
        await visibleExport(request, auth, params.id);
        return exportView(await exports.deliver(params.id, body.outbox, auth.actor));
      },
    });

    defineRoute(app, {
      method: 'GET',
      url: '/api/projects/:name/outboxes',
      summary: 'The SFTP outboxes the project may deliver exports to',
      tags: ['exports'],
      permission: { project: 'data:export' },
      params: z.object({ name: z.string().max(64) }),
      response: z.array(z.object({ name: z.string(), host: z.string(), port: z.number(), username: z.string(), remoteDir: z.string() })),
      handler: async ({ params }) => exports.outboxesFor(params.name),
    });

    defineRoute(app, {
      method: 'DELETE',
      url: '/api/exports/:id',
      summary: 'Cancel or remove an export',
      description: 'A queued or running export is cancelled (its partial file removed); an ended one is removed with its file.',
      tags: ['exports'],
      permission: 'authenticated',
      params: z.object({ id: z.string().max(64) }),
      response: z.object({ outcome: z.enum(['cancelled', 'removed']) }),
      handler: async ({ request, params, auth }) => {
        await visibleExport(request, auth, params.id);
        return { outcome: await exports.cancelOrRemove(params.id, auth.actor) };
      },
    });

    defineRoute(app, {
      method: 'GET',
      url: '/api/projects/:name/export-layouts',
      summary: 'The project\'s saved export layouts, newest version first',
      tags: ['exports'],
      permission: { project: 'data:export' },
      params: z.object({ name: z.string().max(64) }),
      response: z.array(layoutSchema),
      handler: async ({ params }) => (await exports.layouts(params.name)).map(({ project: _p, ...l }) => l),
    });

    defineRoute(app, {
      method: 'POST',
      url: '/api/projects/:name/export-layouts',
      summary: 'Save the project\'s export layout as a new version',
      tags: ['exports'],
      permission: { project: 'data:export' },
      params: z.object({ name: z.string().max(64) }),
      body: z.object({ template: z.string().max(300), transforms: transformsSchema.default({}) }).strict(),
      response: layoutSchema,
      status: 201,
      handler: async ({ params, body, auth }) => {
        const { project: _p, ...saved } = await exports.saveLayout(params.name, body.template, body.transforms, auth.actor);
        return saved;
      },
    });
  };
}
