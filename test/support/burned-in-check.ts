// Checks a cleaned generated image against its ground truth: which drawn words are gone (every pixel of the
// word's box now holds a mask's fill), whether any pixel changed outside the reported masks, and what OCR
// still reads in the output.
import { parseDicom } from '../../src/dicom/parse.js';
import type { Codecs } from '../../src/pipeline/deid/pixels/codecs.js';
import { decodeImage } from '../../src/pipeline/deid/pixels/decode.js';
import { rgbOf, toGray } from '../../src/pipeline/deid/pixels/display.js';
import { clip, type Rect } from '../../src/pipeline/deid/pixels/geometry.js';
import type { OcrEngine } from '../../src/pipeline/deid/pixels/ocr.js';
import { normalise } from '../../src/pipeline/deid/pixels/policy.js';
import { readPixelModule } from '../../src/pipeline/deid/pixels/pixel-module.js';
import type { Frame } from '../../src/pipeline/deid/pixels/samples.js';
import type { GroundTruthWord } from './burned-in.js';

export function decodeFrames(file: Buffer, codecs: Codecs): { frames: Frame[]; rgb: boolean; photometric: string; gray: ReturnType<typeof toGray>[] } {
  const parsed = parseDicom(file);
  const m = readPixelModule(parsed.buffer, parsed.dataset)!;
  const image = decodeImage(parsed, m, codecs);
  const frames = image.module.photometric.startsWith('YBR') || image.module.photometric === 'PALETTE COLOR' ? image.frames.map((f) => ({ ...f, samples: 3, data: Int32Array.from(rgbOf(f, image.module)) })) : image.frames;
  return { frames, rgb: frames[0].samples === 3, photometric: image.module.photometric, gray: image.frames.map((f) => toGray(f, image.module)) };
}

function inside(x: number, y: number, rects: Rect[]): boolean {
  return rects.some((r) => x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height);
}

export interface CheckResult {
  /** Words whose whole box was filled. */
  removed: GroundTruthWord[];
  kept: GroundTruthWord[];
  /** Pixels that changed although no mask covers them. */
  changedOutside: number;
}

export function checkCleaned(before: Frame[], after: Frame[], words: GroundTruthWord[], masks: Array<{ frame: number; box: Rect }>): CheckResult {
  const removed: GroundTruthWord[] = [];
  const kept: GroundTruthWord[] = [];
  for (const w of words) {
    const rects = masks.filter((m) => m.frame === w.frame).map((m) => clip(m.box, after[w.frame].width, after[w.frame].height)).filter((r): r is Rect => !!r);
    let covered = true;
    for (let y = w.box.y; y < w.box.y + w.box.height && covered; y++) for (let x = w.box.x; x < w.box.x + w.box.width; x++) if (!inside(x, y, rects)) covered = false;
    (covered ? removed : kept).push(w);
  }
  let changedOutside = 0;
  before.forEach((f, i) => {
    const rects = masks.filter((m) => m.frame === i).map((m) => clip(m.box, f.width, f.height)).filter((r): r is Rect => !!r);
    const a = after[i];
    for (let y = 0; y < f.height; y++) {
      for (let x = 0; x < f.width; x++) {
        const p = (y * f.width + x) * f.samples;
        let same = true;
        for (let s = 0; s < f.samples; s++) if (f.data[p + s] !== a.data[p + s]) same = false;
        if (!same && !inside(x, y, rects)) changedOutside++;
      }
    }
  });
  return { removed, kept, changedOutside };
}

/** Drawn words that OCR of the whole output frames still reads (normalised, 3+ characters). */
export async function ocrLeftovers(gray: ReturnType<typeof toGray>[], words: GroundTruthWord[], ocr: OcrEngine): Promise<string[]> {
  const { cropForOcr } = await import('../../src/pipeline/deid/pixels/ocr.js');
  const found = new Set<string>();
  for (const g of gray) {
    const full = cropForOcr(g, { x: 0, y: 0, width: g.width, height: g.height }, Math.min(2, 2000 / Math.max(g.width, g.height)) * g.height, { whole: true });
    const [read] = await ocr.read([full.image]);
    for (const w of read) found.add(normalise(w.text));
  }
  return words.map((w) => normalise(w.text)).filter((t) => t.length >= 3 && [...found].some((f) => f.includes(t)));
}

export interface Evaluation {
  outcome: 'pass' | 'clean' | 'review' | 'refused';
  reason?: string;
  output?: Buffer;
  words: number;
  removed: number;
  kept: GroundTruthWord[];
  changedOutside: number;
  ms: number;
}

/** Runs a generated image through the pixel stage and the header stage, and checks it against its truth. */
export async function evaluate(image: { file: Buffer; words: GroundTruthWord[] }, codecs: Codecs): Promise<Evaluation> {
  const { runPixelStage } = await import('../../src/pipeline/deid/pixels/stage.js');
  const { deidentify } = await import('../../src/pipeline/deid/index.js');
  const started = performance.now();
  const stage = await runPixelStage(image.file, {});
  if (stage.kind === 'review') return { outcome: 'review', reason: stage.reason, words: image.words.length, removed: 0, kept: image.words, changedOutside: 0, ms: performance.now() - started };
  let output: Buffer;
  try {
    output = deidentify(image.file, { projectName: 'MMIVTEST', participantId: 'MMIV_0001', eventName: 'baseline', dateOffsetDays: -635, key: Buffer.from('fiona-test-key-0001'), uidRoot: '1.3.6.1.4.1.45037', aeTitle: 'FIONA' }, stage.edits).output;
  } catch (err) {
    return { outcome: 'refused', reason: (err as Error).message, words: image.words.length, removed: 0, kept: image.words, changedOutside: 0, ms: performance.now() - started };
  }
  const ms = performance.now() - started;
  const before = decodeFrames(image.file, codecs).frames;
  const after = decodeFrames(output, codecs).frames;
  const check = checkCleaned(before, after, image.words, stage.edits?.report.masks ?? []);
  return { outcome: stage.edits?.report.outcome ?? 'pass', output, words: image.words.length, removed: check.removed.length, kept: check.kept, changedOutside: check.changedOutside, ms };
}
