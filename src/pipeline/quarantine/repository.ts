// The quarantine index: patient/study/series/instance rows for what was received. Writes come in batches
// (one transaction for many instances); counts are recomputed from the instance rows of the touched
// studies, so a resent instance never counts twice. Lists for people (web, command line) come as study
// views, which never carry the patient's identity; only routing reads a study with it (auto-ID rules).
import { sql, type Selectable, type Transaction } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import type { InstanceHeader } from './header.js';
import type { StudyRow } from './tables.js';

export interface IndexRecord {
  header: InstanceHeader;
  transferSyntaxUid: string;
  path: string;
  sizeBytes: number;
  callingAet: string;
  sourceAddress: string;
  receivedAt: string;
  /** Dataset bytes without the meta header, and their SHA-256 when it was computed (see receive/store-instance). */
  datasetBytes?: number;
  contentSha256?: string;
}

export interface QuarantineStudy {
  studyInstanceUid: string;
  patientId: string | null;
  patientName: string | null;
  patientBirthDate: string | null;
  patientSex: string | null;
  accessionNumber: string | null;
  studyId: string | null;
  studyDate: string | null;
  studyTime: string | null;
  studyDescription: string | null;
  modalities: string[];
  manufacturer: string | null;
  modelName: string | null;
  stationName: string | null;
  institutionName: string | null;
  operatorsName: string | null;
  referringPhysicianName: string | null;
  callingAet: string | null;
  sourceAddress: string | null;
  seriesCount: number;
  instanceCount: number;
  sizeBytes: number;
  receivedAt: string;
  lastReceivedAt: string;
  arrivedAt: string | null;
  /** Routing of the last arrival (null: not arrived yet, or arrived before routing was tracked). */
  routing: StudyRouting | null;
}

export const ROUTING_STATUSES = ['pending', 'running', 'done', 'failed'] as const;
export type RoutingStatus = (typeof ROUTING_STATUSES)[number];

/** Where routing of the study's last arrival stands (pipeline/routing/routing-worker.ts moves it on). */
export interface StudyRouting {
  status: RoutingStatus;
  attempts: number;
  /** Why the last attempt failed; retried at nextTryAt. */
  error: string | null;
  nextTryAt: string | null;
  routedAt: string | null;
}

/** A study as people see it in lists: everything but the patient's identity (name, ID, birth date, sex). */
export type StudyView = Omit<QuarantineStudy, 'patientId' | 'patientName' | 'patientBirthDate' | 'patientSex'>;

/** The one place identity is taken off a study for display (web app, live updates, command line). */
export function studyView(study: QuarantineStudy): StudyView {
  const { patientName: _name, patientId: _id, patientBirthDate: _birth, patientSex: _sex, ...rest } = study;
  return rest;
}

export interface QuarantineSeries {
  seriesInstanceUid: string;
  studyInstanceUid: string;
  seriesNumber: string | null;
  seriesDescription: string | null;
  modality: string | null;
  sopClassUid: string | null;
  bodyPartExamined: string | null;
  instanceCount: number;
  receivedAt: string;
  lastReceivedAt: string;
}

export interface QuarantineInstance {
  sopInstanceUid: string;
  seriesInstanceUid: string;
  studyInstanceUid: string;
  sopClassUid: string;
  transferSyntaxUid: string;
  path: string;
  sizeBytes: number;
  receivedAt: string;
}

const n = (v: string | undefined): string | null => v ?? null;

