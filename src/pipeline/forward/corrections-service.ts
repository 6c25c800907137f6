// Corrections with four eyes: a data manager asks to move a study to another participant or event, or to
// remove it from the project, with a reason; an owner or a site admin approves — never the person who
// asked. On approval Fiona removes the wrong copy from the research PACS (research-pacs-deletion.ts),
// forgets the assignment, its transfer and imaging record (so late series no longer follow it), and
// assigns the study again when asked, which queues a fresh transfer under the new pseudonym. While a
// correction waits, late series of the study wait too (routing asks `underCorrection`). Every step is
// in the audit log (`correction.request | approve | reject`).
import type { Actor, Audit } from '../../platform/audit/audit.js';
import type { Principal } from '../../platform/auth/permissions.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from '../../platform/errors.js';
import { checkReason } from '../../projects/lifecycle.js';
import type { MembersRepository } from '../../projects/members-repository.js';
import type { BirthYearsRepository } from '../../projects/participants-repository.js';
import type { ProjectsRepository } from '../../projects/projects-repository.js';
import { checkParticipantId, isClosed, type Project } from '../../projects/rules.js';
import type { AssignmentsRepository } from '../routing/assignments-repository.js';
import type { Correction, CorrectionsRepository } from '../routing/corrections-repository.js';
import type { RoutingService } from '../routing/routing-service.js';
import type { ImagingRecordsRepository } from './imaging-records-repository.js';
import type { ResearchPacsDeletion } from './research-pacs-deletion.js';
import type { TransfersRepository } from './transfers-repository.js';

export interface CorrectionWrites {
  assignments: Pick<AssignmentsRepository, 'remove'>;
  transfers: Pick<TransfersRepository, 'remove'>;
  records: Pick<ImagingRecordsRepository, 'remove'>;
  corrections: Pick<CorrectionsRepository, 'decide'>;
  /** Participants' kept birth years: the one taken from a wrongly assigned study goes with the correction. */
  birthYears?: Pick<BirthYearsRepository, 'forget'>;
  audit: Audit;
}

export interface CorrectionsPorts {
  corrections: CorrectionsRepository;
  assignments: Pick<AssignmentsRepository, 'find'>;
  transfers: Pick<TransfersRepository, 'find'>;
  projects: Pick<ProjectsRepository, 'find'>;
  members: Pick<MembersRepository, 'membership'>;
  routing: Pick<RoutingService, 'assign' | 'onStudyArrived'>;
  pacs: ResearchPacsDeletion;
  transaction<T>(work: (writes: CorrectionWrites) => Promise<T>): Promise<T>;
  audit: Audit;
  now?: () => Date;
}

export interface CorrectionRequest {
  studyInstanceUid: string;
  participant?: string;
  event?: string;
  remove?: boolean;
  reason: string;
}

export class CorrectionsService {
  private readonly now: () => Date;

  constructor(private readonly ports: CorrectionsPorts) {
    this.now = ports.now ?? (() => new Date());
  }

  private async project(name: string): Promise<Project> {
    const project = await this.ports.projects.find(name);
    if (!project) throw new NotFoundError(`project "${name}" not found`);
    return project;
  }

  /** Whether a correction of the study waits (routing holds its late series). */
  async underCorrection(studyInstanceUid: string): Promise<boolean> {
    return (await this.ports.corrections.pendingFor(studyInstanceUid)) !== undefined;
  }

  list(project: string): Promise<Correction[]> {
    return this.ports.corrections.list(project);
  }

  /** A member with the right to delete data asks (the route checked the right). */
  async request(projectName: string, input: CorrectionRequest, actor: Actor): Promise<Correction> {
    if (!actor.username) throw new ForbiddenError('a correction needs a named person');
    const project = await this.project(projectName);
    if (isClosed(project.status)) throw new RuleError(`${project.name} is ${project.status}: its data can no longer be changed`, 'project');
    const reason = checkReason(input.reason)!;
    const current = await this.ports.assignments.find(input.studyInstanceUid, project.name);
    if (!current) throw new NotFoundError(`study ${input.studyInstanceUid} is not assigned to ${project.name}`);
    if (await this.ports.corrections.pendingFor(input.studyInstanceUid, project.name)) throw new ConflictError('a correction of this study waits for approval already', 'studyInstanceUid');
    let to: Correction['to'] = null;
    if (input.remove) {
      if (input.participant !== undefined || input.event !== undefined) throw new RuleError('remove: either remove the study or name a new participant or event, not both', 'remove');
    } else {
      to = { participant: input.participant ?? current.participant, event: input.event ?? current.event };
      checkParticipantId(project, to.participant, 'participant');
      if (!project.events.includes(to.event)) throw new RuleError(`event: "${to.event}" is not an event of ${project.name}`, 'event');
      if (to.participant === current.participant && to.event === current.event) throw new RuleError('participant: the study is assigned so already; name another participant or event, or remove it', 'participant');
    }
    const correction = await this.ports.corrections.insert({ project: project.name, studyInstanceUid: input.studyInstanceUid, from: { participant: current.participant, event: current.event }, to, reason, requestedBy: actor.username, requestedAt: this.now().toISOString() });
    await this.ports.audit.record({ action: 'correction.request', actor, project: project.name, target: input.studyInstanceUid, details: { correction: correction.id, from: correction.from, to, reason } });
    return correction;
  }

