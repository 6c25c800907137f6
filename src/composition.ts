// The composition root: the one place where Fiona is wired. Every repository and service is built here,
// once per process, over one database; each consumer gets only the ports it uses — the web app its
// services (WebServices), the command line the same services, each pipeline stage its repositories.
// Nothing starts here: `start()` opens the DICOM listener and the workers (fiona serve); the command line
// and the web tests compose the same root and never start it.
//
//   receive ──► quarantine (index) ──► arrival ──► routing worker ──► transfers ──► transfer worker
//   (listener)   (index batcher)       (watcher)    (routing service)   (queued)     (deid, send, reconcile)
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { ConfigError, hasRole, type FionaConfig } from './platform/config.js';
import type { Db } from './platform/db/database.js';
import { transaction } from './platform/db/transaction.js';
import type { Logger } from './platform/logger.js';
import { loadSecretKey } from './platform/secret.js';
import { createAuditLog, observedAudit, type AuditLog } from './platform/audit/audit.js';
import { AuthService } from './platform/auth/service.js';
import { sessionsRepository } from './platform/auth/sessions.js';
import { tokensRepository } from './platform/auth/tokens.js';
import { usersRepository } from './platform/auth/users.js';
import { LdapDirectory } from './platform/auth/ldap.js';
import { OidcClient } from './platform/auth/oidc.js';
import { OidcSignIn } from './platform/auth/oidc-sign-in.js';
import { oidcSignInsRepository } from './platform/auth/oidc-sign-ins.js';
import { membersRepository, type MembersRepository } from './projects/members-repository.js';
import { birthYearsRepository, participantsRepository } from './projects/participants-repository.js';
import { ParticipantsService, type DateOffsetFn } from './projects/participants-service.js';
import { projectsRepository } from './projects/projects-repository.js';
import { ProjectsService } from './projects/projects-service.js';
import { applicationsRepository } from './projects/applications-repository.js';
import { accessRequestsRepository } from './projects/access-requests-repository.js';
import { AccessRequestsService } from './projects/access-requests-service.js';
import { ApplicationsService } from './projects/applications-service.js';
import { lifecycleRepository } from './projects/lifecycle-repository.js';
import { LifecycleService, type FirstReleaseCheck } from './projects/lifecycle-service.js';
import { correctionsRepository } from './pipeline/routing/corrections-repository.js';
import { CorrectionsService } from './pipeline/forward/corrections-service.js';
import { AnonymisedCopyService } from './pipeline/copy/anonymised-copy.js';
import { deleteProjectData } from './pipeline/forward/project-deletion.js';
import { orthancRestDeletion, type ResearchPacsDeletion } from './pipeline/forward/research-pacs-deletion.js';
import type { DimseServer } from './dimse/index.js';
import type { PipelineEvents } from './pipeline/events.js';
import { startListener } from './pipeline/receive/listener.js';
import { ArrivalWatcher } from './pipeline/quarantine/arrival.js';
import { IndexBatcher } from './pipeline/quarantine/index-batcher.js';
import { incomingDir, quarantineRoot, spareDir } from './pipeline/quarantine/layout.js';
import { SpareFiles } from './pipeline/receive/spare-files.js';
import { recoverQuarantine } from './pipeline/quarantine/recovery.js';
import { quarantineRepository, type QuarantineRepository } from './pipeline/quarantine/repository.js';
import { conflictsRepository } from './pipeline/quarantine/conflicts-repository.js';
import { ConflictsService } from './pipeline/quarantine/conflicts-service.js';
import { assignmentsRepository } from './pipeline/routing/assignments-repository.js';
import { couplingRepository } from './pipeline/routing/coupling-repository.js';
import { RoutingService } from './pipeline/routing/routing-service.js';
import { RoutingWorker } from './pipeline/routing/routing-worker.js';
import { studyRoutingRepository } from './pipeline/routing/study-routing-repository.js';
import { dateOffsetDays, deidContext } from './pipeline/deid/index.js';
import { imagingRecordsRepository } from './pipeline/forward/imaging-records-repository.js';
import { createPreparePool, defaultPoolSize, type PreparePool } from './pipeline/forward/prepare-pool.js';
import { transfersRepository } from './pipeline/forward/transfers-repository.js';
import { TransfersService } from './pipeline/forward/transfers-service.js';
import { TransferWorker } from './pipeline/forward/worker.js';
import { pixelReviewRepository } from './pipeline/forward/pixel-review-repository.js';
import { tagInventoryRepository } from './pipeline/forward/tag-inventory-repository.js';
import { ReviewService } from './pipeline/forward/review-service.js';
import { PixelReviewService } from './pipeline/forward/pixel-review-service.js';
import { DryRunService, dryRunFirstRelease } from './pipeline/forward/dry-run-service.js';
import { refusalsRepository } from './pipeline/forward/refusals-repository.js';
import { RefusalsService } from './pipeline/forward/refusals-service.js';
import { exportsRepository } from './pipeline/export/exports-repository.js';
import { ExportsService } from './pipeline/export/exports-service.js';
import { ExportWorker } from './pipeline/export/export-worker.js';
import { MoveReceiver } from './pipeline/export/move-receiver.js';
import { studyHolds } from './pipeline/forward/study-holds.js';
import { studyRemoval } from './pipeline/quarantine/removal.js';
import { RetentionJob } from './pipeline/retention/retention-job.js';
import type { DiskSpace } from './pipeline/retention/policy.js';
import { databaseNow } from './platform/db/clock.js';
import { tryJobLock } from './platform/jobs/job-lock.js';
import { workerId } from './platform/jobs/lease.js';
import { chunked, openNodeChannel, type NodeChannel } from './platform/db/notify.js';
import { checkSchemaVersion, SchemaVersionError } from './platform/db/schema-version.js';
import { diskSpace } from './platform/storage.js';
import { FionaMetrics } from './platform/monitoring/metrics.js';
import { SelfChecks } from './platform/monitoring/self-checks.js';
import { queueStats } from './pipeline/forward/queue-stats.js';
import { associate, DimseRejectedError, SopClass } from './dimse/index.js';
import { ResearchDataService } from './pipeline/forward/research-data.js';
import { storePart10 } from './pipeline/receive/part10.js';
import { receiveSlide } from './pipeline/receive/slides.js';
import type { StoreDeps } from './pipeline/receive/store-instance.js';
import { buildApp, type WebServices } from './web/app.js';
import { smtpMailer, type Mailer } from './platform/mail/mailer.js';
import { MailJob } from './notifications/mail-job.js';
import { NotificationsService } from './notifications/notifications-service.js';
import { outboxRepository } from './notifications/outbox-repository.js';
import { preferencesRepository } from './notifications/preferences-repository.js';

