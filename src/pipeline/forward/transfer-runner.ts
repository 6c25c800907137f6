// One run of one claimed transfer, in four steps: read each instance of the study that the destination
// does not have yet from the quarantine, de-identify it (off the event loop), send it over one association
// (several presentation contexts, each instance in its own transfer syntax), then reconcile: ask the
// destination with C-FIND what it holds and count the transfer done only when that matches what was sent.
// Progress is recorded as it goes, so a crash or an outage resends nothing twice.
import { readFile } from 'node:fs/promises';
import { isDeflated } from '../../dicom/transfer-syntax.js';
import { canTranscodeToExplicitLe, transcodeToExplicitLe } from '../../dicom/transcode.js';
import { EXPLICIT_VR_LE } from '../../dicom/transfer-syntax.js';
import { DeidRefusal, type DeidContext, type DeidSubject } from '../deid/index.js';
import type { Logger } from '../../platform/logger.js';
import { isClosed, type Project } from '../../projects/rules.js';
import type { Participant } from '../../projects/participants-repository.js';
import type { QuarantineInstance, QuarantineRepository } from '../quarantine/repository.js';
import type { AssignmentsRepository } from '../routing/assignments-repository.js';
import { prepareWithPixels, type DerivedFrom, type PrepareOptions, type PrepareOutcome, type PreparedInstance } from './deid-adapter.js';
import type { PixelReviewRepository } from './pixel-review-repository.js';
import type { PixelDirective, PixelSettings } from '../deid/pixels/analyse.js';
import type { KnownRegion } from '../deid/pixels/known-regions.js';
import type { ImagingRecordsRepository } from './imaging-records-repository.js';
import { describeDestination, DestinationError, openPacsSession, type PacsSession } from './research-pacs.js';
import type { DeliveredInstance, Transfer, TransfersRepository } from './transfers-repository.js';
import { InventoryAccumulator, type InventoryEntry } from '../deid/inventory.js';
import type { RefusalPlace } from '../deid/refusal.js';
import type { RefusalsRepository } from './refusals-repository.js';

export interface RunnerPorts {
  transfers: Pick<TransfersRepository, 'setToSend' | 'delivered' | 'recordInstances' | 'forget' | 'get'>;
  assignments: Pick<AssignmentsRepository, 'find' | 'setResearchStudyUid'>;
  records: Pick<ImagingRecordsRepository, 'list' | 'save' | 'sentCounts'>;
  quarantine: Pick<QuarantineRepository, 'listInstances' | 'listSeries'>;
  projects: { find(name: string): Promise<Project | undefined> };
  participants: { find(project: string, id: string): Promise<Participant | undefined> };
  /** The de-identification context builder (deid/project-context.ts), bound to the installation's key, UID root and AE title. */
  deidContext(subject: DeidSubject): DeidContext;
  callingAet: string;
  logger: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  /** De-identification off the main thread (prepare-pool.ts); inline when absent (tests, one-shot tools). */
  prepare?: (input: Buffer, context: DeidContext, options: PrepareOptions) => Promise<PrepareOutcome>;
  /** The pixel review queue: data managers' decisions, known regions, and where undecided instances wait. */
  reviews: Pick<PixelReviewRepository, 'open' | 'forInstance' | 'isSeriesSafe' | 'regions'>;
  /** The project's tag inventory (review-service.ts): what was sent is added batch by batch, never rescanned. */
  inventory?: { recordReleased(project: string, entries: Iterable<InventoryEntry>): Promise<unknown> };
  /** Refused instances wait here for a data manager (Review page); excluded ones never leave. */
  refusals: Pick<RefusalsRepository, 'open' | 'excluded' | 'unresolved' | 'resolve'>;
}

/** The reason recorded for an instance that waits for a data manager's pixel review. */
export const HELD_FOR_REVIEW = 'waits for pixel review';
/** The reason recorded for an instance the de-identification refused: it waits for a data manager's decision. */
export const WAITS_FOR_REVIEW = 'waits for review';

/** What the run ended with; the worker turns it into done/failed and the next try. */
export interface RunOutcome {
  /** done: everything sent and confirmed. retry: try again later. review: waits for a data manager's decision. stuck: needs a person otherwise. */
  kind: 'done' | 'retry' | 'review' | 'stuck';
  error: string | null;
  confirmed: number;
  /** Instances that wait for a data manager's pixel review (stuck), so notifications need not read `error`. */
  heldForReview?: number;
}

