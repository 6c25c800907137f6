// One export run: plan (C-FIND), then C-GET of the series over a few associations at once into the zip in
// the project's layout (DICOM, NIfTI through dcm2niix, or both). A DICOM-only export writes each instance
// into the archive as it arrives (held in memory up to a limit, else in a spill file); NIfTI exports take
// each series into a private work folder, convert it there while later series are still arriving, and
// remove the folder once its entries are written. Retrieval runs a few series ahead, so at most that many
// series are on disk besides the archive; nothing is held in memory whole. The zip ends with
// `manifest.json` (what is inside, in plan order; what could not be converted and why) and `SHA256SUMS`.
// Any failure removes the partial archive.
import { mkdir, rename, rm, statfs } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { ImagingRecord } from '../forward/imaging-records-repository.js';
import type { IncomingStore } from '../../dimse/index.js';
import { addBirthYearToSidecar, withBirthYear, writeBirthYearInto } from './birth-year.js';
import { runDcm2niix, type NiftiResult } from './nifti.js';
import { planExport, type ExportSpec, type PlannedSeries } from './plan.js';
import { moveSeries, openCatalogue, receiveInstance, retrieveSeries, retrieveSeriesWith, sopClassesOf, SourceError, type Destination, type MoveTarget } from './source.js';
import { ZipWriter } from './zip-writer.js';

export class ExportError extends Error {
  override readonly name = 'ExportError';
}

export interface ExportProgress {
  instancesTotal: number;
  instancesDone: number;
  files: number;
}

export interface ExportRunInput {
  id: string;
  project: string;
  destination: Destination;
  callingAet: string;
  spec: ExportSpec;
  /** The project's imaging records the requester may export (data access groups already applied). */
  records: ImagingRecord[];
  workDir: string;
  /** Where the finished zip goes (written as `<file>.part` first). */
  outFile: string;
  /** Refuse to start with less free space than this in the export folder. */
  minFreeBytes?: number;
  /** An instance larger than this is taken through a spill file in workDir rather than in memory (default 8 MB). */
  instanceMemoryLimit?: number;
  /** C-GET associations at once (default 4). */
  parallelRetrievals?: number;
  /** Fiona's C-MOVE destination: used for a PACS read with C-MOVE, and when a PACS refuses C-GET. */
  move?: MoveTarget;
  /** How this PACS is read (default get; falls back to move when it refuses C-GET and `move` is given). */
  retrieveWith?: 'get' | 'move';
  /** Participants' kept birth years, given only when the spec asks for the birthYear transform and the project is approved. */
  birthYears?: Map<string, number>;
}

/** Runs at most n of the given tasks at once. */
function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/**
 * A series in up to `n` parts of at least 50 instances (one part: the series-level C-GET). Parts only
 * make sense when there are fewer series than associations: a part is an IMAGE-level C-GET with a list
 * of UIDs, which costs the PACS a lookup of its own.
 */
function partsOf<T>(instances: T[], n: number): T[][] {
  const count = Math.max(1, Math.min(n, Math.floor(instances.length / 50)));
  const size = Math.ceil(instances.length / count);
  const parts: T[][] = [];
  for (let i = 0; i < instances.length; i += size) parts.push(instances.slice(i, i + size));
  return parts;
}

export interface ExportOutcome {
  files: number;
  bytes: number;
  sha256: string;
  instances: number;
  unconverted: { series: string; path: string; reason: string }[];
  /** Milliseconds from the start to each phase's end (benchmarks print them; nothing depends on them). */
  phases: ExportPhases;
}

export interface ExportPhases {
  /** The catalogue association is open (C-FIND can start). */
  connected: number;
  /** The first instance arrived (a DICOM-only export over C-GET; 0 otherwise). */
  firstInstance: number;
  /** Every series is planned (the last C-FIND answered). */
  planned: number;
  /** Every instance arrived (and the DICOM-only export wrote it into the archive). */
  retrieved: number;
  /** Manifest, checksums and central directory written; the file is in place. */
  finished: number;
}

async function freeBytes(dir: string): Promise<number> {
  const s = await statfs(dir);
  return Number(s.bavail) * Number(s.bsize);
}

