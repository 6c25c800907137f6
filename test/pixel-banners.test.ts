// The screen's two additions for issue 9's weak spots, on real frames of test/data with text drawn in by
// the generator: dark text on a bright banner is found by its row profile (8-9 px glyphs included), a clean
// frame has no banner, and white text on a saturated colour band is visible in a colour frame's second view.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCodecs } from '../src/pipeline/deid/pixels/codecs.js';
import { grayViews } from '../src/pipeline/deid/pixels/display.js';
import { decodeImage } from '../src/pipeline/deid/pixels/decode.js';
import { readPixelModule } from '../src/pipeline/deid/pixels/pixel-module.js';
import { bannerLines, Screen } from '../src/pipeline/deid/pixels/screen.js';
import { parseDicom } from '../src/dicom/parse.js';
import type { Rect } from '../src/pipeline/deid/pixels/geometry.js';
import { generateBurnedIn, SOURCES } from './support/burned-in.js';
import { testFile } from './support/testdata.js';

const source = (name: string) => SOURCES.find((s) => s.name === name)!;

function views(file: Buffer, codecs: Awaited<ReturnType<typeof loadCodecs>>) {
  const parsed = parseDicom(file);
  const image = decodeImage(parsed, readPixelModule(parsed.buffer, parsed.dataset)!, codecs);
  return image.frames.map((f) => grayViews(f, image.module));
}

const covers = (r: Rect, b: Rect, margin: number) => r.x - margin <= b.x && r.y - margin <= b.y && r.x + r.width + margin >= b.x + b.width && r.y + r.height + margin >= b.y + b.height;

describe('pixel screen: banners and colour views', () => {
  it('finds 8-9 px dark text on a bright banner in an MR frame, and no banner in the clean frame', async () => {
    const codecs = await loadCodecs();
    const [image] = await generateBurnedIn(1, 3, [source('mr-trio')], {
      lines: [
        { words: ['HANSEN,', 'KARI', '15.01.1970'], size: 8, placement: 'banner-top' },
        { words: ['ID', '12345678'], size: 9, placement: 'banner-bottom' },
      ],
    });
    const [[gray]] = views(image.file, codecs);
    const found = bannerLines(gray);
    for (const w of image.words) expect(found.some((r) => covers(r, w.box, 3)), `${w.text}`).toBe(true);
    // The screen hands them to the stage flagged, so they are masked whole.
    expect(new Screen().find(gray).filter((c) => c.banner)).toHaveLength(found.length);
    const [[clean]] = views(readFileSync(testFile(source('mr-trio').file)), codecs);
    expect(bannerLines(clean)).toEqual([]);
  });

  it('shows white text on a saturated colour band in the darkest-channel view of an RGB frame', async () => {
    const codecs = await loadCodecs();
    const [image] = await generateBurnedIn(1, 4, [source('sc-rgb-multiframe')], { lines: [{ words: ['NORDMANN'], size: 10, placement: 'top-left' }] });
    const [frameViews] = views(image.file, codecs);
    expect(frameViews).toHaveLength(2);
    const [word] = image.words.filter((w) => w.frame === 0);
    const contrast = (g: { width: number; data: Uint8Array }) => {
      let min = 255;
      let max = 0;
      for (let y = word.box.y; y < word.box.y + word.box.height; y++) {
        for (let x = word.box.x; x < word.box.x + word.box.width; x++) {
          min = Math.min(min, g.data[y * g.width + x]);
          max = Math.max(max, g.data[y * g.width + x]);
        }
      }
      return max - min;
    };
    // On the red band the brightest channel is 255 under and in the glyphs alike; the darkest tells them apart.
    expect(contrast(frameViews[0])).toBeLessThan(20);
    expect(contrast(frameViews[1])).toBeGreaterThan(200);
    // Grey frames keep one view.
    const [[...grey]] = views(readFileSync(testFile(source('mr-trio').file)), codecs);
    expect(grey).toHaveLength(1);
  });
});