  /** Owners and site admins decide, never the person who asked; others do not see the correction. */
  private async forDecision(id: string, principal: Principal): Promise<{ correction: Correction; project: Project }> {
    const correction = await this.ports.corrections.get(id);
    const membership = correction && !principal.isAdmin ? await this.ports.members.membership(correction.project, principal.userId) : undefined;
    if (!correction || (!principal.isAdmin && !membership)) throw new NotFoundError(`correction ${id} not found`);
    if (!principal.isAdmin && membership?.role !== 'owner') throw new ForbiddenError('only the project\'s owners and site admins decide corrections');
    if (correction.requestedBy === principal.username) throw new ForbiddenError('a correction needs a second person: someone else must decide it');
    if (correction.status !== 'pending') throw new ConflictError(`the correction was ${correction.status} already`);
    return { correction, project: await this.project(correction.project) };
  }

  async reject(id: string, reason: string, principal: Principal, actor: Actor): Promise<Correction> {
    const { correction } = await this.forDecision(id, principal);
    const why = checkReason(reason);
    if (!(await this.ports.corrections.decide(id, { status: 'rejected', by: principal.username, at: this.now().toISOString(), reason: why, report: null }))) throw new ConflictError('the correction was decided meanwhile');
    await this.ports.audit.record({ action: 'correction.reject', actor, project: correction.project, target: correction.studyInstanceUid, details: { correction: id, requestedBy: correction.requestedBy, reason: why } });
    // Late series that waited follow the assignment as it stands.
    await this.ports.routing.onStudyArrived(correction.studyInstanceUid);
    return (await this.ports.corrections.get(id))!;
  }

  /**
   * Approve: the wrong copy leaves the research PACS first (if that fails nothing changes and the correction
   * still waits), then the assignment, transfer and imaging record are forgotten in one transaction, then
   * the study is assigned again if the correction names a participant.
   */
  async approve(id: string, input: { reason?: string | null; removedByHand?: boolean }, principal: Principal, actor: Actor): Promise<Correction> {
    const { correction, project } = await this.forDecision(id, principal);
    const uid = correction.studyInstanceUid;
    const assignment = await this.ports.assignments.find(uid, project.name);
    const transfer = await this.ports.transfers.find(uid, project.name);
    if (transfer?.status === 'running') throw new ConflictError('a transfer of this study is running; approve once it has finished');
    const researchStudyUid = assignment?.researchStudyUid ?? null;
    const report: Record<string, unknown> = { researchStudyUid, destination: `${project.destination.aet}@${project.destination.host}:${project.destination.port}` };
    if (researchStudyUid) {
      if (this.ports.pacs.canDelete(project.destination)) {
        report.pacsInstancesDeleted = (await this.ports.pacs.deleteStudy(project.destination, researchStudyUid)).instances;
        report.pacsDeletedBy = 'fiona';
      } else if (input.removedByHand) {
        report.pacsDeletedBy = `by hand, confirmed by ${principal.username}`;
      } else {
        throw new ConflictError(`Fiona cannot delete from ${project.destination.aet}; remove research study ${researchStudyUid} there by hand and approve with removedByHand`, 'removedByHand');
      }
    }
    const decisionReason = checkReason(input.reason, 'reason', false);
    const at = this.now().toISOString();
    await this.ports.transaction(async (w) => {
      if (!(await w.corrections.decide(id, { status: 'approved', by: principal.username, at, reason: decisionReason, report }))) throw new ConflictError('the correction was decided meanwhile');
      if (transfer) await w.transfers.remove(transfer.id);
      if (researchStudyUid) await w.records.remove(project.name, researchStudyUid);
      await w.assignments.remove(uid, project.name);
      // The kept birth year may have come from this study, which was not the participant's: it is
      // forgotten (the participant's next assignment keeps one again); the new participant's is kept by
      // the reassignment below.
      if (project.birthYearInExport && w.birthYears && (await w.birthYears.forget(project.name, correction.from.participant))) {
        await w.audit.record({ action: 'participant.birth-year', actor, project: project.name, target: correction.from.participant, details: { study: uid, outcome: 'forgotten', correction: id } });
      }
      await w.audit.record({ action: 'correction.approve', actor, project: project.name, target: uid, details: { correction: id, requestedBy: correction.requestedBy, from: correction.from, to: correction.to, reason: correction.reason, decisionReason, ...report } });
    });
    if (correction.to) {
      const queued = await this.ports.routing.assign(uid, { project: project.name, participant: correction.to.participant, event: correction.to.event }, actor);
      report.transfer = queued.id;
      await this.ports.audit.record({ action: 'correction.reassigned', actor, project: project.name, target: uid, details: { correction: id, participant: correction.to.participant, event: correction.to.event, transfer: queued.id } });
    }
    return (await this.ports.corrections.get(id))!;
  }
}
