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
  /** A page in accession-number order (the primary key's), after `after`; only one data access group's participants when given. */
  list(project: string, page: { after?: string; limit: number; dataAccessGroup?: string | null }): Promise<CouplingEntry[]>;
  count(project: string): Promise<number>;
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
    async list(project, page) {
      let q = k.selectFrom('coupling_entries').selectAll().where('project_name', '=', project);
      if (page.after !== undefined) q = q.where('accession_number', '>', page.after);
      if (page.dataAccessGroup) {
        q = q.where('participant_id', 'in', k.selectFrom('participants').select('participant_id').where('project_name', '=', project).where('data_access_group', '=', page.dataAccessGroup));
      }
      return (await q.orderBy('accession_number').limit(page.limit).execute()).map(toEntry);
    },
    async count(project) {
      const row = await k.selectFrom('coupling_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('project_name', '=', project).executeTakeFirst();
      return Number(row?.n ?? 0);
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
        // 100 rows (800 parameters) per statement: within SQLite's and PostgreSQL's limits.
        for (let i = 0; i < entries.length; i += 100) {
          await trx
            .insertInto('coupling_entries')
            .values(entries.slice(i, i + 100).map((e) => ({ project_name: e.project, accession_number: e.accessionNumber, participant_id: e.participant, event_name: e.event, uploaded_by: e.uploadedBy, uploaded_at: e.uploadedAt, used_at: null, used_by_study: null })))
            .onConflict((oc) =>
              oc.columns(['project_name', 'accession_number']).doUpdateSet((eb) => ({ event_name: eb.ref('excluded.event_name'), uploaded_by: eb.ref('excluded.uploaded_by'), uploaded_at: eb.ref('excluded.uploaded_at') })),
            )
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
