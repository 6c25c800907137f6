// Conflicting copies: a dataset received under a SOP Instance UID the quarantine already holds, with other
// bytes. The first copy stays; the new one is kept in conflicts/ with a row here until an admin resolves it.
// Also the two look-ups the receiver needs to compare a resend with what it has.
import type { InferResult, Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { InstanceConflictRow } from './tables.js';

/** What the receiver needs to know about the quarantined copy of an instance. */
export interface ExistingInstance {
  path: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sizeBytes: number;
  datasetBytes: number | null;
  contentSha256: string | null;
  instanceNumber?: string | null;
  receivedAt?: string;
  callingAet?: string | null;
}

/** Header facts of a copy that identify no one: what an admin compares to decide. */
export interface CopyFacts {
  accessionNumber?: string;
  studyDate?: string;
  studyDescription?: string;
  modality?: string;
  seriesNumber?: string;
  seriesDescription?: string;
  instanceNumber?: string;
  manufacturer?: string;
  stationName?: string;
  institutionName?: string;
}

export type ConflictResolution = 'kept-first' | 'took-new' | 'kept-both';

export interface InstanceConflict {
  id: string;
  sopInstanceUid: string;
  sopClassUid: string;
  transferSyntaxUid: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  existingStudyInstanceUid: string;
  existingSeriesInstanceUid: string;
  facts: CopyFacts;
  path: string;
  sizeBytes: number;
  datasetBytes: number;
  contentSha256: string;
  callingAet: string | null;
  sourceAddress: string | null;
  receivedAt: string;
  status: 'open' | 'resolved';
  resolution: ConflictResolution | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
}

export type NewConflict = Omit<InstanceConflict, 'status' | 'resolution' | 'resolvedBy' | 'resolvedAt'>;

function toConflict(r: Selectable<InstanceConflictRow>): InstanceConflict {
  return {
    id: r.id,
    sopInstanceUid: r.sop_instance_uid,
    sopClassUid: r.sop_class_uid,
    transferSyntaxUid: r.transfer_syntax_uid,
    studyInstanceUid: r.study_instance_uid,
    seriesInstanceUid: r.series_instance_uid,
    existingStudyInstanceUid: r.existing_study_instance_uid,
    existingSeriesInstanceUid: r.existing_series_instance_uid,
    facts: JSON.parse(r.facts) as CopyFacts,
    path: r.path,
    sizeBytes: Number(r.size_bytes),
    datasetBytes: Number(r.dataset_bytes),
    contentSha256: r.content_sha256,
    callingAet: r.calling_aet,
    sourceAddress: r.source_address,
    receivedAt: r.received_at,
    status: r.status,
    resolution: r.resolution,
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at,
  };
}

export interface ConflictsRepository {
  existingInstance(sopInstanceUid: string): Promise<ExistingInstance | undefined>;
  /** Remembers a quarantined copy's hash once it was computed, so it is never computed twice. */
  recordHash(sopInstanceUid: string, datasetBytes: number, contentSha256: string): Promise<void>;
  /** A conflicting copy with exactly these bytes that is still kept (open, or kept as a version). */
  findKeptCopy(sopInstanceUid: string, contentSha256: string): Promise<InstanceConflict | undefined>;
  add(conflict: NewConflict): Promise<void>;
  get(id: string): Promise<InstanceConflict | undefined>;
  list(filter: { status?: 'open' | 'resolved'; limit?: number; offset?: number }): Promise<InstanceConflict[]>;
  /** Marks an open conflict resolved; false when it was not open any more (someone else resolved it). */
  resolve(id: string, resolution: ConflictResolution, by: string | null, at: string): Promise<boolean>;
  /** Undoes resolve() when carrying the resolution out failed. */
  reopen(id: string): Promise<void>;
  /** Paths of every conflict file that should exist (recovery removes the others). */
  keptPaths(): Promise<Set<string>>;
}

export function conflictsRepository(db: Db): ConflictsRepository {
  const k = db.kysely;
  const existingInstanceQuery = k
    .selectFrom('instances')
    .select(['path', 'study_instance_uid', 'series_instance_uid', 'size_bytes', 'dataset_bytes', 'content_sha256', 'instance_number', 'received_at', 'calling_aet'])
    .where('sop_instance_uid', '=', '')
    .compile();
  type ExistingRow = InferResult<typeof existingInstanceQuery>[number];
  return {
    async existingInstance(sopInstanceUid) {
      // Asked once per received instance, before its answer: the statement is built and compiled once, and
      // only its parameter changes (building and compiling it each time was a tenth of the receive path's
      // time on the event loop, in the profile of bench:receive).
      const { rows } = await k.executeQuery<ExistingRow>({ ...existingInstanceQuery, parameters: [sopInstanceUid] });
      const r = rows[0];
      if (!r) return undefined;
      return {
        path: r.path,
        studyInstanceUid: r.study_instance_uid,
        seriesInstanceUid: r.series_instance_uid,
        sizeBytes: Number(r.size_bytes),
        datasetBytes: r.dataset_bytes === null ? null : Number(r.dataset_bytes),
        contentSha256: r.content_sha256,
        instanceNumber: r.instance_number,
        receivedAt: r.received_at,
        callingAet: r.calling_aet,
      };
    },
    async recordHash(sopInstanceUid, datasetBytes, contentSha256) {
      await k.updateTable('instances').set({ dataset_bytes: datasetBytes, content_sha256: contentSha256 }).where('sop_instance_uid', '=', sopInstanceUid).execute();
    },
    async findKeptCopy(sopInstanceUid, contentSha256) {
      const r = await k
        .selectFrom('instance_conflicts')
        .selectAll()
        .where('sop_instance_uid', '=', sopInstanceUid)
        .where('content_sha256', '=', contentSha256)
        .where((eb) => eb.or([eb('status', '=', 'open'), eb('resolution', '=', 'kept-both')]))
        .executeTakeFirst();
      return r ? toConflict(r) : undefined;
    },
    async add(c) {
      await k
        .insertInto('instance_conflicts')
        .values({
          id: c.id,
          sop_instance_uid: c.sopInstanceUid,
          sop_class_uid: c.sopClassUid,
          transfer_syntax_uid: c.transferSyntaxUid,
          study_instance_uid: c.studyInstanceUid,
          series_instance_uid: c.seriesInstanceUid,
          existing_study_instance_uid: c.existingStudyInstanceUid,
          existing_series_instance_uid: c.existingSeriesInstanceUid,
          facts: JSON.stringify(c.facts),
          path: c.path,
          size_bytes: c.sizeBytes,
          dataset_bytes: c.datasetBytes,
          content_sha256: c.contentSha256,
          calling_aet: c.callingAet,
          source_address: c.sourceAddress,
          received_at: c.receivedAt,
          status: 'open',
          resolution: null,
          resolved_by: null,
          resolved_at: null,
        })
        .execute();
    },
    async get(id) {
      const r = await k.selectFrom('instance_conflicts').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toConflict(r) : undefined;
    },
    async list(filter) {
      let q = k.selectFrom('instance_conflicts').selectAll();
      if (filter.status) q = q.where('status', '=', filter.status);
      const rows = await q
        .orderBy('received_at', 'desc')
        .orderBy('id')
        .limit(Math.min(filter.limit ?? 200, 1000))
        .offset(filter.offset ?? 0)
        .execute();
      return rows.map(toConflict);
    },
    async resolve(id, resolution, by, at) {
      const r = await k
        .updateTable('instance_conflicts')
        .set({ status: 'resolved', resolution, resolved_by: by, resolved_at: at })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async reopen(id) {
      await k.updateTable('instance_conflicts').set({ status: 'open', resolution: null, resolved_by: null, resolved_at: null }).where('id', '=', id).execute();
    },
    async keptPaths() {
      const rows = await k
        .selectFrom('instance_conflicts')
        .select('path')
        .where((eb) => eb.or([eb('status', '=', 'open'), eb('resolution', '=', 'kept-both')]))
        .execute();
      return new Set(rows.map((r) => r.path));
    },
  };
}
