// `fiona deid`: de-identify a file or a folder (recursively) into an output folder, one file per instance,
// named by its new SOP Instance UID (source file names can carry names). Writes to a temporary name and
// renames, so a refused or interrupted instance leaves nothing behind. Runs the same stages as forwarding
// (pixels, then header) on the same worker-thread pool; `--no-pixels` skips the pixel stage. An instance
// whose pixels need a person is not written but listed. Exit code 1 if anything was refused or held.
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { randomBytes } from 'node:crypto';
import { looksLikeDicom } from '../dicom/parse.js';
import { dateOffsetDays, deidContext, DeidRefusal } from '../pipeline/deid/index.js';
import { DEFAULT_DEID_OPTIONS, mergeDeidOptions, type DeidOptions } from '../projects/deid-options.js';
import { createPreparePool } from '../pipeline/forward/prepare-pool.js';
import { loadSecretKey } from '../platform/secret.js';
import type { FionaConfig } from '../platform/config.js';
import type { WrittenInstance } from './deid-validate.js';
import { InventoryAccumulator, inventoryRows, DISTINCT_CAP, type InventoryRow } from '../pipeline/deid/inventory.js';

export interface DeidRunInput {
  project: string;
  participant: string;
  event: string;
  input: string;
  output: string;
  keyFile?: string;
  /** Project de-identification options as `name[=value]` (the names and values of a project's deidOptions). */
  options?: string[];
  /** The project's participant-ID pattern; the participant must match it. */
  participantPattern?: string;
  dateOffset?: number;
  /** Skip the pixel stage (burned-in text is then neither screened nor removed). */
  noPixels?: boolean;
}

/**
 * `--option name[=value]` flags -> a project's de-identification options, checked by the same rules as the
 * project API: booleans as `name` or `name=false`, lists (safePrivateAllowList) by repeating the flag.
 */
export function parseOptionFlags(flags: string[]): DeidOptions {
  const changes: Record<string, unknown> = {};
  for (const raw of flags) {
    const eq = raw.indexOf('=');
    const name = eq < 0 ? raw : raw.slice(0, eq);
    const value = eq < 0 ? undefined : raw.slice(eq + 1);
    if (!(name in DEFAULT_DEID_OPTIONS)) throw new Error(`unknown de-identification option "${name}" (known: ${Object.keys(DEFAULT_DEID_OPTIONS).join(', ')})`);
    const current = DEFAULT_DEID_OPTIONS[name as keyof DeidOptions];
    if (Array.isArray(current)) changes[name] = [...((changes[name] as string[] | undefined) ?? []), value ?? ''];
    else if (typeof current === 'boolean') {
      if (value !== undefined && !/^(1|true|yes|on|0|false|no|off)$/i.test(value)) throw new Error(`${name} is true or false`);
      changes[name] = value === undefined || /^(1|true|yes|on)$/i.test(value);
    } else changes[name] = value ?? '';
  }
  return mergeDeidOptions(DEFAULT_DEID_OPTIONS, changes);
}

export interface DeidSummary {
  deidentified: number;
  /** reason: for the operator (may quote the identifying value); redacted: names only the place. */
  refused: Array<{ file: string; reason: string; redacted: string; code: string }>;
  skipped: string[];
  dropped: number;
  /** Instances whose pixels need a person (not written): file and reason. */
  review: Array<{ file: string; reason: string }>;
  /** Instances whose pixels were cleaned (masks applied). */
  pixelsCleaned: number;
  atRisk: number;
  changed: number;
  removed: number;
  added: number;
  /** Each output beside its source, for `--validate`. */
  written: WrittenInstance[];
  /** Every tag path of what was written (`--report`). */
  inventory: InventoryAccumulator;
}

/** `fiona deid --report`: the per-tag inventory of what was written, as the project's Review page shows it. */
export interface DeidReportFile {
  input: string;
  instances: number;
  distinctCap: number;
  refused: Array<{ file: string; code: string; reason: string }>;
  heldForPixelReview: Array<{ file: string; reason: string }>;
  tags: InventoryRow[];
}

