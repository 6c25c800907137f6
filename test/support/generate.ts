// Generates valid Part-10 CT instances of a chosen size, for tests and benchmarks that need many distinct
// instances (distinct UIDs) without touching the shared test data.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPLICIT_LE as EXPLICIT_LE_SYNTAX } from '../../src/dicom/transfer-syntax.js';
import { encodeNewElement, textElement, type NewElement } from '../../src/dicom/encode.js';
import { fileMetaHeader } from '../../src/pipeline/receive/file-meta.js';

const CT_IMAGE = '1.2.840.10008.5.1.4.1.1.2';
const EXPLICIT_LE = '1.2.840.10008.1.2.1';

const el = (tag: number, vr: string, value: Buffer | string): NewElement => (typeof value === 'string' ? textElement(tag, vr, value) : { tag, vr, value });

function us(value: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(value);
  return b;
}

export interface GeneratedInstance {
  studyUid: string;
  seriesUid: string;
  sopUid: string;
  accessionNumber?: string;
  studyDate?: string;
  patientName?: string;
  patientId?: string;
  /** Approximate pixel bytes (rounded to a square 16-bit image). */
  pixelBytes: number;
  seriesNumber?: number;
  instanceNumber?: number;
  /** More elements (private ones with their creator, say); a tag given twice takes the later value. */
  extra?: NewElement[];
  /** Another SOP class than CT Image (in the dataset and the file meta). */
  sopClassUid?: string;
}

export function generateInstance(spec: GeneratedInstance): Buffer {
  const side = Math.max(8, Math.round(Math.sqrt(spec.pixelBytes / 2)));
  const pixels = Buffer.alloc(side * side * 2);
  for (let i = 0; i < pixels.length; i += 2) pixels.writeUInt16LE((i * 7) & 0xfff, i);
  const elements: NewElement[] = [
    el(0x00080005, 'CS', 'ISO_IR 100'),
    el(0x00080016, 'UI', spec.sopClassUid ?? CT_IMAGE),
    el(0x00080018, 'UI', spec.sopUid),
    el(0x00080020, 'DA', spec.studyDate ?? '20240229'),
    el(0x00080030, 'TM', '101530'),
    el(0x00080050, 'SH', spec.accessionNumber ?? 'ACC0001'),
    el(0x00080060, 'CS', 'CT'),
    el(0x00080070, 'LO', 'FIONA TEST'),
    el(0x00080080, 'LO', 'Test Hospital'),
    el(0x00081010, 'SH', 'CT01'),
    el(0x00081030, 'LO', 'CT THORAX'),
    el(0x00100010, 'PN', spec.patientName ?? 'Doe^Jane'),
    el(0x00100020, 'LO', spec.patientId ?? 'PAT001'),
    el(0x00100030, 'DA', '19700115'),
    el(0x00100040, 'CS', 'F'),
    el(0x0020000d, 'UI', spec.studyUid),
    el(0x0020000e, 'UI', spec.seriesUid),
    el(0x00200011, 'IS', String(spec.seriesNumber ?? 1)),
    el(0x00200013, 'IS', String(spec.instanceNumber ?? 1)),
    el(0x00280002, 'US', us(1)),
    el(0x00280004, 'CS', 'MONOCHROME2'),
    el(0x00280010, 'US', us(side)),
    el(0x00280011, 'US', us(side)),
    el(0x00280100, 'US', us(16)),
    el(0x00280101, 'US', us(12)),
    el(0x00280102, 'US', us(11)),
    el(0x00280103, 'US', us(0)),
    el(0x7fe00010, 'OW', pixels),
  ];
  if (spec.extra?.length) {
    const byTag = new Map(elements.map((e) => [e.tag, e]));
    for (const e of spec.extra) byTag.set(e.tag, e);
    elements.splice(0, elements.length, ...[...byTag.values()].sort((a, b) => (a.tag >>> 0) - (b.tag >>> 0)));
  }
  const out: Uint8Array[] = [fileMetaHeader({ sopClassUid: spec.sopClassUid ?? CT_IMAGE, sopInstanceUid: spec.sopUid, transferSyntaxUid: EXPLICIT_LE })];
  for (const element of elements) encodeNewElement(element, EXPLICIT_LE_SYNTAX, out);
  return Buffer.concat(out);
}

/** Writes `count` instances of one study (split over `seriesCount` series) into dir; returns their SOP UIDs. */
export function generateStudy(dir: string, options: { count: number; pixelBytes: number; seriesCount?: number; studyUid?: string; accessionNumber?: string }): { studyUid: string; sopUids: string[]; files: string[] } {
  mkdirSync(dir, { recursive: true });
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  const studyUid = options.studyUid ?? `1.2.826.0.1.3680043.9.7433.1.${stamp}`;
  const seriesCount = options.seriesCount ?? 1;
  const sopUids: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < options.count; i++) {
    const series = i % seriesCount;
    const sopUid = `${studyUid}.${series + 1}.${i + 1}`;
    const file = join(dir, `${String(i).padStart(6, '0')}.dcm`);
    writeFileSync(file, generateInstance({ studyUid, seriesUid: `${studyUid}.${series + 1}`, sopUid, pixelBytes: options.pixelBytes, accessionNumber: options.accessionNumber, seriesNumber: series + 1, instanceNumber: i + 1 }));
    sopUids.push(sopUid);
    files.push(file);
  }
  return { studyUid, sopUids, files };
}

/** One large instance of its own study, e.g. for back-pressure tests and benchmarks. */
export function writeLargeInstance(path: string, pixelBytes: number, sopUid = '1.2.826.0.1.3680043.9.7433.99.1'): void {
  writeFileSync(path, generateInstance({ studyUid: `${sopUid}.0`, seriesUid: `${sopUid}.0.1`, sopUid, pixelBytes }));
}
