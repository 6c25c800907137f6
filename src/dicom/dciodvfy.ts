// David Clunie's IOD validator `dciodvfy` (Debian package dicom3tools) as an oracle: runs it on a file and
// compares two runs, so "the de-identified output is as valid as its source" can be checked on any data.
// An external program, not a library, because no library checks IOD conformance (module usage, attribute
// types and conditions, enumerated values) as completely; it is optional at run time and required in tests.
import { spawn, spawnSync } from 'node:child_process';
import { encodeFileMeta } from './meta.js';
import { metaString, parseDicom } from './parse.js';
import { EXPLICIT_VR_LE, isDeflated } from './transfer-syntax.js';

export interface DciodvfyReport {
  /** The IOD dciodvfy chose ("CTImage"), when it printed one. */
  iod?: string;
  /** "Error - …" and "Abort - …" lines as printed. */
  errors: string[];
  /** "Warning - …" lines as printed. */
  warnings: string[];
  /** dciodvfy stopped on an internal assertion (it does for some valid objects, e.g. 32-bit RT Dose grids). */
  crashed?: string;
}

let available: boolean | undefined;

/** True when `dciodvfy` runs here (checked once per process). */
export function dciodvfyAvailable(): boolean {
  if (available === undefined) {
    const probe = spawnSync('dciodvfy', [], { stdio: 'ignore', timeout: 10_000 });
    available = !probe.error;
  }
  return available;
}

export function parseDciodvfyOutput(text: string): DciodvfyReport {
  const report: DciodvfyReport = { errors: [], warnings: [] };
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (line.startsWith('Error - ') || line.startsWith('Abort - ')) report.errors.push(line);
    else if (line.startsWith('Warning - ')) report.warnings.push(line);
    else if (report.iod === undefined && /^[A-Za-z0-9]+$/.test(line)) report.iod = line;
  }
  return report;
}

/** Runs dciodvfy on one file. Its findings go to stderr; the exit status says nothing about them. */
export function runDciodvfy(path: string): Promise<DciodvfyReport> {
  return new Promise((resolve, reject) => {
    const child = spawn('dciodvfy', [path], { stdio: ['ignore', 'ignore', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      const text = Buffer.concat(chunks).toString('latin1');
      const report = parseDciodvfyOutput(text);
      if (signal) report.crashed = /^dciodvfy: (.*)$/m.exec(text)?.[1] ?? `stopped by ${signal}`;
      resolve(report);
    });
  });
}

/** Runs `task` over `items` with at most `concurrency` at a time; results in input order. */
export async function mapLimited<T, R>(items: readonly T[], concurrency: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane));
  return results;
}

/**
 * A message with what legitimately changes between a source and its de-identified copy taken out: values
 * (UIDs, dates, names, dummies) and item numbers. What remains says which rule is broken where: the message
 * kind, the tag, the attribute and module names.
 */
export function normaliseMessage(message: string): string {
  return message
    .replace(/(Element=|Module=|attribute |Attribute )<([^>]*)>/g, '$1«$2»') // names: kept
    .replace(/<[^>]*>/g, '<>') // values
    .replace(/«([^»]*)»/g, '<$1>')
    .replace(/"[^"]*"/g, '""')
    .replace(/\b\d+(?:\.\d+){3,}\b|(?<=UID )[\d.]+/g, '<uid>') // UIDs printed bare
    .replace(/'.' \(0x[0-9a-f]+\)/gi, "'?'")
    .replace(/#\d+/g, '#n')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Errors of `output` that `source` did not have, compared as normalised messages counted with multiplicity. */
export function newErrors(source: DciodvfyReport, output: DciodvfyReport): string[] {
  const budget = new Map<string, number>();
  for (const error of source.errors) {
    const key = normaliseMessage(error);
    budget.set(key, (budget.get(key) ?? 0) + 1);
  }
  const added: string[] = [];
  for (const error of output.errors) {
    const key = normaliseMessage(error);
    const left = budget.get(key) ?? 0;
    if (left > 0) budget.set(key, left - 1);
    else added.push(error);
  }
  return added;
}

/**
 * The bytes dciodvfy should check for a source: the file itself, or for a deflated file (which dciodvfy cannot
 * read) the same dataset inflated, in explicit VR little endian behind a new file meta.
 */
export function validatableSource(file: Uint8Array): Uint8Array {
  let parsed;
  try {
    parsed = parseDicom(file);
  } catch {
    return file;
  }
  if (!isDeflated(parsed.transferSyntaxUid)) return file;
  const meta = encodeFileMeta({
    mediaStorageSopClassUid: metaString(parsed, 0x00020002) ?? '',
    mediaStorageSopInstanceUid: metaString(parsed, 0x00020003) ?? '',
    transferSyntaxUid: EXPLICIT_VR_LE,
    implementationClassUid: metaString(parsed, 0x00020012) ?? '1.2.3',
  });
  return Buffer.concat([meta, parsed.buffer]);
}

export interface ValidityComparison {
  /** The IOD dciodvfy checked the output against. */
  iod?: string;
  /** Errors of the output that the source did not have (as printed for the output). */
  newErrors: string[];
  /** Warnings of the output that the source did not have: for information, never a failure. */
  newWarnings: string[];
  /** Why the pair could not be compared: dciodvfy stops on the source and the output alike. */
  unchecked?: string;
}

/**
 * dciodvfy on a source and its de-identified output: what the output breaks that the source did not. `run`
 * runs dciodvfy on one file (a caller checking hundreds of files may run it through one helper process).
 */
export async function compareValidity(sourcePath: string, outputPath: string, run: (path: string) => Promise<DciodvfyReport> = runDciodvfy): Promise<ValidityComparison> {
  const [source, output] = [await run(sourcePath), await run(outputPath)];
  if (output.crashed && source.crashed) return { iod: output.iod, newErrors: [], newWarnings: [], unchecked: `dciodvfy stops on both: ${output.crashed}` };
  const errors = newErrors(source, output);
  if (output.crashed) errors.push(`dciodvfy stops on the output but not on the source: ${output.crashed}`);
  const warnings = newErrors({ errors: source.warnings, warnings: [] }, { errors: output.warnings, warnings: [] });
  return { iod: output.iod, newErrors: errors, newWarnings: warnings };
}
