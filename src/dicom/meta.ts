// File meta information (PS3.10 7.1): always explicit VR little endian, with a recomputed group length.
// The preamble is written as zeros: a source preamble may carry a TIFF header or other foreign content.
import { paddingFor } from './vr.js';

export interface FileMeta {
  mediaStorageSopClassUid: string;
  mediaStorageSopInstanceUid: string;
  transferSyntaxUid: string;
  implementationClassUid: string;
  implementationVersionName?: string;
  sourceApplicationEntityTitle?: string;
}

/**
 * Written into one buffer: the receiver puts a meta group in front of every instance it stores, and building
 * it from an element list (a dozen small buffers and a concat) was a twentieth of a small instance's time on
 * the event loop in the profile of bench:receive. Text is latin1, padded to even length (NUL for UI, space
 * otherwise), as encode.ts writes it.
 */
export function encodeFileMeta(meta: FileMeta): Buffer {
  const texts: Array<[element: number, vr: string, text: string]> = [
    [0x0002, 'UI', meta.mediaStorageSopClassUid],
    [0x0003, 'UI', meta.mediaStorageSopInstanceUid],
    [0x0010, 'UI', meta.transferSyntaxUid],
    [0x0012, 'UI', meta.implementationClassUid],
  ];
  if (meta.implementationVersionName) texts.push([0x0013, 'SH', meta.implementationVersionName]);
  if (meta.sourceApplicationEntityTitle) texts.push([0x0016, 'AE', meta.sourceApplicationEntityTitle]);
  // (0002,0001) OB: 12 bytes of header and 2 of value; each text element: 8 of header and its padded value.
  let groupLength = 14;
  const lengths = texts.map(([, , text]) => {
    const n = Buffer.byteLength(text, 'latin1');
    const padded = n + (n & 1);
    if (padded > 0xffff) throw new Error(`file meta value too long (${padded} bytes)`);
    groupLength += 8 + padded;
    return padded;
  });
  const out = Buffer.alloc(144 + groupLength);
  out.write('DICM', 128, 'latin1');
  // (0002,0000) UL group length.
  out.writeUInt16LE(0x0002, 132);
  out.writeUInt16LE(0x0000, 134);
  out.write('UL', 136, 'latin1');
  out.writeUInt16LE(4, 138);
  out.writeUInt32LE(groupLength, 140);
  // (0002,0001) OB file meta information version 00 01.
  let pos = 144;
  out.writeUInt16LE(0x0002, pos);
  out.writeUInt16LE(0x0001, pos + 2);
  out.write('OB', pos + 4, 'latin1');
  out.writeUInt32LE(2, pos + 8);
  out[pos + 13] = 1;
  pos += 14;
  texts.forEach(([element, vr, text], i) => {
    out.writeUInt16LE(0x0002, pos);
    out.writeUInt16LE(element, pos + 2);
    out.write(vr, pos + 4, 'latin1');
    out.writeUInt16LE(lengths[i], pos + 6);
    const written = out.write(text, pos + 8, 'latin1');
    if (written < lengths[i]) out[pos + 8 + written] = paddingFor(vr);
    pos += 8 + lengths[i];
  });
  return out;
}

/** Byte offset of the dataset in a Part-10 file whose meta group starts at 132 with its group length. */
export function datasetOffset(file: Uint8Array): number {
  if (file.length < 144 || Buffer.from(file.buffer, file.byteOffset + 128, 4).toString('latin1') !== 'DICM') throw new Error('not a Part-10 file');
  const view = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  // (0002,0000) UL in explicit VR LE: tag 4 + VR 2 + length 2 + value 4.
  if (view.readUInt16LE(132) !== 0x0002 || view.readUInt16LE(134) !== 0x0000) throw new Error('file meta group has no group length');
  return 144 + view.readUInt32LE(140);
}

/** The transfer syntax a Part-10 file's meta group names (0002,0010), read without parsing the dataset. */
export function fileTransferSyntax(file: Uint8Array): string {
  const view = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  const end = datasetOffset(file);
  let pos = 132;
  while (pos + 8 <= end) {
    const group = view.readUInt16LE(pos);
    const elem = view.readUInt16LE(pos + 2);
    const vr = view.toString('latin1', pos + 4, pos + 6);
    const long = ['OB', 'OW', 'OF', 'SQ', 'UT', 'UN'].includes(vr);
    const length = long ? view.readUInt32LE(pos + 8) : view.readUInt16LE(pos + 6);
    const valueAt = pos + (long ? 12 : 8);
    if (group === 0x0002 && elem === 0x0010) return view.toString('latin1', valueAt, valueAt + length).replace(/[\0 ]+$/, '');
    pos = valueAt + length;
  }
  throw new Error('file meta group names no transfer syntax');
}
