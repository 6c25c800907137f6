// The full extent of a text line along its row. The screen often sees only part of a line: small glyphs
// that touch merge into blobs it does not take ("ME" of a 9 px bold "MERCY"), a shadow joins a glyph to
// the next, the last glyph of a 5 px name breaks apart, or a line on a shrunk radiograph keeps only its
// clearest glyphs. Read and masked at the screen's extent, such a line loses its first or last glyphs to OCR
// and keeps them on the image. Glyphs stand out from what they sit on in every column they cross, so the
// line is followed outwards over columns of strong contrast within its rows, across gaps no wider than a
// word space, and no further than a long word.
import type { Gray } from './display.js';
import type { Rect } from './geometry.js';

/** A gap wider than this share of the line height ends the line (word spaces are 0.3-0.5 of it). */
const MAX_GAP = 0.8;
/** The line grows by at most this many line heights on each side (a long name, an ID with its label). */
const MAX_GROWTH = 12;
/** A column carries glyph strokes when its contrast within the line's rows reaches this share of the line's own. */
const SHARE_OF_LINE = 0.5;
/** ...and at least this much display grey (smooth anatomy and noise stay below it). */
const MIN_CONTRAST = 40;

/** Max minus min grey of column x over rows y0..y1-1. */
function columnContrast(g: Gray, x: number, y0: number, y1: number): number {
  let min = 255;
  let max = 0;
  for (let y = y0; y < y1; y++) {
    const v = g.data[y * g.width + x];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return max - min;
}

/**
 * Whether column x looks like a glyph's strokes: strong contrast inside the rows, on the same background above
 * and below. An edge running along the row (a body outline, the table, a turned frame's border) has the
 * contrast too, but is dark on one side and bright on the other: followed, it read as a digit run.
 */
function glyphColumn(g: Gray, x: number, y0: number, y1: number, needed: number): boolean {
  const contrast = columnContrast(g, x, y0, y1);
  if (contrast < needed) return false;
  return Math.abs(g.data[y0 * g.width + x] - g.data[(y1 - 1) * g.width + x]) < contrast / 2;
}

/** The line `r` widened along its row over the adjacent columns that look like more of its glyphs. */
export function lineAlongRow(g: Gray, r: Rect): Rect {
  // A row above and below: a stroke that fills the line's rows (the stem of an E) has contrast only there.
  const pad = Math.max(1, Math.round(0.1 * r.height));
  const y0 = Math.max(0, Math.floor(r.y) - pad);
  const y1 = Math.min(g.height, Math.ceil(r.y + r.height) + pad);
  const x0 = Math.max(0, Math.floor(r.x));
  const x1 = Math.min(g.width, Math.ceil(r.x + r.width));
  if (y1 - y0 < 2 || x1 <= x0) return r;
  const own: number[] = [];
  for (let x = x0; x < x1; x++) own.push(columnContrast(g, x, y0, y1));
  own.sort((a, b) => a - b);
  // The line's typical stroke column: the upper quartile, since gaps between glyphs are columns too.
  const typical = own[Math.floor(own.length * 0.75)];
  const needed = Math.max(MIN_CONTRAST, SHARE_OF_LINE * typical);
  const h = r.height;
  const gap = Math.max(2, Math.round(MAX_GAP * h));
  const reach = Math.round(MAX_GROWTH * h);
  const follow = (start: number, step: 1 | -1): number => {
    let last = start;
    for (let x = start + step, run = 0; x >= 0 && x < g.width && Math.abs(x - start) <= reach; x += step) {
      if (glyphColumn(g, x, y0, y1, needed)) {
        last = x;
        run = 0;
      } else if (++run > gap) break;
    }
    return last;
  };
  const left = follow(x0, -1);
  const right = follow(x1 - 1, 1);
  return { ...r, x: Math.min(r.x, left), width: Math.max(r.x + r.width, right + 1) - Math.min(r.x, left) };
}
