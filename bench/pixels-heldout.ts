// npm run bench:pixels-heldout — recall of the pixel stage on generated burned-in images of any seeds
// (BENCH_PIXELS_SEEDS, default 303,404; BENCH_PIXELS_IMAGES per seed, default 48), with every word it left
// readable listed and the reason why: the screen found no candidate there, a candidate was not read (not
// text-like, not in the annotation band), OCR read nothing or something else there, the policy kept what
// OCR read, or the mask covered the word only in part. Then the clean frames of 256 px and more in
// test/data (CT, MR, PT; a source frame of the generator when it carries no text) through the whole stage:
// how many it changed. A diagnostic for tuning and for held-out checks; bench/pixels.ts is the bench.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDicom } from '../src/dicom/parse.js';
import { findText } from '../src/dicom/values.js';
import { pagesOf, readText, worthReading } from '../src/pipeline/deid/pixels/analyse.js';
import { loadCodecs } from '../src/pipeline/deid/pixels/codecs.js';
import { decodeImage } from '../src/pipeline/deid/pixels/decode.js';
import { coverage, overlaps, type Rect } from '../src/pipeline/deid/pixels/geometry.js';
import { readPixelModule } from '../src/pipeline/deid/pixels/pixel-module.js';
import { runPixelStage, threadTools } from '../src/pipeline/deid/pixels/stage.js';
import { atRiskReasons } from '../src/pipeline/deid/at-risk.js';
import { generateBurnedIn } from '../test/support/burned-in.js';
import { evaluate } from '../test/support/burned-in-check.js';
import { TESTDATA } from '../test/support/testdata.js';

