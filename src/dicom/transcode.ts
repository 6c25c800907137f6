// Re-encodes an uncompressed dataset (implicit VR little endian, explicit VR big endian) as explicit VR
// little endian: the one syntax every SCP must accept, for a research PACS that refuses the original.
// Values are copied (byte-swapped where the source is big endian); only the element headers change.
// Compressed pixel data cannot be transcoded without decoding it, so those syntaxes are refused.
import type { Dataset, DicomElement } from './dataset.js';
import { UNDEFINED_LENGTH } from './dataset.js';
import { headerBytes, itemDelimiter, itemHeader, sequenceDelimiter, UNDEFINED } from './encode.js';
import { parseDataset } from './parse.js';
import { EXPLICIT_LE, EXPLICIT_VR_BE, EXPLICIT_VR_LE, IMPLICIT_VR_LE, syntaxOf } from './transfer-syntax.js';
import { hasLongHeader } from './vr.js';

/** Bytes per value unit that a big-endian source stores swapped. */
const SWAP_WIDTH: Record<string, number> = { US: 2, SS: 2, OW: 2, AT: 2, UL: 4, SL: 4, FL: 4, OF: 4, OL: 4, FD: 8, OD: 8, SV: 8, UV: 8, OV: 8 };

export function canTranscodeToExplicitLe(transferSyntaxUid: string): boolean {
  return transferSyntaxUid === IMPLICIT_VR_LE || transferSyntaxUid === EXPLICIT_VR_BE || transferSyntaxUid === EXPLICIT_VR_LE;
}

function swapped(value: Buffer, width: number): Buffer {
  const out = Buffer.from(value);
  if (width === 2) out.swap16();
  else if (width === 4) out.swap32();
  else out.swap64();
  return out;
}

function writeElements(buf: Buffer, dataset: Dataset, out: Uint8Array[]): void {
  const bigEndian = !dataset.syntax.littleEndian;
  for (const el of dataset.elements) {
    // Group lengths (gggg,0000) would be wrong once headers change size; they are optional outside group 0002.
    if ((el.tag & 0xffff) === 0) continue;
    writeElement(buf, el, bigEndian, out);
  }
}

function writeElement(buf: Buffer, el: DicomElement, bigEndian: boolean, out: Uint8Array[]): void {
  if (el.encapsulated) throw new Error('encapsulated pixel data cannot be transcoded without decoding it');
  if (el.items && el.vr === 'SQ') {
    out.push(headerBytes(el.tag, 'SQ', UNDEFINED, EXPLICIT_LE));
    for (const item of el.items) {
      out.push(itemHeader(UNDEFINED, true));
      writeElements(buf, item.dataset, out);
      out.push(itemDelimiter(true));
    }
    out.push(sequenceDelimiter(true));
    return;
  }
  if (el.length === UNDEFINED_LENGTH) {
    // An unknown element holding an implicit-VR LE sequence (only from an implicit source): UN with
    // undefined length carries exactly those bytes (PS3.5 6.2.2).
    out.push(headerBytes(el.tag, 'UN', UNDEFINED, EXPLICIT_LE), buf.subarray(el.valueOffset, el.end));
    return;
  }
  let value = buf.subarray(el.valueOffset, el.valueOffset + el.length);
  const width = SWAP_WIDTH[el.vr];
  if (bigEndian && width && value.length % width === 0) value = swapped(value, width);
  // A dictionary VR with a 16-bit length cannot hold a longer value: such values travel as UN.
  const vr = !hasLongHeader(el.vr) && value.length > 0xffff ? 'UN' : el.vr;
  out.push(headerBytes(el.tag, vr, value.length, EXPLICIT_LE), value);
}

/** The dataset (no preamble, no meta) re-encoded in explicit VR little endian. */
export function transcodeToExplicitLe(dataset: Buffer, transferSyntaxUid: string): Buffer {
  if (transferSyntaxUid === EXPLICIT_VR_LE) return dataset;
  if (!canTranscodeToExplicitLe(transferSyntaxUid)) throw new Error(`${transferSyntaxUid} cannot be transcoded to explicit VR little endian without decoding the pixel data`);
  const parsed = parseDataset(dataset, syntaxOf(transferSyntaxUid));
  const out: Uint8Array[] = [];
  writeElements(dataset, parsed, out);
  return Buffer.concat(out);
}
