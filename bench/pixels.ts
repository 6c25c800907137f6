// npm run bench:pixels — the pixel stage (DEID-SPEC section 7), measured on this machine, one core:
//  1. screen: frames/s of the text screen on clean CT/MR frames (decoded once beforehand), as 512x512
//     equivalents (target >= 50/s per core), against a reference in the same run: tesseract reading every
//     whole frame (what RewritePixel does), so the ratio says what screening saves; and the two OCR engines
//     on the same candidate lines: the stage's persistent WebAssembly tesseract against a Debian CLI start;
//  2. false positives: clean CT/MR/PT instances of test/data through the whole pixel stage, frames under
//     256 px and frames of 256 px and more apart; and the clean large-frame set (test/support/clean-frames.ts:
//     text-free CT/MR/NM/CR/PT frames of 256-1600 px, windowed, turned, magnified, interpolated), per kind
//     and variant; the share of frames whose pixels the stage changed (target <= 1 %), and how many went to review;
//  3. recall: generated burned-in images (test/support/burned-in.ts) through the pixel and header stages,
//     for each seed of BENCH_PIXELS_SEEDS (default 101,202, the seeds tuned on; others are held out) on the
//     generator's SOURCES and on MORE_SOURCES (other kinds of frame, never used by the tests); the share of
//     readable identifying drawn words (not drawn white on white) whose every pixel was masked (target >= 99 %),
//     words held for review (not leaked, not removed) and words that left readable, per source list, source
//     kind, text size, frame size, polarity and placement;
//  4. end to end: burned-in images/s (generated and the real ones in test/data) through both stages.
// Rounds alternate and medians are printed. BENCH_PIXELS_IMAGES (per source list and seed pair: images are
// split over the seeds) and BENCH_PIXELS_ROUNDS change the sizes; BENCH_PIXELS_FP=0 skips the large clean set.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDicom } from '../src/dicom/parse.js';
import { findText } from '../src/dicom/values.js';
import { deidentify } from '../src/pipeline/deid/index.js';
import { loadCodecs } from '../src/pipeline/deid/pixels/codecs.js';
import { decodeImage } from '../src/pipeline/deid/pixels/decode.js';
import { toGray, type Gray } from '../src/pipeline/deid/pixels/display.js';
import { screenPage } from '../src/pipeline/deid/pixels/analyse.js';
import { cropForOcr } from '../src/pipeline/deid/pixels/ocr.js';
import { readPixelModule } from '../src/pipeline/deid/pixels/pixel-module.js';
import { Screen } from '../src/pipeline/deid/pixels/screen.js';
import { runPixelStage } from '../src/pipeline/deid/pixels/stage.js';
import { TesseractCli } from '../src/pipeline/deid/pixels/tesseract.js';
import { generateBurnedIn, MORE_SOURCES, SOURCES, type GeneratedImage } from '../test/support/burned-in.js';
import { cleanLargeFrames } from '../test/support/clean-frames.js';
import { decodeFrames, evaluate } from '../test/support/burned-in-check.js';
import { TesseractWasm } from '../src/pipeline/deid/pixels/tesseract-wasm.js';
import { TESTDATA } from '../test/support/testdata.js';