/** `reopen: false` (an admin replacing a copy) leaves the study's arrival as it was: no new routing round. */
async function indexInstances(db: Db, records: IndexRecord[], options: { reopen?: boolean } = {}): Promise<void> {
  if (records.length === 0) return;
  // The last copy of an instance sent twice in one batch wins, as it would on disk.
  const instances = [...new Map(records.map((r) => [r.header.sopInstanceUid, r])).values()];
  await db.kysely.transaction().execute(async (trx) => {
    const studies = new Map<string, IndexRecord>();
    const series = new Map<string, IndexRecord>();
    for (const r of instances) {
      studies.set(r.header.studyInstanceUid, r);
      series.set(r.header.seriesInstanceUid, r);
    }
    const known = await trx
      .selectFrom('instances')
      .select(['sop_instance_uid', 'size_bytes', 'series_instance_uid', 'study_instance_uid'])
      .where(
        'sop_instance_uid',
        'in',
        instances.map((r) => r.header.sopInstanceUid),
      )
      .execute();
    const knownSeries = new Set(
      (await trx.selectFrom('series').select('series_instance_uid').where('series_instance_uid', 'in', [...series.keys()]).execute()).map((r) => r.series_instance_uid),
    );
    const delta = countDeltas(instances, new Map(known.map((k) => [k.sop_instance_uid, k])), knownSeries);
    for (const [uid, r] of studies) await upsertStudy(trx, r, delta.studies.get(uid) ?? { instances: 0, series: 0, bytes: 0 }, options.reopen !== false);
    for (const [uid, r] of series) await upsertSeries(trx, r, delta.series.get(uid) ?? 0);
    await upsertInstances(trx, instances);
    // An instance resent under another series or study (rare) leaves counts behind where it was.
    for (const [uid, by] of delta.series) if (!series.has(uid) && by) await trx.updateTable('series').set({ instance_count: sql`instance_count + ${by}` }).where('series_instance_uid', '=', uid).execute();
    for (const [uid, d] of delta.studies) {
      if (!studies.has(uid)) await trx.updateTable('studies').set({ instance_count: sql`instance_count + ${d.instances}`, size_bytes: sql`size_bytes + ${d.bytes}` }).where('study_instance_uid', '=', uid).execute();
      else if (d.series > 0) await refreshModalities(trx, uid);
    }
  });
}

interface Delta {
  instances: number;
  series: number;
  bytes: number;
}

/**
 * Counts move by what this batch adds, so indexing stays O(batch) however large the study grows. A resent
 * instance adds nothing (or moves between series if the sender changed its mind, which is counted too).
 */
function countDeltas(
  instances: IndexRecord[],
  known: Map<string, { size_bytes: number; series_instance_uid: string; study_instance_uid: string }>,
  knownSeries: Set<string>,
): { series: Map<string, number>; studies: Map<string, Delta> } {
  const seriesDelta = new Map<string, number>();
  const studyDelta = new Map<string, Delta>();
  const study = (uid: string) => {
    let d = studyDelta.get(uid);
    if (!d) studyDelta.set(uid, (d = { instances: 0, series: 0, bytes: 0 }));
    return d;
  };
  const seen = new Set(knownSeries);
  for (const r of instances) {
    const before = known.get(r.header.sopInstanceUid);
    seriesDelta.set(r.header.seriesInstanceUid, (seriesDelta.get(r.header.seriesInstanceUid) ?? 0) + 1);
    study(r.header.studyInstanceUid).instances += 1;
    study(r.header.studyInstanceUid).bytes += r.sizeBytes;
    if (before) {
      seriesDelta.set(before.series_instance_uid, (seriesDelta.get(before.series_instance_uid) ?? 0) - 1);
      study(before.study_instance_uid).instances -= 1;
      study(before.study_instance_uid).bytes -= Number(before.size_bytes);
    }
    if (!seen.has(r.header.seriesInstanceUid)) {
      seen.add(r.header.seriesInstanceUid);
      study(r.header.studyInstanceUid).series += 1;
    }
  }
  return { series: seriesDelta, studies: studyDelta };
}

async function refreshModalities(trx: Transaction<Database>, studyUid: string): Promise<void> {
  const rows = await trx.selectFrom('series').select('modality').where('study_instance_uid', '=', studyUid).execute();
  const modalities = [...new Set(rows.map((s) => s.modality).filter((m): m is string => !!m))].sort().join('\\');
  await trx.updateTable('studies').set({ modalities }).where('study_instance_uid', '=', studyUid).execute();
}

async function upsertStudy(trx: Transaction<Database>, r: IndexRecord, d: Delta, reopen: boolean): Promise<void> {
  const { header: h } = r;
  await trx
    .insertInto('studies')
    .values({
      study_instance_uid: h.studyInstanceUid,
      patient_id: n(h.patient.id),
      patient_name: n(h.patient.name),
      patient_birth_date: n(h.patient.birthDate),
      patient_sex: n(h.patient.sex),
      accession_number: n(h.study.accessionNumber),
      study_id: n(h.study.studyId),
      study_date: n(h.study.date),
      study_time: n(h.study.time),
      study_description: n(h.study.description),
      manufacturer: n(h.study.manufacturer),
      model_name: n(h.study.modelName),
      station_name: n(h.study.stationName),
      institution_name: n(h.study.institutionName),
      operators_name: n(h.study.operatorsName),
      referring_physician_name: n(h.study.referringPhysicianName),
      calling_aet: r.callingAet,
      source_address: r.sourceAddress,
      modalities: h.series.modality ?? '',
      series_count: d.series,
      instance_count: d.instances,
      size_bytes: d.bytes,
      first_received_at: r.receivedAt,
      last_received_at: r.receivedAt,
      arrived_at: null,
    })
    // New data re-opens the study: it counts as arrived again only after the next quiet period.
    .onConflict((oc) =>
      oc.column('study_instance_uid').doUpdateSet({
        ...(reopen ? { last_received_at: r.receivedAt, arrived_at: null } : {}),
        series_count: sql`studies.series_count + ${d.series}`,
        instance_count: sql`studies.instance_count + ${d.instances}`,
        size_bytes: sql`studies.size_bytes + ${d.bytes}`,
      }),
    )
    .execute();
}

