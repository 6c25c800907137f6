// Generates valid Part-10 CT instances of a chosen size, for tests and benchmarks that need many distinct
// instances (distinct UIDs) without touching the shared test data.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileMetaHeader } from '../../src/pipeline/receive/file-meta.js';

const CT_IMAGE = '1.2.840.10008.5.1.4.1.1.2';
const EXPLICIT_LE = '1.2.840.10008.1.2.1';

function el(group: number, element: number, vr: string, value: Buffer | string): Buffer {
  let bytes = typeof value === 'string' ? Buffer.from(value, 'latin1') : value;
  if (bytes.length % 2) bytes = Buffer.concat([bytes, Buffer.from(vr === 'UI' ? '\0' : ' ')]);
  const long = ['OB', 'OW', 'SQ', 'UN', 'UT'].includes(vr);
  const head = Buffer.alloc(long ? 12 : 8);
  head.writeUInt16LE(group, 0);
  head.writeUInt16LE(element, 2);
  head.write(vr, 4, 'latin1');
  if (long) head.writeUInt32LE(bytes.length, 8);
  else head.writeUInt16LE(bytes.length, 6);
  return Buffer.concat([head, bytes]);
}

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
  patientName?: string;
  patientId?: string;
  /** Approximate pixel bytes (rounded to a square 16-bit image). */
  pixelBytes: number;
  seriesNumber?: number;
  instanceNumber?: number;
}

export function generateInstance(spec: GeneratedInstance): Buffer {
  const side = Math.max(8, Math.round(Math.sqrt(spec.pixelBytes / 2)));
  const pixels = Buffer.alloc(side * side * 2);
  for (let i = 0; i < pixels.length; i += 2) pixels.writeUInt16LE((i * 7) & 0xfff, i);
  const dataset = Buffer.concat([
    el(0x0008, 0x0005, 'CS', 'ISO_IR 100'),
    el(0x0008, 0x0016, 'UI', CT_IMAGE),
    el(0x0008, 0x0018, 'UI', spec.sopUid),
    el(0x0008, 0x0020, 'DA', '20240229'),
    el(0x0008, 0x0030, 'TM', '101530'),
    el(0x0008, 0x0050, 'SH', spec.accessionNumber ?? 'ACC0001'),
    el(0x0008, 0x0060, 'CS', 'CT'),
    el(0x0008, 0x0070, 'LO', 'FIONA TEST'),
    el(0x0008, 0x0080, 'LO', 'Test Hospital'),
    el(0x0008, 0x1010, 'SH', 'CT01'),
    el(0x0008, 0x1030, 'LO', 'CT THORAX'),
    el(0x0010, 0x0010, 'PN', spec.patientName ?? 'Doe^Jane'),
    el(0x0010, 0x0020, 'LO', spec.patientId ?? 'PAT001'),
    el(0x0010, 0x0030, 'DA', '19700115'),
    el(0x0010, 0x0040, 'CS', 'F'),
    el(0x0020, 0x000d, 'UI', spec.studyUid),
    el(0x0020, 0x000e, 'UI', spec.seriesUid),
    el(0x0020, 0x0011, 'IS', String(spec.seriesNumber ?? 1)),
    el(0x0020, 0x0013, 'IS', String(spec.instanceNumber ?? 1)),
    el(0x0028, 0x0002, 'US', us(1)),
    el(0x0028, 0x0004, 'CS', 'MONOCHROME2'),
    el(0x0028, 0x0010, 'US', us(side)),
    el(0x0028, 0x0011, 'US', us(side)),
    el(0x0028, 0x0100, 'US', us(16)),
    el(0x0028, 0x0101, 'US', us(12)),
    el(0x0028, 0x0102, 'US', us(11)),
    el(0x0028, 0x0103, 'US', us(0)),
    el(0x7fe0, 0x0010, 'OW', pixels),
  ]);
  return Buffer.concat([fileMetaHeader({ sopClassUid: CT_IMAGE, sopInstanceUid: spec.sopUid, transferSyntaxUid: EXPLICIT_LE }), dataset]);
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
