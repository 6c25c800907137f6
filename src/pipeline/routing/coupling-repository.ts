// Storage of coupling-list entries (accession number -> participant, event). A plain adapter.
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { CouplingEntryRow } from './tables.js';

export interface CouplingEntry {
  project: string;
  accessionNumber: string;
  participant: string;
  event: string;
  uploadedBy: string | null;
  uploadedAt: string;
  usedAt: string | null;
  usedByStudy: string | null;
}

function toEntry(row: CouplingEntryRow): CouplingEntry {
  return {
    project: row.project_name,
    accessionNumber: row.accession_number,
    participant: row.participant_id,
    event: row.event_name,
    uploadedBy: row.uploaded_by,
    uploadedAt: row.uploaded_at,
    usedAt: row.used_at,
    usedByStudy: row.used_by_study,
  };
}

export interface CouplingRepository {
  list(project: string): Promise<CouplingEntry[]>;
  findMany(project: string, accessions: string[]): Promise<CouplingEntry[]>;
  /** Insert new entries and change the event of existing ones (same participant), in one transaction. */
  upsert(entries: Array<Pick<CouplingEntry, 'project' | 'accessionNumber' | 'participant' | 'event' | 'uploadedBy' | 'uploadedAt'>>): Promise<void>;
  /** Every project's entry for this accession number (entries never expire). */
  byAccession(accessionNumber: string): Promise<CouplingEntry[]>;
  markUsed(project: string, accessionNumber: string, studyInstanceUid: string, at: string): Promise<void>;
}

export function couplingRepository(db: Db): CouplingRepository {
  const k = db.kysely;
  return {
    async list(project) {
      return (await k.selectFrom('coupling_entries').selectAll().where('project_name', '=', project).orderBy('uploaded_at').orderBy('accession_number').execute()).map(toEntry);
    },
    async findMany(project, accessions) {
      if (accessions.length === 0) return [];
      const out: CouplingEntry[] = [];
      for (let i = 0; i < accessions.length; i += 500) {
        const rows = await k.selectFrom('coupling_entries').selectAll().where('project_name', '=', project).where('accession_number', 'in', accessions.slice(i, i + 500)).execute();
        out.push(...rows.map(toEntry));
      }
      return out;
    },
    async upsert(entries) {
      if (entries.length === 0) return;
      await inTransaction(k, async (trx) => {
        for (const e of entries) {
          await trx
            .insertInto('coupling_entries')
            .values({ project_name: e.project, accession_number: e.accessionNumber, participant_id: e.participant, event_name: e.event, uploaded_by: e.uploadedBy, uploaded_at: e.uploadedAt, used_at: null, used_by_study: null })
            .onConflict((oc) => oc.columns(['project_name', 'accession_number']).doUpdateSet({ event_name: e.event, uploaded_by: e.uploadedBy, uploaded_at: e.uploadedAt }))
            .execute();
        }
      });
    },
    async byAccession(accessionNumber) {
      return (await k.selectFrom('coupling_entries').selectAll().where('accession_number', '=', accessionNumber).orderBy('uploaded_at').execute()).map(toEntry);
    },
    async markUsed(project, accessionNumber, studyInstanceUid, at) {
      await k.updateTable('coupling_entries').set({ used_at: at, used_by_study: studyInstanceUid }).where('project_name', '=', project).where('accession_number', '=', accessionNumber).execute();
    },
  };
}
