// Index writes in batches: instances stored at about the same time (several associations) share one
// transaction, and each waits until its own row is committed before the sender hears Success.
import type { IndexRecord, QuarantineRepository } from './repository.js';

interface Pending {
  record: IndexRecord;
  resolve: () => void;
  reject: (err: Error) => void;
}

export interface IndexBatcherOptions {
  maxBatch?: number;
  /** How long a lone record waits for company; small, since the sender is waiting for our answer. */
  lingerMs?: number;
  onCommitted?: (records: IndexRecord[]) => void;
}

export class IndexBatcher {
  private queue: Pending[] = [];
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly maxBatch: number;
  private readonly lingerMs: number;

  constructor(
    private readonly quarantine: Pick<QuarantineRepository, 'index'>,
    private readonly options: IndexBatcherOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 256;
    this.lingerMs = options.lingerMs ?? 0;
  }

  add(record: IndexRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.flushing || this.timer) return;
    if (this.queue.length >= this.maxBatch || this.lingerMs === 0) {
      this.timer = setImmediate(() => {
        this.timer = undefined;
        void this.flush();
      }) as unknown as NodeJS.Timeout;
    } else {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.flush();
      }, this.lingerMs);
    }
  }

  private async flush(): Promise<void> {
    if (this.flushing || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.maxBatch);
    this.flushing = (async () => {
      try {
        await this.quarantine.index(batch.map((p) => p.record));
        for (const p of batch) p.resolve();
        this.options.onCommitted?.(batch.map((p) => p.record));
      } catch (err) {
        // One bad row must not fail the instances stored beside it: try each alone.
        if (batch.length === 1) batch[0].reject(err as Error);
        else
          for (const p of batch) {
            try {
              await this.quarantine.index([p.record]);
              p.resolve();
              this.options.onCommitted?.([p.record]);
            } catch (single) {
              p.reject(single as Error);
            }
          }
      }
    })();
    await this.flushing;
    this.flushing = undefined;
    if (this.queue.length) this.schedule();
  }

  /** Waits until everything queued so far is committed. */
  async drain(): Promise<void> {
    while (this.queue.length || this.flushing) {
      if (this.flushing) await this.flushing;
      else await this.flush();
    }
  }
}
