// The routing worker: routes studies that arrived (known assignments, derived UID, coupling list, auto-ID;
// see routing-service.ts). It claims each study with a lease, so a crash between arrival and routing — or
// during routing — only delays it, and several processes can share the work. Woken at once when a study
// arrives in this process, else when a retry is due, else at the poll interval (arrivals marked by other
// processes). A failure is kept on the study (GET /api/studies, `fiona studies`), logged, and retried with
// backoff until routing succeeds.
import type { Logger } from '../../platform/logger.js';
import { backoffMs, ClaimLoop } from '../../platform/jobs/claim-loop.js';
import { keepLease, workerId } from '../../platform/jobs/lease.js';
import type { RoutingClaim, StudyRoutingRepository } from './study-routing-repository.js';

export interface RoutingWorkerPorts {
  queue: StudyRoutingRepository;
  /** Route one arrived study; resolves to the number of transfers it queued. */
  route(studyInstanceUid: string): Promise<number>;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}

export interface RoutingWorkerOptions {
  leaseMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  pollMs?: number;
  owner?: string;
}

export class RoutingWorker {
  readonly owner: string;
  private readonly loop: ClaimLoop<RoutingClaim>;

  constructor(
    private readonly ports: RoutingWorkerPorts,
    private readonly options: RoutingWorkerOptions,
  ) {
    this.owner = options.owner ?? workerId();
    this.loop = new ClaimLoop<RoutingClaim>({
      concurrency: 1,
      pollMs: options.pollMs,
      claim: () => ports.queue.claim(this.owner, options.leaseMs, new Date()),
      run: (claim) => this.runOne(claim),
      nextDue: () => ports.queue.nextDue(),
      onError: (err, during, claim) => ports.logger.error({ err: err.message, study: claim?.studyInstanceUid }, during === 'claim' ? 'could not claim a study for routing' : 'routing run failed unexpectedly'),
    });
  }

  start(): void {
    this.loop.start();
  }

  /** A study arrived: route it now. */
  notify(): void {
    this.loop.notify();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  private async runOne(claim: RoutingClaim): Promise<void> {
    const { queue, logger } = this.ports;
    const uid = claim.studyInstanceUid;
    const lease = keepLease(() => queue.renew(uid, this.owner, this.options.leaseMs, new Date()), this.options.leaseMs, () =>
      logger.warn({ study: uid }, 'lost the lease on routing a study; another worker takes over'),
    );
    try {
      let failure: { error: string; nextTryAt: string } | null = null;
      try {
        const transfers = await this.ports.route(uid);
        logger.info({ study: uid, transfers }, transfers > 0 ? 'study routed' : 'study left in the quarantine (no assignment, coupling list or auto-ID rule matched)');
      } catch (err) {
        if (this.loop.stopped) {
          await queue.release(uid, this.owner, new Date());
          return;
        }
        const nextTryAt = new Date(Date.now() + backoffMs(claim.attempts, this.options.retryBaseMs, this.options.retryMaxMs)).toISOString();
        failure = { error: (err as Error).message, nextTryAt };
        logger.warn({ study: uid, attempt: claim.attempts, err: failure.error, nextTryAt }, 'routing a study failed; it is tried again');
      }
      if (!lease.lost) await queue.finish(uid, this.owner, failure, new Date());
    } finally {
      lease.stop();
    }
  }
}
