// Your e-mail notifications: the address, a daily digest instead of single messages, and per project
// (only your own projects) what you want to hear about. Every signed-in user manages their own.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { NOTIFICATION_KINDS } from '../../notifications/kinds.js';
import type { NotificationsService } from '../../notifications/notifications-service.js';
import { defineRoute } from '../routes.js';

const kind = z.enum(NOTIFICATION_KINDS);
const preferences = z.object({
  mailEnabled: z.boolean().describe('whether this installation sends e-mail at all (config mail.enabled); choices are kept either way'),
  email: z.string().nullable(),
  digest: z.boolean().describe('one message a day (at mail.digestHour UTC) instead of one per event'),
  kinds: z.array(z.object({ kind, label: z.string() })).describe('what can be chosen per project'),
  projects: z.array(z.object({ project: z.string(), role: z.string(), kinds: z.array(kind) })).describe('one entry per project you are a member of'),
});

export function notificationsRoutes(deps: { notifications: Pick<NotificationsService, 'preferences' | 'save'> }): FastifyPluginAsync {
  return async (app) => {
    defineRoute(app, {
      method: 'GET',
      url: '/api/account/notifications',
      summary: 'Your e-mail notification settings',
      description:
        'Per project you are a member of: study arrived, transfer failed, reconcile mismatch, pixel review waiting, ethics approval ends in 30 days. Messages never carry a patient\'s identity: the project, counts and where to look.',
      tags: ['account'],
      permission: 'authenticated',
      response: preferences,
      handler: async ({ auth }) => deps.notifications.preferences(auth.principal),
    });

    defineRoute(app, {
      method: 'PUT',
      url: '/api/account/notifications',
      summary: 'Change your e-mail notification settings',
      description: 'Replaces your choices. Projects you are not a member of are refused (422); subscribing needs an e-mail address. Audited as `notifications.update`.',
      tags: ['account'],
      permission: 'authenticated',
      body: z
        .object({
          email: z.string().max(254).nullable(),
          digest: z.boolean(),
          projects: z.array(z.object({ project: z.string().max(20), kinds: z.array(kind).max(NOTIFICATION_KINDS.length) }).strict()).max(1000),
        })
        .strict(),
      response: preferences,
      handler: async ({ body, auth }) => deps.notifications.save(auth.principal, body, auth.actor),
    });
  };
}
