// npm run bench:pixels — the pixel stage (DEID-SPEC section 7), measured on this machine, one core:
//  1. screen: frames/s of the text screen on clean CT/MR frames (decoded once beforehand), as 512x512
//     equivalents (target >= 50/s per core), against a reference in the same run: tesseract reading every
//     whole frame (what RewritePixel does), so the ratio says what screening saves; and the two OCR engines
//     on the same candidate lines: the stage's persistent WebAssembly tesseract against a Debian CLI start;
//  2. false positives: clean CT/MR instances of test/data through the whole pixel stage; the share of
//     frames whose pixels it changed (target <= 1 %), and how many went to review;
//  3. recall: generated burned-in images (test/support/burned-in.ts, fixed seeds) through the pixel and
//     header stages; the share of readable identifying drawn words (not drawn white on white) whose every
//     pixel was masked (target >= 99 %),
//     words held for review (not leaked, not removed) and words that left readable, per text size;
//  4. end to end: burned-in images/s (generated and the real ones in test/data) through both stages.
// Rounds alternate and medians are printed. BENCH_PIXELS_IMAGES and BENCH_PIXELS_ROUNDS change the sizes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDicom } from '../src/dicom/parse.js';
import { findText } from '../src/dicom/values.js';
import { deidentify } from '../src/pipeline/deid/index.js';
import { loadCodecs } from '../src/pipeline/deid/pixels/codecs.js';
import { decodeImage } from '../src/pipeline/deid/pixels/decode.js';
import { toGray, type Gray } from '../src/pipeline/deid/pixels/display.js';
import { cropForOcr } from '../src/pipeline/deid/pixels/ocr.js';
import { readPixelModule } from '../src/pipeline/deid/pixels/pixel-module.js';
import { Screen } from '../src/pipeline/deid/pixels/screen.js';
import { runPixelStage } from '../src/pipeline/deid/pixels/stage.js';
import { TesseractCli } from '../src/pipeline/deid/pixels/tesseract.js';
import { generateBurnedIn } from '../test/support/burned-in.js';
import { decodeFrames, evaluate } from '../test/support/burned-in-check.js';
import { TesseractWasm } from '../src/pipeline/deid/pixels/tesseract-wasm.js';
import { TESTDATA } from '../test/support/testdata.js';

