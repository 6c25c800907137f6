// Just enough dataset encoding for C-FIND identifiers: flat lists of string-valued elements in implicit or
// explicit VR little endian. Sequences are skipped on decode; this is not a general DICOM parser.

export interface IdentifierElement {
  /** (group << 16 | element), e.g. 0x0020000d. */
  tag: number;
  vr: string;
  value: string;
}

/** VRs of the usual query keys, needed to decode implicit VR answers. */
const QUERY_KEY_VRS: Record<number, string> = {
  0x00080005: 'CS', 0x00080016: 'UI', 0x00080018: 'UI', 0x00080020: 'DA', 0x00080021: 'DA', 0x00080030: 'TM',
  0x00080031: 'TM', 0x00080050: 'SH', 0x00080052: 'CS', 0x00080054: 'AE', 0x00080056: 'CS', 0x00080060: 'CS',
  0x00080061: 'CS', 0x00080062: 'UI', 0x00080080: 'LO', 0x00080090: 'PN', 0x00081030: 'LO', 0x0008103e: 'LO',
  0x00100010: 'PN', 0x00100020: 'LO', 0x00100030: 'DA', 0x00100040: 'CS', 0x00180015: 'CS', 0x0020000d: 'UI',
  0x0020000e: 'UI', 0x00200010: 'SH', 0x00200011: 'IS', 0x00200013: 'IS', 0x00201200: 'IS', 0x00201206: 'IS',
  0x00201208: 'IS', 0x00201209: 'IS',
};

const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const UNDEFINED = 0xffffffff;

export function vrOf(tag: number): string {
  return QUERY_KEY_VRS[tag] ?? 'UN';
}

function encodeValue(vr: string, value: string): Buffer {
  if (value === '') return Buffer.alloc(0); // a return key: universal matching, whatever its VR
  if (vr === 'US') return Buffer.from(Uint16Array.from([Number(value)]).buffer);
  if (vr === 'UL') return Buffer.from(Uint32Array.from([Number(value)]).buffer);
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length % 2 === 0) return bytes;
  return Buffer.concat([bytes, Buffer.from(vr === 'UI' ? [0] : [0x20])]);
}

export function encodeIdentifier(elements: IdentifierElement[], explicit: boolean): Buffer {
  const parts: Buffer[] = [];
  for (const el of [...elements].sort((a, b) => a.tag - b.tag)) {
    const value = encodeValue(el.vr, el.value);
    const long = LONG_VRS.has(el.vr);
    const head = Buffer.alloc(explicit && !long ? 8 : explicit ? 12 : 8);
    head.writeUInt16LE(el.tag >>> 16, 0);
    head.writeUInt16LE(el.tag & 0xffff, 2);
    if (!explicit) head.writeUInt32LE(value.length, 4);
    else {
      head.write(el.vr, 4, 'latin1');
      if (long) head.writeUInt32LE(value.length, 8);
      else head.writeUInt16LE(value.length, 6);
    }
    parts.push(head, value);
  }
  return Buffer.concat(parts);
}

/** Skips the items of an undefined-length sequence; returns the offset after its delimiter. */
function skipUndefined(buf: Buffer, off: number, explicit: boolean): number {
  while (off + 8 <= buf.length) {
    const group = buf.readUInt16LE(off);
    const element = buf.readUInt16LE(off + 2);
    const len = buf.readUInt32LE(off + 4);
    off += 8;
    if (group === 0xfffe && element === 0xe0dd) return off;
    if (group === 0xfffe && element === 0xe000) {
      off = len === UNDEFINED ? skipItemUndefined(buf, off, explicit) : off + len;
    } else {
      throw new Error('malformed sequence in identifier');
    }
  }
  throw new Error('unterminated sequence in identifier');
}

function skipItemUndefined(buf: Buffer, off: number, explicit: boolean): number {
  while (off + 8 <= buf.length) {
    if (buf.readUInt16LE(off) === 0xfffe && buf.readUInt16LE(off + 2) === 0xe00d) return off + 8;
    off = readElement(buf, off, explicit).next;
  }
  throw new Error('unterminated item in identifier');
}

function readElement(buf: Buffer, off: number, explicit: boolean): { tag: number; vr: string; start: number; len: number; next: number } {
  const tag = ((buf.readUInt16LE(off) << 16) | buf.readUInt16LE(off + 2)) >>> 0;
  let vr: string;
  let len: number;
  let start: number;
  if (explicit) {
    vr = buf.toString('latin1', off + 4, off + 6);
    if (LONG_VRS.has(vr)) {
      len = buf.readUInt32LE(off + 8);
      start = off + 12;
    } else {
      len = buf.readUInt16LE(off + 6);
      start = off + 8;
    }
  } else {
    vr = vrOf(tag);
    len = buf.readUInt32LE(off + 4);
    start = off + 8;
  }
  if (len === UNDEFINED) return { tag, vr: 'SQ', start, len: 0, next: skipUndefined(buf, start, explicit) };
  if (start + len > buf.length) throw new Error('element overruns the identifier');
  return { tag, vr, start, len, next: start + len };
}

export function decodeIdentifier(buf: Buffer, explicit: boolean): IdentifierElement[] {
  const out: IdentifierElement[] = [];
  let off = 0;
  while (off + 8 <= buf.length) {
    const el = readElement(buf, off, explicit);
    off = el.next;
    if (el.vr === 'SQ') continue;
    let value: string;
    if (el.vr === 'US' && el.len >= 2) value = String(buf.readUInt16LE(el.start));
    else if (el.vr === 'UL' && el.len >= 4) value = String(buf.readUInt32LE(el.start));
    else value = buf.toString('utf8', el.start, el.start + el.len).replace(/[\0 ]+$/, '');
    out.push({ tag: el.tag, vr: el.vr, value });
  }
  return out;
}
