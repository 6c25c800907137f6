// The permission model, as pure data and functions: the site role (admin), the four project roles and
// what each may do. Identity providers (local passwords today, OIDC or LDAP later) only decide *who* a
// request is; everything here decides *what* they may do, and does not care how they signed in.

export const PROJECT_ROLES = ['owner', 'data-manager', 'data-entry', 'viewer'] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

export const PROJECT_PERMISSIONS = [
  'project:read', // see the project's settings and members
  'members:manage', // add, change and remove members and data access groups
  'participants:read', // list the project's participants (within the member's data access group)
  'participants:manage', // register participants
  'studies:assign', // assign quarantine studies to the project's participants and events; upload (STOW-RS) into the quarantine
  'data:read', // read the project's de-identified data (DICOMweb, viewer)
  'data:review', // review de-identified tags and pixels
  'data:export', // export the project's data
  'data:delete', // delete the project's data
] as const;
export type ProjectPermission = (typeof PROJECT_PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<ProjectRole, readonly ProjectPermission[]> = {
  owner: PROJECT_PERMISSIONS,
  'data-manager': ['project:read', 'participants:read', 'participants:manage', 'studies:assign', 'data:read', 'data:review', 'data:export', 'data:delete'],
  'data-entry': ['project:read', 'participants:read', 'studies:assign', 'data:read'],
  viewer: ['project:read', 'participants:read', 'data:read'],
};

export function isProjectRole(value: unknown): value is ProjectRole {
  return typeof value === 'string' && (PROJECT_ROLES as readonly string[]).includes(value);
}

export function roleAllows(role: ProjectRole, permission: ProjectPermission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** The roles that carry a permission (for queries such as "may assign in at least one project"). */
export function rolesWith(permission: ProjectPermission): ProjectRole[] {
  return PROJECT_ROLES.filter((role) => roleAllows(role, permission));
}

/** A signed-in user as the rules see them. */
export interface Principal {
  userId: string;
  username: string;
  isAdmin: boolean;
}

/** A principal's standing in one project: admins may do everything; others through their role, if any. */
export function mayInProject(principal: Principal, role: ProjectRole | null, permission: ProjectPermission): boolean {
  if (principal.isAdmin) return true;
  return role !== null && roleAllows(role, permission);
}

/** Who may browse the quarantine: admins, and members with assign rights in at least one project. */
export function mayBrowseQuarantine(principal: Principal, roles: readonly ProjectRole[]): boolean {
  return principal.isAdmin || roles.some((role) => roleAllows(role, 'studies:assign'));
}
