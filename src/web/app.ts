// The HTTP application, built without listening (tests use app.inject()); serve calls listen().
// One plugin per area; each route declares the permission it needs (see web/permissions).
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '../platform/logger.js';
import type { Db } from '../platform/db/database.js';
import type { FionaConfig } from '../platform/config.js';
import { healthRoutes } from './plugins/health.js';
import { createAccessServices } from '../projects/access-services.js';
import type { DateOffsetFn } from '../projects/participants-service.js';
import { keyedDateOffsets } from '../projects/date-offsets.js';
import { installAccessControl } from './permissions.js';
import { installErrorHandler } from './routes.js';
import { sessionRoutes } from './plugins/session.js';
import { usersRoutes } from './plugins/users.js';
import { tokensRoutes } from './plugins/tokens.js';
import { projectsRoutes } from './plugins/projects.js';
import { participantsRoutes } from './plugins/participants.js';
import { auditRoutes } from './plugins/audit.js';
import { studiesRoutes } from './plugins/studies.js';
import { openApiRoutes, type RouteRecord } from './plugins/openapi.js';
import { eventsRoutes } from './plugins/events.js';
import { webPagesRoutes } from './plugins/web-pages.js';
import type { EventEmitter } from 'node:events';
import type { PipelineEvents } from '../pipeline/flow.js';
import { createForwardingStage, type ForwardingStage } from '../pipeline/forward/stage.js';
import { transfersRoutes } from './plugins/transfers.js';
import { couplingListRoutes } from './plugins/coupling-list.js';
import { projectsRepository } from '../projects/projects-repository.js';

export interface AppDeps {
  db: Db;
  logger: Logger;
  config: FionaConfig;
  /** True once the DICOM listener accepts associations. */
  listenerReady: () => boolean;
  /** Participants' date offsets (DEID-SPEC section 4); default: keyed by the installation's secret key (deid.keyFile or <dataDir>/secret.key). */
  dateOffsetDays?: DateOffsetFn;
  /** First start: when no user exists, create `admin` with this password, else FIONA_ADMIN_PASSWORD, else a random one logged once. `false`: don't. */
  firstAdmin?: { password?: string } | false;
  /** The pipeline's events (indexed, studyArrived), for the web app's live updates. */
  events?: EventEmitter<PipelineEvents>;
  /** Routing and transfers; default: a stage over the same database whose worker is not started (transfers queue). */
  forwarding?: ForwardingStage;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: deps.logger.child({ component: 'http' }) as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }) });
  const access = createAccessServices(deps.db, { dateOffsetDays: deps.dateOffsetDays ?? keyedDateOffsets(deps.config) });
  const routes: RouteRecord[] = [];
  installErrorHandler(app);
  // Default deny: from here on a route without a permission stops start-up (see web/permissions).
  installAccessControl(app, { auth: access.auth, members: access.members, audit: access.audit });
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return; // the OpenAPI document describes the API, not the web pages
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, permission: route.config!.permission!, doc: route.config?.doc });
  });
  await app.register(healthRoutes(deps));
  await app.register(sessionRoutes(access));
  await app.register(usersRoutes(access));
  await app.register(tokensRoutes(access));
  await app.register(projectsRoutes(access));
  await app.register(participantsRoutes(access));
  await app.register(auditRoutes(access));
  await app.register(studiesRoutes({ db: deps.db, audit: access.audit }));
  await app.register(eventsRoutes({ db: deps.db, events: deps.events }));
  const forwarding = deps.forwarding ?? createForwardingStage(deps.config, deps.db, deps.logger);
  await app.register(transfersRoutes({ db: deps.db, audit: access.audit, members: access.members, projects: projectsRepository(deps.db), participants: access.participants, forwarding }));
  await app.register(couplingListRoutes({ forwarding }));
  await app.register(openApiRoutes({ routes }));
  await app.register(webPagesRoutes());
  if (deps.firstAdmin !== false) {
    const first = await access.auth.ensureFirstAdmin(deps.firstAdmin?.password ?? process.env.FIONA_ADMIN_PASSWORD);
    if (first.generatedPassword) deps.logger.warn(`first start: created user "admin" with password ${first.generatedPassword} (shown once; change it after signing in)`);
    else if (first.created) deps.logger.info('first start: created user "admin" with the password from FIONA_ADMIN_PASSWORD');
  }
  return app;
}