async function upsertSeries(trx: Transaction<Database>, r: IndexRecord, added: number): Promise<void> {
  const { header: h } = r;
  await trx
    .insertInto('series')
    .values({
      series_instance_uid: h.seriesInstanceUid,
      study_instance_uid: h.studyInstanceUid,
      series_number: n(h.series.number),
      series_description: n(h.series.description),
      modality: n(h.series.modality),
      sop_class_uid: h.sopClassUid,
      body_part_examined: n(h.series.bodyPartExamined),
      instance_count: added,
      first_received_at: r.receivedAt,
      last_received_at: r.receivedAt,
    })
    .onConflict((oc) => oc.column('series_instance_uid').doUpdateSet({ last_received_at: r.receivedAt, instance_count: sql`series.instance_count + ${added}` }))
    .execute();
}

async function upsertInstances(trx: Transaction<Database>, records: IndexRecord[]): Promise<void> {
  const rows = records.map((r) => ({
    sop_instance_uid: r.header.sopInstanceUid,
    series_instance_uid: r.header.seriesInstanceUid,
    study_instance_uid: r.header.studyInstanceUid,
    sop_class_uid: r.header.sopClassUid,
    transfer_syntax_uid: r.transferSyntaxUid,
    instance_number: n(r.header.instanceNumber),
    path: r.path,
    size_bytes: r.sizeBytes,
    calling_aet: r.callingAet,
    source_address: r.sourceAddress,
    received_at: r.receivedAt,
    dataset_bytes: r.datasetBytes ?? null,
    content_sha256: r.contentSha256 ?? null,
  }));
  // 13 columns a row: 70 rows stay well under SQLite's limit of bound parameters.
  for (let i = 0; i < rows.length; i += 70) {
    await trx
      .insertInto('instances')
      .values(rows.slice(i, i + 70))
      .onConflict((oc) =>
        oc.column('sop_instance_uid').doUpdateSet((eb) => ({
          series_instance_uid: eb.ref('excluded.series_instance_uid'),
          study_instance_uid: eb.ref('excluded.study_instance_uid'),
          sop_class_uid: eb.ref('excluded.sop_class_uid'),
          transfer_syntax_uid: eb.ref('excluded.transfer_syntax_uid'),
          instance_number: eb.ref('excluded.instance_number'),
          path: eb.ref('excluded.path'),
          size_bytes: eb.ref('excluded.size_bytes'),
          calling_aet: eb.ref('excluded.calling_aet'),
          source_address: eb.ref('excluded.source_address'),
          received_at: eb.ref('excluded.received_at'),
          dataset_bytes: eb.ref('excluded.dataset_bytes'),
          content_sha256: eb.ref('excluded.content_sha256'),
        })),
      )
      .execute();
  }
}

function toStudy(row: Selectable<StudyRow>): QuarantineStudy {
  return {
    studyInstanceUid: row.study_instance_uid,
    patientId: row.patient_id,
    patientName: row.patient_name,
    patientBirthDate: row.patient_birth_date,
    patientSex: row.patient_sex,
    accessionNumber: row.accession_number,
    studyId: row.study_id,
    studyDate: row.study_date,
    studyTime: row.study_time,
    studyDescription: row.study_description,
    modalities: row.modalities ? row.modalities.split('\\') : [],
    manufacturer: row.manufacturer,
    modelName: row.model_name,
    stationName: row.station_name,
    institutionName: row.institution_name,
    operatorsName: row.operators_name,
    referringPhysicianName: row.referring_physician_name,
    callingAet: row.calling_aet,
    sourceAddress: row.source_address,
    seriesCount: Number(row.series_count),
    instanceCount: Number(row.instance_count),
    sizeBytes: Number(row.size_bytes),
    receivedAt: row.first_received_at,
    lastReceivedAt: row.last_received_at,
    arrivedAt: row.arrived_at,
    routing: row.routing_status
      ? { status: row.routing_status as RoutingStatus, attempts: Number(row.routing_attempts), error: row.routing_error, nextTryAt: row.routing_next_try_at, routedAt: row.routed_at }
      : null,
  };
}

