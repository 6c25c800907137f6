// A project's coupling list: accession number -> participant (and event), uploaded as CSV by a data
// manager before or after the data arrives. Good rows are imported, bad ones reported per line.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { RoutingService } from '../../pipeline/routing/routing-service.js';
import { BadRequestError } from '../../platform/errors.js';
import { defineRoute } from '../routes.js';

const MAX_CSV_BYTES = 5 * 1024 * 1024;

export function couplingListRoutes(deps: { routing: Pick<RoutingService, 'importCouplingList' | 'couplingList'> }): FastifyPluginAsync {
  const { routing } = deps;
  return async (app) => {
    // Encapsulated: only this plugin's routes take CSV bodies.
    app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: MAX_CSV_BYTES }, (_request, body, done) => done(null, body));

    defineRoute(app, {
      method: 'POST',
      url: '/api/projects/:name/coupling-list',
      summary: 'Upload a coupling list (CSV)',
      description:
        'Body: text/csv, one row per study: accession number, participant ID, optional event (default: the project\'s first event); comma or semicolon separated; an optional header row. Rows with an unknown event, an ID not matching the pattern, or an accession number already coupled to another participant are reported per line and not imported; the good rows are. Studies with a listed accession number — in the quarantine now or arriving later — are assigned automatically; entries never expire and are marked used when they matched.',
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
        if (typeof request.body !== 'string') throw new BadRequestError('send the coupling list as text/csv');
        return routing.importCouplingList(params.name, request.body, auth.actor);
      },
    });

    defineRoute(app, {
      method: 'GET',
      url: '/api/projects/:name/coupling-list',
      summary: 'Show a project\'s coupling list',
      tags: ['coupling-list'],
      permission: { project: 'participants:read' },
      params: z.object({ name: z.string().max(64) }),
      response: z.array(z.object({ accessionNumber: z.string(), participant: z.string(), event: z.string(), uploadedBy: z.string().nullable(), uploadedAt: z.string(), usedAt: z.string().nullable() })),
      handler: async ({ params }) => (await routing.couplingList(params.name)).map((e) => ({ accessionNumber: e.accessionNumber, participant: e.participant, event: e.event, uploadedBy: e.uploadedBy, uploadedAt: e.uploadedAt, usedAt: e.usedAt })),
    });
  };
}
