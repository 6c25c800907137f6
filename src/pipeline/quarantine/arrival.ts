// A study counts as arrived after a quiet period with no new instance (16 s by default, as the original).
// The watcher looks at the index, not at memory, so a restart or a second receiver process changes
// nothing: whoever marks the row first raises the event, exactly once per arrival. Marking the row also
// makes the study due for routing (durably, in the same statement); the event only wakes the routing worker
// sooner. A series that comes later re-opens the study (the index clears arrived_at) and it arrives again.
import type { Logger } from '../../platform/logger.js';
import type { QuarantineRepository } from './repository.js';

export interface ArrivalWatcherOptions {
  quarantine: Pick<QuarantineRepository, 'studiesGoneQuiet' | 'markArrived'>;
  quietSeconds: number;
  logger: Logger;
  onArrived: (studyInstanceUid: string) => void | Promise<void>;
  now?: () => number;
}

export class ArrivalWatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: ArrivalWatcherOptions) {}

  start(): void {
    this.stopped = false;
    // Checking at a quarter of the quiet period keeps the delay close to what was configured.
    const interval = Math.max(100, Math.min(1000, (this.options.quietSeconds * 1000) / 4));
    this.timer = setInterval(() => void this.check(), interval);
    this.timer.unref();
    void this.check();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass: mark every study that has gone quiet; returns the ones this pass marked. */
  check(): Promise<string[]> {
    if (this.running) return this.running.then(() => []);
    const pass = this.pass();
    this.running = pass.then(
      () => undefined,
      () => undefined,
    );
    return pass.finally(() => {
      this.running = undefined;
    });
  }

  private async pass(): Promise<string[]> {
    const now = this.options.now?.() ?? Date.now();
    const quietBefore = new Date(now - this.options.quietSeconds * 1000).toISOString();
    const marked: string[] = [];
    try {
      for (const uid of await this.options.quarantine.studiesGoneQuiet(quietBefore)) {
        if (this.stopped) break;
        if (await this.options.quarantine.markArrived(uid, quietBefore, new Date(now).toISOString())) {
          marked.push(uid);
          this.options.logger.info({ studyInstanceUid: uid }, 'study arrived');
          try {
            await this.options.onArrived(uid);
          } catch (err) {
            this.options.logger.error({ studyInstanceUid: uid, err }, 'study-arrived handler failed');
          }
        }
      }
    } catch (err) {
      this.options.logger.error({ err }, 'arrival check failed');
    }
    return marked;
  }
}
