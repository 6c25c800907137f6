// Projects, their members and data access groups. Callers have been authorised for the project already
// (web/permissions); this service keeps the rules: valid settings, no duplicates, nothing half-created,
// a project never left without an owner by its owners, and an audit row for every change.
import type { Actor, Audit } from '../platform/audit/audit.js';
import { isProjectRole, PROJECT_ROLES, type Principal, type ProjectRole } from '../platform/auth/permissions.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleError, isUniqueViolation } from '../platform/errors.js';
import type { DataAccessGroup, Member, MembersRepository } from './members-repository.js';
import type { LifecycleRepository } from './lifecycle-repository.js';
import type { ProjectsRepository } from './projects-repository.js';
import type { BirthYearsRepository } from './participants-repository.js';
import { applyProjectChanges, checkBirthYearApproval, checkGroupName, validateNewProject, type Project, type ProjectChanges, type ProjectInput } from './rules.js';

export interface UserLookup {
  findUser(username: string): Promise<{ id: string; username: string; disabled: boolean } | undefined>;
}

export interface ProjectsPorts {
  projects: ProjectsRepository;
  members: MembersRepository;
  users: UserLookup;
  audit: Audit;
  /** Where a project's life is written (its first status, who created it and why). */
  history?: Pick<LifecycleRepository, 'record'>;
  /** Participants' kept birth years (forgotten when a project's approval ends). */
  birthYears?: Pick<BirthYearsRepository, 'clear'>;
  now?: () => Date;
}

export type ProjectWithRole = Project & { role: ProjectRole | null; dataAccessGroup: string | null };

function checkRole(role: string): ProjectRole {
  if (!isProjectRole(role)) throw new RuleError(`role: one of ${PROJECT_ROLES.join(', ')}`, 'role');
  return role;
}

export class ProjectsService {
  private readonly now: () => Date;

  constructor(private readonly ports: ProjectsPorts) {
    this.now = ports.now ?? (() => new Date());
  }

  /** Create a project, optionally with its first owner, in one transaction. */
  async create(input: ProjectInput & { owner?: string | null }, actor: Actor, origin: { reason?: string | null; details?: Record<string, unknown> } = {}): Promise<Project> {
    const project = validateNewProject(input, this.now());
    const members: Array<{ userId: string; role: ProjectRole }> = [];
    if (input.owner) {
      const owner = await this.ports.users.findUser(input.owner);
      if (!owner) throw new RuleError(`owner: no user "${input.owner}"`, 'owner');
      members.push({ userId: owner.id, role: 'owner' });
    }
    const clash = await this.ports.projects.findIgnoringCase(project.name);
    if (clash) throw new ConflictError(`name: a project "${clash.name}" already exists`, 'name');
    try {
      await this.ports.projects.insert(project, members);
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError(`name: a project "${project.name}" already exists`, 'name');
      throw err;
    }
    await this.ports.history?.record({ project: project.name, from: null, to: project.status, by: actor.username, reason: origin.reason ?? null, details: { owner: input.owner ?? null, ...origin.details }, at: project.createdAt });
    await this.ports.audit.record({ action: 'project.create', actor, project: project.name, details: { owner: input.owner ?? null, status: project.status, ...origin.details } });
    return project;
  }

  async get(name: string): Promise<Project> {
    const project = await this.ports.projects.find(name);
    if (!project) throw new NotFoundError(`project "${name}" not found`);
    return project;
  }

  /** The projects a principal may see: all for an admin, otherwise those they are a member of. */
  async listVisible(principal: Principal): Promise<ProjectWithRole[]> {
    const mine = await this.ports.projects.listForUser(principal.userId);
    const roles = new Map(mine.map((p) => [p.name, p]));
    const projects = principal.isAdmin ? await this.ports.projects.list() : mine;
    return projects.map((p) => {
      const { role: _r, dataAccessGroup: _g, ...project } = p as Project & { role?: string; dataAccessGroup?: string | null };
      const m = roles.get(p.name);
      return { ...project, role: (m?.role as ProjectRole | undefined) ?? null, dataAccessGroup: m?.dataAccessGroup ?? null };
    });
  }

  async update(name: string, changes: ProjectChanges, actor: Actor): Promise<Project> {
    const project = await this.get(name);
    const next = applyProjectChanges(project, changes, this.now());
    await this.ports.projects.update(next);
    await this.ports.audit.record({ action: 'project.update', actor, project: name, details: { changed: Object.keys(changes) } });
    return next;
  }

