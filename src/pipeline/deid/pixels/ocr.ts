// The OCR port: grey images in, words with boxes and confidence out. The pixel stage asks for many small
// regions at once, so an engine can read them in one go (tesseract.ts lays them out on one strip).
import type { Gray } from './display.js';
import type { Rect } from './geometry.js';

export interface OcrWord {
  text: string;
  /** 0-100 as the engine reports it. */
  confidence: number;
  /** In the coordinates of the image it was read from. */
  box: Rect;
}

export interface OcrEngine {
  /** Reads each image; answers one word list per image, in order. */
  read(images: Gray[]): Promise<OcrWord[][]>;
}

export interface CropOptions {
  /** Binarise at the level the screen found the glyphs at (see below). */
  ink?: { level: number; bright: boolean };
  /**
   * A whole frame, not a text line: the polarity pile and the column flattening assume a crop whose rows
   * above and below the glyphs are background, which a frame of anatomy is not (flattened by its bone and
   * table, a CT's banner and an ultrasound's labels read worse or as residue).
   */
  whole?: boolean;
  /**
   * The polarity the screen found the line's glyphs in (bright ink or dark): decides when the crop's own
   * grey piles do not (dark text over a gradient has a pile at both ends, see brightText).
   */
  brightInk?: boolean;
}

/**
 * A region of a frame cut out for OCR: contrast stretched, text made dark on light, small glyphs enlarged.
 * With `ink`, black where the (enlarged) grey is past the level the screen found the glyphs at and white
 * elsewhere: text drawn at the extreme over tissue just short of it, which a stretch leaves grey on grey.
 */
export function cropForOcr(gray: Gray, r: Rect, targetHeight = 40, options: CropOptions = {}): { image: Gray; scale: number; origin: Rect } {
  const { ink, whole = false, brightInk } = options;
  const pad = Math.max(3, Math.round(r.height * 0.35));
  const x0 = Math.max(0, r.x - pad);
  const y0 = Math.max(0, r.y - pad);
  const x1 = Math.min(gray.width, r.x + r.width + pad);
  const y1 = Math.min(gray.height, r.y + r.height + pad);
  const w = x1 - x0;
  const h = y1 - y0;
  // Tesseract reads best with an x-height of roughly 20-30 px: enlarge small text, never shrink.
  const scale = Math.max(1, Math.min(6, targetHeight / Math.max(1, r.height)));
  const W = Math.max(1, Math.round(w * scale));
  const H = Math.max(1, Math.round(h * scale));
  let min = 255;
  let max = 0;
  let sum = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const v = gray.data[y * gray.width + x];
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    }
  }
  // Small text keeps the minority rule it was tuned with (bench:pixels, 8-15 px lines): taking the screen's
  // polarity there made texture at a magnified MR's edge read as identity (clean large set, 2 of 164 changed).
  const invert = !whole && r.height >= SMALL_TEXT ? brightText(gray, x0, y0, x1, y1, min, max, sum / (w * h), brightInk) : sum / (w * h) < (min + max) / 2;
  const range = Math.max(1, max - min);
  // Only the glyphs' side of the background: see glyphSide.
  const [low, high] = !whole && !ink && brightInk !== undefined && invert === brightInk ? glyphSide(gray, x0, y0, x1, y1, min, max, brightInk) : [min, max];
  const out = new Uint8Array(W * H);
  // Bilinear enlargement: blocky nearest-neighbour glyphs read worse than smooth ones.
  const at = (x: number, y: number) => gray.data[(y0 + y) * gray.width + x0 + x];
  for (let Y = 0; Y < H; Y++) {
    const fy = Math.max(0, Math.min(h - 1, (Y + 0.5) / scale - 0.5));
    const ya = Math.floor(fy);
    const yb = Math.min(h - 1, ya + 1);
    const ty = fy - ya;
    for (let X = 0; X < W; X++) {
      const fx = Math.max(0, Math.min(w - 1, (X + 0.5) / scale - 0.5));
      const xa = Math.floor(fx);
      const xb = Math.min(w - 1, xa + 1);
      const tx = fx - xa;
      const v = (at(xa, ya) * (1 - tx) + at(xb, ya) * tx) * (1 - ty) + (at(xa, yb) * (1 - tx) + at(xb, yb) * tx) * ty;
      if (ink) {
        out[Y * W + X] = (ink.bright ? v >= ink.level : v <= ink.level) ? 0 : 255;
        continue;
      }
      const g = ((Math.min(high, Math.max(low, v)) - min) * 255) / range;
      out[Y * W + X] = invert ? 255 - g : g;
    }
  }
  if (!ink) {
    if (r.height < SMALL_TEXT) binarise(out);
    else if (!whole) flattenColumns(out, W, H);
  }
  return { image: { width: W, height: H, data: out }, scale, origin: { x: x0, y: y0, width: w, height: h } };
}

