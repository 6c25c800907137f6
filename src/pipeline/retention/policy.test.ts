import { describe, expect, it } from 'vitest';
import { planRetention, type RetentionCandidate } from './policy.js';

const rules = { unassignedDays: 14, confirmedDays: 7, minFreePercent: 20 };
const now = new Date('2026-12-20T00:00:00Z');
const study = (uid: string, lastReceivedAt: string, extra: Partial<RetentionCandidate> = {}): RetentionCandidate => ({ studyInstanceUid: uid, lastReceivedAt, sizeBytes: 100, hold: null, assigned: false, confirmedAt: null, ...extra });
const roomy = { freeBytes: 900, totalBytes: 1000 };

describe('planRetention', () => {
  it('expires unassigned studies after 14 days and confirmed ones 7 days after confirmation', () => {
    const plan = planRetention(
      [
        study('u-old', '2026-12-05T23:00:00Z'),
        study('u-young', '2026-12-06T01:00:00Z'),
        study('c-old', '2026-11-01T00:00:00Z', { assigned: true, confirmedAt: '2026-12-12T00:00:00Z' }),
        study('c-young', '2026-11-01T00:00:00Z', { assigned: true, confirmedAt: '2026-12-14T00:00:00Z' }),
        study('assigned-unconfirmed', '2026-01-01T00:00:00Z', { assigned: true }),
      ],
      rules,
      now,
      roomy,
    );
    expect(plan.map((r) => [r.studyInstanceUid, r.reason, r.ageDays])).toEqual([
      ['c-old', 'confirmed-expired', 8],
      ['u-old', 'unassigned-expired', 14],
    ]);
  });

  it('never removes a held study, however old and however full the disk', () => {
    const held = [study('h1', '2020-01-01T00:00:00Z', { hold: 'transfer failed' }), study('h2', '2020-01-01T00:00:00Z', { hold: 'pixel review waiting', assigned: true, confirmedAt: '2020-02-01T00:00:00Z' })];
    expect(planRetention(held, rules, now, { freeBytes: 0, totalBytes: 1000 })).toEqual([]);
  });

  it('frees the disk with the oldest confirmed studies first, then the oldest unassigned, and stops when 20 % are free', () => {
    const plan = planRetention(
      [
        study('u1', '2026-12-18T00:00:00Z'),
        study('u0', '2026-12-17T00:00:00Z'),
        study('c1', '2026-12-18T00:00:00Z', { assigned: true, confirmedAt: '2026-12-19T00:00:00Z' }),
        study('c0', '2026-12-19T00:00:00Z', { assigned: true, confirmedAt: '2026-12-18T00:00:00Z' }),
      ],
      rules,
      now,
      // 250 wanted free, none free: two studies of 100 leave 50 missing, so a third goes.
      { freeBytes: 0, totalBytes: 1250 },
    );
    expect(plan.map((r) => [r.studyInstanceUid, r.reason])).toEqual([
      ['c0', 'disk-space'],
      ['c1', 'disk-space'],
      ['u0', 'disk-space'],
    ]);
    expect(planRetention([study('u', '2026-12-19T00:00:00Z')], rules, now, { freeBytes: 200, totalBytes: 1000 })).toEqual([]);
  });
});
