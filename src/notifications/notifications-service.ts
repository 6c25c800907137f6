// Notifications: a member's choices (per project, what they want to hear about; a daily digest), and the
// one place that turns what happened into queued e-mail. It listens to the audit log — every event worth a
// message is audited already (transfers, reconciliation, pixel reviews held, applications, access
// requests) — and to the ethics-approval dates. Queuing is a database insert done after the event, off the
// caller's path: a slow or failing outbox never delays or fails a transfer or a request, and SMTP is only
// ever talked to by the mail job.
import type { AuditEvent, Actor, Audit } from '../platform/audit/audit.js';
import type { Principal } from '../platform/auth/permissions.js';
import type { Logger } from '../platform/logger.js';
import { RuleError } from '../platform/errors.js';
import { approvalWarning } from '../projects/lifecycle.js';
import type { ProjectsRepository } from '../projects/projects-repository.js';
import { isClosed } from '../projects/rules.js';
import { KIND_LABELS, NOTIFICATION_KINDS, type NotificationKind } from './kinds.js';
import { approvalNotice, noticeFor, withFooter, type Audience, type Notice } from './messages.js';
import type { OutboxRepository } from './outbox-repository.js';
import type { PreferencesRepository, Recipient } from './preferences-repository.js';

export interface NotificationsPorts {
  preferences: PreferencesRepository;
  outbox: Pick<OutboxRepository, 'enqueue'>;
  projects: Pick<ProjectsRepository, 'list' | 'listForUser'>;
  audit: Audit;
  logger: Pick<Logger, 'warn' | 'debug'>;
  /** Whether mail is configured (config mail.enabled); when off nothing is queued. */
  enabled: boolean;
  publicUrl?: string;
  /** Tells the mail job that messages were queued. */
  wake(): void;
  now?: () => Date;
}

export interface ProjectNotifications {
  project: string;
  role: string;
  kinds: NotificationKind[];
}

export interface NotificationPreferences {
  /** Whether this installation sends e-mail at all (config mail.enabled). */
  mailEnabled: boolean;
  email: string | null;
  digest: boolean;
  kinds: Array<{ kind: NotificationKind; label: string }>;
  /** One entry per project the user is a member of. */
  projects: ProjectNotifications[];
}

export interface PreferencesInput {
  email: string | null;
  digest: boolean;
  projects: Array<{ project: string; kinds: NotificationKind[] }>;
}

const EMAIL = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\]]+$/;

export class NotificationsService {
  private readonly now: () => Date;
  private pending = new Set<Promise<unknown>>();

  constructor(private readonly ports: NotificationsPorts) {
    this.now = ports.now ?? (() => new Date());
  }

  async preferences(principal: Principal): Promise<NotificationPreferences> {
    const settings = await this.ports.preferences.get(principal.userId);
    const memberships = await this.ports.projects.listForUser(principal.userId);
    return {
      mailEnabled: this.ports.enabled,
      email: settings.email,
      digest: settings.digest,
      kinds: NOTIFICATION_KINDS.map((kind) => ({ kind, label: KIND_LABELS[kind] })),
      projects: memberships
        .map((p) => ({ project: p.name, role: p.role, kinds: NOTIFICATION_KINDS.filter((k) => settings.subscriptions.some((s) => s.project === p.name && s.kind === k)) }))
        .sort((a, b) => a.project.localeCompare(b.project)),
    };
  }

