// GET /api/health: 200 once the DICOM listener and the database are up, 503 otherwise. Public on purpose:
// load balancers and monitors call it without credentials, and it reveals nothing but liveness.
import type { FastifyPluginAsync } from 'fastify';

export interface HealthProbes {
  /** True when the database answers. */
  databaseUp(): Promise<boolean>;
  /** True once the DICOM listener accepts associations. */
  listenerUp(): boolean;
  /** Free space of the data dir's disk and the age of the oldest study in the quarantine. */
  storage(): Promise<StorageStatus>;
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
    app.get('/api/health', { config: { permission: 'public' } }, async (_request, reply) => {
      const database = await probes.databaseUp();
      const listener = probes.listenerUp();
      const ok = database && listener;
      const storage = await probes.storage().catch(() => null);
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'starting', database, listener, storage });
    });
  };
}
