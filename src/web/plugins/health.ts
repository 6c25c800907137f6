// GET /api/health: 200 once the DICOM listener and the database are up and no self-check failed (status ok
// or degraded), 503 otherwise; each self-check with its status and reason, free space, the oldest study's
// age and how long the event loop was held up lately (a stalled loop delays every association and request).
// Public on purpose: load balancers and monitors call it without credentials, and it reveals nothing about
// patients or projects.
import type { FastifyPluginAsync } from 'fastify';
import { EventLoopMonitor } from '../../platform/event-loop.js';

export interface HealthProbes {
  /** True when the database answers. */
  databaseUp(): Promise<boolean>;
  /** True once the DICOM listener accepts associations. */
  listenerUp(): boolean;
  /** Free space of the data dir's disk and the age of the oldest study in the quarantine. */
  storage(): Promise<StorageStatus>;
  /** The last self-checks (undefined until they first ran, or where none run). */
  checks(): Record<string, { status: 'ok' | 'degraded' | 'failed'; reason: string; at: string }> | undefined;
}

export interface StorageStatus {
  freeBytes: number;
  totalBytes: number;
  freePercent: number;
  minFreePercent: number;
  oldestStudyAgeDays: number | null;
}

export function healthRoutes(probes: HealthProbes): FastifyPluginAsync {
  return async (app) => {
    const loop = new EventLoopMonitor();
    loop.start();
    app.addHook('onClose', async () => loop.stop());
    app.get('/api/health', { config: { permission: 'public' } }, async (_request, reply) => {
      const database = await probes.databaseUp();
      const listener = probes.listenerUp();
      const up = database && listener;
      const storage = await probes.storage().catch(() => null);
      const checks = probes.checks() ?? null;
      const states = Object.values(checks ?? {}).map((c) => c.status);
      const status = !up ? 'starting' : states.includes('failed') ? 'failed' : states.includes('degraded') ? 'degraded' : 'ok';
      return reply.code(status === 'ok' || status === 'degraded' ? 200 : 503).send({ status, database, listener, storage, checks, eventLoopDelay: loop.read() });
    });
  };
}
