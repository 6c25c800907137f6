// The tag inventory on both engines: counts added in place, values capped per path, new paths reported
// once, filter, sort and acknowledgement.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../../test/support/databases.js';
import type { Db } from '../../platform/db/database.js';
import { DISTINCT_CAP, InventoryAccumulator, flagBit } from '../deid/inventory.js';
import { tagInventoryRepository, type TagInventoryRepository } from './tag-inventory-repository.js';

describe.each(engines)('tag inventory repository on $engine', ({ create }) => {
  let db: Db & { drop(): Promise<void> };
  let repo: TagInventoryRepository;
  const now = new Date('2026-01-01T10:00:00Z');

  beforeEach(async () => {
    db = await openTestDb(create);
    repo = tagInventoryRepository(db);
    const at = now.toISOString();
    await db.kysely
      .insertInto('projects')
      .values({ name: 'InvTest', description: '', rek_number: null, start_date: null, end_date: null, principal_investigator: null, participant_pattern: 'P\\d+', events: '["baseline"]', destination_aet: 'X', destination_host: 'localhost', destination_port: 104, destination_dicomweb_url: null, deid_options: '{}', auto_id_rule: null, status: 'active', created_at: at, updated_at: at })
      .execute();
  });
  afterEach(async () => db.drop());

  const batch = (n: number, from: number) => {
    const acc = new InventoryAccumulator();
    for (let i = 0; i < n; i++) {
      acc.add([
        { path: '(0010,0010)', name: 'PatientName', vr: 'PN', value: 'P1', flags: flagBit('person-name') },
        { path: '(0008,0018)', name: 'SOPInstanceUID', vr: 'UI', value: `1.2.${from + i}`, flags: 0 },
      ]);
    }
    return acc.entries.values();
  };

  it('adds batches in place, caps distinct values, reports new paths once, filters, sorts and acknowledges', async () => {
    expect((await repo.record('InvTest', batch(60, 0), now)).sort()).toEqual(['(0008,0018)', '(0010,0010)']);
    expect(await repo.record('InvTest', batch(60, 60), now)).toEqual([]);
    const extra = new InventoryAccumulator();
    extra.add([{ path: '(0029,"ACME",10)', name: '(0029,"ACME",10)', vr: 'LO', value: 'x', flags: flagBit('private') }]);
    expect(await repo.record('InvTest', extra.entries.values(), now)).toEqual(['(0029,"ACME",10)']);
    const all = await repo.list('InvTest');
    expect(all.total).toBe(3);
    expect(all.rows.map((r) => [r.path, r.instances, r.distinctValues, r.distinctCapped])).toEqual([
      ['(0008,0018)', 120, DISTINCT_CAP, true],
      ['(0010,0010)', 120, 1, false],
      ['(0029,"ACME",10)', 1, 1, false],
    ]);
    expect(all.rows[1]).toMatchObject({ samples: ['P1'], flags: ['person-name'], isNew: true });
    expect(all.rows[0].samples).toHaveLength(5);
    expect((await repo.list('InvTest', { flag: 'private' })).rows.map((r) => r.path)).toEqual(['(0029,"ACME",10)']);
    expect((await repo.list('InvTest', { search: 'patientname' })).rows.map((r) => r.path)).toEqual(['(0010,0010)']);
    expect((await repo.list('InvTest', { sort: 'path' })).rows[0].path).toBe('(0008,0018)');
    expect(all.newPaths).toBe(3);
    expect(await repo.acknowledge('InvTest')).toBe(3);
    expect((await repo.list('InvTest')).newPaths).toBe(0);
  });
});
