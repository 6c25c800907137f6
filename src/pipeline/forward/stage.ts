// Routing and forwarding, put together over one database: the routing service (assign, coupling lists,
// auto-ID, late and derived series), the transfer repository and the worker that de-identifies and sends.
import type { FionaConfig } from '../../platform/config.js';
import type { Db } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logger.js';
import { createAuditLog } from '../../platform/audit/audit.js';
import { loadSecretKey } from '../../platform/secret.js';
import { createAccessServices } from '../../projects/access-services.js';
import { keyedDateOffsets } from '../../projects/date-offsets.js';
import { participantsRepository } from '../../projects/participants-repository.js';
import { projectsRepository } from '../../projects/projects-repository.js';
import { assignmentsRepository } from '../routing/assignments-repository.js';
import { couplingRepository } from '../routing/coupling-repository.js';
import { RoutingService } from '../routing/routing-service.js';
import { imagingRecordsRepository, type ImagingRecordsRepository } from './imaging-records-repository.js';
import { transfersRepository, type TransfersRepository } from './transfers-repository.js';
import { TransferWorker } from './worker.js';
import { createPreparePool, type PreparePool } from './prepare-pool.js';
import { TransfersService } from './transfers-service.js';

export interface ForwardingStage {
  routing: RoutingService;
  transfers: TransfersRepository;
  service: TransfersService;
  records: ImagingRecordsRepository;
  /** Undefined when this process runs no workers (forward.workers = 0). */
  worker: TransferWorker | undefined;
  notify(): void;
  start(): void;
  stop(): Promise<void>;
}

export function createForwardingStage(config: FionaConfig, db: Db, logger: Logger): ForwardingStage {
  const audit = createAuditLog(db);
  const projects = projectsRepository(db);
  const transfers = transfersRepository(db);
  const records = imagingRecordsRepository(db);
  const assignments = assignmentsRepository(db);
  const { participants } = createAccessServices(db, { dateOffsetDays: keyedDateOffsets(config) });
  let key: Buffer | undefined;
  // Threads start on first use, so a process that forwards nothing starts none.
  let pool: PreparePool | undefined;
  const worker =
    config.forward.workers > 0
      ? new TransferWorker(
          {
            db,
            transfers,
            assignments,
            records,
            projects,
            participants: participantsRepository(db),
            key: () => (key ??= loadSecretKey(config)),
            uidRoot: config.deid.uidRoot,
            callingAet: config.dicom.aet,
            logger: logger.child({ component: 'forward' }),
            prepare: (input, context, derived) => (pool ??= createPreparePool()).prepare(input, context, derived),
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
  const notify = () => worker?.notify();
  const routing = new RoutingService({
    db,
    assignments,
    coupling: couplingRepository(db),
    projects,
    participants,
    transfers,
    audit,
    uidRoot: config.deid.uidRoot,
    onQueued: notify,
    logger: logger.child({ component: 'routing' }),
  });
  return {
    routing,
    transfers,
    service: new TransfersService({ transfers, audit, notify }),
    records,
    worker,
    notify,
    start: () => worker?.start(),
    stop: async () => {
      await worker?.stop();
      await pool?.close();
      pool = undefined;
    },
  };
}
