// The retention job: on a schedule (and at once when told the disk is filling), under a job lock so one
// node runs it, it removes the studies planRetention picks — each removal audited with the study UID and
// the reason. Ages are measured on the database's clock, so a jump of this machine's clock removes nothing
// early. A study that arrives again after its removal is received as new.
import { systemActor, type Audit } from '../../platform/audit/audit.js';
import type { Logger } from '../../platform/logger.js';
import type { StudyRemoval } from '../quarantine/removal.js';
import { freePercent, planRetention, type DiskSpace, type Removal, type RetentionRules } from './policy.js';

export interface HoldFacts {
  hold: string | null;
  assigned: boolean;
  confirmedAt: string | null;
}

export interface RetentionPorts {
  removal: StudyRemoval;
  /** What routing and forwarding say keeps each study (transfers not done, pixel reviews waiting). */
  holds(studyInstanceUids: string[]): Promise<Map<string, HoldFacts>>;
  disk(): Promise<DiskSpace>;
  /** The database's clock. */
  now(): Promise<Date>;
  /** Takes (or keeps) the job lock for this long; false when another node holds it. */
  lock(holdMs: number): Promise<boolean>;
  audit: Audit;
  logger: Logger;
}

export interface RetentionOptions extends RetentionRules {
  intervalMs: number;
}

export interface RetentionStatus {
  freeBytes: number;
  totalBytes: number;
  freePercent: number;
  minFreePercent: number;
  /** Days since the oldest study in the quarantine was received (null: empty). */
  oldestStudyAgeDays: number | null;
}

export class RetentionJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<Removal[]> | undefined;
  private again = false;

  constructor(
    private readonly ports: RetentionPorts,
    private readonly options: RetentionOptions,
  ) {}

  start(): void {
    void this.runNow();
    if (this.options.intervalMs > 0) {
      this.timer = setInterval(() => void this.runNow(), this.options.intervalMs);
      this.timer.unref();
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.again = false;
    await this.running?.catch(() => undefined);
  }

  /** Runs now (or right after the run under way); never throws: a failed run is logged and tried next time. */
  runNow(): Promise<Removal[]> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.runOnce()
      .catch((err: Error) => {
        this.ports.logger.warn({ err: err.message }, 'retention run failed');
        return [] as Removal[];
      })
      .finally(() => {
        this.running = undefined;
        if (this.again && this.timer) {
          this.again = false;
          void this.runNow();
        }
      });
    return this.running;
  }

  /** One run: what was removed. */
  async runOnce(): Promise<Removal[]> {
    const { ports, options } = this;
    if (!(await ports.lock(Math.max(60_000, options.intervalMs)))) return [];
    await ports.removal.sweep();
    const now = await ports.now();
    const studies = await ports.removal.candidates();
    const holds = await ports.holds(studies.map((s) => s.studyInstanceUid));
    const plan = planRetention(
      studies.map((s) => {
        const facts = holds.get(s.studyInstanceUid) ?? { hold: null, assigned: false, confirmedAt: null };
        return { ...s, hold: s.hold ?? facts.hold, assigned: facts.assigned, confirmedAt: facts.confirmedAt };
      }),
      options,
      now,
      await ports.disk(),
    );
    const removed: Removal[] = [];
    for (const r of plan) {
      const outcome = await ports.removal.remove(r.studyInstanceUid, r.lastReceivedAt);
      if (!outcome.removed) continue; // more arrived meanwhile: it stays, and counts as new again
      removed.push(r);
      await ports.audit.record({ action: 'study.remove', actor: systemActor, target: r.studyInstanceUid, details: { reason: r.reason, instances: outcome.instances, sizeBytes: r.sizeBytes, ageDays: r.ageDays } });
    }
    if (removed.length > 0) ports.logger.info({ studies: removed.length, bytes: removed.reduce((s, r) => s + r.sizeBytes, 0) }, 'retention removed studies from the quarantine');
    return removed;
  }

  async status(): Promise<RetentionStatus> {
    const [disk, oldest, now] = await Promise.all([this.ports.disk(), this.ports.removal.oldestReceivedAt(), this.ports.now()]);
    return {
      ...disk,
      freePercent: freePercent(disk),
      minFreePercent: this.options.minFreePercent,
      oldestStudyAgeDays: oldest ? Math.round(((now.getTime() - Date.parse(oldest)) / 86_400_000) * 10) / 10 : null,
    };
  }
}
