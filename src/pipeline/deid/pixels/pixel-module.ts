// The Image Pixel module of an instance (PS3.3 C.7.6.3): what a frame's bytes mean. Read once, used by the
// decoders, the display conversion, masking and the encoders.
import type { Dataset, DicomElement } from '../../../dicom/dataset.js';
import { PIXEL_DATA } from '../../../dicom/tag.js';
import { findElement, findText, rawValue } from '../../../dicom/values.js';

export interface PaletteLut {
  /** Entries as 16-bit values (8-bit tables are widened), first mapped pixel value, bits per entry. */
  red: Uint16Array;
  green: Uint16Array;
  blue: Uint16Array;
  first: number;
  bits: number;
}

export interface PixelModule {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  bitsStored: number;
  highBit: number;
  /** 1: two's complement signed samples. */
  pixelRepresentation: number;
  photometric: string;
  /** 1: colour-by-plane (RRR…GGG…BBB…). Only meaningful for samplesPerPixel > 1. */
  planarConfiguration: number;
  frames: number;
  paddingValue?: number;
  palette?: PaletteLut;
}

export const ROWS = 0x00280010;
export const COLUMNS = 0x00280011;
export const PHOTOMETRIC = 0x00280004;
export const PLANAR_CONFIGURATION = 0x00280006;
export const NUMBER_OF_FRAMES = 0x00280008;
export const BURNED_IN_ANNOTATION = 0x00280301;

function us(buf: Buffer, ds: Dataset, tag: number, le: boolean): number | undefined {
  const el = findElement(ds, tag);
  if (!el || el.length < 2) return undefined;
  return le ? buf.readUInt16LE(el.valueOffset) : buf.readUInt16BE(el.valueOffset);
}

function lutDescriptor(buf: Buffer, el: DicomElement | undefined, le: boolean): [number, number, number] | undefined {
  if (!el || el.length < 6) return undefined;
  const r = (i: number) => (le ? buf.readUInt16LE(el.valueOffset + 2 * i) : buf.readUInt16BE(el.valueOffset + 2 * i));
  return [r(0) === 0 ? 65536 : r(0), r(1), r(2)];
}

function lutData(buf: Buffer, el: DicomElement | undefined, count: number, bits: number, le: boolean): Uint16Array | undefined {
  if (!el || el.length <= 0) return undefined;
  const raw = rawValue(buf, el);
  const out = new Uint16Array(count);
  if (bits === 8 && raw.length >= count && raw.length < count * 2) {
    for (let i = 0; i < count; i++) out[i] = raw[i];
    return out;
  }
  if (raw.length < count * 2) return undefined; // segmented or short tables are not expanded here
  for (let i = 0; i < count; i++) out[i] = le ? raw.readUInt16LE(2 * i) : raw.readUInt16BE(2 * i);
  return out;
}

/** The pixel module of a parsed top-level dataset, or undefined when it has no (integer) Pixel Data. */
export function readPixelModule(buf: Buffer, root: Dataset): PixelModule | undefined {
  if (!findElement(root, PIXEL_DATA)) return undefined;
  const le = root.syntax.littleEndian;
  const rows = us(buf, root, ROWS, le);
  const columns = us(buf, root, COLUMNS, le);
  const bitsAllocated = us(buf, root, 0x00280100, le);
  if (!rows || !columns || !bitsAllocated) return undefined;
  const bitsStored = us(buf, root, 0x00280101, le) ?? bitsAllocated;
  const pixelRepresentation = us(buf, root, 0x00280103, le) ?? 0;
  const samplesPerPixel = us(buf, root, 0x00280002, le) ?? 1;
  const frames = Math.max(1, parseInt(findText(buf, root, NUMBER_OF_FRAMES) ?? '1', 10) || 1);
  const module: PixelModule = {
    rows,
    columns,
    samplesPerPixel,
    bitsAllocated,
    bitsStored,
    highBit: us(buf, root, 0x00280102, le) ?? bitsStored - 1,
    pixelRepresentation,
    photometric: (findText(buf, root, PHOTOMETRIC) ?? (samplesPerPixel === 3 ? 'RGB' : 'MONOCHROME2')).trim().toUpperCase(),
    planarConfiguration: samplesPerPixel > 1 ? (us(buf, root, PLANAR_CONFIGURATION, le) ?? 0) : 0,
    frames,
  };
  const padding = findElement(root, 0x00280120);
  if (padding && padding.length >= 2) {
    module.paddingValue = pixelRepresentation === 1 ? (le ? buf.readInt16LE(padding.valueOffset) : buf.readInt16BE(padding.valueOffset)) : le ? buf.readUInt16LE(padding.valueOffset) : buf.readUInt16BE(padding.valueOffset);
  }
  if (module.photometric === 'PALETTE COLOR') {
    const descriptor = lutDescriptor(buf, findElement(root, 0x00281101), le);
    if (descriptor) {
      const [count, first, bits] = descriptor;
      const red = lutData(buf, findElement(root, 0x00281201), count, bits, le);
      const green = lutData(buf, findElement(root, 0x00281202), count, bits, le);
      const blue = lutData(buf, findElement(root, 0x00281203), count, bits, le);
      if (red && green && blue) module.palette = { red, green, blue, first, bits };
    }
  }
  return module;
}

/** Bytes of one uncompressed frame (bit-packed 1-bit frames are rounded up; see frameBitOffset). */
export function frameBytes(m: PixelModule): number {
  return Math.ceil((m.rows * m.columns * m.samplesPerPixel * m.bitsAllocated) / 8);
}

export function isColor(m: PixelModule): boolean {
  return m.samplesPerPixel === 3;
}

/** The value that hides text: darkest for display (section 7), as a stored value. */
export function fillValue(m: PixelModule): number {
  if (m.paddingValue !== undefined && m.samplesPerPixel === 1 && m.photometric !== 'PALETTE COLOR') return m.paddingValue;
  const signed = m.pixelRepresentation === 1;
  const min = signed ? -(2 ** (m.bitsStored - 1)) : 0;
  const max = signed ? 2 ** (m.bitsStored - 1) - 1 : 2 ** m.bitsStored - 1;
  if (m.photometric === 'MONOCHROME1') return max;
  if (m.photometric === 'PALETTE COLOR' && m.palette) return darkestPaletteIndex(m.palette);
  return min;
}

function darkestPaletteIndex(p: PaletteLut): number {
  let best = 0;
  let bestSum = Infinity;
  for (let i = 0; i < p.red.length; i++) {
    const sum = p.red[i] + p.green[i] + p.blue[i];
    if (sum < bestSum) {
      bestSum = sum;
      best = i;
    }
  }
  return best + p.first;
}
