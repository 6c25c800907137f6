// The pixel stage (section 7): decode every frame, screen it, OCR the candidates (and whole frames of at-risk
// instances), decide what to mask, mask, check that OCR finds nothing left, and re-encode without loss.
// Its answer is a plan: pass (pixels unchanged), clean (with the edits that write the cleaned pixels), or
// review (a person must look, with the masks proposed so far).
import type { ParsedDicom } from '../../../dicom/parse.js';
import { EXPLICIT_VR_LE } from '../../../dicom/transfer-syntax.js';
import { PIXEL_DATA } from '../../../dicom/tag.js';
import { findElement, rawValue } from '../../../dicom/values.js';
import { atRiskReasons } from '../at-risk.js';
import { UnsupportedEncoding, type Codecs } from './codecs.js';
import { decodeImage, type DecodedImage } from './decode.js';
import { grayViews, rgbOf, type Gray } from './display.js';
import { encapsulate, nativeFrames } from './frames.js';
import { coverage, grow, union, type Rect } from './geometry.js';
import { matchingRegions, type KnownRegion } from './known-regions.js';
import { maskFrame, maskNative } from './mask.js';
import { lineAlongRow } from './line-extent.js';
import { cropForOcr, toFrame, type OcrEngine, type OcrWord } from './ocr.js';
import { fillValue, readPixelModule, type PixelModule } from './pixel-module.js';
import { identityTerms, isSafe, maskInAtRisk, maskInScreened, matchesIdentity, normalise, type IdentityTerms } from './policy.js';
import type { PixelRewrite } from './rewrite.js';
import { cloneFrame, toNative, type Frame } from './samples.js';
import { DEFAULT_SCREEN, Screen, type Candidate } from './screen.js';
import { LOSSLESS_REENCODE, JPEG_LOSSLESS, JPEG_LOSSLESS_SV1 } from './syntaxes.js';
import { compressJpegLossless, decompressWithGdcm } from './tools.js';
import { parseDicom } from '../../../dicom/parse.js';
import { encodeFileMeta } from '../../../dicom/meta.js';
import { encapsulatedFrames } from './frames.js';

export type FindingReason = 'identity' | 'word' | 'region' | 'known' | 'reviewer' | 'residue';

export interface Finding {
  frame: number;
  box: Rect;
  reason: FindingReason;
  /** Never the text itself where it matched identity: only its length, so logs and pages do not leak it. */
  text?: string;
  confidence?: number;
}

/** A data manager's decision for an instance: its masks as approved, or its series declared free of text. */
export type PixelDirective = { kind: 'safe' } | { kind: 'approved'; masks: Array<{ frame: number; box: Rect }> };

export interface PixelTools {
  codecs: Codecs;
  screen: Screen;
  ocr: OcrEngine;
  /** The job's private temporary directory (for the Debian tools' files). */
  jobDir: () => Promise<string>;
}

export interface PixelSettings {
  knownRegions?: KnownRegion[];
  directive?: PixelDirective;
}

export type PixelPlan =
  | { kind: 'none'; reason: string }
  | { kind: 'pass'; atRisk: boolean; frames: number; candidates: number; rewrite: PixelRewrite }
  | { kind: 'clean'; atRisk: boolean; frames: number; candidates: number; findings: Finding[]; rewrite: PixelRewrite }
  | { kind: 'review'; atRisk: boolean; reason: string; findings: Finding[]; frames: number };

const OCR_BATCH = 40;
const RESIDUE_CONFIDENCE = 50;
/** Word boxes taller than this (frame pixels) are not annotation text (the screen's glyphs stop at 64). */
const RESIDUE_MAX_HEIGHT = 80;
/** The share of a frame's width and height, along each edge, where devices draw annotations. */
const BORDER = 0.15;

export interface Read {
  frame: number;
  word: OcrWord;
  /** The candidate region the word was read in (frame coordinates), or undefined for whole-frame reads. */
  region?: Line;
  /** Read whole in a colour frame's second view (darkest channel), where texture reads as words more. */
  secondView?: boolean;
}

/**
 * The part of a frame OCR reads for a candidate line: the line itself, widened along its row by a few
 * glyph heights when it lies in the annotation band. Words the screen did not see (a name drawn over bright tissue, the tail of a date split
 * off by a wide gap) sit on the same row as the ones it did, and OCR reads them in the same crop.
 */
function readingWindow(r: Rect, g: Gray): Rect {
  // Eight glyph heights: a whole name (8-9 glyphs) beside the part the screen saw is read in one piece.
  const side = Math.round(8 * r.height);
  const x = Math.max(0, r.x - side);
  return { x, y: r.y, width: Math.min(g.width, r.x + r.width + side) - x, height: r.height };
}

