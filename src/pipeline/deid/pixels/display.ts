// A frame as 8-bit gray for looking at it: screening, OCR and the review page. Grey levels map linearly from
// the frame's darkest to its brightest stored value (text is drawn at or near an extreme); MONOCHROME1 is
// inverted so bright always means bright on screen; colour becomes its brightest channel, so coloured text
// (yellow, green, red annotations) stays bright.
import type { PixelModule } from './pixel-module.js';
import type { Frame } from './samples.js';

export interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

function ybrToRgb(y: number, cb: number, cr: number): [number, number, number] {
  const r = y + 1.402 * (cr - 128);
  const g = y - 0.344136 * (cb - 128) - 0.714136 * (cr - 128);
  const b = y + 1.772 * (cb - 128);
  const c = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));
  return [c(r), c(g), c(b)];
}

/** Colour frames as RGB values (YBR_FULL/YBR_FULL_422 converted, palette looked up, 8-bit scaled). */
export function rgbOf(frame: Frame, m: PixelModule): Uint8Array {
  const n = frame.width * frame.height;
  const out = new Uint8Array(n * 3);
  if (m.photometric === 'PALETTE COLOR' && m.palette) {
    const p = m.palette;
    const shift = p.bits > 8 ? p.bits - 8 : 0;
    const last = p.red.length - 1;
    for (let i = 0; i < n; i++) {
      const k = Math.min(last, Math.max(0, frame.data[i] - p.first));
      out[3 * i] = p.red[k] >> shift;
      out[3 * i + 1] = p.green[k] >> shift;
      out[3 * i + 2] = p.blue[k] >> shift;
    }
    return out;
  }
  const ybr = m.photometric.startsWith('YBR_FULL');
  for (let i = 0; i < n; i++) {
    const a = frame.data[3 * i];
    const b = frame.data[3 * i + 1];
    const c = frame.data[3 * i + 2];
    if (ybr) out.set(ybrToRgb(a, b, c), 3 * i);
    else {
      out[3 * i] = a;
      out[3 * i + 1] = b;
      out[3 * i + 2] = c;
    }
  }
  return out;
}

export function toGray(frame: Frame, m: PixelModule): Gray {
  const n = frame.width * frame.height;
  const out = new Uint8Array(n);
  // A palette Fiona could not expand (segmented tables) is looked at as grey indices.
  if (frame.samples === 3 || (m.photometric === 'PALETTE COLOR' && m.palette)) {
    const rgb = rgbOf(frame, m);
    for (let i = 0; i < n; i++) {
      const r = rgb[3 * i];
      const g = rgb[3 * i + 1];
      const b = rgb[3 * i + 2];
      out[i] = r > g ? (r > b ? r : b) : g > b ? g : b;
    }
    return { width: frame.width, height: frame.height, data: out };
  }
  const d = frame.data;
  const padding = m.paddingValue;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = d[i];
    if (v === padding) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(max > min)) return { width: frame.width, height: frame.height, data: out };
  const scale = 255 / (max - min);
  const invert = m.photometric === 'MONOCHROME1';
  for (let i = 0; i < n; i++) {
    const v = d[i] === padding ? (invert ? max : min) : d[i];
    const g = Math.round((v - min) * scale);
    out[i] = invert ? 255 - g : g;
  }
  return { width: frame.width, height: frame.height, data: out };
}

/** Colour saturation (max - min channel) above which a pixel counts as coloured. */
const COLOURED = 48;

/**
 * The grey views a frame is screened and read in. Grey frames have one. A colour frame with saturated
 * colour has two: its brightest channel (yellow, green or red text on a dark or grey image stays bright)
 * and its darkest channel (white text on a saturated red or blue bar, which the brightest channel shows
 * as white on white). Measured on the generated 100-pixel RGB secondary captures, whose text on coloured
 * bands the brightest channel alone hid completely.
 */
export function grayViews(frame: Frame, m: PixelModule): Gray[] {
  if (frame.samples !== 3 && !(m.photometric === 'PALETTE COLOR' && m.palette)) return [toGray(frame, m)];
  // Both views from one colour conversion (toGray would convert a second time).
  const rgb = rgbOf(frame, m);
  const n = frame.width * frame.height;
  const bright = new Uint8Array(n);
  const dark = new Uint8Array(n);
  let coloured = 0;
  for (let i = 0; i < n; i++) {
    const r = rgb[3 * i];
    const g = rgb[3 * i + 1];
    const b = rgb[3 * i + 2];
    const max = r > g ? (r > b ? r : b) : g > b ? g : b;
    const min = r < g ? (r < b ? r : b) : g < b ? g : b;
    bright[i] = max;
    dark[i] = min;
    if (max - min > COLOURED) coloured++;
  }
  const view = (data: Uint8Array): Gray => ({ width: frame.width, height: frame.height, data });
  // A few coloured pixels (a cursor, a small colour bar) hide no text; a coloured area can.
  return coloured > n / 200 ? [view(bright), view(dark)] : [view(bright)];
}
