// Routing: which project, participant and event a quarantine study goes to, decided by a person (assign),
// by the project's coupling list (accession number), by its auto-ID rule (PatientID/PatientName) or, for
// series made on a workstation from research data (derived), by the original study's assignment. Every
// decision is remembered, so series that arrive later follow without another click, and ends in a queued
// transfer (the forward stage takes it from there). An assignment, its audit rows and its transfer are
// written in one transaction: either all of them or none.
import type { Actor, Audit } from '../../platform/audit/audit.js';
import { systemActor } from '../../platform/audit/audit.js';
import { ConflictError, NotFoundError, RuleError } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import { applyAutoIdRule } from '../../projects/auto-id-rule.js';
import type { ParticipantScope, ParticipantsService } from '../../projects/participants-service.js';
import type { ProjectsRepository } from '../../projects/projects-repository.js';
import type { BirthYearsRepository } from '../../projects/participants-repository.js';
import { assignmentBlockedReason, birthYearOf, isClosed, type Project } from '../../projects/rules.js';
import type { QuarantineRepository, QuarantineStudy } from '../quarantine/repository.js';
import type { Assignment, AssignmentSource, AssignmentsRepository } from './assignments-repository.js';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { accessionOf, CouplingParser, lineSlices, type CouplingLineError } from './coupling-csv.js';
import type { CouplingEntry, CouplingRepository } from './coupling-repository.js';

/** A transfer as routing knows it: queued for the forward stage, which owns the rest of it. */
export interface QueuedTransfer {
  id: string;
}

/** Where routing puts its decisions (the transfers repository of the forward stage, plugged in by the composition root). */
export interface TransferQueue {
  request(input: Pick<Assignment, 'studyInstanceUid' | 'project' | 'participant' | 'event'>, now: Date): Promise<{ transfer: QueuedTransfer; outcome: 'created' | 'requeued' | 'rerun' | 'unchanged' }>;
}

/** The writes of one routing decision, made in one transaction. */
export interface RoutingWrites {
  assignments: Pick<AssignmentsRepository, 'find' | 'save'>;
  coupling: Pick<CouplingRepository, 'markUsed'>;
  transfers: TransferQueue;
  /** Participants' birth years, kept only for projects approved to export them. */
  birthYears?: Pick<BirthYearsRepository, 'store'>;
  audit: Audit;
}

export interface RoutingPorts {
  quarantine: Pick<QuarantineRepository, 'getStudy' | 'studiesWithAccession'>;
  assignments: Pick<AssignmentsRepository, 'find' | 'forStudy' | 'byResearchStudyUid'>;
  coupling: Pick<CouplingRepository, 'list' | 'count' | 'findMany' | 'upsert' | 'byAccession'>;
  projects: Pick<ProjectsRepository, 'find' | 'list'>;
  participants: Pick<ParticipantsService, 'ensure' | 'isVisible' | 'list'>;
  /** Coupling-list entries one project may hold (default 100,000). */
  maxCouplingEntries?: number;
  /** Runs `work` in one transaction with repositories bound to it. */
  transaction<T>(work: (writes: RoutingWrites) => Promise<T>): Promise<T>;
  audit: Audit;
  /** The UID root de-identified studies are made under (derived series carry ROOT.<digits>). */
  uidRoot: string;
  /** Whether a correction of the study waits for approval: then its late series wait too. */
  underCorrection?: (studyInstanceUid: string) => Promise<boolean>;
  /** Called when a transfer was queued, so a worker picks it up at once. */
  onQueued?: () => void;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  now?: () => Date;
}

export interface AssignInput {
  project: string;
  participant: string;
  event: string;
}

export interface CouplingImport {
  imported: number;
  rejected: number;
  /** The first MAX_REPORTED_ERRORS bad lines (`rejected` counts them all). */
  errors: CouplingLineError[];
  /** Studies already in the quarantine that the new entries assigned. */
  assigned: Array<{ accessionNumber: string; transferId: string }>;
}

type Decision = { study: QuarantineStudy; project: Project; participant: string; event: string; source: AssignmentSource; derivedFrom: string | null; actor: Actor; researchStudyUid?: string | null; coupling?: CouplingEntry };

const ALL: ParticipantScope = { dataAccessGroup: null };

/** Lines parsed, looked up and written per step of a coupling-list import; the event loop runs between steps. */
const COUPLING_SLICE = 1_000;
export const MAX_REPORTED_ERRORS = 1_000;