const SUCCESS_OR_WARNING = (status: number) => status === 0 || status === 0xb000 || status === 0xb006 || status === 0xb007;
const RECORD_BATCH = 50;

/** The syntax the de-identified instance is written in (deflated input comes out as explicit VR LE). */
export function outputSyntax(transferSyntaxUid: string): string {
  return isDeflated(transferSyntaxUid) ? EXPLICIT_VR_LE : transferSyntaxUid;
}

/** What one run works on, loaded once at its start. */
interface RunPlan {
  transfer: Transfer;
  project: Project;
  instances: QuarantineInstance[];
  /** The instances the destination does not have yet. */
  pending: QuarantineInstance[];
  context: DeidContext;
  derived: DerivedFrom | undefined;
  researchStudyUid: string | null;
  /** The project's known-region masks (section 7). */
  knownRegions: KnownRegion[];
  /** Instances of the study with an open or decided refusal: sending one resolves it. */
  unresolved: Set<string>;
}

/** Not prepared: why; `refusal` when a data manager can act on it (Review page); `excluded` when the project's rules leave it out. */
type Prepared =
  | { ok: true; instance: QuarantineInstance; prepared: PreparedInstance }
  | { ok: false; instance: QuarantineInstance; reason: string; refusal?: { code: string; reason: string; places: RefusalPlace[] }; excluded?: boolean };

const refused = (instance: QuarantineInstance, reason: string): DeliveredInstance => ({ sopInstanceUid: instance.sopInstanceUid, status: 'refused', researchSopUid: null, researchSeriesUid: null, reason });
const excludedRow = (sopInstanceUid: string, reason: string): DeliveredInstance => ({ sopInstanceUid, status: 'excluded', researchSopUid: null, researchSeriesUid: null, reason });

async function plan(ports: RunnerPorts, transfer: Transfer): Promise<RunPlan | RunOutcome> {
  const project = await ports.projects.find(transfer.project);
  if (!project) return { kind: 'stuck', error: `project ${transfer.project} no longer exists`, confirmed: 0 };
  // An archived project is read-only: nothing more goes to its research PACS (a transfer waits for a person).
  if (isClosed(project.status)) return { kind: 'stuck', error: `${project.name} is ${project.status}: nothing is forwarded`, confirmed: 0 };
  const participant = await ports.participants.find(project.name, transfer.participant);
  if (!participant) return { kind: 'stuck', error: `participant ${transfer.participant} is not registered in ${project.name}`, confirmed: 0 };
  const assignment = await ports.assignments.find(transfer.studyInstanceUid, project.name);
  const instances = await ports.quarantine.listInstances(transfer.studyInstanceUid);
  await ports.transfers.setToSend(transfer.id, instances.length, new Date());
  const delivered = new Set((await ports.transfers.delivered(transfer.id)).map((d) => d.sopInstanceUid));
  // A data manager's exclusions are settled at once: never read, never sent, never refused again.
  const excluded = await ports.refusals.excluded(project.name, transfer.studyInstanceUid);
  const newlyExcluded = instances.filter((i) => !delivered.has(i.sopInstanceUid) && excluded.has(i.sopInstanceUid));
  if (newlyExcluded.length > 0) {
    await ports.transfers.recordInstances(transfer.id, newlyExcluded.map((i) => excludedRow(i.sopInstanceUid, 'excluded by a data manager (Review page)')), new Date());
    for (const i of newlyExcluded) delivered.add(i.sopInstanceUid);
  }
  return {
    transfer,
    project,
    instances,
    pending: instances.filter((i) => !delivered.has(i.sopInstanceUid)),
    unresolved: await ports.refusals.unresolved(project.name, transfer.studyInstanceUid),
    context: ports.deidContext({ project, participant, event: transfer.event }),
    derived: assignment?.derivedFrom && assignment.researchStudyUid ? { derivedFrom: assignment.derivedFrom, researchStudyUid: assignment.researchStudyUid } : undefined,
    researchStudyUid: assignment?.researchStudyUid ?? null,
    knownRegions: await ports.reviews.regions(project.name),
  };
}

