// Conflicting copies received under a SOP Instance UID the quarantine already holds (site admins): the list
// with both copies' non-identifying facts, and their resolution (keep first, take new, keep both), audited.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { ConflictsService } from '../../pipeline/quarantine/conflicts-service.js';
import { sourceAddress } from '../permissions.js';
import { defineRoute } from '../routes.js';

const text = z.string().nullable();
const side = z.object({
  studyInstanceUid: z.string(),
  seriesInstanceUid: z.string(),
  sizeBytes: z.number().nullable(),
  receivedAt: text,
  callingAet: text,
  accessionNumber: text,
  studyDate: text,
  studyDescription: text,
  modality: text,
  seriesNumber: text,
  seriesDescription: text,
  instanceNumber: text,
  assignedTo: z.array(z.string()),
});
const conflict = z.object({
  id: z.string(),
  sopInstanceUid: z.string(),
  status: z.enum(['open', 'resolved']),
  resolution: z.enum(['kept-first', 'took-new', 'kept-both']).nullable(),
  resolvedBy: text,
  resolvedAt: text,
  sameStudy: z.boolean(),
  existing: side.nullable(),
  incoming: side,
});
const idParam = z.object({ id: z.string().uuid() });

export function conflictsRoutes(deps: { conflicts: Pick<ConflictsService, 'list' | 'get' | 'resolve'> }): FastifyPluginAsync {
  return async (app) => {
    defineRoute(app, {
      method: 'GET',
      url: '/api/conflicts',
      summary: 'List conflicting copies of quarantined instances',
      description: 'A dataset received under a SOP Instance UID the quarantine already holds, with other bytes (or in another study). The first copy stays; the other is kept apart until resolved. Patient identity is never shown.',
      tags: ['quarantine'],
      permission: 'admin',
      query: z.object({ status: z.enum(['open', 'resolved']).optional(), limit: z.coerce.number().int().min(1).max(1000).default(200), offset: z.coerce.number().int().min(0).default(0) }),
      response: z.array(conflict),
      handler: async ({ query }) => deps.conflicts.list(query),
    });

    defineRoute(app, {
      method: 'GET',
      url: '/api/conflicts/:id',
      summary: 'Show a conflicting copy',
      tags: ['quarantine'],
      permission: 'admin',
      params: idParam,
      response: conflict,
      handler: async ({ params }) => deps.conflicts.get(params.id),
    });

    defineRoute(app, {
      method: 'POST',
      url: '/api/conflicts/:id/resolve',
      summary: 'Resolve a conflicting copy',
      description:
        '`keep-first` deletes the other copy; `keep-both` keeps it as a version (never forwarded); `take-new` replaces the quarantined copy. Taking the new copy of an instance whose study is assigned needs `confirmAssigned: true` and re-queues only that study\'s transfers (409 otherwise).',
      tags: ['quarantine'],
      permission: 'admin',
      params: idParam,
      body: z.object({ action: z.enum(['keep-first', 'take-new', 'keep-both']), confirmAssigned: z.boolean().optional() }).strict(),
      response: z.object({ conflict, requeued: z.array(z.string()) }),
      handler: async ({ params, body, auth, request }) =>
        deps.conflicts.resolve(params.id, body.action, { ...auth.actor, sourceAddress: sourceAddress(request) }, { confirmAssigned: body.confirmAssigned }),
    });
  };
}
