// The research PACS as the export's source: C-FIND for what a research study holds (series with modality,
// number and description; instances with number and SOP class), C-GET per series with Fiona as storage SCP
// on the same association — or C-MOVE to Fiona's export AE for a PACS without C-GET — each instance
// streamed straight to a file (never a whole series in memory).
import { createWriteStream, type WriteStream } from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import { associate, decodeIdentifier, encodeIdentifier, SopClass, Status, TransferSyntax, type IdentifierElement, type IncomingStore, type ScuAssociation } from '../../dimse/index.js';
import { encodeFileMeta } from '../../dicom/meta.js';
import { FIONA_IMPLEMENTATION_UID, FIONA_IMPLEMENTATION_VERSION } from '../../dicom/uid.js';
import type { Destination as ProjectDestination } from '../../projects/rules.js';

/** Where the research PACS listens (a project's destination). */
export type Destination = Pick<ProjectDestination, 'aet' | 'host' | 'port'>;

export class SourceError extends Error {
  override readonly name = 'SourceError';
}

export interface SourceSeries {
  studyUid: string;
  seriesUid: string;
  modality: string;
  seriesNumber: string;
  seriesDescription: string;
  seriesDate: string;
  /** The study's SOP classes (SOPClassesInStudy) when the PACS answers them: what a C-GET of the series must accept. */
  sopClassUids?: string[];
}

export interface SourceInstance {
  sopInstanceUid: string;
  /** Absent when the study's classes are known from SOPClassesInStudy (see SourceCatalogue). */
  sopClassUid?: string;
  instanceNumber: string;
}

/** The storage classes a C-GET of these instances of the series must accept. */
export function sopClassesOf(series: Pick<SourceSeries, 'sopClassUids'>, instances: Pick<SourceInstance, 'sopClassUid'>[]): string[] {
  const classes = new Set(series.sopClassUids ?? []);
  for (const i of instances) if (i.sopClassUid) classes.add(i.sopClassUid);
  return [...classes];
}

export interface RetrievedInstance {
  sopInstanceUid: string;
  sopClassUid: string;
  transferSyntaxUid: string;
  file: string;
  bytes: number;
}

const IMPLICIT = TransferSyntax.ImplicitVRLittleEndian;
/** Every syntax we can take as is, so the PACS sends each instance in its own syntax (no transcoding). */
const ALL_SYNTAXES: string[] = Object.values(TransferSyntax);

function describe(d: Destination): string {
  return `research PACS ${d.aet} at ${d.host}:${d.port}`;
}

const text = (elements: IdentifierElement[], tag: number) => elements.find((e) => e.tag === tag)?.value.trim() ?? '';

async function open(destination: Destination, callingAet: string, contexts: { abstractSyntax: string; transferSyntaxes: string[] }[], roles: { sopClassUid: string; scu: boolean; scp: boolean }[] = []): Promise<ScuAssociation> {
  try {
    return await associate({ host: destination.host, port: destination.port, callingAet, calledAet: destination.aet, contexts, roles, connectTimeoutMs: 10_000, idleTimeoutMs: 120_000, maxPduLength: 262144 });
  } catch (err) {
    throw new SourceError(`${describe(destination)}: ${(err as Error).message}`, { cause: err });
  }
}

async function find(association: ScuAssociation, destination: Destination, elements: IdentifierElement[]): Promise<IdentifierElement[][]> {
  const ctx = association.contextFor(SopClass.StudyRootFind);
  if (!ctx) throw new SourceError(`${describe(destination)} does not accept study-root C-FIND`);
  const explicit = ctx.transferSyntax !== IMPLICIT;
  const result = await association.find({ contextId: ctx.id, sopClassUid: SopClass.StudyRootFind, identifier: encodeIdentifier(elements, explicit) });
  if (result.status !== Status.Success) throw new SourceError(`${describe(destination)} answered C-FIND with status 0x${result.status.toString(16).padStart(4, '0')}`);
  return result.matches.map((m) => decodeIdentifier(m, explicit));
}