/** ROOT.<one numeric component>: a study UID we made (the original system's rule for "already anonymized"). */
export function isResearchStudyUid(uid: string, uidRoot: string): boolean {
  return uid.startsWith(`${uidRoot}.`) && /^(0|[1-9][0-9]*)$/.test(uid.slice(uidRoot.length + 1));
}

export class RoutingService {
  private readonly now: () => Date;

  constructor(private readonly ports: RoutingPorts) {
    this.now = ports.now ?? (() => new Date());
  }

  private async project(name: string): Promise<Project> {
    const project = await this.ports.projects.find(name);
    if (!project) throw new NotFoundError(`project "${name}" not found`);
    return project;
  }

  private checkOpen(project: Project): void {
    const blocked = assignmentBlockedReason(project, this.now().toISOString().slice(0, 10));
    if (blocked) throw new RuleError(`${project.name} takes no new assignments: ${blocked}`, 'project');
  }

  /** A person assigns a quarantine study; the participant is registered if new (it must match the pattern). */
  async assign(studyInstanceUid: string, input: AssignInput, actor: Actor, scope: ParticipantScope = ALL): Promise<QueuedTransfer> {
    const study = await this.ports.quarantine.getStudy(studyInstanceUid);
    if (!study) throw new NotFoundError(`study ${studyInstanceUid} is not in the quarantine`);
    const project = await this.project(input.project);
    this.checkOpen(project);
    if (!project.events.includes(input.event)) throw new RuleError(`event: "${input.event}" is not an event of ${project.name} (${project.events.join(', ')})`, 'event');
    const existing = await this.ports.assignments.find(studyInstanceUid, project.name);
    if (existing && existing.participant !== input.participant) {
      // A member limited to a data access group does not learn another group's participant IDs.
      const named = scope.dataAccessGroup === null || (await this.ports.participants.isVisible(project.name, existing.participant, scope));
      throw new ConflictError(`the study is already assigned to ${named ? `participant ${existing.participant}` : 'a participant of another data access group'} in ${project.name}; a study goes to one participant`, 'participant');
    }
    await this.ports.participants.ensure(project.name, input.participant, scope, actor);
    return this.record({ study, project, participant: input.participant, event: input.event, source: 'person', derivedFrom: null, actor });
  }

  /** The assignment, its audit row and its transfer (with its audit row), in one transaction. */
  private async record(a: Decision): Promise<QueuedTransfer> {
    const at = this.now().toISOString();
    const transfer = await this.ports.transaction(async (tx) => {
      const previous = await tx.assignments.find(a.study.studyInstanceUid, a.project.name);
      await tx.assignments.save({
        studyInstanceUid: a.study.studyInstanceUid,
        project: a.project.name,
        participant: a.participant,
        event: a.event,
        source: a.source,
        derivedFrom: a.derivedFrom,
        researchStudyUid: previous?.researchStudyUid ?? a.researchStudyUid ?? null,
        assignedBy: a.actor.username,
        assignedAt: at,
      });
      await tx.audit.record({
        action: 'study.assign',
        actor: a.actor,
        project: a.project.name,
        target: a.study.studyInstanceUid,
        details: { participant: a.participant, event: a.event, source: a.source, ...(a.derivedFrom ? { derivedFrom: a.derivedFrom } : {}), instances: a.study.instanceCount },
      });
      await this.keepBirthYear(tx, a);
      if (a.coupling) await tx.coupling.markUsed(a.project.name, a.coupling.accessionNumber, a.study.studyInstanceUid, at);
      return this.request(tx, { studyInstanceUid: a.study.studyInstanceUid, project: a.project.name, participant: a.participant, event: a.event }, a.actor);
    });
    this.ports.onQueued?.();
    return transfer;
  }

  /**
   * Where the project is approved for birth years in exports, the participant's birth YEAR from the
   * quarantine copy's PatientBirthDate is kept with the participant (the date itself never is). A derived
   * series carries de-identified data only, so it has none. The audit row says what happened, never the year.
   */
  private async keepBirthYear(tx: RoutingWrites, a: Decision): Promise<void> {
    if (!a.project.birthYearInExport || a.source === 'derived' || !tx.birthYears) return;
    const year = birthYearOf(a.study.patientBirthDate);
    const outcome = year === undefined ? (a.study.patientBirthDate ? 'unreadable' : 'absent') : await tx.birthYears.store(a.project.name, a.participant, year);
    await tx.audit.record({
      action: 'participant.birth-year',
      actor: a.actor,
      project: a.project.name,
      target: a.participant,
      ...(outcome === 'differs' || outcome === 'unreadable' ? { outcome: 'failed' as const } : {}),
      details: { study: a.study.studyInstanceUid, outcome, approval: a.project.birthYearInExport.approval },
    });
    if (outcome === 'differs') this.ports.logger?.warn({ study: a.study.studyInstanceUid, project: a.project.name }, 'the study\'s birth year differs from the one kept for its participant; the kept year stays');
  }

