// Filling rectangles with the value that hides text, in decoded frames and in native pixel bytes. Native
// bytes are masked in place, so every byte outside the rectangles stays exactly as it was.
import type { Frame } from './samples.js';
import { clip, type Rect } from './geometry.js';
import type { PixelModule } from './pixel-module.js';

export function maskFrame(frame: Frame, rects: Rect[], fill: number[]): number {
  let pixels = 0;
  for (const r0 of rects) {
    const r = clip(r0, frame.width, frame.height);
    if (!r) continue;
    for (let y = r.y; y < r.y + r.height; y++) {
      for (let x = r.x; x < r.x + r.width; x++) {
        const i = (y * frame.width + x) * frame.samples;
        for (let s = 0; s < frame.samples; s++) frame.data[i + s] = fill[s] ?? fill[0];
        pixels++;
      }
    }
  }
  return pixels;
}

/** Masks one native frame's bytes in place (8/16/32 bits, either byte order, either planar layout). */
export function maskNative(bytes: Buffer, m: PixelModule, littleEndian: boolean, rects: Rect[], fill: number[], bitOffset = 0): void {
  const n = m.rows * m.columns;
  const spp = m.samplesPerPixel;
  for (const r0 of rects) {
    const r = clip(r0, m.columns, m.rows);
    if (!r) continue;
    for (let y = r.y; y < r.y + r.height; y++) {
      for (let x = r.x; x < r.x + r.width; x++) {
        const p = y * m.columns + x;
        for (let s = 0; s < spp; s++) {
          const i = m.planarConfiguration === 1 ? s * n + p : p * spp + s;
          const v = fill[s] ?? fill[0];
          switch (m.bitsAllocated) {
            case 1: {
              const bit = bitOffset + i;
              if (v) bytes[bit >> 3] |= 1 << (bit & 7);
              else bytes[bit >> 3] &= ~(1 << (bit & 7));
              break;
            }
            case 8:
              bytes[i] = v & 0xff;
              break;
            case 16:
              if (littleEndian) bytes.writeUInt16LE(v & 0xffff, 2 * i);
              else bytes.writeUInt16BE(v & 0xffff, 2 * i);
              break;
            default:
              if (littleEndian) bytes.writeUInt32LE(v >>> 0, 4 * i);
              else bytes.writeUInt32BE(v >>> 0, 4 * i);
          }
        }
      }
    }
  }
}
