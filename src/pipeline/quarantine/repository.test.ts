import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { engines, openTestDb } from '../../../test/support/databases.js';
import type { Db } from '../../platform/db/database.js';
import { silentLogger } from '../../platform/logger.js';
import { ArrivalWatcher } from './arrival.js';
import type { InstanceHeader } from './header.js';
import { IndexBatcher } from './index-batcher.js';
import { quarantineRepository, type IndexRecord, type QuarantineRepository } from './repository.js';

function record(study: string, series: string, sop: string, extra: Partial<InstanceHeader['study']> = {}, modality = 'CT', at = '2026-11-27T10:00:00.000Z'): IndexRecord {
  return {
    header: {
      sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
      sopInstanceUid: sop,
      studyInstanceUid: study,
      seriesInstanceUid: series,
      patient: { id: 'PAT001', name: 'Doe^Jane' },
      study: { accessionNumber: `ACC-${study}`, description: 'CT THORAX', stationName: 'CT01', institutionName: 'Haukeland', date: '20240229', ...extra },
      series: { modality, number: '1' },
    },
    transferSyntaxUid: '1.2.840.10008.1.2.1',
    path: `/q/${sop}.dcm`,
    sizeBytes: 1000,
    callingAet: 'MODALITY',
    sourceAddress: '127.0.0.1',
    receivedAt: at,
  };
}

