// What people do with exports: request one (checked: format, layout, patterns; the per-project limit),
// preview its first paths, follow it, download it, cancel or remove it, and save the project's layout
// (versioned), and deliver a finished one to an SFTP outbox the project may use. Only the project's own
// research studies are exported, and a member limited to a data access group exports only that group's
// participants. Every request, download, delivery, cancel and removal is audited.
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Actor, Audit } from '../../platform/audit/audit.js';
import { ConflictError, NotFoundError, RuleError } from '../../platform/errors.js';
import { compilePattern, PatternError } from '../../platform/patterns.js';
import type { ProjectsRepository } from '../../projects/projects-repository.js';
import type { BirthYearsRepository } from '../../projects/participants-repository.js';
import type { Project } from '../../projects/rules.js';
import type { ImagingRecordsRepository } from '../forward/imaging-records-repository.js';
import type { ExportJob, ExportsRepository, SavedLayout } from './exports-repository.js';
import { LayoutError, parseLayout, type Transforms } from './layout.js';
import { EXPORT_FORMATS, planExport, type ExportSpec } from './plan.js';
import type { MoveReceiver } from './move-receiver.js';
import { runExport, type ExportOutcome, type ExportProgress } from './run-export.js';
import { DeliveryError, deliverToSftp, outboxAllows, type Delivered, type Outbox } from './sftp-outbox.js';
import { openCatalogue } from './source.js';

export interface ExportsPorts {
  exports: ExportsRepository;
  records: Pick<ImagingRecordsRepository, 'list'>;
  projects: Pick<ProjectsRepository, 'find'>;
  /** Participants' kept birth years (the birthYear transform). */
  birthYears?: Pick<BirthYearsRepository, 'forProject'>;
  audit: Audit;
  dataDir: string;
  callingAet: string;
  maxActivePerProject: number;
  /** Fiona's C-MOVE destination (started on first use), and the PACS always read with C-MOVE. */
  move?: MoveReceiver;
  movePacs?: string[];
  parallelRetrievals?: number;
  /** The configured SFTP outboxes, by name. */
  outboxes: Record<string, Outbox>;
  /** Wakes the export worker (no-op in a process without one). */
  notify(): void;
}

/** Participants a requester may export: all (null) or those of their data access group. */
export type ParticipantLimit = string[] | null;

export function exportsDir(dataDir: string): string {
  return join(dataDir, 'exports');
}

export function exportFile(dataDir: string, id: string): string {
  return join(exportsDir(dataDir), `${id}.zip`);
}

export function exportWorkDir(dataDir: string, id: string): string {
  return join(exportsDir(dataDir), `${id}.work`);
}

