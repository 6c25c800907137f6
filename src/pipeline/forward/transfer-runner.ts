// One run of one claimed transfer: de-identify each instance of the study that the destination does not
// have yet, send it over one association (several presentation contexts, each instance in its own transfer
// syntax), then ask the destination with C-FIND what it holds and count the transfer done only when that
// matches what was sent. Progress is recorded as it goes, so a crash or an outage resends nothing twice.
import { readFile } from 'node:fs/promises';
import { isDeflated } from '../../dicom/transfer-syntax.js';
import { canTranscodeToExplicitLe, transcodeToExplicitLe } from '../../dicom/transcode.js';
import { EXPLICIT_VR_LE } from '../../dicom/transfer-syntax.js';
import { DeidRefusal, type DeidContext } from '../deid/index.js';
import type { Db } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logger.js';
import type { Project } from '../../projects/rules.js';
import type { Participant } from '../../projects/participants-repository.js';
import { listInstances, listSeries, type QuarantineInstance } from '../quarantine/repository.js';
import type { Assignment, AssignmentsRepository } from '../routing/assignments-repository.js';
import { engineOptions, prepareInstance, type DerivedFrom, type PreparedInstance } from './deid-adapter.js';
import type { ImagingRecordsRepository } from './imaging-records-repository.js';
import { describeDestination, DestinationError, openPacsSession, type PacsSession } from './research-pacs.js';
import type { DeliveredInstance, Transfer, TransfersRepository } from './transfers-repository.js';

export interface RunnerPorts {
  db: Db;
  transfers: TransfersRepository;
  assignments: Pick<AssignmentsRepository, 'find' | 'setResearchStudyUid'>;
  records: ImagingRecordsRepository;
  projects: { find(name: string): Promise<Project | undefined> };
  participants: { find(project: string, id: string): Promise<Participant | undefined> };
  key: () => Uint8Array;
  uidRoot: string;
  callingAet: string;
  logger: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  /** De-identification off the main thread (prepare-pool.ts); inline when absent (tests, one-shot tools). */
  prepare?: (input: Buffer, context: DeidContext, derived?: DerivedFrom) => Promise<PreparedInstance>;
}

/** What the run ended with; the worker turns it into done/failed and the next try. */
export interface RunOutcome {
  /** done: everything sent and confirmed. retry: try again later. stuck: needs a person (refusals). */
  kind: 'done' | 'retry' | 'stuck';
  error: string | null;
  confirmed: number;
}

const SUCCESS_OR_WARNING = (status: number) => status === 0 || status === 0xb000 || status === 0xb006 || status === 0xb007;
const RECORD_BATCH = 50;

/** The syntax the de-identified instance is written in (deflated input comes out as explicit VR LE). */
export function outputSyntax(transferSyntaxUid: string): string {
  return isDeflated(transferSyntaxUid) ? EXPLICIT_VR_LE : transferSyntaxUid;
}

type Prepared = { ok: true; instance: QuarantineInstance; prepared: PreparedInstance } | { ok: false; instance: QuarantineInstance; reason: string };

