// GET /api/health: 200 once the DICOM listener and the database are up, 503 otherwise. Public on purpose:
// load balancers and monitors call it without credentials, and it reveals nothing but liveness.
import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';
import type { AppDeps } from '../app.js';

export function healthRoutes(deps: Pick<AppDeps, 'db' | 'listenerReady'>): FastifyPluginAsync {
  return async (app) => {
    app.get('/api/health', { config: { permission: 'public' } }, async (_request, reply) => {
      let database = false;
      try {
        await sql`select 1`.execute(deps.db.kysely);
        database = true;
      } catch {
        database = false;
      }
      const listener = deps.listenerReady();
      const ok = database && listener;
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'starting', database, listener });
    });
  };
}
