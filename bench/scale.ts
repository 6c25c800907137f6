// npm run bench:scale — the Assign list with years of arrivals in the index (issue 18): 20,000 studies,
// 40,000 series and 1,000,000 instance rows (rows, not files; half the studies assigned), on SQLite and on
// PostgreSQL. Prints p50/p95 of the list queries the Assign page and API make (first page, the next page
// by cursor deep in the list, exact accession, free-text search — selective, rare, common, short — and the
// same search without the trigram indexes as it ran before them, unassigned only, date range + modality),
// and the start-up time of `fiona serve` (all roles) on the full index against an empty one in the same run.
// BENCH_SCALE_STUDIES (20000) and BENCH_SCALE_ROUNDS (100) change the size and the rounds.
import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../src/platform/db/database.js';
import { loadConfig } from '../src/platform/config.js';
import { silentLogger } from '../src/platform/logger.js';
import { quarantineRepository, type StudyFilter } from '../src/pipeline/quarantine/repository.js';
import { startService } from '../src/service.js';
import { createPostgresDatabase, createSqliteDatabase, type TestDatabase } from '../test/support/databases.js';
import { tempDir } from '../test/support/fiona.js';

const STUDIES = Number(process.env.BENCH_SCALE_STUDIES ?? 20_000);
const SERIES_PER_STUDY = 2;
const INSTANCES_PER_SERIES = 25;
const ROUNDS = Number(process.env.BENCH_SCALE_ROUNDS ?? 100);
const MODALITIES = ['CT', 'MR', 'CR', 'US', 'PT\\CT', 'MR\\SR'];
const STATIONS = ['CT01', 'CT02', 'MRI-3T', 'MRI-1.5T', 'US-A', 'PETCT'];

const pad = (n: number) => String(n).padStart(6, '0');