export interface SourceCatalogue {
  series(studyUid: string): Promise<SourceSeries[]>;
  instances(studyUid: string, seriesUid: string): Promise<SourceInstance[]>;
  close(): Promise<void>;
}

/** Study classes beyond this many leave too few contexts for every syntax per class; instances are then asked. */
const MAX_STUDY_CLASSES = Math.floor(127 / ALL_SYNTAXES.length);

/**
 * One association for the questions of an export (C-FIND only). The study's SOP classes are asked once at
 * STUDY level (SOPClassesInStudy) and the instances without SOPClassUID: a PACS that keeps the class out
 * of its index reads every instance's file to answer it (Orthanc with its default StorageAccessOnFind:
 * five times the time and CPU of the same query without it). A PACS that does not answer
 * SOPClassesInStudy (it is optional) is asked per instance as before.
 */
export async function openCatalogue(destination: Destination, callingAet: string): Promise<SourceCatalogue> {
  const association = await open(destination, callingAet, [{ abstractSyntax: SopClass.StudyRootFind, transferSyntaxes: [TransferSyntax.ExplicitVRLittleEndian, IMPLICIT] }]);
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (err instanceof SourceError) throw err;
      throw new SourceError(`${describe(destination)}: ${(err as Error).message}`, { cause: err });
    }
  };
  const studyClasses = new Map<string, string[]>();
  const classesOf = async (studyUid: string): Promise<string[]> => {
    const [study] = await find(association, destination, [
      { tag: 0x00080052, vr: 'CS', value: 'STUDY' },
      { tag: 0x00080062, vr: 'UI', value: '' },
      { tag: 0x0020000d, vr: 'UI', value: studyUid },
    ]);
    const classes = study ? text(study, 0x00080062).split('\\').map((c) => c.trim()).filter(Boolean) : [];
    return classes.length <= MAX_STUDY_CLASSES ? classes : [];
  };
  return {
    series: (studyUid) =>
      guard(async () => {
        const classes = await classesOf(studyUid);
        studyClasses.set(studyUid, classes);
        return (await find(association, destination, [
          { tag: 0x00080021, vr: 'DA', value: '' },
          { tag: 0x00080052, vr: 'CS', value: 'SERIES' },
          { tag: 0x00080060, vr: 'CS', value: '' },
          { tag: 0x0008103e, vr: 'LO', value: '' },
          { tag: 0x0020000d, vr: 'UI', value: studyUid },
          { tag: 0x0020000e, vr: 'UI', value: '' },
          { tag: 0x00200011, vr: 'IS', value: '' },
        ])).map((m) => ({
          studyUid,
          seriesUid: text(m, 0x0020000e),
          modality: text(m, 0x00080060),
          seriesNumber: text(m, 0x00200011),
          seriesDescription: text(m, 0x0008103e),
          seriesDate: text(m, 0x00080021),
          ...(classes.length > 0 ? { sopClassUids: classes } : {}),
        }));
      }),
    instances: (studyUid, seriesUid) =>
      guard(async () => {
        const withClass = !studyClasses.get(studyUid)?.length;
        return (await find(association, destination, [
          ...(withClass ? [{ tag: 0x00080016, vr: 'UI', value: '' }] : []),
          { tag: 0x00080018, vr: 'UI', value: '' },
          { tag: 0x00080052, vr: 'CS', value: 'IMAGE' },
          { tag: 0x0020000d, vr: 'UI', value: studyUid },
          { tag: 0x0020000e, vr: 'UI', value: seriesUid },
          { tag: 0x00200013, vr: 'IS', value: '' },
        ])).map((m) => ({ sopInstanceUid: text(m, 0x00080018), ...(withClass ? { sopClassUid: text(m, 0x00080016) } : {}), instanceNumber: text(m, 0x00200013) }));
      }),
    close: () => association.release().catch(() => association.abort()),
  };
}

