// DICOM RLE Lossless (PS3.5 Annex G): a 64-byte header of segment offsets, then one PackBits segment per
// byte plane (most significant byte first, per sample). Written here because it is 100 lines and the npm
// options bundle it inside whole image viewers (cornerstone's dicom-image-loader).
import type { Frame } from './samples.js';
import type { PixelModule } from './pixel-module.js';

function unpackBits(src: Uint8Array, start: number, end: number, out: Uint8Array): void {
  let i = start;
  let o = 0;
  while (i < end && o < out.length) {
    const n = (src[i++] << 24) >> 24;
    if (n >= 0) {
      const count = Math.min(n + 1, out.length - o, end - i);
      out.set(src.subarray(i, i + count), o);
      i += n + 1;
      o += count;
    } else if (n > -128) {
      const count = Math.min(1 - n, out.length - o);
      out.fill(src[i++], o, o + count);
      o += count;
    }
  }
}

export function decodeRle(encoded: Uint8Array, m: PixelModule): Frame {
  const view = new DataView(encoded.buffer, encoded.byteOffset, encoded.byteLength);
  const segments = view.getUint32(0, true);
  const bytesPer = m.bitsAllocated / 8;
  const spp = m.samplesPerPixel;
  if (segments !== bytesPer * spp) throw new Error(`RLE frame has ${segments} segments, expected ${bytesPer * spp}`);
  const n = m.rows * m.columns;
  const data = new Int32Array(n * spp);
  const plane = new Uint8Array(n);
  const signed = m.pixelRepresentation === 1;
  for (let s = 0; s < spp; s++) {
    for (let b = 0; b < bytesPer; b++) {
      const seg = s * bytesPer + b;
      const start = view.getUint32(4 + 4 * seg, true);
      const end = seg + 1 < segments ? view.getUint32(8 + 4 * seg, true) : encoded.length;
      plane.fill(0);
      unpackBits(encoded, start, end, plane);
      const shift = 8 * (bytesPer - 1 - b);
      if (shift < 24) for (let p = 0, i = s; p < n; p++, i += spp) data[i] |= plane[p] << shift;
      else for (let p = 0, i = s; p < n; p++, i += spp) data[i] += plane[p] * 2 ** shift;
    }
  }
  const shift = Math.max(0, m.highBit + 1 - m.bitsStored);
  const mask = 2 ** m.bitsStored - 1;
  const signBit = 2 ** (m.bitsStored - 1);
  if (bytesPer <= 2) {
    for (let i = 0; i < data.length; i++) {
      let v = (data[i] >> shift) & mask;
      if (signed && v >= signBit) v -= 2 * signBit;
      data[i] = v;
    }
  } else {
    for (let i = 0; i < data.length; i++) {
      let v = Math.floor((data[i] >>> 0) / 2 ** shift) % (mask + 1);
      if (signed && v >= signBit) v -= 2 * signBit;
      data[i] = v;
    }
  }
  return { width: m.columns, height: m.rows, samples: spp, data };
}

function packBits(row: Uint8Array, out: number[]): void {
  let i = 0;
  const n = row.length;
  while (i < n) {
    let run = 1;
    while (i + run < n && run < 128 && row[i + run] === row[i]) run++;
    if (run >= 3) {
      out.push(257 - run, row[i]);
      i += run;
      continue;
    }
    let lit = 0;
    while (i + lit < n && lit < 128) {
      if (i + lit + 2 < n && row[i + lit] === row[i + lit + 1] && row[i + lit] === row[i + lit + 2]) break;
      lit++;
    }
    out.push(lit - 1);
    for (let k = 0; k < lit; k++) out.push(row[i + k]);
    i += lit;
  }
}

export function encodeRle(frame: Frame, m: PixelModule): Buffer {
  const bytesPer = m.bitsAllocated / 8;
  const spp = frame.samples;
  const n = frame.width * frame.height;
  const segments: Buffer[] = [];
  const plane = new Uint8Array(frame.width);
  for (let s = 0; s < spp; s++) {
    for (let b = 0; b < bytesPer; b++) {
      const shift = 8 * (bytesPer - 1 - b);
      const bytes: number[] = [];
      // Each row is packed on its own (Annex G.3.1: runs do not cross rows).
      for (let y = 0; y < frame.height; y++) {
        for (let x = 0; x < frame.width; x++) plane[x] = Math.floor((frame.data[(y * frame.width + x) * spp + s] >>> 0) / 2 ** shift) & 0xff;
        packBits(plane, bytes);
      }
      if (bytes.length % 2) bytes.push(0x80); // no-op padding to an even segment length
      segments.push(Buffer.from(bytes));
    }
  }
  void n;
  const header = Buffer.alloc(64);
  header.writeUInt32LE(segments.length, 0);
  let offset = 64;
  segments.forEach((seg, i) => {
    header.writeUInt32LE(offset, 4 + 4 * i);
    offset += seg.length;
  });
  return Buffer.concat([header, ...segments]);
}
