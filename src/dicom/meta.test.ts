import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeNewElement, textElement, type NewElement } from './encode.js';
import { datasetOffset, encodeFileMeta, fileTransferSyntax, type FileMeta } from './meta.js';
import { EXPLICIT_LE } from './transfer-syntax.js';

/** The meta group built element by element with encode.ts, as the one-buffer encoder must match byte for byte. */
function byElements(meta: FileMeta): Buffer {
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
  const head: Uint8Array[] = [Buffer.alloc(128), Buffer.from('DICM', 'latin1')];
  const groupLength = Buffer.alloc(4);
  groupLength.writeUInt32LE(length);
  encodeNewElement({ tag: 0x00020000, vr: 'UL', value: groupLength }, EXPLICIT_LE, head);
  return Buffer.concat([...head, ...body]);
}

const metas: FileMeta[] = [
  { mediaStorageSopClassUid: '1.2.840.10008.5.1.4.1.1.2', mediaStorageSopInstanceUid: '1.2.3.4.5', transferSyntaxUid: '1.2.840.10008.1.2.1', implementationClassUid: '1.2.826.0.1.3680043.9.7433.1', implementationVersionName: 'FIONA_0.1', sourceApplicationEntityTitle: 'STORESCU' },
  { mediaStorageSopClassUid: '1.2.840.10008.5.1.4.1.1.4', mediaStorageSopInstanceUid: '1.2.3.4.56', transferSyntaxUid: '1.2.840.10008.1.2', implementationClassUid: '1.2.3', implementationVersionName: 'ODD', sourceApplicationEntityTitle: 'AE1' },
  { mediaStorageSopClassUid: '1.2', mediaStorageSopInstanceUid: '1.2.3', transferSyntaxUid: '1.2.840.10008.1.2.4.50', implementationClassUid: '1.2.3.4' },
];

describe('file meta group', () => {
  it('is byte for byte what the element encoder writes, odd and even lengths, with and without the optional elements', () => {
    for (const meta of metas) expect(encodeFileMeta(meta).equals(byElements(meta))).toBe(true);
  });

  it('is read back by our reader and by DCMTK', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fiona-meta-'));
    try {
      const meta = metas[1];
      // A tiny dataset in implicit VR (the meta names Implicit VR Little Endian): (0008,0018) SOP Instance UID.
      const uid = Buffer.from('1.2.3.4.56');
      const dataset = Buffer.alloc(8 + uid.length);
      dataset.writeUInt16LE(0x0008, 0);
      dataset.writeUInt16LE(0x0018, 2);
      dataset.writeUInt32LE(uid.length, 4);
      uid.copy(dataset, 8);
      const file = Buffer.concat([encodeFileMeta(meta), dataset]);
      expect(datasetOffset(file)).toBe(file.length - dataset.length);
      expect(fileTransferSyntax(file)).toBe(meta.transferSyntaxUid);
      const path = join(dir, 'x.dcm');
      writeFileSync(path, file);
      const dump = execFileSync('dcmdump', ['-M', path], { encoding: 'utf8' });
      expect(dump).toContain('(0002,0003) UI [1.2.3.4.56]');
      // DCMTK shows the value without its padding; the length (4) is the padded one.
      expect(dump).toMatch(/\(0002,0013\) SH \[ODD\]\s+#\s+4, 1 ImplementationVersionName/);
      expect(dump).toMatch(/\(0002,0000\) UL 130\s/);
      expect(dump).toContain('(0008,0018) UI [1.2.3.4.56]');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