export interface Root {
  config: FionaConfig;
  db: Db;
  logger: Logger;
}

export interface ComposeOptions {
  /** Participants' date offsets (DEID-SPEC section 4); default: keyed by the installation's secret key. */
  dateOffsetDays?: DateOffsetFn;
  /** Health's view of the DICOM listener; default: whether this root's listener is up. */
  listenerReady?: () => boolean;
  /**
   * Test-only fault injection (FIONA_TEST_FAULT): 'crash-before-routing' kills the process with SIGKILL
   * when routing of an arrived study begins, to show that arrival → routing survives a crash; 'hold-index'
   * never commits index rows, so answered instances stay pending (a crash before the commit, test/recovery).
   */
  fault?: string;
  /** Free and total bytes of the data dir's disk (retention, health, metrics); default: statfs of the data dir. */
  diskSpace?: () => Promise<DiskSpace>;
  /** Retention's clock; default: the database's. */
  now?: () => Promise<Date>;
  /** What a self-check does when the listener cannot be restarted; default: process.exit. */
  exit?: (code: number) => void;
  /**
   * Whether a project may have its first release (development → active); default: a dry run of the project
   * is in the audit log (someone with data:review has looked at one, issue 10).
   */
  firstReleaseCheck?: FirstReleaseCheck;
  /** How studies are deleted from research PACSes; default: Orthanc REST per `researchPacs.orthancRest`. */
  researchPacsDeletion?: ResearchPacsDeletion;
}

/** The services people use, through the web app and the command line. */
export interface Services {
  audit: AuditLog;
  auth: AuthService;
  members: MembersRepository;
  projects: ProjectsService;
  participants: ParticipantsService;
  quarantine: QuarantineRepository;
  routing: RoutingService;
  transfers: TransfersService;
  pixelReview: PixelReviewService;
  exports: ExportsService;
  retention: RetentionJob;
  applications: ApplicationsService;
  access: AccessRequestsService;
  lifecycle: LifecycleService;
  corrections: CorrectionsService;
  notifications: NotificationsService;
}

