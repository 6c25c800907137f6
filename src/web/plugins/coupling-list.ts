// A project's coupling list: accession number -> participant (and event), uploaded as CSV by a data
// manager before or after the data arrives. Good rows are imported, bad ones reported per line.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { RoutingService } from '../../pipeline/routing/routing-service.js';
import { BadRequestError } from '../../platform/errors.js';
import { defineRoute } from '../routes.js';
import { participantScope } from './participants.js';

/** 16 MiB: room for a list at the default cap of entries per project (about 30 bytes a line). */
export const MAX_CSV_BYTES = 16 * 1024 * 1024;

export function couplingListRoutes(deps: { routing: Pick<RoutingService, 'importCouplingList' | 'couplingList'>; maxCsvBytes?: number }): FastifyPluginAsync {
  const { routing } = deps;
  return async (app) => {
    // Encapsulated: only this plugin's routes take CSV bodies. Kept as bytes: the import decodes them a piece
    // at a time between other work, rather than in one long step here.
    app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'buffer', bodyLimit: deps.maxCsvBytes ?? MAX_CSV_BYTES }, (_request, body, done) => done(null, body));

    defineRoute(app, {
      method: 'POST',
      url: '/api/projects/:name/coupling-list',
      summary: 'Upload a coupling list (CSV)',
      description:
        'Body: text/csv (at most 16 MiB), one row per study: accession number, participant ID, optional event (default: the project\'s first event); comma or semicolon separated; an optional header row. Rows with an unknown event, an ID not matching the pattern, an accession number already coupled to another participant, a participant outside your data access group, or beyond the project\'s cap of entries (routing.maxCouplingEntries) are reported per line (the first 1000; `rejected` counts all) and not imported; the good rows are, in slices of 1000 lines. Studies with a listed accession number — in the quarantine now or arriving later — are assigned automatically; entries never expire and are marked used when they matched.',
      tags: ['coupling-list'],
      permission: { project: 'participants:manage' },
      params: z.object({ name: z.string().max(64) }),
      response: z.object({
        imported: z.number(),
        rejected: z.number(),
        errors: z.array(z.object({ line: z.number(), error: z.string() })),
        assigned: z.array(z.object({ accessionNumber: z.string(), transferId: z.string() })),
      }),
      handler: async ({ request, params, auth }) => {
        if (!Buffer.isBuffer(request.body)) throw new BadRequestError('send the coupling list as text/csv');
        return routing.importCouplingList(params.name, request.body, auth.actor, participantScope(auth));
      },
    });

    defineRoute(app, {
      method: 'GET',
      url: '/api/projects/:name/coupling-list',
      summary: 'Show a page of a project\'s coupling list',
      description: 'In accession-number order, `limit` entries (default 1000) after the accession number `after` (the last one of the previous page); a member limited to a data access group sees only its participants\' entries.',
      tags: ['coupling-list'],
      permission: { project: 'participants:read' },
      params: z.object({ name: z.string().max(64) }),
      query: z.object({ after: z.string().max(64).optional(), limit: z.coerce.number().int().min(1).max(2000).default(1000) }),
      response: z.array(z.object({ accessionNumber: z.string(), participant: z.string(), event: z.string(), uploadedBy: z.string().nullable(), uploadedAt: z.string(), usedAt: z.string().nullable() })),
      handler: async ({ params, query, auth }) =>
        (await routing.couplingList(params.name, { after: query.after, limit: query.limit }, participantScope(auth))).map((e) => ({ accessionNumber: e.accessionNumber, participant: e.participant, event: e.event, uploadedBy: e.uploadedBy, uploadedAt: e.uploadedAt, usedAt: e.usedAt })),
    });
  };
}
