// An anonymised copy of an archived project (issue 17 item 3): its de-identified data, read back from its
// research PACS (C-FIND and C-GET, export/source.ts), de-identified again for a new project and sent to
// that project's research PACS (C-STORE, forward/research-pacs.ts), so that the copy cannot be linked
// back to the original:
// - every participant gets a new random ID (new-ids.ts);
// - UIDs are keyed with a fresh random key made for this copy and never stored, so not even the
//   installation's key maps an original UID onto its copy;
// - dates move again by an offset per participant keyed with that same fresh key, so also never stored;
// - the old → new mapping of participants lives only in this function's memory while the copy runs: no
//   coupling list, no assignment, no transfer row; the new project's imaging records name only new values.
// What links the two is on the project level only, in the audit log (who copied which project into
// which, with counts): a data protection officer must be able to read that. A copy that fails half-way
// is undone (its studies deleted from the research PACS where Fiona can, the new project removed), because
// its mapping died with it and a second try must start from nothing.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Actor, Audit } from '../../platform/audit/audit.js';
import { AppError, NotFoundError, RuleError } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import { ALL_PARTICIPANTS, type ParticipantsService } from '../../projects/participants-service.js';
import type { ProjectsRepository } from '../../projects/projects-repository.js';
import type { ProjectsService } from '../../projects/projects-service.js';
import { isClosed, type Project } from '../../projects/rules.js';
import { dateOffsetDays, deidContext, DeidRefusal, type DeidContext } from '../deid/index.js';
import { openCatalogue, retrieveSeries, sopClassesOf } from '../export/source.js';
import type { PrepareOptions, PrepareOutcome, PreparedInstance } from '../forward/deid-adapter.js';
import type { ImagingRecord, ImagingRecordsRepository } from '../forward/imaging-records-repository.js';
import type { ResearchPacsDeletion } from '../forward/research-pacs-deletion.js';
import { describeDestination, DestinationError, openPacsSession } from '../forward/research-pacs.js';
import { presentation } from '../forward/transfer-runner.js';
import { COPY_PATTERN, randomParticipantIds } from './new-ids.js';

export interface CopyRequest {
  newName: string;
  /** The new project's participant-ID rule; new IDs are drawn at random to match it. Default COPY_PATTERN. */
  participantPattern?: string | null;
  description?: string | null;
  principalInvestigator?: string | null;
  /** active (default: the data was reviewed and released once already) or development. */
  status?: 'development' | 'active';
  /** The new project's first owner (a username). */
  owner?: string | null;
  /** Where the copy goes; default the original's research PACS. */
  destination?: { aet: string; host: string; port: number } | null;
}

export interface CopyReport extends Record<string, unknown> {
  project: string;
  status: string;
  participants: number;
  studies: number;
  series: number;
  instances: number;
  /** Research studies of the imaging record the research PACS no longer holds (or held nothing that could be copied). */
  notFound: number;
  /** Instances the de-identification refused (with the reason in words, never a value). */
  refused: Array<{ reason: string }>;
}

export interface AnonymisedCopyPorts {
  projects: Pick<ProjectsService, 'create'>;
  projectsRepo: Pick<ProjectsRepository, 'find' | 'remove'>;
  participants: Pick<ParticipantsService, 'register'>;
  records: Pick<ImagingRecordsRepository, 'list' | 'save'>;
  pacs: ResearchPacsDeletion;
  /** De-identification off the event loop (forward/prepare-pool.ts). */
  prepare(input: Buffer, context: DeidContext, options: PrepareOptions): Promise<PrepareOutcome>;
  audit: Audit;
  dataDir: string;
  callingAet: string;
  uidRoot: string;
  aeTitle: string;
  logger?: Pick<Logger, 'info' | 'warn'>;
}

/** How many instances are de-identified at once (the pool's threads take them). */
const PARALLEL = 4;

interface Outgoing {
  file: string;
  sopClassUid: string;
  sopInstanceUid: string;
  seriesInstanceUid: string;
  transferSyntaxUid: string;
}

export class AnonymisedCopyService {
  constructor(private readonly ports: AnonymisedCopyPorts) {}

