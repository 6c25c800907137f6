// API tokens: every user manages their own (an admin may manage anyone's). The token itself is shown
// once, at creation; lists show its first characters only.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { AuthService } from '../../platform/auth/service.js';
import { NotFoundError } from '../../platform/errors.js';
import type { RequestAuth } from '../permissions.js';
import { defineRoute } from '../routes.js';
import { tokenView } from '../views.js';

const token = z.object({ id: z.string(), name: z.string(), prefix: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() });

/** Whose tokens: your own, or (admins only) another user's. To others another user's tokens do not exist. */
function owner(auth: RequestAuth, username: string | undefined): string {
  if (!username || username.toLowerCase() === auth.principal.username) return auth.principal.username;
  if (!auth.principal.isAdmin) throw new NotFoundError(`user "${username}" not found`);
  return username;
}

export function tokensRoutes(deps: { auth: AuthService }): FastifyPluginAsync {
  return async (app) => {
    defineRoute(app, {
      method: 'GET',
      url: '/api/tokens',
      summary: 'List API tokens',
      description: 'Your own tokens; admins may pass `username` to see another user\'s.',
      tags: ['tokens'],
      permission: 'authenticated',
      query: z.object({ username: z.string().optional() }),
      response: z.array(token),
      handler: async ({ query, auth }) => (await deps.auth.listTokens(owner(auth, query.username))).map(tokenView),
    });

    defineRoute(app, {
      method: 'POST',
      url: '/api/tokens',
      summary: 'Create an API token',
      description: 'The token carries the rights of its user, never more, and stops working when the user is disabled or the token revoked. `token` is shown only in this response.',
      tags: ['tokens'],
      permission: 'authenticated',
      body: z.object({ name: z.string(), username: z.string().optional() }).strict(),
      response: token.extend({ token: z.string() }),
      status: 201,
      handler: async ({ body, auth }) => {
        const created = await deps.auth.createToken(owner(auth, body.username), body.name, auth.actor);
        return { ...tokenView(created.token), token: created.secret };
      },
    });

    defineRoute(app, {
      method: 'DELETE',
      url: '/api/tokens/:id',
      summary: 'Revoke an API token',
      tags: ['tokens'],
      permission: 'authenticated',
      params: z.object({ id: z.string().max(64) }),
      response: token,
      handler: async ({ params, auth }) => tokenView(await deps.auth.revokeToken(params.id, auth.principal, auth.actor)),
    });
  };
}