  /** Replaces the user's choices. Only projects they are a member of; an address is needed to subscribe. */
  async save(principal: Principal, input: PreferencesInput, actor: Actor): Promise<NotificationPreferences> {
    const email = input.email?.trim() || null;
    if (email !== null && (email.length > 254 || !EMAIL.test(email))) throw new RuleError('email: an e-mail address like name@example.org', 'email');
    const mine = new Set((await this.ports.projects.listForUser(principal.userId)).map((p) => p.name));
    const subscriptions: Array<{ project: string; kind: NotificationKind }> = [];
    const seen = new Set<string>();
    for (const entry of input.projects) {
      // Another project's name is answered as unknown, whether it exists or not.
      if (!mine.has(entry.project)) throw new RuleError(`projects: you are not a member of a project "${entry.project}"`, 'projects');
      if (seen.has(entry.project)) throw new RuleError(`projects: "${entry.project}" is given twice`, 'projects');
      seen.add(entry.project);
      for (const kind of new Set(entry.kinds)) subscriptions.push({ project: entry.project, kind });
    }
    if (subscriptions.length > 0 && email === null) throw new RuleError('email: give an e-mail address to receive notifications', 'email');
    await this.ports.preferences.save(principal.userId, { email, digest: input.digest, subscriptions }, this.now());
    await this.ports.audit.record({ action: 'notifications.update', actor, target: principal.username, details: { digest: input.digest, subscriptions: subscriptions.length, email: email !== null } });
    return this.preferences(principal);
  }

  /** An audited event: queue what it says (later, off the caller's path; failures are logged, never thrown). */
  onAudit(event: AuditEvent): void {
    if (!this.ports.enabled || event.outcome === 'denied') return;
    const notice = noticeFor(event, this.now());
    if (!notice) return;
    const work = this.deliver(notice)
      .catch((err: Error) => this.ports.logger.warn({ err: err.message, action: event.action }, 'could not queue a notification'))
      .finally(() => this.pending.delete(work));
    this.pending.add(work);
  }

  /** Resolves when the notifications queued from events so far are in the outbox (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** Queues the notice for its audience; how many messages were queued. */
  async deliver(notice: Notice): Promise<number> {
    const recipients = await this.recipients(notice.audience);
    const digestable = 'kind' in notice.audience;
    const queued = await this.ports.outbox.enqueue(
      recipients.map((r) => ({ userId: r.userId, to: r.email, subject: notice.subject, body: withFooter(notice.body, this.ports.publicUrl), dedupeKey: notice.dedupeKey ?? null, digest: digestable && r.digest })),
      this.now(),
    );
    if (queued > 0) this.ports.wake();
    return queued;
  }

  private recipients(audience: Audience): Promise<Recipient[]> {
    if ('kind' in audience) return this.ports.preferences.subscribers(audience.project, audience.kind);
    if ('admins' in audience) return this.ports.preferences.admins();
    if ('owners' in audience) return this.ports.preferences.membersWithRole(audience.owners, ['owner']);
    return this.ports.preferences.byUsername(audience.username).then((r) => (r ? [r] : []));
  }

  /**
   * Ethics-approval warnings at 90, 30 and 7 days before the approval ends, and when it has ended (issue
   * 17): to the project's owners, and from 30 days on to members who asked for them. Each step once per
   * recipient and end date (a new end date warns anew).
   */
  async approvalWarnings(today: string): Promise<number> {
    if (!this.ports.enabled) return 0;
    let queued = 0;
    for (const project of await this.ports.projects.list()) {
      if (isClosed(project.status) || !project.endDate) continue;
      const warning = approvalWarning(project.endDate, today);
      if (!warning) continue;
      const notice = approvalNotice(project.name, project.endDate, warning.step, warning.daysLeft);
      const owners = await this.ports.preferences.membersWithRole(project.name, ['owner']);
      const subscribers = warning.step <= 30 ? await this.ports.preferences.subscribers(project.name, 'approval-ending') : [];
      const subscribed = new Set(subscribers.map((s) => s.userId));
      const recipients = [...subscribers, ...owners.filter((o) => !subscribed.has(o.userId))];
      queued += await this.ports.outbox.enqueue(
        recipients.map((r) => ({ userId: r.userId, to: r.email, subject: notice.subject, body: withFooter(notice.body, this.ports.publicUrl), dedupeKey: notice.dedupeKey, digest: subscribed.has(r.userId) && r.digest })),
        this.now(),
      );
    }
    if (queued > 0) this.ports.wake();
    return queued;
  }
}