  private async request(tx: RoutingWrites, a: Pick<Assignment, 'studyInstanceUid' | 'project' | 'participant' | 'event'>, actor: Actor): Promise<QueuedTransfer> {
    const { transfer, outcome } = await tx.transfers.request(a, this.now());
    if (outcome !== 'unchanged') {
      await tx.audit.record({ action: 'transfer.queued', actor, project: a.project, target: transfer.id, details: { study: a.studyInstanceUid, participant: a.participant, event: a.event, outcome } });
    }
    return transfer;
  }

  /** A known assignment again (late series): its transfer is queued again. */
  private async queue(a: Pick<Assignment, 'studyInstanceUid' | 'project' | 'participant' | 'event'>, actor: Actor): Promise<QueuedTransfer> {
    const transfer = await this.ports.transaction((tx) => this.request(tx, a, actor));
    this.ports.onQueued?.();
    return transfer;
  }

  /**
   * A study went quiet after receiving. Known assignments are forwarded again (late series); otherwise the
   * study is routed by derived UID, coupling list or auto-ID rule, in that order.
   */
  async onStudyArrived(studyInstanceUid: string): Promise<QueuedTransfer[]> {
    const study = await this.ports.quarantine.getStudy(studyInstanceUid);
    if (!study) return [];
    if (await this.ports.underCorrection?.(studyInstanceUid)) {
      this.ports.logger?.info({ study: studyInstanceUid }, 'a correction of this study waits for approval; its series wait too');
      return [];
    }
    const known = await this.ports.assignments.forStudy(studyInstanceUid);
    if (known.length > 0) {
      const out: QueuedTransfer[] = [];
      for (const a of known) out.push(await this.queue(a, systemActor));
      return out;
    }
    if (isResearchStudyUid(studyInstanceUid, this.ports.uidRoot)) {
      const original = await this.ports.assignments.byResearchStudyUid(studyInstanceUid);
      if (original) {
        const project = await this.project(original.project);
        return [await this.record({ study, project, participant: original.participant, event: original.event, source: 'derived', derivedFrom: original.studyInstanceUid, actor: systemActor, researchStudyUid: studyInstanceUid })];
      }
      this.ports.logger?.warn({ study: studyInstanceUid }, 'a study with a research UID arrived, but no assigned study became that UID; left in the quarantine');
      return [];
    }
    const out: QueuedTransfer[] = [];
    if (study.accessionNumber) {
      for (const entry of await this.ports.coupling.byAccession(study.accessionNumber)) {
        const transfer = await this.applyCoupling(entry, study);
        if (transfer) out.push(transfer);
      }
      if (out.length > 0) return out;
    }
    for (const project of await this.ports.projects.list()) {
      if (!project.autoIdRule) continue;
      const participant = applyAutoIdRule(project.autoIdRule, study);
      if (!participant) continue;
      try {
        this.checkOpen(project);
        await this.ports.participants.ensure(project.name, participant, ALL, systemActor);
        out.push(await this.record({ study, project, participant, event: project.autoIdRule.event, source: 'auto-id', derivedFrom: null, actor: systemActor }));
      } catch (err) {
        this.ports.logger?.warn({ study: studyInstanceUid, project: project.name, err: (err as Error).message }, 'auto-ID rule matched but the study could not be assigned');
        await this.ports.audit.record({ action: 'study.assign', outcome: 'failed', actor: systemActor, project: project.name, target: studyInstanceUid, details: { source: 'auto-id', participant, reason: (err as Error).message } });
      }
    }
    return out;
  }

  private async applyCoupling(entry: CouplingEntry, study: QuarantineStudy): Promise<QueuedTransfer | undefined> {
    try {
      const project = await this.project(entry.project);
      this.checkOpen(project);
      const existing = await this.ports.assignments.find(study.studyInstanceUid, project.name);
      if (existing) return undefined; // a person or an earlier list already decided
      await this.ports.participants.ensure(project.name, entry.participant, ALL, systemActor);
      return await this.record({ study, project, participant: entry.participant, event: entry.event, source: 'coupling-list', derivedFrom: null, actor: systemActor, coupling: entry });
    } catch (err) {
      this.ports.logger?.warn({ study: study.studyInstanceUid, project: entry.project, err: (err as Error).message }, 'coupling-list entry matched but the study could not be assigned');
      await this.ports.audit.record({ action: 'study.assign', outcome: 'failed', actor: systemActor, project: entry.project, target: study.studyInstanceUid, details: { source: 'coupling-list', participant: entry.participant, reason: (err as Error).message } });
      return undefined;
    }
  }

