// Browser sign-in: POST /api/session sets an HTTP-only, SameSite=Strict session cookie and returns the
// CSRF token the page must send as X-CSRF-Token with every change; GET shows who is signed in; DELETE
// signs out. API clients use bearer tokens instead and need neither cookie nor CSRF token.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { mayBrowseQuarantine } from '../../platform/auth/permissions.js';
import type { AuthService } from '../../platform/auth/service.js';
import { BadRequestError } from '../../platform/errors.js';
import type { MembersRepository } from '../../projects/members-repository.js';
import { SESSION_COOKIE, sourceAddress } from '../permissions.js';
import { defineRoute } from '../routes.js';
import { userView } from '../views.js';

export interface SessionDeps {
  auth: AuthService;
  members: Pick<MembersRepository, 'rolesOf'>;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, value: string, maxAgeSeconds: number): void {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  void reply.header('set-cookie', `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`);
}

const userSchema = z.object({ id: z.string(), username: z.string(), displayName: z.string().nullable(), isAdmin: z.boolean(), authSource: z.enum(['local', 'ldap', 'oidc']) });

export function sessionRoutes(deps: SessionDeps): FastifyPluginAsync {
  return async (app) => {
    defineRoute(app, {
      method: 'POST',
      url: '/api/session',
      summary: 'Sign in with username and password',
      description: 'Sets the session cookie and returns the CSRF token to send as X-CSRF-Token with every change. Pauses the account after repeated failures (429). With an LDAP directory configured (auth.ldap), a username unknown here or belonging to a directory account is checked by the directory: a first sign-in makes the account (no project rights); 503 when the directory cannot be reached (local accounts still sign in).',
      tags: ['session'],
      permission: 'public',
      body: z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(1024) }),
      response: z.object({ user: userSchema, csrfToken: z.string(), expiresAt: z.string() }),
      handler: async ({ request, reply, body }) => {
        const session = await deps.auth.signIn(body.username, body.password, sourceAddress(request));
        setSessionCookie(request, reply, session.secret, Math.floor((Date.parse(session.expiresAt) - Date.now()) / 1000));
        return { user: userView(session.user), csrfToken: session.csrfToken, expiresAt: session.expiresAt };
      },
    });

    defineRoute(app, {
      method: 'GET',
      url: '/api/session',
      summary: 'Who is signed in',
      description: 'The current user, how they authenticated, the CSRF token of a cookie session, and what they may do site-wide.',
      tags: ['session'],
      permission: 'authenticated',
      response: z.object({ user: userSchema, via: z.enum(['session', 'token']), csrfToken: z.string().nullable(), mayBrowseQuarantine: z.boolean() }),
      handler: async ({ auth }) => {
        const user = await deps.auth.getUser(auth.principal.username);
        return {
          user: userView(user),
          via: auth.via,
          csrfToken: auth.session?.csrfToken ?? null,
          expiresAt: auth.session?.expiresAt ?? null,
          mayBrowseQuarantine: mayBrowseQuarantine(auth.principal, await deps.members.rolesOf(auth.principal.userId)),
        };
      },
    });

    defineRoute(app, {
      method: 'DELETE',
      url: '/api/session',
      summary: 'Sign out',
      tags: ['session'],
      permission: 'authenticated',
      status: 204,
      handler: async ({ request, reply, auth }) => {
        if (!auth.session) throw new BadRequestError('not signed in with a session (API tokens are revoked through /api/tokens)');
        await deps.auth.endSession(auth.session, auth.actor, sourceAddress(request));
        setSessionCookie(request, reply, '', 0);
      },
    });

    defineRoute(app, {
      method: 'POST',
      url: '/api/session/password',
      summary: 'Change your own password',
      description: 'Needs the current password. Ends all your sessions, including this one; with `revokeTokens`, revokes all your API tokens too.',
      tags: ['session'],
      permission: 'authenticated',
      body: z.object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(1).max(1024), revokeTokens: z.boolean().optional() }),
      status: 204,
      handler: async ({ request, reply, body, auth }) => {
        await deps.auth.changeOwnPassword(auth.principal.username, body.currentPassword, body.newPassword, auth.actor, sourceAddress(request), { revokeTokens: body.revokeTokens });
        if (auth.session) setSessionCookie(request, reply, '', 0);
      },
    });
  };
}