export interface StudyFilter {
  /** Matches accession number, study/series description, station, institution, modality or study UID. */
  search?: string;
  /** Only studies whose latest instance arrived after this ISO time (for live updates). */
  since?: string;
  /** Exactly this accession number (indexed). */
  accession?: string;
  /** Study date range, inclusive (YYYYMMDD, as DICOM writes it). */
  dateFrom?: string;
  dateTo?: string;
  /** One of the study's modalities. */
  modality?: string;
  /** Substring of the study description / the station name (case-insensitive). */
  description?: string;
  station?: string;
  /** Only studies assigned to some project (true) or to none (false). */
  assigned?: boolean;
  /** Keyset paging: only studies after this one in the list's order (its `lastReceivedAt` and UID). */
  before?: { lastReceivedAt: string; studyInstanceUid: string };
  limit?: number;
  offset?: number;
}

const likePattern = (text: string) => `%${text.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The columns free-text search looks in (the study-search migration indexes the same). */
const SEARCHED_COLUMNS = ['accession_number', 'study_description', 'station_name', 'institution_name', 'modalities', 'study_instance_uid', 'study_date'] as const;

/**
 * Above this many candidates from SQLite's trigram table the text is common: the newest-first scan (which
 * stops at the page's last row) is then quicker than fetching and sorting every candidate.
 */
const TRIGRAM_CANDIDATES = 1000;

/**
 * What SQLite's trigram table (study_search, FTS5) can narrow a free-text search to, or undefined where it
 * cannot help: texts under 3 characters have no trigram, and common texts are found sooner by the scan.
 * The candidates are a superset (FTS5 folds the case of non-ASCII letters too, SQLite's lower() only
 * ASCII): the plain LIKEs still decide.
 */
async function trigramPhrase(db: Db, text: string): Promise<string | undefined> {
  if (db.engine !== 'sqlite' || [...text].length < 3) return undefined;
  // An FTS5 string: inside double quotes everything is literal but the quote itself, written twice.
  const phrase = `"${text.replaceAll('"', '""')}"`;
  const rows = await sql<{ n: number }>`select count(*) as n from (select 1 from study_search where study_search match ${phrase} limit ${TRIGRAM_CANDIDATES + 1})`.execute(db.kysely);
  return Number(rows.rows[0]?.n) <= TRIGRAM_CANDIDATES ? phrase : undefined;
}

async function listStudies(db: Db, filter: StudyFilter = {}): Promise<QuarantineStudy[]> {
  let query = db.kysely.selectFrom('studies').selectAll();
  const search = filter.search?.trim().toLowerCase();
  if (search) {
    // On PostgreSQL the same LIKEs use the pg_trgm index (studies_search_trgm) where the planner finds it
    // selective; on SQLite the trigram table narrows them first, when it can.
    const phrase = await trigramPhrase(db, search);
    if (phrase) query = query.where('study_instance_uid', 'in', sql<string>`(select study_instance_uid from study_search where study_search match ${phrase})`);
    const like = likePattern(search);
    query = query.where((eb) => eb.or(SEARCHED_COLUMNS.map((column) => sql<boolean>`lower(${eb.ref(column)}) like ${like} escape '\\'`)));
  }
  if (filter.since) query = query.where('last_received_at', '>', filter.since);
  if (filter.accession?.trim()) query = query.where('accession_number', '=', filter.accession.trim());
  if (filter.dateFrom) query = query.where('study_date', '>=', filter.dateFrom);
  if (filter.dateTo) query = query.where('study_date', '<=', filter.dateTo);
  // modalities is a backslash-separated list ("CT\\SR"): match one whole entry.
  // (escape '!': PostgreSQL's LIKE would take the backslash as its default escape character.)
  if (filter.modality?.trim()) query = query.where(sql<boolean>`'\\' || modalities || '\\' like ${`%\\${filter.modality.trim().toUpperCase().replace(/[\\%_!]/g, '')}\\%`} escape '!'`);
  if (filter.description?.trim()) query = query.where(sql<boolean>`lower(study_description) like ${likePattern(filter.description)} escape '\\'`);
  if (filter.station?.trim()) query = query.where(sql<boolean>`lower(station_name) like ${likePattern(filter.station)} escape '\\'`);
  if (filter.assigned !== undefined) {
    const assigned = sql<boolean>`exists (select 1 from assignments a where a.study_instance_uid = studies.study_instance_uid)`;
    query = query.where(filter.assigned ? assigned : sql<boolean>`not ${assigned}`);
  }
  // A row-value comparison in the index's own order (both columns descending), so SQLite and PostgreSQL
  // both start the scan at the cursor in studies_list_order instead of filtering from the top.
  if (filter.before) query = query.where(sql<boolean>`(last_received_at, study_instance_uid) < (${filter.before.lastReceivedAt}, ${filter.before.studyInstanceUid})`);
  const rows = await query
    .orderBy('last_received_at', 'desc')
    .orderBy('study_instance_uid', 'desc')
    .limit(Math.min(filter.limit ?? 200, 5000))
    .offset(filter.offset ?? 0)
    .execute();
  return rows.map(toStudy);
}

