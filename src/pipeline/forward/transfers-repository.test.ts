// Transfers and leases on both engines: one row per study and project, claims that never hand the same
// transfer to two workers, expired leases taken over, reruns, resend, retry timing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../../test/support/databases.js';
import type { Db } from '../../platform/db/database.js';
import { transfersRepository, type TransfersRepository } from './transfers-repository.js';
import { tryJobLock } from '../../platform/jobs/job-lock.js';

describe.each(engines)('transfers repository on $engine', ({ create }) => {
  let db: Db & { drop(): Promise<void> };
  let repo: TransfersRepository;
  const t0 = new Date('2026-01-01T10:00:00Z');
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

  beforeEach(async () => {
    db = await openTestDb(create);
    repo = transfersRepository(db);
    const now = t0.toISOString();
    await db.kysely
      .insertInto('projects')
      .values({ name: 'RepoTest', description: '', rek_number: null, start_date: null, end_date: null, principal_investigator: null, participant_pattern: 'P\\d+', events: '["baseline"]', destination_aet: 'X', destination_host: 'localhost', destination_port: 104, destination_dicomweb_url: null, deid_options: '{}', auto_id_rule: null, status: 'active', created_at: now, updated_at: now })
      .execute();
  });
  afterEach(async () => db.drop());

  const request = (study: string) => repo.request({ studyInstanceUid: study, project: 'RepoTest', participant: 'P1', event: 'baseline' }, t0);

  it('keeps one transfer per study and project; a request while running asks for a rerun', async () => {
    const first = await request('1.2.3');
    expect(first.outcome).toBe('created');
    expect((await request('1.2.3')).outcome).toBe('unchanged');
    const claimed = await repo.claim('w1', 10_000, at(1));
    expect(claimed).toMatchObject({ id: first.transfer.id, status: 'running', leaseOwner: 'w1', attempts: 1 });
    expect((await request('1.2.3')).outcome).toBe('rerun');
    const finished = await repo.finish(first.transfer.id, 'w1', { status: 'done', error: null, nextTryAt: null, confirmed: 3 }, at(2));
    expect(finished).toMatchObject({ status: 'queued', attempts: 0 });
    expect(await repo.list({ projects: ['RepoTest'] })).toHaveLength(1);
  });

  it('never gives one transfer to two workers, and takes over an expired lease', async () => {
    for (const uid of ['1.1', '1.2', '1.3']) await request(uid);
    const claims = await Promise.all(['a', 'b', 'c', 'd'].map((w) => repo.claim(w, 5_000, at(1))));
    const ids = claims.filter(Boolean).map((c) => c!.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect(await repo.claim('e', 5_000, at(2))).toBeUndefined();
    expect(await repo.renew(ids[0], claims.find((c) => c?.id === ids[0])!.leaseOwner!, 5_000, at(3))).toBe(true);
    const taken = await repo.claim('e', 5_000, at(7));
    expect(taken).toBeDefined();
    expect(taken!.id).not.toBe(ids[0]);
    expect(taken!.attempts).toBe(2);
    const loser = claims.find((c) => c?.id === taken!.id)!.leaseOwner!;
    expect(await repo.renew(taken!.id, loser, 5_000, at(8))).toBe(false);
    expect(await repo.finish(taken!.id, loser, { status: 'done', error: null, nextTryAt: null, confirmed: 0 }, at(8))).toBeUndefined();
  });

  it('retries a failed transfer when its next try comes, and resend forgets what was delivered', async () => {
    const { transfer } = await request('9.9');
    await repo.claim('w', 5_000, at(1));
    await repo.setToSend(transfer.id, 2, at(1));
    await repo.recordInstances(transfer.id, [
      { sopInstanceUid: 'a', status: 'sent', researchSopUid: 'ra', researchSeriesUid: 'rs', reason: null },
      { sopInstanceUid: 'b', status: 'refused', researchSopUid: null, researchSeriesUid: null, reason: 'verifier' },
    ], at(1));
    const failed = await repo.finish(transfer.id, 'w', { status: 'failed', error: 'down', nextTryAt: at(30).toISOString(), confirmed: 0 }, at(2));
    expect(failed).toMatchObject({ status: 'failed', instancesSent: 1, instancesRefused: 1, error: 'down' });
    expect(await repo.nextDue()).toBe(at(30).toISOString());
    expect(await repo.claim('w', 5_000, at(10))).toBeUndefined();
    expect((await repo.claim('w', 5_000, at(31)))?.attempts).toBe(2);
    await repo.finish(transfer.id, 'w', { status: 'failed', error: 'refused', nextTryAt: null, confirmed: 1 }, at(32));
    expect(await repo.claim('w', 5_000, at(100))).toBeUndefined();
    const resent = await repo.resend(transfer.id, at(101));
    expect(resent).toMatchObject({ status: 'queued', instancesSent: 0, attempts: 0, error: null });
    expect(await repo.delivered(transfer.id)).toEqual([]);
  });

  it('lets one node hold a scheduled job lock until it expires', async () => {
    expect(await tryJobLock(db, 'reconcile', 'n1', 10_000, at(0))).toBe(true);
    expect(await tryJobLock(db, 'reconcile', 'n2', 10_000, at(5))).toBe(false);
    expect(await tryJobLock(db, 'reconcile', 'n2', 10_000, at(11))).toBe(true);
  });
});
