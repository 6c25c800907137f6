// Asking for access to an existing project: any signed-in user asks (with a message); the project's owners
// decide, approving with a role (the user becomes a member) or declining with a reason. The answer to the
// asker is the same whether or not the project exists or they are a member already, so asking does not
// tell anyone which projects exist. Audited as `access.request | approve | decline`.
import type { Actor, Audit } from '../platform/audit/audit.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from '../platform/errors.js';
import type { AccessRequest, AccessRequestsRepository } from './access-requests-repository.js';
import { checkReason } from './lifecycle.js';
import type { MembersRepository } from './members-repository.js';
import type { ProjectsRepository } from './projects-repository.js';
import type { ProjectsService } from './projects-service.js';
import { isClosed } from './rules.js';

export interface AccessRequestsPorts {
  requests: AccessRequestsRepository;
  projects: Pick<ProjectsRepository, 'find'>;
  members: Pick<MembersRepository, 'membership'>;
  projectsService: Pick<ProjectsService, 'addMember'>;
  audit: Audit;
  now?: () => Date;
}

export class AccessRequestsService {
  private readonly now: () => Date;

  constructor(private readonly ports: AccessRequestsPorts) {
    this.now = ports.now ?? (() => new Date());
  }

  async ask(project: string, message: string | undefined, actor: Actor): Promise<void> {
    if (!actor.username || !actor.userId) throw new ForbiddenError('sign in to ask for access');
    const text = checkReason(message, 'message', false);
    const found = await this.ports.projects.find(project);
    if (!found || isClosed(found.status) || (await this.ports.members.membership(project, actor.userId)) || (await this.ports.requests.pendingFor(project, actor.username))) return;
    const request = await this.ports.requests.insert({ project, username: actor.username, message: text, createdAt: this.now().toISOString() });
    await this.ports.audit.record({ action: 'access.request', actor, project, target: actor.username, details: { request: request.id } });
  }

  list(project: string): Promise<AccessRequest[]> {
    return this.ports.requests.list(project);
  }

  async decide(project: string, id: string, decision: { approve: true; role: string } | { approve: false; reason: string }, actor: Actor): Promise<AccessRequest> {
    const request = await this.ports.requests.get(project, id);
    if (!request) throw new NotFoundError(`access request ${id} not found`);
    if (request.status !== 'pending') throw new ConflictError(`the request was ${request.status} already`);
    const at = this.now().toISOString();
    if (decision.approve) {
      if (!decision.role) throw new RuleError('role: the role the user gets', 'role');
      await this.ports.projectsService.addMember(project, { username: request.username, role: decision.role }, actor);
      if (!(await this.ports.requests.decide(id, { status: 'approved', role: decision.role, reason: null, decidedBy: actor.username, decidedAt: at }))) throw new ConflictError('the request was decided meanwhile');
      await this.ports.audit.record({ action: 'access.approve', actor, project, target: request.username, details: { request: id, role: decision.role } });
    } else {
      const reason = checkReason(decision.reason);
      if (!(await this.ports.requests.decide(id, { status: 'declined', role: null, reason, decidedBy: actor.username, decidedAt: at }))) throw new ConflictError('the request was decided meanwhile');
      await this.ports.audit.record({ action: 'access.decline', actor, project, target: request.username, details: { request: id, reason } });
    }
    return (await this.ports.requests.get(project, id))!;
  }
}