/** Lines the screen found at a grey this near an extreme are read a second time, binarised there. */
const INK_READING = 235;
/** Frames whose longer side reaches this (px) are screened shrunk (see screenPage). */
const LARGE_FRAME = 1400;

/**
 * Dark text over the image itself (black annotation on a radiograph's soft tissue, not on a banner bar):
 * the screen's own dark pass keeps only dark glyphs on bright surroundings, so this pass looks at the
 * inverted view for glyphs at the dark extreme that stand out from mid-grey surroundings. Its banner rows
 * (bright bars of the inverted view are black margins) are not taken.
 */
const darkText = new Screen({ ...DEFAULT_SCREEN, bright: [250, 215], dark: [], banners: false });

/**
 * The screen's candidates for a page, in frame pixels. Radiographs of 2000-3000 px carry their annotation
 * in glyphs of 30-120 px, past the screen's glyph sizes, and cost it 15-35 frames' worth of time; shrunk by
 * an integer factor (box average) so the longer side is under LARGE_FRAME, their text has the sizes the
 * screen knows, and it runs in a quarter of the time or less. Text under 4 px per factor (8 px on a
 * 2000-pixel frame) is not seen there; nobody draws patient data that small on such a frame.
 */
export function screenPage(screen: Screen, g: Gray): Candidate[] {
  const k = Math.ceil(Math.max(g.width, g.height) / (LARGE_FRAME - 1));
  const view = k > 1 ? shrink(g, k) : g;
  const data = new Uint8Array(view.data.length);
  for (let i = 0; i < data.length; i++) data[i] = 255 - view.data[i];
  const inverted = { ...view, data };
  // The inverted view's bright ink is the frame's dark ink: OCR binarises the frame itself at that grey.
  const dark = darkText.find(inverted).map((c) => (c.ink ? { ...c, ink: { level: 255 - c.ink.level, bright: false } } : c));
  const found = [...screen.find(view), ...dark];
  return k > 1 ? found.map((c) => ({ ...c, x: c.x * k, y: c.y * k, width: c.width * k, height: c.height * k })) : found;
}

/** A k-times smaller grey view, each pixel the mean of a k-by-k block (edge blocks clipped). */
function shrink(g: Gray, k: number): Gray {
  const width = Math.ceil(g.width / k);
  const height = Math.ceil(g.height / k);
  const sums = new Uint32Array(width);
  const counts = new Uint32Array(width);
  const data = new Uint8Array(width * height);
  for (let Y = 0; Y < height; Y++) {
    sums.fill(0);
    counts.fill(0);
    for (let y = Y * k; y < Math.min(g.height, (Y + 1) * k); y++) {
      const row = y * g.width;
      for (let x = 0; x < g.width; x++) {
        const X = (x / k) | 0;
        sums[X] += g.data[row + x];
        counts[X]++;
      }
    }
    for (let X = 0; X < width; X++) data[Y * width + X] = Math.round(sums[X] / counts[X]);
  }
  return { width, height, data };
}

/** Frames up to this side (px) are read whole in each of their views. */
const SMALL_FRAME = 256;

/** Whole-frame OCR scale: small frames (icons, 100-pixel secondary captures) are enlarged more. */
function wholeFrameScale(g: Gray): number {
  const side = Math.max(g.width, g.height);
  return side <= 400 ? 4 : Math.min(2, 2000 / side);
}

/** A grey view of one frame (colour frames have two, see grayViews): what is screened and read. */
interface Page {
  frame: number;
  gray: Gray;
  /** The frame's first view. Only it is read whole in at-risk instances (small frames aside): the darkest
   * channel of a colour photograph or Doppler image, read whole, is mostly texture that OCR turns into words. */
  first: boolean;
  /** A greyscale frame (CT, MR, CR, DX…), not a view of a colour one. */
  grey: boolean;
}

export function pagesOf(frames: Frame[], module: PixelModule): Page[] {
  const grey = (f: Frame) => f.samples === 1 && module.photometric !== 'PALETTE COLOR';
  return frames.flatMap((f, frame) => grayViews(f, module).map((gray, view) => ({ frame, gray, first: view === 0, grey: grey(f) })));
}

