// Applying for a new project: any signed-in user applies; a site admin approves (the project is created
// in development with the applicant as its owner), asks for changes, or declines, always with who, when
// and why, in the audit log (action `application.*`, where e-mail notifications can hook in).
import { randomUUID } from 'node:crypto';
import type { Actor, Audit } from '../platform/audit/audit.js';
import type { Principal } from '../platform/auth/permissions.js';
import { ConflictError, NotFoundError, RuleError } from '../platform/errors.js';
import { checkApplicationForm, type Application, type ApplicationForm, type ApplicationStatus } from './applications.js';
import type { ApplicationsRepository } from './applications-repository.js';
import { checkReason } from './lifecycle.js';
import type { ProjectsRepository } from './projects-repository.js';
import type { ProjectsService } from './projects-service.js';
import type { Project, ProjectInput } from './rules.js';

export interface ApplicationsPorts {
  applications: ApplicationsRepository;
  projects: Pick<ProjectsService, 'create'>;
  projectsRepo: Pick<ProjectsRepository, 'findIgnoringCase'>;
  audit: Audit;
  now?: () => Date;
}

export type Decision = 'approve' | 'request-changes' | 'decline';

export class ApplicationsService {
  private readonly now: () => Date;

  constructor(private readonly ports: ApplicationsPorts) {
    this.now = ports.now ?? (() => new Date());
  }

  private async checkNameFree(name: string, except?: string): Promise<void> {
    const project = await this.ports.projectsRepo.findIgnoringCase(name);
    if (project) throw new ConflictError(`name: a project "${project.name}" already exists`, 'name');
    const open = await this.ports.applications.openForName(name);
    if (open && open.id !== except) throw new ConflictError(`name: a project "${open.form.name}" has been applied for already`, 'name');
  }

  async apply(form: ApplicationForm, actor: Actor): Promise<Application> {
    if (!actor.username) throw new RuleError('only a signed-in user can apply');
    const checked = checkApplicationForm(form);
    await this.checkNameFree(checked.name);
    const at = this.now().toISOString();
    const application: Application = { id: randomUUID(), form: checked, applicant: actor.username, status: 'pending', reason: null, decidedBy: null, decidedAt: null, createdAt: at, updatedAt: at };
    await this.ports.applications.insert(application);
    await this.ports.audit.record({ action: 'application.submit', actor, project: checked.name, target: application.id, details: { rekNumber: checked.rekNumber, endDate: checked.endDate } });
    return application;
  }

  /** Admins see every application; others only their own. */
  list(principal: Principal): Promise<Application[]> {
    return this.ports.applications.list(principal.isAdmin ? {} : { applicant: principal.username });
  }

  async get(id: string, principal: Principal): Promise<Application> {
    const a = await this.ports.applications.get(id);
    if (!a || (!principal.isAdmin && a.applicant !== principal.username)) throw new NotFoundError(`application ${id} not found`);
    return a;
  }

  /** The applicant sends a form again after changes were asked for. */
  async resubmit(id: string, form: ApplicationForm, principal: Principal, actor: Actor): Promise<Application> {
    const a = await this.get(id, principal);
    if (a.applicant !== principal.username) throw new NotFoundError(`application ${id} not found`);
    if (a.status !== 'changes-requested') throw new ConflictError(`the application is ${a.status}; only one with changes requested can be sent again`);
    const checked = checkApplicationForm(form);
    await this.checkNameFree(checked.name, id);
    if (!(await this.ports.applications.update(id, 'changes-requested', { status: 'pending', reason: a.reason, decidedBy: a.decidedBy, decidedAt: a.decidedAt, updatedAt: this.now().toISOString(), form: checked }))) throw new ConflictError('the application changed meanwhile; reload it');
    await this.ports.audit.record({ action: 'application.resubmit', actor, project: checked.name, target: id });
    return (await this.ports.applications.get(id))!;
  }

  /**
   * An admin decides. Approving creates the project in development with the applicant as its owner and the
   * research PACS the admin names (the applicant does not choose where data goes).
   */
  async decide(id: string, decision: Decision, input: { reason?: string | null; destination?: ProjectInput['destination'] }, actor: Actor): Promise<{ application: Application; project?: Project }> {
    const a = await this.ports.applications.get(id);
    if (!a) throw new NotFoundError(`application ${id} not found`);
    if (a.status !== 'pending') throw new ConflictError(`the application is ${a.status} already`);
    const reason = checkReason(input.reason, 'reason', decision !== 'approve');
    const at = this.now().toISOString();
    const status: ApplicationStatus = decision === 'approve' ? 'approved' : decision === 'decline' ? 'declined' : 'changes-requested';
    let project: Project | undefined;
    if (decision === 'approve') {
      if (!input.destination) throw new RuleError('destination: the research PACS the project sends to', 'destination');
      const f = a.form;
      project = await this.ports.projects.create(
        { name: f.name, description: f.description, rekNumber: f.rekNumber, startDate: f.startDate, endDate: f.endDate, principalInvestigator: f.principalInvestigator, participantPattern: f.participantPattern, events: f.events, destination: input.destination, status: 'development', owner: a.applicant },
        actor,
        { reason, details: { application: id, applicant: a.applicant, modalities: f.modalities, expectedVolume: f.expectedVolume } },
      );
    }
    if (!(await this.ports.applications.update(id, 'pending', { status, reason, decidedBy: actor.username, decidedAt: at, updatedAt: at }))) throw new ConflictError('the application was decided meanwhile');
    await this.ports.audit.record({ action: `application.${decision === 'approve' ? 'approve' : decision === 'decline' ? 'decline' : 'request-changes'}`, actor, project: a.form.name, target: id, details: { applicant: a.applicant, reason } });
    return { application: (await this.ports.applications.get(id))!, project };
  }
}