const IMAGES = Number(process.env.BENCH_PIXELS_IMAGES ?? 96);
const ROUNDS = Number(process.env.BENCH_PIXELS_ROUNDS ?? 5);
const SEEDS = (process.env.BENCH_PIXELS_SEEDS ?? '101,202').split(',').map(Number);
const LARGE_FP = process.env.BENCH_PIXELS_FP !== '0';
const CLEAN = ['ct', 'transfer_syntax/siemens_trio_dcm_qa_ts', 'studies', 'dicomdir/77654033', 'dicomdir/98892001', 'dicomdir/98892003', 'enhanced_mr', 'pet', 'tricky/transfer_syntax'];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(2)} %`;

function frameSize(file: Buffer): { rows: number; columns: number } {
  const parsed = parseDicom(file);
  return readPixelModule(parsed.buffer, parsed.dataset)!;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return /\.(txt|md|json)$/i.test(name) || name.startsWith('DICOMDIR') ? [] : [full];
  });
}

const codecs = await loadCodecs();

// Clean instances: CT/MR/PT classes of test/data, none of them at risk by header and none with text.
const clean: Array<{ path: string; bytes: Buffer; frames: number; large: boolean }> = [];
for (const path of CLEAN.flatMap((d) => files(join(TESTDATA, d)))) {
  const bytes = readFileSync(path);
  try {
    const parsed = parseDicom(bytes);
    const m = readPixelModule(parsed.buffer, parsed.dataset);
    if (!m || m.samplesPerPixel !== 1 || m.photometric === 'PALETTE COLOR') continue;
    const cls = findText(parsed.buffer, parsed.dataset, 0x00080016) ?? '';
    if (!/^1\.2\.840\.10008\.5\.1\.4\.1\.1\.(2|4|128|20|481|2\.1|4\.1)(\.|$)/.test(cls)) continue; // CT, MR, PT, NM, enhanced
    clean.push({ path, bytes, frames: m.frames, large: m.rows >= 256 && m.columns >= 256 });
  } catch {
    // not an image we can use
  }
}

// 1. Screen speed on decoded clean frames.
const grays: Gray[] = [];
for (const c of clean) {
  try {
    const parsed = parseDicom(c.bytes);
    const m = readPixelModule(parsed.buffer, parsed.dataset)!;
    const image = decodeImage(parsed, m, codecs);
    // The target is stated for 512x512 frames: the screen is timed on frames of 256 pixels and more.
    for (const f of image.frames) if (f.width >= 256 && f.height >= 256) grays.push(toGray(f, image.module));
  } catch {
    // 12-bit JPEG and friends are decoded by GDCM in the stage; the screen bench uses in-process frames
  }
}
const pixels = grays.reduce((n, g) => n + g.width * g.height, 0);
const screen = new Screen();
for (const g of grays.slice(0, 50)) screen.find(g); // warm up
const ocr = new TesseractCli();
const ocrSample = grays.filter((g) => g.width >= 256).slice(0, 6);
const screenRates: number[] = [];
const stageRates: number[] = [];
const ocrRates: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  let t = performance.now();
  for (const g of grays) screen.find(g);
  screenRates.push(pixels / (512 * 512) / ((performance.now() - t) / 1000));
  // What the stage runs per frame: the screen plus the dark-text passes over the inverted view.
  t = performance.now();
  for (const g of grays) screenPage(screen, g);
  stageRates.push(pixels / (512 * 512) / ((performance.now() - t) / 1000));
  t = performance.now();
  for (const g of ocrSample) await ocr.read([cropForOcr(g, { x: 0, y: 0, width: g.width, height: g.height }, g.height, { whole: true }).image]);
  const ocrPixels = ocrSample.reduce((n, g) => n + g.width * g.height, 0);
  ocrRates.push(ocrPixels / (512 * 512) / ((performance.now() - t) / 1000));
}
console.log(`corpus: ${clean.length} clean CT/MR/PT instances; screen timed on their ${grays.length} frames of 256x256 and more (${(pixels / grays.length / 1000).toFixed(0)} kpixel average)`);
console.log(`screen:      ${median(screenRates).toFixed(0)} frames/s per core as 512x512 equivalents (median of ${ROUNDS}; target >= 50); the stage's screening (screenPage: with the dark-text passes) ${median(stageRates).toFixed(0)} frames/s`);
console.log(`reference:   tesseract on every whole frame ${median(ocrRates).toFixed(2)} frames/s (512x512 equivalents); screen/reference ${(median(screenRates) / median(ocrRates)).toFixed(0)}x`);

