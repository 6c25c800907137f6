// File meta information (PS3.10 7.1): always explicit VR little endian, with a recomputed group length.
// The preamble is written as zeros: a source preamble may carry a TIFF header or other foreign content.
import { encodeNewElement, textElement, type NewElement } from './encode.js';
import { EXPLICIT_LE } from './transfer-syntax.js';

export interface FileMeta {
  mediaStorageSopClassUid: string;
  mediaStorageSopInstanceUid: string;
  transferSyntaxUid: string;
  implementationClassUid: string;
  implementationVersionName?: string;
  sourceApplicationEntityTitle?: string;
}

export function encodeFileMeta(meta: FileMeta): Buffer {
  const elements: NewElement[] = [
    { tag: 0x00020001, vr: 'OB', value: Buffer.from([0, 1]) },
    textElement(0x00020002, 'UI', meta.mediaStorageSopClassUid),
    textElement(0x00020003, 'UI', meta.mediaStorageSopInstanceUid),
    textElement(0x00020010, 'UI', meta.transferSyntaxUid),
    textElement(0x00020012, 'UI', meta.implementationClassUid),
  ];
  if (meta.implementationVersionName) elements.push(textElement(0x00020013, 'SH', meta.implementationVersionName));
  if (meta.sourceApplicationEntityTitle) elements.push(textElement(0x00020016, 'AE', meta.sourceApplicationEntityTitle));
  const body: Uint8Array[] = [];
  let length = 0;
  for (const el of elements) length += encodeNewElement(el, EXPLICIT_LE, body);
  const groupLength = Buffer.alloc(4);
  groupLength.writeUInt32LE(length);
  const head: Uint8Array[] = [Buffer.alloc(128), Buffer.from('DICM', 'latin1')];
  encodeNewElement({ tag: 0x00020000, vr: 'UL', value: groupLength }, EXPLICIT_LE, head);
  return Buffer.concat([...head, ...body]);
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
