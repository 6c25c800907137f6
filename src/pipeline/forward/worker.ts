// The transfer worker: claims due transfers with a lease and runs them, a few at a time. It wakes at once
// when told that a transfer was queued (event-driven), else when the next retry is due, else at the poll
// interval (for transfers queued by other processes). Failures back off exponentially and are retried until
// the destination answers; refusals wait for a person. Every state change goes to the audit log.
import { systemActor, type Audit } from '../../platform/audit/audit.js';
import { backoffMs, ClaimLoop } from '../../platform/jobs/claim-loop.js';
import { keepLease, workerId } from '../../platform/jobs/lease.js';
import { tryJobLock } from '../../platform/jobs/job-lock.js';
import type { Db } from '../../platform/db/database.js';
import { runTransfer, type RunnerPorts } from './transfer-runner.js';
import { studyCounts } from './research-pacs.js';
import { recordCheck } from './transfers-service.js';
import type { ImagingRecordsRepository } from './imaging-records-repository.js';
import type { Transfer, TransfersRepository } from './transfers-repository.js';

export interface WorkerOptions {
  concurrency: number;
  leaseMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** How often to look for work queued elsewhere (default 2 s). */
  pollMs?: number;
  /** How often to reconcile every project's research PACS (0: never). */
  reconcileMs: number;
  owner?: string;
}

export interface WorkerPorts extends RunnerPorts {
  transfers: TransfersRepository;
  records: ImagingRecordsRepository;
  audit: Audit;
  /** For the job lock of the scheduled reconciliation (one node per interval). */
  db: Db;
}

export class TransferWorker {
  readonly owner: string;
  private readonly loop: ClaimLoop<Transfer>;
  private readonly running = new Map<string, { aborted: boolean }>();
  private reconcileTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ports: WorkerPorts,
    private readonly options: WorkerOptions,
  ) {
    this.owner = options.owner ?? workerId();
    this.loop = new ClaimLoop<Transfer>({
      concurrency: options.concurrency,
      pollMs: options.pollMs,
      claim: () => ports.transfers.claim(this.owner, options.leaseMs, new Date()),
      run: (transfer) => this.runOne(transfer),
      nextDue: () => ports.transfers.nextDue(),
      onError: (err, during, transfer) =>
        during === 'claim' ? ports.logger.warn({ err: err.message }, 'could not claim a transfer') : ports.logger.error({ err: err.message, transfer: transfer?.id }, 'transfer run failed unexpectedly'),
    });
  }

  start(): void {
    this.loop.start();
    if (this.options.reconcileMs > 0) {
      this.reconcileTimer = setInterval(() => void this.reconcileAll().catch((err: Error) => this.ports.logger.warn({ err: err.message }, 'scheduled reconciliation failed')), this.options.reconcileMs);
      this.reconcileTimer.unref();
    }
  }

  /** A transfer was queued: wake an idle slot now. */
  notify(): void {
    this.loop.notify();
  }

  async stop(): Promise<void> {
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    for (const signal of this.running.values()) signal.aborted = true;
    await this.loop.stop();
  }

  private async runOne(transfer: Transfer): Promise<void> {
    const { transfers, audit, logger } = this.ports;
    const signal = { aborted: false };
    this.running.set(transfer.id, signal);
    await audit.record({ action: 'transfer.running', actor: systemActor, project: transfer.project, target: transfer.id, details: { study: transfer.studyInstanceUid, attempt: transfer.attempts, worker: this.owner } });
    const lease = keepLease(() => transfers.renew(transfer.id, this.owner, this.options.leaseMs, new Date()), this.options.leaseMs, () => {
      signal.aborted = true;
      logger.warn({ transfer: transfer.id }, 'lost the lease on a transfer; another worker takes over');
    });
    try {
      const outcome = await runTransfer(this.ports, transfer, signal);
      if (lease.lost) return;
      if (this.loop.stopped && signal.aborted && outcome.kind === 'retry') {
        await transfers.release(transfer.id, this.owner, new Date());
        return;
      }
      const now = new Date();
      const nextTryAt = outcome.kind === 'retry' ? new Date(now.getTime() + backoffMs(transfer.attempts, this.options.retryBaseMs, this.options.retryMaxMs)).toISOString() : null;
      const finished = await transfers.finish(transfer.id, this.owner, { status: outcome.kind === 'done' ? 'done' : outcome.kind === 'review' ? 'review' : 'failed', error: outcome.error, nextTryAt, confirmed: outcome.confirmed }, now);
      if (!finished) return;
      const details = { study: transfer.studyInstanceUid, toSend: finished.instancesToSend, sent: finished.instancesSent, confirmed: finished.instancesConfirmed, refused: finished.instancesRefused, attempt: transfer.attempts };
      if (finished.status === 'queued') {
        await audit.record({ action: 'transfer.queued', actor: systemActor, project: transfer.project, target: transfer.id, details: { ...details, outcome: 'rerun', previous: outcome.kind } });
        this.notify();
      } else if (finished.status === 'review') {
        await audit.record({ action: 'transfer.review', actor: systemActor, project: transfer.project, target: transfer.id, details: { ...details, error: outcome.error, ...(outcome.heldForReview ? { heldForReview: outcome.heldForReview } : {}) } });
        logger.warn({ transfer: transfer.id, error: outcome.error }, 'transfer waits for review');
      } else if (finished.status === 'done') {
        await audit.record({ action: 'transfer.done', actor: systemActor, project: transfer.project, target: transfer.id, details });
        logger.info({ transfer: transfer.id, ...details }, 'transfer done');
      } else {
        await audit.record({ action: 'transfer.failed', outcome: 'failed', actor: systemActor, project: transfer.project, target: transfer.id, details: { ...details, error: outcome.error, nextTryAt, ...(outcome.heldForReview ? { heldForReview: outcome.heldForReview } : {}) } });
        logger.warn({ transfer: transfer.id, error: outcome.error, nextTryAt }, 'transfer failed');
      }
    } finally {
      lease.stop();
      this.running.delete(transfer.id);
    }
  }

  /** Ask every project's research PACS what it holds of the studies sent to it, under a job lock (one node). */
  async reconcileAll(): Promise<void> {
    // Held for most of the interval and not released: one node per interval runs it.
    const holdMs = Math.max(1000, Math.floor(this.options.reconcileMs * 0.9));
    if (!(await tryJobLock(this.ports.db, 'forward.reconcile', this.owner, holdMs))) return;
    for (const [name, uids] of await this.ports.records.researchStudiesByProject()) {
      const project = await this.ports.projects.find(name);
      if (!project) continue;
      try {
        const counts = await studyCounts(project.destination, this.ports.callingAet, uids);
        const at = new Date().toISOString();
        for (const [uid, c] of counts) await this.ports.records.setChecked(name, uid, c, at);
        // Studies the research PACS holds fewer instances of than were sent (notifications read this count).
        const mismatched = (await this.ports.records.list(name)).filter((r) => recordCheck(r) === 'mismatch').length;
        await this.ports.audit.record({ action: 'project.reconcile', actor: systemActor, project: name, details: { studies: counts.size, mismatched } });
      } catch (err) {
        this.ports.logger.warn({ project: name, err: (err as Error).message }, 'reconciliation of a project failed');
      }
    }
  }
}
