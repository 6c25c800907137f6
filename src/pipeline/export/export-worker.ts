// The export worker: claims queued exports with a lease (or takes over one whose worker died, starting it
// again from the beginning, at most maxAttempts times), runs them, and removes expired ones. A cancel shows
// up as a lost lease: the run is aborted and its partial file removed. Deliveries of finished exports to an
// SFTP outbox are a second claim loop on the same rows, with their own lease (a crash mid-upload is taken
// up again, at most maxAttempts times). Every outcome is audited.
import { mkdir, rm } from 'node:fs/promises';
import { systemActor, type Audit } from '../../platform/audit/audit.js';
import { ClaimLoop } from '../../platform/jobs/claim-loop.js';
import { keepLease, workerId } from '../../platform/jobs/lease.js';
import type { Logger } from '../../platform/logger.js';
import type { ProjectsRepository } from '../../projects/projects-repository.js';
import type { BirthYearsRepository } from '../../projects/participants-repository.js';
import type { ImagingRecordsRepository } from '../forward/imaging-records-repository.js';
import type { ExportJob, ExportsRepository } from './exports-repository.js';
import { birthYearsForRun, exportFile, exportsDir, exportWorkDir } from './exports-service.js';
import type { MoveReceiver } from './move-receiver.js';
import { runExport } from './run-export.js';
import { deliverToSftp, type Outbox } from './sftp-outbox.js';

export interface ExportWorkerPorts {
  exports: ExportsRepository;
  records: Pick<ImagingRecordsRepository, 'list'>;
  projects: Pick<ProjectsRepository, 'find'>;
  /** Participants' kept birth years (the birthYear transform). */
  birthYears?: Pick<BirthYearsRepository, 'forProject'>;
  audit: Audit;
  logger: Logger;
  dataDir: string;
  callingAet: string;
  outboxes: Record<string, Outbox>;
  /** Fiona's C-MOVE destination (started on first use), and the PACS always read with C-MOVE. */
  move?: MoveReceiver;
  movePacs?: string[];
  parallelRetrievals?: number;
}

export interface ExportWorkerOptions {
  concurrency: number;
  leaseMs: number;
  expiryMs: number;
  minFreeBytes: number;
  maxAttempts: number;
  pollMs?: number;
  owner?: string;
}

