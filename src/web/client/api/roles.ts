// What each project role may do, mirroring the server's rules (web/permissions): the server decides,
// this only shapes the page (which buttons and sections to show).
import type { Project, ProjectRole, Session } from './types.js';

type ProjectPermission = 'project:read' | 'members:manage' | 'participants:read' | 'participants:manage' | 'studies:assign' | 'data:read' | 'data:review' | 'data:export' | 'data:delete';

const ROLE_PERMISSIONS: Record<ProjectRole, ProjectPermission[]> = {
  owner: ['project:read', 'members:manage', 'participants:read', 'participants:manage', 'studies:assign', 'data:read', 'data:review', 'data:export', 'data:delete'],
  'data-manager': ['project:read', 'participants:read', 'participants:manage', 'studies:assign', 'data:read', 'data:review', 'data:export', 'data:delete'],
  'data-entry': ['project:read', 'participants:read', 'studies:assign', 'data:read'],
  viewer: ['project:read', 'participants:read', 'data:read'],
};

export const PROJECT_ROLES = Object.keys(ROLE_PERMISSIONS) as ProjectRole[];

export function may(session: Session, project: Pick<Project, 'myRole'>, permission: ProjectPermission): boolean {
  if (session.user.isAdmin) return true;
  return Boolean(project.myRole && ROLE_PERMISSIONS[project.myRole].includes(permission));
}
