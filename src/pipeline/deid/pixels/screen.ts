// The screen: finds text-like regions in a frame fast enough to run on every frame (section 7). Text is
// glyph-sized connected components of near-extreme grey (bright on dark, or dark on a bright banner) that
// stand out from what surrounds them and line up in rows. Anatomy rarely does all of that at once; what
// slips through is only a candidate, which OCR then reads.
import type { Gray } from './display.js';
import { overlaps, union, type Rect } from './geometry.js';

export interface ScreenOptions {
  /** Bright-text thresholds (display grey, 0-255), tried in turn. */
  bright: number[];
  /** Dark-text thresholds. */
  dark: number[];
  minGlyphHeight: number;
  maxGlyphHeight: number;
  /** Minimum grey difference between a glyph and the ring around it. */
  minContrast: number;
  /** Whether to look for banner lines (bright bars with dark text) too; passes that drop them skip the work. */
  banners?: boolean;
}

/**
 * 250: text drawn at the extreme value over tissue just below it (bright brain, fat, bone), which joins the
 * glyphs at every lower threshold; 235, 170, 110: text over darker surroundings, antialiased small text.
 */
export const DEFAULT_SCREEN: ScreenOptions = { bright: [250, 235, 170, 110], dark: [40], minGlyphHeight: 4, maxGlyphHeight: 64, minContrast: 50 };

/** Display grey at or above which a pixel is at the extreme where devices draw their annotations. */
const EXTREME = 250;

interface Component {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  count: number;
  sum: number;
}

/** 8-connected components of the pixels past `threshold` (two passes, union-find over provisional labels). */
function components(gray: Gray, threshold: number, bright: boolean, labels: Int32Array, parent: Int32Array): Component[] {
  const { width, height, data } = gray;
  let next = 1;
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  };
  const join = (a: number, b: number): number => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return ra;
    if (ra < rb) {
      parent[rb] = ra;
      return ra;
    }
    parent[ra] = rb;
    return rb;
  };
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      const v = data[i];
      if (bright ? v < threshold : v > threshold) {
        labels[i] = 0;
        continue;
      }
      let label = x > 0 ? labels[i - 1] : 0;
      if (y > 0) {
        const up = i - width;
        const a = x > 0 ? labels[up - 1] : 0;
        const b = labels[up];
        const c = x + 1 < width ? labels[up + 1] : 0;
        if (a) label = label ? (label === a ? label : join(label, a)) : a;
        if (b) label = label ? (label === b ? label : join(label, b)) : b;
        if (c) label = label ? (label === c ? label : join(label, c)) : c;
      }
      if (!label) {
        if (next >= parent.length) return []; // mostly noise at this threshold: no sensible glyphs
        label = next;
        parent[next] = next;
        next++;
      }
      labels[i] = label;
    }
  }
  // Flatten, then gather boxes per root in arrays indexed by label.
  for (let l = 1; l < next; l++) parent[l] = find(l);
  const x0 = new Int32Array(next).fill(width);
  const y0 = new Int32Array(next).fill(height);
  const x1 = new Int32Array(next).fill(-1);
  const y1 = new Int32Array(next).fill(-1);
  const count = new Int32Array(next);
  const sum = new Float64Array(next);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const l = labels[row + x];
      if (!l) continue;
      const r = parent[l];
      if (x < x0[r]) x0[r] = x;
      if (x > x1[r]) x1[r] = x;
      if (y < y0[r]) y0[r] = y;
      if (y > y1[r]) y1[r] = y;
      count[r]++;
      sum[r] += data[row + x];
    }
  }
  const out: Component[] = [];
  for (let r = 1; r < next; r++) if (count[r]) out.push({ x0: x0[r], y0: y0[r], x1: x1[r], y1: y1[r], count: count[r], sum: sum[r] });
  return out;
}

