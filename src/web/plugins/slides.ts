// Whole-slide images over HTTP: POST /api/projects/{name}/slides takes one TIFF or SVS file as the request
// body (streamed to disk, never buffered), converts it to DICOM WSI instances and stores them in the
// quarantine (pipeline/receive/slides.ts); the study then waits on Assign like any upload. Audited.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { Audit } from '../../platform/audit/audit.js';
import { AppError, RuleError } from '../../platform/errors.js';
import type { ProjectsService } from '../../projects/projects-service.js';
import { assignmentBlockedReason } from '../../projects/rules.js';
import { sourceAddress } from '../permissions.js';
import { defineRoute } from '../routes.js';

/** What became of a slide (pipeline/receive/slides.ts): its study, and each DICOM instance's store outcome. */
export interface SlideOutcome {
  studyInstanceUid: string | null;
  instances: Array<{ status: number; errorComment?: string }>;
  bytes: number;
}

export interface SlideIngest {
  storeSlide(input: AsyncIterable<Buffer>, source: { callingAet: string; sourceAddress: string }): Promise<SlideOutcome>;
}

const SLIDE_TYPES = ['application/octet-stream', 'image/tiff', 'image/x-aperio-svs'];

export function slidesRoutes(deps: { slides: SlideIngest; audit: Audit; projects: Pick<ProjectsService, 'get'> }): FastifyPluginAsync {
  return async (app) => {
    for (const type of SLIDE_TYPES) app.addContentTypeParser(type, (_request, payload, done) => done(null, payload));
    defineRoute(app, {
      method: 'POST',
      url: '/api/projects/:name/slides',
      summary: 'Upload a whole-slide image (TIFF, SVS): converted to DICOM VL Whole Slide Microscopy into the quarantine',
      description:
        'The file is the request body (application/octet-stream or image/tiff); the project must take new studies (422 when archived or its approval has ended). Fiona converts it with OrthancWSIDicomizer (orthanc-wsi; SVS and other vendor formats through OpenSlide) and stores each DICOM instance through the same durable path as an upload; the study then waits on Assign. 415: not a TIFF-based slide; 413: larger than upload.maxFileBytes; 422: the converter refused it; 503: no converter installed.',
      tags: ['upload'],
      permission: { project: 'studies:assign' },
      params: z.object({ name: z.string().max(64) }),
      requestType: 'application/octet-stream',
      response: z.object({ studyInstanceUid: z.string().nullable(), instances: z.number(), stored: z.number(), failed: z.array(z.string()), bytes: z.number() }),
      status: 201,
      handler: async ({ request, auth }) => {
        // A slide uploaded for a project that takes no studies (archived, approval ended) could never be assigned to it.
        const project = await deps.projects.get(auth.project!.name);
        const blocked = assignmentBlockedReason(project, new Date().toISOString().slice(0, 10));
        if (blocked) throw new RuleError(`${project.name} takes no new studies: ${blocked}`, 'name');
        const source = { callingAet: 'UPLOAD-WSI', sourceAddress: sourceAddress(request) };
        let outcome: SlideOutcome;
        try {
          outcome = await deps.slides.storeSlide(request.body as AsyncIterable<Buffer>, source);
        } catch (err) {
          // The converter's refusals carry their status (415, 413, 422, 503); anything else is a 500.
          if (err instanceof AppError) await deps.audit.record({ action: 'upload.slide', outcome: 'failed', actor: auth.actor, project: auth.project!.name, sourceAddress: source.sourceAddress, details: { error: err.message } });
          throw err;
        }
        const stored = outcome.instances.filter((i) => i.status === 0);
        const failed = outcome.instances.filter((i) => i.status !== 0).map((i) => i.errorComment ?? 'not stored');
        await deps.audit.record({ action: 'upload.slide', actor: auth.actor, project: auth.project!.name, target: outcome.studyInstanceUid, sourceAddress: source.sourceAddress, details: { bytes: outcome.bytes, instances: outcome.instances.length, stored: stored.length, failed: failed.length } });
        return { studyInstanceUid: outcome.studyInstanceUid, instances: outcome.instances.length, stored: stored.length, failed, bytes: outcome.bytes };
      },
    });
  };
}
