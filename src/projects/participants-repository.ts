// Storage of participants and their date offsets. A plain adapter.
import type { Db } from '../platform/db/database.js';
import type { ParticipantRow } from './tables.js';

export interface Participant {
  project: string;
  id: string;
  dataAccessGroup: string | null;
  /** Days every date of this participant moves by (negative, never 0). Internal: never shown through the API. */
  dateOffsetDays: number;
  createdAt: string;
  createdBy: string | null;
}

function toParticipant(row: ParticipantRow): Participant {
  return { project: row.project_name, id: row.participant_id, dataAccessGroup: row.data_access_group, dateOffsetDays: Number(row.date_offset_days), createdAt: row.created_at, createdBy: row.created_by };
}

export interface ParticipantsRepository {
  find(project: string, id: string): Promise<Participant | undefined>;
  /** All participants, or only those of one data access group. */
  list(project: string, group: string | null): Promise<Participant[]>;
  insert(p: Participant): Promise<void>;
}

export function participantsRepository(db: Db): ParticipantsRepository {
  const k = db.kysely;
  return {
    async find(project, id) {
      const row = await k.selectFrom('participants').selectAll().where('project_name', '=', project).where('participant_id', '=', id).executeTakeFirst();
      return row && toParticipant(row);
    },
    async list(project, group) {
      let q = k.selectFrom('participants').selectAll().where('project_name', '=', project);
      if (group !== null) q = q.where('data_access_group', '=', group);
      return (await q.orderBy('participant_id').execute()).map(toParticipant);
    },
    async insert(p) {
      await k
        .insertInto('participants')
        .values({ project_name: p.project, participant_id: p.id, data_access_group: p.dataAccessGroup, date_offset_days: p.dateOffsetDays, created_at: p.createdAt, created_by: p.createdBy })
        .execute();
    },
  };
}
