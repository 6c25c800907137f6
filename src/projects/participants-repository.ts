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

/** What a participant's kept birth year became at an assignment (the value itself is never reported). */
export type BirthYearOutcome = 'stored' | 'unchanged' | 'differs';

/**
 * Birth years kept for exports (birth year only, never a date), apart from the Participant object so that
 * nothing that shows participants can carry them.
 */
export interface BirthYearsRepository {
  /** Keeps the year when none is kept; an existing, different year is kept as it is ('differs'). */
  store(project: string, participant: string, year: number): Promise<BirthYearOutcome>;
  /** The kept years of a project's participants, by participant ID. */
  forProject(project: string): Promise<Map<string, number>>;
  /** Forgets one participant's kept year (a correction took away the study it came from); true if one was kept. */
  forget(project: string, participant: string): Promise<boolean>;
  /** Forgets every kept year of a project (its approval ended); returns how many. */
  clear(project: string): Promise<number>;
}

export function birthYearsRepository(db: Db): BirthYearsRepository {
  const k = db.kysely;
  return {
    async store(project, participant, year) {
      if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new Error('a birth year has four digits');
      const set = await k.updateTable('participants').set({ birth_year: year }).where('project_name', '=', project).where('participant_id', '=', participant).where('birth_year', 'is', null).executeTakeFirst();
      if (Number(set.numUpdatedRows) > 0) return 'stored';
      const row = await k.selectFrom('participants').select('birth_year').where('project_name', '=', project).where('participant_id', '=', participant).executeTakeFirst();
      if (!row) throw new Error(`participant ${participant} of ${project} is not registered`);
      return Number(row.birth_year) === year ? 'unchanged' : 'differs';
    },
    async forProject(project) {
      const rows = await k.selectFrom('participants').select(['participant_id', 'birth_year']).where('project_name', '=', project).where('birth_year', 'is not', null).execute();
      return new Map(rows.map((r) => [r.participant_id, Number(r.birth_year)]));
    },
    async forget(project, participant) {
      const res = await k.updateTable('participants').set({ birth_year: null }).where('project_name', '=', project).where('participant_id', '=', participant).where('birth_year', 'is not', null).executeTakeFirst();
      return Number(res.numUpdatedRows) > 0;
    },
    async clear(project) {
      const res = await k.updateTable('participants').set({ birth_year: null }).where('project_name', '=', project).where('birth_year', 'is not', null).executeTakeFirst();
      return Number(res.numUpdatedRows);
    },
  };
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