  /**
   * Import a coupling list: good rows are stored (bad ones reported by line) and matching quarantine studies
   * assigned. Done in slices of COUPLING_SLICE lines, each parsed, looked up and written on its own (the
   * event loop runs between slices, and no transaction holds the database for the whole list), so a large
   * list does not stall the DICOM listener or other requests. A member limited to a data access group may
   * couple only participants of that group (new ones are registered in it).
   */
  async importCouplingList(projectName: string, csv: string | Uint8Array, actor: Actor, scope: ParticipantScope = ALL): Promise<CouplingImport> {
    const project = await this.project(projectName);
    if (isClosed(project.status)) throw new RuleError(`${projectName} is archived and takes no coupling lists`);
    const cap = this.ports.maxCouplingEntries ?? 100_000;
    let held = await this.ports.coupling.count(projectName);
    const limited = scope.dataAccessGroup !== null;
    const groupOf = limited ? new Map((await this.ports.participants.list(projectName, ALL)).map((p) => [p.id, p.dataAccessGroup])) : new Map<string, string | null>();
    const hidden = (participant: string) => limited && groupOf.has(participant) && groupOf.get(participant) !== scope.dataAccessGroup;
    const parser = new CouplingParser(project, { nameStored: (p) => (hidden(p) ? 'a participant of another data access group' : `participant ${p}`) });
    const at = this.now().toISOString();
    const assigned: CouplingImport['assigned'] = [];
    for (const { first, lines } of lineSlices(csv, COUPLING_SLICE)) {
      const accessions = [...new Set(lines.map(accessionOf).filter((a) => a !== ''))];
      const existing = new Map((await this.ports.coupling.findMany(projectName, accessions)).map((e) => [e.accessionNumber, e.participant]));
      const rows = parser.slice(lines, first, existing).filter((row) => {
        if (hidden(row.participant)) return parser.refuse(row, `participant ${row.participant} is not in your data access group`), false;
        if (!existing.has(row.accessionNumber)) {
          if (held >= cap) return parser.refuse(row, `the coupling list of ${projectName} is full (${cap} entries at most); not imported`), false;
          held++;
        }
        return true;
      });
      if (limited) {
        let registered = 0;
        for (const row of rows) {
          if (groupOf.has(row.participant)) continue;
          groupOf.set((await this.ports.participants.ensure(projectName, row.participant, scope, actor)).id, scope.dataAccessGroup);
          if (++registered % 100 === 0) await yieldToLoop();
        }
      }
      await this.ports.coupling.upsert(rows.map((r) => ({ project: projectName, accessionNumber: r.accessionNumber, participant: r.participant, event: r.event, uploadedBy: actor.username, uploadedAt: at })));
      const byAccession = new Map(rows.map((r) => [r.accessionNumber, r]));
      for (const hit of await this.ports.quarantine.studiesWithAccession([...byAccession.keys()])) {
        const row = byAccession.get(hit.accessionNumber)!;
        const study = await this.ports.quarantine.getStudy(hit.studyInstanceUid);
        if (!study) continue;
        const transfer = await this.applyCoupling({ project: projectName, accessionNumber: row.accessionNumber, participant: row.participant, event: row.event, uploadedBy: actor.username, uploadedAt: at, usedAt: null, usedByStudy: null }, study);
        if (transfer) assigned.push({ accessionNumber: row.accessionNumber, transferId: transfer.id });
      }
      await yieldToLoop();
    }
    const errors = parser.errors.sort((a, b) => a.line - b.line);
    await this.ports.audit.record({ action: 'coupling.upload', actor, project: projectName, details: { imported: parser.rows.length, rejected: errors.length, ...(limited ? { dataAccessGroup: scope.dataAccessGroup } : {}) } });
    return { imported: parser.rows.length, rejected: errors.length, errors: errors.slice(0, MAX_REPORTED_ERRORS), assigned };
  }

  /** A page of the project's coupling list in accession-number order (only one data access group's participants, when the scope says so). */
  async couplingList(projectName: string, page: { after?: string; limit: number }, scope: ParticipantScope = ALL): Promise<CouplingEntry[]> {
    await this.project(projectName);
    return this.ports.coupling.list(projectName, { after: page.after, limit: page.limit, dataAccessGroup: scope.dataAccessGroup });
  }
}