/** OCR of the candidate regions of all pages (in strips of OCR_BATCH) and, for at-risk instances, whole pages. */
export async function readText(pages: Page[], regions: Line[][], whole: boolean, ocr: OcrEngine): Promise<Read[]> {
  const jobs: Array<{ frame: number; region?: Line; crop: ReturnType<typeof cropForOcr> }> = [];
  pages.forEach(({ frame, gray: g, grey }, p) => {
    for (const r of regions[p]) {
      jobs.push({ frame, region: r, crop: cropForOcr(g, r.border ? readingWindow(r, g) : r, 40, { brightInk: r.ink?.bright }) });
      // A second reading, black and white at the grey the screen separated the glyphs at: text over bright
      // tissue (grey on grey once stretched) and small text that the window's stretch or cut blurs.
      // Only near the extremes, where devices draw: binarised at a mid grey, anatomy reads as words. Grey
      // frames only: on colour frames read whole (ultrasound), the extra masks' edges read as residue.
      if (grey && r.ink && (r.ink.bright ? r.ink.level >= INK_READING : r.ink.level <= 255 - INK_READING)) jobs.push({ frame, region: r, crop: cropForOcr(g, r, 40, { ink: r.ink }) });
    }
  });
  const reads: Read[] = [];
  for (let i = 0; i < jobs.length; i += OCR_BATCH) {
    const batch = jobs.slice(i, i + OCR_BATCH);
    const words = await ocr.read(batch.map((j) => j.crop.image));
    batch.forEach((job, k) => {
      for (const w of words[k]) reads.push({ frame: job.frame, region: job.region, word: { ...w, box: toFrame(w.box, job.crop) } });
    });
  }
  if (whole) {
    // Small frames are cheap to read whole in every view (white text on a colour band of a 100-pixel capture).
    for (const { frame, gray: g, first } of pages.filter((p) => p.first || Math.max(p.gray.width, p.gray.height) <= SMALL_FRAME)) {
      const full = cropForOcr(g, { x: 0, y: 0, width: g.width, height: g.height }, wholeFrameScale(g) * g.height, { whole: true });
      const [words] = await ocr.read([full.image]);
      for (const w of words) reads.push({ frame, word: { ...w, box: toFrame(w.box, full) }, secondView: !first });
    }
  }
  return reads;
}

/**
 * The candidates OCR reads. At-risk frames: all. Screened frames: lines plainly text-like, and anything in
 * the border band where devices draw their annotations (corners, top and bottom banners, side columns).
 * Measured on the clean CT/MR/PT frames of test/data, 17 of 608 frames have such a candidate (171 when any
 * line reaching into the band counted), while every generated annotation is still read.
 */
export function worthReading(found: Candidate[], g: Gray, atRisk: boolean, grey = true): Line[] {
  const joined = joinLines(found).map((r) => ({ ...r, border: whollyInBorder(r, g) }));
  // Greyscale frames (CT, CR, DX, MR): annotation blocks and whole lines. Colour frames (ultrasound, Doppler)
  // keep the screen's extent: followed along its row, a line there runs into the colour texture, which
  // reads as residue.
  if (!grey) return atRisk ? joined : joined.filter((r) => r.textLike || r.border);
  // Which lines are read is decided on the screen's own extent; what is read and masked is the whole line.
  const lines = inBlocksOfTheBorder(joined);
  return (atRisk ? lines : lines.filter((r) => r.textLike || r.border)).map((r) => ({ ...r, ...lineAlongRow(g, r) }));
}

/** A candidate line as the stage reads it: `border` when it lies wholly in the band where devices annotate. */
export type Line = Candidate & { border: boolean };

/**
 * Two lines of one annotation block: glyphs of about one height, one under the other with at most a line's
 * height between them, sharing a left or a right edge (devices align their corner blocks to the corner).
 */
function stacked(a: Rect, b: Rect): boolean {
  const h = Math.max(a.height, b.height);
  if (h > 1.6 * Math.min(a.height, b.height)) return false;
  const gap = Math.max(a.y, b.y) - Math.min(a.y + a.height, b.y + b.height);
  if (gap < -0.2 * h || gap > h) return false;
  const tolerance = 1.5 * h;
  return Math.abs(a.x - b.x) <= tolerance || Math.abs(a.x + a.width - (b.x + b.width)) <= tolerance;
}

/**
 * A corner block of six small lines on a 512-pixel CT reaches past the border band: its upper lines, text to
 * the screen, count as the band's when the block they are stacked in reaches into it.
 */
function inBlocksOfTheBorder<T extends Candidate & { border: boolean }>(lines: T[]): T[] {
  const out = lines.map((l) => ({ ...l }));
  for (let changed = true; changed; ) {
    changed = false;
    for (const l of out) {
      if (l.border || !l.textLike) continue;
      if (out.some((o) => o.border && stacked(l, o))) changed = l.border = true;
    }
  }
  return out;
}

/**
 * The section 7 region of a masked line is its annotation block: the lines stacked with it (see stacked).
 * A block whose lines OCR reads in part ("PID:" read, the 8 px ID after it not) loses them all.
 */
