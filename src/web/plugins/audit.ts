// The audit log, for site admins: newest first, filtered by project, user, action and time.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { AuditLog } from '../../platform/audit/audit.js';
import { defineRoute } from '../routes.js';

const entry = z.object({
  id: z.number(),
  at: z.string(),
  action: z.string(),
  outcome: z.enum(['ok', 'denied', 'failed']),
  actor: z.object({ userId: z.string().nullable(), username: z.string().nullable(), via: z.enum(['session', 'token', 'cli', 'system']), tokenId: z.string().nullable().optional() }),
  project: z.string().nullable(),
  target: z.string().nullable(),
  sourceAddress: z.string().nullable(),
  details: z.record(z.unknown()).nullable(),
});

export function auditRoutes(deps: { audit: AuditLog }): FastifyPluginAsync {
  return async (app) => {
    defineRoute(app, {
      method: 'GET',
      url: '/api/audit',
      summary: 'Read the audit log',
      tags: ['audit'],
      permission: 'admin',
      query: z.object({
        project: z.string().optional(),
        username: z.string().optional(),
        action: z.string().optional(),
        since: z.string().datetime({ offset: true }).optional().describe('ISO-8601 time, inclusive'),
        until: z.string().datetime({ offset: true }).optional().describe('ISO-8601 time, exclusive'),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
        offset: z.coerce.number().int().min(0).default(0),
      }),
      response: z.array(entry),
      handler: async ({ query }) => deps.audit.list({ ...query, since: query.since && new Date(query.since).toISOString(), until: query.until && new Date(query.until).toISOString() }),
    });
  };
}
