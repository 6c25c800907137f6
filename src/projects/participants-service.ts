// Participants of a project: registered under an ID that matches the project's pattern, each with a date
// offset fixed when first used. A member limited to a data access group sees and registers only that
// group's participants.
import { randomInt } from 'node:crypto';
import type { Actor, Audit } from '../platform/audit/audit.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleError, isUniqueViolation } from '../platform/errors.js';
import type { MembersRepository } from './members-repository.js';
import type { Participant, ParticipantsRepository } from './participants-repository.js';
import type { ProjectsRepository } from './projects-repository.js';
import { checkParticipantId, isClosed, type Project } from './rules.js';

/**
 * The participant's date offset in days: negative, never 0 (DEID-SPEC section 4). The de-identification
 * engine provides the keyed HMAC version (`dateOffsetDays(key, project, participant, options)`); inject it
 * bound to the installation's key.
 */
export type DateOffsetFn = (project: string, participant: string, options: { preserveWeekday: boolean }) => number;

/** The fallback the spec also allows: drawn at random at first use (and then persisted). */
export const randomDateOffset: DateOffsetFn = (_project, _participant, { preserveWeekday }) =>
  preserveWeekday ? -7 * (1 + randomInt(104)) : -(1 + randomInt(730));

/** Whose view: null group = every participant (admins, and members without a group). */
export interface ParticipantScope {
  dataAccessGroup: string | null;
}

export const ALL_PARTICIPANTS: ParticipantScope = { dataAccessGroup: null };

export interface ParticipantsPorts {
  projects: Pick<ProjectsRepository, 'find'>;
  members: Pick<MembersRepository, 'findGroup'>;
  participants: ParticipantsRepository;
  audit: Audit;
  dateOffsetDays: DateOffsetFn;
  now?: () => Date;
}

export class ParticipantsService {
  private readonly now: () => Date;

  constructor(private readonly ports: ParticipantsPorts) {
    this.now = ports.now ?? (() => new Date());
  }

  private async project(name: string): Promise<Project> {
    const project = await this.ports.projects.find(name);
    if (!project) throw new NotFoundError(`project "${name}" not found`);
    return project;
  }

  /** Register a new participant. 422 with the reason when the ID does not match the pattern, 409 when it exists. */
  async register(projectName: string, input: { id: string; dataAccessGroup?: string | null }, scope: ParticipantScope, actor: Actor): Promise<Participant> {
    const project = await this.project(projectName);
    if (isClosed(project.status)) throw new RuleError(`${projectName} is archived and takes no new participants`);
    const id = checkParticipantId(project, input.id);
    let group = input.dataAccessGroup || null;
    if (scope.dataAccessGroup !== null) {
      if (group !== null && group !== scope.dataAccessGroup) throw new ForbiddenError(`dataAccessGroup: you may register participants only in group "${scope.dataAccessGroup}"`);
      group = scope.dataAccessGroup;
    } else if (group !== null && !(await this.ports.members.findGroup(projectName, group))) {
      throw new RuleError(`dataAccessGroup: no group "${group}" in ${projectName}`, 'dataAccessGroup');
    }
    if (await this.ports.participants.find(projectName, id)) throw new ConflictError(`id: participant "${id}" already exists in ${projectName}`, 'id');
    const participant: Participant = {
      project: projectName,
      id,
      dataAccessGroup: group,
      dateOffsetDays: this.offset(project, id),
      createdAt: this.now().toISOString(),
      createdBy: actor.username,
    };
    try {
      await this.ports.participants.insert(participant);
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError(`id: participant "${id}" already exists in ${projectName}`, 'id');
      throw err;
    }
    await this.ports.audit.record({ action: 'participant.add', actor, project: projectName, target: id, details: { dataAccessGroup: group } });
    return participant;
  }

  /** The participant, registering it on first use (assignment of a study to a new ID). */
  async ensure(projectName: string, id: string, scope: ParticipantScope, actor: Actor): Promise<Participant> {
    const existing = await this.ports.participants.find(projectName, id);
    if (existing) {
      if (!this.visible(existing, scope)) throw new ForbiddenError(`participant "${id}" belongs to another data access group`);
      return existing;
    }
    try {
      return await this.register(projectName, { id }, scope, actor);
    } catch (err) {
      // Registered by someone else in the meantime.
      if (err instanceof ConflictError) return (await this.ports.participants.find(projectName, id))!;
      throw err;
    }
  }

  async list(projectName: string, scope: ParticipantScope): Promise<Participant[]> {
    await this.project(projectName);
    return this.ports.participants.list(projectName, scope.dataAccessGroup);
  }

  async get(projectName: string, id: string, scope: ParticipantScope): Promise<Participant> {
    await this.project(projectName);
    const participant = await this.ports.participants.find(projectName, id);
    if (!participant || !this.visible(participant, scope)) throw new NotFoundError(`participant "${id}" not found in ${projectName}`);
    return participant;
  }

  /** Whether the participant exists and the scope may see it. */
  async isVisible(projectName: string, id: string, scope: ParticipantScope): Promise<boolean> {
    const participant = await this.ports.participants.find(projectName, id);
    return !!participant && this.visible(participant, scope);
  }

  private visible(p: Participant, scope: ParticipantScope): boolean {
    return scope.dataAccessGroup === null || p.dataAccessGroup === scope.dataAccessGroup;
  }

  private offset(project: Project, id: string): number {
    const days = this.ports.dateOffsetDays(project.name, id, { preserveWeekday: project.deidOptions.preserveWeekday });
    if (!Number.isInteger(days) || days >= 0) throw new Error(`date offset for ${project.name}/${id} must be a negative integer (got ${days})`);
    return days;
  }
}