function blockFindings(lines: Line[], findings: Finding[], frame: number): Finding[] {
  const masked = (l: Line) => findings.some((f) => f.frame === frame && f.reason !== 'known' && coverage(l, f.box) > 0.5);
  const inBlock = new Set<Line>();
  const seeds = lines.filter(masked);
  const queue = [...seeds];
  while (queue.length) {
    const l = queue.pop()!;
    for (const o of lines) {
      if (inBlock.has(o) || seeds.includes(o) || !stacked(l, o)) continue;
      inBlock.add(o);
      queue.push(o);
    }
  }
  return [...inBlock].map((l) => ({ frame, box: regionBox(l), reason: 'region' as const }));
}

/**
 * Joins candidates that continue one another along a row (same band, gap under two line heights): the
 * screen splits a line where a glyph merges with its neighbour or a word gap is wide ("13-Mar-1" + "972"),
 * and a split-off piece read alone is a short, "safe" number that would be left unmasked.
 */
function joinLines(found: Candidate[]): Candidate[] {
  const out = [...found].sort((a, b) => a.x - b.x);
  for (let i = 0; i < out.length; i++) {
    for (let j = i + 1; j < out.length; j++) {
      const a = out[i];
      const b = out[j];
      const h = Math.max(a.height, b.height);
      const vertical = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      const gap = Math.max(a.x, b.x) - Math.min(a.x + a.width, b.x + b.width);
      if (vertical < 0.6 * Math.min(a.height, b.height) || Math.max(a.height, b.height) > 1.6 * Math.min(a.height, b.height) || gap > 2 * h) continue;
      out[i] = { ...union(a, b), textLike: a.textLike || b.textLike, ink: joinedInk(a, b) };
      out.splice(j, 1);
      j = i;
    }
  }
  return out;
}

/**
 * The ink a joined line is read at: the text-like piece's, else the one nearer its extreme. Dark text over
 * a gradient is found at the dark extreme on one side and at 40 on the other; without an ink the joined
 * line lost its second, binarised reading (an accession number over CR soft tissue read as nothing).
 */
function joinedInk(a: Candidate, b: Candidate): Candidate['ink'] {
  if (a.textLike !== b.textLike) return a.textLike ? a.ink : b.ink;
  if (!a.ink || !b.ink || a.ink.bright !== b.ink.bright) return a.ink ?? b.ink;
  return (a.ink.bright ? a.ink.level >= b.ink.level : a.ink.level <= b.ink.level) ? a.ink : b.ink;
}

/**
 * Lines the screen is sure are text (glyphs of one height on one baseline) in the border band where devices
 * draw patient banners: masked whatever OCR makes of them. Small text (8-11 px) is found by the screen far
 * more reliably than it is read, so depending on OCR there would leave names on the image. Measured on the
 * clean CT/MR/PT frames of test/data, no clean frame has such a line.
 */
function surelyText(regions: Line[], atRisk: boolean): Line[] {
  // An at-risk instance announces burned-in text; what looks like text in its annotation band goes.
  // Anywhere in the frame, a line plainly text-like (many glyphs of one height on one baseline) goes too.
  return regions.filter((r) => (r.textLike || atRisk) && (r.border || (atRisk && r.textLike)));
}

/** Inside the top or bottom band, or inside a side column (a line that only reaches into one is not). */
function whollyInBorder(r: Rect, g: Gray): boolean {
  // On small frames (128-pixel CT, 100-pixel captures) a line of 10-pixel text is a larger share.
  const bx = Math.max(g.width * BORDER, Math.min(40, g.width / 3));
  const by = Math.max(g.height * BORDER, Math.min(40, g.height / 3));
  return r.y + r.height <= by || r.y >= g.height - by || r.x + r.width <= bx || r.x >= g.width - bx;
}

/** A word's mask: OCR boxes are tight and sometimes a glyph short, so a margin of a third of the height. */
function wordBox(w: OcrWord): Rect {
  return grow(w.box, Math.max(3, Math.round(w.box.height * 0.35)));
}

/** A text line's mask: its glyphs' box with a margin, wider along the line (faint end glyphs). */
function regionBox(r: Rect): Rect {
  const m = Math.max(3, Math.round(r.height * 0.25));
  const side = Math.max(m, Math.round(r.height * 0.6));
  return { x: r.x - side, y: r.y - m, width: r.width + 2 * side, height: r.height + 2 * m };
}

