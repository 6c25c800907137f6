// Burned-in text on greyscale frames that the stage used to leave (issue 9, held-out seeds): small bold or
// tight text whose glyphs merge into blobs in a corner (8-13 px on 128-512 px CT and MR), which OCR reads
// as nothing or noise, and text drawn at the extreme over tissue just below it, which every lower
// threshold joins to the tissue. Each case: every drawn word's box is masked, OCR of the output reads none
// of them, and no pixel outside the masks changes.
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { loadCodecs } from '../src/pipeline/deid/pixels/codecs.js';
import type { Gray } from '../src/pipeline/deid/pixels/display.js';
import { coverage } from '../src/pipeline/deid/pixels/geometry.js';
import { Screen } from '../src/pipeline/deid/pixels/screen.js';
import { TesseractCli } from '../src/pipeline/deid/pixels/tesseract.js';
import { FONTS, generateBurnedIn, SOURCES, type Placement } from './support/burned-in.js';
import { decodeFrames, evaluate, ocrLeftovers } from './support/burned-in-check.js';

const source = (name: string) => SOURCES.find((s) => s.name === name)!;

const CASES: Array<{ source: string; words: string[]; size: number; placement: Placement; font: string }> = [
  // Monospaced 8 px: each word one component, no five separate glyphs on a baseline.
  { source: 'mr-body', words: ['HANSEN', 'HENRIK'], size: 8, placement: 'bottom-right', font: 'DejaVu Sans Mono' },
  // Bold 9 px on a 512-pixel CT: two blobs, unreadable to OCR at any enlargement.
  { source: 'ct-multiframe-rle', words: ['EIDE', 'MAGNUS'], size: 9, placement: 'top-left', font: 'FreeSans Bold' },
  // Bold 13 px: glyphs merged in twos and threes, and a colon and hyphens between them.
  { source: 'mr-trio-jls', words: ['DOB:', '1939-02-27'], size: 13, placement: 'top-right', font: 'FreeSans Bold' },
  // 10 px on a 128-pixel CT, half over tissue: OCR reads "r53464".
  { source: 'ct-small', words: ['ID', '75846478'], size: 10, placement: 'top-right', font: 'Liberation Sans' },
];

describe('small merged text in the corners of greyscale frames', () => {
  const fonts = new Set(FONTS.map(([family]) => family));
  for (const c of CASES) {
    it(`${c.source}: ${c.size} px ${c.font} "${c.words.join(' ')}" ${c.placement} is masked whole`, async () => {
      if (!fonts.has(c.font)) throw new Error(`font ${c.font} is not in the generator's list`);
      const codecs = await loadCodecs();
      // The header carries another identity: the words go because they are text, not because they match.
      const [image] = await generateBurnedIn(1, 17, [source(c.source)], { lines: [{ words: c.words, size: c.size, placement: c.placement, font: c.font }], patientName: 'DOE^JANE', patientId: 'PAT001' });
      const e = await evaluate(image, codecs);
      expect(e.outcome, e.reason).toBe('clean');
      const drawn = image.words.filter((w) => w.visible);
      expect(drawn.length).toBeGreaterThan(0);
      expect(e.kept.filter((w) => drawn.includes(w)).map((w) => w.text)).toEqual([]);
      expect(e.changedOutside).toBe(0);
      const after = decodeFrames(e.output!, codecs);
      expect(await ocrLeftovers(after.gray, drawn, new TesseractCli())).toEqual([]);
    }, 120_000);
  }
});

describe('text at the extreme over bright tissue', () => {
  it('is one text-like line to the screen, apart from the tissue it is drawn on', () => {
    // A 256-pixel frame: a bright smooth band (tissue at 238-249, above every threshold but the extreme one) with white text across it.
    const W = 256;
    const H = 256;
    const canvas = createCanvas(W, H);
    const ctx = canvas.getContext('2d');
    ctx.font = '20px "DejaVu Sans"';
    ctx.textBaseline = 'top';
    ctx.fillStyle = '#fff';
    ctx.fillText('ACC903950 2016-01-08', 20, 150);
    const alpha = ctx.getImageData(0, 0, W, H).data;
    const data = new Uint8Array(W * H);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const tissue = y >= 120 && y < 200 ? 238 + Math.round(11 * Math.abs(Math.sin(x / 17) * Math.sin(y / 11))) : 20;
        const a = alpha[(y * W + x) * 4] / 255;
        data[y * W + x] = Math.round(tissue + (255 - tissue) * a);
      }
    }
    const gray: Gray = { width: W, height: H, data };
    const text = { x: 20, y: 150, width: 215, height: 16 };
    const found = new Screen().find(gray);
    const lines = found.filter((c) => c.textLike && coverage(c, text) > 0 && c.height <= 1.5 * text.height);
    expect(lines.length, JSON.stringify(found)).toBeGreaterThan(0);
    // The line spans most of the text, not only the glyphs where the tissue is darkest.
    expect(Math.max(...lines.map((l) => coverage(text, l)))).toBeGreaterThan(0.8);
  });
});
