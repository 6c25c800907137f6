// The per-project imaging record (the original's REDCap "Imaging" instrument): one row per research study
// with participant, event, modalities, the shifted study date, counts and when it was transferred and checked.
import type { Db } from '../../platform/db/database.js';
import type { ImagingRecordRow } from './tables.js';
import type { Selectable } from 'kysely';

export interface ImagingRecord {
  project: string;
  researchStudyUid: string;
  participant: string;
  event: string;
  modalities: string[];
  studyDate: string | null;
  seriesCount: number;
  instancesSent: number;
  pacsSeries: number | null;
  pacsInstances: number | null;
  checkedAt: string | null;
  transferredAt: string | null;
}

function toRecord(r: Selectable<ImagingRecordRow>): ImagingRecord {
  return {
    project: r.project_name,
    researchStudyUid: r.research_study_uid,
    participant: r.participant_id,
    event: r.event_name,
    modalities: r.modalities ? r.modalities.split('\\') : [],
    studyDate: r.study_date,
    seriesCount: Number(r.series_count),
    instancesSent: Number(r.instances_sent),
    pacsSeries: r.pacs_series === null ? null : Number(r.pacs_series),
    pacsInstances: r.pacs_instances === null ? null : Number(r.pacs_instances),
    checkedAt: r.checked_at,
    transferredAt: r.transferred_at,
  };
}

export interface ImagingRecordsRepository {
  save(r: ImagingRecord): Promise<void>;
  /** The project's records; only these participants', or one data access group's, when given. */
  list(project: string, only?: { participants?: string[]; dataAccessGroup?: string | null }): Promise<ImagingRecord[]>;
  setChecked(project: string, researchStudyUid: string, counts: { series: number; instances: number }, at: string): Promise<void>;
  /** What every transfer of the project delivered into this research study (originals and derived series). */
  sentCounts(project: string, researchStudyUid: string): Promise<{ series: number; instances: number }>;
  /** Every project's research study UIDs (for the scheduled check of the research PACS). */
  researchStudiesByProject(): Promise<Map<string, string[]>>;
  /** Forget a research study of the project (a correction removed it from the research PACS). */
  remove(project: string, researchStudyUid: string): Promise<void>;
}

export function imagingRecordsRepository(db: Db): ImagingRecordsRepository {
  const k = db.kysely;
  return {
    async save(r) {
      const values = {
        participant_id: r.participant,
        event_name: r.event,
        modalities: r.modalities.join('\\'),
        study_date: r.studyDate,
        series_count: r.seriesCount,
        instances_sent: r.instancesSent,
        pacs_series: r.pacsSeries,
        pacs_instances: r.pacsInstances,
        checked_at: r.checkedAt,
        transferred_at: r.transferredAt,
      };
      await k
        .insertInto('imaging_records')
        .values({ project_name: r.project, research_study_uid: r.researchStudyUid, ...values })
        .onConflict((oc) => oc.columns(['project_name', 'research_study_uid']).doUpdateSet(values))
        .execute();
    },
    async list(project, only = {}) {
      const { participants, dataAccessGroup } = only;
      let q = k.selectFrom('imaging_records').selectAll().where('project_name', '=', project);
      if (participants) {
        if (participants.length === 0) return [];
        q = q.where('participant_id', 'in', participants);
      }
      if (dataAccessGroup) {
        q = q.where('participant_id', 'in', k.selectFrom('participants').select('participant_id').where('project_name', '=', project).where('data_access_group', '=', dataAccessGroup));
      }
      return (await q.orderBy('participant_id').orderBy('event_name').orderBy('study_date').execute()).map(toRecord);
    },
    async setChecked(project, researchStudyUid, counts, at) {
      await k.updateTable('imaging_records').set({ pacs_series: counts.series, pacs_instances: counts.instances, checked_at: at }).where('project_name', '=', project).where('research_study_uid', '=', researchStudyUid).execute();
    },
    async sentCounts(project, researchStudyUid) {
      const row = await k
        .selectFrom('transfer_instances as ti')
        .innerJoin('transfers as t', 't.id', 'ti.transfer_id')
        .innerJoin('assignments as a', (join) => join.onRef('a.study_instance_uid', '=', 't.study_instance_uid').onRef('a.project_name', '=', 't.project_name'))
        .select((eb) => [eb.fn.count<number>('ti.sop_instance_uid').as('instances'), eb.fn.count<number>('ti.research_series_uid').distinct().as('series')])
        .where('t.project_name', '=', project)
        .where('a.research_study_uid', '=', researchStudyUid)
        .where('ti.status', '=', 'sent')
        .executeTakeFirst();
      return { series: Number(row?.series ?? 0), instances: Number(row?.instances ?? 0) };
    },
    async researchStudiesByProject() {
      const byProject = new Map<string, string[]>();
      for (const r of await k.selectFrom('imaging_records').select(['project_name', 'research_study_uid']).execute()) {
        byProject.set(r.project_name, [...(byProject.get(r.project_name) ?? []), r.research_study_uid]);
      }
      return byProject;
    },
    async remove(project, researchStudyUid) {
      await k.deleteFrom('imaging_records').where('project_name', '=', project).where('research_study_uid', '=', researchStudyUid).execute();
    },
  };
}