async function fill(db: Db): Promise<void> {
  const k = db.kysely;
  const start = Date.UTC(2023, 0, 1);
  const span = 3 * 365 * 86_400_000;
  for (let from = 0; from < STUDIES; from += 500) {
    const rows = [];
    for (let i = from; i < Math.min(STUDIES, from + 500); i++) {
      const at = new Date(start + Math.floor((span * i) / STUDIES)).toISOString();
      rows.push({
        study_instance_uid: `1.2.826.0.1.3680043.9.7433.18.${i}`,
        patient_id: `PAT${pad(i)}`,
        patient_name: `Patient^${i}`,
        accession_number: `ACC-${pad(i)}`,
        study_date: at.slice(0, 10).replaceAll('-', ''),
        study_description: `${MODALITIES[i % MODALITIES.length].split('\\')[0]} STUDY ${i % 97}`,
        modalities: MODALITIES[i % MODALITIES.length],
        station_name: STATIONS[i % STATIONS.length],
        institution_name: 'Haukeland',
        calling_aet: 'MODALITY',
        series_count: SERIES_PER_STUDY,
        instance_count: SERIES_PER_STUDY * INSTANCES_PER_SERIES,
        size_bytes: SERIES_PER_STUDY * INSTANCES_PER_SERIES * 500_000,
        first_received_at: at,
        last_received_at: at,
        arrived_at: at,
        routing_status: 'done',
        routed_at: at,
      });
    }
    await k.insertInto('studies').values(rows).execute();
  }
  for (let s = 1; s <= SERIES_PER_STUDY; s++) {
    await sql`insert into series (series_instance_uid, study_instance_uid, series_number, series_description, modality, sop_class_uid, instance_count, first_received_at, last_received_at)
      select study_instance_uid || '.' || ${String(s)}, study_instance_uid, ${String(s)}, 'SERIES', modalities, '1.2.840.10008.5.1.4.1.1.2', ${INSTANCES_PER_SERIES}, first_received_at, last_received_at from studies`.execute(k);
  }
  const numbers = db.engine === 'postgres' ? sql`generate_series(1, ${INSTANCES_PER_SERIES}) as n(i)` : sql`n`;
  const prefix = db.engine === 'postgres' ? sql`` : sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${INSTANCES_PER_SERIES}) `;
  await sql`${prefix}insert into instances (sop_instance_uid, series_instance_uid, study_instance_uid, sop_class_uid, transfer_syntax_uid, instance_number, path, size_bytes, calling_aet, source_address, received_at)
    select s.series_instance_uid || '.' || n.i, s.series_instance_uid, s.study_instance_uid, '1.2.840.10008.5.1.4.1.1.2', '1.2.840.10008.1.2.1', cast(n.i as text),
      '/q/' || s.study_instance_uid || '/' || s.series_instance_uid || '/' || n.i || '.dcm', 500000, 'MODALITY', '10.0.0.1', s.last_received_at
    from series s, ${numbers}`.execute(k);
  // Half the studies are assigned (the Assign page's "unassigned" filter then has to skip them).
  const now = new Date().toISOString();
  await sql`insert into projects (name, participant_pattern, events, destination_aet, destination_host, destination_port, deid_options, created_at, updated_at) values ('BENCH', 'P-\\d+', '["baseline"]', 'PACS', '127.0.0.1', 104, '{}', ${now}, ${now})`.execute(k);
  await sql`insert into assignments (study_instance_uid, project_name, participant_id, event_name, source, assigned_at)
    select study_instance_uid, 'BENCH', 'P-' || substr(accession_number, 5), 'baseline', 'coupling-list', last_received_at from studies where cast(substr(accession_number, 5) as integer) % 2 = 0`.execute(k);
  // What PostgreSQL's autovacuum would have done by now (SQLite plans without statistics).
  // GIN keeps fresh entries in a pending list until autovacuum or autoanalyze merges them (then searches
  // read the index, not the list): merge it as they would have.
  if (db.engine === 'postgres') {
    await sql`analyze`.execute(k);
    await sql`select gin_clean_pending_list(c.oid) from pg_class c where c.relname = 'studies_search_trgm'`.execute(k);
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(db: Db): Promise<Array<{ name: string; p50: number; p95: number; rows: number }>> {
  const q = quarantineRepository(db);
  const middle = (await q.listStudyViews({ limit: 1, offset: Math.floor(STUDIES / 2) }))[0];
  const cases: Array<[string, () => StudyFilter]> = [
    ['first page (100)', () => ({ limit: 100 })],
    ['next page by cursor, mid-list', () => ({ limit: 100, before: { lastReceivedAt: middle.lastReceivedAt, studyInstanceUid: middle.studyInstanceUid } })],
    ['accession (exact)', () => ({ accession: `ACC-${pad(Math.floor(Math.random() * STUDIES))}`, limit: 100 })],
    ['free-text search "STUDY 42"', () => ({ search: 'study 42', limit: 100 })],
    ['free-text, rare (UID part)', () => ({ search: `7433.18.${Math.floor(Math.random() * STUDIES)}`, limit: 100 })],
    ['free-text, common "haukeland"', () => ({ search: 'haukeland', limit: 100 })],
    ['free-text, short "42"', () => ({ search: '42', limit: 100 })],
    ['unassigned, first page', () => ({ assigned: false, limit: 100 })],
    ['date range + modality MR', () => ({ dateFrom: '20240101', dateTo: '20240630', modality: 'MR', limit: 100 })],
  ];
  // What free-text search cost before the trigram indexes (study-search migration), in the same run: the
  // same LIKEs without the trigram table (SQLite) / with bitmap scans off, so pg_trgm goes unused (PostgreSQL).
  const BEFORE = 'before: "STUDY 42", no trigram index';
  const plainSearch = async () => {
    const like = '%study 42%';
    const columns = ['accession_number', 'study_description', 'station_name', 'institution_name', 'modalities', 'study_instance_uid', 'study_date'];
    const query = sql<{ study_instance_uid: string }>`select * from studies where ${sql.join(columns.map((c) => sql`lower(${sql.ref(c)}) like ${like} escape '\\'`), sql` or `)} order by last_received_at desc, study_instance_uid desc limit 100`;
    if (db.engine === 'sqlite') return (await query.execute(db.kysely)).rows;
    return db.kysely.transaction().execute(async (trx) => {
      await sql`set local enable_bitmapscan = off`.execute(trx);
      return (await query.execute(trx)).rows;
    });
  };
  const REFERENCE = 'reference: select 1 (round trip)';
  const times = new Map<string, number[]>([[REFERENCE, []], [BEFORE, []], ...cases.map(([name]) => [name, []] as [string, number[]])]);
  const rows = new Map<string, number>([[REFERENCE, 1]]);
  for (let round = 0; round < ROUNDS + 5; round++) {
    // Alternating cases per round, so load on the machine falls on all of them alike; the reference is the
    // least a query costs on this engine at this moment (the machine is shared and loaded).
    const t = process.hrtime.bigint();
    await sql`select 1`.execute(db.kysely);
    if (round >= 5) times.get(REFERENCE)!.push(Number(process.hrtime.bigint() - t) / 1e6);
    const tb = process.hrtime.bigint();
    const before = await plainSearch();
    if (round >= 5) times.get(BEFORE)!.push(Number(process.hrtime.bigint() - tb) / 1e6);
    rows.set(BEFORE, before.length);
    for (const [name, filter] of cases) {
      const t0 = process.hrtime.bigint();
      const result = await q.listStudyViews(filter());
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (round >= 5) times.get(name)!.push(ms); // the first rounds warm caches and statements
      rows.set(name, result.length);
    }
  }
  if (db.engine === 'postgres') {
    const plan = await sql<{ 'QUERY PLAN': string }>`explain select * from studies where accession_number = 'ACC-000042' order by last_received_at desc, study_instance_uid desc limit 100`.execute(db.kysely);
    console.log(`plan of the accession query: ${plan.rows.map((r) => r['QUERY PLAN'].trim()).filter((l) => /Scan/.test(l)).join(' / ')}`);
  }
  // The same rows with and without the index (the tests check this at small scale; here at full scale).
  const indexed = (await q.listStudyViews({ search: 'study 42', limit: 100 })).map((s) => s.studyInstanceUid);
  if (JSON.stringify(indexed) !== JSON.stringify((await plainSearch()).map((r) => r.study_instance_uid))) throw new Error('free-text search: the indexed rows differ from the plain LIKE rows');
  if (db.engine === 'postgres') {
    const plan = await sql<{ 'QUERY PLAN': string }>`explain select * from studies where lower(study_description) like '%study 42%' or lower(accession_number) like '%study 42%' order by last_received_at desc, study_instance_uid desc limit 100`.execute(db.kysely);
    console.log(`plan of a free-text search: ${plan.rows.map((r) => r['QUERY PLAN'].trim()).filter((l) => /Scan/.test(l)).join(' / ')}`);
  }
  return [REFERENCE, BEFORE, ...cases.map(([name]) => name)].map((name) => {
    const sorted = times.get(name)!.sort((a, b) => a - b);
    return { name, p50: percentile(sorted, 50), p95: percentile(sorted, 95), rows: rows.get(name)! };
  });
}

async function startupMs(url: string): Promise<number> {
  const dataDir = tempDir('fiona-bench-scale-serve-');
  try {
    const config = loadConfig({ env: {}, overrides: { dataDir, 'db.url': url, 'dicom.port': 0, 'dicom.host': '127.0.0.1', 'http.port': 0, 'http.host': '127.0.0.1', 'log.level': 'silent',
      // Retention would start removing the old generated studies (it runs at start); this measures start-up.
      'retention.unassignedDays': 36500, 'retention.confirmedDays': 36500, 'retention.minFreePercent': 0 } });
    const t0 = process.hrtime.bigint();
    const service = await startService(config, silentLogger);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    await service.stop();
    return ms;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function engine(label: string, create: () => Promise<TestDatabase>): Promise<void> {
  const [full, empty] = [await create(), await create()];
  try {
    const db = await openDatabase(full.url);
    const t0 = Date.now();
    try {
      await fill(db);
      const counts = await quarantineRepository(db).count();
      console.log(`\n${label}: filled ${counts.studies} studies, ${counts.series} series, ${counts.instances} instances in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      console.log(`${'query'.padEnd(34)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'rows'.padStart(6)}`);
      for (const r of await measure(db)) console.log(`${r.name.padEnd(34)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${String(r.rows).padStart(6)}`);
    } finally {
      await db.close();
    }
    await (await openDatabase(empty.url)).close();
    // Alternating full and empty, medians of three each.
    const fullTimes: number[] = [];
    const emptyTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      fullTimes.push(await startupMs(full.url));
      emptyTimes.push(await startupMs(empty.url));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1];
    console.log(`fiona serve start-up: ${median(fullTimes).toFixed(0)} ms with the full index, ${median(emptyTimes).toFixed(0)} ms empty (ratio ${(median(fullTimes) / median(emptyTimes)).toFixed(2)}x)`);
  } finally {
    await full.drop();
    await empty.drop();
  }
}

async function main(): Promise<void> {
  const only = process.argv[2];
  if (!only || only === 'sqlite') await engine('SQLite', createSqliteDatabase);
  if (!only || only === 'postgres') await engine('PostgreSQL', createPostgresDatabase);
}

await main();