describe.each(engines)('quarantine index on $engine', ({ create }) => {
  let db: Db & { drop(): Promise<void> };
  let q: QuarantineRepository;
  beforeAll(async () => {
    db = await openTestDb(create);
    q = quarantineRepository(db);
  });
  afterAll(async () => db.drop());

  it('indexes a batch with the right counts per study and series', async () => {
    await q.index([record('1.1', '1.1.1', '1.1.1.1'), record('1.1', '1.1.1', '1.1.1.2'), record('1.1', '1.1.2', '1.1.2.1', {}, 'PR'), record('1.2', '1.2.1', '1.2.1.1')]);
    const study = await q.getStudy('1.1');
    expect(study).toMatchObject({ seriesCount: 2, instanceCount: 3, sizeBytes: 3000, modalities: ['CT', 'PR'], accessionNumber: 'ACC-1.1', callingAet: 'MODALITY' });
    expect((await q.listSeries('1.1')).map((s) => [s.seriesInstanceUid, s.instanceCount])).toEqual([
      ['1.1.1', 2],
      ['1.1.2', 1],
    ]);
    expect(await q.count()).toMatchObject({ studies: 2, series: 3, instances: 4 });
  });

  it('is idempotent when an instance is sent again', async () => {
    await q.index([record('1.1', '1.1.1', '1.1.1.1', {}, 'CT', '2026-11-27T10:05:00.000Z')]);
    expect(await q.getStudy('1.1')).toMatchObject({ instanceCount: 3, lastReceivedAt: '2026-11-27T10:05:00.000Z', receivedAt: '2026-11-27T10:00:00.000Z' });
    expect(await q.listInstances('1.1')).toHaveLength(3);
  });

  it('finds studies by accession, description and station, newest first', async () => {
    await q.index([record('1.3', '1.3.1', '1.3.1.1', { accessionNumber: 'XR_99%', description: 'MR HEAD', stationName: 'MRI-3T' }, 'MR', '2026-11-27T11:00:00.000Z')]);
    expect((await q.listStudyViews()).map((s) => s.studyInstanceUid)).toEqual(['1.3', '1.1', '1.2']);
    expect((await q.listStudyViews({ search: 'xr_99%' })).map((s) => s.studyInstanceUid)).toEqual(['1.3']);
    expect((await q.listStudyViews({ search: 'head' })).map((s) => s.studyInstanceUid)).toEqual(['1.3']);
    expect((await q.listStudyViews({ search: 'mri-3t' })).map((s) => s.studyInstanceUid)).toEqual(['1.3']);
    expect(await q.listStudyViews({ search: 'x_9' })).toEqual([]);
    expect((await q.listStudyViews({ since: '2026-11-27T10:30:00.000Z' })).map((s) => s.studyInstanceUid)).toEqual(['1.3']);
    // Views never carry the patient's identity, though the index holds it (routing reads it: auto-ID).
    expect((await q.getStudy('1.3'))?.patientName).toBe('Doe^Jane');
    const shown = JSON.stringify([...(await q.listStudyViews()), await q.getStudyView('1.3')]);
    expect(shown).toContain('MR HEAD');
    expect(shown).not.toMatch(/PAT001|Doe\^Jane|patient/i);
  });

  it('filters by accession, date range, modality, description, station and assignment, and pages by a cursor', async () => {
    const uids = async (filter: Parameters<QuarantineRepository['listStudyViews']>[0]) => (await q.listStudyViews(filter)).map((s) => s.studyInstanceUid);
    await q.index([record('1.4', '1.4.1', '1.4.1.1', { accessionNumber: 'ACC-4', description: 'CT ABDOMEN', stationName: 'CT02', date: '20250110' }, 'CT', '2026-11-27T09:00:00.000Z')]);
    expect(await uids({ accession: 'ACC-1.1' })).toEqual(['1.1']);
    expect(await uids({ accession: 'ACC-1' })).toEqual([]); // exact, not a substring
    expect(await uids({ dateFrom: '20250101' })).toEqual(['1.4']);
    expect(await uids({ dateTo: '20241231' })).toEqual(['1.3', '1.1', '1.2']);
    expect(await uids({ modality: 'pr' })).toEqual(['1.1']);
    expect(await uids({ modality: 'C' })).toEqual([]); // a whole modality, not a part of one
    expect(await uids({ modality: 'CT', description: 'abdomen' })).toEqual(['1.4']);
    expect(await uids({ station: 'mri' })).toEqual(['1.3']);
    await sql`insert into projects (name, participant_pattern, events, destination_aet, destination_host, destination_port, deid_options, created_at, updated_at) values ('P1', 'P', '[]', 'X', 'h', 1, '{}', '2026-01-01', '2026-01-01')`.execute(db.kysely);
    await sql`insert into assignments (study_instance_uid, project_name, participant_id, event_name, source, assigned_at) values ('1.1', 'P1', 'P', 'e', 'person', '2026-01-01')`.execute(db.kysely);
    expect(await uids({ assigned: true })).toEqual(['1.1']);
    expect(await uids({ assigned: false })).toEqual(['1.3', '1.2', '1.4']);
    // Pages by the last study shown, newest first, with nothing skipped or repeated.
    const all = await uids({});
    const first = await q.listStudyViews({ limit: 2 });
    const second = await uids({ limit: 2, before: { lastReceivedAt: first[1].lastReceivedAt, studyInstanceUid: first[1].studyInstanceUid } });
    expect([...first.map((s) => s.studyInstanceUid), ...second]).toEqual(all);
    // Leave the index as the next test expects it.
    await q.removeStudy('1.4');
    await sql`delete from projects where name = 'P1'`.execute(db.kysely);
  });

  it('marks studies arrived after the quiet period, once, and re-opens them for late series', async () => {
    let now = Date.parse('2026-11-27T11:00:10.000Z');
    const arrived: string[] = [];
    const watcher = new ArrivalWatcher({ quarantine: q, quietSeconds: 16, logger: silentLogger, now: () => now, onArrived: (uid) => void arrived.push(uid) });
    expect((await q.getStudyView('1.1'))?.routing).toBeNull();
    await watcher.check();
    expect(arrived.sort()).toEqual(['1.1', '1.2']);
    // Arrival and "due for routing" are one write: no crash can fall between them.
    expect((await q.getStudyView('1.1'))?.routing).toMatchObject({ status: 'pending', attempts: 0, error: null });
    now += 10_000;
    await watcher.check();
    expect(arrived.sort()).toEqual(['1.1', '1.2', '1.3']);
    await watcher.check();
    expect(arrived).toHaveLength(3);
    // A late series re-opens the study; it arrives again after the next quiet period.
    await q.index([record('1.1', '1.1.9', '1.1.9.1', {}, 'MR', new Date(now).toISOString())]);
    expect((await q.getStudy('1.1'))?.arrivedAt).toBeNull();
    await watcher.check();
    expect(arrived).toHaveLength(3);
    now += 17_000;
    await watcher.check();
    expect(arrived.slice(3)).toEqual(['1.1']);
    expect((await q.getStudy('1.1'))?.seriesCount).toBe(3);
  });

  it('batches index writes behind the answer, and keeps them pending until committed', async () => {
    const committed: number[] = [];
    const batcher = new IndexBatcher(q, { onCommitted: (records) => committed.push(records.length) });
    for (let i = 0; i < 50; i++) batcher.add(record('1.4', '1.4.1', `1.4.1.${i + 1}`));
    expect(batcher.pending('1.4.1.7')?.path).toContain('1.4.1.7');
    expect(batcher.backlog).toBe(50);
    await batcher.committed();
    expect(committed.reduce((a, b) => a + b, 0)).toBe(50);
    expect(committed.length).toBeLessThan(50);
    expect(batcher.pending('1.4.1.7')).toBeUndefined();
    expect((await q.getStudy('1.4'))?.instanceCount).toBe(50);
  });

  it('gathers the rows of instances answered one after another (one sender) into one commit', async () => {
    const committed: number[] = [];
    const batcher = new IndexBatcher(q, { gatherMs: 200, onCommitted: (records) => committed.push(records.length) });
    // Five instances a few milliseconds apart, as one association sends them: each answered on its own turn.
    for (let i = 0; i < 5; i++) {
      batcher.add(record('1.6', '1.6.1', `1.6.1.${i + 1}`));
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(committed).toEqual([]);
    expect(batcher.pending('1.6.1.5')).toBeDefined();
    // Someone waiting for the rows does not wait for the gathering time.
    const started = Date.now();
    await batcher.committed();
    expect(Date.now() - started).toBeLessThan(150);
    expect(committed).toEqual([5]);
    expect((await q.getStudy('1.6'))?.instanceCount).toBe(5);
  });

  it('retries a commit that failed, and the row stays pending meanwhile', async () => {
    let failures = 2;
    const flaky = { index: (records: Parameters<typeof q.index>[0]) => (failures-- > 0 ? Promise.reject(new Error('database unavailable')) : q.index(records)) };
    const batcher = new IndexBatcher(flaky, { retryMs: 10 });
    batcher.add(record('1.5', '1.5.1', '1.5.1.1'));
    await new Promise((r) => setTimeout(r, 5));
    expect(batcher.pending('1.5.1.1')).toBeDefined();
    await batcher.committed();
    expect(failures).toBe(-1);
    expect(batcher.pending('1.5.1.1')).toBeUndefined();
    expect((await q.getStudy('1.5'))?.instanceCount).toBe(1);
  });
});