/** A retrieved instance as a Part-10 file: in memory (`parts`: meta header, then the dataset) or on disk (`file`). */
export interface ReceivedInstance {
  sopInstanceUid: string;
  sopClassUid: string;
  transferSyntaxUid: string;
  bytes: number;
  parts?: Buffer[];
  file?: string;
}

/** Instances up to this size are taken in memory whole; a larger one goes to its spill file as it arrives. */
export const INSTANCE_MEMORY_LIMIT = 8 * 1024 * 1024;

/**
 * Takes one incoming instance as a Part-10 file: a meta header, then the dataset exactly as it came. Held
 * in memory (the socket's own chunks, no copy) up to `memoryLimit`, so the usual instance costs no file of
 * its own; past that it is written to `spill` as it arrives, and memory stays bounded by the limit. Read
 * with 'data' events rather than `for await`: the async iterator cost ~150 µs of CPU per instance (a
 * promise per chunk, the iterator's teardown), a sixth of an export's own CPU at 500 instances.
 */
export function receiveInstance(store: IncomingStore, sourceAet: string, spill: string, memoryLimit = INSTANCE_MEMORY_LIMIT): Promise<ReceivedInstance> {
  const meta = encodeFileMeta({
    mediaStorageSopClassUid: store.sopClassUid,
    mediaStorageSopInstanceUid: store.sopInstanceUid,
    transferSyntaxUid: store.transferSyntaxUid,
    implementationClassUid: FIONA_IMPLEMENTATION_UID,
    implementationVersionName: FIONA_IMPLEMENTATION_VERSION,
    sourceApplicationEntityTitle: sourceAet,
  });
  const about = { sopInstanceUid: store.sopInstanceUid, sopClassUid: store.sopClassUid, transferSyntaxUid: store.transferSyntaxUid };
  const dataset = store.dataset;
  return new Promise<ReceivedInstance>((resolve, reject) => {
    const parts: Buffer[] = [meta];
    let bytes = meta.length;
    let out: WriteStream | undefined;
    let ended = false;
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      dataset.off('data', onData);
      out?.destroy();
      // The rest of the dataset is read and dropped by the association.
      if (!dataset.destroyed) dataset.destroy();
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (out) {
        if (!out.write(chunk)) {
          dataset.pause();
          out.once('drain', () => dataset.resume());
        }
        return;
      }
      parts.push(chunk);
      if (bytes > memoryLimit) {
        out = createWriteStream(spill);
        out.on('error', fail);
        for (const p of parts.splice(0)) out.write(p);
      }
    };
    dataset.on('data', onData);
    dataset.once('error', fail);
    dataset.once('close', () => {
      if (!ended) fail(new Error('the instance was cut off before its end'));
    });
    dataset.once('end', () => {
      ended = true;
      if (settled) return;
      if (!out) {
        settled = true;
        return resolve({ ...about, bytes, parts });
      }
      out.end((err?: Error | null) => {
        if (err) return fail(err);
        settled = true;
        resolve({ ...about, bytes, file: spill });
      });
    });
  });
}

/** One retrieved instance as a Part-10 file on disk (one write for an instance held in memory). */
export async function writeInstanceFile(store: IncomingStore, file: string, sourceAet: string): Promise<RetrievedInstance> {
  const got = await receiveInstance(store, sourceAet, file);
  if (got.parts) {
    const handle = await openFile(file, 'w');
    try {
      let pending = got.parts;
      while (pending.length > 0) {
        let left = (await handle.writev(pending)).bytesWritten;
        const rest: Buffer[] = [];
        for (const p of pending) {
          if (left >= p.length) left -= p.length;
          else {
            rest.push(p.subarray(left));
            left = 0;
          }
        }
        pending = rest;
      }
    } finally {
      await handle.close();
    }
  }
  return { sopInstanceUid: got.sopInstanceUid, sopClassUid: got.sopClassUid, transferSyntaxUid: got.transferSyntaxUid, file, bytes: got.bytes };
}

