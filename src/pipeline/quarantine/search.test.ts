// Free-text search of the Assign list answers from a trigram index (pg_trgm on PostgreSQL, FTS5 on SQLite;
// see the study-search migration) and must return exactly what the plain LIKEs over the same columns do,
// in the same order and pages: substrings inside words, any case, % _ \ and " taken literally, texts too
// short for a trigram, common texts (the SQLite path falls back to the newest-first scan), and rows kept
// in step when studies are added, changed and removed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createPostgresDatabase, engines, openTestDb, POSTGRES_ADMIN_URL } from '../../../test/support/databases.js';
import { openDatabase, type Db } from '../../platform/db/database.js';
import type { InstanceHeader } from './header.js';
import { quarantineRepository, type IndexRecord, type QuarantineRepository } from './repository.js';

const DESCRIPTIONS = ['MR HEAD', 'CT Thorax w/ contrast', 'Knee_L 50% dose', 'PET\\CT whole body', 'say "cheese"', 'Ørebro hjerte', 'THORAX', 'headache follow-up', 'x_9 phantom', 'abdomen'];
const STATIONS = ['MRI-3T', 'CT01', 'US-A', null];

function record(i: number, extra: Partial<InstanceHeader['study']> = {}, modality = 'CT'): IndexRecord {
  const study = `1.2.840.99.${i}`;
  return {
    header: {
      sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
      sopInstanceUid: `${study}.1.1`,
      studyInstanceUid: study,
      seriesInstanceUid: `${study}.1`,
      patient: { id: `PAT${i}`, name: 'Doe^Jane' },
      study: { accessionNumber: `AC${String(i).padStart(4, '0')}`, description: DESCRIPTIONS[i % DESCRIPTIONS.length], stationName: STATIONS[i % STATIONS.length] ?? undefined, institutionName: i % 2 ? 'Haukeland' : 'St. Olav', date: `2024${String((i % 12) + 1).padStart(2, '0')}15`, ...extra },
      series: { modality, number: '1' },
    },
    transferSyntaxUid: '1.2.840.10008.1.2.1',
    path: `/q/${study}.dcm`,
    sizeBytes: 1000,
    callingAet: 'MODALITY',
    sourceAddress: '127.0.0.1',
    // Some share a time, so the order's second key (the study UID) matters too.
    receivedAt: new Date(Date.UTC(2026, 10, 1) + Math.floor(i / 2) * 60_000).toISOString(),
  };
}

