// A project's participants. Members read them, data managers and owners register them; a member limited
// to a data access group sees and registers only that group's participants. Date offsets stay internal.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { Audit } from '../../platform/audit/audit.js';
import type { ParticipantScope, ParticipantsService } from '../../projects/participants-service.js';
import { sourceAddress, type RequestAuth } from '../permissions.js';
import { defineRoute } from '../routes.js';
import { participantView } from '../views.js';

const nameParam = z.object({ name: z.string().max(64) });
const participantSchema = z.object({ id: z.string(), dataAccessGroup: z.string().nullable(), createdAt: z.string(), createdBy: z.string().nullable() });

/** The participants a caller may see in the project of the current route. */
export function participantScope(auth: RequestAuth): ParticipantScope {
  return { dataAccessGroup: auth.project?.dataAccessGroup ?? null };
}

export function participantsRoutes(deps: { participants: ParticipantsService; audit: Audit }): FastifyPluginAsync {
  const { participants, audit } = deps;
  return async (app) => {
    defineRoute(app, {
      method: 'GET',
      url: '/api/projects/:name/participants',
      summary: 'List a project\'s participants',
      tags: ['participants'],
      permission: { project: 'participants:read' },
      params: nameParam,
      response: z.array(participantSchema),
      handler: async ({ request, params, auth }) => {
        const list = await participants.list(params.name, participantScope(auth));
        await audit.record({ action: 'participant.list', actor: auth.actor, project: params.name, sourceAddress: sourceAddress(request), details: { count: list.length } });
        return list.map(participantView);
      },
    });

    defineRoute(app, {
      method: 'POST',
      url: '/api/projects/:name/participants',
      summary: 'Register a participant',
      description: 'The ID must match the project\'s participant pattern in full (422 with the reason otherwise); 409 if it exists.',
      tags: ['participants'],
      permission: { project: 'participants:manage' },
      params: nameParam,
      body: z.object({ id: z.string(), dataAccessGroup: z.string().nullable().optional() }).strict(),
      response: participantSchema,
      status: 201,
      handler: async ({ params, body, auth }) => participantView(await participants.register(params.name, body, participantScope(auth), auth.actor)),
    });

    defineRoute(app, {
      method: 'GET',
      url: '/api/projects/:name/participants/:id',
      summary: 'Show a participant',
      tags: ['participants'],
      permission: { project: 'participants:read' },
      params: nameParam.extend({ id: z.string().max(64) }),
      response: participantSchema,
      handler: async ({ params, auth }) => participantView(await participants.get(params.name, params.id, participantScope(auth))),
    });
  };
}
