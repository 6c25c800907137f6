// Resolving a conflicting copy (see receive/resend.ts), by a site admin, audited:
//   keep-first  the quarantined copy stays; the other one is deleted.
//   keep-both   both are kept: the other one stays in conflicts/ as a version, listed, never forwarded.
//   take-new    the other copy replaces the quarantined one. If either study is assigned to a project this
//               changes what was (or will be) forwarded, so it needs `confirmAssigned`, and then re-queues
//               only that study's transfers — explicitly, never through a re-opened arrival.
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Actor, Audit } from '../../platform/audit/audit.js';
import { ConflictError, NotFoundError } from '../../platform/errors.js';
import { datasetOffset } from '../../dicom/meta.js';
import type { ConflictResolution, ConflictsRepository, InstanceConflict } from './conflicts-repository.js';
import { readInstanceHeader } from './header.js';
import { instancePath } from './layout.js';
import type { QuarantineRepository } from './repository.js';

export type ConflictAction = 'keep-first' | 'take-new' | 'keep-both';

/** What this service needs of an assignment (routing owns them; the quarantine only asks). */
export interface StudyAssignment {
  studyInstanceUid: string;
  project: string;
  participant: string;
  event: string;
}

export interface ConflictsServicePorts {
  dataDir: string;
  quarantine: Pick<QuarantineRepository, 'getStudy' | 'listSeries' | 'index'>;
  conflicts: ConflictsRepository;
  assignments: { forStudy(studyInstanceUid: string): Promise<StudyAssignment[]> };
  transfers: { request(input: { studyInstanceUid: string; project: string; participant: string; event: string }, now: Date): Promise<{ transfer: { id: string }; outcome: string }> };
  audit: Audit;
  /** Wakes the transfer worker after a re-queue. */
  notify?: () => void;
  now?: () => Date;
}

/** One side of a conflict as an admin sees it: where it sits and what it is, never who the patient is. */
export interface ConflictSide {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sizeBytes: number | null;
  receivedAt: string | null;
  callingAet: string | null;
  accessionNumber: string | null;
  studyDate: string | null;
  studyDescription: string | null;
  modality: string | null;
  seriesNumber: string | null;
  seriesDescription: string | null;
  instanceNumber: string | null;
  /** Projects the study is assigned to. */
  assignedTo: string[];
}

export interface ConflictView {
  id: string;
  sopInstanceUid: string;
  status: 'open' | 'resolved';
  resolution: ConflictResolution | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  sameStudy: boolean;
  /** The copy in the quarantine (null when it is gone since). */
  existing: ConflictSide | null;
  incoming: ConflictSide;
}

const ACTION_RESULT: Record<ConflictAction, ConflictResolution> = { 'keep-first': 'kept-first', 'take-new': 'took-new', 'keep-both': 'kept-both' };

export class ConflictsService {
  private readonly now: () => Date;

  constructor(private readonly ports: ConflictsServicePorts) {
    this.now = ports.now ?? (() => new Date());
  }

  async list(filter: { status?: 'open' | 'resolved'; limit?: number; offset?: number }): Promise<ConflictView[]> {
    const rows = await this.ports.conflicts.list(filter);
    const out: ConflictView[] = [];
    for (const c of rows) out.push(await this.view(c));
    return out;
  }

  async get(id: string): Promise<ConflictView> {
    return this.view(await this.find(id));
  }

  private async find(id: string): Promise<InstanceConflict> {
    const c = await this.ports.conflicts.get(id);
    if (!c) throw new NotFoundError(`conflict ${id} not found`);
    return c;
  }

  private async assignedTo(studyInstanceUid: string): Promise<StudyAssignment[]> {
    return this.ports.assignments.forStudy(studyInstanceUid);
  }

  private async view(c: InstanceConflict): Promise<ConflictView> {
    const { quarantine } = this.ports;
    const row = await this.ports.conflicts.existingInstance(c.sopInstanceUid);
    let existing: ConflictSide | null = null;
    if (row) {
      // The study row holds the patient's identity too; only non-identifying facts are copied out of it.
      const study = await quarantine.getStudy(row.studyInstanceUid);
      const series = (await quarantine.listSeries(row.studyInstanceUid)).find((s) => s.seriesInstanceUid === row.seriesInstanceUid);
      existing = {
        studyInstanceUid: row.studyInstanceUid,
        seriesInstanceUid: row.seriesInstanceUid,
        sizeBytes: row.sizeBytes,
        receivedAt: row.receivedAt ?? null,
        callingAet: row.callingAet ?? null,
        accessionNumber: study?.accessionNumber ?? null,
        studyDate: study?.studyDate ?? null,
        studyDescription: study?.studyDescription ?? null,
        modality: series?.modality ?? null,
        seriesNumber: series?.seriesNumber ?? null,
        seriesDescription: series?.seriesDescription ?? null,
        instanceNumber: row.instanceNumber ?? null,
        assignedTo: (await this.assignedTo(row.studyInstanceUid)).map((a) => a.project),
      };
    }
    const f = c.facts;
    return {
      id: c.id,
      sopInstanceUid: c.sopInstanceUid,
      status: c.status,
      resolution: c.resolution,
      resolvedBy: c.resolvedBy,
      resolvedAt: c.resolvedAt,
      sameStudy: existing?.studyInstanceUid === c.studyInstanceUid,
      existing,
      incoming: {
        studyInstanceUid: c.studyInstanceUid,
        seriesInstanceUid: c.seriesInstanceUid,
        sizeBytes: c.sizeBytes,
        receivedAt: c.receivedAt,
        callingAet: c.callingAet,
        accessionNumber: f.accessionNumber ?? null,
        studyDate: f.studyDate ?? null,
        studyDescription: f.studyDescription ?? null,
        modality: f.modality ?? null,
        seriesNumber: f.seriesNumber ?? null,
        seriesDescription: f.seriesDescription ?? null,
        instanceNumber: f.instanceNumber ?? null,
        assignedTo: (await this.assignedTo(c.studyInstanceUid)).map((a) => a.project),
      },
    };
  }

