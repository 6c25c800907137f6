// Refused instances on both engines: one row per project and instance, opened again with the new reason when
// refused again; decisions; the excluded and unresolved instances of a study; resolved when sent; counts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../../test/support/databases.js';
import type { Db } from '../../platform/db/database.js';
import { refusalsRepository, type NewRefusal, type RefusalsRepository } from './refusals-repository.js';

describe.each(engines)('refusals repository on $engine', ({ create }) => {
  let db: Db & { drop(): Promise<void> };
  let repo: RefusalsRepository;
  const t0 = new Date('2026-01-01T10:00:00Z');

  beforeEach(async () => {
    db = await openTestDb(create);
    repo = refusalsRepository(db);
    const now = t0.toISOString();
    await db.kysely
      .insertInto('projects')
      .values({ name: 'RefTest', description: '', rek_number: null, start_date: null, end_date: null, principal_investigator: null, participant_pattern: 'P\\d+', events: '["baseline"]', destination_aet: 'X', destination_host: 'localhost', destination_port: 104, destination_dicomweb_url: null, deid_options: '{}', auto_id_rule: null, status: 'active', created_at: now, updated_at: now })
      .execute();
  });
  afterEach(async () => db.drop());

  const refusal = (sop: string, study = '1.2.3'): NewRefusal => ({ project: 'RefTest', transferId: null, studyInstanceUid: study, seriesInstanceUid: `${study}.1`, sopInstanceUid: sop, code: 'verifier-hit', reason: 'identifying value at (0029,1010)', places: [{ tagPath: '(0029,1010)', privateTag: '0029,ACME,10' }] });

  it('keeps one row per instance; a decision, then a refusal again opens it with the new reason', async () => {
    const first = await repo.open(refusal('1.2.3.1.1'), t0);
    expect(first).toMatchObject({ status: 'open', decision: null, places: [{ tagPath: '(0029,1010)', privateTag: '0029,ACME,10' }] });
    await repo.decide([first.id], 'decided', { kind: 'option', changes: { keepOverlays: false } }, 'dana', t0);
    expect(await repo.get(first.id)).toMatchObject({ status: 'decided', decision: { kind: 'option', changes: { keepOverlays: false } }, decidedBy: 'dana' });
    const again = await repo.open({ ...refusal('1.2.3.1.1'), reason: 'identifying value at (0008,1090)', places: [] }, new Date(t0.getTime() + 1000));
    expect(again).toMatchObject({ id: first.id, status: 'open', reason: 'identifying value at (0008,1090)', places: [], decision: null, decidedBy: null });
    expect(await repo.list('RefTest')).toHaveLength(1);
  });

  it('knows what a study excluded and what waits; sending resolves; counts what is open per project', async () => {
    const [a, b] = [await repo.open(refusal('1.2.3.1.1'), t0), await repo.open(refusal('1.2.3.1.2'), t0)];
    await repo.open(refusal('4.5.6.1.1', '4.5.6'), t0);
    expect((await repo.counts(['RefTest', 'Other'])).get('RefTest')).toBe(3);
    await repo.decide([a.id], 'excluded', { kind: 'exclude' }, 'dana', t0);
    await repo.decide([b.id], 'decided', { kind: 'private-tag', privateTag: '0029,ACME,10', allow: false }, 'dana', t0);
    expect([...(await repo.excluded('RefTest', '1.2.3'))]).toEqual(['1.2.3.1.1']);
    expect([...(await repo.unresolved('RefTest', '1.2.3'))]).toEqual(['1.2.3.1.2']);
    await repo.resolve('RefTest', ['1.2.3.1.1', '1.2.3.1.2'], t0);
    // An exclusion stays an exclusion; the decided one was sent.
    expect((await repo.get(a.id))!.status).toBe('excluded');
    expect((await repo.get(b.id))!.status).toBe('resolved');
    expect((await repo.list('RefTest', { status: 'open' })).map((r) => r.sopInstanceUid)).toEqual(['4.5.6.1.1']);
    expect((await repo.counts(['RefTest'])).get('RefTest')).toBe(1);
  });
});
