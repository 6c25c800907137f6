// The export's own zip writer and the DICOM zip export that streams instances straight into it, checked
// with real readers (yauzl, Info-ZIP unzip) and a real Orthanc: DICOM entries stored (not deflated) and
// byte for byte the PACS's instances, whether held in memory or taken through a spill file; manifest
// and SHA256SUMS right and in plan order; zip64 when the entry count needs it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { datasetOffset } from '../src/dicom/meta.js';
import { parseDicom } from '../src/dicom/parse.js';
import { findText } from '../src/dicom/values.js';
import { runExport } from '../src/pipeline/export/run-export.js';
import { ZipWriter } from '../src/pipeline/export/zip-writer.js';
import type { ImagingRecord } from '../src/pipeline/forward/imaging-records-repository.js';
import { tempDir } from './support/fiona.js';
import { uniqueUid, writeStudy } from './support/forwarding.js';
import { startOrthanc, type RunningOrthanc } from './support/orthanc.js';
import { readZipEntries } from './support/zip.js';


const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const work = tempDir('fiona-export-zip-');

describe('zip writer', () => {
  it('writes stored and deflated entries, from memory and from files, that other readers take as they are', async () => {
    const big = join(work, 'big.bin');
    const bigData = Buffer.alloc(3_000_000);
    for (let i = 0; i < bigData.length; i++) bigData[i] = (i * 31) & 0xff;
    writeFileSync(big, bigData);
    const sidecar = join(work, 'side.json');
    writeFileSync(sidecar, JSON.stringify({ a: 'x'.repeat(5000) }));
    const file = join(work, 'w.zip');
    const zip = new ZipWriter(file);
    const parts = [Buffer.from('DICM-ish '), Buffer.alloc(100_000, 3)];
    const added = await Promise.all([zip.addBuffer(parts, 'a/ü.dcm'), zip.addFile(big, 'b/big.bin'), zip.addFile(sidecar, 'b/side.json', true), zip.addBuffer(Buffer.from('{"m":1}\n'.repeat(500)), 'manifest.json', true)]);
    const { bytes, sha256 } = await zip.finish();
    const onDisk = readFileSync(file);
    expect(bytes).toBe(onDisk.length);
    expect(sha256).toBe(sha(onDisk));
    const entries = await readZipEntries(file);
    expect([...entries.keys()].sort()).toEqual(['a/ü.dcm', 'b/big.bin', 'b/side.json', 'manifest.json']);
    expect(entries.get('a/ü.dcm')!.data.equals(Buffer.concat(parts))).toBe(true);
    expect(entries.get('a/ü.dcm')!.method).toBe(0);
    expect(entries.get('b/big.bin')!.data.equals(bigData)).toBe(true);
    expect(entries.get('b/big.bin')!.method).toBe(0);
    expect(entries.get('b/side.json')!.method).toBe(8);
    expect(entries.get('manifest.json')!.method).toBe(8);
    for (const e of added) expect(e.sha256).toBe(sha(entries.get(e.path)!.data));
    expect(zip.entries.map((e) => e.path).sort()).toEqual([...entries.keys()].sort());
    // Info-ZIP checks every CRC and size, local headers and data descriptors included.
    expect(execFileSync('unzip', ['-t', file]).toString()).toContain('No errors detected');
  });

  it('switches to zip64 when the entry count passes 65535', async () => {
    const file = join(work, 'many.zip');
    const zip = new ZipWriter(file);
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < 70_000; i++) writes.push(zip.addBuffer(Buffer.from(String(i)), `f/${i}`));
    await Promise.all(writes);
    await zip.finish();
    const opened = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.open(file, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z))));
    expect(opened.entryCount).toBe(70_000);
    opened.close();
    expect(execFileSync('unzip', ['-p', file, 'f/69999']).toString()).toBe('69999');
    expect(execFileSync('unzip', ['-t', '-qq', file]).toString()).toBe('');
  }, 60_000);

  it('fails every later entry and the finish once a write failed', async () => {
    const zip = new ZipWriter(join(work, 'no-such-dir', 'x.zip'));
    await expect(zip.addBuffer(Buffer.from('a'), 'a')).rejects.toThrow(/ENOENT/);
    await expect(zip.addBuffer(Buffer.from('b'), 'b')).rejects.toThrow(/ENOENT/);
    await expect(zip.finish()).rejects.toThrow(/ENOENT/);
  });
});