// 2. False positives: the whole pixel stage on clean instances.
interface FpTally {
  frames: number;
  changed: number;
  review: number;
  candidates: number;
  files: string[];
}
const tally = (): FpTally => ({ frames: 0, changed: 0, review: 0, candidates: 0, files: [] });
async function falsePositives(instances: Array<{ name: string; bytes: Buffer; frames: number }>, key: (i: number) => string[]): Promise<Map<string, FpTally>> {
  const out = new Map<string, FpTally>();
  for (let i = 0; i < instances.length; i++) {
    const c = instances[i];
    const result = await runPixelStage(c.bytes, {});
    const report = result.kind === 'edits' ? result.edits?.report : undefined;
    const changed = report?.outcome === 'clean' ? new Set(report.masks.map((m) => m.frame)).size : 0;
    for (const k of key(i)) {
      const t = out.get(k) ?? tally();
      t.frames += c.frames;
      if (result.kind === 'review') t.review += c.frames;
      t.candidates += report?.candidates ?? 0;
      t.changed += changed;
      if (changed) t.files.push(`${c.name} (${changed})`);
      out.set(k, t);
    }
  }
  return out;
}
function fpLine(label: string, t: FpTally | undefined): string {
  if (!t) return `${label}: none`;
  return `${label}: ${t.changed} of ${t.frames} frames changed = ${pct(t.changed, t.frames)}, ${t.review} to review, ${t.candidates} candidates OCRed${t.files.length ? `; changed: ${t.files.slice(0, 8).join(', ')}${t.files.length > 8 ? ' …' : ''}` : ''}`;
}
let started = performance.now();
const testdataFp = await falsePositives(
  clean.map((c) => ({ name: c.path.slice(TESTDATA.length + 1), bytes: c.bytes, frames: c.frames })),
  (i) => ['all', clean[i].large ? 'large' : 'small'],
);
const cleanSeconds = (performance.now() - started) / 1000;
const all = testdataFp.get('all')!;
console.log(`false positives, clean CT/MR/PT frames of test/data: ${all.changed} of ${all.frames} changed = ${pct(all.changed, all.frames)} (target <= 1 %); ${(all.frames / cleanSeconds).toFixed(1)} clean frames/s through the whole stage`);
console.log(`  ${fpLine('frames under 256 px', testdataFp.get('small'))}`);
console.log(`  ${fpLine('frames of 256 px and more', testdataFp.get('large'))}`);
if (LARGE_FP) {
  const large = await cleanLargeFrames();
  started = performance.now();
  const fp = await falsePositives(
    large.map((c) => ({ name: c.name, bytes: c.file, frames: c.frames })),
    (i) => ['all', large[i].atRisk ? 'at risk by header (read whole, stricter policy)' : 'screened', `kind ${large[i].kind}`, `variant ${large[i].variant}`, `side ${Math.max(large[i].width, large[i].height) >= 1024 ? '1024-3200' : Math.max(large[i].width, large[i].height) >= 512 ? '512-1023' : '256-511'}`],
  );
  const t = fp.get('all')!;
  console.log(`false positives, clean large-frame set (test/support/clean-frames.ts, ${large.length} instances, all frames 256 px and more): ${t.changed} of ${t.frames} frames changed = ${pct(t.changed, t.frames)} (target <= 1 %); ${t.review} to review; ${(t.frames / ((performance.now() - started) / 1000)).toFixed(1)} frames/s through the whole stage`);
  for (const k of [...fp.keys()].filter((k) => k !== 'all').sort()) console.log(`  ${fpLine(k, fp.get(k))}`);
}

// 3 and 4. Recall and end-to-end speed on generated burned-in images.
const perSeed = Math.max(1, Math.round(IMAGES / SEEDS.length));
const lists: Array<[string, typeof SOURCES]> = [
  ['SOURCES', SOURCES],
  ['MORE_SOURCES', MORE_SOURCES],
];
const images: Array<GeneratedImage & { list: string; seed: number }> = [];
for (const [list, sources] of lists) for (const seed of SEEDS) for (const image of await generateBurnedIn(perSeed, seed, sources)) images.push({ ...image, list, seed });
console.log(`recall set: seeds ${SEEDS.join(', ')}${SEEDS.every((s) => s === 101 || s === 202) ? ' (the seeds tuned on)' : ''}; ${perSeed} images per seed from each of SOURCES (${SOURCES.length} frames) and MORE_SOURCES (${MORE_SOURCES.length})`);
// OCR engines on candidate lines, one call per line (an instance with one candidate): the stage's
// persistent WebAssembly tesseract (loaded beforehand, as each pool thread keeps it) against Debian's CLI.
const lineCrops = images.slice(0, 12).map((image) => {
  const g = decodeFrames(image.file, codecs).gray[image.words[0].frame];
  return cropForOcr(g, { ...image.words[0].box, x: 0, width: g.width }).image;
});
const wasm = new TesseractWasm();
await wasm.read(lineCrops.slice(0, 1));
const engineMs = { wasm: [] as number[], cli: [] as number[] };
for (let round = 0; round < Math.min(ROUNDS, 3); round++) {
  for (const [name, engine] of [['wasm', wasm], ['cli', ocr]] as const) {
    const t = performance.now();
    for (const crop of lineCrops) await engine.read([crop]);
    engineMs[name].push((performance.now() - t) / lineCrops.length);
  }
}
console.log(`OCR of one candidate line: WebAssembly tesseract kept loaded ${median(engineMs.wasm).toFixed(0)} ms, tesseract CLI ${median(engineMs.cli).toFixed(0)} ms (${(median(engineMs.cli) / median(engineMs.wasm)).toFixed(1)}x)`);