  async copy(sourceName: string, input: CopyRequest, actor: Actor): Promise<CopyReport> {
    const source = await this.ports.projectsRepo.find(sourceName);
    if (!source) throw new NotFoundError(`project "${sourceName}" not found`);
    if (!isClosed(source.status)) throw new RuleError(`status: only an archived project can be copied; ${source.name} is ${source.status} (archive it first)`, 'status');
    if (input.status !== undefined && input.status !== 'active' && input.status !== 'development') throw new RuleError('status: active or development', 'status');
    const records = await this.ports.records.list(source.name);
    const oldParticipants = [...new Set(records.map((r) => r.participant))].sort();
    const pattern = input.participantPattern?.trim() || COPY_PATTERN;
    // Drawn before anything is created, so a pattern without room changes nothing.
    const newIds = randomParticipantIds(pattern, oldParticipants.length, new Set(oldParticipants));
    // The mapping, in memory only. Shuffled order: the new IDs do not follow the old ones' order.
    // The copy's own key, for its UIDs and its date offsets alike (the keyed offset of the new ID under it).
    const key = randomBytes(32);
    const mapping = new Map<string, { id: string; dateOffsetDays: number }>();
    oldParticipants.forEach((old, i) => mapping.set(old, { id: newIds[i], dateOffsetDays: dateOffsetDays(key, input.newName, newIds[i], { preserveWeekday: source.deidOptions.preserveWeekday }) }));

    const project = await this.ports.projects.create(
      {
        name: input.newName,
        description: input.description?.trim() || 'Anonymised copy of an archived project: new participant IDs, UIDs and dates; no coupling list.',
        principalInvestigator: input.principalInvestigator ?? null,
        participantPattern: pattern,
        events: source.events,
        destination: input.destination ?? source.destination,
        deidOptions: source.deidOptions,
        autoIdRule: null,
        status: input.status ?? 'active',
        owner: input.owner ?? null,
      },
      actor,
      { reason: 'anonymised copy', details: { anonymisedCopyOf: source.name } },
    );
    const work = join(this.ports.dataDir, 'copies', randomUUID());
    const sent: string[] = [];
    const report: CopyReport = { project: project.name, status: project.status, participants: 0, studies: 0, series: 0, instances: 0, notFound: 0, refused: [] };
    try {
      await mkdir(work, { recursive: true, mode: 0o700 });
      for (const old of oldParticipants) {
        await this.ports.participants.register(project.name, { id: mapping.get(old)!.id }, ALL_PARTICIPANTS, actor);
        report.participants++;
      }
      for (const record of records) {
        const subject = mapping.get(record.participant)!;
        const context: DeidContext = {
          ...deidContext({ project, participant: { id: subject.id, dateOffsetDays: subject.dateOffsetDays }, event: record.event }, { key, uidRoot: this.ports.uidRoot, aeTitle: this.ports.aeTitle }),
          reshiftDates: true,
        };
        const copied = await this.copyStudy(source, project, record, context, join(work, String(report.studies + report.notFound)), report, sent);
        if (copied) {
          await this.ports.records.save({ ...copied, participant: subject.id });
          report.studies++;
        } else report.notFound++;
      }
    } catch (err) {
      const undone = await this.undo(project, sent);
      await this.ports.audit.record({ action: 'project.anonymised-copy', outcome: 'failed', actor, project: source.name, target: project.name, details: { error: (err as Error).message, undone } });
      throw err instanceof AppError ? err : new CopyError(`the copy failed and was undone (${undone}): ${(err as Error).message}`);
    } finally {
      await rm(work, { recursive: true, force: true });
      mapping.clear();
      key.fill(0);
    }
    const counts = { participants: report.participants, studies: report.studies, series: report.series, instances: report.instances, notFound: report.notFound, refused: report.refused.length };
    await this.ports.audit.record({ action: 'project.anonymised-copy', actor, project: source.name, target: project.name, details: { copy: project.name, status: project.status, ...counts } });
    await this.ports.audit.record({ action: 'project.anonymised-copy', actor, project: project.name, target: project.name, details: { copyOf: source.name, status: project.status, ...counts } });
    return report;
  }

