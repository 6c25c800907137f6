// Self-checks, every minute (health.checkSeconds): a C-ECHO to our own listener, the database, the disk,
// work whose lease ran out long ago and the age of the forward queue. Each result is ok, degraded or failed
// with the reason, for /api/health. A listener that does not answer is restarted inside the process; if
// that fails the process exits non-zero, so the service manager (systemd: Restart=on-failure) starts it anew.
import type { Logger } from '../logger.js';

export type CheckStatus = 'ok' | 'degraded' | 'failed';

export interface CheckResult {
  status: CheckStatus;
  reason: string;
  at: string;
}

export const CHECKS = ['listener', 'database', 'disk', 'workers', 'queue'] as const;
export type CheckName = (typeof CHECKS)[number];
export type CheckResults = Record<CheckName, CheckResult>;

export interface SelfCheckPorts {
  /** C-ECHO to our own listener; throws when it does not answer. None: this node has no receiver role. */
  echo?: () => Promise<void>;
  /** Closes the listener (if still open) and opens a new one on the same port. */
  restartListener(): Promise<void>;
  database(): Promise<void>;
  disk(): Promise<{ freeBytes: number; totalBytes: number }>;
  queue(): Promise<{ queueAgeSeconds: number; staleLeases: number }>;
  /** The disk is below its free share: run retention now. */
  diskLow(): void;
  exit(code: number): void;
  logger: Logger;
}

export interface SelfCheckOptions {
  intervalMs: number;
  minFreePercent: number;
  maxQueueAgeSeconds: number;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export class SelfChecks {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<CheckResults> | undefined;
  private last: CheckResults | undefined;
  private stopped = true;

  constructor(
    private readonly ports: SelfCheckPorts,
    private readonly options: SelfCheckOptions,
  ) {}

  /** Starts the schedule; resolves after the first run (so it never overlaps the first senders). */
  start(): Promise<CheckResults> {
    this.stopped = false;
    const first = this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), this.options.intervalMs);
    this.timer.unref();
    return first;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** The last results (undefined before the first run). */
  results(): CheckResults | undefined {
    return this.last;
  }

  runOnce(): Promise<CheckResults> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<CheckResults> {
    const at = () => new Date().toISOString();
    const result = (status: CheckStatus, reason: string): CheckResult => ({ status, reason, at: at() });
    const [listener, database, disk, queue] = await Promise.all([
      this.checkListener(result),
      this.ports.database().then(
        () => result('ok', 'answers'),
        (err) => result('failed', `does not answer: ${message(err)}`),
      ),
      this.ports.disk().then(
        ({ freeBytes, totalBytes }) => {
          const percent = totalBytes > 0 ? (freeBytes / totalBytes) * 100 : 100;
          const text = `${percent.toFixed(1)} % free (${(freeBytes / 1024 ** 3).toFixed(1)} GiB)`;
          if (percent >= this.options.minFreePercent) return result('ok', text);
          this.ports.diskLow();
          return percent < 1 ? result('failed', `${text}: receiving refuses new instances (0xA700) until retention frees space`) : result('degraded', `${text}, below ${this.options.minFreePercent} %: retention removes the oldest studies`);
        },
        (err) => result('failed', `cannot read free space: ${message(err)}`),
      ),
      this.ports.queue().then(
        (q) => q,
        (err: unknown) => err as Error,
      ),
    ]);
    const results: CheckResults = {
      listener,
      database,
      disk,
      workers:
        queue instanceof Error
          ? result('failed', `cannot read the queues: ${queue.message}`)
          : queue.staleLeases > 0
            ? result('degraded', `${queue.staleLeases} transfer(s) or routing(s) marked running whose worker stopped renewing its lease; another worker takes them over`)
            : result('ok', 'no stale leases'),
      queue:
        queue instanceof Error
          ? result('failed', `cannot read the queue: ${queue.message}`)
          : queue.queueAgeSeconds > this.options.maxQueueAgeSeconds
            ? result('degraded', `the oldest transfer due has waited ${Math.round(queue.queueAgeSeconds / 60)} min (more than ${Math.round(this.options.maxQueueAgeSeconds / 60)} min)`)
            : result('ok', queue.queueAgeSeconds > 0 ? `oldest transfer due waited ${Math.round(queue.queueAgeSeconds)} s` : 'nothing waiting'),
    };
    for (const name of CHECKS) if (results[name].status !== 'ok' && this.last?.[name]?.reason !== results[name].reason) this.ports.logger.warn({ check: name, status: results[name].status }, results[name].reason);
    this.last = results;
    return results;
  }

  private async checkListener(result: (status: CheckStatus, reason: string) => CheckResult): Promise<CheckResult> {
    const echo = this.ports.echo;
    if (!echo) return result('ok', 'no DICOM listener on this node (not a receiver)');
    try {
      await echo();
      return result('ok', 'answers C-ECHO');
    } catch (err) {
      if (this.stopped) return result('failed', 'stopped');
      const why = message(err);
      this.ports.logger.error({ err: why }, 'the DICOM listener does not answer C-ECHO; restarting it');
      try {
        await this.ports.restartListener();
        await echo();
        return result('degraded', `did not answer C-ECHO (${why}); restarted at ${new Date().toISOString()}`);
      } catch (again) {
        this.ports.logger.fatal({ err: message(again) }, 'the DICOM listener could not be restarted; exiting so the service manager restarts Fiona');
        this.ports.exit(70);
        return result('failed', `did not answer C-ECHO (${why}) and could not be restarted: ${message(again)}`);
      }
    }
  }
}
