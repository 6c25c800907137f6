// The HTTP application over the services the composition root built (src/composition.ts), without
// listening (tests use app.inject(); serve calls listen()). One plugin per area; each gets only the
// services it uses, and each route declares the permission it needs (see web/permissions).
import type { EventEmitter } from 'node:events';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '../platform/logger.js';
import type { AuditLog } from '../platform/audit/audit.js';
import type { AuthService } from '../platform/auth/service.js';
import type { MembersRepository } from '../projects/members-repository.js';
import type { ParticipantsService } from '../projects/participants-service.js';
import type { ProjectsService } from '../projects/projects-service.js';
import type { PipelineEvents } from '../pipeline/events.js';
import type { QuarantineRepository } from '../pipeline/quarantine/repository.js';
import type { RoutingService } from '../pipeline/routing/routing-service.js';
import type { TransfersService } from '../pipeline/forward/transfers-service.js';
import { installAccessControl, projectAccess } from './permissions.js';
import { installErrorHandler } from './routes.js';
import { healthRoutes, type HealthProbes } from './plugins/health.js';
import { metricsRoutes, type MetricsEndpoint } from './plugins/metrics.js';
import { sessionRoutes } from './plugins/session.js';
import { usersRoutes } from './plugins/users.js';
import { directorySignInRoutes } from './plugins/directory-sign-in.js';
import type { OidcSignIn } from '../platform/auth/oidc-sign-in.js';
import { notificationsRoutes } from './plugins/notifications.js';
import type { NotificationsService } from '../notifications/notifications-service.js';
import { tokensRoutes } from './plugins/tokens.js';
import { projectsRoutes } from './plugins/projects.js';
import { participantsRoutes } from './plugins/participants.js';
import { auditRoutes } from './plugins/audit.js';
import { studiesRoutes } from './plugins/studies.js';
import { openApiRoutes, type RouteRecord } from './plugins/openapi.js';
import { eventsRoutes } from './plugins/events.js';
import { webPagesRoutes } from './plugins/web-pages.js';
import { transfersRoutes } from './plugins/transfers.js';
import { couplingListRoutes } from './plugins/coupling-list.js';
import { conflictsRoutes } from './plugins/conflicts.js';
import type { ConflictsService } from '../pipeline/quarantine/conflicts-service.js';
import { pixelReviewRoutes } from './plugins/pixel-review.js';
import { dryRunRoutes } from './plugins/dry-run.js';
import type { DryRunService } from '../pipeline/forward/dry-run-service.js';
import type { PixelReviewService } from '../pipeline/forward/pixel-review-service.js';
import { reviewRoutes } from './plugins/review.js';
import { refusalRoutes } from './plugins/refusals.js';
import type { RefusalsService } from '../pipeline/forward/refusals-service.js';
import type { ReviewService } from '../pipeline/forward/review-service.js';
import { exportsRoutes } from './plugins/exports.js';
import type { ExportsService } from '../pipeline/export/exports-service.js';
import type { ResearchDataService } from '../pipeline/forward/research-data.js';
import { dicomwebRoutes, type InstanceIngest, type UploadLimits } from './plugins/dicomweb.js';
import type { ApplicationsService } from '../projects/applications-service.js';
import type { AccessRequestsService } from '../projects/access-requests-service.js';
import type { LifecycleService } from '../projects/lifecycle-service.js';
import type { CorrectionsService } from '../pipeline/forward/corrections-service.js';
import { lifecycleRoutes } from './plugins/lifecycle.js';
import { slidesRoutes, type SlideIngest } from './plugins/slides.js';
import type { AnonymisedCopyService } from '../pipeline/copy/anonymised-copy.js';

