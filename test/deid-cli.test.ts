// `fiona deid`: folders recursively, one file per instance, refusals reported, nothing half-written (T28 too).
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { runDeid } from '../src/cli/deid.js';
import { dataDirKey, readKeyFile } from '../src/platform/secret.js';
import { TESTDATA } from './support/testdata.js';

const testdata = TESTDATA;
const config = (dataDir: string) => ({ dataDir, deid: { uidRoot: '1.3.6.1.4.1.45037' }, dicom: { aet: 'FIONA' } }) as Parameters<typeof runDeid>[1];

function withTemp<T>(work: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'fiona-deid-cli-'));
  try {
    return work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('fiona deid', () => {
  it('T28: a single file and the same file in a folder give identical outputs', () =>
    withTemp((dir) => {
      writeFileSync(join(dir, 'key'), 'fiona-test-key-0001\n');
      const source = `${testdata}/ct/CT_small.dcm`;
      mkdirSync(join(dir, 'in/nested'), { recursive: true });
      copyFileSync(source, join(dir, 'in/nested/ct.dcm'));
      const base = { project: 'MMIVTEST', participant: 'MMIV_0001', event: 'baseline', keyFile: join(dir, 'key') };
      const single = runDeid({ ...base, input: source, output: join(dir, 'out1') }, config(dir));
      const folder = runDeid({ ...base, input: join(dir, 'in'), output: join(dir, 'out2') }, config(dir));
      expect(single.deidentified).toBe(1);
      expect(folder.deidentified).toBe(1);
      const [a] = readdirSync(join(dir, 'out1'));
      const [b] = readdirSync(join(dir, 'out2'));
      expect(a).toBe(b);
      expect(readFileSync(join(dir, 'out1', a)).equals(readFileSync(join(dir, 'out2', b)))).toBe(true);
    }));

  it('reports refusals, skips non-DICOM files, leaves no temporary files and exits non-zero', () =>
    withTemp((dir) => {
      writeFileSync(join(dir, 'key'), 'fiona-test-key-0001');
      mkdirSync(join(dir, 'in'));
      copyFileSync(`${testdata}/ct/CT_small.dcm`, join(dir, 'in/good.dcm'));
      copyFileSync(`${testdata}/tricky/broken/MR_truncated.dcm`, join(dir, 'in/cut.dcm'));
      writeFileSync(join(dir, 'in/README.txt'), 'not an image');
      const summary = runDeid({ project: 'MMIVTEST', participant: 'MMIV_0001', event: 'baseline', keyFile: join(dir, 'key'), input: join(dir, 'in'), output: join(dir, 'out') }, config(dir));
      expect(summary.deidentified).toBe(1);
      expect(summary.refused).toHaveLength(1);
      expect(summary.refused[0].file).toBe('cut.dcm');
      expect(summary.skipped).toEqual(['README.txt']);
      expect(readdirSync(join(dir, 'out'), { withFileTypes: true }).map((e) => e.name).filter((n) => n.startsWith('.'))).toEqual([]);
      const cli = spawnSync('node', ['bin/fiona.js', 'deid', '--project', 'MMIVTEST', '--participant', 'MMIV_0001', '--event', 'baseline', '--key-file', join(dir, 'key'), join(dir, 'in'), join(dir, 'out3')], { encoding: 'utf8' });
      expect(cli.status).toBe(1);
      expect(cli.stdout).toMatch(/refused cut\.dcm: not a readable DICOM instance/);
      expect(cli.stdout).toMatch(/de-identified 1, refused 1/);
    }));

  it('applies --option flags', () =>
    withTemp((dir) => {
      writeFileSync(join(dir, 'key'), 'k');
      expect(() => runDeid({ project: 'P', participant: 'X', event: 'e', keyFile: join(dir, 'key'), input: `${testdata}/ct/CT_small.dcm`, output: join(dir, 'o'), options: ['noSuchOption'] }, config(dir))).toThrow(/unknown de-identification option/);
    }));
});

describe('secret key', () => {
  it('is created once in the data dir with mode 0600, then read back', () =>
    withTemp((dir) => {
      const first = dataDirKey(join(dir, 'data'));
      // 32 random bytes as 64 hex digits: read the same way as any --key-file.
      expect(first.toString('latin1')).toMatch(/^[0-9a-f]{64}$/);
      expect(readKeyFile(join(dir, 'data/secret.key')).equals(first)).toBe(true);
      expect(statSync(join(dir, 'data/secret.key')).mode & 0o777).toBe(0o600);
      expect(dataDirKey(join(dir, 'data')).equals(first)).toBe(true);
    }));

  it('reads a key file, ignoring one trailing newline', () =>
    withTemp((dir) => {
      writeFileSync(join(dir, 'k1'), 'fiona-test-key-0001\n');
      writeFileSync(join(dir, 'k2'), 'fiona-test-key-0001');
      expect(readKeyFile(join(dir, 'k1')).toString()).toBe('fiona-test-key-0001');
      expect(readKeyFile(join(dir, 'k2')).toString()).toBe('fiona-test-key-0001');
      writeFileSync(join(dir, 'empty'), '\n');
      expect(() => readKeyFile(join(dir, 'empty'))).toThrow(/empty/);
    }));
});