/** Step 1: the instance's bytes from the quarantine. */
async function read(instance: QuarantineInstance): Promise<Buffer | string> {
  try {
    return await readFile(instance.path);
  } catch (err) {
    return `the quarantine file cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
  }
}

/** The pixel stage's settings for an instance, or the reason to hold it (its review is still open). */
async function pixelSettings(ports: RunnerPorts, run: RunPlan, instance: QuarantineInstance): Promise<PixelSettings | false | { held: string }> {
  // A project whose data manager switched Clean Pixel Data off has reviewed its data another way.
  if (!run.project.deidOptions.cleanPixelData) return false;
  let directive: PixelDirective | undefined;
  if (await ports.reviews.isSeriesSafe(run.project.name, instance.seriesInstanceUid)) directive = { kind: 'safe' };
  else {
    const review = await ports.reviews.forInstance(run.project.name, instance.sopInstanceUid);
    if (review?.status === 'pending') return { held: review.reason };
    if (review?.status === 'safe') directive = { kind: 'safe' };
    if (review?.status === 'accepted') directive = { kind: 'approved', masks: review.masks ?? [] };
  }
  return { knownRegions: run.knownRegions, directive };
}

/**
 * Step 2: de-identified (pixels, then header), held for a person's pixel review, or the reason it must not
 * leave (never the identifying value itself: shown to members and logged).
 */
async function deidentify(ports: RunnerPorts, run: RunPlan, instance: QuarantineInstance, bytes: Buffer): Promise<Prepared> {
  try {
    const pixels = await pixelSettings(ports, run, instance);
    if (pixels && 'held' in pixels) return { ok: false, instance, reason: `${HELD_FOR_REVIEW}: ${pixels.held}` };
    const options: PrepareOptions = { derived: run.derived, pixels };
    const result = ports.prepare ? await ports.prepare(bytes, run.context, options) : await prepareWithPixels(bytes, run.context, options);
    if (result.kind === 'review') {
      // Never passed silently, never waiting unlisted: the instance is listed on the project's Pixel review page.
      const { review } = result;
      await ports.reviews.open({ project: run.project.name, transferId: run.transfer.id, studyInstanceUid: instance.studyInstanceUid, seriesInstanceUid: instance.seriesInstanceUid, sopInstanceUid: instance.sopInstanceUid, frames: review.frames, atRisk: review.atRisk, reason: review.reason, proposed: review.proposed }, new Date());
      return { ok: false, instance, reason: `${HELD_FOR_REVIEW}: ${review.reason}` };
    }
    return { ok: true, instance, prepared: result.prepared };
  } catch (err) {
    // The project's own option leaves the instance out (presentation states): settled, nothing to review.
    if (err instanceof DeidRefusal && err.code === 'dropped-by-option') return { ok: false, instance, reason: `excluded: ${err.redactedReason}`, excluded: true };
    const reason = err instanceof DeidRefusal ? `de-identification refused (${err.code}): ${err.redactedReason}` : `de-identification failed: ${(err as Error).message}`;
    const refusal = { code: err instanceof DeidRefusal ? err.code : 'error', reason, places: err instanceof DeidRefusal ? err.places : [] };
    return { ok: false, instance, reason: `${WAITS_FOR_REVIEW}: ${reason}`, refusal };
  }
}

async function readAndDeidentify(ports: RunnerPorts, run: RunPlan, instance: QuarantineInstance): Promise<Prepared> {
  const bytes = await read(instance);
  return typeof bytes === 'string' ? { ok: false, instance, reason: bytes } : deidentify(ports, run, instance, bytes);
}

/** Step 3a: the presentation context the instance goes in: its own syntax or, where the PACS refused that, explicit VR LE. */
export function presentation(session: PacsSession, p: PreparedInstance): { contextId: number; dataset: Buffer } | undefined {
  const own = session.contextFor(p.sopClassUid, p.transferSyntaxUid);
  if (own !== undefined) return { contextId: own, dataset: p.dataset };
  if (!canTranscodeToExplicitLe(p.transferSyntaxUid)) return undefined;
  const fallback = session.fallbackFor(p.sopClassUid);
  return fallback === undefined ? undefined : { contextId: fallback, dataset: transcodeToExplicitLe(p.dataset, p.transferSyntaxUid) };
}

/** Step 3b: one C-STORE; a failure or a refusal by the PACS ends the run (retried later). */
async function send(session: PacsSession, run: RunPlan, p: PreparedInstance, target: { contextId: number; dataset: Buffer }, position: string): Promise<void> {
  const destination = describeDestination(run.project.destination);
  let result;
  try {
    result = await session.association.store({ contextId: target.contextId, sopClassUid: p.sopClassUid, sopInstanceUid: p.sopInstanceUid, dataset: target.dataset });
  } catch (err) {
    throw new DestinationError(`${destination}: C-STORE of instance ${position} failed: ${(err as Error).message}`, { cause: err });
  }
  if (!SUCCESS_OR_WARNING(result.status)) {
    throw new DestinationError(`${destination} refused instance ${p.sopInstanceUid} with status 0x${result.status.toString(16).padStart(4, '0')}${result.errorComment ? ` (${result.errorComment})` : ''}`);
  }
}

export async function runTransfer(ports: RunnerPorts, transfer: Transfer, signal: { aborted: boolean }): Promise<RunOutcome> {
  const planned = await plan(ports, transfer);
  if ('kind' in planned) return planned;
  const run = planned;
  const { project, pending } = run;
  let firstPrepared: PreparedInstance | undefined;

  const buffer: DeliveredInstance[] = [];
  const resolved: string[] = [];
  let released = new InventoryAccumulator();
  const flush = async () => {
    if (buffer.length > 0) await ports.transfers.recordInstances(transfer.id, buffer.splice(0), new Date());
    if (resolved.length > 0) await ports.refusals.resolve(project.name, resolved.splice(0), new Date());
    if (released.instances === 0 || !ports.inventory) return;
    const batch = released;
    released = new InventoryAccumulator();
    // The inventory is for review; a failure to update it must not hold back or resend what was delivered.
    await ports.inventory.recordReleased(project.name, batch.entries.values()).catch((err: Error) => ports.logger.error({ err: err.message, project: project.name }, 'could not update the tag inventory'));
  };

  let session: PacsSession | undefined;
  try {
    const pairs = new Map<string, { sopClassUid: string; transferSyntaxUid: string }>();
    for (const i of pending) {
      const ts = outputSyntax(i.transferSyntaxUid);
      pairs.set(`${i.sopClassUid}|${ts}`, { sopClassUid: i.sopClassUid, transferSyntaxUid: ts });
    }
    session = await openPacsSession(project.destination, ports.callingAet, [...pairs.values()]);
    // Read and de-identify the next instance while the current one is on the wire.
    let next: Promise<Prepared> | undefined = pending.length > 0 ? readAndDeidentify(ports, run, pending[0]) : undefined;
    for (let index = 0; index < pending.length; index++) {
      if (signal.aborted) throw new Error('the worker is stopping');
      const current = await next!;
      next = index + 1 < pending.length ? new Promise<Prepared>((resolve) => setImmediate(() => resolve(readAndDeidentify(ports, run, pending[index + 1])))) : undefined;
      if (!current.ok) {
        const { instance: i, refusal } = current;
        if (refusal) {
          // Listed on the project's Review page with its tag paths and reason (never the value) for a decision.
          await ports.refusals.open({ project: project.name, transferId: transfer.id, studyInstanceUid: i.studyInstanceUid, seriesInstanceUid: i.seriesInstanceUid, sopInstanceUid: i.sopInstanceUid, ...refusal }, new Date());
        }
        buffer.push(current.excluded ? excludedRow(i.sopInstanceUid, current.reason) : refused(i, current.reason));
        continue;
      }
      const { instance, prepared } = current;
      const target = presentation(session, prepared);
      if (!target) {
        buffer.push(refused(instance, `${describeDestination(project.destination)} does not accept ${prepared.sopClassUid} in transfer syntax ${prepared.transferSyntaxUid}`));
        continue;
      }
      if (!run.researchStudyUid) {
        run.researchStudyUid = prepared.studyInstanceUid;
        await ports.assignments.setResearchStudyUid(transfer.studyInstanceUid, project.name, run.researchStudyUid);
      }
      firstPrepared ??= prepared;
      await send(session, run, prepared, target, `${index + 1} of ${pending.length}`);
      buffer.push({ sopInstanceUid: instance.sopInstanceUid, status: 'sent', researchSopUid: prepared.sopInstanceUid, researchSeriesUid: prepared.seriesInstanceUid, reason: null });
      if (run.unresolved.has(instance.sopInstanceUid)) resolved.push(instance.sopInstanceUid);
      released.add(prepared.tags);
      if (buffer.length >= RECORD_BATCH) await flush();
    }
    await flush();
    // Step 4: what the destination holds, against what was sent.
    const check = await reconcile(ports, session, transfer, run.researchStudyUid);
    await session.close().catch(() => session?.abort());
    session = undefined;
    await saveRecord(ports, transfer, project, run.researchStudyUid, firstPrepared, check.pacs);
    return outcome(ports, run, check);
  } catch (err) {
    await flush().catch((e: Error) => ports.logger.error({ err: e.message }, 'could not record transfer progress'));
    session?.abort();
    const message = err instanceof DestinationError ? err.message : `${describeDestination(project.destination)}: ${(err as Error).message}`;
    const confirmed = (await ports.transfers.get(transfer.id))?.instancesConfirmed ?? 0;
    return { kind: 'retry', error: message, confirmed };
  }
}

async function outcome(ports: RunnerPorts, run: RunPlan, check: { sent: number; confirmed: number; missing: number }): Promise<RunOutcome> {
  const destination = describeDestination(run.project.destination);
  if (check.missing > 0) {
    return { kind: 'retry', error: `${destination} holds ${check.confirmed} of the ${check.sent} instances sent; the ${check.missing} missing will be sent again`, confirmed: check.confirmed };
  }
  const refusedRows = (await ports.transfers.delivered(run.transfer.id)).filter((d) => d.status === 'refused');
  if (refusedRows.length > 0) {
    const held = refusedRows.filter((r) => r.reason?.startsWith(HELD_FOR_REVIEW));
    const waiting = refusedRows.filter((r) => r.reason?.startsWith(WAITS_FOR_REVIEW));
    const others = refusedRows.filter((r) => !r.reason?.startsWith(HELD_FOR_REVIEW) && !r.reason?.startsWith(WAITS_FOR_REVIEW));
    const listed = (rows: DeliveredInstance[], strip = '') => {
      const reasons = [...new Set(rows.map((r) => (r.reason ?? '').slice(strip.length)))];
      return `${reasons.slice(0, 3).join('; ')}${reasons.length > 3 ? ` (and ${reasons.length - 3} more reasons)` : ''}`;
    };
    const parts: string[] = [];
    if (held.length > 0) parts.push(`${held.length} of ${run.instances.length} instances wait for pixel review (Pixel review page of ${run.project.name})`);
    if (waiting.length > 0) parts.push(`${waiting.length} of ${run.instances.length} instances wait for review (Review page of ${run.project.name}): ${listed(waiting, `${WAITS_FOR_REVIEW}: `)}`);
    if (others.length > 0) parts.push(`${others.length} of ${run.instances.length} instances were not sent: ${listed(others)}`);
    // Only a person's decision lets what waits go on; anything else that was not sent is a failure.
    return { kind: others.length === 0 ? 'review' : 'stuck', error: parts.join('; '), confirmed: check.confirmed, heldForReview: held.length };
  }
  return { kind: 'done', error: null, confirmed: check.confirmed };
}

/**
 * C-FIND the research study's series and their instance counts; compare with what this transfer sent per
 * series. For a series that falls short, find which instances are missing and forget that they were sent,
 * so the next try sends exactly those.
 */
async function reconcile(ports: RunnerPorts, session: PacsSession, transfer: Transfer, researchStudyUid: string | null): Promise<{ sent: number; confirmed: number; missing: number; pacs: Map<string, number> }> {
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
    if (lost.length > 0) await ports.transfers.forget(transfer.id, lost.map((r) => r.sopInstanceUid), new Date());
  }
  return { sent: sentRows.length, confirmed, missing, pacs };
}

async function saveRecord(ports: RunnerPorts, transfer: Transfer, project: Project, researchStudyUid: string | null, first: PreparedInstance | undefined, pacs: Map<string, number>): Promise<void> {
  if (!researchStudyUid) return;
  const existing = (await ports.records.list(project.name, { participants: [transfer.participant] })).find((r) => r.researchStudyUid === researchStudyUid);
  const modalities = new Set(existing?.modalities ?? []);
  for (const s of await ports.quarantine.listSeries(transfer.studyInstanceUid)) if (s.modality) modalities.add(s.modality);
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