  async resolve(id: string, action: ConflictAction, actor: Actor, options: { confirmAssigned?: boolean } = {}): Promise<{ conflict: ConflictView; requeued: string[] }> {
    const c = await this.find(id);
    if (c.status !== 'open') throw new ConflictError(`conflict ${id} was already resolved (${c.resolution})`);
    const existing = await this.ports.conflicts.existingInstance(c.sopInstanceUid);
    const studies = [...new Set([c.studyInstanceUid, existing?.studyInstanceUid].filter((s): s is string => !!s))];
    const assignments = (await Promise.all(studies.map((s) => this.assignedTo(s)))).flat();
    if (action === 'take-new' && assignments.length > 0 && !options.confirmAssigned) {
      throw new ConflictError(
        `the instance belongs to a study assigned to ${[...new Set(assignments.map((a) => a.project))].join(', ')}: taking the new copy changes what is forwarded and re-sends that study; confirm with confirmAssigned`,
        'confirmAssigned',
      );
    }
    const at = this.now();
    // Claimed first, so two admins cannot carry out two resolutions of one conflict.
    if (!(await this.ports.conflicts.resolve(id, ACTION_RESULT[action], actor.username, at.toISOString()))) throw new ConflictError(`conflict ${id} was already resolved`);
    const requeued: string[] = [];
    try {
      if (action === 'keep-first') await rm(c.path, { force: true });
      if (action === 'take-new') {
        await this.takeNew(c, existing?.path);
        for (const a of assignments) {
          const { transfer, outcome } = await this.ports.transfers.request(a, at);
          requeued.push(transfer.id);
          await this.ports.audit.record({ action: 'transfer.queued', actor, project: a.project, target: transfer.id, details: { study: a.studyInstanceUid, participant: a.participant, event: a.event, outcome, reason: 'conflict resolved: took the new copy' } });
        }
        if (requeued.length) this.ports.notify?.();
      }
    } catch (err) {
      await this.ports.conflicts.reopen(id);
      throw err;
    }
    await this.ports.audit.record({
      action: 'conflict.resolve',
      actor,
      target: c.sopInstanceUid,
      details: { conflict: id, resolution: ACTION_RESULT[action], study: c.studyInstanceUid, existingStudy: existing?.studyInstanceUid ?? null, assignedTo: [...new Set(assignments.map((a) => a.project))], requeued },
    });
    return { conflict: await this.get(id), requeued };
  }

  /** Moves the new copy into the quarantine in place of the old one and indexes it, without re-opening arrival. */
  private async takeNew(c: InstanceConflict, oldPath: string | undefined): Promise<void> {
    const bytes = await readPrefix(c.path, 512 * 1024);
    const offset = datasetOffset(bytes);
    const header = readInstanceHeader(bytes.subarray(offset), c.transferSyntaxUid, c.sizeBytes <= bytes.length);
    const target = instancePath(this.ports.dataDir, header.studyInstanceUid, header.seriesInstanceUid, header.sopInstanceUid);
    await mkdir(dirname(target), { recursive: true });
    await rename(c.path, target);
    await syncDirectory(dirname(target));
    await this.ports.quarantine.index(
      [{ header, transferSyntaxUid: c.transferSyntaxUid, path: target, sizeBytes: c.sizeBytes, datasetBytes: c.datasetBytes, contentSha256: c.contentSha256, callingAet: c.callingAet ?? '', sourceAddress: c.sourceAddress ?? '', receivedAt: c.receivedAt }],
      { reopen: false },
    );
    if (oldPath && oldPath !== target) await rm(oldPath, { force: true });
  }
}

async function readPrefix(path: string, max: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(size, max));
    await handle.read(buffer, 0, buffer.length, 0);
    return buffer;
  } finally {
    await handle.close();
  }
}

async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

