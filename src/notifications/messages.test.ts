// Notices from audit events: which events make a message, for whom, and that nothing the audit details
// carry about a study (UIDs, participant IDs, error texts that may quote values) reaches the message.
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../platform/audit/audit.js';
import { approvalNotice, digestMessage, noticeFor } from './messages.js';

const system = { userId: null, username: null, via: 'system' as const };
const now = new Date('2026-12-06T10:00:00Z');
const SECRET = ['1.2.826.0.1.3680043.9.7433.1.99', 'P-001', 'Nordmann', 'ACC123'];
const details = { study: SECRET[0], participant: SECRET[1], error: `refused: PatientName ${SECRET[2]} accession ${SECRET[3]}` };
const text = (n: ReturnType<typeof noticeFor>) => `${n?.subject}\n${n?.body}`;

describe('noticeFor', () => {
  it('a done transfer: study arrived, with counts only', () => {
    const n = noticeFor({ action: 'transfer.done', actor: system, project: 'Proj1', target: 't1', details: { ...details, sent: 4, confirmed: 4 } }, now);
    expect(n?.audience).toEqual({ kind: 'study-arrived', project: 'Proj1' });
    expect(n?.body).toContain('4 instances sent, 4 confirmed');
    for (const s of SECRET) expect(text(n)).not.toContain(s);
  });

  it('a failed transfer mails once a day per transfer; held instances are a pixel review instead', () => {
    const failed = noticeFor({ action: 'transfer.failed', outcome: 'failed', actor: system, project: 'Proj1', target: 't1', details: { ...details, sent: 0, refused: 2, attempt: 3, nextTryAt: '2026-12-06T10:01:00Z' } }, now);
    expect(failed).toMatchObject({ audience: { kind: 'transfer-failed', project: 'Proj1' }, dedupeKey: 'transfer-failed:t1:2026-12-06' });
    expect(failed?.body).toContain('attempt 3');
    const held = noticeFor({ action: 'transfer.failed', outcome: 'failed', actor: system, project: 'Proj1', target: 't1', details: { ...details, heldForReview: 2 } }, now);
    expect(held).toMatchObject({ audience: { kind: 'pixel-review', project: 'Proj1' } });
    expect(held?.body).toContain('2 instances of a study for project Proj1 wait');
    for (const s of SECRET) expect(text(failed) + text(held)).not.toContain(s);
  });

  it('a transfer waiting for review mails pixel review when instances are held, else the refusals on the Review page', () => {
    const held = noticeFor({ action: 'transfer.review', actor: system, project: 'Proj1', target: 't1', details: { ...details, refused: 2, heldForReview: 2 } }, now);
    expect(held).toMatchObject({ audience: { kind: 'pixel-review', project: 'Proj1' } });
    const refused = noticeFor({ action: 'transfer.review', actor: system, project: 'Proj1', target: 't1', details: { ...details, refused: 3 } }, now);
    expect(refused).toMatchObject({ audience: { kind: 'transfer-failed', project: 'Proj1' }, dedupeKey: 'transfer-review:t1:2026-12-06' });
    expect(refused?.body).toContain('3 instances');
    expect(refused?.body).toContain('Review page');
    for (const s of SECRET) expect(text(held) + text(refused)).not.toContain(s);
  });

  it('reconciliation mails only with a mismatch', () => {
    const event = (mismatched: number): AuditEvent => ({ action: 'project.reconcile', actor: system, project: 'Proj1', details: { studies: 5, mismatched } });
    expect(noticeFor(event(0), now)).toBeUndefined();
    expect(noticeFor(event(2), now)).toMatchObject({ audience: { kind: 'reconcile-mismatch', project: 'Proj1' } });
  });

  it('applications and access requests go to admins, owners and the user concerned; denied actions and other events to nobody', () => {
    const alice = { userId: 'u1', username: 'alice', via: 'session' as const };
    expect(noticeFor({ action: 'application.submit', actor: alice, project: 'NewProj' }, now)?.audience).toEqual({ admins: true });
    expect(noticeFor({ action: 'application.decline', actor: system, project: 'NewProj', details: { applicant: 'alice', reason: 'no' } }, now)).toMatchObject({ audience: { username: 'alice' } });
    expect(noticeFor({ action: 'access.request', actor: alice, project: 'Proj1' }, now)?.audience).toEqual({ owners: 'Proj1' });
    expect(noticeFor({ action: 'access.approve', actor: system, project: 'Proj1', target: 'alice', details: { role: 'viewer' } }, now)?.body).toContain('with the role viewer');
    expect(noticeFor({ action: 'access.request', outcome: 'denied', actor: alice, project: 'Proj1' }, now)).toBeUndefined();
    expect(noticeFor({ action: 'study.assign', actor: alice, project: 'Proj1', target: SECRET[0], details }, now)).toBeUndefined();
  });
});

describe('approval warnings and digests', () => {
  it('says how long is left, one dedupe key per project, end date and step', () => {
    expect(approvalNotice('Proj1', '2027-01-05', 30, 30)).toMatchObject({ subject: '[Fiona] Ethics approval of Proj1 ends in 30 days', dedupeKey: 'approval:Proj1:2027-01-05:30' });
    expect(approvalNotice('Proj1', '2026-12-01', 0, -5).subject).toBe('[Fiona] Ethics approval of Proj1 has ended');
  });

  it('a digest lists each message with its time', () => {
    const d = digestMessage([{ subject: '[Fiona] A', body: 'one', createdAt: '2026-12-06T08:15:00.000Z' }, { subject: '[Fiona] B', body: 'two', createdAt: '2026-12-06T09:00:00.000Z' }]);
    expect(d.subject).toBe('[Fiona] Daily digest: 2 notifications');
    expect(d.body).toBe('2026-12-06 08:15 UTC: A\none\n\n2026-12-06 09:00 UTC: B\ntwo');
  });
});