/** What a C-MOVE needs on Fiona's side: the storage SCP the PACS sends to (see move-receiver.ts). */
export interface MoveTarget {
  readonly aet: string;
  /** Take the named instances when they arrive (written with fileFor); until done() is called. */
  expect(sopInstanceUids: string[], fileFor: (sopInstanceUid: string) => string): { received: RetrievedInstance[]; done(): void };
}

/**
 * C-MOVE of one series (or of the listed instances of it) to Fiona's own export AE: for a PACS without
 * C-GET. The instances arrive on the PACS's own associations to the move receiver, which writes the ones
 * this retrieval expects; the final C-MOVE response comes after every sub-operation was answered, so by
 * then each file is whole.
 */
export async function moveSeries(
  destination: Destination,
  callingAet: string,
  target: MoveTarget,
  series: { studyUid: string; seriesUid: string; expected: string[]; sopInstanceUids?: string[] },
  fileFor: (sopInstanceUid: string) => string,
  signal?: AbortSignal,
): Promise<RetrievedInstance[]> {
  const association = await open(destination, callingAet, [{ abstractSyntax: SopClass.StudyRootMove, transferSyntaxes: [IMPLICIT, TransferSyntax.ExplicitVRLittleEndian] }]);
  const onAbort = () => association.abort();
  signal?.addEventListener('abort', onAbort);
  const waiting = target.expect(series.expected, fileFor);
  try {
    const ctx = association.contextFor(SopClass.StudyRootMove);
    if (!ctx) throw new SourceError(`${describe(destination)} does not accept study-root C-MOVE`);
    const elements: IdentifierElement[] = [
      { tag: 0x00080052, vr: 'CS', value: series.sopInstanceUids ? 'IMAGE' : 'SERIES' },
      { tag: 0x0020000d, vr: 'UI', value: series.studyUid },
      { tag: 0x0020000e, vr: 'UI', value: series.seriesUid },
    ];
    if (series.sopInstanceUids) elements.unshift({ tag: 0x00080018, vr: 'UI', value: series.sopInstanceUids.join('\\') });
    const result = await association.move({ contextId: ctx.id, sopClassUid: SopClass.StudyRootMove, identifier: encodeIdentifier(elements, ctx.transferSyntax !== IMPLICIT), destination: target.aet });
    if (result.status !== Status.Success || result.failed > 0) {
      const why = result.errorComment ? `: ${result.errorComment}` : '';
      // 0xA801 is "move destination unknown"; Orthanc answers an unknown destination with 0xC000 and nothing sent.
      const hint = result.status === 0xa801 || (result.completed === 0 && result.failed === 0) ? `; is ${target.aet} (Fiona's export AE) among the PACS's known destinations?` : '';
      throw new SourceError(`${describe(destination)} answered C-MOVE of series ${series.seriesUid} to ${target.aet} with status 0x${result.status.toString(16).padStart(4, '0')} (${result.completed} sent, ${result.failed} failed)${why}${hint}`);
    }
    await association.release().catch(() => association.abort());
    return [...waiting.received];
  } catch (err) {
    association.abort();
    if (signal?.aborted) throw new SourceError('export cancelled', { cause: err });
    if (err instanceof SourceError) throw err;
    throw new SourceError(`${describe(destination)}: C-MOVE of series ${series.seriesUid} failed: ${(err as Error).message}`, { cause: err });
  } finally {
    waiting.done();
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * C-GET of one series (or, with sopInstanceUids, of those instances of it), each instance written to
 * fileFor(instance) as a Part-10 file (meta header + the dataset exactly as received).
 */
export function retrieveSeries(
  destination: Destination,
  callingAet: string,
  series: { studyUid: string; seriesUid: string; sopClassUids: string[]; sopInstanceUids?: string[] },
  fileFor: (sopInstanceUid: string) => string,
  signal?: AbortSignal,
): Promise<RetrievedInstance[]> {
  return retrieveSeriesWith(destination, callingAet, series, (store) => writeInstanceFile(store, fileFor(store.sopInstanceUid), destination.aet), signal);
}

/**
 * C-GET of one series (or, with sopInstanceUids, of those instances of it: an IMAGE-level query with a
 * list of UIDs, so a long series can be read over several associations at once): every instance arrives
 * as a C-STORE on this association and is handed to `take`, which is awaited before the sub-operation is
 * answered (so the PACS is held back by a slow consumer, and nothing piles up in memory). Fails when the
 * PACS does not deliver every instance.
 */
export async function retrieveSeriesWith<T>(
  destination: Destination,
  callingAet: string,
  series: { studyUid: string; seriesUid: string; sopClassUids: string[]; sopInstanceUids?: string[] },
  take: (store: IncomingStore) => Promise<T>,
  signal?: AbortSignal,
): Promise<T[]> {
  const classes = [...new Set(series.sopClassUids)];
  // One context per (class, syntax), so the PACS finds each instance's own syntax; at most 128 contexts.
  const perClass = Math.max(1, Math.floor(127 / Math.max(1, classes.length)));
  const syntaxes = perClass >= ALL_SYNTAXES.length ? ALL_SYNTAXES : [TransferSyntax.ExplicitVRLittleEndian, IMPLICIT].slice(0, perClass);
  if (classes.length > 127) throw new SourceError(`series ${series.seriesUid} holds ${classes.length} SOP classes; at most 127 fit in one association`);
  const contexts: { abstractSyntax: string; transferSyntaxes: string[] }[] = [{ abstractSyntax: SopClass.StudyRootGet, transferSyntaxes: [IMPLICIT, TransferSyntax.ExplicitVRLittleEndian] }];
  for (const c of classes) for (const ts of syntaxes) contexts.push({ abstractSyntax: c, transferSyntaxes: [ts] });
  const roles = classes.map((sopClassUid) => ({ sopClassUid, scu: false, scp: true }));
  const association = await open(destination, callingAet, contexts, roles);
  const onAbort = () => association.abort();
  signal?.addEventListener('abort', onAbort);
  const received: T[] = [];
  // A failure on our side (the disk full) is the reason, not the PACS's answer to the refused sub-operation.
  let local: Error | undefined;
  try {
    const ctx = association.contextFor(SopClass.StudyRootGet);
    if (!ctx) throw new SourceError(`${describe(destination)} does not accept study-root C-GET`);
    const elements: IdentifierElement[] = [
      { tag: 0x00080052, vr: 'CS', value: series.sopInstanceUids ? 'IMAGE' : 'SERIES' },
      { tag: 0x0020000d, vr: 'UI', value: series.studyUid },
      { tag: 0x0020000e, vr: 'UI', value: series.seriesUid },
    ];
    // UID list matching (PS3.4 C.2.2.2.2): the instances, separated by backslashes.
    if (series.sopInstanceUids) elements.unshift({ tag: 0x00080018, vr: 'UI', value: series.sopInstanceUids.join('\\') });
    const identifier = encodeIdentifier(elements, ctx.transferSyntax !== IMPLICIT);
    const result = await association.get({
      contextId: ctx.id,
      sopClassUid: SopClass.StudyRootGet,
      identifier,
      onStore: async (store) => {
        try {
          received.push(await take(store));
        } catch (err) {
          local ??= err as Error;
          throw err;
        }
        return { status: Status.Success };
      },
    });
    if (local) throw local;
    if (result.status !== Status.Success || result.failed > 0) {
      const why = result.errorComment ? `: ${result.errorComment}` : '';
      throw new SourceError(`${describe(destination)} answered C-GET of series ${series.seriesUid} with status 0x${result.status.toString(16).padStart(4, '0')} (${result.completed} sent, ${result.failed} failed)${why}`);
    }
    await association.release().catch(() => association.abort());
    return received;
  } catch (err) {
    association.abort();
    if (signal?.aborted) throw new SourceError('export cancelled', { cause: err });
    // Our own write failed first (the disk full): that is the reason, whatever the association did next.
    if (local) throw local;
    if (err instanceof SourceError) throw err;
    throw new SourceError(`${describe(destination)}: C-GET of series ${series.seriesUid} failed: ${(err as Error).message}`, { cause: err });
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