async function getStudy(db: Db, studyInstanceUid: string): Promise<QuarantineStudy | undefined> {
  const row = await db.kysely.selectFrom('studies').selectAll().where('study_instance_uid', '=', studyInstanceUid).executeTakeFirst();
  return row ? toStudy(row) : undefined;
}

async function listSeries(db: Db, studyInstanceUid: string): Promise<QuarantineSeries[]> {
  const rows = await db.kysely.selectFrom('series').selectAll().where('study_instance_uid', '=', studyInstanceUid).orderBy('series_number').execute();
  return rows.map((r) => ({
    seriesInstanceUid: r.series_instance_uid,
    studyInstanceUid: r.study_instance_uid,
    seriesNumber: r.series_number,
    seriesDescription: r.series_description,
    modality: r.modality,
    sopClassUid: r.sop_class_uid,
    bodyPartExamined: r.body_part_examined,
    instanceCount: Number(r.instance_count),
    receivedAt: r.first_received_at,
    lastReceivedAt: r.last_received_at,
  }));
}

async function listInstances(db: Db, studyInstanceUid: string, seriesInstanceUid?: string): Promise<QuarantineInstance[]> {
  let query = db.kysely.selectFrom('instances').selectAll().where('study_instance_uid', '=', studyInstanceUid);
  if (seriesInstanceUid) query = query.where('series_instance_uid', '=', seriesInstanceUid);
  const rows = await query.orderBy('series_instance_uid').orderBy('received_at').execute();
  return rows.map((r) => ({
    sopInstanceUid: r.sop_instance_uid,
    seriesInstanceUid: r.series_instance_uid,
    studyInstanceUid: r.study_instance_uid,
    sopClassUid: r.sop_class_uid,
    transferSyntaxUid: r.transfer_syntax_uid,
    path: r.path,
    sizeBytes: Number(r.size_bytes),
    receivedAt: r.received_at,
  }));
}

/** Studies whose last instance came before `quietBefore` and that have not been marked arrived yet. */
async function studiesGoneQuiet(db: Db, quietBefore: string): Promise<string[]> {
  const rows = await db.kysely
    .selectFrom('studies')
    .select('study_instance_uid')
    .where('arrived_at', 'is', null)
    .where('last_received_at', '<=', quietBefore)
    .execute();
  return rows.map((r) => r.study_instance_uid);
}

/**
 * Marks the study arrived unless more data came in meanwhile; true when it was marked. The same statement
 * makes it due for routing, so no crash can fall between the two (the routing worker takes it from here).
 */
async function markArrived(db: Db, studyInstanceUid: string, lastReceivedAt: string, at: string): Promise<boolean> {
  const result = await db.kysely
    .updateTable('studies')
    .set({ arrived_at: at, routing_status: 'pending', routing_attempts: 0, routing_next_try_at: at, routing_error: null, routing_lease_owner: null, routing_lease_expires_at: null })
    .where('study_instance_uid', '=', studyInstanceUid)
    .where('arrived_at', 'is', null)
    .where('last_received_at', '<=', lastReceivedAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

async function countQuarantine(db: Db): Promise<{ studies: number; series: number; instances: number }> {
  const count = async (table: 'studies' | 'series' | 'instances') =>
    Number((await db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('c')).executeTakeFirstOrThrow()).c);
  return { studies: await count('studies'), series: await count('series'), instances: await count('instances') };
}

async function isInstanceIndexed(db: Db, sopInstanceUid: string): Promise<boolean> {
  return !!(await db.kysely.selectFrom('instances').select('sop_instance_uid').where('sop_instance_uid', '=', sopInstanceUid).executeTakeFirst());
}

async function modalitiesOf(db: Db, uids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < uids.length; i += 500) {
    const rows = await db.kysely.selectFrom('studies').select(['study_instance_uid', 'modalities']).where('study_instance_uid', 'in', uids.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.study_instance_uid, r.modalities ? r.modalities.split('\\') : []);
  }
  return out;
}