export class ExportWorker {
  readonly owner: string;
  private readonly loop: ClaimLoop<ExportJob>;
  private readonly deliveries: ClaimLoop<ExportJob>;
  private readonly running = new Map<string, AbortController>();
  private expiryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ports: ExportWorkerPorts,
    private readonly options: ExportWorkerOptions,
  ) {
    this.owner = options.owner ?? workerId();
    this.loop = new ClaimLoop<ExportJob>({
      concurrency: options.concurrency,
      pollMs: options.pollMs,
      claim: () => ports.exports.claim(this.owner, options.leaseMs, new Date()),
      run: (job) => this.runOne(job),
      nextDue: async () => undefined,
      onError: (err, during, job) => ports.logger.warn({ err: err.message, export: job?.id }, during === 'claim' ? 'could not claim an export' : 'export run failed unexpectedly'),
    });
    this.deliveries = new ClaimLoop<ExportJob>({
      concurrency: 1,
      pollMs: options.pollMs,
      claim: () => ports.exports.claimDelivery(this.owner, options.leaseMs, new Date()),
      run: (job) => this.deliverOne(job),
      nextDue: async () => undefined,
      onError: (err, during, job) => ports.logger.warn({ err: err.message, export: job?.id }, during === 'claim' ? 'could not claim a delivery' : 'delivery failed unexpectedly'),
    });
  }

  start(): void {
    this.loop.start();
    this.deliveries.start();
    const every = Math.min(3_600_000, Math.max(1000, Math.floor(this.options.expiryMs / 4)));
    this.expiryTimer = setInterval(() => void this.expire().catch((err: Error) => this.ports.logger.warn({ err: err.message }, 'removing expired exports failed')), every);
    this.expiryTimer.unref();
  }

  notify(): void {
    this.loop.notify();
    this.deliveries.notify();
  }

  async stop(): Promise<void> {
    if (this.expiryTimer) clearInterval(this.expiryTimer);
    for (const c of this.running.values()) c.abort();
    await Promise.all([this.loop.stop(), this.deliveries.stop()]);
  }

  private async runOne(job: ExportJob): Promise<void> {
    const { exports, audit, logger } = this.ports;
    if (job.attempts > this.options.maxAttempts) {
      await exports.finish(job.id, this.owner, { status: 'failed', error: `interrupted ${job.attempts - 1} times (the process running it stopped); request it again` }, new Date());
      await audit.record({ action: 'export.failed', outcome: 'failed', actor: systemActor, project: job.project, target: job.id, details: { attempts: job.attempts - 1 } });
      return;
    }
    const controller = new AbortController();
    this.running.set(job.id, controller);
    await audit.record({ action: 'export.running', actor: systemActor, project: job.project, target: job.id, details: { attempt: job.attempts, worker: this.owner } });
    const lease = keepLease(() => exports.renew(job.id, this.owner, this.options.leaseMs, new Date()), this.options.leaseMs, () => controller.abort());
    try {
      const project = await this.ports.projects.find(job.project);
      if (!project) throw new Error(`project ${job.project} no longer exists`);
      await mkdir(exportsDir(this.ports.dataDir), { recursive: true });
      await this.ports.move?.start();
      const participants = job.spec.filter.participants?.length ? job.spec.filter.participants : undefined;
      const outcome = await runExport(
        {
          id: job.id,
          project: job.project,
          destination: project.destination,
          callingAet: this.ports.callingAet,
          spec: job.spec,
          records: await this.ports.records.list(job.project, participants ? { participants } : undefined),
          workDir: exportWorkDir(this.ports.dataDir, job.id),
          outFile: exportFile(this.ports.dataDir, job.id),
          minFreeBytes: this.options.minFreeBytes,
          parallelRetrievals: this.ports.parallelRetrievals,
          move: this.ports.move,
          retrieveWith: this.ports.movePacs?.includes(project.destination.aet) ? 'move' : 'get',
          // Checked again here: an approval withdrawn after the request fails the export, saying why.
          birthYears: await birthYearsForRun(project, job.spec, this.ports.birthYears),
        },
        async (p) => {
          if (!(await exports.progress(job.id, this.owner, p, new Date()))) controller.abort();
        },
        controller.signal,
      );
      const expiresAt = new Date(Date.now() + this.options.expiryMs).toISOString();
      if (!(await exports.finish(job.id, this.owner, { status: 'done', error: null, files: outcome.files, bytes: outcome.bytes, sha256: outcome.sha256, expiresAt, ...(job.spec.outbox ? { deliverTo: job.spec.outbox } : {}) }, new Date()))) {
        await rm(exportFile(this.ports.dataDir, job.id), { force: true });
        return;
      }
      await audit.record({ action: 'export.done', actor: systemActor, project: job.project, target: job.id, details: { files: outcome.files, bytes: outcome.bytes, instances: outcome.instances, unconverted: outcome.unconverted.length, sha256: outcome.sha256 } });
      logger.info({ export: job.id, files: outcome.files, bytes: outcome.bytes }, 'export done');
      if (job.spec.outbox) this.deliveries.notify();
    } catch (err) {
      const message = (err as Error).message;
      if (this.loop.stopped && controller.signal.aborted && !lease.lost) {
        await exports.release(job.id, this.owner, new Date());
        return;
      }
      if (lease.lost || (await exports.get(job.id))?.status !== 'running') return; // cancelled or taken over
      await exports.finish(job.id, this.owner, { status: 'failed', error: message }, new Date());
      await audit.record({ action: 'export.failed', outcome: 'failed', actor: systemActor, project: job.project, target: job.id, details: { error: message } });
      logger.warn({ export: job.id, error: message }, 'export failed');
    } finally {
      lease.stop();
      this.running.delete(job.id);
    }
  }

  /** Uploads a done export to its outbox and verifies it there; the export stays done whatever happens. */
  private async deliverOne(job: ExportJob): Promise<void> {
    const { exports, audit, logger } = this.ports;
    const delivery = job.delivery!;
    const fail = async (error: string) => {
      if (!(await exports.finishDelivery(job.id, this.owner, { status: 'failed', error }, new Date()))) return;
      await audit.record({ action: 'export.delivery.failed', outcome: 'failed', actor: systemActor, project: job.project, target: job.id, details: { outbox: delivery.outbox, error } });
      logger.warn({ export: job.id, outbox: delivery.outbox, error }, 'export delivery failed');
    };
    if (delivery.attempts > this.options.maxAttempts) return fail(`interrupted ${delivery.attempts - 1} times (the process delivering it stopped); deliver it again`);
    const outbox = this.ports.outboxes[delivery.outbox];
    if (!outbox) return fail(`no outbox named ${delivery.outbox} is configured`);
    const controller = new AbortController();
    this.running.set(`delivery:${job.id}`, controller);
    const lease = keepLease(() => exports.renewDelivery(job.id, this.owner, this.options.leaseMs, new Date()), this.options.leaseMs, () => controller.abort());
    try {
      const name = `${job.project}-export-${job.id}.zip`;
      const done = await deliverToSftp(outbox, exportFile(this.ports.dataDir, job.id), name, { bytes: job.bytes, sha256: job.sha256 ?? '' }, controller.signal);
      if (!(await exports.finishDelivery(job.id, this.owner, { status: 'delivered', error: null, remotePath: done.remotePath }, new Date()))) return;
      await audit.record({ action: 'export.delivered', actor: systemActor, project: job.project, target: job.id, details: { outbox: outbox.name, host: `${outbox.host}:${outbox.port}`, user: outbox.username, remotePath: done.remotePath, bytes: done.bytes, sha256: done.sha256, hostKey: done.hostKey } });
      logger.info({ export: job.id, outbox: outbox.name, remotePath: done.remotePath }, 'export delivered');
    } catch (err) {
      if (this.deliveries.stopped && controller.signal.aborted && !lease.lost) {
        await exports.releaseDelivery(job.id, this.owner, new Date());
        return;
      }
      if (lease.lost) return;
      await fail((err as Error).message);
    } finally {
      lease.stop();
      this.running.delete(`delivery:${job.id}`);
    }
  }

  /** Removes the files of exports whose time is up and marks them expired. */
  async expire(now = new Date()): Promise<number> {
    const due = await this.ports.exports.expiredBefore(now);
    for (const job of due) {
      await rm(exportFile(this.ports.dataDir, job.id), { force: true });
      await this.ports.exports.setStatus(job.id, 'expired', now);
      await this.ports.audit.record({ action: 'export.expired', actor: systemActor, project: job.project, target: job.id });
    }
    return due.length;
  }
}