/** Mean and spread of the grey on a ring just outside a component's box. */
function ring(gray: Gray, c: Component): { mean: number; spread: number } {
  const { width, height, data } = gray;
  const x0 = Math.max(0, c.x0 - 2);
  const x1 = Math.min(width - 1, c.x1 + 2);
  const y0 = Math.max(0, c.y0 - 2);
  const y1 = Math.min(height - 1, c.y1 + 2);
  let sum = 0;
  let squares = 0;
  let n = 0;
  const add = (v: number) => {
    sum += v;
    squares += v * v;
    n++;
  };
  for (let x = x0; x <= x1; x++) {
    add(data[y0 * width + x]);
    add(data[y1 * width + x]);
  }
  for (let y = y0 + 1; y < y1; y++) {
    add(data[y * width + x0]);
    add(data[y * width + x1]);
  }
  if (!n) return { mean: 0, spread: 0 };
  const mean = sum / n;
  return { mean, spread: Math.sqrt(Math.max(0, squares / n - mean * mean)) };
}

/**
 * 'strong': glyph-shaped and standing out from its surroundings; 'weak': glyph-shaped with little contrast
 * (text over bright tissue), which may only extend a line that strong glyphs started; undefined: not a glyph.
 */
function glyphKind(gray: Gray, c: Component, bright: boolean, o: ScreenOptions, threshold: number): 'strong' | 'weak' | undefined {
  const w = c.x1 - c.x0 + 1;
  const h = c.y1 - c.y0 + 1;
  if (h < o.minGlyphHeight || h > o.maxGlyphHeight || c.count < 4) return undefined;
  // A merged word is wide, a line or an edge is wider; 8 px text (glyphs 4-8 px tall) merges whole into
  // one component, nine characters 9-11 times as wide as tall (an accession number on a colour band).
  if (w > (h <= 8 ? 12 : 8) * h) return undefined;
  const fill = c.count / (w * h);
  if (fill > 0.92 || fill < 0.08) return undefined;
  const around = ring(gray, c);
  const contrast = (c.sum / c.count - around.mean) * (bright ? 1 : -1);
  // Dark text sits on a bright banner: dark holes in dark surroundings are not text.
  if (!bright && around.mean < 120) return undefined;
  if (contrast >= o.minContrast) return 'strong';
  // Annotations are drawn at the extreme value; smooth anatomy seldom sits exactly there.
  const mean = c.sum / c.count;
  if (contrast >= o.minContrast / 2 && (bright ? mean >= 250 : mean <= 5)) return 'strong';
  // Wholly at the extreme and set apart from what it sits on: text over bright tissue, seen only in the
  // extreme pass; the ring holds the glyph's own antialiased edge, so the contrast is small.
  if (bright && threshold >= EXTREME && contrast >= o.minContrast / 10) return 'strong';
  return contrast >= o.minContrast / 4 ? 'weak' : undefined;
}

/** Joins glyphs that sit side by side on one baseline into lines; keeps lines that look like words. */
/** A candidate text line. `textLike`: many glyphs of one height on one baseline, text to anyone's eye. */
export interface Candidate extends Rect {
  textLike: boolean;
  /** The pass that found it: grey level and polarity of its glyphs (OCR reads it binarised there too). */
  ink?: { level: number; bright: boolean };
  /** Dark text on a bright bar (bannerLines): masked whole by the stage, whatever OCR reads. */
  banner?: boolean;
}

function onOneBaseline(members: Component[]): boolean {
  if (members.length < 5) return false;
  const heights = members.map((m) => m.y1 - m.y0 + 1).sort((a, b) => a - b);
  const bottoms = members.map((m) => m.y1).sort((a, b) => a - b);
  const h = heights[heights.length >> 1];
  const base = bottoms[bottoms.length >> 1];
  const tolerance = Math.max(1, Math.round(h * 0.12));
  const sameHeight = heights.filter((x) => Math.abs(x - h) <= Math.max(1, h * 0.35)).length;
  const onBase = bottoms.filter((b) => Math.abs(b - base) <= tolerance).length;
  return onBase >= 0.7 * members.length && sameHeight >= 0.6 * members.length;
}

/**
 * Small text (7-12 px, bold or tight) whose glyphs touch and merge into blobs of two or more: the line's
 * full-height components — three or more, or two word-wide ones — are bright at the extreme, stand out,
 * share one top and one baseline and fill most of a line at least four heights long (punctuation aside).
 * onOneBaseline wants five separate glyphs; OCR reads such text poorly; the screen can still be sure of it.
 */
