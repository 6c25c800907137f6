// Index writes in batches, behind the answer: the sender hears Success once the file is in its final place
// (fsynced with its folder in durable mode), and the index row follows in a transaction shared with the
// instances stored about the same time (several associations). The files are the truth: a crash before the
// commit is healed by recovery at start (recovery.ts), and a commit that fails is retried.
//
// Until its row is committed an instance is *pending*: the receiver asks `pending(uid)` before the database,
// so a resend arriving meanwhile is still recognised (identical, conflict, or the UID in another study).
import type { Logger } from '../../platform/logger.js';
import type { IndexRecord, QuarantineRepository } from './repository.js';

export interface IndexBatcherOptions {
  maxBatch?: number;
  /**
   * How long a queued row waits for others to join its commit (default 100 ms), unless a batch's worth is
   * queued or someone waits for the commit. One sender answers one instance at a time: a commit per instance
   * would run on the event loop between two of its instances (the profile of bench:receive showed the index
   * at a fifth of the receive time). A commit's cost is mostly per statement, not per row (studies, series,
   * counts, begin and commit): with 25 ms a sender at ~300 instances/s shared a commit among ~8 rows and the
   * commits took 15 % of the event loop's CPU (perf, bench:receive); with 100 ms ~30 rows share it.
   */
  gatherMs?: number;
  /** Rows that are flushed at once, without waiting for gatherMs (default 128). */
  flushRows?: number;
  onCommitted?: (records: IndexRecord[]) => void;
  logger?: Pick<Logger, 'error' | 'warn'>;
  /** First wait before a failed row is tried again (doubling up to 30 s). */
  retryMs?: number;
}

export class IndexBatcher {
  private queue: IndexRecord[] = [];
  /** Answered, not yet committed: by SOP Instance UID (the latest copy). */
  private readonly uncommitted = new Map<string, IndexRecord>();
  private flushing: Promise<void> | undefined;
  private scheduled = false;
  private gatherTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelay: number;
  private waiters: Array<{ until: number; resolve: () => void }> = [];
  /** Records handed in so far, and records settled (committed, or given up at drain). */
  private added = 0;
  private settled = 0;
  private readonly maxBatch: number;
  private readonly gatherMs: number;
  private readonly flushRows: number;

  constructor(
    private readonly quarantine: Pick<QuarantineRepository, 'index'>,
    private readonly options: IndexBatcherOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 512;
    this.gatherMs = options.gatherMs ?? 100;
    this.flushRows = Math.min(options.flushRows ?? 128, this.maxBatch);
    this.retryDelay = options.retryMs ?? 1000;
  }

  /** Queues a row; never throws (a failing commit is logged and retried). */
  add(record: IndexRecord): void {
    this.uncommitted.set(record.header.sopInstanceUid, record);
    this.queue.push(record);
    this.added++;
    if (this.queue.length >= this.flushRows || this.gatherMs <= 0) this.schedule();
    else this.gather();
  }

  /** Commits soon, after gatherMs, so the rows of the next instances join this one's. */
  private gather(): void {
    if (this.gatherTimer || this.scheduled || this.flushing || this.retryTimer) return;
    this.gatherTimer = setTimeout(() => {
      this.gatherTimer = undefined;
      this.schedule();
    }, this.gatherMs);
    this.gatherTimer.unref();
  }

  /** The record of an answered instance whose row is not committed yet. */
  pending(sopInstanceUid: string): IndexRecord | undefined {
    return this.uncommitted.get(sopInstanceUid);
  }

  /** Instances answered but not yet in the index. */
  get backlog(): number {
    return this.uncommitted.size;
  }

  /** Resolves once every row handed in before the call is committed (tests, `fiona studies` in process). */
  committed(): Promise<void> {
    const until = this.added;
    if (this.settled >= until) return Promise.resolve();
    // Someone waits: no point gathering more.
    this.schedule();
    return new Promise((resolve) => this.waiters.push({ until, resolve }));
  }

  private schedule(): void {
    if (this.flushing || this.scheduled || this.retryTimer) return;
    if (this.gatherTimer) clearTimeout(this.gatherTimer);
    this.gatherTimer = undefined;
    this.scheduled = true;
    // One turn of the event loop: instances finishing in the same turn (other associations) join the batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private settle(records: IndexRecord[]): void {
    for (const r of records) if (this.uncommitted.get(r.header.sopInstanceUid) === r) this.uncommitted.delete(r.header.sopInstanceUid);
    this.settled += records.length;
    this.waiters = this.waiters.filter((w) => (w.until <= this.settled ? (w.resolve(), false) : true));
  }

  private async commit(batch: IndexRecord[]): Promise<IndexRecord[]> {
    try {
      await this.quarantine.index(batch);
      return [];
    } catch (err) {
      if (batch.length === 1) {
        this.options.logger?.error({ sopInstanceUid: batch[0].header.sopInstanceUid, err: (err as Error).message }, 'index row not committed; will try again (the file is safe in the quarantine)');
        return batch;
      }
      // One bad row must not hold back the instances stored beside it: try each alone.
      const failed: IndexRecord[] = [];
      for (const r of batch) failed.push(...(await this.commit([r])));
      return failed;
    }
  }

  private async flush(): Promise<void> {
    if (this.flushing || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.maxBatch);
    this.flushing = (async () => {
      const failed = await this.commit(batch);
      const done = batch.filter((r) => !failed.includes(r));
      if (done.length) {
        this.settle(done);
        this.options.onCommitted?.(done);
      }
      if (failed.length) {
        this.queue.unshift(...failed);
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          this.schedule();
        }, this.retryDelay);
        this.retryTimer.unref();
        this.retryDelay = Math.min(this.retryDelay * 2, 30_000);
      } else this.retryDelay = this.options.retryMs ?? 1000;
    })();
    await this.flushing;
    this.flushing = undefined;
    if (this.queue.length >= this.flushRows || (this.queue.length && this.waiters.length)) this.schedule();
    else if (this.queue.length) this.gather();
  }

  /**
   * Commits what is queued (at stop). Rows that still fail are given up here: their files are in the
   * quarantine, and recovery indexes them at the next start.
   */
  async drain(): Promise<void> {
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
    }
    if (this.gatherTimer) clearTimeout(this.gatherTimer);
    this.gatherTimer = undefined;
    while (this.flushing) await this.flushing;
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.maxBatch);
      const failed = await this.commit(batch);
      const done = batch.filter((r) => !failed.includes(r));
      if (done.length) this.options.onCommitted?.(done);
      if (failed.length) this.options.logger?.warn({ rows: failed.length }, 'index rows left for recovery at the next start');
      this.settle(batch);
    }
  }
}
