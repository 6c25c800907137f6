// API tokens: every user manages their own (an admin may manage anyone's). The token itself is shown
// once, at creation; lists show its first characters only.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { AuthService } from '../../platform/auth/service.js';
import { NotFoundError } from '../../platform/errors.js';
import type { RequestAuth } from '../permissions.js';
import { defineRoute } from '../routes.js';
import { tokenView } from '../views.js';

const token = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  expiresAt: z.string().nullable().describe('null: never expires'),
  mayCreateTokens: z.boolean().describe('whether requests made with this token may create tokens'),
});

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
      description:
        'The token carries the rights of its user, never more, and stops working when the user is disabled, the token revoked or (with `expiresInDays`) expired, and when an admin sets the user a new password. A request made with a token may create one only if that token has `mayCreateTokens` (403 otherwise), and the new one expires no later than it. `token` is shown only in this response.',
      tags: ['tokens'],
      permission: 'authenticated',
      body: z.object({ name: z.string(), username: z.string().optional(), expiresInDays: z.number().int().min(1).max(3650).optional(), mayCreateTokens: z.boolean().optional() }).strict(),
      response: token.extend({ token: z.string() }),
      status: 201,
      handler: async ({ body, auth }) => {
        const created = await deps.auth.createToken(owner(auth, body.username), body.name, auth.actor, { expiresInDays: body.expiresInDays, mayCreateTokens: body.mayCreateTokens, via: auth.token });
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
