// The DICOM JSON model (PS3.18 F.2) of a parsed dataset or of C-FIND answers, for DICOMweb. Text is decoded
// by the dataset's Specific Character Set; the pixel data is named by a BulkDataURI instead of inlined, so
// metadata stays small; other binary values are inlined (base64).
import type { Dataset, DicomElement } from '../../dicom/dataset.js';
import { formatTag, PIXEL_DATA } from '../../dicom/tag.js';
import { findText, rawValue, textValue } from '../../dicom/values.js';
import type { IdentifierElement } from '../../dimse/index.js';
import { decodeText } from '../quarantine/charset.js';

export interface JsonAttribute {
  vr: string;
  Value?: unknown[];
  InlineBinary?: string;
  BulkDataURI?: string;
}
export type DicomJson = Record<string, JsonAttribute>;

const SINGLE_VALUED_TEXT = new Set(['LT', 'ST', 'UT', 'UR']);
const NUMBER_STRINGS = new Set(['IS', 'DS']);
const BINARY = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN']);

const key = (tag: number) => formatTag(tag).replace(/[(),]/g, '');

function textValues(text: string, vr: string): unknown[] | undefined {
  if (text === '') return undefined;
  const parts = SINGLE_VALUED_TEXT.has(vr) ? [text] : text.split('\\');
  if (vr === 'PN') return parts.map((p) => (p.trim() === '' ? null : pnValue(p)));
  if (NUMBER_STRINGS.has(vr)) return parts.map((p) => (p.trim() === '' ? null : Number(p.trim())));
  return parts.map((p) => (p.trim() === '' ? null : SINGLE_VALUED_TEXT.has(vr) ? p.replace(/[\0 ]+$/, '') : p.trim()));
}

function pnValue(p: string): Record<string, string> {
  const [alphabetic, ideographic, phonetic] = p.trim().split('=');
  const out: Record<string, string> = {};
  if (alphabetic) out.Alphabetic = alphabetic;
  if (ideographic) out.Ideographic = ideographic;
  if (phonetic) out.Phonetic = phonetic;
  return out;
}

function binaryNumbers(value: Buffer, vr: string, le: boolean): unknown[] {
  const size = { US: 2, SS: 2, UL: 4, SL: 4, FL: 4, FD: 8, SV: 8, UV: 8, AT: 4 }[vr] ?? 1;
  const out: unknown[] = [];
  for (let off = 0; off + size <= value.length; off += size) {
    if (vr === 'US') out.push(le ? value.readUInt16LE(off) : value.readUInt16BE(off));
    else if (vr === 'SS') out.push(le ? value.readInt16LE(off) : value.readInt16BE(off));
    else if (vr === 'UL') out.push(le ? value.readUInt32LE(off) : value.readUInt32BE(off));
    else if (vr === 'SL') out.push(le ? value.readInt32LE(off) : value.readInt32BE(off));
    else if (vr === 'FL') out.push(le ? value.readFloatLE(off) : value.readFloatBE(off));
    else if (vr === 'FD') out.push(le ? value.readDoubleLE(off) : value.readDoubleBE(off));
    else if (vr === 'SV') out.push(Number(le ? value.readBigInt64LE(off) : value.readBigInt64BE(off)));
    else if (vr === 'UV') out.push(Number(le ? value.readBigUInt64LE(off) : value.readBigUInt64BE(off)));
    else if (vr === 'AT') {
      const group = le ? value.readUInt16LE(off) : value.readUInt16BE(off);
      const element = le ? value.readUInt16LE(off + 2) : value.readUInt16BE(off + 2);
      out.push(((group << 16) | element).toString(16).padStart(8, '0').toUpperCase());
    }
  }
  return out;
}

/**
 * The whole dataset as DICOM JSON. `bulkDataUri(tag)` names where the top-level pixel data can be fetched
 * ("7FE00010"); without it the pixel data is left without a value.
 */
export function datasetToJson(buf: Buffer, dataset: Dataset, bulkDataUri?: (tag: string) => string, charset?: string): DicomJson {
  const specificCharacterSet = charset ?? findText(buf, dataset, 0x00080005);
  const out: DicomJson = {};
  for (const el of dataset.elements) {
    if (el.tag >>> 16 === 0x0002 || (el.tag & 0xffff) === 0) continue; // file meta and group lengths are not part of the model
    out[key(el.tag)] = attribute(buf, dataset, el, specificCharacterSet, bulkDataUri);
  }
  return out;
}

function attribute(buf: Buffer, dataset: Dataset, el: DicomElement, charset: string | undefined, bulkDataUri: ((tag: string) => string) | undefined): JsonAttribute {
  const vr = el.vr;
  if (el.items) {
    const items = el.items.map((item) => datasetToJson(buf, item.dataset, undefined, charset));
    return items.length ? { vr: 'SQ', Value: items } : { vr: 'SQ' };
  }
  if (el.tag === PIXEL_DATA && !dataset.parent) return bulkDataUri ? { vr, BulkDataURI: bulkDataUri(key(el.tag)) } : { vr };
  if (el.encapsulated) return { vr };
  if (el.length <= 0) return { vr };
  const value = rawValue(buf, el);
  if (BINARY.has(vr)) return { vr, InlineBinary: value.toString('base64') };
  if (['US', 'SS', 'UL', 'SL', 'FL', 'FD', 'SV', 'UV', 'AT'].includes(vr)) return { vr, Value: binaryNumbers(value, vr, dataset.syntax.littleEndian) };
  const text = ['PN', 'LO', 'SH', 'LT', 'ST', 'UT', 'UC'].includes(vr) ? decodeText(value, charset).replace(/[\0 ]+$/, '') : textValue(buf, el);
  const values = textValues(text, vr);
  return values ? { vr, Value: values } : { vr };
}

/** A C-FIND answer (flat, string-valued elements, decoded by identifier.ts) as DICOM JSON. */
export function identifierToJson(elements: IdentifierElement[]): DicomJson {
  const out: DicomJson = {};
  for (const el of elements) {
    if (el.tag >>> 16 === 0x0000 || el.tag >>> 16 === 0x0002) continue;
    const values = textValues(el.value, el.vr);
    out[key(el.tag)] = values ? { vr: el.vr, Value: values } : { vr: el.vr };
  }
  return out;
}
