// Encoding new elements (headers and values) in a dataset's syntax.
import type { Syntax } from './transfer-syntax.js';
import { hasLongHeader, paddingFor } from './vr.js';
import { ITEM, ITEM_DELIMITER, SEQUENCE_DELIMITER } from './tag.js';

/** An element to write that did not come from the source bytes. */
export type NewElement =
  | { tag: number; vr: string; value: Uint8Array }
  | { tag: number; vr: 'SQ'; items: NewElement[][] };

export const UNDEFINED = 0xffffffff;

/** Text padded to even length (space, or NUL for UI), as latin1 bytes. */
export function textBytes(text: string, vr: string): Buffer {
  const bytes = Buffer.from(text, 'latin1');
  if (bytes.length % 2 === 0) return bytes;
  const padded = Buffer.alloc(bytes.length + 1, paddingFor(vr));
  bytes.copy(padded);
  return padded;
}

export function textElement(tag: number, vr: string, text: string): NewElement {
  return { tag, vr, value: textBytes(text, vr) };
}

function put16(out: Buffer, pos: number, v: number, le: boolean): void {
  if (le) out.writeUInt16LE(v, pos);
  else out.writeUInt16BE(v, pos);
}

function put32(out: Buffer, pos: number, v: number, le: boolean): void {
  if (le) out.writeUInt32LE(v >>> 0, pos);
  else out.writeUInt32BE(v >>> 0, pos);
}

export function tagBytes(tag: number, length: number, le: boolean): Buffer {
  const out = Buffer.allocUnsafe(8);
  put16(out, 0, tag >>> 16, le);
  put16(out, 2, tag & 0xffff, le);
  put32(out, 4, length, le);
  return out;
}

/** An element header; `length` may be UNDEFINED for sequences. */
export function headerBytes(tag: number, vr: string, length: number, syntax: Syntax): Buffer {
  const le = syntax.littleEndian;
  if (!syntax.explicit) return tagBytes(tag, length, le);
  if (hasLongHeader(vr)) {
    const out = Buffer.alloc(12);
    put16(out, 0, tag >>> 16, le);
    put16(out, 2, tag & 0xffff, le);
    out.write(vr, 4, 'latin1');
    put32(out, 8, length, le);
    return out;
  }
  if (length > 0xffff) throw new Error(`value too long for ${vr} (${length} bytes)`);
  const out = Buffer.allocUnsafe(8);
  put16(out, 0, tag >>> 16, le);
  put16(out, 2, tag & 0xffff, le);
  out.write(vr, 4, 'latin1');
  put16(out, 6, length, le);
  return out;
}

export const itemHeader = (length: number, le: boolean): Buffer => tagBytes(ITEM, length, le);
export const itemDelimiter = (le: boolean): Buffer => tagBytes(ITEM_DELIMITER, 0, le);
export const sequenceDelimiter = (le: boolean): Buffer => tagBytes(SEQUENCE_DELIMITER, 0, le);

/** Appends the encoding of a new element to `out`; returns the bytes added. Sequences get defined lengths. */
export function encodeNewElement(el: NewElement, syntax: Syntax, out: Uint8Array[]): number {
  if ('items' in el) {
    const body: Uint8Array[] = [];
    let length = 0;
    for (const item of el.items) {
      const inner: Uint8Array[] = [];
      let itemLength = 0;
      for (const child of item) itemLength += encodeNewElement(child, syntax, inner);
      body.push(itemHeader(itemLength, syntax.littleEndian), ...inner);
      length += 8 + itemLength;
    }
    const header = headerBytes(el.tag, 'SQ', length, syntax);
    out.push(header, ...body);
    return header.length + length;
  }
  const header = headerBytes(el.tag, syntax.explicit ? el.vr : 'UN', el.value.length, syntax);
  out.push(header, el.value);
  return header.length + el.value.length;
}