describe.each(engines)('study free-text search on $engine', ({ create }) => {
  let db: Db & { drop(): Promise<void> };
  let q: QuarantineRepository;
  const searched = ['accession_number', 'study_description', 'station_name', 'institution_name', 'modalities', 'study_instance_uid', 'study_date'];

  /** The reference: the plain LIKEs, written out here, newest first, every row. */
  async function plainLike(text: string): Promise<string[]> {
    const like = `%${text.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const where = sql.join(searched.map((c) => sql`lower(${sql.ref(c)}) like ${like} escape '\\'`), sql` or `);
    const { rows } = await sql<{ study_instance_uid: string }>`select study_instance_uid from studies where ${where} order by last_received_at desc, study_instance_uid desc`.execute(db.kysely);
    return rows.map((r) => r.study_instance_uid);
  }
  const search = async (text: string, limit = 5000) => (await q.listStudyViews({ search: text, limit })).map((s) => s.studyInstanceUid);

  beforeAll(async () => {
    db = await openTestDb(create);
    q = quarantineRepository(db);
    await q.index(Array.from({ length: 120 }, (_, i) => record(i)));
  });
  afterAll(async () => db.drop());

  it('returns the same rows as the plain LIKEs, in the same order', async () => {
    const texts = ['ead', 'HEAD', 'head', 'thorax', 'hora', 'w/ con', 'knee_l', 'e_l', '50%', '0% d', '%', '_', 'x_9', 'x%9', '\\', 'pet\\ct', 't\\c', '"cheese"', 'y "c', '"', 'haukeland', 'ST. OLAV', 'mri-3t',
      'ac0042', 'c004', '1.2.840.99.7', '99.11', '202403', '0315', 'ct', 'CT', 'h', 'e', 'ac', '4', 'zz', 'zzz', 'no such text', 'ørebro', 'Ørebro', 'rebro', '  head  '];
    for (const text of texts) {
      const expected = await plainLike(text);
      expect({ text, found: await search(text) }).toEqual({ text, found: expected });
    }
    // The reference itself is not empty where a user would expect hits (else the comparison proves little).
    expect((await plainLike('ead')).length).toBe(24); // MR HEAD and headache follow-up, 12 each
    expect(await plainLike('hora')).toHaveLength(24);
    expect(await plainLike('50%')).toHaveLength(12);
    expect(await plainLike('e_l')).toHaveLength(12);
    expect(await plainLike('x%9')).toEqual([]); // % is a character here, not a wildcard
    expect(await plainLike('c004')).toHaveLength(10);
  });

  it('pages a search by cursor, newest first, each study once', async () => {
    for (const text of ['head', 'h', 'haukeland']) {
      const all = await search(text);
      const paged: string[] = [];
      let before: { lastReceivedAt: string; studyInstanceUid: string } | undefined;
      for (;;) {
        const page = await q.listStudyViews({ search: text, limit: 7, before });
        paged.push(...page.map((s) => s.studyInstanceUid));
        if (page.length < 7) break;
        before = { lastReceivedAt: page[6].lastReceivedAt, studyInstanceUid: page[6].studyInstanceUid };
      }
      expect({ text, paged }).toEqual({ text, paged: all });
      expect(all.length).toBeGreaterThan(7);
    }
    // With the other filters and the first page only.
    expect((await q.listStudyViews({ search: 'head', station: 'mri', limit: 3 })).map((s) => s.studyInstanceUid)).toEqual(
      (await plainLike('head')).filter((uid) => Number(uid.split('.').at(-1)) % 4 === 0).slice(0, 3),
    );
  });

  it('keeps the index in step when studies are added, changed and removed', async () => {
    // A late series with another modality changes the study's modalities (a searched column).
    await q.index([{ ...record(3), header: { ...record(3).header, seriesInstanceUid: '1.2.840.99.3.2', sopInstanceUid: '1.2.840.99.3.2.1', series: { modality: 'SEG', number: '2' } } }]);
    expect(await search('seg')).toEqual(['1.2.840.99.3']);
    await sql`update studies set study_description = 'Renamed angiography' where study_instance_uid = '1.2.840.99.5'`.execute(db.kysely);
    expect(await search('angiograph')).toEqual(['1.2.840.99.5']);
    expect(await search('whole body')).toEqual(await plainLike('whole body'));
    expect(await search('whole body')).not.toContain('1.2.840.99.5');
    await q.index([record(500, { description: 'Brand new cardiac' })]);
    expect(await search('cardiac')).toEqual(['1.2.840.99.500']);
    // Sent again: the upsert leaves the search rows as they were (one row per study).
    await q.index([record(500, { description: 'Brand new cardiac' })]);
    expect(await search('cardiac')).toEqual(['1.2.840.99.500']);
    await q.removeStudy('1.2.840.99.500');
    expect(await search('cardiac')).toEqual([]);
    if (db.engine === 'sqlite') {
      const count = async (table: string) => Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db.kysely)).rows[0].n);
      expect(await count('study_search')).toBe(await count('studies'));
      expect(await count('study_search_keys')).toBe(await count('studies'));
    } else {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_indexes where indexname = 'studies_search_trgm'`.execute(db.kysely);
      expect(rows[0].n).toBe(1); // pg_trgm is there (Debian's postgresql ships it)
    }
  });

  it('answers a text common to more studies than the trigram candidates (the newest-first scan) the same way', async () => {
    // 1,100 more studies share "Haukeland": over SQLite's 1,000-candidate limit.
    for (let from = 1000; from < 2100; from += 100) await q.index(Array.from({ length: 100 }, (_, i) => record(from + i, { institutionName: 'Haukeland' })));
    for (const text of ['haukeland', 'aukel', 'head']) {
      expect({ text, found: await search(text, 100) }).toEqual({ text, found: (await plainLike(text)).slice(0, 100) });
    }
    expect(await plainLike('haukeland')).toHaveLength(1100 + 60);
  });
});

describe('study free-text search on PostgreSQL without pg_trgm', () => {
  it('migrates without the trigram index when the extension is refused, warns, and searches the same', async () => {
    // A role that may create tables but not extensions (no CREATE on the database): the migration's
    // savepoint keeps the refusal from aborting the rest.
    const role = `fiona_notrgm_${Math.random().toString(36).slice(2, 8)}`;
    const target = await createPostgresDatabase({ empty: true });
    const name = target.url.split('/').at(-1)!;
    const admin = await openDatabase(target.url, { migrate: false });
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      await sql.raw(`create role ${role} login; grant connect on database ${name} to ${role}; revoke create on database ${name} from public; grant usage, create on schema public to ${role}`).execute(admin.kysely);
      const db = await openDatabase(target.url.replace('postgres@', `${role}@`));
      try {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_indexes where indexname = 'studies_search_trgm'`.execute(db.kysely);
        expect(rows[0].n).toBe(0);
        await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
        expect(warnings.map((w) => w.message).join('\n')).toMatch(/pg_trgm could not be created.*search works without its index/);
        const q = quarantineRepository(db);
        await q.index([record(1), record(2), record(7)]);
        expect((await q.listStudyViews({ search: 'ORAX' })).map((s) => s.studyInstanceUid)).toEqual(['1.2.840.99.1']);
        expect((await q.listStudyViews({ search: 'hauke' })).map((s) => s.studyInstanceUid)).toEqual(['1.2.840.99.7', '1.2.840.99.1']);
      } finally {
        await db.close();
      }
    } finally {
      process.off('warning', onWarning);
      await admin.close();
      await target.drop();
      const cleanup = await openDatabase(POSTGRES_ADMIN_URL, { migrate: false });
      await sql.raw(`drop role if exists ${role}`).execute(cleanup.kysely);
      await cleanup.close();
    }
  });
});
