// A project's life after it was created: development → active → archived → handed-over → deleted. Site
// admins move it (the route says so); this service keeps the rules: only the allowed steps, the first
// release only when the first-release check allows it, a hand-over with the export's checksum and the
// PI's confirmation, deletion only after the retention period and with two different admins. Every step
// is a status-change row (who, when, why) and an audit row, both kept after the project is deleted, so
// notifications (e-mail) can hook in on the audit actions `project.status`, `project.deletion.*`.
import type { Actor, Audit } from '../platform/audit/audit.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from '../platform/errors.js';
import { approvalWarning, checkHandover, checkReason, checkTransition, deletableFrom, type Handover } from './lifecycle.js';
import type { Deletion, LifecycleRepository, StatusChange } from './lifecycle-repository.js';
import type { ProjectsRepository } from './projects-repository.js';
import { isClosed, PROJECT_STATUSES, type Project, type ProjectStatus } from './rules.js';

/**
 * Whether a project may have its first release (development → active). The composition root provides it
 * (a dry run of the project in the audit log: pipeline/forward/dry-run-service.ts); this default allows.
 */
export type FirstReleaseCheck = (project: string) => Promise<{ allowed: true } | { allowed: false; reason: string }>;
export const allowFirstRelease: FirstReleaseCheck = async () => ({ allowed: true });

/** What deleting a project's data did: Fiona's own rows and files, and the research PACS's studies. */
export type DeletionReport = Record<string, unknown>;

export interface LifecyclePorts {
  projects: Pick<ProjectsRepository, 'find' | 'update'>;
  lifecycle: LifecycleRepository;
  audit: Audit;
  firstReleaseCheck?: FirstReleaseCheck;
  /** Deletes everything of the project (pipeline/forward/project-deletion.ts), the project row last. */
  deleteProjectData(project: Project): Promise<DeletionReport>;
  /** Days an archived project is kept before it may be deleted. */
  retentionDays: number;
  now?: () => Date;
}

