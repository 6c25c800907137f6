// Storage of each user's e-mail address, digest choice and per-project subscriptions, and the recipients
// of a notification: only users with an address, not disabled, and still members of the project.
import type { Db } from '../platform/db/database.js';
import { inTransaction } from '../platform/db/transaction.js';
import type { NotificationKind } from './kinds.js';

export interface NotificationSettings {
  email: string | null;
  digest: boolean;
  subscriptions: Array<{ project: string; kind: NotificationKind }>;
}

export interface Recipient {
  userId: string;
  username: string;
  email: string;
  digest: boolean;
}

export interface PreferencesRepository {
  get(userId: string): Promise<NotificationSettings>;
  /** Replaces the user's settings and subscriptions in one go. */
  save(userId: string, settings: NotificationSettings, now: Date): Promise<void>;
  /** Members of the project subscribed to this kind. */
  subscribers(project: string, kind: NotificationKind): Promise<Recipient[]>;
  /** Members of the project with one of these roles (owners for access requests and approval warnings). */
  membersWithRole(project: string, roles: string[]): Promise<Recipient[]>;
  /** Site admins (new applications). */
  admins(): Promise<Recipient[]>;
  byUsername(username: string): Promise<Recipient | undefined>;
}

export function preferencesRepository(db: Db): PreferencesRepository {
  const k = db.kysely;
  const recipients = () =>
    k
      .selectFrom('notification_settings as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['u.id as userId', 'u.username as username', 's.email as email', 's.digest as digest'])
      .where('s.email', 'is not', null)
      .where('u.disabled', '=', 0);
  const toRecipient = (r: { userId: string; username: string; email: string | null; digest: number }): Recipient => ({ userId: r.userId, username: r.username, email: r.email!, digest: Number(r.digest) === 1 });
  return {
    async get(userId) {
      const settings = await k.selectFrom('notification_settings').selectAll().where('user_id', '=', userId).executeTakeFirst();
      const subs = await k.selectFrom('notification_subscriptions').select(['project_name', 'kind']).where('user_id', '=', userId).orderBy('project_name').orderBy('kind').execute();
      return { email: settings?.email ?? null, digest: Number(settings?.digest ?? 0) === 1, subscriptions: subs.map((s) => ({ project: s.project_name, kind: s.kind as NotificationKind })) };
    },
    async save(userId, settings, now) {
      await inTransaction(k, async (tx) => {
        const values = { email: settings.email, digest: settings.digest ? 1 : 0, updated_at: now.toISOString() };
        await tx.insertInto('notification_settings').values({ user_id: userId, ...values }).onConflict((oc) => oc.column('user_id').doUpdateSet(values)).execute();
        await tx.deleteFrom('notification_subscriptions').where('user_id', '=', userId).execute();
        if (settings.subscriptions.length > 0) await tx.insertInto('notification_subscriptions').values(settings.subscriptions.map((s) => ({ user_id: userId, project_name: s.project, kind: s.kind }))).execute();
      });
    },
    async subscribers(project, kind) {
      const rows = await recipients()
        .innerJoin('notification_subscriptions as n', 'n.user_id', 'u.id')
        .innerJoin('project_members as m', (j) => j.onRef('m.user_id', '=', 'u.id').onRef('m.project_name', '=', 'n.project_name'))
        .where('n.project_name', '=', project)
        .where('n.kind', '=', kind)
        .execute();
      return rows.map(toRecipient);
    },
    async membersWithRole(project, roles) {
      const rows = await recipients().innerJoin('project_members as m', 'm.user_id', 'u.id').where('m.project_name', '=', project).where('m.role', 'in', roles).execute();
      return rows.map(toRecipient);
    },
    async admins() {
      return (await recipients().where('u.is_admin', '=', 1).execute()).map(toRecipient);
    },
    async byUsername(username) {
      const row = await recipients().where('u.username', '=', username).executeTakeFirst();
      return row ? toRecipient(row) : undefined;
    },
  };
}
