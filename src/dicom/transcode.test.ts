import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dataset } from './dataset.js';
import { datasetOffset, encodeFileMeta, fileTransferSyntax } from './meta.js';
import { parseDataset } from './parse.js';
import { EXPLICIT_LE, EXPLICIT_VR_LE } from './transfer-syntax.js';
import { canTranscodeToExplicitLe, transcodeToExplicitLe } from './transcode.js';
import { testFile } from '../../test/support/testdata.js';

const dir = testFile('tricky/transfer_syntax');

function datasetOf(name: string): { bytes: Buffer; syntax: string } {
  const file = readFileSync(join(dir, name));
  return { bytes: file.subarray(datasetOffset(file)), syntax: fileTransferSyntax(file) };
}

/** Every element's tag and value bytes at every depth, in order (group lengths and trailing padding left out). */
function values(buf: Buffer, dataset: Dataset): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  for (const el of dataset.elements) {
    if ((el.tag & 0xffff) === 0 || el.tag === 0xfffcfffc) continue;
    if (el.items) for (const item of el.items) out.push([el.tag, 'item'], ...values(buf, item.dataset));
    else out.push([el.tag, buf.subarray(el.valueOffset, el.valueOffset + el.length).toString('hex')]);
  }
  return out;
}

describe('transcoding to explicit VR little endian', () => {
  const reference = datasetOf('MR_small.dcm');
  expect(reference.syntax).toBe(EXPLICIT_VR_LE);
  const expected = values(reference.bytes, parseDataset(reference.bytes, EXPLICIT_LE));

  for (const name of ['MR_small_implicit.dcm', 'MR_small_bigendian.dcm']) {
    it(`gives the same values as the explicit little endian copy of the same image (${name})`, () => {
      const source = datasetOf(name);
      const out = transcodeToExplicitLe(source.bytes, source.syntax);
      expect(values(out, parseDataset(out, EXPLICIT_LE))).toEqual(expected);
      // And DCMTK reads the result as a valid file.
      const work = mkdtempSync(join(tmpdir(), 'fiona-transcode-'));
      try {
        const file = join(work, 'out.dcm');
        writeFileSync(file, Buffer.concat([encodeFileMeta({ mediaStorageSopClassUid: '1.2.840.10008.5.1.4.1.1.4', mediaStorageSopInstanceUid: '1.2.3.4', transferSyntaxUid: EXPLICIT_VR_LE, implementationClassUid: '1.2.3' }), out]));
        execFileSync('dcmdump', ['-q', file]);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    });
  }

  it('refuses compressed syntaxes, which would need decoding', () => {
    const jpeg = datasetOf('JPEG-LL.dcm');
    expect(canTranscodeToExplicitLe(jpeg.syntax)).toBe(false);
    expect(() => transcodeToExplicitLe(jpeg.bytes, jpeg.syntax)).toThrow(/without decoding/);
  });
});