let words = 0;
let removed = 0;
let held = 0;
let outside = 0;
let invisible = 0;
let ms = 0;
/** [removed, counted] per breakdown key ("size 8-11", "kind us", ...). */
const by = new Map<string, [number, number]>();
const count = (keys: string[], gone: boolean) => {
  for (const k of keys) {
    const row = by.get(k) ?? [0, 0];
    row[1]++;
    if (gone) row[0]++;
    by.set(k, row);
  }
};
const outcomes = new Map<string, number>();
const leaks: string[] = [];
for (const image of images) {
  const e = await evaluate(image, codecs);
  ms += e.ms;
  outside += e.changedOutside;
  outcomes.set(e.outcome, (outcomes.get(e.outcome) ?? 0) + 1);
  invisible += image.words.filter((x) => x.identifying && !x.visible).length;
  const { rows, columns } = frameSize(image.file);
  const side = Math.max(rows, columns);
  for (const w of image.words.filter((x) => x.identifying && x.visible)) {
    words++;
    const size = w.size < 12 ? '8-11' : w.size < 20 ? '12-19' : w.size < 30 ? '20-29' : '30-40';
    const gone = e.outcome !== 'review' && !e.kept.includes(w);
    if (e.outcome === 'review') held++;
    else if (gone) removed++;
    else leaks.push(`${image.list === 'SOURCES' ? '' : '+'}${image.seed}/${image.name}:${w.size}px/${w.placement}`);
    count(
      [
        `list ${image.list}`,
        `seed ${image.seed}`,
        `kind ${image.source.split('-')[0]}`,
        `source ${image.source}`,
        `size ${size}`,
        `frame ${side < 256 ? '<256' : side < 512 ? '256-511' : '>=512'}`,
        `polarity ${w.polarity}`,
        `placement ${w.placement}`,
        `size×polarity ${size} ${w.polarity}`,
      ],
      gone,
    );
  }
}
const row = (prefix: string) =>
  [...by]
    .filter(([k]) => k.startsWith(`${prefix} `))
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([k, [r, n]]) => `${k.slice(prefix.length + 1)} ${pct(r, n)} of ${n}`)
    .join(', ');
console.log(`recall: ${removed} of ${words} readable identifying drawn words removed = ${pct(removed, words)} (target >= 99 %); held for review ${held} (${pct(held, words)}); left readable ${words - removed - held} (${pct(words - removed - held, words)}); not counted: ${invisible} drawn with no contrast to what they cover (white on a white band)`);
for (const prefix of ['list', 'seed', 'kind', 'size', 'frame', 'polarity', 'placement', 'size×polarity', 'source']) console.log(`  by ${prefix}: ${row(prefix)}`);
console.log(`  outcomes: ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}; pixels changed outside masks: ${outside}`);
if (leaks.length) console.log(`  left (+ = MORE_SOURCES; seed/image:size/placement): ${leaks.slice(0, 24).join(', ')}${leaks.length > 24 ? ' …' : ''}`);
console.log(`end to end (pixel + header stage, one core): ${(images.length / (ms / 1000)).toFixed(2)} generated burned-in images/s (${(ms / images.length).toFixed(0)} ms/image)`);

const real = files(join(TESTDATA, 'burned_in')).concat(files(join(TESTDATA, 'us')));
const key = Buffer.from('fiona-bench-key');
const t = performance.now();
const realOutcomes: string[] = [];
for (const path of real) {
  const bytes = readFileSync(path);
  const stage = await runPixelStage(bytes, {});
  let outcome: string = stage.kind === 'review' ? 'review' : (stage.edits?.report.outcome ?? 'none');
  if (stage.kind === 'edits') {
    try {
      deidentify(bytes, { projectName: 'BENCH', participantId: 'BENCH_0001', eventName: 'baseline', dateOffsetDays: -100, key, uidRoot: '1.3.6.1.4.1.45037', aeTitle: 'FIONA' }, stage.edits);
    } catch {
      outcome = 'refused';
    }
  }
  realOutcomes.push(`${path.split('/').pop()}: ${outcome}`);
}
console.log(`real burned-in files (test/data/burned_in, us): ${(real.length / ((performance.now() - t) / 1000)).toFixed(2)} images/s; ${realOutcomes.join('; ')}`);
