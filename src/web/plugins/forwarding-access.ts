// Access checks for routes whose project is not in the URL (the study assign body, a transfer's id): the
// same rules as web/permissions — non-members get 404, members without the permission 403, admins all.
import type { FastifyRequest } from 'fastify';
import type { Audit } from '../../platform/audit/audit.js';
import { isProjectRole, mayInProject, type ProjectPermission } from '../../platform/auth/permissions.js';
import { ForbiddenError, NotFoundError } from '../../platform/errors.js';
import type { MembersRepository } from '../../projects/members-repository.js';
import type { ProjectsRepository } from '../../projects/projects-repository.js';
import { sourceAddress, type RequestAuth } from '../permissions.js';

export interface ProjectAccessDeps {
  members: Pick<MembersRepository, 'membership'>;
  projects: Pick<ProjectsRepository, 'list' | 'listForUser'>;
  audit: Audit;
}

export async function requireProjectPermission(deps: ProjectAccessDeps, request: FastifyRequest, auth: RequestAuth, project: string, permission: ProjectPermission): Promise<{ dataAccessGroup: string | null }> {
  const membership = await deps.members.membership(project, auth.principal.userId);
  const role = membership && isProjectRole(membership.role) ? membership.role : null;
  if (!auth.principal.isAdmin && role === null) throw new NotFoundError(`project "${project}" not found`);
  if (!mayInProject(auth.principal, role, permission)) {
    await deps.audit.record({ action: 'access.denied', outcome: 'denied', actor: auth.actor, project, sourceAddress: sourceAddress(request), details: { method: request.method, route: request.routeOptions.url, permission } });
    throw new ForbiddenError(`your role in ${project} (${role}) does not allow ${permission}`);
  }
  return { dataAccessGroup: auth.principal.isAdmin ? null : (membership?.dataAccessGroup ?? null) };
}

/** The projects whose transfers a caller may see: all for admins, else those they are a member of. */
export async function visibleProjects(deps: ProjectAccessDeps, auth: RequestAuth): Promise<string[]> {
  if (auth.principal.isAdmin) return (await deps.projects.list()).map((p) => p.name);
  return (await deps.projects.listForUser(auth.principal.userId)).map((p) => p.name);
}
