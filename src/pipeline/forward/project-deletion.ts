// Deleting a project's data, once two admins agreed (projects/lifecycle-service.ts): the research PACS is
// asked to delete every study Fiona sent it, quarantine studies that belonged to this project alone are
// removed (index rows and files), and the project row goes last (assignments, participants, coupling list,
// transfers, imaging record, members, pixel reviews and corrections cascade). The report says what was
// deleted where; what the PACS could not delete is listed by research UID (never a patient's identity).
import { rm } from 'node:fs/promises';
import type { Logger } from '../../platform/logger.js';
import type { Project } from '../../projects/rules.js';
import type { ProjectsRepository } from '../../projects/projects-repository.js';
import type { ParticipantsRepository } from '../../projects/participants-repository.js';
import { studyDir } from '../quarantine/layout.js';
import type { QuarantineRepository } from '../quarantine/repository.js';
import type { AssignmentsRepository } from '../routing/assignments-repository.js';
import type { ImagingRecordsRepository } from './imaging-records-repository.js';
import type { ResearchPacsDeletion } from './research-pacs-deletion.js';
import type { TransfersRepository } from './transfers-repository.js';

export interface ProjectDeletionPorts {
  dataDir: string;
  projects: Pick<ProjectsRepository, 'remove'>;
  assignments: Pick<AssignmentsRepository, 'listForProject' | 'forStudy'>;
  participants: Pick<ParticipantsRepository, 'list'>;
  transfers: Pick<TransfersRepository, 'list'>;
  records: Pick<ImagingRecordsRepository, 'list'>;
  quarantine: Pick<QuarantineRepository, 'removeStudy'>;
  pacs: ResearchPacsDeletion;
  logger?: Pick<Logger, 'warn'>;
}

export interface DeletionReport extends Record<string, unknown> {
  studies: number;
  participants: number;
  transfers: number;
  quarantineStudiesRemoved: number;
  pacs: { deletedBy: 'fiona' | 'nobody'; studies: number; instances: number; notDeleted: Array<{ researchStudyUid: string; error: string }> };
}

export async function deleteProjectData(ports: ProjectDeletionPorts, project: Project): Promise<DeletionReport> {
  const assignments = await ports.assignments.listForProject(project.name);
  const records = await ports.records.list(project.name);
  const researchUids = [...new Set([...assignments.map((a) => a.researchStudyUid), ...records.map((r) => r.researchStudyUid)].filter((u): u is string => !!u))];
  const pacs: DeletionReport['pacs'] = { deletedBy: ports.pacs.canDelete(project.destination) ? 'fiona' : 'nobody', studies: 0, instances: 0, notDeleted: [] };
  for (const uid of researchUids) {
    if (pacs.deletedBy === 'nobody') {
      pacs.notDeleted.push({ researchStudyUid: uid, error: 'no way to delete from this research PACS is configured' });
      continue;
    }
    try {
      const { instances } = await ports.pacs.deleteStudy(project.destination, uid);
      pacs.studies += instances > 0 ? 1 : 0;
      pacs.instances += instances;
    } catch (err) {
      pacs.notDeleted.push({ researchStudyUid: uid, error: (err as Error).message });
    }
  }
  // Fiona must not keep a copy it cannot delete later: a PACS that refused stops the deletion here.
  if (pacs.notDeleted.length > 0 && pacs.deletedBy === 'fiona') throw new Error(`the research PACS did not delete ${pacs.notDeleted.length} of ${researchUids.length} studies (${pacs.notDeleted[0].error}); nothing of the project was deleted in Fiona, try again`);
  const participants = (await ports.participants.list(project.name, null)).length;
  const transfers = (await ports.transfers.list({ projects: [project.name], limit: 5000 })).length;
  // Quarantine studies that no other project holds.
  const alone: string[] = [];
  for (const a of assignments) {
    if ((await ports.assignments.forStudy(a.studyInstanceUid)).every((other) => other.project === project.name)) alone.push(a.studyInstanceUid);
  }
  await ports.projects.remove(project.name);
  for (const uid of alone) {
    await ports.quarantine.removeStudy(uid);
    await rm(studyDir(ports.dataDir, uid), { recursive: true, force: true });
  }
  return { studies: assignments.length, participants, transfers, quarantineStudiesRemoved: alone.length, pacs };
}