export const TARGET_STATUSES = [...PROJECT_STATUSES, 'deleted'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

export interface StatusRequest {
  status: TargetStatus;
  reason?: string | null;
  handover?: Handover;
}

export type StatusResult =
  | { status: ProjectStatus; project: Project }
  | { status: 'deletion-requested'; deletion: Deletion }
  | { status: 'deleted'; deletion: Deletion };

export interface Lifecycle {
  status: ProjectStatus;
  history: StatusChange[];
  deletion: Deletion | null;
  /** When the ethics approval ends soon (90/30/7 days) or has ended (0). */
  approvalWarning: { daysLeft: number; step: number } | null;
  /** From when an archived project may be deleted. */
  deletableFrom: string | null;
}

export class LifecycleService {
  private readonly now: () => Date;

  constructor(private readonly ports: LifecyclePorts) {
    this.now = ports.now ?? (() => new Date());
  }

  private async project(name: string): Promise<Project> {
    const project = await this.ports.projects.find(name);
    if (!project) throw new NotFoundError(`project "${name}" not found`);
    return project;
  }

  async show(name: string): Promise<Lifecycle> {
    const project = await this.project(name);
    const deletion = (await this.ports.lifecycle.findDeletion(name)) ?? null;
    const archivedAt = isClosed(project.status) ? await this.ports.lifecycle.lastBecame(name, 'archived') : undefined;
    return {
      status: project.status,
      history: await this.ports.lifecycle.history(name),
      deletion,
      approvalWarning: isClosed(project.status) ? null : approvalWarning(project.endDate, this.now().toISOString().slice(0, 10)),
      deletableFrom: archivedAt ? deletableFrom(archivedAt, this.ports.retentionDays) : null,
    };
  }

  /** The history of a project, also after it was deleted (for the data protection officer). */
  history(name: string): Promise<StatusChange[]> {
    return this.ports.lifecycle.history(name);
  }

  async change(name: string, request: StatusRequest, actor: Actor): Promise<StatusResult> {
    const project = await this.project(name);
    if (request.status === 'deleted') return this.delete(project, request, actor);
    const to = request.status;
    checkTransition(project.status, to);
    // Archiving, reopening an archive and going back to development say why; the other steps may.
    const reason = checkReason(request.reason, 'reason', to === 'archived' || to === 'development' || (project.status === 'archived' && to === 'active'));
    let details: Record<string, unknown> | null = null;
    if (to === 'active' && project.status === 'development') {
      const check = await (this.ports.firstReleaseCheck ?? allowFirstRelease)(name);
      if (!check.allowed) {
        await this.ports.audit.record({ action: 'project.status', outcome: 'denied', actor, project: name, details: { from: project.status, to, reason: check.reason } });
        throw new ConflictError(`${name} cannot become active yet: ${check.reason}`, 'status');
      }
    }
    if (to === 'handed-over') details = { handover: checkHandover(request.handover) };
    // Leaving the archive cancels a pending deletion.
    if (!isClosed(to)) await this.ports.lifecycle.cancelDeletion(name);
    const at = this.now();
    const next: Project = { ...project, status: to, updatedAt: at.toISOString() };
    await this.ports.projects.update(next);
    await this.ports.lifecycle.record({ project: name, from: project.status, to, by: actor.username, reason, details, at: at.toISOString() });
    await this.ports.audit.record({ action: 'project.status', actor, project: name, details: { from: project.status, to, reason, ...(details ?? {}) } });
    return { status: to, project: next };
  }

  /** The first admin asks, a second one confirms; then Fiona deletes the project's data and reports. */
  private async delete(project: Project, request: StatusRequest, actor: Actor): Promise<StatusResult> {
    const name = project.name;
    if (!isClosed(project.status)) throw new RuleError(`status: only an archived project can be deleted; ${name} is ${project.status}`, 'status');
    const archivedAt = (await this.ports.lifecycle.lastBecame(name, 'archived')) ?? project.updatedAt;
    const from = deletableFrom(archivedAt, this.ports.retentionDays);
    const at = this.now().toISOString();
    if (at < from) throw new RuleError(`status: ${name} is kept until ${from.slice(0, 10)} (archived ${archivedAt.slice(0, 10)}, retention ${this.ports.retentionDays} days)`, 'status');
    if (!actor.username) throw new ForbiddenError('a deletion needs a named admin');
    const pending = await this.ports.lifecycle.findDeletion(name);
    if (!pending) {
      const reason = checkReason(request.reason);
      await this.ports.lifecycle.requestDeletion({ project: name, requestedBy: actor.username, requestedAt: at, reason });
      await this.ports.audit.record({ action: 'project.deletion.requested', actor, project: name, details: { reason } });
      return { status: 'deletion-requested', deletion: (await this.ports.lifecycle.findDeletion(name))! };
    }
    if (pending.requestedBy === actor.username) throw new ForbiddenError(`${actor.username} asked for this deletion; a second admin must confirm it`);
    await this.ports.audit.record({ action: 'project.deletion.confirmed', actor, project: name, details: { requestedBy: pending.requestedBy } });
    let report: DeletionReport;
    try {
      report = await this.ports.deleteProjectData(project);
    } catch (err) {
      await this.ports.audit.record({ action: 'project.delete', outcome: 'failed', actor, project: name, details: { error: (err as Error).message } });
      throw err;
    }
    const done = this.now().toISOString();
    await this.ports.lifecycle.confirmDeletion(name, actor.username, done, report);
    await this.ports.lifecycle.record({ project: name, from: project.status, to: 'deleted', by: actor.username, reason: pending.reason, details: { requestedBy: pending.requestedBy, confirmedBy: actor.username, report }, at: done });
    await this.ports.audit.record({ action: 'project.delete', actor, project: name, details: { requestedBy: pending.requestedBy, report } });
    return { status: 'deleted', deletion: (await this.ports.lifecycle.findDeletion(name))! };
  }
}
