// The loop of a durable-work worker (transfers, routing): claim a due row, run it, and when nothing is due
// wait — until told that work was queued (event-driven), until the next retry is due, or at most the poll
// interval (work queued by other processes).
export interface ClaimLoopOptions<T> {
  /** Loops running at once. */
  concurrency: number;
  /** Longest wait before looking again (default 2 s). */
  pollMs?: number;
  claim(): Promise<T | undefined>;
  run(item: T): Promise<void>;
  /** The soonest retry of waiting work (ISO time), so a retry is not late by up to a poll interval. */
  nextDue(): Promise<string | undefined>;
  onError(err: Error, during: 'claim' | 'run', item?: T): void;
}

export class ClaimLoop<T> {
  private stopping = false;
  private loops: Promise<void>[] = [];
  private wake: (() => void)[] = [];

  constructor(private readonly options: ClaimLoopOptions<T>) {}

  start(): void {
    this.stopping = false;
    for (let i = 0; i < this.options.concurrency; i++) this.loops.push(this.loop());
  }

  /** Work was queued: wake the idle loops now. */
  notify(): void {
    for (const w of this.wake.splice(0)) w();
  }

  get stopped(): boolean {
    return this.stopping;
  }

  /** Stop claiming; resolves when the runs under way have ended. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.notify();
    await Promise.all(this.loops);
    this.loops = [];
  }

  private idle(): Promise<void> {
    return new Promise<void>((resolve) => {
      const poll = this.options.pollMs ?? 2000;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(finish, poll);
      this.wake.push(finish);
      this.options
        .nextDue()
        .then((next) => {
          if (!next || done) return;
          const wait = Date.parse(next) - Date.now();
          if (wait < poll) {
            clearTimeout(timer);
            setTimeout(finish, Math.max(0, wait) + 5);
          }
        })
        .catch(() => {});
    });
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let item: T | undefined;
      try {
        item = await this.options.claim();
      } catch (err) {
        this.options.onError(err as Error, 'claim');
      }
      if (item === undefined) {
        if (!this.stopping) await this.idle();
        continue;
      }
      const claimed = item;
      await this.options.run(claimed).catch((err: Error) => this.options.onError(err, 'run', claimed));
    }
  }
}

/** Exponential backoff: base, 2×base, 4×base … up to max, by the attempt that failed (1-based). */
export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
}
