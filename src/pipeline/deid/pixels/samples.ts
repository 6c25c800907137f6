// A decoded frame: stored values, samples interleaved (RGBRGB…), one Int32 per sample, whatever the source
// layout. Everything after decoding (display, screening, masking, encoding) works on this one shape.
import type { PixelModule } from './pixel-module.js';

export interface Frame {
  width: number;
  height: number;
  samples: number;
  data: Int32Array;
}

/** Reads stored values from native bytes (bits above BitsStored dropped, sign extended when signed). */
export function fromNative(bytes: Uint8Array, m: PixelModule, littleEndian: boolean, bitOffset = 0): Frame {
  const n = m.rows * m.columns;
  const spp = m.samplesPerPixel;
  const data = new Int32Array(n * spp);
  const signed = m.pixelRepresentation === 1;
  const shift = Math.max(0, m.highBit + 1 - m.bitsStored);
  const mask = m.bitsStored >= 32 ? 0xffffffff : 2 ** m.bitsStored - 1;
  const signBit = 2 ** (m.bitsStored - 1);
  const fast = fastPath(bytes, m, littleEndian, data, shift, mask, signBit);
  if (fast) return { width: m.columns, height: m.rows, samples: spp, data };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = (i: number): number => {
    switch (m.bitsAllocated) {
      case 1: {
        const bit = bitOffset + i;
        return (bytes[bit >> 3] >> (bit & 7)) & 1;
      }
      case 8:
        return bytes[i];
      case 16:
        return view.getUint16(2 * i, littleEndian);
      case 32:
        return view.getUint32(4 * i, littleEndian);
      default:
        throw new Error(`BitsAllocated ${m.bitsAllocated} is not supported`);
    }
  };
  for (let p = 0; p < n; p++) {
    for (let s = 0; s < spp; s++) {
      const source = m.planarConfiguration === 1 ? s * n + p : p * spp + s;
      let v = m.bitsAllocated === 1 ? read(source) : (read(source) / 2 ** shift) & mask;
      if (m.bitsAllocated !== 1 && mask === 0xffffffff) v = read(source) >>> 0;
      if (signed && v >= signBit) v -= 2 * signBit;
      data[p * spp + s] = v;
    }
  }
  return { width: m.columns, height: m.rows, samples: spp, data };
}

/** Writes stored values as native bytes in the module's layout (little endian). */
export function toNative(frame: Frame, m: PixelModule, planar = m.planarConfiguration): Buffer {
  const n = frame.width * frame.height;
  const spp = frame.samples;
  const bytesPer = m.bitsAllocated / 8;
  const out = Buffer.alloc(n * spp * bytesPer);
  const mask = m.bitsAllocated >= 32 ? 0xffffffff : 2 ** m.bitsAllocated - 1;
  for (let p = 0; p < n; p++) {
    for (let s = 0; s < spp; s++) {
      const target = planar === 1 ? s * n + p : p * spp + s;
      const v = frame.data[p * spp + s] & mask;
      if (bytesPer === 1) out[target] = v;
      else if (bytesPer === 2) out.writeUInt16LE(v & 0xffff, 2 * target);
      else out.writeUInt32LE(v >>> 0, 4 * target);
    }
  }
  return out;
}

export function cloneFrame(frame: Frame): Frame {
  return { ...frame, data: new Int32Array(frame.data) };
}

/** The common layouts (8 or 16 bits, little endian, interleaved) without per-sample dispatch. */
function fastPath(bytes: Uint8Array, m: PixelModule, littleEndian: boolean, data: Int32Array, shift: number, mask: number, signBit: number): boolean {
  if (m.planarConfiguration === 1 && m.samplesPerPixel > 1) return false;
  const signed = m.pixelRepresentation === 1;
  if (m.bitsAllocated === 8) {
    for (let i = 0; i < data.length; i++) {
      let v = (bytes[i] >> shift) & mask;
      if (signed && v >= signBit) v -= 2 * signBit;
      data[i] = v;
    }
    return true;
  }
  if (m.bitsAllocated === 16 && littleEndian) {
    const even = bytes.byteOffset % 2 === 0;
    const words = even ? new Uint16Array(bytes.buffer, bytes.byteOffset, data.length) : new Uint16Array(new Uint8Array(bytes.subarray(0, data.length * 2)).buffer);
    if (!signed && shift === 0 && mask === 0xffff) {
      data.set(words);
      return true;
    }
    for (let i = 0; i < data.length; i++) {
      let v = (words[i] >> shift) & mask;
      if (signed && v >= signBit) v -= 2 * signBit;
      data[i] = v;
    }
    return true;
  }
  return false;
}
