// npm run bench:pixels-vendor — vendor-style annotation blocks on large frames (issue 9; the pixel stage of
// DEID-SPEC section 7 on CR/DX-sized and 512x512 CT frames), one core:
//  1. recall: test/support/burned-in.ts generateVendorOverlay (3-6 line blocks in 2-4 corners, 1.5-4 % of the
//     frame height, white / white with shadow / dark) through the pixel and header stages; the share of
//     readable identifying words whose every pixel was masked, per glyph size, corner, style and source; every
//     miss with its reason: no candidate (the screen saw nothing there), misread (a candidate, but OCR of its
//     line does not read the word), not masked (OCR reads it, the policy let it go), partial (masked in part);
//  2. false positives: the same large source frames with no text drawn; frames changed (target <= 1 %);
//  3. speed: the screen on those clean frames, as 512x512 equivalents per second (target >= 50 per core),
//     and the whole stage's seconds per image.
// Seeds: BENCH_VENDOR_SEEDS (default "11,12"); images per seed BENCH_VENDOR_IMAGES (default 10).
import { loadCodecs } from '../src/pipeline/deid/pixels/codecs.js';
import type { Rect } from '../src/pipeline/deid/pixels/geometry.js';
import { cropForOcr } from '../src/pipeline/deid/pixels/ocr.js';
import { normalise } from '../src/pipeline/deid/pixels/policy.js';
import { screenPage } from '../src/pipeline/deid/pixels/analyse.js';
import { Screen } from '../src/pipeline/deid/pixels/screen.js';
import type { Frame } from '../src/pipeline/deid/pixels/samples.js';
import { runPixelStage } from '../src/pipeline/deid/pixels/stage.js';
import { TesseractCli } from '../src/pipeline/deid/pixels/tesseract.js';
import { cleanLarge, generateVendorOverlay, type VendorWord } from '../test/support/burned-in.js';
import { decodeFrames, evaluate } from '../test/support/burned-in-check.js';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { TESTDATA } from '../test/support/testdata.js';