/** Two reads on one text line, next to each other (gap under one and a half word heights). */
function sameLine(a: Read, b: Read): boolean {
  if (a.frame !== b.frame || a.region !== b.region) return false;
  const p = a.word.box;
  const q = b.word.box;
  const vertical = Math.min(p.y + p.height, q.y + q.height) - Math.max(p.y, q.y);
  const gap = Math.max(p.x, q.x) - Math.min(p.x + p.width, q.x + q.width);
  return vertical >= 0.5 * Math.min(p.height, q.height) && gap <= 1.5 * Math.max(p.height, q.height);
}

/**
 * Reads that carry identity only together: a date drawn with spaces ("15 JAN 70") or split by OCR
 * ("13-I" "Mar-" "1972"), a name with its comma read apart. Up to three neighbours are joined.
 */
function identityAcrossWords(reads: Read[], terms: IdentityTerms): Set<Read> {
  const hit = new Set<Read>();
  const sorted = [...reads].sort((a, b) => a.word.box.x - b.word.box.x);
  for (let i = 0; i < sorted.length; i++) {
    const run = [sorted[i]];
    for (let j = i + 1; j < sorted.length && run.length < 3; j++) {
      if (!sameLine(run[run.length - 1], sorted[j])) continue;
      run.push(sorted[j]);
      if (matchesIdentity(run.map((r) => r.word.text).join(''), terms)) for (const r of run) hit.add(r);
    }
  }
  return hit;
}

/**
 * Section 7's masking rules over what OCR read; returns the findings and the words left undecided. A line
 * goes as a whole: once one of its words must be masked, so are the words next to it on that line (OCR
 * reads the rest of a banner poorly more often than it reads it as something harmless).
 */
function decide(reads: Read[], atRisk: boolean, terms: IdentityTerms): { findings: Finding[]; undecided: Read[] } {
  const findings: Finding[] = [];
  const undecided: Read[] = [];
  const regionsMasked = new Set<Line>();
  const joined = identityAcrossWords(reads, terms);
  const masked = new Map<Read, 'identity' | 'word'>();
  for (const r of reads) {
    const identity = joined.has(r) || matchesIdentity(r.word.text, terms);
    // Region rules hold for candidate regions only; whole-frame reads of at-risk instances go word by word.
    // Lines plainly text-like take any word-like read (section 7 asks for a word of 3+ characters or 4+
    // digits); elsewhere, the annotation band included, anatomy read as letters must be read surely
    // (taking any read there changed 4 % of the clean frames of test/data, small EPI frames mostly).
    const inScreened = r.region !== undefined && maskInScreened(r.word, terms, atRisk || r.region.textLike);
    // A second view read whole counts identity at any confidence, other words only of 3+ characters read
    // surely: the darkest channel of a small colour frame with no text (the 80-pixel US of test/data) reads
    // as "AR" (61).
    const inAtRisk = atRisk && maskInAtRisk(r.word, terms) && (!r.secondView || (r.word.confidence >= RESIDUE_CONFIDENCE && normalise(r.word.text).length >= 3));
    if (identity || inScreened || inAtRisk) masked.set(r, identity ? 'identity' : 'word');
  }
  const queue = [...masked.keys()];
  while (queue.length) {
    const r = queue.pop()!;
    for (const n of reads) {
      if (masked.has(n) || normalise(n.word.text).length === 0 || !sameLine(r, n)) continue;
      masked.set(n, 'word');
      queue.push(n);
    }
  }
  for (const r of reads) {
    const reason = masked.get(r);
    if (reason) {
      // An identifying word's text is never kept: not in reports, not on the review page.
      findings.push({ frame: r.frame, box: wordBox(r.word), reason, text: reason === 'identity' ? undefined : r.word.text, confidence: r.word.confidence });
      if (r.region && !regionsMasked.has(r.region)) {
        regionsMasked.add(r.region);
        findings.push({ frame: r.frame, box: regionBox(r.region), reason: 'region' });
      }
    } else if (atRisk && r.region && normalise(r.word.text).length >= 3 && r.word.confidence >= 10 && !isSafe(r.word.text) && normalise(r.word.text).length >= 0.8 * [...r.word.text].length) {
      // Text-like to the screen and word-like to OCR, but read too poorly to decide: a person looks.
      undecided.push(r);
    }
  }
  return { findings, undecided };
}

function rectsOf(findings: Finding[], frame: number): Rect[] {
  return findings.filter((f) => f.frame === frame).map((f) => f.box);
}

function fillFor(m: PixelModule): number[] {
  const v = fillValue(m);
  return m.samplesPerPixel === 3 ? [0, 0, 0] : [v];
}

