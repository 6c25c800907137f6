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