export interface Fiona {
  config: FionaConfig;
  logger: Logger;
  services: Services;
  /** What the web app gets (services, never the stages behind them). */
  web: WebServices;
  events: EventEmitter<PipelineEvents>;
  /** Recovery, then the DICOM listener, the arrival watcher and the routing and transfer workers. */
  start(): Promise<void>;
  /** In reverse: the listener lets associations under way finish, the index drains, the workers stop. */
  stop(): Promise<void>;
  /** The DICOM listener, once started (a new one after a self-check restarted it). */
  listener(): DimseServer | undefined;
  /** Resolves once every instance answered so far is in the index (Success comes before the index commit). */
  indexed(): Promise<void>;
  selfChecks: SelfChecks;
  /** The mail job (sends the outbox), when config mail.enabled. */
  mail: MailJob | undefined;
}

/** Keyed offsets; the key is read (or created in the data dir) when the first participant needs one. */
export function keyedDateOffsets(key: () => Uint8Array): DateOffsetFn {
  return (project, participant, options) => dateOffsetDays(key(), project, participant, options);
}

export function composeFiona(root: Root, options: ComposeOptions = {}): Fiona {
  const { config, db, logger } = root;
  // What this process runs (fiona serve --role): receiver, worker, web; composing builds everything either
  // way (the command line and the web tests use the services), start() opens only this node's part.
  const roles = { receiver: hasRole(config, 'receiver'), worker: hasRole(config, 'worker'), web: hasRole(config, 'web') };
  const nodeId = workerId();
  // Other nodes on the same PostgreSQL database hear what happens here (and we them): see start().
  let channel: NodeChannel | undefined;
  const publish = (message: Record<string, unknown>) => channel?.publish(message);
  let secret: Buffer | undefined;
  const key = () => (secret ??= loadSecretKey(config));

  // Storage.
  const auditLog = createAuditLog(db);
  const projectsRepo = projectsRepository(db);
  // Notifications hear what happened from the audit log (transfers, reconciliation, pixel reviews held,
  // applications, access requests) and queue e-mail in the outbox; the mail job sends it (when enabled).
  let mailer: Mailer | undefined;
  const outbox = outboxRepository(db);
  const mailOwner = workerId();
  const mailJob = config.mail.enabled
    ? new MailJob(
        {
          outbox,
          mailer: () => (mailer ??= smtpMailer(config.mail)),
          lock: (holdMs) => tryJobLock(db, 'mail.outbox', mailOwner, holdMs),
          approvalWarnings: (today) => notifications.approvalWarnings(today),
          logger: logger.child({ component: 'mail' }),
        },
        { intervalMs: config.mail.intervalSeconds * 1000, retryBaseMs: config.mail.retryBaseSeconds * 1000, retryMaxMs: config.mail.retryMaxSeconds * 1000, maxAttempts: config.mail.maxAttempts, digestHour: config.mail.digestHour, publicUrl: config.mail.publicUrl },
      )
    : undefined;
  const notifications: NotificationsService = new NotificationsService({
    preferences: preferencesRepository(db),
    outbox,
    projects: projectsRepo,
    audit: auditLog,
    logger: logger.child({ component: 'mail' }),
    enabled: config.mail.enabled,
    publicUrl: config.mail.publicUrl,
    wake: () => mailJob?.notify(),
  });
  const audit = observedAudit(auditLog, (event) => notifications.onAudit(event));
  const members = membersRepository(db);
  const participantsRepo = participantsRepository(db);
  const quarantine = quarantineRepository(db);
  const conflicts = conflictsRepository(db);
  const assignments = assignmentsRepository(db);
  const coupling = couplingRepository(db);
  const transfersRepo = transfersRepository(db);
  const records = imagingRecordsRepository(db);
  const reviews = pixelReviewRepository(db);
  const refusalsRepo = refusalsRepository(db);
  const review = new ReviewService({ inventory: tagInventoryRepository(db), audit });
  const exportsRepo = exportsRepository(db);

  // Accounts, projects and participants.
  const directory = config.auth.ldap ? new LdapDirectory(config.auth.ldap) : undefined;
  const auth = new AuthService({ users: usersRepository(db), sessions: sessionsRepository(db), tokens: tokensRepository(db), audit, directory, passwordCost: config.auth.passwordCost });
  const oidc = config.auth.oidc ? new OidcSignIn({ provider: new OidcClient(config.auth.oidc), requests: oidcSignInsRepository(db), auth, audit }) : undefined;
  const history = lifecycleRepository(db);
  const projects = new ProjectsService({ projects: projectsRepo, members, users: auth, audit, history, birthYears: birthYearsRepository(db) });
  const applications = new ApplicationsService({ applications: applicationsRepository(db), projects, projectsRepo, audit });
  const access = new AccessRequestsService({ requests: accessRequestsRepository(db), projects: projectsRepo, members, projectsService: projects, audit });
  const corrections = correctionsRepository(db);
  const participants = new ParticipantsService({ projects: projectsRepo, members, participants: participantsRepo, audit, dateOffsetDays: options.dateOffsetDays ?? keyedDateOffsets(key) });

  // Forwarding: the transfer worker de-identifies on a pool of threads, started on first use.
  let pool: PreparePool | undefined;
  const poolSize = config.deid.threads > 0 ? config.deid.threads : defaultPoolSize();
  const transferWorker =
    config.forward.workers > 0
      ? new TransferWorker(
          {
            db,
            transfers: transfersRepo,
            assignments,
            records,
            quarantine,
            projects: projectsRepo,
            participants: participantsRepo,
            deidContext: (subject) => deidContext(subject, { key: key(), uidRoot: config.deid.uidRoot, aeTitle: config.dicom.aet }),
            callingAet: config.dicom.aet,
            logger: logger.child({ component: 'forward' }),
            // The runner reads each file for this call only: its memory moves to the thread uncopied.
            prepare: (input, context, options) => (pool ??= createPreparePool(poolSize)).prepare(input, context, options, true),
            reviews,
            inventory: review,
            refusals: refusalsRepo,
            audit,
          },
          {
            concurrency: config.forward.workers,
            leaseMs: config.forward.leaseSeconds * 1000,
            retryBaseMs: config.forward.retryBaseSeconds * 1000,
            retryMaxMs: config.forward.retryMaxSeconds * 1000,
            reconcileMs: config.forward.reconcileMinutes * 60_000,
          },
        )
      : undefined;
  const notifyTransfers = () => {
    transferWorker?.notify();
    publish({ kind: 'work', queue: 'transfers' });
  };
  const transfers = new TransfersService({ transfers: transfersRepo, records, quarantine, audit, notify: notifyTransfers });
  const conflictCopies = new ConflictsService({ dataDir: config.dataDir, quarantine, conflicts, assignments, transfers: transfersRepo, audit, notify: notifyTransfers });
  // Pixel review: a decision releases the held instances of its transfer; frames render on the pool.
  const pixelReview = new PixelReviewService({ quarantine, reviews, transfers: transfersRepo, audit, notify: notifyTransfers, preview: (input, frame) => (pool ??= createPreparePool(poolSize)).preview(input, frame) });
  // Refusals: a data manager's decision (exclude, an option, the private allow-list) and a resend of what waited.
  const refusals = new RefusalsService({
    refusals: refusalsRepo,
    transfers: transfersRepo,
    projects: { find: (name) => projectsRepo.find(name), updateDeidOptions: (name, changes, actor) => projects.update(name, { deidOptions: changes }, actor) },
    participants,
    audit,
    notify: notifyTransfers,
  });
  // Dry runs de-identify a quarantine study as its transfer would, on the same pool, and send nothing.
  const dryRun = new DryRunService({
    projects: projectsRepo,
    participants: participantsRepo,
    assignments,
    quarantine,
    reviews,
    deidContext: (subject) => deidContext(subject, { key: key(), uidRoot: config.deid.uidRoot, aeTitle: config.dicom.aet }),
    dateOffsetDays: options.dateOffsetDays ?? keyedDateOffsets(key),
    prepare: (input, context, prepareOptions) => (pool ??= createPreparePool(poolSize)).prepare(input, context, prepareOptions),
    audit,
  });

  // Exports: jobs claimed with a lease, read back from the research PACS with C-GET.
  // The C-MOVE destination of exports, apart from the quarantine's listener (only when a port is configured).
  const moveReceiver = config.export.move.port === undefined ? undefined : new MoveReceiver({ aet: config.export.move.aet, host: config.export.move.host, port: config.export.move.port, logger: logger.child({ component: 'export-move' }) });
  const moveOptions = { move: moveReceiver, movePacs: config.export.move.pacs, parallelRetrievals: config.export.parallelRetrievals };
  const outboxes = Object.fromEntries(Object.entries(config.export.outboxes).map(([name, o]) => [name, { name, ...o }]));
  const exportWorker =
    config.export.workers > 0
      ? new ExportWorker(
          { exports: exportsRepo, records, projects: projectsRepo, birthYears: birthYearsRepository(db), audit, logger: logger.child({ component: 'export' }), dataDir: config.dataDir, callingAet: config.dicom.aet, outboxes, ...moveOptions },
          {
            concurrency: config.export.workers,
            leaseMs: config.export.leaseSeconds * 1000,
            expiryMs: config.export.expiryDays * 86_400_000,
            minFreeBytes: config.export.minFreeMegabytes * 1e6,
            maxAttempts: config.export.maxAttempts,
          },
        )
      : undefined;
  const exportsService = new ExportsService({
    exports: exportsRepo,
    records,
    projects: projectsRepo,
    birthYears: birthYearsRepository(db),
    audit,
    dataDir: config.dataDir,
    callingAet: config.dicom.aet,
    maxActivePerProject: config.export.maxActivePerProject,
    outboxes,
    ...moveOptions,
    notify: () => {
      exportWorker?.notify();
      publish({ kind: 'work', queue: 'exports' });
    },
  });

  // Routing: an assignment, its audit rows and its transfer in one transaction.
  const routing = new RoutingService({
    quarantine,
    assignments,
    coupling,
    projects: projectsRepo,
    participants,
    transaction: (work) => transaction(db, (tx) => work({ assignments: assignmentsRepository(tx), coupling: couplingRepository(tx), transfers: transfersRepository(tx), birthYears: birthYearsRepository(tx), audit: createAuditLog(tx) })),
    audit,
    uidRoot: config.deid.uidRoot,
    maxCouplingEntries: config.routing.maxCouplingEntries,
    underCorrection: async (uid) => (await corrections.pendingFor(uid)) !== undefined,
    onQueued: notifyTransfers,
    logger: logger.child({ component: 'routing' }),
  });
  // A project's life: corrections under four eyes, status changes, deletion with two admins.
  const pacsDeletion = options.researchPacsDeletion ?? orthancRestDeletion(config.researchPacs.orthancRest);
  const correctionsService = new CorrectionsService({
    corrections,
    assignments,
    transfers: transfersRepo,
    projects: projectsRepo,
    members,
    routing,
    pacs: pacsDeletion,
    transaction: (work) => transaction(db, (tx) => work({ assignments: assignmentsRepository(tx), transfers: transfersRepository(tx), records: imagingRecordsRepository(tx), corrections: correctionsRepository(tx), birthYears: birthYearsRepository(tx), audit: createAuditLog(tx) })),
    audit,
  });
  // Anonymised copies of archived projects: read back, de-identified anew on the pool, sent to the copy's PACS.
  const copies = new AnonymisedCopyService({
    projects,
    projectsRepo,
    participants,
    records,
    pacs: pacsDeletion,
    prepare: (input, context, prepareOptions) => (pool ??= createPreparePool(poolSize)).prepare(input, context, prepareOptions),
    audit,
    dataDir: config.dataDir,
    callingAet: config.dicom.aet,
    uidRoot: config.deid.uidRoot,
    aeTitle: config.dicom.aet,
    logger: logger.child({ component: 'copy' }),
  });
  const lifecycle = new LifecycleService({
    projects: projectsRepo,
    lifecycle: history,
    audit,
    firstReleaseCheck: options.firstReleaseCheck ?? dryRunFirstRelease(audit),
    retentionDays: config.lifecycle.retentionDays,
    deleteProjectData: (project) => deleteProjectData({ dataDir: config.dataDir, projects: projectsRepo, assignments, participants: participantsRepo, transfers: transfersRepo, records, quarantine, pacs: pacsDeletion }, project),
  });
  const routingWorker = new RoutingWorker(
    {
      queue: studyRoutingRepository(db),
      route: async (uid) => {
        if (options.fault === 'crash-before-routing') process.kill(process.pid, 'SIGKILL');
        return (await routing.onStudyArrived(uid)).length;
      },
      logger: logger.child({ component: 'routing' }),
    },
    { leaseMs: config.forward.leaseSeconds * 1000, retryBaseMs: config.forward.retryBaseSeconds * 1000, retryMaxMs: config.forward.retryMaxSeconds * 1000 },
  );

  // Receiving: index writes in batches; arrival marks quiet studies (and makes them due for routing).
  const events = new EventEmitter<PipelineEvents>();
  const indexPort = options.fault === 'hold-index' ? { index: () => new Promise<void>(() => {}) } : quarantine;
  const batcher = new IndexBatcher(indexPort, {
    onCommitted: (indexed) => {
      metrics.indexed(indexed.reduce((sum, r) => sum + r.sizeBytes, 0));
      events.emit('indexed', indexed);
      const uids = [...new Set(indexed.map((r) => r.header.studyInstanceUid))];
      events.emit('studiesChanged', uids);
      for (const part of chunked(uids)) publish({ kind: 'studies', uids: part });
    },
    logger: logger.child({ component: 'index' }),
  });
  const arrival = new ArrivalWatcher({
    quarantine,
    quietSeconds: config.arrival.quietSeconds,
    logger,
    onArrived: (uid) => {
      metrics.studyArrived();
      events.emit('studyArrived', uid);
      publish({ kind: 'arrived', uid });
      routingWorker.notify();
    },
  });
  let listener: DimseServer | undefined;
  const spares = new SpareFiles(spareDir(config.dataDir));
  const storeDeps: StoreDeps = {
    dataDir: config.dataDir,
    fsync: config.dicom.fsync,
    index: batcher,
    spares,
    conflicts,
    audit,
    maxInflatedBytes: config.dicom.maxInflatedBytes,
    maxSequenceDepth: config.dicom.maxSequenceDepth,
    logger,
    diskFull: () => diskFull,
  };
  // The port it got (config.dicom.port may be 0): a restarted listener opens on the same one.
  let listenerPort = config.dicom.port;
  const openListener = (port: number) =>
    startListener({
      aeTitle: config.dicom.aet,
      allowedCallingAets: config.dicom.allowedCallingAets,
      acceptUnknownSopClasses: config.dicom.acceptUnknownSopClasses,
      port,
      host: config.dicom.host,
      maxAssociations: config.dicom.maxAssociations,
      maxPduLength: config.dicom.maxPduLength,
      idleTimeoutSeconds: config.dicom.idleTimeoutSeconds,
      pduTimeoutSeconds: config.dicom.pduTimeoutSeconds,
      minBytesPerSecond: config.dicom.minBytesPerSecond,
      rateWindowSeconds: config.dicom.rateWindowSeconds,
      maxAssociationsPerAddress: Math.min(config.dicom.maxAssociationsPerAddress, config.dicom.maxAssociations),
      store: storeDeps,
      indexed: () => batcher.committed(),
      logger,
      onStored: (success, seconds) => metrics.stored(success, seconds),
    });

  // DICOMweb: the project's data read through from its research PACS; STOW-RS and uploads take the store above.
  const researchData = new ResearchDataService({
    projects: projectsRepo,
    records,
    participants: participantsRepo,
    callingAet: config.dicom.aet,
    render: (part10, frame) => (pool ??= createPreparePool(poolSize)).preview(part10, frame),
  });
  let folders: Promise<unknown> | undefined;
  const ingest = {
    async storePart10(input: AsyncIterable<Buffer>, source: { callingAet: string; sourceAddress: string }) {
      await (folders ??= Promise.all([mkdir(incomingDir(config.dataDir), { recursive: true }), mkdir(spareDir(config.dataDir), { recursive: true })]));
      return storePart10(storeDeps, input, source);
    },
  };
  const slides = {
    async storeSlide(input: AsyncIterable<Buffer>, source: { callingAet: string; sourceAddress: string }) {
      return receiveSlide(storeDeps, { command: config.upload.slideConverter }, input, config.upload.maxFileBytes, source);
    },
  };

  // Retention: old and confirmed studies leave the quarantine; the disk keeps its free share.
  const disk = options.diskSpace ?? (() => diskSpace(config.dataDir));
  const holds = studyHolds(db);
  const retentionOwner = workerId();
  const retention = new RetentionJob(
    {
      removal: studyRemoval(db, config.dataDir, () => batcher.drain()),
      holds: (uids) => holds.of(uids),
      disk,
      now: options.now ?? (() => databaseNow(db)),
      lock: (holdMs) => tryJobLock(db, 'quarantine.retention', retentionOwner, holdMs),
      audit,
      logger: logger.child({ component: 'retention' }),
    },
    { ...config.retention, intervalMs: config.retention.intervalMinutes * 60_000 },
  );

  // A nearly full disk: the listener answers 0xA700 until retention has made room (checked every
  // dicom.diskCheckSeconds, not per instance).
  let diskFull: string | undefined;
  let diskTimer: NodeJS.Timeout | undefined;
  const watchDisk = async () => {
    const space = await disk().catch(() => undefined);
    if (!space) return;
    const percent = space.totalBytes > 0 ? (space.freeBytes / space.totalBytes) * 100 : 100;
    const was = diskFull;
    diskFull = percent < config.dicom.minFreePercent ? `${percent.toFixed(1)} % of the disk free` : undefined;
    if (diskFull && !was) {
      logger.error({ freePercent: percent }, 'disk nearly full: refusing instances (0xA700) and running retention now');
      void retention.runNow().then(() => watchDisk());
    }
  };

  // Metrics and self-checks.
  const metrics: FionaMetrics = new FionaMetrics({
    associations: () => listener?.activeAssociations() ?? 0,
    snapshot: () => queueStats(db, new Date(), config.forward.leaseSeconds * 1000),
    disk,
  });
  const selfChecks = new SelfChecks(
    {
      // A node without the receiver role has no listener to check (and none to restart).
      echo: !roles.receiver ? undefined : async () => {
        const open = listener;
        if (!open) throw new Error('not listening');
        const host = config.dicom.host === '0.0.0.0' || config.dicom.host === '::' ? '127.0.0.1' : config.dicom.host;
        try {
          const association = await associate({ host, port: open.port(), callingAet: config.dicom.aet, calledAet: config.dicom.aet, contexts: [{ abstractSyntax: SopClass.Verification, transferSyntaxes: ['1.2.840.10008.1.2'] }], connectTimeoutMs: 5000, idleTimeoutMs: 10_000 });
          try {
            const status = await association.echo();
            if (status !== 0) throw new Error(`C-ECHO status 0x${status.toString(16)}`);
          } finally {
            await association.release().catch(() => undefined);
          }
        } catch (err) {
          // Rejected for our own AE (an allow-list without it) still proves the listener answers.
          if (!(err instanceof DimseRejectedError)) throw err;
        }
      },
      restartListener: async () => {
        const old = listener;
        listener = undefined;
        await old?.close(0).catch(() => undefined);
        listener = await openListener(listenerPort);
      },
      database: async () => {
        await sql`select 1`.execute(db.kysely);
      },
      disk,
      queue: () => queueStats(db, new Date(), config.forward.leaseSeconds * 1000),
      diskLow: () => void retention.runNow(),
      exit: options.exit ?? ((code) => process.exit(code)),
      logger: logger.child({ component: 'health' }),
    },
    { intervalMs: config.health.checkSeconds * 1000, minFreePercent: config.retention.minFreePercent, maxQueueAgeSeconds: config.health.maxQueueAgeMinutes * 60 },
  );

  // A message from another node on the same PostgreSQL database: relay it to this node's listeners (the web
  // app's live updates) and wake this node's workers, which would otherwise find the work at their next poll.
  let schemaTimer: NodeJS.Timeout | undefined;
  const fromOtherNode = (message: Record<string, unknown>) => {
    if (message.kind === 'studies' && Array.isArray(message.uids)) events.emit('studiesChanged', message.uids.filter((u): u is string => typeof u === 'string'));
    else if (message.kind === 'arrived' && typeof message.uid === 'string') {
      events.emit('studyArrived', message.uid);
      if (roles.worker) routingWorker.notify();
    } else if (message.kind === 'work' && roles.worker) {
      if (message.queue === 'transfers') transferWorker?.notify();
      else if (message.queue === 'exports') exportWorker?.notify();
    }
  };

  const services: Services = { audit, auth, members, projects, participants, quarantine, routing, transfers, pixelReview, exports: exportsService, retention, applications, access, lifecycle, corrections: correctionsService, notifications };
  return {
    config,
    logger,
    services,
    web: {
      auth,
      audit,
      members,
      projects,
      participants,
      quarantine,
      routing,
      transfers,
      conflicts: conflictCopies,
      pixelReview,
      review,
      refusals,
      dryRun,
      exports: exportsService,
      researchData,
      ingest,
      slides,
      uploadLimits: config.upload,
      signIn: { ldap: directory !== undefined, oidc },
      applications,
      access,
      lifecycle,
      corrections: correctionsService,
      copies,
      notifications,
      health: {
        databaseUp: () => sql`select 1`.execute(db.kysely).then(() => true, () => false),
        listenerUp: options.listenerReady ?? (() => !roles.receiver || listener !== undefined),
        storage: () => retention.status(),
        checks: () => selfChecks.results(),
      },
      metrics: { text: () => metrics.text(), contentType: metrics.contentType, allow: config.metrics.allow, token: config.metrics.token      },
      events,
    },
    events,
    async start() {
      await mkdir(quarantineRoot(config.dataDir), { recursive: true });
      await mkdir(incomingDir(config.dataDir), { recursive: true });
      await mkdir(spareDir(config.dataDir), { recursive: true });
      if (db.engine === 'postgres') {
        channel = await openNodeChannel(db, { channel: 'fiona_events', node: nodeId, onMessage: fromOtherNode, logger: logger.child({ component: 'nodes' }) });
      }
      // A node whose code is older than the schema another node migrated to stops (see schema-version.ts).
      schemaTimer = setInterval(() => {
        checkSchemaVersion(db.kysely).catch((err: unknown) => {
          if (!(err instanceof SchemaVersionError)) return;
          logger.fatal({ err: err.message }, 'stopping: this node is older than the database schema');
          (options.exit ?? ((code) => process.exit(code)))(78);
        });
      }, Math.min(30_000, config.health.checkSeconds * 1000));
      schemaTimer.unref();
      if (roles.receiver) {
        // Before the listener opens, so a file being recovered and a file being received never meet. With
        // several receivers on one folder (PostgreSQL), young files may be another receiver's under way.
        await recoverQuarantine(quarantine, config.dataDir, logger, conflicts, { minAgeMs: db.engine === 'postgres' ? 15 * 60_000 : 0 });
        await watchDisk();
        listener = await openListener(config.dicom.port);
        listenerPort = listener.port();
        diskTimer = setInterval(() => void watchDisk(), config.dicom.diskCheckSeconds * 1000);
        diskTimer.unref();
      }
      // Arrival marks a study once, whichever node's watcher gets there first (a conditional update).
      if (roles.receiver || roles.worker) arrival.start();
      if (roles.worker) {
        routingWorker.start();
        transferWorker?.start();
        exportWorker?.start();
        retention.start();
      }
      await selfChecks.start();
      // Every node may queue mail (audit events); the outbox job's lock lets one send at a time.
      mailJob?.start();
      logger.info({ roles: Object.entries(roles).filter(([, on]) => on).map(([role]) => role), node: nodeId, engine: db.engine, deidThreads: poolSize }, 'node started');
    },
    async stop() {
      const started = listener;
      listener = undefined;
      if (diskTimer) clearInterval(diskTimer);
      if (schemaTimer) clearInterval(schemaTimer);
      await selfChecks.stop();
      await retention.stop();
      // Instances under way get a few seconds to finish, so a restart does not make senders resend.
      await started?.close(config.dicom.stopGraceSeconds * 1000);
      await spares.stop();
      await batcher.drain();
      await arrival.stop();
      await routingWorker.stop();
      await transferWorker?.stop();
      await exportWorker?.stop();
      await notifications.settled();
      await mailJob?.stop();
      mailer?.close();
      mailer = undefined;
      await moveReceiver?.stop();
      await pool?.close();
      pool = undefined;
      await channel?.stop();
      channel = undefined;
    },
    listener: () => listener,
    indexed: () => batcher.committed(),
    selfChecks,
    mail: mailJob,
  };
}

