// The HTTP application, built without listening (tests use app.inject()); serve calls listen().
// One plugin per area; each route declares the permission it needs (see web/permissions).
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '../platform/logger.js';
import type { Db } from '../platform/db/database.js';
import type { FionaConfig } from '../platform/config.js';
import { healthRoutes } from './plugins/health.js';

export interface AppDeps {
  db: Db;
  logger: Logger;
  config: FionaConfig;
  /** True once the DICOM listener accepts associations. */
  listenerReady: () => boolean;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: deps.logger.child({ component: 'http' }) as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }) });
  await app.register(healthRoutes(deps));
  return app;
}