const IMAGES = Number(process.env.BENCH_PIXELS_IMAGES ?? 96);
const ROUNDS = Number(process.env.BENCH_PIXELS_ROUNDS ?? 5);
const CLEAN = ['ct', 'transfer_syntax/siemens_trio_dcm_qa_ts', 'studies', 'dicomdir/77654033', 'dicomdir/98892001', 'dicomdir/98892003', 'enhanced_mr', 'pet', 'tricky/transfer_syntax'];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(2)} %`;

function decodeFrameHeight(file: Buffer): number {
  const parsed = parseDicom(file);
  return readPixelModule(parsed.buffer, parsed.dataset)!.rows;
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
const clean: Array<{ path: string; bytes: Buffer; frames: number }> = [];
for (const path of CLEAN.flatMap((d) => files(join(TESTDATA, d)))) {
  const bytes = readFileSync(path);
  try {
    const parsed = parseDicom(bytes);
    const m = readPixelModule(parsed.buffer, parsed.dataset);
    if (!m || m.samplesPerPixel !== 1 || m.photometric === 'PALETTE COLOR') continue;
    const cls = findText(parsed.buffer, parsed.dataset, 0x00080016) ?? '';
    if (!/^1\.2\.840\.10008\.5\.1\.4\.1\.1\.(2|4|128|20|481|2\.1|4\.1)(\.|$)/.test(cls)) continue; // CT, MR, PT, NM, enhanced
    clean.push({ path, bytes, frames: m.frames });
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
const ocrRates: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  let t = performance.now();
  for (const g of grays) screen.find(g);
  screenRates.push(pixels / (512 * 512) / ((performance.now() - t) / 1000));
  t = performance.now();
  for (const g of ocrSample) await ocr.read([cropForOcr(g, { x: 0, y: 0, width: g.width, height: g.height }, g.height).image]);
  const ocrPixels = ocrSample.reduce((n, g) => n + g.width * g.height, 0);
  ocrRates.push(ocrPixels / (512 * 512) / ((performance.now() - t) / 1000));
}
console.log(`corpus: ${clean.length} clean CT/MR/PT instances; screen timed on their ${grays.length} frames of 256x256 and more (${(pixels / grays.length / 1000).toFixed(0)} kpixel average)`);
console.log(`screen:      ${median(screenRates).toFixed(0)} frames/s per core as 512x512 equivalents (median of ${ROUNDS}; target >= 50)`);
console.log(`reference:   tesseract on every whole frame ${median(ocrRates).toFixed(2)} frames/s (512x512 equivalents); screen/reference ${(median(screenRates) / median(ocrRates)).toFixed(0)}x`);

// 2. False positives: the whole pixel stage on clean instances.
let changedFrames = 0;
let totalFrames = 0;
let reviewFrames = 0;
let cleanCandidates = 0;
const changedFiles: string[] = [];
const started = performance.now();
for (const c of clean) {
  const result = await runPixelStage(c.bytes, {});
  totalFrames += c.frames;
  if (result.kind === 'review') {
    reviewFrames += c.frames;
    continue;
  }
  const report = result.edits?.report;
  cleanCandidates += report?.candidates ?? 0;
  if (report?.outcome === 'clean') {
    const frames = new Set(report.masks.map((m) => m.frame)).size;
    changedFrames += frames;
    changedFiles.push(`${c.path.slice(TESTDATA.length + 1)} (${frames})`);
  }
}
const cleanSeconds = (performance.now() - started) / 1000;
console.log(`false positives: ${changedFrames} of ${totalFrames} clean frames changed = ${pct(changedFrames, totalFrames)} (target <= 1 %); ${reviewFrames} frames sent to review; ${cleanCandidates} candidate regions OCRed; ${(totalFrames / cleanSeconds).toFixed(1)} clean frames/s through the whole stage`);
if (changedFiles.length) console.log(`  changed: ${changedFiles.slice(0, 10).join(', ')}${changedFiles.length > 10 ? ' …' : ''}`);

// 3 and 4. Recall and end-to-end speed on generated burned-in images.
const images = [...(await generateBurnedIn(IMAGES / 2, 101)), ...(await generateBurnedIn(IMAGES / 2, 202))];
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
const bySize = new Map<string, [number, number]>();
const byPlace = new Map<string, [number, number]>();
const outcomes = new Map<string, number>();
const leaks: string[] = [];
for (const image of images) {
  const e = await evaluate(image, codecs);
  ms += e.ms;
  outside += e.changedOutside;
  outcomes.set(e.outcome, (outcomes.get(e.outcome) ?? 0) + 1);
  invisible += image.words.filter((x) => x.identifying && !x.visible).length;
  for (const w of image.words.filter((x) => x.identifying && x.visible)) {
    words++;
    const size = w.size < 12 ? '8-11' : w.size < 20 ? '12-19' : w.size < 30 ? '20-29' : '30-40';
    // Placement from the truth: banners are dark text on a bright bar, corners bright text; top or bottom half.
    const height = decodeFrameHeight(image.file);
    const place = `${w.polarity === 'dark' ? 'banner' : 'corner'}-${w.box.y < height / 2 ? 'top' : 'bottom'}`;
    const row = bySize.get(size) ?? [0, 0];
    const prow = byPlace.get(place) ?? [0, 0];
    row[1]++;
    prow[1]++;
    if (e.outcome === 'review') held++;
    else if (!e.kept.includes(w)) {
      removed++;
      row[0]++;
      prow[0]++;
    } else leaks.push(`${image.name}:${w.size}px/${w.polarity}`);
    bySize.set(size, row);
    byPlace.set(place, prow);
  }
}
console.log(`recall: ${removed} of ${words} readable identifying drawn words removed = ${pct(removed, words)} (target >= 99 %); held for review ${held} (${pct(held, words)}); left readable ${words - removed - held} (${pct(words - removed - held, words)}); not counted: ${invisible} drawn with no contrast to what they cover (white on a white band)`);
console.log(`  by size: ${['8-11', '12-19', '20-29', '30-40'].map((k) => `${k} px ${pct(bySize.get(k)?.[0] ?? 0, bySize.get(k)?.[1] ?? 0)} of ${bySize.get(k)?.[1] ?? 0}`).join(', ')}`);
console.log(`  by placement: ${[...byPlace].sort().map(([k, [r, n]]) => `${k} ${pct(r, n)} of ${n}`).join(', ')}`);
console.log(`  outcomes: ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}; pixels changed outside masks: ${outside}`);
if (leaks.length) console.log(`  left: ${leaks.slice(0, 12).join(', ')}${leaks.length > 12 ? ' …' : ''}`);
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
