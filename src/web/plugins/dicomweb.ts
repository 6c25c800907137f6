// DICOMweb (PS3.18) for each project under /dicomweb/{project}/: QIDO-RS and WADO-RS over the project's
// de-identified data in its research PACS (ResearchDataService: C-FIND and C-GET, the project's studies
// only), and STOW-RS into the quarantine through the same durable store as C-STORE, answered per instance.
// Reading needs data:read in the project (every role), storing studies:assign (data entry and up); others
// get 404 for a project they are not in. Every query, retrieval and store is audited.
import type { PassThrough } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DataScope, QueryLevel, ResearchDataService } from '../../pipeline/forward/research-data.js';
import { asPart10, tagOfAttribute } from '../../pipeline/forward/research-data.js';
import type { DicomJson } from '../../pipeline/forward/dicom-json.js';
import type { Audit } from '../../platform/audit/audit.js';
import { AppError, BadRequestError } from '../../platform/errors.js';
import { sourceAddress, type RequestAuth } from '../permissions.js';
import { defineRoute } from '../routes.js';
import { eachPart, multipartParams, multipartResponse } from '../multipart.js';

/** The durable store for Part-10 files (composition wires receive/part10.ts here). */
export interface InstanceIngest {
  storePart10(input: AsyncIterable<Buffer>, source: { callingAet: string; sourceAddress: string }): Promise<{
    dicom: boolean;
    status: number;
    errorComment?: string;
    sopClassUid?: string;
    sopInstanceUid?: string;
    disposition?: string;
    header?: { studyInstanceUid: string };
  }>;
}

export interface UploadLimits {
  maxFiles: number;
  maxBytes: number;
  maxFileBytes: number;
}

export interface DicomwebDeps {
  data: ResearchDataService;
  ingest: InstanceIngest;
  audit: Audit;
  limits: UploadLimits;
}

/** Passes a part on, failing it (and only it) once it exceeds `max` bytes. */
async function* capped(part: AsyncIterable<Buffer>, max: number): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of part) {
    bytes += chunk.length;
    if (bytes > max) throw new Error(`larger than ${max} bytes (upload.maxFileBytes)`);
    yield chunk;
  }
}


const uid = z.string().regex(/^[0-9.]{1,64}$/, 'not a UID');
const projectParam = { name: z.string().max(64) };
const studyParams = z.object({ ...projectParam, study: uid });
const seriesParams = z.object({ ...projectParam, study: uid, series: uid });
const instanceParams = z.object({ ...projectParam, study: uid, series: uid, instance: uid });
const DICOM_JSON = 'application/dicom+json';

/** Query keys: a keyword or eight hex digits; includefield, limit, offset and fuzzymatching are not keys. */
function parseQido(query: Record<string, unknown>): { match: Map<number, string>; includeFields: number[] | 'all'; limit?: number; offset?: number } {
  const match = new Map<number, string>();
  let includeFields: number[] | 'all' = [];
  let limit: number | undefined;
  let offset: number | undefined;
  const tagOf = (name: string): number => {
    const tag = tagOfAttribute(name);
    if (tag === undefined) throw new BadRequestError(`${name}: unknown attribute`, name);
    return tag;
  };
  for (const [name, raw] of Object.entries(query)) {
    const values = [raw].flat().map(String);
    if (name === 'includefield') {
      const fields = values.flatMap((v) => v.split(','));
      if (fields.includes('all')) includeFields = 'all';
      else if (includeFields !== 'all') includeFields.push(...fields.map(tagOf));
    } else if (name === 'limit' || name === 'offset') {
      const n = Number(values[0]);
      if (!Number.isInteger(n) || n < 0) throw new BadRequestError(`${name}: must be a whole number`, name);
      if (name === 'limit') limit = Math.min(n, 10_000);
      else offset = n;
    } else if (name === 'fuzzymatching') {
      // accepted and ignored: matching is what the research PACS does
    } else {
      match.set(tagOf(name), values.join('\\'));
    }
  }
  return { match, includeFields, limit, offset };
}

class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super(413, message);
  }
}

function scopeOf(auth: RequestAuth): DataScope {
  return { project: auth.project!.name, dataAccessGroup: auth.project!.dataAccessGroup };
}

function baseUrl(request: FastifyRequest, project: string): string {
  const host = request.headers.host ?? 'localhost';
  return `${request.protocol}://${host}/dicomweb/${encodeURIComponent(project)}`;
}

