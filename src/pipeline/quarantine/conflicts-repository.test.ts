// The conflicts table and the instance hash columns on both engines (the migration, the look-ups the
// receiver makes, and the claim that keeps two admins from resolving one conflict twice).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../../test/support/databases.js';
import type { Db } from '../../platform/db/database.js';
import { conflictsRepository, type ConflictsRepository, type NewConflict } from './conflicts-repository.js';
import { quarantineRepository } from './repository.js';

const conflict = (id: string, sha: string): NewConflict => ({
  id,
  sopInstanceUid: '1.2.3.1.1.1',
  sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
  transferSyntaxUid: '1.2.840.10008.1.2.1',
  studyInstanceUid: '1.2.3.9',
  seriesInstanceUid: '1.2.3.9.1',
  existingStudyInstanceUid: '1.2.3',
  existingSeriesInstanceUid: '1.2.3.1',
  facts: { accessionNumber: 'ACC1', instanceNumber: '2' },
  path: `/data/conflicts/${id}.dcm`,
  sizeBytes: 5000,
  datasetBytes: 4800,
  contentSha256: sha,
  callingAet: 'MODALITY',
  sourceAddress: '127.0.0.1',
  receivedAt: `2026-12-01T10:00:0${id.slice(-1)}.000Z`,
});

describe.each(engines)('conflicting copies on $engine', ({ create }) => {
  let db: Db & { drop(): Promise<void> };
  let repo: ConflictsRepository;
  beforeAll(async () => {
    db = await openTestDb(create);
    repo = conflictsRepository(db);
  });
  afterAll(async () => db.drop());

  it('finds the quarantined copy, with its size and hash once recorded', async () => {
    const header = { sopClassUid: '1.2.840.10008.5.1.4.1.1.2', sopInstanceUid: '1.2.3.1.1.1', studyInstanceUid: '1.2.3', seriesInstanceUid: '1.2.3.1', instanceNumber: '1', patient: {}, study: {}, series: {} };
    await quarantineRepository(db).index([{ header, transferSyntaxUid: '1.2.840.10008.1.2.1', path: '/q/a.dcm', sizeBytes: 5000, datasetBytes: 4800, callingAet: 'M', sourceAddress: '', receivedAt: '2026-12-01T09:00:00.000Z' }]);
    expect(await repo.existingInstance('1.2.3.1.1.1')).toMatchObject({ path: '/q/a.dcm', studyInstanceUid: '1.2.3', datasetBytes: 4800, contentSha256: null, instanceNumber: '1' });
    await repo.recordHash('1.2.3.1.1.1', 4800, 'ab'.repeat(32));
    expect((await repo.existingInstance('1.2.3.1.1.1'))?.contentSha256).toBe('ab'.repeat(32));
    expect(await repo.existingInstance('9.9.9')).toBeUndefined();
  });

  it('keeps conflicts, lists them, and lets exactly one resolution through', async () => {
    await repo.add(conflict('00000000-0000-4000-8000-000000000001', 'cd'.repeat(32)));
    await repo.add(conflict('00000000-0000-4000-8000-000000000002', 'ef'.repeat(32)));
    expect((await repo.list({ status: 'open' })).map((c) => c.id)).toEqual(['00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001']);
    expect(await repo.findKeptCopy('1.2.3.1.1.1', 'cd'.repeat(32))).toMatchObject({ facts: { instanceNumber: '2' }, sizeBytes: 5000 });
    expect(await repo.resolve('00000000-0000-4000-8000-000000000001', 'kept-first', 'admin', '2026-12-01T11:00:00.000Z')).toBe(true);
    expect(await repo.resolve('00000000-0000-4000-8000-000000000001', 'took-new', 'other', '2026-12-01T11:00:01.000Z')).toBe(false);
    expect(await repo.findKeptCopy('1.2.3.1.1.1', 'cd'.repeat(32))).toBeUndefined();
    expect(await repo.resolve('00000000-0000-4000-8000-000000000002', 'kept-both', 'admin', '2026-12-01T11:00:00.000Z')).toBe(true);
    expect(await repo.keptPaths()).toEqual(new Set(['/data/conflicts/00000000-0000-4000-8000-000000000002.dcm']));
    await repo.reopen('00000000-0000-4000-8000-000000000002');
    expect((await repo.get('00000000-0000-4000-8000-000000000002'))?.status).toBe('open');
  });
});
