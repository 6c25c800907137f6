// The Part-10 preamble and file meta group that the receiver puts in front of a dataset received over the
// network (PS3.10 7.1): the stored file is the received dataset byte for byte behind this header.
export const IMPLEMENTATION_CLASS_UID = '1.3.6.1.4.1.45037.9.1';
export const IMPLEMENTATION_VERSION_NAME = 'FIONA_0_1';

function element(group: number, elem: number, vr: string, value: Buffer): Buffer {
  const long = vr === 'OB' || vr === 'OW' || vr === 'UN' || vr === 'SQ' || vr === 'UT';
  const head = Buffer.alloc(long ? 12 : 8);
  head.writeUInt16LE(group, 0);
  head.writeUInt16LE(elem, 2);
  head.write(vr, 4, 'latin1');
  if (long) head.writeUInt32LE(value.length, 8);
  else head.writeUInt16LE(value.length, 6);
  return Buffer.concat([head, value]);
}

function padded(value: string, pad: string): Buffer {
  const text = value.length % 2 ? value + pad : value;
  return Buffer.from(text, 'latin1');
}

export interface FileMetaFields {
  sopClassUid: string;
  sopInstanceUid: string;
  transferSyntaxUid: string;
  sourceAeTitle?: string;
}

export function fileMetaHeader(fields: FileMetaFields): Buffer {
  const body = Buffer.concat([
    element(0x0002, 0x0001, 'OB', Buffer.from([0, 1])),
    element(0x0002, 0x0002, 'UI', padded(fields.sopClassUid, '\0')),
    element(0x0002, 0x0003, 'UI', padded(fields.sopInstanceUid, '\0')),
    element(0x0002, 0x0010, 'UI', padded(fields.transferSyntaxUid, '\0')),
    element(0x0002, 0x0012, 'UI', padded(IMPLEMENTATION_CLASS_UID, '\0')),
    element(0x0002, 0x0013, 'SH', padded(IMPLEMENTATION_VERSION_NAME, ' ')),
    ...(fields.sourceAeTitle ? [element(0x0002, 0x0016, 'AE', padded(fields.sourceAeTitle.trim(), ' '))] : []),
  ]);
  const groupLength = Buffer.alloc(4);
  groupLength.writeUInt32LE(body.length, 0);
  return Buffer.concat([Buffer.alloc(128), Buffer.from('DICM', 'latin1'), element(0x0002, 0x0000, 'UL', groupLength), body]);
}

/** Byte offset of the dataset in a Part-10 file whose meta group starts at 132 with its group length. */
export function datasetOffset(file: Uint8Array): number {
  if (file.length < 144 || Buffer.from(file.subarray(128, 132)).toString('latin1') !== 'DICM') throw new Error('not a Part-10 file');
  const view = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (view.readUInt16LE(132) !== 0x0002 || view.readUInt16LE(134) !== 0x0000) throw new Error('file meta group has no group length');
  return 144 + view.readUInt32LE(140);
}

/** The transfer syntax a Part-10 file's meta group names (0002,0010). */
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
