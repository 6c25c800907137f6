// One export run: plan (C-FIND), then series by series C-GET into a private work folder, into the zip in the
// project's layout (DICOM, NIfTI through dcm2niix, or both), the series folder removed once its entries
// are written. Retrieval runs a few series ahead (parallel associations), so at most that many series are
// on disk besides the archive; nothing is held in memory whole. The zip
// ends with `manifest.json` (what is inside, what could not be converted and why) and `SHA256SUMS`.
// Any failure removes the partial archive.
import { mkdir, rename, rm, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImagingRecord } from '../forward/imaging-records-repository.js';
import { addBirthYearToSidecar, writeBirthYearInto } from './birth-year.js';
import { runDcm2niix } from './nifti.js';
import { planExport, type ExportSpec, type PlannedSeries } from './plan.js';
import { moveSeries, openCatalogue, retrieveSeries, SourceError, type Destination, type MoveTarget, type RetrievedInstance } from './source.js';
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

/** A series in up to `n` parts of at least 50 instances (one part: the series-level C-GET). */
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
}

async function freeBytes(dir: string): Promise<number> {
  const s = await statfs(dir);
  return Number(s.bavail) * Number(s.bsize);
}

export async function runExport(input: ExportRunInput, onProgress: (p: ExportProgress) => void | Promise<void>, signal?: AbortSignal): Promise<ExportOutcome> {
  const { spec } = input;
  await mkdir(input.workDir, { recursive: true });
  const partial = `${input.outFile}.part`;
  const free = await freeBytes(input.workDir);
  if (input.minFreeBytes && free < input.minFreeBytes) {
    throw new ExportError(`only ${Math.floor(free / 1e6)} MB free in the export folder; at least ${Math.floor(input.minFreeBytes / 1e6)} MB are needed to start`);
  }
  let zip: ZipWriter | undefined;
  try {
    const catalogue = await openCatalogue(input.destination, input.callingAet);
    let plan: PlannedSeries[];
    try {
      plan = await planExport(input.project, spec, input.records, catalogue);
    } finally {
      await catalogue.close();
    }
    const instancesTotal = plan.reduce((n, s) => n + s.instances.length, 0);
    if (instancesTotal === 0) throw new ExportError('nothing matches this selection in the research PACS');
    await onProgress({ instancesTotal, instancesDone: 0, files: 0 });
    zip = new ZipWriter(partial);
    const unconverted: ExportOutcome['unconverted'] = [];
    const usedPaths = new Set<string>();
    const uniquePath = (path: string) => {
      let candidate = path;
      for (let n = 2; usedPaths.has(candidate); n++) candidate = path.replace(/(\.[^./]+(\.gz)?)?$/, (ext) => `_${n}${ext}`);
      usedPaths.add(candidate);
      return candidate;
    };
    // Retrieval runs ahead of the archive: up to `parallel` C-GET associations at once (series, and long
    // series in parts), because a PACS answers each C-STORE sub-operation only after the previous one and
    // one association spends most of its time waiting on round trips (and, with a peer that leaves
    // Nagle's algorithm on, on delayed acknowledgements). Series are still written in plan order.
    const parallel = Math.max(1, input.parallelRetrievals ?? 4);
    const retrieval = new AbortController();
    const stopRetrieval = () => retrieval.abort();
    signal?.addEventListener('abort', stopRetrieval);
    const slots = limiter(parallel);
    const fetched = new Map<number, Promise<{ got: RetrievedInstance[]; seriesDir: string }>>();
    const fetchSeries = async (index: number) => {
      const planned = plan[index];
      const seriesDir = join(input.workDir, `series-${index}`);
      await mkdir(seriesDir, { recursive: true });
      const fileNumber = new Map(planned.instances.map((i, n) => [i.sopInstanceUid, n]));
      let extra = 0;
      const fileFor = (uid: string) => join(seriesDir, `${fileNumber.get(uid) ?? `extra-${extra++}`}.dcm`);
      const parts = partsOf(planned.instances, parallel);
      const { researchStudyUid: studyUid } = planned.record;
      const { seriesUid } = planned.series;
      const retrieve = (part: PlannedSeries['instances']) => {
        const uids = part.map((i) => i.sopInstanceUid);
        const only = parts.length > 1 ? { sopInstanceUids: uids } : {};
        const viaMove = (move: MoveTarget) => moveSeries(input.destination, input.callingAet, move, { studyUid, seriesUid, expected: uids, ...only }, fileFor, retrieval.signal);
        if (input.retrieveWith === 'move') {
          if (!input.move) throw new ExportError(`the research PACS ${input.destination.aet} is read with C-MOVE, but no export C-MOVE receiver is configured (export.move.port)`);
          return viaMove(input.move);
        }
        return retrieveSeries(input.destination, input.callingAet, { studyUid, seriesUid, sopClassUids: part.map((i) => i.sopClassUid), ...only }, fileFor, retrieval.signal).catch((err: unknown) => {
          if (input.move && err instanceof SourceError && err.message.includes('does not accept study-root C-GET')) return viaMove(input.move);
          throw err;
        });
      };
      const got = (await Promise.all(parts.map((part) => slots(() => retrieve(part))))).flat();
      return { got, seriesDir };
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
      for (const [index, planned] of plan.entries()) {
        if (signal?.aborted) throw new ExportError('export cancelled');
        fetchAhead(index);
        const { got, seriesDir } = await fetched.get(index)!;
        fetched.delete(index);
        const arrived = new Set(got.map((g) => g.sopInstanceUid));
        const missing = planned.instances.filter((i) => !arrived.has(i.sopInstanceUid));
        if (missing.length > 0) throw new ExportError(`the research PACS did not deliver ${missing.length} of ${planned.instances.length} instances of series ${planned.series.seriesNumber} (${planned.series.seriesUid})`);
        const pending: Promise<unknown>[] = [];
        let keepDicom = spec.format !== 'nifti';
        const birthYear = spec.transforms.birthYear ? input.birthYears?.get(planned.record.participant) : undefined;
        if (spec.transforms.birthYear && birthYear === undefined) withoutBirthYear.add(planned.record.participant);
        if (spec.format !== 'zip') {
          const niftiDir = join(input.workDir, `nifti-${index}`);
          const result = await runDcm2niix(seriesDir, niftiDir, planned.niftiName, signal);
          if (result.error) {
            keepDicom = true;
            unconverted.push({ series: planned.series.seriesUid, path: planned.niftiFolder, reason: result.error });
          }
          if (birthYear !== undefined) for (const f of result.files.filter((n) => n.endsWith('.json'))) await addBirthYearToSidecar(join(niftiDir, f), birthYear);
          for (const f of result.files) pending.push(zip.addFile(join(niftiDir, f), uniquePath([planned.niftiFolder, f].filter(Boolean).join('/')), true));
        }
        if (keepDicom) {
          // In the plan's order (by instance number), whatever order the parts arrived in.
          const fileOf = new Map(got.map((g) => [g.sopInstanceUid, g.file]));
          if (birthYear !== undefined) for (const g of got) await writeBirthYearInto(g.file, birthYear);
          for (const instance of planned.instances) pending.push(zip.addFile(fileOf.get(instance.sopInstanceUid)!, uniquePath(instance.path)));
        }
        await Promise.all(pending);
        await rm(seriesDir, { recursive: true, force: true });
        await rm(join(input.workDir, `nifti-${index}`), { recursive: true, force: true });
        done += planned.instances.length;
        await onProgress({ instancesTotal, instancesDone: done, files: zip.entries.length });
      }
    } finally {
      // On failure, the retrievals still running stop before the work folder goes.
      signal?.removeEventListener('abort', stopRetrieval);
      if (fetched.size > 0) {
        retrieval.abort();
        await Promise.allSettled(fetched.values());
      }
    }
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
      files: zip.entries.map((e) => ({ path: e.path, bytes: e.bytes, sha256: e.sha256 })),
    };
    zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 'manifest.json');
    const sums = zip.entries.map((e) => `${e.sha256}  ${e.path}\n`).join('');
    zip.addBuffer(Buffer.from(sums), 'SHA256SUMS');
    const files = zip.entries.length;
    const { bytes, sha256 } = await zip.finish();
    await rename(partial, input.outFile);
    return { files, bytes, sha256, instances: instancesTotal, unconverted };
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