/**
 * The grey span a line's crop keeps when the text's polarity is known: from the background (the crop's
 * median: glyphs are a minority of a line's box) to the glyphs' extreme, the other side clipped to the
 * background. A shadow or outline drawn around white text (dark, offset by a pixel or two) then vanishes
 * into the background instead of reading as a second, hollow glyph; so does tissue darker than the
 * background behind white text, or brighter behind dark text. The stretch stays the crop's whole range:
 * stretched from the median, texture behind a line of noise read as words (an EPI mosaic's edge).
 */
function glyphSide(gray: Gray, x0: number, y0: number, x1: number, y1: number, min: number, max: number, bright: boolean): [number, number] {
  const histogram = new Uint32Array(256);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) histogram[gray.data[y * gray.width + x]]++;
  const half = ((x1 - x0) * (y1 - y0)) / 2;
  let median = 0;
  for (let seen = 0; median < 255; median++) if ((seen += histogram[median]) >= half) break;
  return bright ? [median, max] : [min, median];
}

/**
 * Whether the crop's text is the bright one (to be inverted to dark on light). Text is drawn at an extreme
 * value, so it shows as a pile of pixels at the crop's maximum or minimum that is a minority of the crop
 * (1-45 %); a background at an extreme (black air, a white bar) is the majority, and a background that
 * only drifts towards an extreme (bright bone under white text) has hardly a pixel there. When that does
 * not decide (a pile at both ends, or none), the screen's polarity for the line decides when it has one;
 * else text is the minority: on a mostly dark crop it is bright.
 */
function brightText(gray: Gray, x0: number, y0: number, x1: number, y1: number, min: number, max: number, mean: number, brightInk?: boolean): boolean {
  const near = Math.max(2, (max - min) * 0.04);
  let low = 0;
  let high = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const v = gray.data[y * gray.width + x];
      if (v <= min + near) low++;
      else if (v >= max - near) high++;
    }
  }
  const n = (x1 - x0) * (y1 - y0);
  const textLike = (share: number) => share >= 0.01 && share <= 0.45;
  const lowText = textLike(low / n);
  const highText = textLike(high / n);
  if (highText && !lowText) return true;
  if (lowText && !highText) return false;
  return brightInk ?? mean < (min + max) / 2;
}

/**
 * Text over a radiograph's gradient (soft tissue darkening towards the skin line): tesseract's one global
 * threshold joins the background on the dark side to the dark glyphs. The crop's rows above and below the
 * glyphs are background, so each column's brightest value is its background level; dividing by it leaves
 * the glyphs dark on an even white. (Measured on vendor-style blocks over CR soft tissue, where 40 px lines
 * read as nothing before.)
 */
function flattenColumns(data: Uint8Array, width: number, height: number): void {
  const white = new Uint8Array(width);
  for (let x = 0; x < width; x++) {
    let m = 0;
    for (let y = 0; y < height; y++) if (data[y * width + x] > m) m = data[y * width + x];
    white[x] = m;
  }
  for (let x = 0; x < width; x++) {
    const level = Math.max(32, white[x]);
    for (let y = 0; y < height; y++) {
      const i = y * width + x;
      data[i] = Math.min(255, Math.round((data[i] * 255) / level));
    }
  }
}

/** Lines under this height (px) are made black and white after enlarging. */
const SMALL_TEXT = 16;

/**
 * Small text over tissue: once enlarged, its glyphs are dark (text is drawn at the extreme value) and the
 * tissue behind it a mid grey that tesseract's own threshold often joins to the glyphs. Cutting halfway
 * between the glyphs and the crop's median background separates them (measured on the 8-11 px words of
 * the generated set).
 */
function binarise(data: Uint8Array): void {
  const histogram = new Uint32Array(256);
  for (const v of data) histogram[v]++;
  let seen = 0;
  let median = 255;
  for (let v = 0; v < 256; v++) {
    seen += histogram[v];
    if (seen >= data.length / 2) {
      median = v;
      break;
    }
  }
  const cut = median / 2;
  for (let i = 0; i < data.length; i++) data[i] = data[i] < cut ? 0 : 255;
}

/** Maps a word box in a crop back to frame coordinates. */
export function toFrame(box: Rect, crop: { scale: number; origin: Rect }): Rect {
  return {
    x: crop.origin.x + box.x / crop.scale,
    y: crop.origin.y + box.y / crop.scale,
    width: box.width / crop.scale,
    height: box.height / crop.scale,
  };
}
