// Issue 9, colour frames and false positives on large frames: 8 px text on a colour band of an RGB secondary
// capture (the glyphs merge into one component nine times as wide as tall) is removed; a colour Doppler
// ultrasound with a drawn name is cleaned, not sent to review for texture that OCR reads as lone characters
// and frame-sized "words" after masking; and clean frames of 256 px and more (test/support/clean-frames.ts:
// windowed CT, a CR crop, a magnified whole-body NM, an interpolated body MR) pass unchanged. Words gone
// means every pixel of their box was masked and OCR of the output reads none of them; nothing outside the
// masks changed. The broad measurement of both is bench:pixels.
import { describe, expect, it } from 'vitest';
import { loadCodecs } from '../src/pipeline/deid/pixels/codecs.js';
import { runPixelStage } from '../src/pipeline/deid/pixels/stage.js';
import { TesseractCli } from '../src/pipeline/deid/pixels/tesseract.js';
import { generateBurnedIn, SOURCES, type GeneratedImage, type Source } from './support/burned-in.js';
import { decodeFrames, evaluate, ocrLeftovers } from './support/burned-in-check.js';
import { CLEAN_BASES, cleanLargeFrames } from './support/clean-frames.js';

const ocr = new TesseractCli();

async function cleanedWithoutLeftovers(image: GeneratedImage) {
  const codecs = await loadCodecs();
  const words = image.words.filter((w) => w.identifying && w.visible);
  expect(words.length).toBeGreaterThanOrEqual(2);
  const e = await evaluate(image, codecs);
  expect(e.outcome, e.reason).toBe('clean');
  expect(e.kept.filter((w) => words.includes(w)).map((w) => w.text)).toEqual([]);
  expect(e.changedOutside).toBe(0);
  expect(await ocrLeftovers(decodeFrames(e.output!, codecs).gray, words, ocr)).toEqual([]);
}

describe('pixel stage: colour frames and large clean frames', () => {
  it('removes 8 px white text drawn on the red band of an RGB secondary capture', async () => {
    // Liberation Sans at 8 px: each word's glyphs touch, one component 9-11 times as wide as tall, which
    // the screen took for an edge; OCR of the whole 100-pixel frame does not read them either.
    const [image] = await generateBurnedIn(1, 12, [SOURCES.find((s) => s.name === 'sc-rgb-multiframe')!], {
      lines: [{ words: ['ACC456934', '06-Dec-2016'], size: 8, placement: 'top-right', font: 'Liberation Sans' }],
    });
    await cleanedWithoutLeftovers(image);
  }, 120_000);

  it('cleans a colour Doppler ultrasound with a drawn name and ID, without sending it to review', async () => {
    const doppler: Source = { name: 'us-doppler', file: 'us/US1_UNCR.dcm', crop: { x: 50, y: 108, width: 540, height: 236 }, syntax: 'explicit' };
    // The seventh image of seed 202 on this crop (names at 20 and 10 px): its masked frame read whole gave
    // "3" (98 px tall), "J", "W" and "ail" (the whole frame) at confidence 50-78, and it went to review.
    const image = (await generateBurnedIn(7, 202, [doppler]))[6];
    await cleanedWithoutLeftovers(image);
  }, 180_000);

  it('changes no pixel of clean frames of 256 px and more (windowed CT, CR crop, magnified NM, interpolated MR)', async () => {
    const picks = ['ct-abdomen/windowed', 'ct-spine/turned90', 'cr-chest-b/original', 'nm-whole-body/magnified', 'mr-body-1/interpolated2x'];
    const bases = CLEAN_BASES.filter((b) => picks.some((p) => p.startsWith(`${b.name}/`)));
    const frames = (await cleanLargeFrames(bases)).filter((c) => picks.includes(c.name));
    expect(frames.map((c) => c.name).sort()).toEqual([...picks].sort());
    for (const c of frames) {
      expect(Math.min(c.width, c.height)).toBeGreaterThanOrEqual(256);
      const result = await runPixelStage(c.file, {});
      expect(result.kind, c.name).toBe('edits');
      const report = result.kind === 'edits' ? result.edits?.report : undefined;
      expect([report?.outcome, report?.masks.length], c.name).toEqual(['pass', 0]);
    }
  }, 180_000);
});
