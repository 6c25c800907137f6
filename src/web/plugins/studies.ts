// GET /api/studies: the quarantine list, for admins and for members with assign rights in at least one
// project. It shows what the original showed — accession, dates, descriptions, station, institution —
// and never the patient's identity: name, ID, birth date and sex are stripped here, whatever the index holds.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { Audit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import { listStudies, type QuarantineStudy } from '../../pipeline/quarantine/repository.js';
import { sourceAddress } from '../permissions.js';
import { defineRoute } from '../routes.js';

/** The study without anything that identifies the patient. */
export function studyView(study: QuarantineStudy) {
  const { patientName: _name, patientId: _id, patientBirthDate: _birth, patientSex: _sex, ...rest } = study;
  return rest;
}

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
});

export function studiesRoutes(deps: { db: Db; audit: Audit }): FastifyPluginAsync {
  return async (app) => {
    defineRoute(app, {
      method: 'GET',
      url: '/api/studies',
      summary: 'List the studies in the quarantine',
      description: 'Newest first. Patient name, ID, birth date and sex are never shown.',
      tags: ['studies'],
      permission: 'quarantine:browse',
      query: z.object({
        search: z.string().max(200).optional().describe('matches accession number, descriptions, station, institution, modality, study UID or date'),
        since: z.string().datetime({ offset: true }).optional().describe('only studies that received instances after this time'),
        limit: z.coerce.number().int().min(1).max(5000).default(200),
        offset: z.coerce.number().int().min(0).default(0),
      }),
      response: z.array(studySchema),
      handler: async ({ request, query, auth }) => {
        const studies = await listStudies(deps.db, { ...query, since: query.since && new Date(query.since).toISOString() });
        await deps.audit.record({ action: 'studies.list', actor: auth.actor, sourceAddress: sourceAddress(request), details: { searched: Boolean(query.search), count: studies.length } });
        return studies.map(studyView);
      },
    });
  };
}