export async function runExport(input: ExportRunInput, onProgress: (p: ExportProgress) => void | Promise<void>, signal?: AbortSignal): Promise<ExportOutcome> {
  const { spec } = input;
  const started = performance.now();
  const since = () => Math.round(performance.now() - started);
  const phases: ExportPhases = { connected: 0, firstInstance: 0, planned: 0, retrieved: 0, finished: 0 };
  await mkdir(input.workDir, { recursive: true });
  const partial = `${input.outFile}.part`;
  const free = await freeBytes(input.workDir);
  if (input.minFreeBytes && free < input.minFreeBytes) {
    throw new ExportError(`only ${Math.floor(free / 1e6)} MB free in the export folder; at least ${Math.floor(input.minFreeBytes / 1e6)} MB are needed to start`);
  }
  let zip: ZipWriter | undefined;
  try {
    zip = new ZipWriter(partial);
    const archive = zip;
    // Planning (C-FIND) and retrieval overlap: a series is retrieved as soon as it is planned.
    const plan: PlannedSeries[] = [];
    let planComplete = false;
    let current = 0;
    let instancesTotal = 0;
    // Every DICOM path is the plan's (unique, in plan order), whatever order instances arrive in; the
    // NIfTI names are reserved in plan order too, so the names never depend on timing.
    const usedPaths = new Set<string>();
    const rank = new Map<string, number>();
    const unconverted: ExportOutcome['unconverted'] = [];
    // A DICOM-only export over C-GET writes each instance into the archive as it arrives: no file per
    // instance, no second read. NIfTI needs the series on disk for dcm2niix, and C-MOVE delivers to the
    // move receiver, which writes files; those are added from disk.
    const direct = spec.format === 'zip' && input.retrieveWith !== 'move';
    // Retrieval runs ahead of the archive: up to `parallel` C-GET associations at once (series, and long
    // series in parts), because a PACS answers each C-STORE sub-operation only after the previous one and
    // one association spends most of its time waiting on round trips (and, with a peer that leaves
    // Nagle's algorithm on, on delayed acknowledgements). dcm2niix runs on each series as soon as it is
    // in, at most one per core, while later series are still coming.
    const parallel = Math.max(1, input.parallelRetrievals ?? 4);
    const retrieval = new AbortController();
    const stopRetrieval = () => retrieval.abort();
    signal?.addEventListener('abort', stopRetrieval);
    const slots = limiter(parallel);
    const converters = limiter(Math.max(1, Math.min(parallel, availableParallelism())));
    /** An instance in: already in the archive (no file), or a Part-10 file in the series folder. */
    type Arrived = { sopInstanceUid: string; file?: string };
    interface SeriesIn { got: Arrived[]; seriesDir: string; nifti?: { dir: string; result: NiftiResult } }
    const fetched = new Map<number, Promise<SeriesIn>>();
    const birthYearOf = (planned: PlannedSeries) => (spec.transforms.birthYear ? input.birthYears?.get(planned.record.participant) : undefined);
    const fetchSeries = async (index: number): Promise<SeriesIn> => {
      const planned = plan[index];
      const seriesDir = join(input.workDir, `series-${index}`);
      await mkdir(seriesDir, { recursive: true });
      const fileNumber = new Map(planned.instances.map((i, n) => [i.sopInstanceUid, n]));
      const pathOf = new Map(planned.instances.map((i) => [i.sopInstanceUid, i.path]));
      let extra = 0;
      const fileFor = (uid: string) => join(seriesDir, `${fileNumber.get(uid) ?? `extra-${extra++}`}.dcm`);
      const birthYear = birthYearOf(planned);
      const taken = new Set<string>();
      // Each instance is answered once the archive has taken it (queued below its high-water mark), not
      // once it is on disk: the PACS keeps the original, and a failed write fails the whole export.
      const written: Promise<unknown>[] = [];
      const intoArchive = async (store: IncomingStore): Promise<Arrived> => {
        const uid = store.sopInstanceUid;
        phases.firstInstance ||= since();
        const got = await receiveInstance(store, input.destination.aet, fileFor(uid), input.instanceMemoryLimit);
        const path = pathOf.get(uid);
        // Not asked for, or sent twice: taken and dropped (the count of what arrived decides).
        if (!path || taken.has(uid)) {
          if (got.file) await rm(got.file, { force: true });
          return { sopInstanceUid: uid };
        }
        taken.add(uid);
        if (got.file) {
          // Large: streamed from its spill file when the archive reaches it, then removed.
          if (birthYear !== undefined) await writeBirthYearInto(got.file, birthYear);
          await archive.addFile(got.file, path).finally(() => rm(got.file!, { force: true }));
        } else {
          const entry = archive.addBuffer(birthYear !== undefined ? withBirthYear(Buffer.concat(got.parts!), birthYear) : got.parts!, path);
          entry.catch(() => {});
          written.push(entry);
          await archive.ready();
        }
        return { sopInstanceUid: uid };
      };
      // Split only when the whole export is known to have fewer series than associations (the earlier
      // series may still be running, so the series left to start say nothing about free associations).
      const series = planComplete ? plan.length : parallel;
      const parts = partsOf(planned.instances, Math.max(1, Math.floor(parallel / Math.min(parallel, series))));
      const { researchStudyUid: studyUid } = planned.record;
      const { seriesUid } = planned.series;
      const retrieve = (part: PlannedSeries['instances']): Promise<Arrived[]> => {
        const uids = part.map((i) => i.sopInstanceUid);
        const only = parts.length > 1 ? { sopInstanceUids: uids } : {};
        const viaMove = (move: MoveTarget) => moveSeries(input.destination, input.callingAet, move, { studyUid, seriesUid, expected: uids, ...only }, fileFor, retrieval.signal);
        if (input.retrieveWith === 'move') {
          if (!input.move) throw new ExportError(`the research PACS ${input.destination.aet} is read with C-MOVE, but no export C-MOVE receiver is configured (export.move.port)`);
          return viaMove(input.move);
        }
        const query = { studyUid, seriesUid, sopClassUids: sopClassesOf(planned.series, part), ...only };
        const viaGet = direct
          ? retrieveSeriesWith(input.destination, input.callingAet, query, intoArchive, retrieval.signal)
          : retrieveSeries(input.destination, input.callingAet, query, fileFor, retrieval.signal);
        return viaGet.catch(async (err: unknown) => {
          if (input.move && err instanceof SourceError && err.message.includes('does not accept study-root C-GET')) return viaMove(input.move);
          throw err;
        });
      };
      const got = (await Promise.all(parts.map((part) => slots(() => retrieve(part))))).flat();
      await Promise.all(written);
      if (spec.format === 'zip') return { got, seriesDir };
      // Whether every instance came is checked in plan order; a series with gaps is not converted.
      const arrived = new Set(got.map((g) => g.sopInstanceUid));
      if (planned.instances.some((i) => !arrived.has(i.sopInstanceUid))) return { got, seriesDir };
      const dir = join(input.workDir, `nifti-${index}`);
      const result = await converters(() => runDcm2niix(seriesDir, dir, planned.niftiName, retrieval.signal));
      return { got, seriesDir, nifti: { dir, result } };
    };
    const fetchAhead = (from: number) => {
      for (let i = from; i < Math.min(plan.length, from + parallel); i++) {
        if (fetched.has(i)) continue;
        const p = fetchSeries(i);
        p.catch(() => {});
        fetched.set(i, p);
      }
    };
    let done = 0;
    const withoutBirthYear = new Set<string>();
    try {
      const catalogue = await openCatalogue(input.destination, input.callingAet);
      phases.connected = since();
      try {
        await planExport(input.project, spec, input.records, catalogue, Infinity, (series, last) => {
          plan.push(series);
          planComplete = last;
          fetchAhead(current);
        });
      } finally {
        await catalogue.close();
      }
      phases.planned = since();
      planComplete = true;
      instancesTotal = plan.reduce((n, s) => n + s.instances.length, 0);
      if (instancesTotal === 0) throw new ExportError('nothing matches this selection in the research PACS');
      await onProgress({ instancesTotal, instancesDone: 0, files: 0 });
      for (const p of plan) for (const i of p.instances) usedPaths.add(i.path);
      plan.forEach((p, s) => p.instances.forEach((i, n) => rank.set(i.path, s * 1e9 + 1e8 + n)));
      const uniquePath = (path: string, seriesIndex: number) => {
        let candidate = path;
        for (let n = 2; usedPaths.has(candidate); n++) candidate = path.replace(/(\.[^./]+(\.gz)?)?$/, (ext) => `_${n}${ext}`);
        usedPaths.add(candidate);
        rank.set(candidate, seriesIndex * 1e9 + rank.size);
        return candidate;
      };
      for (const [index, planned] of plan.entries()) {
        if (signal?.aborted) throw new ExportError('export cancelled');
        current = index;
        fetchAhead(index);
        const { got, seriesDir, nifti } = await fetched.get(index)!;
        fetched.delete(index);
        const arrived = new Set(got.map((g) => g.sopInstanceUid));
        const missing = planned.instances.filter((i) => !arrived.has(i.sopInstanceUid));
        if (missing.length > 0) throw new ExportError(`the research PACS did not deliver ${missing.length} of ${planned.instances.length} instances of series ${planned.series.seriesNumber} (${planned.series.seriesUid})`);
        const pending: Promise<unknown>[] = [];
        let keepDicom = spec.format !== 'nifti';
        const birthYear = birthYearOf(planned);
        if (spec.transforms.birthYear && birthYear === undefined) withoutBirthYear.add(planned.record.participant);
        if (nifti) {
          const { dir, result } = nifti;
          if (result.error) {
            keepDicom = true;
            unconverted.push({ series: planned.series.seriesUid, path: planned.niftiFolder, reason: result.error });
          }
          if (birthYear !== undefined) for (const f of result.files.filter((n) => n.endsWith('.json'))) await addBirthYearToSidecar(join(dir, f), birthYear);
          // .nii.gz is gzip already: stored; sidecars, bval and bvec are small text: deflated.
          for (const f of result.files) pending.push(archive.addFile(join(dir, f), uniquePath([planned.niftiFolder, f].filter(Boolean).join('/'), index), !f.endsWith('.gz')));
        }
        const onDisk = new Map(got.filter((g) => g.file).map((g) => [g.sopInstanceUid, g.file!]));
        if (keepDicom && onDisk.size > 0) {
          if (birthYear !== undefined) for (const file of onDisk.values()) await writeBirthYearInto(file, birthYear);
          for (const instance of planned.instances) {
            const file = onDisk.get(instance.sopInstanceUid);
            if (file) pending.push(archive.addFile(file, instance.path));
          }
        }
        await Promise.all(pending);
        await rm(seriesDir, { recursive: true, force: true });
        if (nifti) await rm(nifti.dir, { recursive: true, force: true });
        done += planned.instances.length;
        await onProgress({ instancesTotal, instancesDone: done, files: archive.entries.length });
      }
    } finally {
      // On failure, the retrievals still running stop before the work folder goes.
      signal?.removeEventListener('abort', stopRetrieval);
      if (fetched.size > 0) {
        retrieval.abort();
        await Promise.allSettled(fetched.values());
      }
    }
    phases.retrieved = since();
    // The manifest lists files in plan order (series by series, as the layout reads), not arrival order.
    const files = [...archive.entries].sort((a, b) => (rank.get(a.path) ?? 0) - (rank.get(b.path) ?? 0));
    const manifest = {
      export: input.id,
      project: input.project,
      createdAt: new Date().toISOString(),
      format: spec.format,
      layout: spec.layout,
      filter: spec.filter,
      transforms: spec.transforms,
      ...(spec.transforms.birthYear
        ? { birthYear: { dicom: 'PatientBirthDate = YYYY0101 (the year kept at assignment; not shifted)', sidecar: 'PatientBirthYear', participantsWithoutYear: [...withoutBirthYear].sort() } }
        : {}),
      instances: instancesTotal,
      series: plan.map((p) => ({ participant: p.record.participant, event: p.record.event, modality: p.series.modality, seriesNumber: p.series.seriesNumber, seriesDescription: p.series.seriesDescription, instances: p.instances.length })),
      unconverted,
      files: files.map((e) => ({ path: e.path, bytes: e.bytes, sha256: e.sha256 })),
    };
    files.push(await archive.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 'manifest.json', true));
    const sums = files.map((e) => `${e.sha256}  ${e.path}\n`).join('');
    await archive.addBuffer(Buffer.from(sums), 'SHA256SUMS', true);
    const { bytes, sha256 } = await archive.finish();
    await rename(partial, input.outFile);
    phases.finished = since();
    return { files: archive.entries.length, bytes, sha256, instances: instancesTotal, unconverted, phases };
  } catch (err) {
    zip?.abort();
    await rm(partial, { force: true });
    if (err instanceof ExportError || err instanceof SourceError) throw err;
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOSPC') throw new ExportError('the disk is full; the partial export was removed', { cause: err });
    throw new ExportError(`export failed: ${e.message}`, { cause: err });
  } finally {
    await rm(input.workDir, { recursive: true, force: true });
  }
}
