// Storage of assignments: which quarantine study goes to which project, participant and event. A plain adapter.
import type { Db } from '../../platform/db/database.js';
import type { AssignmentRow } from './tables.js';

export const ASSIGNMENT_SOURCES = ['person', 'coupling-list', 'auto-id', 'derived'] as const;
export type AssignmentSource = (typeof ASSIGNMENT_SOURCES)[number];

export interface Assignment {
  studyInstanceUid: string;
  project: string;
  participant: string;
  event: string;
  source: AssignmentSource;
  /** A derived study's original (the study whose research UID it carries). */
  derivedFrom: string | null;
  researchStudyUid: string | null;
  assignedBy: string | null;
  assignedAt: string;
}

function toAssignment(row: AssignmentRow): Assignment {
  return {
    studyInstanceUid: row.study_instance_uid,
    project: row.project_name,
    participant: row.participant_id,
    event: row.event_name,
    source: row.source as AssignmentSource,
    derivedFrom: row.derived_from,
    researchStudyUid: row.research_study_uid,
    assignedBy: row.assigned_by,
    assignedAt: row.assigned_at,
  };
}

export interface AssignmentsRepository {
  /** Insert, or change the participant/event of an existing assignment of the study to the project. */
  save(a: Assignment): Promise<void>;
  find(studyInstanceUid: string, project: string): Promise<Assignment | undefined>;
  forStudy(studyInstanceUid: string): Promise<Assignment[]>;
  /** The assignment whose study became this research study UID (for derived series). */
  byResearchStudyUid(researchStudyUid: string): Promise<Assignment | undefined>;
  setResearchStudyUid(studyInstanceUid: string, project: string, researchStudyUid: string): Promise<void>;
  listForProject(project: string): Promise<Assignment[]>;
  /** Forget an assignment (a correction), so late series no longer follow it. */
  remove(studyInstanceUid: string, project: string): Promise<void>;
}

export function assignmentsRepository(db: Db): AssignmentsRepository {
  const k = db.kysely;
  return {
    async save(a) {
      const values = { participant_id: a.participant, event_name: a.event, source: a.source, derived_from: a.derivedFrom, assigned_by: a.assignedBy, assigned_at: a.assignedAt };
      await k
        .insertInto('assignments')
        .values({ study_instance_uid: a.studyInstanceUid, project_name: a.project, research_study_uid: a.researchStudyUid, ...values })
        .onConflict((oc) => oc.columns(['study_instance_uid', 'project_name']).doUpdateSet(values))
        .execute();
    },
    async find(studyInstanceUid, project) {
      const row = await k.selectFrom('assignments').selectAll().where('study_instance_uid', '=', studyInstanceUid).where('project_name', '=', project).executeTakeFirst();
      return row && toAssignment(row);
    },
    async forStudy(studyInstanceUid) {
      return (await k.selectFrom('assignments').selectAll().where('study_instance_uid', '=', studyInstanceUid).orderBy('assigned_at').execute()).map(toAssignment);
    },
    async byResearchStudyUid(researchStudyUid) {
      const row = await k
        .selectFrom('assignments')
        .selectAll()
        .where('research_study_uid', '=', researchStudyUid)
        .where('source', '!=', 'derived')
        .orderBy('assigned_at')
        .executeTakeFirst();
      return row && toAssignment(row);
    },
    async setResearchStudyUid(studyInstanceUid, project, researchStudyUid) {
      await k.updateTable('assignments').set({ research_study_uid: researchStudyUid }).where('study_instance_uid', '=', studyInstanceUid).where('project_name', '=', project).execute();
    },
    async listForProject(project) {
      return (await k.selectFrom('assignments').selectAll().where('project_name', '=', project).orderBy('assigned_at').execute()).map(toAssignment);
    },
    async remove(studyInstanceUid, project) {
      await k.deleteFrom('assignments').where('study_instance_uid', '=', studyInstanceUid).where('project_name', '=', project).execute();
    },
  };
}