/** Decodes in process, or through GDCM when no in-process codec takes the encoding. */
async function decodeAny(parsed: ParsedDicom, m: PixelModule, tools: PixelTools): Promise<{ image: DecodedImage; viaTool: boolean }> {
  try {
    return { image: decodeImage(parsed, m, tools.codecs), viaTool: false };
  } catch (err) {
    if (!(err instanceof UnsupportedEncoding) && !(err instanceof Error)) throw err;
    const file = Buffer.concat([encodeFileMeta({ mediaStorageSopClassUid: '1.2.840.10008.5.1.4.1.1.7', mediaStorageSopInstanceUid: '1.2.3', transferSyntaxUid: parsed.transferSyntaxUid, implementationClassUid: '1.2.3' }), parsed.buffer.subarray(parsed.datasetStart)]);
    let raw: ParsedDicom;
    try {
      raw = parseDicom(await decompressWithGdcm(await tools.jobDir(), file));
    } catch {
      throw new UnsupportedEncoding(`${(err as Error).message.split('\n')[0]}; GDCM cannot decode it either`);
    }
    const rm = readPixelModule(raw.buffer, raw.dataset);
    if (!rm) throw new UnsupportedEncoding(`cannot decode ${parsed.transferSyntaxUid}: ${(err as Error).message}`);
    const image = decodeImage(raw, rm, tools.codecs);
    return { image: { ...image, encoding: 'native' }, viaTool: true };
  }
}

export async function analysePixels(parsed: ParsedDicom, settings: PixelSettings, tools: PixelTools): Promise<PixelPlan> {
  const { buffer, dataset: root } = parsed;
  const m = readPixelModule(buffer, root);
  if (!m) return { kind: 'none', reason: findElement(root, PIXEL_DATA) ? 'pixel data without a readable image pixel module' : 'no pixel data' };
  const reasons = atRiskReasons(buffer, root);
  const known = matchingRegions(settings.knownRegions ?? [], buffer, root, m);
  if (known.length) reasons.push('matches a known-region signature of the project');
  const atRisk = reasons.length > 0;
  const terms = identityTerms(buffer, root);
  if (settings.directive?.kind === 'safe' && known.length === 0) {
    // A data manager looked at this series and declared it free of burned-in text: nothing to decode.
    return { kind: 'pass', atRisk, frames: m.frames, candidates: 0, rewrite: { burnedInAnnotation: 'NO', notes: ['series declared free of burned-in text by a data manager'] } };
  }
  if (m.photometric === 'YBR_FULL_422' && !findElement(root, PIXEL_DATA)?.encapsulated) {
    return { kind: 'review', atRisk, frames: m.frames, reason: 'native YBR_FULL_422 pixel data is not decoded', findings: [] };
  }
  let decoded: DecodedImage;
  try {
    decoded = (await decodeAny(parsed, m, tools)).image;
  } catch (err) {
    return { kind: 'review', atRisk, frames: m.frames, reason: `pixel data cannot be decoded: ${(err as Error).message}`, findings: [] };
  }
  const frames = decoded.frames;
  const module = decoded.module;
  let findings: Finding[] = [];
  let candidates = 0;
  const knownFindings: Finding[] = frames.flatMap((_, frame) => known.map((box) => ({ frame, box, reason: 'known' as const })));

  if (settings.directive?.kind === 'safe') {
    findings = knownFindings;
  } else if (settings.directive?.kind === 'approved') {
    findings = [...knownFindings, ...settings.directive.masks.map((mk) => ({ frame: mk.frame, box: mk.box, reason: 'reviewer' as const }))];
  } else {
    const pages = pagesOf(frames, module);
    const found = pages.map(({ gray: g }) => screenPage(tools.screen, g));
    const regions = pages.map(({ gray: g, grey }, p) => worthReading(found[p].filter((c) => !c.banner), g, atRisk, grey));
    const banners = found.map((cs) => cs.filter((c) => c.banner));
    candidates = regions.reduce((n, r) => n + r.length, 0) + banners.reduce((n, b) => n + b.length, 0);
    const sure: Finding[] = [
      ...regions.flatMap((rs, p) => surelyText(rs, atRisk).map((r) => ({ frame: pages[p].frame, box: regionBox(r), reason: 'region' as const }))),
      // Dark text on a bright bar is a banner to anyone's eye: masked whole, read or not.
      ...banners.flatMap((bs, p) => bs.map((r) => ({ frame: pages[p].frame, box: regionBox(r), reason: 'region' as const }))),
    ];
    if (candidates > 0 || atRisk) {
      const reads = await readText(pages, regions, atRisk, tools.ocr);
      const decision = decide(reads, atRisk, terms);
      findings = [...knownFindings, ...sure, ...decision.findings];
      findings.push(...regions.flatMap((rs, p) => (pages[p].grey ? blockFindings(rs, findings, pages[p].frame) : [])));
      // A poorly read word inside a line that is masked anyway needs nobody's decision.
      decision.undecided = decision.undecided.filter((u) => !rectsOf(findings, u.frame).some((r) => coverage(u.word.box, r) > 0.5));
      if (decision.undecided.length > 0) {
        return { kind: 'review', atRisk, frames: m.frames, reason: `${decision.undecided.length} word(s) read with low confidence in an at-risk instance`, findings: [...findings, ...decision.undecided.map((u) => ({ frame: u.frame, box: wordBox(u.word), reason: 'word' as const, confidence: u.word.confidence }))] };
      }
    } else findings = knownFindings;
  }

  if (findings.length === 0) {
    return { kind: 'pass', atRisk, frames: frames.length, candidates, rewrite: { burnedInAnnotation: 'NO', notes: [] } };
  }

  const fill = fillFor(module.photometric.startsWith('YBR') ? { ...module, photometric: 'RGB' } : module);
  const masked = frames.map((f, i) => {
    const out = module.photometric.startsWith('YBR') ? { ...f, data: Int32Array.from(rgbOf(f, module)) } : cloneFrame(f);
    maskFrame(out, rectsOf(findings, i), fill);
    return out;
  });
  const outModule: PixelModule = module.photometric.startsWith('YBR') ? { ...module, photometric: 'RGB' } : module;

  // Residue: read the cleaned frames again; text outside the masks means the masks missed something.
  if (!settings.directive) {
    for (let round = 0; round < 2; round++) {
      const pages = pagesOf(masked, outModule);
      const regions = pages.map(({ gray: g, grey }) => worthReading(screenPage(tools.screen, g).filter((c) => !c.banner), g, atRisk, grey));
      const reads = await readText(pages, regions, atRisk, tools.ocr);
      // Residue is text OCR reads with some certainty (or identity at any): speckle read as letters with
      // low confidence is not, nor a lone character (taken along only for sitting on a masked word's line)
      // or a "word" taller than any annotation (colour Doppler read whole: "3" 98 px tall, "ail" the
      // whole frame), which sent 11 of 31 generated Doppler words to review for nothing left but that.
      const left = decide(reads, atRisk, terms).findings.filter((f) => f.reason !== 'region' && (f.reason === 'identity' || ((f.confidence ?? 0) >= RESIDUE_CONFIDENCE && normalise(f.text ?? '').length >= 2 && f.box.height <= RESIDUE_MAX_HEIGHT)) && !rectsOf(findings, f.frame).some((r) => coverage(f.box, r) > 0.5));
      if (left.length === 0) break;
      const residue = left.map((f) => ({ ...f, reason: 'residue' as const }));
      findings.push(...residue);
      if (round === 1) return { kind: 'review', atRisk, frames: m.frames, reason: `OCR still reads ${left.length} word(s) after masking`, findings };
      masked.forEach((f, i) => maskFrame(f, rectsOf(residue, i), fill));
    }
  }

  const rewrite = await encodeCleaned(parsed, m, module, outModule, masked, findings, tools);
  return { kind: 'clean', atRisk, frames: frames.length, candidates, findings, rewrite };
}