describe('DICOM zip export straight into the archive', () => {
  let orthanc: RunningOrthanc;
  const studyUid = uniqueUid();

  beforeAll(async () => {
    orthanc = await startOrthanc({ aeTitle: 'RESEARCH' });
    // Three series of instances of about 60 KB.
    const files = writeStudy(join(work, 'in'), { studyUid, series: [{ uid: `${studyUid}.1`, count: 4, number: 1 }, { uid: `${studyUid}.2`, count: 3, number: 2 }, { uid: `${studyUid}.3`, count: 2, number: 3 }], pixelBytes: 60_000 });
    for (const f of files) await orthanc.rest('/instances', { method: 'POST', body: readFileSync(f) });
  }, 60_000);

  afterAll(async () => {
    await orthanc?.remove();
    rmSync(work, { recursive: true, force: true });
  });

  const record: ImagingRecord = { project: 'Z', researchStudyUid: studyUid, participant: 'P-001', event: 'baseline', modalities: [], studyDate: '20240101', seriesCount: 3, instancesSent: 9, pacsSeries: null, pacsInstances: null, checkedAt: null, transferredAt: null };

  for (const [name, limit] of [['held in memory', undefined], ['taken through spill files', 1024]] as const) {
    it(`stores every instance byte for byte, ${name}, with a correct manifest in plan order`, async () => {
      const outFile = join(work, `direct-${limit ?? 'mem'}.zip`);
      const workDir = join(work, `direct-${limit ?? 'mem'}.work`);
      const outcome = await runExport({ id: 'z', project: 'Z', destination: { aet: 'RESEARCH', host: '127.0.0.1', port: orthanc.dicomPort }, callingAet: 'FIONA', spec: { format: 'zip', layout: '{seriesNumber}/{instanceNumber:3}.dcm', filter: {}, transforms: {} }, records: [record], workDir, outFile, parallelRetrievals: 4, instanceMemoryLimit: limit }, () => {});
      expect(outcome.instances).toBe(9);
      expect(sha(readFileSync(outFile))).toBe(outcome.sha256);
      const entries = await readZipEntries(outFile);
      const dicom = [...entries.keys()].filter((p) => p.endsWith('.dcm'));
      expect(dicom.sort()).toEqual(['1/001.dcm', '1/002.dcm', '1/003.dcm', '1/004.dcm', '2/001.dcm', '2/002.dcm', '2/003.dcm', '3/001.dcm', '3/002.dcm']);
      for (const path of dicom) {
        const { data, method } = entries.get(path)!;
        expect(method, path).toBe(0);
        const parsed = parseDicom(data);
        const sop = findText(parsed.buffer, parsed.dataset, 0x00080018)!.trim();
        const id = (await orthanc.rest<Array<{ ID: string }>>('/tools/lookup', { method: 'POST', body: sop }))[0].ID;
        const theirs = await orthanc.rest<Buffer>(`/instances/${id}/file`);
        expect(data.subarray(datasetOffset(data)).equals(theirs.subarray(datasetOffset(theirs))), path).toBe(true);
      }
      const manifest = JSON.parse(entries.get('manifest.json')!.data.toString()) as { files: { path: string; bytes: number; sha256: string }[] };
      // In plan order (series, then instance number), whatever order the instances arrived in.
      expect(manifest.files.map((f) => f.path)).toEqual(['1/001.dcm', '1/002.dcm', '1/003.dcm', '1/004.dcm', '2/001.dcm', '2/002.dcm', '2/003.dcm', '3/001.dcm', '3/002.dcm']);
      for (const f of manifest.files) {
        expect(f.sha256, f.path).toBe(sha(entries.get(f.path)!.data));
        expect(f.bytes).toBe(entries.get(f.path)!.data.length);
      }
      const sums = entries.get('SHA256SUMS')!.data.toString().trim().split('\n').map((l) => l.split('  '));
      expect(sums.map(([, p]) => p)).toEqual([...manifest.files.map((f) => f.path), 'manifest.json']);
      for (const [hash, p] of sums) expect(hash).toBe(sha(entries.get(p)!.data));
      expect(execFileSync('unzip', ['-t', outFile]).toString()).toContain('No errors detected');
    }, 60_000);
  }
});
