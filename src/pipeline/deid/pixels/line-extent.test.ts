import { describe, expect, it } from 'vitest';
import type { Gray } from './display.js';
import { lineAlongRow } from './line-extent.js';

/** A 240x40 frame: a smooth gradient (anatomy-like), with bright glyph-like strokes drawn at the given x ranges on rows 15-24. */
function frame(words: Array<[number, number]>): Gray {
  const width = 240;
  const height = 40;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = 60 + Math.round(x / 8);
  for (const [from, to] of words) {
    // Glyphs 6 px wide with a 2 px gap; each a solid stem and a bar (an "E"-like shape whose stem fills the rows).
    for (let g = from; g + 6 <= to; g += 8) {
      for (let y = 15; y < 25; y++) {
        for (let x = g; x < g + 6; x++) if (x < g + 2 || y === 15 || y === 19 || y === 24) data[y * width + x] = 255;
      }
    }
  }
  return { width, height, data };
}

describe('lineAlongRow', () => {
  it('grows a line the screen saw in part over the rest of its glyphs, across word spaces', () => {
    // Two words (glyphs at x 10-55 and 60-113, a 4 px space); the screen saw only x 80-113.
    const g = frame([[10, 58], [60, 120]]);
    const r = lineAlongRow(g, { x: 80, y: 15, width: 34, height: 10 });
    expect(r.x).toBe(10);
    expect(r.x + r.width).toBe(114);
    expect([r.y, r.height]).toEqual([15, 10]);
  });

  it('stops at a gap wider than a word space and over smooth surroundings', () => {
    // A second block 30 px (three line heights) to the right is another annotation, not this line.
    const g = frame([[10, 58], [150, 200]]);
    const r = lineAlongRow(g, { x: 30, y: 15, width: 26, height: 10 });
    expect([r.x, r.x + r.width]).toEqual([10, 56]);
  });

  it('grows no further than twelve line heights on a side', () => {
    // Strokes all along the row (a long edge of texture): the line stops at its reach.
    const g = frame([[0, 240]]);
    const r = lineAlongRow(g, { x: 200, y: 15, width: 20, height: 5 });
    expect(r.x).toBeGreaterThanOrEqual(200 - 12 * 5);
  });
  it('does not follow an edge that runs along the row (dark above, bright below)', () => {
    // A clean frame's body outline or table edge crossing a small dark candidate's rows: every column has the
    // contrast, none has glyphs on one background; the line keeps the screen's extent.
    const width = 240;
    const data = new Uint8Array(width * 40);
    for (let y = 0; y < 40; y++) for (let x = 0; x < width; x++) data[y * width + x] = y < 17 ? 5 : 180;
    const r = lineAlongRow({ width, height: 40, data }, { x: 100, y: 15, width: 12, height: 5 });
    expect([r.x, r.width]).toEqual([100, 12]);
  });
});