const SEEDS = (process.env.BENCH_VENDOR_SEEDS ?? '11,12').split(',').map(Number);
const IMAGES = Number(process.env.BENCH_VENDOR_IMAGES ?? 10);
const ROUNDS = Number(process.env.BENCH_VENDOR_ROUNDS ?? 3);
const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)} %`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () => `load ${loadavg().map((v) => v.toFixed(2)).join(' ')}`;

const codecs = await loadCodecs();
const screen = new Screen();
const ocr = new TesseractCli();
console.log(`bench:pixels-vendor seeds ${SEEDS.join(',')}, ${IMAGES} images each; ${load()}`);

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The share of a word's box whose pixels the stage changed (a mask's fill equal to the drawn value aside). */
function changedShare(box: Rect, before: Frame, after: Frame): number {
  let changed = 0;
  for (let y = box.y; y < box.y + box.height; y++) for (let x = box.x; x < box.x + box.width; x++) if (before.data[y * before.width + x] !== after.data[y * after.width + x]) changed++;
  return changed / (box.width * box.height);
}

const tally = new Map<string, Map<string, [number, number]>>();
function count(dim: string, key: string, ok: boolean) {
  const m = tally.get(dim) ?? new Map<string, [number, number]>();
  const row = m.get(key) ?? [0, 0];
  row[1]++;
  if (ok) row[0]++;
  m.set(key, row);
  tally.set(dim, m);
}

let words = 0;
let removed = 0;
let ms = 0;
let imagesRun = 0;
let outside = 0;
const reasons = new Map<string, number>();
const misses: string[] = [];
for (const seed of SEEDS) {
  const images = await generateVendorOverlay(IMAGES, seed);
  for (const image of images) {
    const e = await evaluate(image, codecs);
    ms += e.ms;
    imagesRun++;
    outside += e.changedOutside;
    const before = decodeFrames(image.file, codecs);
    const gray = before.gray;
    const after = e.output ? decodeFrames(e.output, codecs).frames : before.frames;
    const found = gray.map((g) => screenPage(screen, g));
    for (const w of image.words.filter((x) => x.identifying && x.visible) as VendorWord[]) {
      words++;
      const ok = e.outcome !== 'review' && !e.kept.includes(w);
      if (ok) removed++;
      const px = w.box.height < 20 ? '<20' : w.box.height < 40 ? '20-39' : w.box.height < 80 ? '40-79' : '80+';
      const rel = w.relative < 0.02 ? '1.5-2' : w.relative < 0.03 ? '2-3' : '3-4';
      count('glyph px', px, ok);
      count('size % of height', rel, ok);
      count('corner', w.corner, ok);
      count('style', w.style, ok);
      count('source', image.source, ok);
      if (ok) continue;
      let reason: string;
      const share = changedShare(w.box, before.frames[w.frame], after[w.frame]);
      if (e.outcome === 'review') reason = 'review';
      else if (share > 0) reason = 'partial';
      else if (!found[w.frame].some((c) => overlaps(c, w.box))) reason = 'no candidate';
      else {
        const g = gray[w.frame];
        const line = { x: 0, y: w.box.y, width: g.width, height: w.box.height };
        const [read] = await ocr.read([cropForOcr(g, line).image]);
        reason = read.some((r) => normalise(r.text).includes(normalise(w.text)) && normalise(w.text).length > 0) ? 'not masked' : 'misread';
      }
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      misses.push(`${image.name}:${w.corner}/${w.style}/${w.box.height}px/${reason}${reason === 'partial' ? ` ${(100 * share).toFixed(0)}%` : ''}`);
    }
  }
}
console.log(`recall: ${removed} of ${words} readable identifying words removed = ${pct(removed, words)}; pixels changed outside masks ${outside}; ${(ms / imagesRun / 1000).toFixed(2)} s/image (pixel + header stage)`);
for (const [dim, m] of tally) console.log(`  by ${dim}: ${[...m].sort().map(([k, [r, n]]) => `${k} ${pct(r, n)} of ${n}`).join(', ')}`);
console.log(`  misses by reason: ${[...reasons].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
if (misses.length) console.log(`  missed: ${misses.slice(0, 30).join(', ')}${misses.length > 30 ? ' …' : ''}`);

// False positives and screen speed on the same frames with no text.
// Real 512x512 CT of test/data besides the generator's sources (JPEG 2000 and JPEG lossless, decoded by GDCM).
const REAL_CT = ['tricky/private_and_sequences/explicit_VR-UN.dcm', 'tricky/broken/bad_sequence.dcm'];
const clean = [...(await cleanLarge()), ...REAL_CT.filter((f) => existsSync(join(TESTDATA, f))).map((f) => ({ name: f, file: readFileSync(join(TESTDATA, f)) }))];
let changed = 0;
let frames = 0;
const changedNames: string[] = [];
for (const c of clean) {
  const stage = await runPixelStage(c.file, {});
  let f = 1;
  try {
    f = decodeFrames(c.file, codecs).gray.length;
  } catch {
    // decoded by GDCM in the stage only
  }
  frames += f;
  if (stage.kind === 'review') changedNames.push(`${c.name} (review)`);
  else if (stage.edits?.report.outcome === 'clean') {
    const n = new Set(stage.edits.report.masks.map((m) => m.frame)).size;
    changed += n;
    changedNames.push(`${c.name} (${n})`);
  }
}
console.log(`false positives: ${changed} of ${frames} clean large frames changed${changedNames.length ? `: ${changedNames.join(', ')}` : ''}; ${load()}`);
const grays = clean.flatMap((c) => {
  try {
    return decodeFrames(c.file, codecs).gray;
  } catch {
    return [];
  }
});
const pixels = grays.reduce((n, g) => n + g.width * g.height, 0);
for (const g of grays) screen.find(g);
// The stage's screening (screenPage: large frames shrunk, plus the dark-text pass) against the bare screen on
// the same frames at full size (what main did), alternating rounds; and both on the 512x512 frames alone.
const ct = grays.filter((g) => Math.max(g.width, g.height) <= 512);
const rates = { stage: [] as number[], bare: [] as number[], stage512: [] as number[], bare512: [] as number[] };
const rate = (frames: typeof grays, f: (g: (typeof grays)[number]) => unknown) => {
  const t = performance.now();
  for (const g of frames) f(g);
  return frames.reduce((n, g) => n + g.width * g.height, 0) / (512 * 512) / ((performance.now() - t) / 1000);
};
for (let r = 0; r < ROUNDS; r++) {
  rates.stage.push(rate(grays, (g) => screenPage(screen, g)));
  rates.bare.push(rate(grays, (g) => screen.find(g)));
  rates.stage512.push(rate(ct, (g) => screenPage(screen, g)));
  rates.bare512.push(rate(ct, (g) => screen.find(g)));
}
console.log(`screen on ${grays.length} clean frames (${(pixels / grays.length / 1e6).toFixed(2)} Mpixel average), 512x512 equivalents/s, median of ${ROUNDS} alternating rounds: stage ${median(rates.stage).toFixed(0)} (target >= 50), bare screen at full size ${median(rates.bare).toFixed(0)}; on the ${ct.length} frames of 512 px and less: stage ${median(rates.stage512).toFixed(0)}, bare ${median(rates.bare512).toFixed(0)}; ${load()}`);
