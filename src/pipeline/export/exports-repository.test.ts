// Export jobs and leases on both engines: one worker per export, an expired lease taken over (a crash),
// a cancel that the running worker notices, expiry, versioned layouts, and deliveries to an outbox with
// their own lease (a crash mid-upload taken over; no expiry while one uploads).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../../test/support/databases.js';
import type { Db } from '../../platform/db/database.js';
import { exportsRepository, type ExportsRepository } from './exports-repository.js';

describe.each(engines)('exports repository on $engine', ({ create }) => {
  let db: Db & { drop(): Promise<void> };
  let repo: ExportsRepository;
  const t0 = new Date('2026-01-01T10:00:00Z');
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
  const spec = { format: 'zip' as const, layout: '{participant}/{instanceNumber}.dcm', filter: {}, transforms: {} };

  beforeEach(async () => {
    db = await openTestDb(create);
    repo = exportsRepository(db);
    const now = t0.toISOString();
    await db.kysely
      .insertInto('projects')
      .values({ name: 'ExpRepo', description: '', rek_number: null, start_date: null, end_date: null, principal_investigator: null, participant_pattern: 'P\\d+', events: '["baseline"]', destination_aet: 'X', destination_host: 'localhost', destination_port: 104, destination_dicomweb_url: null, deid_options: '{}', auto_id_rule: null, status: 'active', created_at: now, updated_at: now })
      .execute();
  });
  afterEach(async () => db.drop());

  it('gives an export to one worker, hands it to another when the lease runs out, and ends it once', async () => {
    const job = await repo.create({ project: 'ExpRepo', requestedBy: null, requestedByName: 'test', spec }, t0);
    expect(await repo.countActive('ExpRepo')).toBe(1);
    const [a, b] = await Promise.all([repo.claim('w1', 10_000, at(1)), repo.claim('w2', 10_000, at(1))]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect(a ?? b).toMatchObject({ id: job.id, status: 'running', attempts: 1, spec });
    const first = (a ?? b)!.leaseOwner!;
    expect(await repo.claim('w3', 10_000, at(5))).toBeUndefined();
    const taken = await repo.claim('w3', 10_000, at(12));
    expect(taken).toMatchObject({ id: job.id, leaseOwner: 'w3', attempts: 2 });
    expect(await repo.renew(job.id, first, 10_000, at(13))).toBe(false);
    expect(await repo.progress(job.id, first, { instancesTotal: 4, instancesDone: 2, files: 2 }, at(13))).toBe(false);
    expect(await repo.progress(job.id, 'w3', { instancesTotal: 4, instancesDone: 2, files: 2 }, at(13))).toBe(true);
    expect(await repo.finish(job.id, first, { status: 'done', error: null }, at(14))).toBe(false);
    expect(await repo.finish(job.id, 'w3', { status: 'done', error: null, files: 6, bytes: 5_000_000_000, sha256: 'ab', expiresAt: at(100).toISOString() }, at(14))).toBe(true);
    expect(await repo.get(job.id)).toMatchObject({ status: 'done', instancesDone: 4, files: 6, bytes: 5_000_000_000, sha256: 'ab' });
    expect(await repo.countActive('ExpRepo')).toBe(0);
    expect(await repo.expiredBefore(at(99))).toEqual([]);
    expect((await repo.expiredBefore(at(100))).map((j) => j.id)).toEqual([job.id]);
  });

  it('cancels a running export so its worker loses the lease', async () => {
    const job = await repo.create({ project: 'ExpRepo', requestedBy: null, requestedByName: 'test', spec }, t0);
    await repo.claim('w1', 10_000, at(1));
    expect(await repo.cancel(job.id, at(2))).toBe(true);
    expect(await repo.renew(job.id, 'w1', 10_000, at(3))).toBe(false);
    expect(await repo.cancel(job.id, at(4))).toBe(false);
    expect(await repo.get(job.id)).toMatchObject({ status: 'cancelled' });
    expect(await repo.claim('w2', 10_000, at(60))).toBeUndefined();
  });

  it('delivers a done export once per request, hands a dead delivery over, and does not expire it mid-upload', async () => {
    const job = await repo.create({ project: 'ExpRepo', requestedBy: null, requestedByName: 'test', spec }, t0);
    expect(await repo.requestDelivery(job.id, 'repo', at(1))).toBe(false); // not done yet
    await repo.claim('w1', 10_000, at(1));
    await repo.finish(job.id, 'w1', { status: 'done', error: null, files: 1, bytes: 10, sha256: 'ab', expiresAt: at(30).toISOString() }, at(2));
    expect((await repo.get(job.id))?.delivery).toBeNull();
    expect(await repo.requestDelivery(job.id, 'repo', at(3))).toBe(true);
    expect((await repo.get(job.id))?.delivery).toMatchObject({ outbox: 'repo', status: 'pending', attempts: 0 });
    const [a, b] = await Promise.all([repo.claimDelivery('d1', 10_000, at(4)), repo.claimDelivery('d2', 10_000, at(4))]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    const first = a ? 'd1' : 'd2';
    expect(await repo.requestDelivery(job.id, 'repo', at(5))).toBe(false); // one under way
    expect(await repo.claimDelivery('d3', 10_000, at(8))).toBeUndefined();
    expect(await repo.expiredBefore(at(31))).toEqual([]); // not while uploading
    const taken = await repo.claimDelivery('d3', 10_000, at(15));
    expect(taken?.delivery).toMatchObject({ status: 'delivering', attempts: 2 });
    expect(await repo.renewDelivery(job.id, first, 10_000, at(16))).toBe(false);
    expect(await repo.finishDelivery(job.id, first, { status: 'delivered', error: null, remotePath: '/x' }, at(16))).toBe(false);
    expect(await repo.finishDelivery(job.id, 'd3', { status: 'failed', error: 'host key' }, at(17))).toBe(true);
    expect((await repo.get(job.id))?.delivery).toMatchObject({ status: 'failed', error: 'host key', remotePath: null });
    expect(await repo.requestDelivery(job.id, 'other', at(18))).toBe(true);
    await repo.claimDelivery('d4', 10_000, at(19));
    expect(await repo.finishDelivery(job.id, 'd4', { status: 'delivered', error: null, remotePath: '/out/x.zip' }, at(20))).toBe(true);
    expect((await repo.get(job.id))?.delivery).toMatchObject({ outbox: 'other', status: 'delivered', error: null, remotePath: '/out/x.zip', deliveredAt: at(20).toISOString() });
    expect((await repo.get(job.id))?.status).toBe('done');

    // A run that ends done with an outbox queues its delivery in the same statement.
    const second = await repo.create({ project: 'ExpRepo', requestedBy: null, requestedByName: 'test', spec: { ...spec, outbox: 'repo' } }, at(21));
    await repo.claim('w5', 10_000, at(22));
    await repo.finish(second.id, 'w5', { status: 'done', error: null, files: 1, bytes: 1, sha256: 'cd', deliverTo: 'repo' }, at(23));
    expect((await repo.get(second.id))?.delivery).toMatchObject({ outbox: 'repo', status: 'pending', attempts: 0 });
  });

    it('keeps every saved layout as a version', async () => {
    await repo.saveLayout('ExpRepo', '{participant}/{instanceNumber}.dcm', {}, null, t0);
    await repo.saveLayout('ExpRepo', '{participant}/{event}/{instanceNumber}.dcm', { cleanSeriesDescription: true }, null, at(1));
    expect((await repo.layouts('ExpRepo')).map((l) => [l.version, l.template, l.transforms])).toEqual([
      [2, '{participant}/{event}/{instanceNumber}.dcm', { cleanSeriesDescription: true }],
      [1, '{participant}/{instanceNumber}.dcm', {}],
    ]);
  });
});
