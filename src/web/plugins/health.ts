// GET /api/health: 200 once the DICOM listener and the database are up, 503 otherwise. Public on purpose:
// load balancers and monitors call it without credentials, and it reveals nothing but liveness and how long
// the event loop was held up lately (a stalled loop delays every association and request).
import type { FastifyPluginAsync } from 'fastify';
import { EventLoopMonitor } from '../../platform/event-loop.js';

export interface HealthProbes {
  /** True when the database answers. */
  databaseUp(): Promise<boolean>;
  /** True once the DICOM listener accepts associations. */
  listenerUp(): boolean;
}

export function healthRoutes(probes: HealthProbes): FastifyPluginAsync {
  return async (app) => {
    const loop = new EventLoopMonitor();
    loop.start();
    app.addHook('onClose', async () => loop.stop());
    app.get('/api/health', { config: { permission: 'public' } }, async (_request, reply) => {
      const database = await probes.databaseUp();
      const listener = probes.listenerUp();
      const ok = database && listener;
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'starting', database, listener, eventLoopDelay: loop.read() });
    });
  };
}