export async function runTransfer(ports: RunnerPorts, transfer: Transfer, signal: { aborted: boolean }): Promise<RunOutcome> {
  const project = await ports.projects.find(transfer.project);
  if (!project) return { kind: 'stuck', error: `project ${transfer.project} no longer exists`, confirmed: 0 };
  const participant = await ports.participants.find(project.name, transfer.participant);
  if (!participant) return { kind: 'stuck', error: `participant ${transfer.participant} is not registered in ${project.name}`, confirmed: 0 };
  const assignment = await ports.assignments.find(transfer.studyInstanceUid, project.name);
  const instances = await listInstances(ports.db, transfer.studyInstanceUid);
  await ports.transfers.setToSend(transfer.id, instances.length, new Date());
  const delivered = new Map((await ports.transfers.delivered(transfer.id)).map((d) => [d.sopInstanceUid, d]));
  const pending = instances.filter((i) => !delivered.has(i.sopInstanceUid));
  const context: DeidContext = {
    projectName: project.name,
    participantId: participant.id,
    eventName: transfer.event,
    dateOffsetDays: participant.dateOffsetDays,
    key: ports.key(),
    uidRoot: ports.uidRoot,
    aeTitle: ports.callingAet,
    options: engineOptions(project),
  };
  const derived = assignment?.derivedFrom && assignment.researchStudyUid ? { derivedFrom: assignment.derivedFrom, researchStudyUid: assignment.researchStudyUid } : undefined;
  let researchStudyUid = assignment?.researchStudyUid ?? null;
  let firstPrepared: PreparedInstance | undefined;

  const prepare = async (instance: QuarantineInstance): Promise<Prepared> => {
    let bytes: Buffer;
    try {
      bytes = await readFile(instance.path);
    } catch (err) {
      return { ok: false, instance, reason: `the quarantine file cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
    }
    try {
      return { ok: true, instance, prepared: ports.prepare ? await ports.prepare(bytes, context, derived) : prepareInstance(bytes, context, derived) };
    } catch (err) {
      // The transfer's error is shown to project members and logged: never the identifying value itself.
      const reason = err instanceof DeidRefusal ? `de-identification refused (${err.code}): ${err.redactedReason}` : `de-identification failed: ${(err as Error).message}`;
      return { ok: false, instance, reason };
    }
  };

  const buffer: DeliveredInstance[] = [];
  const flush = async () => {
    if (buffer.length === 0) return;
    await ports.transfers.recordInstances(transfer.id, buffer.splice(0), new Date());
  };

  let session: PacsSession | undefined;
  try {
    const pairs = new Map<string, { sopClassUid: string; transferSyntaxUid: string }>();
    for (const i of pending) {
      const ts = outputSyntax(i.transferSyntaxUid);
      pairs.set(`${i.sopClassUid}|${ts}`, { sopClassUid: i.sopClassUid, transferSyntaxUid: ts });
    }
    session = await openPacsSession(project.destination, ports.callingAet, [...pairs.values()]);
    // De-identify the next instance while the current one is on the wire.
    let next: Promise<Prepared> | undefined = pending.length > 0 ? prepare(pending[0]) : undefined;
    for (let index = 0; index < pending.length; index++) {
      if (signal.aborted) throw new Error('the worker is stopping');
      const current = await next!;
      next = index + 1 < pending.length ? new Promise<Prepared>((resolve) => setImmediate(() => resolve(prepare(pending[index + 1])))) : undefined;
      if (!current.ok) {
        buffer.push({ sopInstanceUid: current.instance.sopInstanceUid, status: 'refused', researchSopUid: null, researchSeriesUid: null, reason: current.reason });
        continue;
      }
      const p = current.prepared;
      if (p.atRiskReasons.length > 0 && project.deidOptions.cleanPixelData) {
        // Pixel cleaning is not built yet: an instance that may show identity in its pixels is held, never
        // sent silently. A data manager who has reviewed such data can switch cleanPixelData off.
        buffer.push({ sopInstanceUid: current.instance.sopInstanceUid, status: 'refused', researchSopUid: null, researchSeriesUid: null, reason: `held for review: pixels may carry burned-in identity (${p.atRiskReasons.join('; ')})` });
        continue;
      }
      let contextId = session.contextFor(p.sopClassUid, p.transferSyntaxUid);
      let dataset = p.dataset;
      if (contextId === undefined && canTranscodeToExplicitLe(p.transferSyntaxUid)) {
        // The PACS refused the instance's own (uncompressed) syntax: the same values in explicit VR LE.
        contextId = session.fallbackFor(p.sopClassUid);
        if (contextId !== undefined) dataset = transcodeToExplicitLe(p.dataset, p.transferSyntaxUid);
      }
      if (contextId === undefined) {
        buffer.push({ sopInstanceUid: current.instance.sopInstanceUid, status: 'refused', researchSopUid: null, researchSeriesUid: null, reason: `${describeDestination(project.destination)} does not accept ${p.sopClassUid} in transfer syntax ${p.transferSyntaxUid}` });
        continue;
      }
      if (!researchStudyUid) {
        researchStudyUid = p.studyInstanceUid;
        await ports.assignments.setResearchStudyUid(transfer.studyInstanceUid, project.name, researchStudyUid);
      }
      firstPrepared ??= p;
      let result;
      try {
        result = await session.association.store({ contextId, sopClassUid: p.sopClassUid, sopInstanceUid: p.sopInstanceUid, dataset });
      } catch (err) {
        throw new DestinationError(`${describeDestination(project.destination)}: C-STORE of instance ${index + 1} of ${pending.length} failed: ${(err as Error).message}`, { cause: err });
      }
      if (!SUCCESS_OR_WARNING(result.status)) {
        throw new DestinationError(`${describeDestination(project.destination)} refused instance ${p.sopInstanceUid} with status 0x${result.status.toString(16).padStart(4, '0')}${result.errorComment ? ` (${result.errorComment})` : ''}`);
      }
      buffer.push({ sopInstanceUid: current.instance.sopInstanceUid, status: 'sent', researchSopUid: p.sopInstanceUid, researchSeriesUid: p.seriesInstanceUid, reason: null });
      if (buffer.length >= RECORD_BATCH) await flush();
    }
    await flush();
    const check = await reconcile(ports, transfer, session, researchStudyUid);
    await session.close().catch(() => session?.abort());
    session = undefined;
    await saveRecord(ports, transfer, project, researchStudyUid, firstPrepared, check.pacs);
    const all = await ports.transfers.delivered(transfer.id);
    const refused = all.filter((d) => d.status === 'refused');
    if (check.missing > 0) {
      return { kind: 'retry', error: `${describeDestination(project.destination)} holds ${check.confirmed} of the ${check.sent} instances sent; the ${check.missing} missing will be sent again`, confirmed: check.confirmed };
    }
    if (refused.length > 0) {
      const reasons = [...new Set(refused.map((r) => r.reason))];
      return { kind: 'stuck', error: `${refused.length} of ${instances.length} instances were not sent: ${reasons.slice(0, 3).join('; ')}${reasons.length > 3 ? ` (and ${reasons.length - 3} more reasons)` : ''}`, confirmed: check.confirmed };
    }
    return { kind: 'done', error: null, confirmed: check.confirmed };
  } catch (err) {
    await flush().catch((e: Error) => ports.logger.error({ err: e.message }, 'could not record transfer progress'));
    session?.abort();
    const message = err instanceof DestinationError ? err.message : `${describeDestination(project.destination)}: ${(err as Error).message}`;
    const confirmed = (await ports.transfers.get(transfer.id))?.instancesConfirmed ?? 0;
    return { kind: 'retry', error: message, confirmed };
  }
}

/**
 * C-FIND the research study's series and their instance counts; compare with what this transfer sent per
 * series. For a series that falls short, find which instances are missing and forget that they were sent,
 * so the next try sends exactly those.
 */
async function reconcile(ports: RunnerPorts, transfer: Transfer, session: PacsSession, researchStudyUid: string | null): Promise<{ sent: number; confirmed: number; missing: number; pacs: Map<string, number> }> {
  const sentRows = (await ports.transfers.delivered(transfer.id)).filter((d) => d.status === 'sent');
  if (!researchStudyUid || sentRows.length === 0) return { sent: 0, confirmed: 0, missing: 0, pacs: new Map() };
  const pacs = await session.seriesCounts(researchStudyUid);
  const bySeries = new Map<string, DeliveredInstance[]>();
  for (const row of sentRows) {
    const list = bySeries.get(row.researchSeriesUid ?? '') ?? [];
    list.push(row);
    bySeries.set(row.researchSeriesUid ?? '', list);
  }
  let confirmed = 0;
  let missing = 0;
  for (const [series, rows] of bySeries) {
    const held = pacs.get(series) ?? 0;
    if (held >= rows.length) {
      confirmed += rows.length;
      continue;
    }
    const present = await session.instancesOf(researchStudyUid, series);
    const lost = rows.filter((r) => !present.has(r.researchSopUid ?? ''));
    confirmed += rows.length - lost.length;
    missing += lost.length;
    if (lost.length > 0) await forget(ports, transfer.id, lost);
  }
  return { sent: sentRows.length, confirmed, missing, pacs };
}

async function forget(ports: RunnerPorts, transferId: string, rows: DeliveredInstance[]): Promise<void> {
  const k = ports.db.kysely;
  await k.deleteFrom('transfer_instances').where('transfer_id', '=', transferId).where('sop_instance_uid', 'in', rows.map((r) => r.sopInstanceUid)).execute();
  await ports.transfers.recordInstances(transferId, [], new Date());
}

async function saveRecord(ports: RunnerPorts, transfer: Transfer, project: Project, researchStudyUid: string | null, first: PreparedInstance | undefined, pacs: Map<string, number>): Promise<void> {
  if (!researchStudyUid) return;
  const existing = (await ports.records.list(project.name, [transfer.participant])).find((r) => r.researchStudyUid === researchStudyUid);
  const modalities = new Set(existing?.modalities ?? []);
  for (const s of await listSeries(ports.db, transfer.studyInstanceUid)) if (s.modality) modalities.add(s.modality);
  const sent = await ports.records.sentCounts(project.name, researchStudyUid);
  const at = new Date().toISOString();
  await ports.records.save({
    project: project.name,
    researchStudyUid,
    participant: transfer.participant,
    event: transfer.event,
    modalities: [...modalities].sort(),
    studyDate: existing?.studyDate ?? first?.studyDate ?? null,
    seriesCount: sent.series,
    instancesSent: sent.instances,
    pacsSeries: pacs.size,
    pacsInstances: [...pacs.values()].reduce((a, b) => a + b, 0),
    checkedAt: at,
    transferredAt: at,
  });
}

export type { Assignment };
