// David Clunie's IOD validator `dciodvfy` (Debian package dicom3tools) as an oracle: runs it on a file and
// compares two runs, so "the de-identified output is as valid as its source" can be checked on any data.
// An external program, not a library, because no library checks IOD conformance (module usage, attribute
// types and conditions, enumerated values) as completely; it is optional at run time and required in tests.
import { spawn, spawnSync } from 'node:child_process';

export interface DciodvfyReport {
  /** The IOD dciodvfy chose ("CTImage"), when it printed one. */
  iod?: string;
  /** "Error - …" and "Abort - …" lines as printed. */
  errors: string[];
  /** "Warning - …" lines as printed. */
  warnings: string[];
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
    child.on('close', () => resolve(parseDciodvfyOutput(Buffer.concat(chunks).toString('latin1'))));
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