/** Streams what `produce` hands over as multipart/related parts; errors before the first part become HTTP errors. */
async function sendParts(reply: FastifyReply, type: string, produce: (push: (part: { contentType: string; body: Buffer; location?: string }) => Promise<void>) => Promise<unknown>): Promise<PassThrough> {
  type Part = { contentType: string; body: Buffer; location?: string };
  const queue: Part[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  let failure: Error | undefined;
  let firstArrived!: () => void;
  const first = new Promise<void>((resolve) => (firstArrived = resolve));
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const running = produce(async (part) => {
    queue.push(part);
    firstArrived();
    notify();
    // Back-pressure: the producer (a C-GET) waits while more than a few parts are queued.
    while (queue.length > 4 && !reply.raw.destroyed) await new Promise<void>((resolve) => (wake = resolve));
  }).then(
    () => { finished = true; firstArrived(); notify(); },
    (err: Error) => { failure = err; finished = true; firstArrived(); notify(); },
  );
  await first;
  if (failure && queue.length === 0) throw failure;
  async function* parts(): AsyncGenerator<Part> {
    for (;;) {
      const next = queue.shift();
      notify();
      if (next) {
        yield next;
        continue;
      }
      if (finished) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    await running;
    if (failure) throw failure;
  }
  const response = multipartResponse(type, parts());
  reply.header('content-type', response.contentType);
  return response.stream;
}

/** DICOM JSON (PS3.18 F.2): per instance, attributes by tag ("0020000D") with their VR and values. */
const dicomJsonDataset = z.record(z.object({ vr: z.string(), Value: z.array(z.unknown()).optional(), BulkDataURI: z.string().optional() }));
const dicomJson = z.array(dicomJsonDataset).describe('DICOM JSON model (PS3.18 F.2)');
const many = z.union([z.string(), z.array(z.string())]);
/** QIDO-RS query keys (documentation: the handler reads the raw query, where any attribute may be a key). */
const qidoQuery = z.object({
  includefield: many.optional().describe('attribute keywords or tags to add to the answer, comma-separated, or "all"'),
  limit: z.string().optional().describe('at most this many results (capped at 10000)'),
  offset: z.string().optional().describe('skip this many results'),
  fuzzymatching: z.string().optional().describe('accepted and ignored'),
  StudyInstanceUID: z.string().optional().describe('any attribute keyword or tag (e.g. PatientID, 00100020, StudyDate=20240101-20241231, ModalitiesInStudy) is a matching key'),
});

export function dicomwebRoutes(deps: DicomwebDeps): FastifyPluginAsync {
  const { data, audit } = deps;
  return async (app) => {
    // STOW-RS bodies stream to the store part by part; nothing is buffered here.
    app.addContentTypeParser('multipart/related', (_request, payload, done) => done(null, payload));
    app.addContentTypeParser('application/dicom', (_request, payload, done) => done(null, payload));

    const audited = (request: FastifyRequest, auth: RequestAuth, action: string, target: string | null, details: Record<string, unknown>) =>
      audit.record({ action, actor: auth.actor, project: auth.project!.name, target, sourceAddress: sourceAddress(request), details });

    const qido = (url: string, level: QueryLevel, params: z.ZodTypeAny, summary: string) =>
      defineRoute(app, {
        method: 'GET',
        url,
        summary,
        description: 'Matching keys are attribute keywords or tags (PatientID=…, 0020000D=…, * and ? wildcards, date ranges as the research PACS supports them); the answer is the project\'s de-identified data only.',
        tags: ['dicomweb'],
        permission: { project: 'data:read' },
        params,
        documentedQuery: qidoQuery,
        response: dicomJson,
        responseType: DICOM_JSON,
        handler: async ({ request, reply, params: p, auth }) => {
          const { study, series } = p as { study?: string; series?: string };
          const q = parseQido(request.query as Record<string, unknown>);
          const found = await data.query(scopeOf(auth), { level, studyInstanceUid: study, seriesInstanceUid: series, ...q });
          await audited(request, auth, 'dicomweb.query', study ?? null, { level, keys: q.match.size, count: found.length });
          reply.type(DICOM_JSON);
          return found;
        },
      });
    qido('/dicomweb/:name/studies', 'STUDY', z.object(projectParam), 'QIDO-RS: search for studies');
    qido('/dicomweb/:name/studies/:study/series', 'SERIES', studyParams, "QIDO-RS: search for a study's series");
    qido('/dicomweb/:name/studies/:study/instances', 'IMAGE', studyParams, "QIDO-RS: search for a study's instances");
    qido('/dicomweb/:name/studies/:study/series/:series/instances', 'IMAGE', seriesParams, "QIDO-RS: search for a series' instances");

    const wado = (url: string, params: z.ZodTypeAny, summary: string) => {
      defineRoute(app, {
        method: 'GET',
        url,
        summary,
        description: 'Part-10 instances, each in the transfer syntax the research PACS holds it in, as parts of one multipart/related answer.',
        tags: ['dicomweb'],
        permission: { project: 'data:read' },
        params,
        responseType: 'multipart/related; type="application/dicom"',
        handler: async ({ request, reply, params: p, auth }) => {
          const ref = p as { study: string; series?: string; instance?: string };
          const base = baseUrl(request, auth.project!.name);
          let count = 0;
          const stream = await sendParts(reply, 'application/dicom', (push) =>
            data.retrieve(scopeOf(auth), { studyInstanceUid: ref.study, seriesInstanceUid: ref.series, sopInstanceUid: ref.instance }, async (instance) => {
              count++;
              await push({ contentType: `application/dicom; transfer-syntax=${instance.transferSyntaxUid}`, body: asPart10(instance), location: `${base}/studies/${ref.study}/instances/${instance.sopInstanceUid}` });
            }),
          );
          stream.once('end', () => void audited(request, auth, 'dicomweb.retrieve', ref.study, { series: ref.series ?? null, instance: ref.instance ?? null, instances: count }).catch(() => undefined));
          return stream;
        },
      });
      defineRoute(app, {
        method: 'GET',
        url: `${url}/metadata`,
        summary: `${summary}: metadata`,
        description: 'DICOM JSON of every instance; pixel data as a BulkDataURI.',
        tags: ['dicomweb'],
        permission: { project: 'data:read' },
        params,
        response: dicomJson,
        responseType: DICOM_JSON,
        handler: async ({ request, reply, params: p, auth }) => {
          const ref = p as { study: string; series?: string; instance?: string };
          const base = baseUrl(request, auth.project!.name);
          const found: DicomJson[] = await data.metadata(scopeOf(auth), { studyInstanceUid: ref.study, seriesInstanceUid: ref.series, sopInstanceUid: ref.instance }, (instance, series, path) =>
            `${base}/studies/${ref.study}/series/${series}/instances/${instance.sopInstanceUid}/bulk/${path}`,
          );
          await audited(request, auth, 'dicomweb.metadata', ref.study, { series: ref.series ?? null, instance: ref.instance ?? null, instances: found.length });
          reply.type(DICOM_JSON);
          return found;
        },
      });
    };
    wado('/dicomweb/:name/studies/:study', studyParams, 'WADO-RS: retrieve a study');
    wado('/dicomweb/:name/studies/:study/series/:series', seriesParams, 'WADO-RS: retrieve a series');
    wado('/dicomweb/:name/studies/:study/series/:series/instances/:instance', instanceParams, 'WADO-RS: retrieve an instance');

    defineRoute(app, {
      method: 'GET',
      url: '/dicomweb/:name/studies/:study/series/:series/instances/:instance/frames/:frames',
      summary: 'WADO-RS: frames of an instance, as stored (1-based numbers, comma-separated)',
      tags: ['dicomweb'],
      permission: { project: 'data:read' },
      params: instanceParams.extend({ frames: z.string().regex(/^\d+(,\d+)*$/, 'frame numbers, comma-separated') }),
      responseType: 'multipart/related; type="application/octet-stream"',
      handler: async ({ request, reply, params: p, auth }) => {
        const numbers = p.frames.split(',').map(Number);
        const ref = { studyInstanceUid: p.study, seriesInstanceUid: p.series, sopInstanceUid: p.instance };
        const stream = await sendParts(reply, 'application/octet-stream', async (push) => {
          const { transferSyntaxUid, frames } = await data.frames(scopeOf(auth), ref, numbers);
          for (const frame of frames) await push({ contentType: `application/octet-stream; transfer-syntax=${transferSyntaxUid}`, body: frame });
        });
        await audited(request, auth, 'dicomweb.frames', p.study, { instance: p.instance, frames: numbers.length });
        return stream;
      },
    });

    defineRoute(app, {
      method: 'GET',
      url: '/dicomweb/:name/studies/:study/series/:series/instances/:instance/bulk/7FE00010',
      summary: 'WADO-RS: the pixel data of an instance (bulk data), frame by frame as stored',
      tags: ['dicomweb'],
      permission: { project: 'data:read' },
      params: instanceParams,
      responseType: 'multipart/related; type="application/octet-stream"',
      handler: async ({ request, reply, params: p, auth }) => {
        const ref = { studyInstanceUid: p.study, seriesInstanceUid: p.series, sopInstanceUid: p.instance };
        const stream = await sendParts(reply, 'application/octet-stream', async (push) => {
          const { transferSyntaxUid, frames } = await data.frames(scopeOf(auth), ref, 'all');
          for (const frame of frames) await push({ contentType: `application/octet-stream; transfer-syntax=${transferSyntaxUid}`, body: frame });
        });
        await audited(request, auth, 'dicomweb.bulkdata', p.study, { instance: p.instance });
        return stream;
      },
    });

    const rendered = (url: string, frameOf: (p: Record<string, string>) => number, summary: string) =>
      defineRoute(app, {
        method: 'GET',
        url,
        summary,
        tags: ['dicomweb'],
        permission: { project: 'data:read' },
        params: instanceParams.extend({ frame: z.string().regex(/^\d+$/).optional() }),
        responseType: 'image/png',
        handler: async ({ request, reply, params: p, auth }) => {
          const png = await data.rendered(scopeOf(auth), { studyInstanceUid: p.study, seriesInstanceUid: p.series, sopInstanceUid: p.instance }, frameOf(p as Record<string, string>));
          await audited(request, auth, 'dicomweb.rendered', p.study, { instance: p.instance });
          reply.type('image/png');
          return png;
        },
      });
    const base = '/dicomweb/:name/studies/:study/series/:series/instances/:instance';
    rendered(`${base}/rendered`, () => 1, 'WADO-RS: an instance rendered as PNG (first frame)');
    rendered(`${base}/thumbnail`, () => 1, 'WADO-RS: a thumbnail of an instance (PNG)');
    rendered(`${base}/frames/:frame/rendered`, (p) => Number(p.frame), 'WADO-RS: a frame rendered as PNG');

    defineRoute(app, {
      method: 'GET',
      url: '/api/upload-limits',
      summary: 'The limits of one upload (files, bytes, bytes per file)',
      tags: ['upload'],
      permission: 'authenticated',
      response: z.object({ maxFiles: z.number(), maxBytes: z.number(), maxFileBytes: z.number() }),
      handler: async () => ({ maxFiles: deps.limits.maxFiles, maxBytes: deps.limits.maxBytes, maxFileBytes: deps.limits.maxFileBytes }),
    });

    defineRoute(app, {
      method: 'POST',
      url: '/dicomweb/:name/studies',
      summary: 'STOW-RS: store instances into the quarantine (then Assign), answered per instance',
      description: 'Part-10 instances as parts of a multipart/related body, stored through the same durable path as C-STORE (parsed before success). 200: all stored; 202: some (FailedSOPSequence says which and why); 409: none.',
      tags: ['dicomweb'],
      permission: { project: 'studies:assign' },
      params: z.object(projectParam),
      requestType: 'multipart/related; type="application/dicom"',
      response: dicomJsonDataset.describe('ReferencedSOPSequence (0008,1199) of what was stored, FailedSOPSequence (0008,1198) of what was not'),
      responseType: DICOM_JSON,
      otherResponses: { '202': 'some instances stored, the others listed in FailedSOPSequence (0008,1198)', '409': 'no instance stored' },
      handler: async ({ request, reply, auth }) => {
        const { boundary } = multipartParams(request.headers['content-type']);
        const body = request.body as AsyncIterable<Buffer>;
        let parts = 0;
        const results = await eachPart(body, boundary, async (_headers, part) => {
          if (++parts > deps.limits.maxFiles) throw new PayloadTooLargeError(`more than ${deps.limits.maxFiles} instances in one request (upload.maxFiles)`);
          // A part over the limit fails as the store reads it (nothing is kept); its rest is dropped unread.
          const outcome = await deps.ingest.storePart10(capped(part, deps.limits.maxFileBytes), { callingAet: 'STOW-RS', sourceAddress: sourceAddress(request) });
          return outcome;
        });
        const base = baseUrl(request, auth.project!.name);
        const stored = results.filter((r) => r.status === 0);
        const failed = results.filter((r) => r.status !== 0);
        const ui = (value: string | undefined) => ({ vr: 'UI', Value: [value ?? ''] });
        const answer: DicomJson = {};
        if (stored.length) {
          answer['00081199'] = {
            vr: 'SQ',
            Value: stored.map((r) => ({ '00081150': ui(r.sopClassUid), '00081155': ui(r.sopInstanceUid), '00081190': { vr: 'UR', Value: [`${base}/studies/${r.header?.studyInstanceUid ?? ''}`] } })),
          };
        }
        if (failed.length) {
          answer['00081198'] = {
            vr: 'SQ',
            Value: failed.map((r) => ({
              '00081150': ui(r.sopClassUid),
              '00081155': ui(r.sopInstanceUid),
              '00081197': { vr: 'US', Value: [r.dicom ? r.status : 0xc000] },
              '00000902': { vr: 'LO', Value: [r.errorComment ?? 'not stored'] },
            })),
          };
        }
        await audited(request, auth, 'dicomweb.store', null, { stored: stored.length, failed: failed.length, identical: stored.filter((r) => r.disposition === 'identical').length });
        // PS3.18 10.5.3: 200 all stored, 202 some, 409 none.
        reply.code(failed.length === 0 ? 200 : stored.length ? 202 : 409).type(DICOM_JSON);
        return answer;
      },
    });
  };
}