/** Writes the cleaned frames: same syntax when lossless (byte-exact outside masks for native), else explicit VR LE. */
async function encodeCleaned(parsed: ParsedDicom, source: PixelModule, decodedModule: PixelModule, out: PixelModule, masked: Frame[], findings: Finding[], tools: PixelTools): Promise<PixelRewrite> {
  const syntax = parsed.transferSyntaxUid;
  const el = findElement(parsed.dataset, PIXEL_DATA)!;
  const notes: string[] = [];
  const colourChanged = out.photometric !== source.photometric;
  if (colourChanged) notes.push(`${source.photometric} converted to ${out.photometric} for masking`);
  const vr = source.bitsAllocated > 8 ? 'OW' : 'OB';
  if (!el.encapsulated && !colourChanged) {
    // Native: mask the original bytes in place, so every byte outside the masks is unchanged.
    const bytes = Buffer.from(rawValue(parsed.buffer, el));
    const le = parsed.dataset.syntax.littleEndian;
    const fill = fillFor(source);
    if (source.bitsAllocated === 1) {
      for (let f = 0; f < source.frames; f++) maskNative(bytes, source, true, rectsOf(findings, f), fill, f * source.rows * source.columns);
    } else {
      nativeFrames(bytes, source).forEach((frameBytes, f) => maskNative(frameBytes, source, le, rectsOf(findings, f), fill));
    }
    return { pixelData: { kind: 'native', bytes, vr }, burnedInAnnotation: 'NO', notes };
  }
  if (el.encapsulated && !colourChanged && LOSSLESS_REENCODE.has(syntax)) {
    try {
      const encoded = syntax === JPEG_LOSSLESS || syntax === JPEG_LOSSLESS_SV1 ? await jpegLossless(masked, decodedModule, tools) : masked.map((f) => tools.codecs.encode(encodingOfSyntax(syntax), f, decodedModule));
      // Lossless means lossless: decode what was written and compare, value for value.
      encoded.forEach((bytes, i) => {
        const back = tools.codecs.decode(encodingOfSyntax(syntax), bytes, decodedModule).frame.data;
        const want = masked[i].data;
        if (back.length !== want.length || back.some((v, k) => v !== want[k])) throw new Error('round trip differs');
      });
      return { pixelData: { kind: 'encapsulated', parts: encapsulate(encoded) }, burnedInAnnotation: 'NO', notes };
    } catch (err) {
      notes.push(`re-encoding in ${syntax} failed (${(err as Error).message})`);
    }
  }
  // Lossy or not re-encodable: explicit VR little endian, never a second lossy compression.
  notes.push(`cleaned pixels written as explicit VR little endian (source ${syntax})`);
  const bytes = Buffer.concat(masked.map((f) => toNative(f, out, 0)));
  return {
    pixelData: { kind: 'native', bytes: bytes.length % 2 ? Buffer.concat([bytes, Buffer.alloc(1)]) : bytes, vr },
    transferSyntaxUid: el.encapsulated || syntax !== EXPLICIT_VR_LE ? (el.encapsulated ? EXPLICIT_VR_LE : undefined) : undefined,
    photometric: out.photometric !== source.photometric ? out.photometric : undefined,
    planarConfiguration: out.samplesPerPixel > 1 ? 0 : undefined,
    burnedInAnnotation: 'NO',
    notes,
  };
}