function smallWords(members: Array<Component & { strong: boolean }>, w: number, h: number): boolean {
  if (h > 12 || h < 5 || w < 4 * h) return false;
  const full = members.filter((m) => m.y1 - m.y0 + 1 >= h - 1);
  const wide = full.filter((m) => m.x1 - m.x0 + 1 >= 1.2 * h);
  if (full.length < 3 && wide.length < 2) return false;
  if (full.reduce((n, m) => n + m.x1 - m.x0 + 1, 0) < 0.5 * w) return false;
  return full.every((m) => {
    const fill = m.count / ((m.x1 - m.x0 + 1) * (m.y1 - m.y0 + 1));
    return m.strong && fill >= 0.3 && fill <= 0.92 && m.sum / m.count >= 235;
  });
}

function lines(glyphs: Array<Component & { strong: boolean }>, ink: { level: number; bright: boolean }): Candidate[] {
  glyphs.sort((a, b) => a.x0 - b.x0);
  const parent = glyphs.map((_, i) => i);
  const find = (a: number): number => (parent[a] === a ? a : (parent[a] = find(parent[a])));
  for (let i = 0; i < glyphs.length; i++) {
    const a = glyphs[i];
    const ha = a.y1 - a.y0 + 1;
    for (let j = i + 1; j < glyphs.length; j++) {
      const b = glyphs[j];
      const hb = b.y1 - b.y0 + 1;
      const h = Math.max(ha, hb);
      if (b.x0 - a.x1 > 3 * ha) break; // later glyphs start further right
      if (b.x0 - a.x1 > 1.2 * h) continue;
      const overlap = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) + 1;
      if (overlap < 0.6 * Math.min(ha, hb) || Math.max(ha, hb) > 2 * Math.min(ha, hb)) continue;
      parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, Array<Component & { strong: boolean }>>();
  glyphs.forEach((g, i) => {
    const r = find(i);
    groups.set(r, [...(groups.get(r) ?? []), g]);
  });
  const out: Candidate[] = [];
  for (const members of groups.values()) {
    const x0 = Math.min(...members.map((m) => m.x0));
    const x1 = Math.max(...members.map((m) => m.x1));
    const y0 = Math.min(...members.map((m) => m.y0));
    const y1 = Math.max(...members.map((m) => m.y1));
    const w = x1 - x0 + 1;
    const h = y1 - y0 + 1;
    const strong = members.filter((m) => m.strong);
    const sw = strong.length ? Math.max(...strong.map((m) => m.x1)) - Math.min(...strong.map((m) => m.x0)) + 1 : 0;
    const wordLike = strong.length >= 3 || (strong.length === 2 && sw >= 1.5 * h) || (strong.length === 1 && sw >= 2 * h) || (strong.length >= 1 && members.length >= 4);
    if (wordLike) out.push({ x: x0, y: y0, width: w, height: h, textLike: (strong.length >= 3 && onOneBaseline(members)) || smallWords(members, w, h), ink });
  }
  return out;
}

export class Screen {
  private labels = new Int32Array(0);
  private parent = new Int32Array(0);

  constructor(private readonly options: ScreenOptions = DEFAULT_SCREEN) {}

  /** Candidate text lines, in frame pixels, merged where they overlap; banner lines apart, flagged. */
  find(gray: Gray): Candidate[] {
    const size = gray.width * gray.height;
    if (this.labels.length < size) {
      this.labels = new Int32Array(size);
      this.parent = new Int32Array(Math.max(1 << 16, size >> 2));
    }
    const found: Candidate[] = [];
    const passes: Array<[number, boolean]> = [...this.options.bright.map((t): [number, boolean] => [t, true]), ...this.options.dark.map((t): [number, boolean] => [t, false])];
    for (const [threshold, bright] of passes) {
      const glyphs: Array<Component & { strong: boolean }> = [];
      for (const c of components(gray, threshold, bright, this.labels, this.parent)) {
        const kind = glyphKind(gray, c, bright, this.options, threshold);
        if (kind) glyphs.push({ ...c, strong: kind === 'strong' });
      }
      found.push(...lines(glyphs, { level: threshold, bright }));
    }
    const merged = mergeCandidates(found);
    return this.options.banners === false ? merged : [...merged, ...bannerLines(gray).map((r) => ({ ...r, textLike: true, banner: true }))];
  }
}

/**
 * Merges candidates that overlap (the passes find the same line at several thresholds). A text-like line
 * stays apart from a much taller blob it overlaps: text drawn over bright tissue is a clean line at one
 * threshold and part of the tissue at lower ones, and read inside the tissue's box OCR finds nothing.
 */
function mergeCandidates(found: Candidate[]): Candidate[] {
  const out = [...found];
  const apart = (a: Candidate, b: Candidate) => (a.textLike && !b.textLike && b.height > 1.5 * a.height) || (b.textLike && !a.textLike && a.height > 1.5 * b.height);
  for (let i = 0; i < out.length; i++) {
    for (let j = i + 1; j < out.length; j++) {
      if (!overlaps(out[i], out[j]) || apart(out[i], out[j])) continue;
      const [a, b] = [out[i], out[j]];
      // The tighter line's pass is the one that separated its glyphs from their surroundings.
      const ink = a.textLike !== b.textLike ? (a.textLike ? a.ink : b.ink) : a.height <= b.height ? a.ink : b.ink;
      out[i] = { ...union(a, b), textLike: a.textLike || b.textLike, ink };
      out.splice(j, 1);
      j = i;
    }
  }
  return out;
}

/** Display grey at or above which a pixel belongs to a bright bar; at or below which it is ink on it. */
const BAR = 200;
const INK = 110;

/**
 * Dark text on a bright bar, the way devices draw their patient banners: rows that are almost wholly bright
 * (the bar's margins, or the frame's edge) above and below a block of rows that are bright and dark only
 * (glyph strokes on the bar), whose dark columns form several strokes. The component screen misses much of
 * it: 8-10 px dark glyphs are antialiased to mid grey and break apart, and large ones join the bar they
 * are drawn on. Such a bar is text to anyone's eye whatever OCR makes of it, so the stage masks its inked
 * part whole. One pass over the frame (row counts), then work per bar only.
 */
export function bannerLines(gray: Gray): Rect[] {
  const { width, height, data } = gray;
  const kind = new Uint8Array(height); // 0 other, 1 margin (bright), 2 glyph row (bright and ink)
  for (let y = 0; y < height; y++) {
    let bright = 0;
    let ink = 0;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const v = data[row + x];
      if (v >= BAR) bright++;
      else if (v <= INK) ink++;
    }
    // A margin is bright but for a stray pixel or two (a comma's tail); a short line of small text still
    // leaves 90 % of its rows bright, so those are glyph rows.
    if (bright + 2 >= width) kind[y] = 1;
    else if (bright >= 0.3 * width && bright + ink >= 0.8 * width) kind[y] = 2;
  }
  const out: Rect[] = [];
  for (let y = 0; y < height; ) {
    if (kind[y] !== 2) {
      y++;
      continue;
    }
    let end = y;
    while (end + 1 < height && kind[end + 1] === 2) end++;
    const framed = (y === 0 || kind[y - 1] === 1) && (end === height - 1 || kind[end + 1] === 1);
    const h = end - y + 1;
    if (framed && h >= 4 && h <= 70) {
      const line = inkOnBar(gray, y, end);
      if (line) out.push(line);
    }
    y = end + 1;
  }
  return out;
}

/** The inked extent of a bar's glyph rows when it looks like strokes (not a solid block); else undefined. */
function inkOnBar(gray: Gray, y0: number, y1: number): Rect | undefined {
  const { width, data } = gray;
  const columns = new Uint16Array(width);
  let ink = 0;
  for (let y = y0; y <= y1; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (data[row + x] > INK) continue;
      columns[x]++;
      ink++;
    }
  }
  const h = y1 - y0 + 1;
  let runs = 0;
  let x0 = width;
  let x1 = -1;
  for (let x = 0; x < width; ) {
    if (!columns[x]) {
      x++;
      continue;
    }
    let e = x;
    while (e + 1 < width && columns[e + 1]) e++;
    runs++;
    if (x < x0) x0 = x;
    if (e > x1) x1 = e;
    x = e + 1;
  }
  const w = x1 - x0 + 1;
  // Two words or more, or one at least three glyphs wide; strokes, not a block of dark (8 px glyphs are mostly ink).
  if (runs === 0 || (runs < 2 && w < 3 * h)) return undefined;
  if (ink > 0.85 * w * h) return undefined;
  return { x: x0, y: y0, width: w, height: h };
}
