// A DICOM parser that records, for every element, its tag, VR, header and value offsets and its nesting, so
// that a writer can keep untouched bytes verbatim. Handles Part-10 files and bare datasets; explicit and
// implicit VR little endian, explicit big endian, deflate (inflated first), defined and undefined lengths,
// UN-encoded sequences, and encapsulated pixel data (skipped over as raw bytes).
//
// Why not dicom-parser (already a dependency, used by the receiver's indexer): it does not report where an
// element's header starts, guesses implicit-VR sequences by peeking instead of using a dictionary, keeps no
// VR for implicit files (the de-identifier's safety nets are VR-driven) and does not parse UN sequences.
import { inflateRawSync } from 'node:zlib';
import { UNDEFINED_LENGTH, type Dataset, type DicomElement, type DicomItem } from './dataset.js';
import { dictionaryVr } from './dictionary.js';
import { ITEM, ITEM_DELIMITER, PIXEL_DATA, SEQUENCE_DELIMITER, formatTag } from './tag.js';
import { EXPLICIT_VR_LE, IMPLICIT_LE, isDeflated, syntaxOf, type Syntax, EXPLICIT_LE, EXPLICIT_BE, IMPLICIT_VR_LE, EXPLICIT_VR_BE } from './transfer-syntax.js';
import { hasLongHeader, isValidVrCode } from './vr.js';