async function studiesWithAccession(db: Db, accessions: string[]): Promise<Array<{ studyInstanceUid: string; accessionNumber: string }>> {
  const out: Array<{ studyInstanceUid: string; accessionNumber: string }> = [];
  for (let i = 0; i < accessions.length; i += 500) {
    const rows = await db.kysely.selectFrom('studies').select(['study_instance_uid', 'accession_number']).where('accession_number', 'in', accessions.slice(i, i + 500)).execute();
    for (const r of rows) if (r.accession_number) out.push({ studyInstanceUid: r.study_instance_uid, accessionNumber: r.accession_number });
  }
  return out;
}

export interface QuarantineRepository {
  /** Index stored instances in one transaction (the index batcher and recovery call this). `reopen: false`
   *  (an admin taking a conflicting copy) leaves the study's arrival as it was. */
  index(records: IndexRecord[], options?: { reopen?: boolean }): Promise<void>;
  isInstanceIndexed(sopInstanceUid: string): Promise<boolean>;
  /** Which of these quarantine files have an index row (recovery). */
  indexedPaths(paths: string[]): Promise<Set<string>>;
  /** The study with the patient's identity, for routing (auto-ID rules read PatientID/PatientName). */
  getStudy(studyInstanceUid: string): Promise<QuarantineStudy | undefined>;
  /** Studies as people see them (never the patient's identity), newest first. */
  listStudyViews(filter?: StudyFilter): Promise<StudyView[]>;
  getStudyView(studyInstanceUid: string): Promise<StudyView | undefined>;
  listSeries(studyInstanceUid: string): Promise<QuarantineSeries[]>;
  listInstances(studyInstanceUid: string, seriesInstanceUid?: string): Promise<QuarantineInstance[]>;
  /** The modalities of each study (for transfer lists). */
  modalitiesOf(studyInstanceUids: string[]): Promise<Map<string, string[]>>;
  /** Studies with one of these accession numbers (for coupling lists). */
  studiesWithAccession(accessionNumbers: string[]): Promise<Array<{ studyInstanceUid: string; accessionNumber: string }>>;
  studiesGoneQuiet(quietBefore: string): Promise<string[]>;
  markArrived(studyInstanceUid: string, lastReceivedAt: string, at: string): Promise<boolean>;
  count(): Promise<{ studies: number; series: number; instances: number }>;
  /** Forget a study's index rows (series and instances go with it); its files are the caller's to remove. */
  removeStudy(studyInstanceUid: string): Promise<void>;
}

export function quarantineRepository(db: Db): QuarantineRepository {
  return {
    index: (records, options) => indexInstances(db, records, options),
    isInstanceIndexed: (uid) => isInstanceIndexed(db, uid),
    indexedPaths: async (paths) => new Set(paths.length === 0 ? [] : (await db.kysely.selectFrom('instances').select('path').where('path', 'in', paths).execute()).map((r) => r.path)),
    getStudy: (uid) => getStudy(db, uid),
    listStudyViews: async (filter) => (await listStudies(db, filter)).map(studyView),
    getStudyView: async (uid) => {
      const study = await getStudy(db, uid);
      return study && studyView(study);
    },
    listSeries: (uid) => listSeries(db, uid),
    listInstances: (uid, series) => listInstances(db, uid, series),
    modalitiesOf: (uids) => modalitiesOf(db, uids),
    studiesWithAccession: (accessions) => studiesWithAccession(db, accessions),
    studiesGoneQuiet: (quietBefore) => studiesGoneQuiet(db, quietBefore),
    markArrived: (uid, lastReceivedAt, at) => markArrived(db, uid, lastReceivedAt, at),
    count: () => countQuarantine(db),
    removeStudy: async (uid) => {
      await db.kysely.deleteFrom('studies').where('study_instance_uid', '=', uid).execute();
    },
  };
}
