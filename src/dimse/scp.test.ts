import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDcmtk, startStorescp } from '../../test/support/dcmtk.js';
import { startTestScp, type TestScp } from './test-scp.js';
import { TESTDATA } from '../../test/support/testdata.js';

const DATA = TESTDATA;

/** The dataset part of a Part 10 file: skip preamble, "DICM" and the meta group (its length is at 140). */
function datasetOf(file: Buffer): Buffer {
  expect(file.toString('latin1', 128, 132)).toBe('DICM');
  const metaLength = file.readUInt32LE(140);
  return file.subarray(144 + metaLength);
}

/** SOP instance UID (0002,0003) from a Part 10 file's meta group. */
function instanceUidOf(file: Buffer): string {
  let off = 132;
  while (off < file.length) {
    const group = file.readUInt16LE(off);
    const element = file.readUInt16LE(off + 2);
    const vr = file.toString('latin1', off + 4, off + 6);
    const long = ['OB', 'OW', 'UN', 'SQ', 'UT'].includes(vr);
    const len = long ? file.readUInt32LE(off + 8) : file.readUInt16LE(off + 6);
    const start = off + (long ? 12 : 8);
    if (group !== 2) break;
    if (element === 3) return file.toString('latin1', start, start + len).replace(/[\0 ]+$/, '');
    off = start + len;
  }
  throw new Error('no (0002,0003)');
}

describe('DIMSE SCP against DCMTK', () => {
  let scp: TestScp;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fiona-scp-'));
    scp = await startTestScp(dir);
  });
  afterAll(async () => {
    await scp.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers C-ECHO from echoscu', async () => {
    const r = await runDcmtk('echoscu', ['-aec', 'FIONA', '127.0.0.1', String(scp.port)]);
    expect(r.code, r.stderr).toBe(0);
  });

  it('rejects a wrong called AE title', async () => {
    const r = await runDcmtk('echoscu', ['-aec', 'NOTFIONA', '127.0.0.1', String(scp.port)]);
    expect(r.code).not.toBe(0);
    expect(r.stderr + r.stdout).toMatch(/Called AE Title Not Recognized/i);
  });

  it('stores datasets byte-identical to storescp +B', async () => {
    const files = [
      join(DATA, 'ct/CT_small.dcm'),
      ...readdirSync(join(DATA, 'transfer_syntax/siemens_trio_dcm_qa_ts')).map((f) => join(DATA, 'transfer_syntax/siemens_trio_dcm_qa_ts', f)),
      join(DATA, 'tricky/transfer_syntax/image_dfl.dcm'),
      join(DATA, 'rt/rtdose.dcm'),
    ];
    const oracleDir = mkdtempSync(join(tmpdir(), 'fiona-oracle-'));
    const oracle = await startStorescp(oracleDir);
    try {
      for (const [port, aec] of [[scp.port, 'FIONA'], [oracle.port, 'STORESCP']] as const) {
        const r = await runDcmtk('dcmsend', ['--decompress-never', '-aec', aec, '127.0.0.1', String(port), ...files], { timeoutMs: 60_000 });
        expect(r.code, r.stderr).toBe(0);
      }
    } finally {
      await oracle.stop();
    }
    const oracleFiles = readdirSync(oracleDir);
    expect(oracleFiles.length).toBe(files.length);
    for (const name of oracleFiles) {
      const oracleFile = readFileSync(join(oracleDir, name));
      const ours = readFileSync(join(dir, `${instanceUidOf(oracleFile)}.bin`));
      expect(ours.equals(datasetOf(oracleFile)), name).toBe(true);
    }
    rmSync(oracleDir, { recursive: true, force: true });
  });
});