export class DicomParseError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} (at byte ${offset})`);
  }
}

export interface ParsedDicom {
  /** The bytes the dataset's offsets point into: the file itself, or the inflated body of a deflated file. */
  buffer: Buffer;
  /** File meta elements (group 0002) with offsets into `metaBuffer`; empty for a bare dataset. */
  meta: DicomElement[];
  metaBuffer: Buffer;
  /** The transfer syntax the file declares, or the one guessed for a bare dataset. */
  transferSyntaxUid: string;
  /** True when the syntax was guessed (no meta, or meta without 0002,0010). */
  transferSyntaxGuessed: boolean;
  dataset: Dataset;
  datasetStart: number;
}

const UNDEFINED = 0xffffffff;

class Parser {
  constructor(readonly buf: Buffer) {}

  u16(pos: number, le: boolean): number {
    return le ? this.buf[pos] | (this.buf[pos + 1] << 8) : (this.buf[pos] << 8) | this.buf[pos + 1];
  }

  u32(pos: number, le: boolean): number {
    return le ? this.buf.readUInt32LE(pos) : this.buf.readUInt32BE(pos);
  }

  tag(pos: number, le: boolean): number {
    return ((this.u16(pos, le) << 16) | this.u16(pos + 2, le)) >>> 0;
  }

  /** Parses elements from `pos` up to `limit`, or up to an item delimiter when `delimited`. Returns the end. */
  elements(dataset: Dataset, pos: number, limit: number, delimited: boolean, stopAtGroup?: number): number {
    const { buf } = this;
    const { explicit, littleEndian: le } = dataset.syntax;
    while (pos < limit) {
      if (pos + 8 > limit) {
        if (!delimited && allZero(buf, pos, limit)) return limit; // trailing padding after the last element
        throw new DicomParseError('truncated element header', pos);
      }
      const tag = this.tag(pos, le);
      if (stopAtGroup !== undefined && tag >>> 16 !== stopAtGroup) return pos;
      if (tag === ITEM_DELIMITER) {
        if (!delimited) throw new DicomParseError('item delimiter outside an undefined-length item', pos);
        return pos + 8;
      }
      if (tag === ITEM || tag === SEQUENCE_DELIMITER) throw new DicomParseError(`unexpected ${formatTag(tag)} in a dataset`, pos);
      if (tag === 0 && !delimited && allZero(buf, pos, limit)) return limit;
      let vr: string;
      let rawLength: number;
      let valueOffset: number;
      if (explicit) {
        const a = buf[pos + 4];
        const b = buf[pos + 5];
        if (!isValidVrCode(a, b)) throw new DicomParseError(`invalid VR bytes ${a},${b} for ${formatTag(tag)}`, pos);
        vr = String.fromCharCode(a, b);
        if (hasLongHeader(vr)) {
          if (pos + 12 > limit) throw new DicomParseError('truncated element header', pos);
          rawLength = this.u32(pos + 8, le);
          valueOffset = pos + 12;
        } else {
          rawLength = this.u16(pos + 6, le);
          valueOffset = pos + 8;
        }
      } else {
        vr = dictionaryVr(tag) ?? 'UN';
        rawLength = this.u32(pos + 4, le);
        valueOffset = pos + 8;
      }
      const element: DicomElement = { tag, vr, start: pos, valueOffset, length: rawLength === UNDEFINED ? UNDEFINED_LENGTH : rawLength, end: 0 };
      if (rawLength === UNDEFINED) {
        if (tag === PIXEL_DATA) {
          element.encapsulated = true;
          element.end = this.fragments(valueOffset, limit, le);
        } else if (vr === 'SQ' || vr === 'UN' || !explicit) {
          // UN with undefined length is a sequence encoded as implicit VR little endian (PS3.5 6.2.2).
          if (vr !== 'SQ' && explicit) element.vr = 'UN';
          else element.vr = 'SQ';
          const itemSyntax = vr === 'SQ' || !explicit ? dataset.syntax : IMPLICIT_LE;
          element.end = this.items(element, dataset, itemSyntax, valueOffset, limit, true);
        } else {
          throw new DicomParseError(`undefined length for ${vr} element ${formatTag(tag)}`, pos);
        }
      } else {
        const end = valueOffset + rawLength;
        if (end > limit) throw new DicomParseError(`value of ${formatTag(tag)} runs past the end (${rawLength} bytes)`, pos);
        element.end = end;
        if (vr === 'SQ') {
          this.items(element, dataset, dataset.syntax, valueOffset, end, false);
        } else if (vr === 'UN' && rawLength > 0 && dictionaryVr(tag) === 'SQ') {
          this.tryUnSequence(element, dataset, end);
        }
      }
      dataset.elements.push(element);
      pos = element.end;
    }
    if (delimited) throw new DicomParseError('undefined-length item without a delimiter', pos);
    return pos;
  }

  /** A defined-length UN whose dictionary VR is SQ holds implicit-VR LE items; keep raw bytes if it does not parse. */
  tryUnSequence(element: DicomElement, dataset: Dataset, end: number): void {
    try {
      this.items(element, dataset, IMPLICIT_LE, element.valueOffset, end, false);
    } catch {
      element.items = undefined;
    }
  }

  items(element: DicomElement, parent: Dataset, syntax: Syntax, pos: number, limit: number, delimited: boolean): number {
    const le = syntax.littleEndian;
    const items: DicomItem[] = [];
    element.items = items;
    while (true) {
      if (!delimited && pos >= limit) return pos;
      if (pos + 8 > limit) throw new DicomParseError(`truncated sequence ${formatTag(element.tag)}`, pos);
      const tag = this.tag(pos, le);
      const rawLength = this.u32(pos + 4, le);
      if (tag === SEQUENCE_DELIMITER) {
        if (!delimited) throw new DicomParseError('sequence delimiter in a defined-length sequence', pos);
        return pos + 8;
      }
      if (tag !== ITEM) throw new DicomParseError(`expected an item in ${formatTag(element.tag)}, found ${formatTag(tag)}`, pos);
      const dataset: Dataset = { elements: [], syntax, parent: { dataset: parent, element, index: items.length } };
      const item: DicomItem = { start: pos, valueOffset: pos + 8, length: rawLength === UNDEFINED ? UNDEFINED_LENGTH : rawLength, end: 0, dataset };
      if (rawLength === UNDEFINED) {
        item.end = this.elements(dataset, pos + 8, limit, true);
      } else {
        item.end = pos + 8 + rawLength;
        if (item.end > limit) throw new DicomParseError(`item of ${formatTag(element.tag)} runs past its sequence`, pos);
        this.elements(dataset, pos + 8, item.end, false);
      }
      items.push(item);
      pos = item.end;
    }
  }

  /** Skips the fragments of encapsulated pixel data; returns the offset after the sequence delimiter. */
  fragments(pos: number, limit: number, le: boolean): number {
    while (pos + 8 <= limit) {
      const tag = this.tag(pos, le);
      const length = this.u32(pos + 4, le);
      if (tag === SEQUENCE_DELIMITER) return pos + 8;
      if (tag !== ITEM || length === UNDEFINED) throw new DicomParseError('bad fragment in encapsulated pixel data', pos);
      pos += 8 + length;
    }
    throw new DicomParseError('encapsulated pixel data without a sequence delimiter', pos);
  }
}

function allZero(buf: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (buf[i] !== 0) return false;
  return true;
}

/** Parses a bare dataset (no preamble, no meta) in a known syntax. */
export function parseDataset(bytes: Uint8Array, syntax: Syntax, start = 0, end = bytes.length): Dataset {
  const buf = toBuffer(bytes);
  const dataset: Dataset = { elements: [], syntax };
  new Parser(buf).elements(dataset, start, end, false);
  return dataset;
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function hasPreamble(buf: Uint8Array): boolean {
  return buf.length >= 132 && buf[128] === 0x44 && buf[129] === 0x49 && buf[130] === 0x43 && buf[131] === 0x4d;
}

/** Guesses the encoding of a dataset from its first element header (bare datasets, meta without 0002,0010). */
export function guessSyntax(buf: Buffer, pos: number): string {
  if (pos + 8 > buf.length) throw new DicomParseError('too short to be DICOM', pos);
  const explicitVr = isValidVrCode(buf[pos + 4], buf[pos + 5]);
  const bigEndian = buf[pos] === 0 && buf[pos + 1] !== 0;
  if (bigEndian) return explicitVr ? EXPLICIT_VR_BE : IMPLICIT_VR_LE;
  return explicitVr ? EXPLICIT_VR_LE : IMPLICIT_VR_LE;
}

/** A plausible first tag of a bare dataset: group 0002..0008 with a small element number. */
function looksLikeBareDataset(buf: Buffer): boolean {
  if (buf.length < 8) return false;
  const le = buf[0] | (buf[1] << 8);
  const be = (buf[0] << 8) | buf[1];
  return (le >= 2 && le <= 8) || (be >= 2 && be <= 8);
}

/** True when the bytes are worth handing to parseDicom (a Part-10 file or a plausible bare dataset). */
export function looksLikeDicom(bytes: Uint8Array): boolean {
  const buf = toBuffer(bytes);
  return hasPreamble(buf) || looksLikeBareDataset(buf);
}

export function metaString(parsed: Pick<ParsedDicom, 'meta' | 'metaBuffer'>, tag: number): string | undefined {
  const el = parsed.meta.find((e) => e.tag === tag);
  if (!el) return undefined;
  return parsed.metaBuffer.toString('latin1', el.valueOffset, el.valueOffset + el.length).replace(/[\0 ]+$/, '');
}

/** Parses a Part-10 file (with or without preamble) or a bare dataset. Throws DicomParseError. */
export function parseDicom(bytes: Uint8Array): ParsedDicom {
  const file = toBuffer(bytes);
  let pos = hasPreamble(file) ? 132 : 0;
  const parser = new Parser(file);
  const metaSet: Dataset = { elements: [], syntax: EXPLICIT_LE };
  if (pos + 8 <= file.length && file[pos] === 0x02 && file[pos + 1] === 0x00) {
    pos = parser.elements(metaSet, pos, file.length, false, 0x0002);
  } else if (pos === 132) {
    throw new DicomParseError('DICM preamble without a file meta group', pos);
  } else if (!looksLikeBareDataset(file)) {
    throw new DicomParseError('not a DICOM file (no DICM preamble and no plausible dataset start)', 0);
  }
  const parsedMeta = { meta: metaSet.elements, metaBuffer: file };
  const declared = metaString(parsedMeta, 0x00020010);
  const transferSyntaxUid = declared || guessSyntax(file, pos);
  let buffer = file;
  let datasetStart = pos;
  if (isDeflated(transferSyntaxUid)) {
    try {
      buffer = inflateRawSync(file.subarray(pos));
    } catch (err) {
      throw new DicomParseError(`deflated dataset does not inflate: ${(err as Error).message}`, pos);
    }
    datasetStart = 0;
  }
  let syntax = syntaxOf(transferSyntaxUid);
  if (!declared && transferSyntaxUid === EXPLICIT_VR_BE) syntax = EXPLICIT_BE;
  const dataset: Dataset = { elements: [], syntax };
  new Parser(buffer).elements(dataset, datasetStart, buffer.length, false);
  return { buffer, meta: metaSet.elements, metaBuffer: file, transferSyntaxUid, transferSyntaxGuessed: !declared, dataset, datasetStart };
}