const SEEDS = (process.env.BENCH_PIXELS_SEEDS ?? '303,404').split(',').filter(Boolean).map(Number);
const IMAGES = Number(process.env.BENCH_PIXELS_IMAGES ?? 48);
const CLEAN = process.env.BENCH_PIXELS_CLEAN !== '0';
/** BENCH_PIXELS_CLEAN=all: the small frames too (64-pixel EPI, as bench/pixels.ts counts them). */
const ALL_CLEAN = process.env.BENCH_PIXELS_CLEAN === 'all';
const COLOUR = new Set(['us-rgb', 'rgb-ybr-jpeg', 'sc-rgb-multiframe']);
const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)} %`;

const codecs = await loadCodecs();
const tools = await threadTools();

/** Why a word was left: what the stage saw and read at its place. */
async function why(file: Buffer, box: Rect, frame: number, masks: Array<{ frame: number; box: Rect }>): Promise<string> {
  const partial = masks.filter((m) => m.frame === frame && overlaps(m.box, box));
  if (partial.length) return `mask partial (${(100 * Math.max(...partial.map((m) => coverage(box, m.box)))).toFixed(0)} % by one mask)`;
  const parsed = parseDicom(file);
  const m = readPixelModule(parsed.buffer, parsed.dataset)!;
  const image = decodeImage(parsed, m, codecs);
  const atRisk = atRiskReasons(parsed.buffer, parsed.dataset).length > 0;
  const pages = pagesOf(image.frames, image.module).filter((p) => p.frame === frame);
  const notes: string[] = [];
  for (const page of pages) {
    const found = tools.screen.find(page.gray);
    const here = found.filter((c) => overlaps(c, box));
    if (!here.length) {
      notes.push('screen: no candidate');
      continue;
    }
    const read = worthReading(found.filter((c) => !c.banner), page.gray, atRisk).filter((r) => overlaps(r, box));
    if (!read.length) {
      notes.push(`candidate not read (${here.map((c) => `${c.width}x${c.height}${c.textLike ? ' textLike' : ''}${c.banner ? ' banner' : ''}`).join(', ')})`);
      continue;
    }
    const reads = (await readText([page], [read], false, tools.ocr)).filter((r) => overlaps(r.word.box, box));
    notes.push(reads.length ? `read as ${reads.map((r) => `"${r.word.text}"(${r.word.confidence.toFixed(0)})`).join(' ')} in ${read.map((r) => `${r.width}x${r.height}${r.textLike ? ' textLike' : ''}${r.border ? ' border' : ''}`).join(', ')}` : 'OCR read nothing there');
  }
  return notes.join(' | ');
}

const rows: string[] = [];
const totals = { all: [0, 0], gray: [0, 0] };
const bySize = new Map<string, [number, number]>();
let outside = 0;
for (const seed of SEEDS) {
  const images = await generateBurnedIn(IMAGES, seed);
  const seedTotals = { all: [0, 0], gray: [0, 0] };
  for (const image of images) {
    const e = await evaluate(image, codecs);
    outside += e.changedOutside;
    const missed = e.outcome === 'review' || e.kept.some((w) => w.identifying && w.visible);
    const masks = missed && e.output ? ((await runPixelStage(image.file, {})) as { edits?: { report: { masks: Array<{ frame: number; box: Rect }> } } }).edits?.report.masks ?? [] : [];
    const gray = !COLOUR.has(image.source);
    const parsed = parseDicom(image.file);
    const { rows: height, columns: width } = readPixelModule(parsed.buffer, parsed.dataset)!;
    for (const w of image.words.filter((x) => x.identifying && x.visible)) {
      const left = e.outcome === 'review' || e.kept.includes(w);
      for (const t of gray ? [totals.all, totals.gray, seedTotals.all, seedTotals.gray] : [totals.all, seedTotals.all]) {
        t[1]++;
        if (!left) t[0]++;
      }
      if (gray) {
        const size = w.size < 12 ? '8-11' : w.size < 20 ? '12-19' : w.size < 30 ? '20-29' : '30-40';
        const row = bySize.get(size) ?? [0, 0];
        row[1]++;
        if (!left) row[0]++;
        bySize.set(size, row);
      }
      if (!left) continue;
      const reason = e.outcome === 'review' ? `held for review: ${e.reason}` : await why(image.file, w.box, w.frame, masks);
      rows.push(`  ${seed}/${image.name} ${width}x${height} f${w.frame} "${w.text}" ${w.size}px ${w.font} ${w.polarity} at ${w.box.x},${w.box.y} ${w.box.width}x${w.box.height}${gray ? '' : ' (colour)'}: ${reason}`);
    }
  }
  console.log(`seed ${seed}: ${seedTotals.all[0]} of ${seedTotals.all[1]} words removed = ${pct(seedTotals.all[0], seedTotals.all[1])}; greyscale ${seedTotals.gray[0]} of ${seedTotals.gray[1]} = ${pct(seedTotals.gray[0], seedTotals.gray[1])}`);
}
console.log(`seeds ${SEEDS.join(',')}: all ${totals.all[0]} of ${totals.all[1]} = ${pct(totals.all[0], totals.all[1])}; greyscale ${totals.gray[0]} of ${totals.gray[1]} = ${pct(totals.gray[0], totals.gray[1])}; pixels changed outside masks ${outside}`);
console.log(`  greyscale by size: ${['8-11', '12-19', '20-29', '30-40'].map((k) => `${k} px ${pct(bySize.get(k)?.[0] ?? 0, bySize.get(k)?.[1] ?? 0)} of ${bySize.get(k)?.[1] ?? 0}`).join(', ')}`);
console.log(rows.length ? `left readable:\n${rows.join('\n')}` : 'left readable: none');

if (CLEAN) {
  // Clean CT/MR/PT frames of 256 px and more (what the 64-pixel frames of the bench's clean set say little about).
  const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : /\.(txt|md|json)$/i.test(n) ? [] : [join(dir, n)]));
  let frames = 0;
  let changed = 0;
  let review = 0;
  const which: string[] = [];
  for (const path of ['studies', 'ct', 'enhanced_mr', 'pet', 'transfer_syntax/siemens_trio_dcm_qa_ts', 'dicomdir', 'tricky/transfer_syntax'].flatMap((d) => files(join(TESTDATA, d)))) {
    const bytes = readFileSync(path);
    let m;
    try {
      const parsed = parseDicom(bytes);
      m = readPixelModule(parsed.buffer, parsed.dataset);
      const cls = findText(parsed.buffer, parsed.dataset, 0x00080016) ?? '';
      if (!m || m.samplesPerPixel !== 1 || (!ALL_CLEAN && (m.rows < 256 || m.columns < 256))) continue;
      if (!/^1\.2\.840\.10008\.5\.1\.4\.1\.1\.(2|4|128|20|481|2\.1|4\.1)(\.|$)/.test(cls)) continue;
    } catch {
      continue;
    }
    const r = await runPixelStage(bytes, {});
    frames += m.frames;
    if (r.kind === 'review') {
      review += m.frames;
      which.push(`${path.slice(TESTDATA.length + 1)} review`);
    } else if (r.edits?.report.outcome === 'clean') {
      const n = new Set(r.edits.report.masks.map((k) => k.frame)).size;
      changed += n;
      which.push(`${path.slice(TESTDATA.length + 1)} (${n}: ${r.edits.report.masks.slice(0, 3).map((k) => `${k.reason} ${Math.round(k.box.x)},${Math.round(k.box.y)} ${Math.round(k.box.width)}x${Math.round(k.box.height)}`).join('; ')})`);
    }
  }
  console.log(`clean frames${ALL_CLEAN ? '' : ' of 256 px and more'}: ${changed} of ${frames} changed = ${pct(changed, frames)}; ${review} to review${which.length ? `\n  ${which.join('\n  ')}` : ''}`);
}
