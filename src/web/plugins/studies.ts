// GET /api/studies: the quarantine list, for admins and for members with assign rights in at least one
// project. It shows what the original showed — accession, dates, descriptions, station, institution —
// and never the patient's identity: the quarantine repository hands out study views, which have none.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { Audit } from '../../platform/audit/audit.js';
import { ROUTING_STATUSES, type QuarantineRepository } from '../../pipeline/quarantine/repository.js';
import { sourceAddress } from '../permissions.js';
import { defineRoute } from '../routes.js';

const text = z.string().nullable();
const studySchema = z.object({
  studyInstanceUid: z.string(),
  accessionNumber: text,
  studyId: text,
  studyDate: text,
  studyTime: text,
  studyDescription: text,
  modalities: z.array(z.string()),
  manufacturer: text,
  modelName: text,
  stationName: text,
  institutionName: text,
  operatorsName: text,
  referringPhysicianName: text,
  callingAet: text,
  sourceAddress: text,
  seriesCount: z.number(),
  instanceCount: z.number(),
  sizeBytes: z.number(),
  receivedAt: z.string(),
  lastReceivedAt: z.string(),
  arrivedAt: text,
  routing: z
    .object({ status: z.enum(ROUTING_STATUSES), attempts: z.number(), error: text, nextTryAt: text, routedAt: text })
    .nullable()
    .describe('routing of the last arrival (assignments, coupling list, auto-ID): pending, running, done, or failed with the error and the next try'),
});

export function studiesRoutes(deps: { quarantine: Pick<QuarantineRepository, 'listStudyViews'>; audit: Audit }): FastifyPluginAsync {
  return async (app) => {
    defineRoute(app, {
      method: 'GET',
      url: '/api/studies',
      summary: 'List the studies in the quarantine',
      description: 'Newest first, paged by `before` (keyset; `offset` still works). Filters combine (and). Patient name, ID, birth date and sex are never shown.',
      tags: ['studies'],
      permission: 'quarantine:browse',
      query: z.object({
        search: z.string().max(200).optional().describe('matches accession number, descriptions, station, institution, modality, study UID or date'),
        since: z.string().datetime({ offset: true }).optional().describe('only studies that received instances after this time'),
        accession: z.string().max(64).optional().describe('exactly this accession number'),
        dateFrom: z.string().regex(/^\d{8}$/).optional().describe('study date from (YYYYMMDD, inclusive)'),
        dateTo: z.string().regex(/^\d{8}$/).optional().describe('study date to (YYYYMMDD, inclusive)'),
        modality: z.string().max(16).optional().describe('one of the study modalities'),
        description: z.string().max(200).optional().describe('part of the study description'),
        station: z.string().max(200).optional().describe('part of the station name'),
        assigned: z.enum(['true', 'false']).optional().describe('only studies assigned to some project (true) or to none (false)'),
        before: z.string().max(120).regex(/^[^|]+\|[0-9.]+$/).optional().describe('next page: the `lastReceivedAt|studyInstanceUid` of the last study of the previous page'),
        limit: z.coerce.number().int().min(1).max(5000).default(200),
        offset: z.coerce.number().int().min(0).default(0),
      }),
      response: z.array(studySchema),
      handler: async ({ request, query, auth }) => {
        const [lastReceivedAt, studyInstanceUid] = query.before?.split('|') ?? [];
        const studies = await deps.quarantine.listStudyViews({
          ...query,
          since: query.since && new Date(query.since).toISOString(),
          assigned: query.assigned === undefined ? undefined : query.assigned === 'true',
          before: query.before ? { lastReceivedAt, studyInstanceUid } : undefined,
        });
        await deps.audit.record({ action: 'studies.list', actor: auth.actor, sourceAddress: sourceAddress(request), details: { searched: Boolean(query.search), count: studies.length } });
        return studies;
      },
    });
  };
}