/** What the web app uses: services, never the stages behind them. */
export interface WebServices {
  auth: AuthService;
  audit: AuditLog;
  members: Pick<MembersRepository, 'membership' | 'rolesOf'>;
  projects: ProjectsService;
  participants: ParticipantsService;
  quarantine: Pick<QuarantineRepository, 'listStudyViews' | 'getStudyView'>;
  routing: Pick<RoutingService, 'assign' | 'importCouplingList' | 'couplingList'>;
  transfers: TransfersService;
  /** Conflicting copies of quarantined instances (site admins). */
  conflicts: Pick<ConflictsService, 'list' | 'get' | 'resolve'>;
  /** The pixel review queue (burned-in text a data manager decides). */
  pixelReview: PixelReviewService;
  /** The tag inventory of what projects released (Review page). */
  review: ReviewService;
  /** Instances the de-identification refused, waiting for a data manager's decision (Review page). */
  refusals: RefusalsService;
  /** De-identification of a quarantine study without sending (before/after per tag). */
  dryRun: DryRunService;
  /** Exports of a project's data from its research PACS. */
  exports: ExportsService;
  /** A project's de-identified data read through from its research PACS (DICOMweb). */
  researchData: ResearchDataService;
  /** Part-10 files (STOW-RS, uploads) into the quarantine through the durable store. */
  ingest: InstanceIngest;
  /** Whole-slide images (TIFF, SVS) converted to DICOM into the quarantine. */
  slides: SlideIngest;
  /** Limits of one upload (config upload.*). */
  uploadLimits: UploadLimits;
  /** A project's life: applications, status, corrections under four eyes. */
  applications: ApplicationsService;
  access: AccessRequestsService;
  lifecycle: LifecycleService;
  corrections: Pick<CorrectionsService, 'list' | 'request' | 'approve' | 'reject'>;
  /** Anonymised copies of archived projects (site admins). */
  copies: Pick<AnonymisedCopyService, 'copy'>;
  /** Each user's e-mail notification settings. */
  notifications: Pick<NotificationsService, 'preferences' | 'save'>;
  health: HealthProbes;
  /** Sign-in with the hospital's directory (config auth.ldap, auth.oidc); absent: local accounts only. */
  signIn?: { ldap: boolean; oidc?: OidcSignIn };
  /** GET /metrics (Prometheus), when the root serves it. */
  metrics?: MetricsEndpoint;
  /** The pipeline's events (indexed, studyArrived), for the live updates of the Assign page. */
  events?: EventEmitter<PipelineEvents>;
}

export interface HttpOptions {
  /** Reverse proxies whose X-Forwarded-For/-Proto headers are believed (addresses or CIDR ranges). */
  trustProxy?: string[];
  /** PEM certificate and key: the app is served over HTTPS (cookies are then Secure). */
  tls?: { cert: Buffer; key: Buffer };
}

export async function buildApp(services: WebServices, options: { logger: Logger; http?: HttpOptions }): Promise<FastifyInstance> {
  const trustProxy = options.http?.trustProxy ?? [];
  const app = Fastify({
    loggerInstance: options.logger.child({ component: 'http' }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: trustProxy.length > 0 ? trustProxy : false,
    ...(options.http?.tls ? { https: options.http.tls } : {}),
  }) as unknown as FastifyInstance;
  const { auth, audit, members, projects, participants } = services;
  const routes: RouteRecord[] = [];
  installErrorHandler(app);
  // API answers are personal and JSON: never kept by a cache on the way, never sniffed into something else.
  app.addHook('onSend', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    void reply.header('cache-control', 'no-store');
    void reply.header('x-content-type-options', 'nosniff');
  });
  // Default deny: from here on a route without a permission stops start-up (see web/permissions).
  installAccessControl(app, { auth, members, audit });
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') && !route.url.startsWith('/dicomweb/')) return; // the OpenAPI document describes the API and DICOMweb, not the web pages
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, permission: route.config!.permission!, doc: route.config?.doc });
  });
  await app.register(healthRoutes(services.health));
  if (services.metrics) await app.register(metricsRoutes(services.metrics));
  await app.register(sessionRoutes({ auth, members }));
  await app.register(directorySignInRoutes(services.signIn ?? { ldap: false }));
  await app.register(usersRoutes({ auth }));
  await app.register(tokensRoutes({ auth }));
  await app.register(notificationsRoutes({ notifications: services.notifications }));
  await app.register(projectsRoutes({ projects, lifecycle: services.lifecycle }));
  await app.register(participantsRoutes({ participants, audit }));
  await app.register(auditRoutes({ audit }));
  await app.register(studiesRoutes({ quarantine: services.quarantine, audit }));
  await app.register(eventsRoutes({ quarantine: services.quarantine, events: services.events }));
  await app.register(transfersRoutes({ audit, access: projectAccess({ members, audit }), projects, participants, routing: services.routing, transfers: services.transfers }));
  await app.register(couplingListRoutes({ routing: services.routing }));
  await app.register(conflictsRoutes({ conflicts: services.conflicts }));
  await app.register(pixelReviewRoutes({ pixelReview: services.pixelReview, projects }));
  await app.register(reviewRoutes({ review: services.review }));
  await app.register(refusalRoutes({ refusals: services.refusals, projects }));
  await app.register(dryRunRoutes({ dryRun: services.dryRun }));
  await app.register(exportsRoutes({ access: projectAccess({ members, audit }), exports: services.exports, projects, participants }));
  await app.register(dicomwebRoutes({ data: services.researchData, ingest: services.ingest, audit, limits: services.uploadLimits }));
  await app.register(slidesRoutes({ slides: services.slides, audit, projects: services.projects }));
  await app.register(lifecycleRoutes({ applications: services.applications, lifecycle: services.lifecycle, corrections: services.corrections, access: services.access, audit, copies: services.copies }));
  await app.register(openApiRoutes({ routes }));
  await app.register(webPagesRoutes());
  return app;
}
