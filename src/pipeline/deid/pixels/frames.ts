// Splitting Pixel Data into frames: native (frames back to back) and encapsulated (PS3.5 A.4: a Basic Offset
// Table item, then fragments; a frame is one or more fragments).
import type { DicomElement } from '../../../dicom/dataset.js';
import { ITEM, SEQUENCE_DELIMITER } from '../../../dicom/tag.js';
import { frameBytes, type PixelModule } from './pixel-module.js';

export class PixelDataError extends Error {}

/** The encoded bytes of each frame of encapsulated pixel data. */
export function encapsulatedFrames(buf: Buffer, el: DicomElement, frames: number): Buffer[] {
  const items: Buffer[] = [];
  const starts: number[] = [];
  let pos = el.valueOffset;
  while (pos + 8 <= el.end) {
    const tag = ((buf.readUInt16LE(pos) << 16) | buf.readUInt16LE(pos + 2)) >>> 0;
    const length = buf.readUInt32LE(pos + 4);
    if (tag === SEQUENCE_DELIMITER) break;
    if (tag !== ITEM) throw new PixelDataError('bad item in encapsulated pixel data');
    starts.push(pos);
    items.push(buf.subarray(pos + 8, pos + 8 + length));
    pos += 8 + length;
  }
  if (items.length === 0) throw new PixelDataError('encapsulated pixel data without a Basic Offset Table item');
  const table = items[0];
  const fragments = items.slice(1);
  if (fragments.length === 0) throw new PixelDataError('encapsulated pixel data without fragments');
  if (frames === 1) return [fragments.length === 1 ? fragments[0] : Buffer.concat(fragments)];
  if (fragments.length === frames) return fragments;
  if (table.length >= 4 * frames) {
    // Offsets count from the first byte of the first fragment's item header.
    const base = starts[1];
    const offsets = Array.from({ length: frames }, (_, i) => table.readUInt32LE(4 * i));
    const out: Buffer[] = [];
    for (let f = 0; f < frames; f++) {
      const from = base + offsets[f];
      const to = f + 1 < frames ? base + offsets[f + 1] : Infinity;
      const parts = fragments.filter((_, i) => starts[i + 1] >= from && starts[i + 1] < to);
      out.push(Buffer.concat(parts));
    }
    return out;
  }
  // No table and several fragments per frame: a new frame starts where a fragment starts with a codestream
  // start marker (JPEG/JPEG-LS SOI FFD8, JPEG 2000 SOC FF4F).
  const out: Buffer[][] = [];
  for (const fragment of fragments) {
    const starts = fragment[0] === 0xff && (fragment[1] === 0xd8 || fragment[1] === 0x4f);
    if (starts || out.length === 0) out.push([fragment]);
    else out[out.length - 1].push(fragment);
  }
  if (out.length !== frames) throw new PixelDataError(`found ${out.length} frames in encapsulated pixel data, expected ${frames}`);
  return out.map((parts) => Buffer.concat(parts));
}

/** The bytes of each native frame (1-bit frames need not start on a byte: see unpackBits). */
export function nativeFrames(value: Buffer, m: PixelModule): Buffer[] {
  const size = frameBytes(m);
  if (m.bitsAllocated === 1) {
    const total = Math.ceil((m.rows * m.columns * m.frames) / 8);
    if (value.length < total) throw new PixelDataError(`pixel data holds ${value.length} bytes, ${total} expected`);
    return [value.subarray(0, total)];
  }
  if (value.length < size * m.frames) throw new PixelDataError(`pixel data holds ${value.length} bytes, ${size * m.frames} expected for ${m.frames} frame(s)`);
  return Array.from({ length: m.frames }, (_, i) => value.subarray(i * size, (i + 1) * size));
}

/** Encapsulated pixel data value: an empty Basic Offset Table, then one fragment per frame (even lengths). */
export function encapsulate(frames: Uint8Array[]): Buffer[] {
  const out: Buffer[] = [];
  const header = (length: number) => {
    const h = Buffer.alloc(8);
    h.writeUInt16LE(0xfffe, 0);
    h.writeUInt16LE(0xe000, 2);
    h.writeUInt32LE(length, 4);
    return h;
  };
  // A Basic Offset Table with the offsets, so readers can seek to a frame.
  const table = Buffer.alloc(frames.length > 1 ? 4 * frames.length : 0);
  let offset = 0;
  frames.forEach((f, i) => {
    if (table.length) table.writeUInt32LE(offset, 4 * i);
    offset += 8 + f.length + (f.length % 2);
  });
  out.push(header(table.length), table);
  for (const f of frames) {
    out.push(header(f.length + (f.length % 2)), Buffer.from(f.buffer, f.byteOffset, f.byteLength));
    if (f.length % 2) out.push(Buffer.alloc(1));
  }
  const end = Buffer.alloc(8);
  end.writeUInt16LE(0xfffe, 0);
  end.writeUInt16LE(0xe0dd, 2);
  out.push(end);
  return out;
}
