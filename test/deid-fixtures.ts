// Builders for small DICOM instances in tests, and the spec's fixture context (DEID-SPEC section 8).
import { encodeFileMeta } from '../src/dicom/meta.js';
import { textElement, type NewElement } from '../src/dicom/encode.js';
import { encodeDataset } from '../src/dicom/write.js';
import { EXPLICIT_LE, IMPLICIT_LE, EXPLICIT_BE, syntaxOf } from '../src/dicom/transfer-syntax.js';
import { parseDicom, type ParsedDicom } from '../src/dicom/parse.js';
import { findElement, textValue } from '../src/dicom/values.js';
import type { Dataset, DicomElement } from '../src/dicom/dataset.js';
import type { DeidContext } from '../src/pipeline/deid/index.js';

export const TEST_KEY = Buffer.from('fiona-test-key-0001', 'utf8');
export const ROOT = '1.3.6.1.4.1.45037';
export const STUDY_UID = '1.2.826.0.1.3680043.2.1125.1.1';

export function fixtureContext(overrides: Partial<DeidContext> = {}): DeidContext {
  return {
    projectName: 'MMIVTEST',
    participantId: 'MMIV_0001',
    eventName: 'baseline',
    dateOffsetDays: -635,
    key: TEST_KEY,
    uidRoot: ROOT,
    aeTitle: 'FIONA',
    ...overrides,
  };
}

export const t = (tag: number, vr: string, value: string): NewElement => textElement(tag, vr, value);
export const sq = (tag: number, ...items: NewElement[][]): NewElement => ({ tag, vr: 'SQ', items });
export const bin = (tag: number, vr: string, bytes: number[] | Buffer): NewElement => ({ tag, vr, value: Buffer.from(bytes) });

/** The minimum an instance needs to be accepted: class, instance, study and series UIDs. */
export function baseElements(): NewElement[] {
  return [
    t(0x00080016, 'UI', '1.2.840.10008.5.1.4.1.1.2'),
    t(0x00080018, 'UI', '1.2.826.0.1.3680043.2.1125.1.1.10.101'),
    t(0x0020000d, 'UI', STUDY_UID),
    t(0x0020000e, 'UI', '1.2.826.0.1.3680043.2.1125.1.1.10'),
    t(0x00100010, 'PN', 'Doe^Jane'),
    t(0x00100020, 'LO', 'PAT001'),
  ];
}

/** A Part-10 file: base elements, overridden or extended by `extra` (same tag replaces). */
export function instance(extra: NewElement[] = [], transferSyntaxUid = '1.2.840.10008.1.2.1', drop: number[] = []): Buffer {
  const byTag = new Map<number, NewElement>();
  for (const el of [...baseElements(), ...extra]) byTag.set(el.tag, el);
  for (const tag of drop) byTag.delete(tag);
  const elements = [...byTag.values()];
  const sop = elements.find((e) => e.tag === 0x00080018);
  const meta = encodeFileMeta({
    mediaStorageSopClassUid: '1.2.840.10008.5.1.4.1.1.2',
    mediaStorageSopInstanceUid: sop && 'value' in sop ? Buffer.from(sop.value).toString('latin1').replace(/\0+$/, '') : '1.2.3',
    transferSyntaxUid,
    implementationClassUid: '1.2.3.4',
    sourceApplicationEntityTitle: 'CLUNIE1',
  });
  const syntax = syntaxOf(transferSyntaxUid);
  return Buffer.concat([meta, encodeDataset(elements, syntax === IMPLICIT_LE ? IMPLICIT_LE : syntax === EXPLICIT_BE ? EXPLICIT_BE : EXPLICIT_LE)]);
}

/** Reads a value at a path of tags with item indexes: get(file, 0x0040a730, 0, 0x00100010). */
export class Reader {
  readonly parsed: ParsedDicom;
  constructor(bytes: Uint8Array) {
    this.parsed = parseDicom(bytes);
  }

  element(...path: number[]): DicomElement | undefined {
    let dataset: Dataset = this.parsed.dataset;
    for (let i = 0; i < path.length; i += 2) {
      const el = findElement(dataset, path[i]);
      if (!el || i === path.length - 1) return el;
      const item = el.items?.[path[i + 1]];
      if (!item) return undefined;
      dataset = item.dataset;
    }
    return undefined;
  }

  text(...path: number[]): string | undefined {
    const el = this.element(...path);
    return el ? textValue(this.parsed.buffer, el) : undefined;
  }

  meta(tag: number): string | undefined {
    const el = this.parsed.meta.find((e) => e.tag === tag);
    return el ? this.parsed.metaBuffer.toString('latin1', el.valueOffset, el.valueOffset + el.length).replace(/[\0 ]+$/, '') : undefined;
  }
}