/** Checks a requested spec; throws RuleError naming the field. */
export function checkSpec(spec: ExportSpec): ExportSpec {
  if (!EXPORT_FORMATS.includes(spec.format)) throw new RuleError(`format: one of ${EXPORT_FORMATS.join(', ')}`, 'format');
  try {
    parseLayout(spec.layout);
  } catch (err) {
    if (err instanceof LayoutError) throw new RuleError(`layout: ${err.message}`, 'layout');
    throw err;
  }
  const patterns: Array<[string, string | undefined]> = [['filter.seriesDescription', spec.filter.seriesDescription], ...(spec.bids ?? []).map((b, i) => [`bids.${i}.pattern`, b.pattern] as [string, string])];
  for (const [field, pattern] of patterns) {
    if (!pattern) continue;
    try {
      compilePattern(pattern);
    } catch (err) {
      if (err instanceof PatternError) throw new RuleError(`${field}: ${err.message}`, field);
      throw err;
    }
  }
  for (const [i, b] of (spec.bids ?? []).entries()) {
    if (!/^([a-z]+\/)?[A-Za-z0-9-]+(_[A-Za-z0-9-]+)*$/.test(b.suffix)) throw new RuleError(`bids.${i}.suffix: a BIDS suffix such as anat/T1w or func/task-rest_bold`, `bids.${i}.suffix`);
  }
  for (const d of [spec.filter.from, spec.filter.to]) {
    if (d && !/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new RuleError('filter dates: YYYY-MM-DD', 'filter');
  }
  return spec;
}

/** The birthYear transform only where a site admin approved the project for it; the reason otherwise. */
export function checkBirthYearTransform(project: Pick<Project, 'name' | 'birthYearInExport'>, transforms: Transforms, field = 'transforms.birthYear'): void {
  if (transforms.birthYear && !project.birthYearInExport) {
    throw new RuleError(`${field}: ${project.name} is not approved to export birth years; a site admin allows it with the approval's reference (PUT /api/projects/${project.name}/birth-year-export)`, field);
  }
}

/** The kept birth years an export writes, read at run time (after the approval is checked again). */
export async function birthYearsForRun(project: Pick<Project, 'name' | 'birthYearInExport'>, spec: ExportSpec, repo: Pick<BirthYearsRepository, 'forProject'> | undefined): Promise<Map<string, number> | undefined> {
  if (!spec.transforms.birthYear) return undefined;
  checkBirthYearTransform(project, spec.transforms);
  if (!repo) throw new RuleError('transforms.birthYear: no birth years can be read in this process', 'transforms.birthYear');
  return repo.forProject(project.name);
}

function limitParticipants(spec: ExportSpec, limit: ParticipantLimit): ExportSpec {
  if (limit === null) return spec;
  const wanted = spec.filter.participants?.length ? spec.filter.participants.filter((p) => limit.includes(p)) : limit;
  if (wanted.length === 0) throw new RuleError('participants: none of the selected participants is in your data access group', 'filter.participants');
  return { ...spec, filter: { ...spec.filter, participants: wanted } };
}

export class ExportsService {
  constructor(private readonly ports: ExportsPorts) {}

  private async projectOf(project: string): Promise<Project> {
    const p = await this.ports.projects.find(project);
    if (!p) throw new NotFoundError(`project ${project} not found`);
    return p;
  }

  private async destinationOf(project: string) {
    return (await this.projectOf(project)).destination;
  }

  /** The outboxes a project may deliver to (names and where, never key files). */
  outboxesFor(project: string): Array<{ name: string; host: string; port: number; username: string; remoteDir: string }> {
    return Object.values(this.ports.outboxes)
      .filter((o) => outboxAllows(o, project))
      .map(({ name, host, port, username, remoteDir }) => ({ name, host, port, username, remoteDir }));
  }

  private outboxFor(project: string, name: string, field = 'outbox'): Outbox {
    const outbox = this.ports.outboxes[name];
    if (!outbox || !outboxAllows(outbox, project)) {
      const names = this.outboxesFor(project).map((o) => o.name);
      throw new RuleError(`${field}: ${project} may not deliver to an outbox named ${name}; ${names.length ? `its outboxes: ${names.join(', ')}` : 'no outbox is configured for it'}`, field);
    }
    return outbox;
  }

  async request(project: string, requested: ExportSpec, limit: ParticipantLimit, actor: Actor): Promise<ExportJob> {
    const p = await this.projectOf(project);
    const spec = limitParticipants(checkSpec(requested), limit);
    checkBirthYearTransform(p, spec.transforms);
    if (spec.outbox) this.outboxFor(project, spec.outbox);
    const active = await this.ports.exports.countActive(project);
    if (active >= this.ports.maxActivePerProject) {
      throw new ConflictError(`${project} already has ${active} exports queued or running (at most ${this.ports.maxActivePerProject} at once); wait for one to end or cancel one`);
    }
    const job = await this.ports.exports.create({ project, requestedBy: actor.userId, requestedByName: actor.username ?? actor.via, spec }, new Date());
    await this.ports.audit.record({ action: 'export.create', actor, project, target: job.id, details: { format: spec.format, layout: spec.layout, filter: spec.filter, transforms: spec.transforms, ...(spec.outbox ? { outbox: spec.outbox } : {}) } });
    this.ports.notify();
    return job;
  }

  /** Queues the delivery of a finished export to an outbox (again, after a failed or earlier delivery). */
  async deliver(id: string, outboxName: string, actor: Actor): Promise<ExportJob> {
    const job = await this.get(id);
    this.outboxFor(job.project, outboxName);
    if (job.status !== 'done' || !existsSync(exportFile(this.ports.dataDir, id))) throw new ConflictError(`export ${id} is ${job.status}; only a finished export can be delivered`);
    if (!(await this.ports.exports.requestDelivery(id, outboxName, new Date()))) throw new ConflictError(`export ${id} is being delivered already; wait for that delivery to end`);
    await this.ports.audit.record({ action: 'export.deliver', actor, project: job.project, target: id, details: { outbox: outboxName } });
    this.ports.notify();
    return this.get(id);
  }

  /** The first `count` paths the export would write, from what the research PACS lists now. */
  async preview(project: string, requested: ExportSpec, limit: ParticipantLimit, count = 20): Promise<{ paths: string[]; series: number }> {
    const p = await this.projectOf(project);
    const destination = p.destination;
    const spec = limitParticipants(checkSpec(requested), limit);
    checkBirthYearTransform(p, spec.transforms);
    const records = await this.ports.records.list(project, spec.filter.participants?.length ? { participants: spec.filter.participants } : undefined);
    const catalogue = await openCatalogue(destination, this.ports.callingAet);
    try {
      const plan = await planExport(project, spec, records, catalogue, count);
      return { paths: plan.flatMap((s) => s.instances.map((i) => i.path)).slice(0, count), series: plan.length };
    } finally {
      await catalogue.close();
    }
  }

  /** Runs an export in this process straight into `outFile` (the command line), audited as a request and its outcome. */
  async runNow(project: string, requested: ExportSpec, outFile: string, actor: Actor, onProgress: (p: ExportProgress) => void = () => {}): Promise<ExportOutcome & { delivered?: Delivered }> {
    const p = await this.projectOf(project);
    const destination = p.destination;
    const spec = checkSpec(requested);
    checkBirthYearTransform(p, spec.transforms);
    const outbox = spec.outbox ? this.outboxFor(project, spec.outbox) : undefined;
    const id = randomUUID();
    await this.ports.audit.record({ action: 'export.create', actor, project, target: id, details: { format: spec.format, layout: spec.layout, filter: spec.filter, transforms: spec.transforms, out: outFile } });
    // The command line has no stop: a C-MOVE receiver it starts is stopped again when the run ends.
    const startsMove = this.ports.move !== undefined && this.ports.move.port() === 0;
    try {
      await this.ports.move?.start();
      const outcome = await runExport(
        {
          id,
          project,
          destination,
          callingAet: this.ports.callingAet,
          spec,
          records: await this.ports.records.list(project, spec.filter.participants?.length ? { participants: spec.filter.participants } : undefined),
          workDir: exportWorkDir(this.ports.dataDir, id),
          outFile,
          parallelRetrievals: this.ports.parallelRetrievals,
          move: this.ports.move,
          retrieveWith: this.ports.movePacs?.includes(destination.aet) ? 'move' : 'get',
          birthYears: await birthYearsForRun(p, spec, this.ports.birthYears),
        },
        onProgress,
      );
      await this.ports.audit.record({ action: 'export.done', actor, project, target: id, details: { files: outcome.files, bytes: outcome.bytes, sha256: outcome.sha256 } });
      if (!outbox) return outcome;
      const name = `${project}-export-${id}.zip`;
      try {
        const delivered = await deliverToSftp(outbox, outFile, name, { bytes: outcome.bytes, sha256: outcome.sha256 });
        await this.ports.audit.record({ action: 'export.delivered', actor, project, target: id, details: { outbox: outbox.name, host: `${outbox.host}:${outbox.port}`, user: outbox.username, remotePath: delivered.remotePath, bytes: delivered.bytes, sha256: delivered.sha256, hostKey: delivered.hostKey } });
        return { ...outcome, delivered };
      } catch (err) {
        await this.ports.audit.record({ action: 'export.delivery.failed', outcome: 'failed', actor, project, target: id, details: { outbox: outbox.name, error: (err as Error).message } });
        throw err;
      }
    } catch (err) {
      if (err instanceof DeliveryError) throw err; // the export itself is done (audited above), its delivery failed
      await this.ports.audit.record({ action: 'export.failed', outcome: 'failed', actor, project, target: id, details: { error: (err as Error).message } });
      throw err;
    } finally {
      if (startsMove) await this.ports.move?.stop();
    }
  }

  async get(id: string): Promise<ExportJob> {
    const job = await this.ports.exports.get(id);
    if (!job) throw new NotFoundError(`export ${id} not found`);
    return job;
  }

  list(projects: string[]): Promise<ExportJob[]> {
    return this.ports.exports.list(projects);
  }

  /** The finished file, for download (audited). */
  async download(id: string, actor: Actor, range?: string): Promise<{ job: ExportJob; file: string }> {
    const job = await this.get(id);
    const file = exportFile(this.ports.dataDir, id);
    if (job.status !== 'done' || !existsSync(file)) throw new ConflictError(`export ${id} is ${job.status}; only a finished export can be downloaded`);
    await this.ports.audit.record({ action: 'export.download', actor, project: job.project, target: id, details: { bytes: job.bytes, ...(range ? { range } : {}) } });
    return { job, file };
  }

  /** Cancels a queued or running export; removes an ended one and its file. */
  async cancelOrRemove(id: string, actor: Actor): Promise<'cancelled' | 'removed'> {
    const job = await this.get(id);
    if ((job.status === 'queued' || job.status === 'running') && (await this.ports.exports.cancel(id, new Date()))) {
      await this.ports.audit.record({ action: 'export.cancel', actor, project: job.project, target: id });
      return 'cancelled';
    }
    await rm(exportFile(this.ports.dataDir, id), { force: true });
    await this.ports.exports.remove(id);
    await this.ports.audit.record({ action: 'export.remove', actor, project: job.project, target: id, details: { status: job.status } });
    return 'removed';
  }

  async saveLayout(project: string, template: string, transforms: Transforms, actor: Actor): Promise<SavedLayout> {
    checkBirthYearTransform(await this.projectOf(project), transforms, 'transforms.birthYear');
    try {
      parseLayout(template);
    } catch (err) {
      if (err instanceof LayoutError) throw new RuleError(`template: ${err.message}`, 'template');
      throw err;
    }
    const saved = await this.ports.exports.saveLayout(project, template, transforms, actor.userId, new Date());
    await this.ports.audit.record({ action: 'export.layout.save', actor, project, details: { version: saved.version, template, transforms } });
    return saved;
  }

  layouts(project: string): Promise<SavedLayout[]> {
    return this.ports.exports.layouts(project);
  }
}
