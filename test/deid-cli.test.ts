// `fiona deid`: folders recursively, one file per instance, refusals reported, nothing half-written (T28 too).
import { describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseOptionFlags, runDeid, type DeidReportFile } from '../src/cli/deid.js';
import { dcmdumpTopLevel } from './support/dcmdump-inventory.js';
import { dateOffsetDays, deidContext } from '../src/pipeline/deid/index.js';
import { prepareWithPixels } from '../src/pipeline/forward/deid-adapter.js';
import { datasetOffset } from '../src/dicom/meta.js';
import { dataDirKey, readKeyFile } from '../src/platform/secret.js';
import { TESTDATA } from './support/testdata.js';

const testdata = TESTDATA;
const config = (dataDir: string) => ({ dataDir, deid: { uidRoot: '1.3.6.1.4.1.45037' }, dicom: { aet: 'FIONA' } }) as Parameters<typeof runDeid>[1];

async function withTemp<T>(work: (dir: string) => T | Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'fiona-deid-cli-'));
  try {
    return await work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('fiona deid', () => {
  it('--report: the per-tag inventory of what was written, counts as dcmdump lists them', () =>
    withTemp(async (dir) => {
      writeFileSync(join(dir, 'key'), 'fiona-test-key-0001');
      const input = `${testdata}/studies/siemens_pseudophi_tcia_body_mr`;
      const cli = spawnSync(process.execPath, ['bin/fiona.js', 'deid', '--project', 'MMIVTEST', '--participant', 'MMIV_0001', '--event', 'baseline', '--key-file', join(dir, 'key'), '--no-pixels', '--report', join(dir, 'report.json'), input, join(dir, 'out')], { encoding: 'utf8', env: { ...process.env, FIONA_DATA_DIR: dir } });
      expect(cli.stdout).toMatch(/report: \d+ tag paths in 26 instances/);
      const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as DeidReportFile;
      expect(report.instances).toBe(26);
      const dumped = dcmdumpTopLevel(readdirSync(join(dir, 'out')).map((f) => join(dir, 'out', f)));
      const topLevel = report.tags.filter((t) => /^\([0-9A-F]{4},[0-9A-F]{4}\)$/.test(t.path));
      expect(new Map(topLevel.map((t) => [t.path, { vr: t.vr, files: t.instances }]))).toEqual(dumped);
      const name = report.tags.find((t) => t.path === '(0010,0010)')!;
      expect(name).toMatchObject({ vr: 'PN', instances: 26, distinctValues: 1, samples: ['MMIV_0001'] });
      expect(name.flags).toContain('person-name');
      expect(report.tags.find((t) => t.path === '(0008,0020)')!.flags).toContain('date');
      // The pseudo-PHI source's name is nowhere in the report.
      expect(readFileSync(join(dir, 'report.json'), 'utf8')).not.toMatch(/MILLER|BEVERLY|9894340694/i);
    }));

  it('T28: a single file and the same file in a folder give identical outputs', () =>
    withTemp(async (dir) => {
      writeFileSync(join(dir, 'key'), 'fiona-test-key-0001\n');
      const source = `${testdata}/ct/CT_small.dcm`;
      mkdirSync(join(dir, 'in/nested'), { recursive: true });
      copyFileSync(source, join(dir, 'in/nested/ct.dcm'));
      const base = { project: 'MMIVTEST', participant: 'MMIV_0001', event: 'baseline', keyFile: join(dir, 'key') };
      const single = await runDeid({ ...base, input: source, output: join(dir, 'out1') }, config(dir));
      const folder = await runDeid({ ...base, input: join(dir, 'in'), output: join(dir, 'out2') }, config(dir));
      expect(single.deidentified).toBe(1);
      expect(folder.deidentified).toBe(1);
      const [a] = readdirSync(join(dir, 'out1'));
      const [b] = readdirSync(join(dir, 'out2'));
      expect(a).toBe(b);
      expect(readFileSync(join(dir, 'out1', a)).equals(readFileSync(join(dir, 'out2', b)))).toBe(true);
    }));

  it('reports refusals, skips non-DICOM files, leaves no temporary files and exits non-zero', () =>
    withTemp(async (dir) => {
      writeFileSync(join(dir, 'key'), 'fiona-test-key-0001');
      mkdirSync(join(dir, 'in'));
      copyFileSync(`${testdata}/ct/CT_small.dcm`, join(dir, 'in/good.dcm'));
      copyFileSync(`${testdata}/tricky/broken/MR_truncated.dcm`, join(dir, 'in/cut.dcm'));
      writeFileSync(join(dir, 'in/README.txt'), 'not an image');
      const summary = await runDeid({ project: 'MMIVTEST', participant: 'MMIV_0001', event: 'baseline', keyFile: join(dir, 'key'), input: join(dir, 'in'), output: join(dir, 'out') }, config(dir));
      expect(summary.deidentified).toBe(1);
      expect(summary.refused).toHaveLength(1);
      expect(summary.refused[0].file).toBe('cut.dcm');
      expect(summary.skipped).toEqual(['README.txt']);
      expect(readdirSync(join(dir, 'out'), { withFileTypes: true }).map((e) => e.name).filter((n) => n.startsWith('.'))).toEqual([]);
      const cli = spawnSync('node', ['bin/fiona.js', 'deid', '--project', 'MMIVTEST', '--participant', 'MMIV_0001', '--event', 'baseline', '--key-file', join(dir, 'key'), join(dir, 'in'), join(dir, 'out3')], { encoding: 'utf8' });
      expect(cli.status).toBe(1);
      expect(cli.stdout).toMatch(/refused cut\.dcm: not a readable DICOM instance/);
      expect(cli.stdout).toMatch(/de-identified 1 \(pixels cleaned in 0, at risk 0\), refused 1/);
    }));

  it('applies --option flags', () =>
    withTemp(async (dir) => {
      writeFileSync(join(dir, 'key'), 'k');
      await expect(runDeid({ project: 'P', participant: 'X', event: 'e', keyFile: join(dir, 'key'), input: `${testdata}/ct/CT_small.dcm`, output: join(dir, 'o'), options: ['noSuchOption'] }, config(dir))).rejects.toThrow(/unknown de-identification option/);
    }));

  it('cleans burned-in text from the pixels by default, and leaves pixels alone with --no-pixels', () =>
    withTemp(async (dir) => {
      writeFileSync(join(dir, 'key'), 'fiona-test-key-0001');
      const base = { project: 'MMIVTEST', participant: 'MMIV_0001', event: 'baseline', keyFile: join(dir, 'key'), input: `${testdata}/burned_in/pseudophi_ct_toshiba_2_ORIGINAL.dcm` };
      const cleaned = await runDeid({ ...base, output: join(dir, 'clean') }, config(dir));
      expect(cleaned).toMatchObject({ deidentified: 1, pixelsCleaned: 1, refused: [], review: [] });
      const skipped = await runDeid({ ...base, output: join(dir, 'raw'), noPixels: true }, config(dir));
      expect(skipped).toMatchObject({ deidentified: 1, pixelsCleaned: 0 });
      const [a] = readdirSync(join(dir, 'clean'));
      const [b] = readdirSync(join(dir, 'raw'));
      expect(a).toBe(b); // same instance, same new UID
      const dump = spawnSync('dcmdump', ['-q', join(dir, 'clean', a)], { encoding: 'utf8' }).stdout;
      expect(dump).toMatch(/\(0028,0301\) CS \[NO\]/);
      expect(dump).toMatch(/\(0008,0100\) SH \[113101\]/); // Clean Pixel Data Option
      expect(readFileSync(join(dir, 'clean', a)).equals(readFileSync(join(dir, 'raw', b)))).toBe(false);
    }));

  it('takes the options of a project, with the same names, values and allow-list syntax as the project API', () => {
    const options = parseOptionFlags(['preserveWeekday', 'fionaCompat=false', 'accessionNumber=hmac', 'retainSafePrivate', 'safePrivateAllowList=0029,SIEMENS CSA HEADER,10', 'safePrivateAllowList=0043,GEMS_PARM_01,39', 'sponsorName=MMIV']);
    expect(options).toMatchObject({ preserveWeekday: true, fionaCompat: false, accessionNumber: 'hmac', retainSafePrivate: true, safePrivateAllowList: ['0029,SIEMENS CSA HEADER,10', '0043,GEMS_PARM_01,39'], sponsorName: 'MMIV', cleanPixelData: true });
    // One allow-list syntax: the command line's old CREATOR:gggg:ee form is refused, as the API refuses it.
    expect(() => parseOptionFlags(['safePrivateAllowList=SIEMENS CSA HEADER:0029:10'])).toThrow(/gggg,CREATOR,ee/);
    // What the engine does not implement is refused here as in the API.
    expect(() => parseOptionFlags(['retainUids'])).toThrow(/not supported/);
  });

  it('writes exactly what the transfer runner sends for a project with the same options and participant', () =>
    withTemp(async (dir) => {
      writeFileSync(join(dir, 'key'), 'fiona-test-key-0002');
      const flags = ['accessionNumber=hmac', 'preserveWeekday'];
      const source = `${testdata}/ct/CT_small.dcm`;
      const summary = await runDeid({ project: 'SAMEPROJ', participant: 'SP-001', event: 'baseline', participantPattern: 'SP-\\d{3}', keyFile: join(dir, 'key'), input: source, output: join(dir, 'out'), options: flags }, config(dir));
      expect(summary.deidentified).toBe(1);
      const key = readKeyFile(join(dir, 'key'));
      const deidOptions = parseOptionFlags(flags);
      const context = deidContext(
        { project: { name: 'SAMEPROJ', participantPattern: 'SP-\\d{3}', deidOptions }, participant: { id: 'SP-001', dateOffsetDays: dateOffsetDays(key, 'SAMEPROJ', 'SP-001', { preserveWeekday: true }) }, event: 'baseline' },
        { key, uidRoot: '1.3.6.1.4.1.45037', aeTitle: 'FIONA' },
      );
      const outcome = await prepareWithPixels(readFileSync(source), context);
      if (outcome.kind !== 'prepared') throw new Error('expected a prepared instance');
      const sent = outcome.prepared;
      const [name] = readdirSync(join(dir, 'out'));
      const written = readFileSync(join(dir, 'out', name));
      expect(name).toBe(`${sent.sopInstanceUid}.dcm`);
      expect(written.subarray(datasetOffset(written)).equals(sent.dataset)).toBe(true);
      expect((await runDeid({ project: 'SAMEPROJ', participant: 'Jane', event: 'baseline', participantPattern: 'SP-\\d{3}', keyFile: join(dir, 'key'), input: source, output: join(dir, 'out3') }, config(dir))).refused[0].reason).toMatch(/does not match the project's rule/);
    }));
});

describe('fiona deid --validate', () => {
  const deid = (dir: string, env: NodeJS.ProcessEnv = process.env) =>
    spawnSync(process.execPath, ['bin/fiona.js', 'deid', '--validate', '--project', 'MMIVTEST', '--participant', 'MMIV_0001', '--event', 'baseline', '--key-file', join(dir, 'key'), join(dir, 'in'), join(dir, 'out')], { encoding: 'utf8', env });
  const setUp = (dir: string) => {
    writeFileSync(join(dir, 'key'), 'fiona-test-key-0001');
    mkdirSync(join(dir, 'in'));
    copyFileSync(`${testdata}/ct/CT_small.dcm`, join(dir, 'in/ct.dcm'));
    copyFileSync(`${testdata}/tricky/transfer_syntax/image_dfl.dcm`, join(dir, 'in/deflated.dcm'));
  };

  it('checks every output against its source with dciodvfy', () =>
    withTemp((dir) => {
      setUp(dir);
      const cli = deid(dir);
      expect(cli.stderr).toBe('');
      expect(cli.status).toBe(0);
      expect(cli.stdout).toMatch(/dciodvfy: 2 of 2 outputs as valid as their sources, 0 with new errors, 0 not checkable/);
    }));

  it('says what is missing, and writes nothing, when dciodvfy is not installed', () =>
    withTemp((dir) => {
      setUp(dir);
      mkdirSync(join(dir, 'bin'));
      symlinkSync(process.execPath, join(dir, 'bin/node'));
      const cli = deid(dir, { ...process.env, PATH: join(dir, 'bin') });
      expect(cli.status).toBe(1);
      expect(cli.stderr).toMatch(/--validate needs dciodvfy.*dicom3tools/);
      expect(existsSync(join(dir, 'out'))).toBe(false);
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