function encodingOfSyntax(syntax: string) {
  const map: Record<string, 'rle' | 'jpeg-ls' | 'j2k' | 'htj2k' | 'deflate' | 'jpeg-lossless'> = {
    '1.2.840.10008.1.2.5': 'rle',
    '1.2.840.10008.1.2.4.80': 'jpeg-ls',
    '1.2.840.10008.1.2.4.90': 'j2k',
    '1.2.840.10008.1.2.4.201': 'htj2k',
    '1.2.840.10008.1.2.8.1': 'deflate',
    '1.2.840.10008.1.2.4.57': 'jpeg-lossless',
    '1.2.840.10008.1.2.4.70': 'jpeg-lossless',
  };
  return map[syntax];
}

/** JPEG lossless through DCMTK: a minimal explicit-LE file per instance, its fragments taken back. */
async function jpegLossless(frames: Frame[], m: PixelModule, tools: PixelTools): Promise<Uint8Array[]> {
  const { encodeDataset } = await import('../../../dicom/write.js');
  const { textElement } = await import('../../../dicom/encode.js');
  const { EXPLICIT_LE } = await import('../../../dicom/transfer-syntax.js');
  const us = (tag: number, v: number) => {
    const b = Buffer.alloc(2);
    b.writeUInt16LE(v);
    return { tag, vr: 'US', value: b };
  };
  const pixels = Buffer.concat(frames.map((f) => toNative(f, m, 0)));
  const dataset = encodeDataset([
    textElement(0x00080016, 'UI', '1.2.840.10008.5.1.4.1.1.7'),
    textElement(0x00080018, 'UI', '1.2.3.4'),
    us(0x00280002, m.samplesPerPixel),
    textElement(0x00280004, 'CS', m.photometric),
    ...(m.samplesPerPixel > 1 ? [us(0x00280006, 0)] : []),
    textElement(0x00280008, 'IS', String(frames.length)),
    us(0x00280010, m.rows),
    us(0x00280011, m.columns),
    us(0x00280100, m.bitsAllocated),
    us(0x00280101, m.bitsStored),
    us(0x00280102, m.highBit),
    us(0x00280103, m.pixelRepresentation),
    { tag: PIXEL_DATA, vr: m.bitsAllocated > 8 ? 'OW' : 'OB', value: pixels },
  ], EXPLICIT_LE);
  const file = Buffer.concat([encodeFileMeta({ mediaStorageSopClassUid: '1.2.840.10008.5.1.4.1.1.7', mediaStorageSopInstanceUid: '1.2.3.4', transferSyntaxUid: EXPLICIT_VR_LE, implementationClassUid: '1.2.3' }), dataset]);
  const compressed = parseDicom(await compressJpegLossless(await tools.jobDir(), file));
  const el = findElement(compressed.dataset, PIXEL_DATA);
  if (!el?.encapsulated) throw new Error('dcmcjpeg wrote no encapsulated pixel data');
  return encapsulatedFrames(compressed.buffer, el, frames.length);
}