export function reportOf(run: Pick<DeidRunInput, 'input'>, summary: DeidSummary): DeidReportFile {
  return {
    input: run.input,
    instances: summary.inventory.instances,
    distinctCap: DISTINCT_CAP,
    // The report may travel: refusals name the place, never the identifying value.
    refused: summary.refused.map((r) => ({ file: r.file, code: r.code, reason: r.redacted })),
    heldForPixelReview: summary.review,
    tags: inventoryRows(summary.inventory),
  };
}

function listFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  const files: string[] = [];
  for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(full));
    else if (entry.isFile()) files.push(full);
  }
  return files;
}

function writeAtomically(dir: string, name: string, bytes: Uint8Array): void {
  const temp = join(dir, `.${name}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, bytes);
    renameSync(temp, join(dir, name));
  } catch (err) {
    try {
      unlinkSync(temp);
    } catch {
      // nothing was written
    }
    throw err;
  }
}

export async function runDeid(run: DeidRunInput, config: Pick<FionaConfig, 'dataDir' | 'deid' | 'dicom'>): Promise<DeidSummary> {
  const options = parseOptionFlags(run.options ?? []);
  const key = loadSecretKey(config, run.keyFile);
  // The participant's offset as `fiona serve` computes it when the participant is registered.
  const offset = run.dateOffset ?? dateOffsetDays(key, run.project, run.participant, { preserveWeekday: options.preserveWeekday });
  const context = deidContext(
    { project: { name: run.project, participantPattern: run.participantPattern, deidOptions: options }, participant: { id: run.participant, dateOffsetDays: offset }, event: run.event },
    { key, uidRoot: config.deid.uidRoot, aeTitle: config.dicom.aet },
  );
  mkdirSync(run.output, { recursive: true });
  const summary: DeidSummary = { deidentified: 0, refused: [], skipped: [], dropped: 0, review: [], pixelsCleaned: 0, atRisk: 0, changed: 0, removed: 0, added: 0, written: [], inventory: new InventoryAccumulator() };
  const pool = createPreparePool();
  try {
    const files = listFiles(run.input);
    // A few instances in flight keep every thread busy; more would only hold files in memory.
    let next = 0;
    const one = async (file: string): Promise<void> => {
      const shown = relative(run.input, file) || file;
      const bytes = readFileSync(file);
      if (!looksLikeDicom(bytes)) {
        summary.skipped.push(shown);
        return;
      }
      try {
        const outcome = await pool.prepare(bytes, context, { pixels: run.noPixels ? false : {} });
        if (outcome.kind === 'review') {
          summary.review.push({ file: shown, reason: outcome.review.reason });
          return;
        }
        const p = outcome.prepared;
        writeAtomically(run.output, `${p.sopInstanceUid}.dcm`, p.file);
        summary.written.push({ file: shown, sourcePath: file, outputPath: join(run.output, `${p.sopInstanceUid}.dcm`) });
        summary.deidentified++;
        summary.inventory.add(p.tags);
        if (p.pixels?.outcome === 'clean') summary.pixelsCleaned++;
        if (p.atRiskReasons.length > 0) summary.atRisk++;
      } catch (err) {
        if (err instanceof DeidRefusal && err.code === 'dropped-by-option') summary.dropped++;
        else if (err instanceof DeidRefusal) summary.refused.push({ file: shown, reason: err.message, redacted: err.redactedReason, code: err.code });
        else summary.refused.push({ file: shown, reason: (err as Error).message ?? String(err), redacted: (err as Error).message ?? String(err), code: 'error' });
      }
    };
    const lane = async () => {
      while (next < files.length) await one(files[next++]);
    };
    await Promise.all(Array.from({ length: 4 }, lane));
  } finally {
    await pool.close();
  }
  summary.refused.sort((a, b) => a.file.localeCompare(b.file));
  summary.review.sort((a, b) => a.file.localeCompare(b.file));
  return summary;
}