/**
 * The web app over a composed root. On first start (no user yet) it creates `admin` with this password,
 * else FIONA_ADMIN_PASSWORD, else a random one logged once; `firstAdmin: false` skips that.
 */
export async function buildWebApp(fiona: Fiona, options: { firstAdmin?: { password?: string } | false } = {}): Promise<FastifyInstance> {
  const { http } = fiona.config;
  const read = (key: string, file: string) => {
    try {
      return readFileSync(file);
    } catch (err) {
      throw new ConfigError(`${key}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? err})`);
    }
  };
  const tls = http.tlsCert && http.tlsKey ? { cert: read('http.tlsCert', http.tlsCert), key: read('http.tlsKey', http.tlsKey) } : undefined;
  const app = await buildApp(fiona.web, { logger: fiona.logger, http: { trustProxy: http.trustProxy, tls } });
  if (options.firstAdmin !== false) {
    const first = await fiona.services.auth.ensureFirstAdmin(options.firstAdmin?.password ?? process.env.FIONA_ADMIN_PASSWORD);
    if (first.generatedPassword) fiona.logger.warn(`first start: created user "admin" with password ${first.generatedPassword} (shown once; change it after signing in)`);
    else if (first.created) fiona.logger.info('first start: created user "admin" with the password from FIONA_ADMIN_PASSWORD');
  }
  return app;
}

/** The composed root and its web app, nothing started: for app.inject() tests. */
export async function composeWebApp(root: Root, options: ComposeOptions & { firstAdmin?: { password?: string } | false } = {}): Promise<{ fiona: Fiona; app: FastifyInstance }> {
  const fiona = composeFiona(root, { listenerReady: () => true, ...options });
  return { fiona, app: await buildWebApp(fiona, options) };
}
