// What each event says, and to whom. Pure: an audit event in, a notice out. A message names the project
// and counts, and people by their Fiona user name where the message is about them (an applicant, a user
// asking for access); it never carries anything of a patient: audit details hold study UIDs and
// participant IDs, and only the numeric fields named here are read from them. Error texts are left out too
// (a refusal reason may quote a value); the web app shows them to those allowed to see them.
import type { AuditEvent } from '../platform/audit/audit.js';
import type { NotificationKind } from './kinds.js';

export type Audience =
  /** Members of the project who asked for this kind. */
  | { kind: NotificationKind; project: string }
  | { admins: true }
  | { owners: string }
  | { username: string };

export interface Notice {
  audience: Audience;
  subject: string;
  body: string;
  /** One message per recipient and key (a transfer failing on every retry mails once a day). */
  dedupeKey?: string;
}

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const day = (at: Date) => at.toISOString().slice(0, 10);
/** Free text a person wrote into a decision (reasons); capped, single paragraph. */
const said = (value: unknown): string => (typeof value === 'string' && value.trim() ? value.trim().replace(/\s+/g, ' ').slice(0, 500) : '');

export function noticeFor(event: AuditEvent, now: Date): Notice | undefined {
  const d = event.details ?? {};
  const project = event.project ?? '';
  if (event.outcome === 'denied') return undefined;
  switch (event.action) {
    case 'transfer.done': {
      if (!project) return undefined;
      return {
        audience: { kind: 'study-arrived', project },
        subject: `[Fiona] New study in project ${project}`,
        body: `A study for project ${project} arrived in its research PACS: ${plural(count(d.sent), 'instance')} sent, ${count(d.confirmed)} confirmed there.`,
      };
    }
    case 'transfer.review':
    case 'transfer.failed': {
      if (!project) return undefined;
      const held = count(d.heldForReview);
      if (held > 0) {
        return {
          audience: { kind: 'pixel-review', project },
          subject: `[Fiona] Pixel review waiting in project ${project}`,
          body: `${plural(held, 'instance')} of a study for project ${project} ${held === 1 ? 'waits' : 'wait'} for a pixel review (possible burned-in text) before they are sent. Open the project's Pixel review page to decide.`,
          dedupeKey: `pixel-review:${event.target ?? ''}:${held}`,
        };
      }
      if (event.action === 'transfer.review') {
        // Refused by the verifier: a data manager decides on the Review page (issue 10), then resends.
        return {
          audience: { kind: 'transfer-failed', project },
          subject: `[Fiona] A study of project ${project} waits for review`,
          body: `${plural(count(d.refused), 'instance')} of a study for project ${project} could not be de-identified safely and ${count(d.refused) === 1 ? 'waits' : 'wait'} for a data manager's decision on the project's Review page; the rest was sent.`,
          dedupeKey: `transfer-review:${event.target ?? ''}:${day(now)}`,
        };
      }
      const retry = typeof d.nextTryAt === 'string' && d.nextTryAt;
      return {
        audience: { kind: 'transfer-failed', project },
        subject: `[Fiona] A transfer of project ${project} failed`,
        body: `A transfer of a study for project ${project} failed (attempt ${count(d.attempt) || 1}; ${plural(count(d.sent), 'instance')} sent, ${count(d.refused)} not sent). ${retry ? 'Fiona tries again by itself.' : 'It waits for a person: see the Transfers page.'}`,
        dedupeKey: `transfer-failed:${event.target ?? ''}:${day(now)}`,
      };
    }
    case 'project.reconcile': {
      const mismatched = count(d.mismatched);
      if (!project || mismatched === 0) return undefined;
      return {
        audience: { kind: 'reconcile-mismatch', project },
        subject: `[Fiona] Research PACS of project ${project} holds less than was sent`,
        body: `At the scheduled check, the research PACS of project ${project} held fewer instances than Fiona sent for ${plural(mismatched, 'study', 'studies')} of ${count(d.studies)}. See the project's imaging record; a resend fixes most cases.`,
        dedupeKey: `reconcile:${project}:${day(now)}`,
      };
    }
    case 'application.submit':
    case 'application.resubmit':
      return {
        audience: { admins: true },
        subject: `[Fiona] Project application: ${project}`,
        body: `${event.actor.username ?? 'A user'} ${event.action === 'application.resubmit' ? 'changed and resubmitted' : 'applied for'} the project ${project}. Review it on the Requests page.`,
      };
    case 'application.approve':
    case 'application.decline':
    case 'application.request-changes': {
      const applicant = typeof d.applicant === 'string' ? d.applicant : undefined;
      if (!applicant) return undefined;
      const outcome = event.action === 'application.approve' ? 'approved: the project is created in development, with you as its owner' : event.action === 'application.decline' ? 'declined' : 'returned to you for changes';
      const reason = said(d.reason);
      return { audience: { username: applicant }, subject: `[Fiona] Your application for ${project}`, body: `Your application for the project ${project} was ${outcome}.${reason ? `\n\nReason: ${reason}` : ''}` };
    }
    case 'access.request':
      return {
        audience: { owners: project },
        subject: `[Fiona] Access request for ${project}`,
        body: `${event.actor.username ?? 'A user'} asks for access to the project ${project}. As its owner you approve it with a role, or decline it, on the Requests page.`,
      };
    case 'access.approve':
    case 'access.decline': {
      if (!event.target) return undefined;
      const reason = said(d.reason);
      const outcome = event.action === 'access.approve' ? `approved, with the role ${typeof d.role === 'string' ? d.role : 'given by the owner'}` : 'declined';
      return { audience: { username: event.target }, subject: `[Fiona] Your access request for ${project}`, body: `Your request for access to the project ${project} was ${outcome}.${reason ? `\n\nReason: ${reason}` : ''}` };
    }
    default:
      return undefined;
  }
}

/** The ethics-approval warning of a project at one step (90, 30, 7 days; 0: ended). */
export function approvalNotice(project: string, endDate: string, step: number, daysLeft: number): Omit<Notice, 'audience'> {
  const when = step === 0 ? `ended on ${endDate}` : `ends on ${endDate}, in ${plural(daysLeft, 'day')}`;
  return {
    subject: `[Fiona] Ethics approval of ${project} ${step === 0 ? 'has ended' : `ends in ${plural(daysLeft, 'day')}`}`,
    body: `The ethics approval of the project ${project} ${when}. ${step === 0 ? 'The project takes no new assignments.' : 'From that day the project takes no new assignments. If the approval was extended, a site admin enters the new end date; otherwise plan the archive and hand-over.'}`,
    dedupeKey: `approval:${project}:${endDate}:${step}`,
  };
}

/** The daily digest of one recipient: the messages of the day, one after the other. */
export function digestMessage(items: Array<{ subject: string; body: string; createdAt: string }>): { subject: string; body: string } {
  const parts = items.map((i) => `${i.createdAt.slice(0, 16).replace('T', ' ')} UTC: ${i.subject.replace(/^\[Fiona\] /, '')}\n${i.body}`);
  return { subject: `[Fiona] Daily digest: ${plural(items.length, 'notification')}`, body: parts.join('\n\n') };
}

/** Every message ends saying why it came and where to change that. */
export function withFooter(body: string, publicUrl: string | undefined): string {
  const link = publicUrl ? ` (${publicUrl.replace(/\/$/, '')}/account)` : '';
  return `${body}\n\n--\nFiona. You get this e-mail because of your notification settings or your role; change them on your Account page${link}.`;
}
