// User accounts, for site admins: list, create (a generated password is returned once when none is
// given), change the site role, disable, reset the password.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { AuthService } from '../../platform/auth/service.js';
import { defineRoute } from '../routes.js';
import { userView } from '../views.js';

const user = z.object({ id: z.string(), username: z.string(), displayName: z.string().nullable(), isAdmin: z.boolean(), disabled: z.boolean(), lastSignInAt: z.string().nullable(), lockedUntil: z.string().nullable(), createdAt: z.string(), authSource: z.enum(['local', 'ldap', 'oidc']) });
const usernameParam = z.object({ username: z.string().min(1).max(64) });

export function usersRoutes(deps: { auth: AuthService }): FastifyPluginAsync {
  return async (app) => {
    defineRoute(app, {
      method: 'GET',
      url: '/api/users',
      summary: 'List user accounts',
      tags: ['users'],
      permission: 'admin',
      response: z.array(user),
      handler: async () => (await deps.auth.listUsers()).map(userView),
    });

    defineRoute(app, {
      method: 'POST',
      url: '/api/users',
      summary: 'Create a user account',
      description: 'Without a password, one is generated and returned once as `password`.',
      tags: ['users'],
      permission: 'admin',
      body: z.object({ username: z.string(), password: z.string().optional(), isAdmin: z.boolean().optional(), displayName: z.string().max(200).nullable().optional() }).strict(),
      response: z.object({ user, password: z.string().optional() }),
      status: 201,
      handler: async ({ body, auth }) => {
        const created = await deps.auth.createUser(body, auth.actor);
        return { user: userView(created.user), ...(created.generatedPassword ? { password: created.generatedPassword } : {}) };
      },
    });

    defineRoute(app, {
      method: 'GET',
      url: '/api/users/:username',
      summary: 'Show a user account',
      tags: ['users'],
      permission: 'admin',
      params: usernameParam,
      response: user,
      handler: async ({ params }) => userView(await deps.auth.getUser(params.username)),
    });

    defineRoute(app, {
      method: 'PATCH',
      url: '/api/users/:username',
      summary: 'Change a user account',
      description: 'Site role, disabled (ends their sessions; their API tokens stop working), display name, or a new password.',
      tags: ['users'],
      permission: 'admin',
      params: usernameParam,
      body: z.object({ isAdmin: z.boolean().optional(), disabled: z.boolean().optional(), password: z.string().optional(), displayName: z.string().max(200).nullable().optional() }).strict(),
      response: user,
      handler: async ({ params, body, auth }) => userView(await deps.auth.updateUser(params.username, body, auth.actor)),
    });
  };
}
