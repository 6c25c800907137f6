// Default deny. Every route declares the permission it needs in its config (defineRoute does this; a plain
// Fastify route sets `config: { permission }`). A route without one makes the app refuse to start, and
// every request is authenticated and authorised here, before its body is even parsed:
//   'public'              anyone (health, sign-in, the OpenAPI document)
//   'authenticated'       any signed-in user or valid API token
//   'admin'               site admins
//   'quarantine:browse'   admins and members with assign rights in at least one project
//   { project: P }        members whose role carries P in the project named by the route's `:name`
//                         parameter (or `param`); others get 404, so a project's existence does not leak
//                         to non-members; members without P get 403. Admins may do everything.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor, Audit } from '../platform/audit/audit.js';
import type { AuthService } from '../platform/auth/service.js';
import { actorOf } from '../platform/auth/service.js';
import { isProjectRole, mayBrowseQuarantine, mayInProject, PROJECT_PERMISSIONS, type Principal, type ProjectPermission, type ProjectRole } from '../platform/auth/permissions.js';
import type { Session } from '../platform/auth/sessions.js';
import type { ApiToken } from '../platform/auth/tokens.js';
import type { MembersRepository } from '../projects/members-repository.js';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../platform/errors.js';

export type SitePermission = 'public' | 'authenticated' | 'admin' | 'quarantine:browse';
export type Permission = SitePermission | { project: ProjectPermission; param?: string };

export const SESSION_COOKIE = 'fiona_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface RequestAuth {
  principal: Principal;
  via: 'session' | 'token';
  actor: Actor;
  session?: Session;
  token?: ApiToken;
  /** On project routes: the project and the caller's standing in it (role null: an admin who is not a member). */
  project?: { name: string; role: ProjectRole | null; dataAccessGroup: string | null };
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
  interface FastifyContextConfig {
    permission?: Permission;
    /** A public route that checks its own credentials (GET /metrics and its token): no session or API token is read. */
    ownCredentials?: boolean;
  }
}

const SITE_PERMISSIONS: readonly string[] = ['public', 'authenticated', 'admin', 'quarantine:browse'];

export function isPermission(value: unknown): value is Permission {
  if (typeof value === 'string') return SITE_PERMISSIONS.includes(value);
  if (typeof value !== 'object' || value === null) return false;
  const p = value as { project?: unknown; param?: unknown };
  return (PROJECT_PERMISSIONS as readonly unknown[]).includes(p.project) && (p.param === undefined || typeof p.param === 'string');
}

/** How a permission is written in OpenAPI (`x-permission`) and in messages. */
export function permissionName(permission: Permission): string {
  return typeof permission === 'string' ? permission : `project:${permission.project.split(':').join('.')}`;
}

export interface AccessControlDeps {
  auth: AuthService;
  members: Pick<MembersRepository, 'membership' | 'rolesOf'>;
  audit: Audit;
}

