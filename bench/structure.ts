// npm run bench:structure — the cost of the receive path's structure check (dicom/structure-validator.ts)
// per instance, fed in 64 KiB chunks as the socket delivers them, against copying the same bytes once
// (the least any receiver does with them). Generated CT instances of 40 KB and 2 MB, plus a file of the
// test data with many sequences.
import { readFileSync } from 'node:fs';
import { datasetOffset } from '../src/dicom/meta.js';
import { StructureValidator } from '../src/dicom/structure-validator.js';
import { EXPLICIT_LE } from '../src/dicom/transfer-syntax.js';
import { generateInstance } from '../test/support/generate.js';
import { testFile } from '../test/support/testdata.js';

const CHUNK = 64 * 1024;

function datasetOf(file: Buffer): Buffer {
  return file.subarray(datasetOffset(file));
}

function time(label: string, dataset: Buffer, rounds: number): void {
  const chunks: Buffer[] = [];
  for (let off = 0; off < dataset.length; off += CHUNK) chunks.push(dataset.subarray(off, off + CHUNK));
  const copy = Buffer.allocUnsafe(CHUNK);
  const run = (work: () => void) => {
    for (let i = 0; i < Math.min(rounds, 200); i++) work(); // warm-up
    const start = process.hrtime.bigint();
    for (let i = 0; i < rounds; i++) work();
    return Number(process.hrtime.bigint() - start) / rounds;
  };
  const validate = run(() => {
    const v = new StructureValidator(EXPLICIT_LE);
    for (const c of chunks) v.push(c);
    v.finish();
  });
  const copied = run(() => {
    for (const c of chunks) c.copy(copy);
  });
  console.log(`${label.padEnd(28)} ${(dataset.length / 1024).toFixed(0).padStart(6)} KiB  check ${(validate / 1000).toFixed(1).padStart(7)} µs  one copy ${(copied / 1000).toFixed(1).padStart(7)} µs  ratio ${(validate / copied).toFixed(2)}x`);
}

time('CT, 40 KB', datasetOf(generateInstance({ studyUid: '1.2.3', seriesUid: '1.2.3.1', sopUid: '1.2.3.1.1', pixelBytes: 39_000 })), 20_000);
time('CT, 2 MB', datasetOf(generateInstance({ studyUid: '1.2.3', seriesUid: '1.2.3.1', sopUid: '1.2.3.1.2', pixelBytes: 2_000_000 })), 2_000);
time('enhanced MR (many sequences)', datasetOf(readFileSync(testFile('enhanced_mr/philips/IM_0027_fMAP.dcm'))), 500);