  /**
   * A site admin allows (with the approval's reference) or stops birth years in the project's exports.
   * Allowing keeps the birth year of participants assigned from now on; stopping forgets every kept year.
   */
  async setBirthYearInExport(name: string, input: { enabled: boolean; approval?: string | null }, actor: Actor): Promise<Project> {
    const project = await this.get(name);
    const at = this.now().toISOString();
    let cleared = 0;
    if (input.enabled) {
      const approval = checkBirthYearApproval(input.approval);
      await this.ports.projects.update({ ...project, birthYearInExport: { approval, setBy: actor.username, setAt: at }, updatedAt: at });
    } else {
      await this.ports.projects.update({ ...project, birthYearInExport: null, updatedAt: at });
      cleared = (await this.ports.birthYears?.clear(name)) ?? 0;
    }
    await this.ports.audit.record({
      action: 'project.birth-year-export',
      actor,
      project: name,
      details: input.enabled ? { enabled: true, approval: checkBirthYearApproval(input.approval), previous: project.birthYearInExport?.approval ?? null } : { enabled: false, previous: project.birthYearInExport?.approval ?? null, birthYearsForgotten: cleared },
    });
    return this.get(name);
  }

  // ---- members ----

  async listMembers(project: string): Promise<Member[]> {
    await this.get(project);
    return this.ports.members.list(project);
  }

  async addMember(project: string, input: { username: string; role: string; dataAccessGroup?: string | null }, actor: Actor): Promise<Member> {
    await this.get(project);
    const role = checkRole(input.role);
    const user = await this.ports.users.findUser(input.username);
    if (!user) throw new RuleError(`username: no user "${input.username}"`, 'username');
    const group = await this.checkGroup(project, input.dataAccessGroup ?? null);
    if (await this.ports.members.find(project, user.id)) throw new ConflictError(`username: "${user.username}" is already a member of ${project}`, 'username');
    try {
      await this.ports.members.insert({ project, userId: user.id, role, dataAccessGroup: group, createdAt: this.now().toISOString() });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError(`username: "${user.username}" is already a member of ${project}`, 'username');
      throw err;
    }
    await this.ports.audit.record({ action: 'member.add', actor, project, target: user.username, details: { role, dataAccessGroup: group } });
    return (await this.ports.members.find(project, user.id))!;
  }

  async updateMember(project: string, username: string, changes: { role?: string; dataAccessGroup?: string | null }, by: Principal, actor: Actor): Promise<Member> {
    const member = await this.findMember(project, username);
    const role = changes.role !== undefined ? checkRole(changes.role) : undefined;
    const group = changes.dataAccessGroup !== undefined ? await this.checkGroup(project, changes.dataAccessGroup) : undefined;
    if (role !== undefined && role !== 'owner') await this.keepAnOwner(project, member, by);
    await this.ports.members.update(project, member.userId, { role, dataAccessGroup: group });
    await this.ports.audit.record({ action: 'member.update', actor, project, target: member.username, details: { from: { role: member.role, dataAccessGroup: member.dataAccessGroup }, role, dataAccessGroup: group } });
    return (await this.ports.members.find(project, member.userId))!;
  }

  async removeMember(project: string, username: string, by: Principal, actor: Actor): Promise<void> {
    const member = await this.findMember(project, username);
    await this.keepAnOwner(project, member, by);
    await this.ports.members.delete(project, member.userId);
    await this.ports.audit.record({ action: 'member.remove', actor, project, target: member.username, details: { role: member.role } });
  }

  // ---- data access groups ----

  async listGroups(project: string): Promise<DataAccessGroup[]> {
    await this.get(project);
    return this.ports.members.listGroups(project);
  }

  async addGroup(project: string, name: string, actor: Actor): Promise<DataAccessGroup> {
    await this.get(project);
    checkGroupName(name);
    if (await this.ports.members.findGroup(project, name)) throw new ConflictError(`name: group "${name}" already exists in ${project}`, 'name');
    const group = { project, name, createdAt: this.now().toISOString() };
    try {
      await this.ports.members.insertGroup(group);
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError(`name: group "${name}" already exists in ${project}`, 'name');
      throw err;
    }
    await this.ports.audit.record({ action: 'group.create', actor, project, target: name });
    return group;
  }

  private async checkGroup(project: string, name: string | null): Promise<string | null> {
    if (name === null || name === '') return null;
    if (!(await this.ports.members.findGroup(project, name))) throw new RuleError(`dataAccessGroup: no group "${name}" in ${project}`, 'dataAccessGroup');
    return name;
  }

  private async findMember(project: string, username: string): Promise<Member> {
    await this.get(project);
    const user = await this.ports.users.findUser(username);
    const member = user && (await this.ports.members.find(project, user.id));
    if (!member) throw new NotFoundError(`"${username}" is not a member of ${project}`);
    return member;
  }

  /** Owners may not leave their project without an owner; an admin may. */
  private async keepAnOwner(project: string, member: Member, by: Principal): Promise<void> {
    if (by.isAdmin || member.role !== 'owner') return;
    if ((await this.ports.members.countOwners(project)) <= 1) throw new ForbiddenError(`"${member.username}" is the last owner of ${project}; add another owner first`);
  }
}