  /** One research study: C-GET series by series to files, de-identify each anew, send, and check with C-FIND. */
  private async copyStudy(source: Project, project: Project, record: ImagingRecord, context: DeidContext, dir: string, report: CopyReport, sent: string[]): Promise<ImagingRecord | undefined> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const catalogue = await openCatalogue(source.destination, this.ports.callingAet);
    const outgoing: Outgoing[] = [];
    const modalities = new Set<string>();
    let studyUid: string | undefined;
    let studyDate: string | null = null;
    try {
      for (const series of await catalogue.series(record.researchStudyUid)) {
        const instances = await catalogue.instances(record.researchStudyUid, series.seriesUid);
        if (instances.length === 0) continue;
        if (series.modality) modalities.add(series.modality);
        const seriesDir = join(dir, String(report.series++));
        await mkdir(seriesDir, { recursive: true, mode: 0o700 });
        let n = 0;
        const files = await retrieveSeries(source.destination, this.ports.callingAet, { studyUid: record.researchStudyUid, seriesUid: series.seriesUid, sopClassUids: sopClassesOf(series, instances) }, () => join(seriesDir, `${n++}.in`));
        for (let i = 0; i < files.length; i += PARALLEL) {
          const batch = files.slice(i, i + PARALLEL);
          const prepared = await Promise.all(batch.map((f) => this.deidentify(f.file, context)));
          for (const [j, p] of prepared.entries()) {
            if (typeof p === 'string') {
              report.refused.push({ reason: p });
              continue;
            }
            const file = `${batch[j].file}.out`;
            await writeFile(file, p.dataset, { mode: 0o600 });
            await rm(batch[j].file, { force: true });
            studyUid ??= p.studyInstanceUid;
            studyDate ??= p.studyDate;
            outgoing.push({ file, sopClassUid: p.sopClassUid, sopInstanceUid: p.sopInstanceUid, seriesInstanceUid: p.seriesInstanceUid, transferSyntaxUid: p.transferSyntaxUid });
          }
        }
      }
    } finally {
      await catalogue.close();
    }
    if (!studyUid) return undefined;
    const series = await this.send(project, studyUid, outgoing, sent);
    report.instances += outgoing.length;
    await rm(dir, { recursive: true, force: true });
    const at = new Date().toISOString();
    return { project: project.name, researchStudyUid: studyUid, participant: '', event: record.event, modalities: [...modalities].sort(), studyDate, seriesCount: series.size, instancesSent: outgoing.length, pacsSeries: series.size, pacsInstances: outgoing.length, checkedAt: at, transferredAt: at };
  }

  /** De-identified for the copy (the header only: the pixels were cleaned when the original was sent), or why not. */
  private async deidentify(file: string, context: DeidContext): Promise<PreparedInstance | string> {
    try {
      const outcome = await this.ports.prepare(await readFile(file), context, { pixels: false });
      if (outcome.kind !== 'prepared') return 'the instance needs a pixel review';
      return outcome.prepared;
    } catch (err) {
      if (err instanceof DeidRefusal) return `de-identification refused (${err.code}): ${err.redactedReason}`;
      throw err;
    }
  }

  /** One association for the study; then C-FIND must find every instance sent, series by series. `sent` learns the study once it may have reached the PACS. */
  private async send(project: Project, studyUid: string, outgoing: Outgoing[], sent: string[]): Promise<Map<string, number>> {
    const pairs = new Map(outgoing.map((o) => [`${o.sopClassUid}|${o.transferSyntaxUid}`, { sopClassUid: o.sopClassUid, transferSyntaxUid: o.transferSyntaxUid }]));
    const session = await openPacsSession(project.destination, this.ports.callingAet, [...pairs.values()]);
    sent.push(studyUid);
    const expected = new Map<string, number>();
    try {
      for (const o of outgoing) {
        const prepared = { sopClassUid: o.sopClassUid, transferSyntaxUid: o.transferSyntaxUid, dataset: await readFile(o.file) } as PreparedInstance;
        const target = presentation(session, prepared);
        if (!target) throw new DestinationError(`${describeDestination(project.destination)} does not accept ${o.sopClassUid} in transfer syntax ${o.transferSyntaxUid}`);
        const result = await session.association.store({ contextId: target.contextId, sopClassUid: o.sopClassUid, sopInstanceUid: o.sopInstanceUid, dataset: target.dataset });
        if (![0, 0xb000, 0xb006, 0xb007].includes(result.status)) throw new DestinationError(`${describeDestination(project.destination)} refused an instance of the copy with status 0x${result.status.toString(16).padStart(4, '0')}`);
        expected.set(o.seriesInstanceUid, (expected.get(o.seriesInstanceUid) ?? 0) + 1);
      }
      const held = await session.seriesCounts(studyUid);
      for (const [series, count] of expected) {
        if ((held.get(series) ?? 0) < count) throw new DestinationError(`${describeDestination(project.destination)} holds ${held.get(series) ?? 0} of the ${count} instances of a copied series`);
      }
      await session.close().catch(() => session.abort());
      return expected;
    } catch (err) {
      session.abort();
      throw err;
    }
  }

  private async undo(project: Project, sent: string[]): Promise<string> {
    let deleted = 0;
    const left: string[] = [];
    for (const uid of sent) {
      try {
        if (!this.ports.pacs.canDelete(project.destination)) throw new Error('no way to delete from this research PACS is configured');
        await this.ports.pacs.deleteStudy(project.destination, uid);
        deleted++;
      } catch (err) {
        left.push(`${uid} (${(err as Error).message})`);
      }
    }
    await this.ports.projectsRepo.remove(project.name);
    this.ports.logger?.warn({ project: project.name, deleted, left: left.length }, 'anonymised copy undone');
    return `${deleted} studies deleted from the research PACS${left.length ? `, ${left.length} left to delete by hand: ${left.join('; ')}` : ''}; project ${project.name} removed`;
  }
}

/** A copy that failed on the way (the research PACS, the disk): 502-like, the copy undone. */
export class CopyError extends AppError {
  constructor(message: string) {
    super(502, message);
  }
}