export function sourceAddress(request: FastifyRequest): string {
  return request.ip;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Install the start-up check and the per-request check on the root app, before any plugin registers routes. */
export function installAccessControl(app: FastifyInstance, deps: AccessControlDeps): void {
  app.decorateRequest('auth', null);

  app.addHook('onRoute', (route) => {
    const permission = route.config?.permission;
    if (!isPermission(permission)) {
      const methods = Array.isArray(route.method) ? route.method.join(',') : route.method;
      throw new Error(`route ${methods} ${route.url} declares no valid permission (config.permission); refusing to start`);
    }
    if (typeof permission === 'object') {
      const param = permission.param ?? 'name';
      if (!route.url.includes(`:${param}`)) throw new Error(`route ${route.method} ${route.url} needs project permission but has no :${param} parameter`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const permission = request.routeOptions.config?.permission;
    if (permission === undefined) return; // the not-found handler
    if (permission === 'public' && request.routeOptions.config?.ownCredentials) return;
    request.auth = await authenticate(request, deps);
    if (permission === 'public') return;
    const auth = request.auth;
    if (!auth) throw new UnauthenticatedError();
    if (auth.via === 'token') {
      await deps.audit.record({ action: 'token.use', actor: auth.actor, sourceAddress: sourceAddress(request), details: { method: request.method, route: request.routeOptions.url } });
    }
    if (auth.via === 'session' && !SAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !sameSecret(header, auth.session!.csrfToken)) {
        throw new ForbiddenError(`the ${CSRF_HEADER} header is missing or wrong (send the csrfToken from POST /api/session)`);
      }
    }
    await authorize(request, permission, auth, deps);
  });
}

async function authenticate(request: FastifyRequest, deps: AccessControlDeps): Promise<RequestAuth | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const found = match ? await deps.auth.authenticateToken(match[1]) : null;
    if (!found || found.via !== 'token') throw new UnauthenticatedError('the API token is not valid (unknown, revoked, or its user is disabled)');
    return { principal: found.principal, via: 'token', token: found.token, actor: { ...actorOf(found.principal, 'token', found.token.id), sourceAddress: sourceAddress(request) } };
  }
  const cookie = readCookie(request.headers.cookie, SESSION_COOKIE);
  if (cookie) {
    const found = await deps.auth.authenticateSession(cookie);
    if (found && found.via === 'session') return { principal: found.principal, via: 'session', session: found.session, actor: { ...actorOf(found.principal, 'session'), sourceAddress: sourceAddress(request) } };
  }
  return null;
}

async function deny(request: FastifyRequest, auth: RequestAuth, permission: Exclude<Permission, 'public'>, deps: Pick<AccessControlDeps, 'audit'>, message: string, project: string | null = null): Promise<never> {
  await deps.audit.record({ action: 'access.denied', outcome: 'denied', actor: auth.actor, project, sourceAddress: sourceAddress(request), details: { method: request.method, route: request.routeOptions.url, permission: permissionName(permission) } });
  throw new ForbiddenError(message);
}

async function authorize(request: FastifyRequest, permission: Exclude<Permission, 'public'>, auth: RequestAuth, deps: AccessControlDeps): Promise<void> {
  const { principal } = auth;
  if (permission === 'authenticated') return;
  if (permission === 'admin') {
    if (!principal.isAdmin) await deny(request, auth, permission, deps, 'only site admins may do this');
    return;
  }
  if (permission === 'quarantine:browse') {
    if (!principal.isAdmin && !mayBrowseQuarantine(principal, await deps.members.rolesOf(principal.userId))) {
      await deny(request, auth, permission, deps, 'only admins and members with assign rights in a project may browse the quarantine');
    }
    return;
  }
  const name = (request.params as Record<string, string | undefined>)[permission.param ?? 'name'] ?? '';
  auth.project = await authorizeProject(request, auth, name, permission.project, deps);
}

/**
 * The rule of `{ project: P }` routes, for one named project: non-members get 404 (admins excepted), members
 * without P get 403 (audited). Returns the caller's standing in the project.
 */
export async function authorizeProject(request: FastifyRequest, auth: RequestAuth, project: string, permission: ProjectPermission, deps: Pick<AccessControlDeps, 'members' | 'audit'>): Promise<NonNullable<RequestAuth['project']>> {
  const { principal } = auth;
  const membership = await deps.members.membership(project, principal.userId);
  const role = membership && isProjectRole(membership.role) ? membership.role : null;
  if (!principal.isAdmin && role === null) throw new NotFoundError(`project "${project}" not found`);
  const standing = { name: project, role, dataAccessGroup: principal.isAdmin ? null : (membership?.dataAccessGroup ?? null) };
  if (!mayInProject(principal, role, permission)) await deny(request, auth, { project: permission }, deps, `your role in ${project} (${role}) does not allow ${permission}`, project);
  return standing;
}

/** For routes whose project is not in the URL (a study's assign body, a transfer's id): the same check as `{ project: P }`. */
export interface ProjectAccess {
  require(request: FastifyRequest, auth: RequestAuth, project: string, permission: ProjectPermission): Promise<NonNullable<RequestAuth['project']>>;
}

export function projectAccess(deps: Pick<AccessControlDeps, 'members' | 'audit'>): ProjectAccess {
  return { require: (request, auth, project, permission) => authorizeProject(request, auth, project, permission, deps) };
}
