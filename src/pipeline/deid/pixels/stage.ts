// The pixel stage as the rest of Fiona uses it: one instance in, either the edits that go with its header
// de-identification (pixels unchanged or cleaned) or a review with the masks proposed so far. The same
// function serves `fiona deid` and forwarding, on a worker thread of the preparation pool.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDicom, type ParsedDicom } from '../../../dicom/parse.js';
import type { PixelEdits } from '../deidentify.js';
import { analysePixels, type Finding, type PixelSettings, type PixelTools } from './analyse.js';
import { loadCodecs } from './codecs.js';
import type { OcrEngine } from './ocr.js';
import { Screen } from './screen.js';
import { TesseractWasm } from './tesseract-wasm.js';

export type PixelStageResult =
  | { kind: 'edits'; edits?: PixelEdits }
  | { kind: 'review'; reason: string; atRisk: boolean; findings: Finding[]; frames: number };

let shared: Promise<Omit<PixelTools, 'jobDir'>> | undefined;

/** This thread's codecs, screen and OCR engine (created once). */
export function threadTools(ocr?: OcrEngine): Promise<Omit<PixelTools, 'jobDir'>> {
  shared ??= loadCodecs().then((codecs) => ({ codecs, screen: new Screen(), ocr: ocr ?? new TesseractWasm() }));
  return shared;
}

/**
 * Runs the pixel stage on one source instance. Unparseable input is left to the header stage (which refuses
 * it with a clear reason). Temporary files, if a Debian tool is needed, live in a private directory that is
 * removed before this returns.
 */
export async function runPixelStage(input: Uint8Array, settings: PixelSettings, tools?: Omit<PixelTools, 'jobDir'>): Promise<PixelStageResult> {
  let parsed: ParsedDicom;
  try {
    parsed = parseDicom(input);
  } catch {
    return { kind: 'edits' };
  }
  const base = tools ?? (await threadTools());
  let dir: string | undefined;
  const jobDir = async () => (dir ??= await mkdtemp(join(tmpdir(), 'fiona-pixels-')));
  try {
    const plan = await analysePixels(parsed, settings, { ...base, jobDir });
    switch (plan.kind) {
      case 'none':
        return { kind: 'edits' };
      case 'review':
        return { kind: 'review', reason: plan.reason, atRisk: plan.atRisk, findings: plan.findings, frames: plan.frames };
      case 'pass':
        return { kind: 'edits', edits: { rewrite: plan.rewrite, report: { outcome: 'pass', frames: plan.frames, candidates: plan.candidates, masks: [], notes: plan.rewrite.notes } } };
      default:
        return { kind: 'edits', edits: { rewrite: plan.rewrite, report: { outcome: 'clean', frames: plan.frames, candidates: plan.candidates, masks: plan.findings.map((f) => ({ frame: f.frame, box: f.box, reason: f.reason })), notes: plan.rewrite.notes } } };
    }
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
