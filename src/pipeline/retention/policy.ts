// Which quarantined studies retention removes (pure; the job gathers the facts). Studies go when they have
// been kept long enough — confirmed by the research PACS for `confirmedDays`, never assigned for
// `unassignedDays` — and, while less than `minFreePercent` of the disk is free, the oldest confirmed
// studies go first, then the oldest unassigned ones. A study with a hold (a transfer not done, an
// assignment not yet sent, a pixel review waiting, routing under way, an open conflict) never goes.

export interface RetentionRules {
  unassignedDays: number;
  confirmedDays: number;
  minFreePercent: number;
}

export interface RetentionCandidate {
  studyInstanceUid: string;
  lastReceivedAt: string;
  sizeBytes: number;
  /** Why it must stay; null when nothing keeps it. */
  hold: string | null;
  /** Assigned to at least one project. */
  assigned: boolean;
  /** When the research PACS last confirmed its last transfer (null: not every assignment confirmed). */
  confirmedAt: string | null;
}

export type RemovalReason = 'confirmed-expired' | 'unassigned-expired' | 'disk-space';

export interface Removal {
  studyInstanceUid: string;
  lastReceivedAt: string;
  sizeBytes: number;
  reason: RemovalReason;
  /** Whole days since it was received (unassigned) or confirmed. */
  ageDays: number;
}

export interface DiskSpace {
  freeBytes: number;
  totalBytes: number;
}

const DAY = 86_400_000;

export function planRetention(candidates: RetentionCandidate[], rules: RetentionRules, now: Date, disk: DiskSpace): Removal[] {
  const age = (iso: string) => (now.getTime() - Date.parse(iso)) / DAY;
  const confirmed = candidates
    .filter((c) => c.hold === null && c.assigned && c.confirmedAt !== null)
    .map((c) => ({ c, since: c.confirmedAt! }))
    .sort((a, b) => a.since.localeCompare(b.since));
  const unassigned = candidates
    .filter((c) => c.hold === null && !c.assigned)
    .map((c) => ({ c, since: c.lastReceivedAt }))
    .sort((a, b) => a.since.localeCompare(b.since));

  const out: Removal[] = [];
  const take = (c: RetentionCandidate, since: string, reason: RemovalReason) =>
    out.push({ studyInstanceUid: c.studyInstanceUid, lastReceivedAt: c.lastReceivedAt, sizeBytes: c.sizeBytes, reason, ageDays: Math.floor(age(since)) });
  const rest: Array<{ c: RetentionCandidate; since: string }> = [];
  for (const x of confirmed) {
    if (age(x.since) >= rules.confirmedDays) take(x.c, x.since, 'confirmed-expired');
    else rest.push(x);
  }
  const restUnassigned: Array<{ c: RetentionCandidate; since: string }> = [];
  for (const x of unassigned) {
    if (age(x.since) >= rules.unassignedDays) take(x.c, x.since, 'unassigned-expired');
    else restUnassigned.push(x);
  }

  // Keep minFreePercent of the disk free: count what the expiries free, then the oldest confirmed, then unassigned.
  let missing = (disk.totalBytes * rules.minFreePercent) / 100 - disk.freeBytes - out.reduce((sum, r) => sum + r.sizeBytes, 0);
  for (const x of [...rest, ...restUnassigned]) {
    if (missing <= 0) break;
    take(x.c, x.since, 'disk-space');
    missing -= x.c.sizeBytes;
  }
  return out;
}

/** Share of the disk that is free, in percent (one decimal). */
export function freePercent(disk: DiskSpace): number {
  return disk.totalBytes > 0 ? Math.round((disk.freeBytes / disk.totalBytes) * 1000) / 10 : 100;
}
