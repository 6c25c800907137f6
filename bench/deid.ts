// npm run bench:deid — de-identify a few thousand ~30 KB instances with Fiona and, in the same run, with
// Debian's gdcmanon (PS3.15 basic profile, -e, with a self-signed certificate made here by openssl) as the
// reference. Both run on one core; prints files/s for each and the ratio (target: Fiona >= 1.0x).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dateOffsetDays, deidentify } from '../src/pipeline/deid/index.js';
import { TESTDATA } from '../test/support/testdata.js';

const SOURCES = ['studies/ge_mr750_nih_epi', 'studies/philips_magdeburg_fmri', 'studies/siemens_pseudophi_tcia_body_mr'];
const COPIES = Number(process.env.BENCH_DEID_COPIES ?? 6);
const testdata = resolve(process.env.FIONA_TESTDATA ?? TESTDATA);

function dicomFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return dicomFiles(full);
    return e.name.endsWith('.dcm') ? [full] : [];
  });
}

const work = mkdtempSync(join(tmpdir(), 'fiona-bench-deid-'));
try {
  const input = join(work, 'in');
  mkdirSync(input);
  const originals = SOURCES.flatMap((s) => dicomFiles(join(testdata, s)));
  let n = 0;
  for (let copy = 0; copy < COPIES; copy++) for (const file of originals) copyFileSync(file, join(input, `${String(n++).padStart(6, '0')}.dcm`));
  const names = readdirSync(input).sort();
  const bytes = names.reduce((sum, name) => sum + readFileSync(join(input, name)).length, 0);
  console.log(`corpus: ${names.length} files, ${(bytes / names.length / 1024).toFixed(1)} KiB average (${originals.length} originals x ${COPIES})`);

  // gdcmanon: basic profile with encryption of the original attributes, as its manual describes.
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=fiona-bench', '-days', '1',
    '-keyout', join(work, 'key.pem'), '-out', join(work, 'cert.pem')], { stdio: 'ignore' });
  const gdcmOut = join(work, 'gdcm');
  mkdirSync(gdcmOut);
  const gdcmArgs = ['-e', '--continue', '-c', join(work, 'cert.pem'), '-i', input, '-o', gdcmOut];
  const gdcmStart = performance.now();
  const gdcm = spawnSync('gdcmanon', gdcmArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
  const gdcmSeconds = (performance.now() - gdcmStart) / 1000;
  if (gdcm.status !== 0) throw new Error(`gdcmanon failed: ${gdcm.stderr.toString().slice(0, 500)}`);
  const gdcmCount = readdirSync(gdcmOut).length;

  // Fiona: read, de-identify (rules, dates, UIDs, verifier), write; in this one process (one core).
  const key = Buffer.from('fiona-bench-key');
  const context = { projectName: 'BENCH', participantId: 'BENCH_0001', eventName: 'baseline', dateOffsetDays: dateOffsetDays(key, 'BENCH', 'BENCH_0001'), key, uidRoot: '1.3.6.1.4.1.45037', aeTitle: 'FIONA' };
  const fionaOut = join(work, 'fiona');
  mkdirSync(fionaOut);
  for (const name of names.slice(0, 200)) deidentify(readFileSync(join(input, name)), context); // warm up the JIT
  let refused = 0;
  const fionaStart = performance.now();
  for (const name of names) {
    try {
      const { output } = deidentify(readFileSync(join(input, name)), context);
      writeFileSync(join(fionaOut, name), output);
    } catch {
      refused++;
    }
  }
  const fionaSeconds = (performance.now() - fionaStart) / 1000;

  const fionaRate = names.length / fionaSeconds;
  const gdcmRate = gdcmCount / gdcmSeconds;
  console.log(`gdcmanon -e: ${gdcmCount} files in ${gdcmSeconds.toFixed(2)} s = ${gdcmRate.toFixed(0)} files/s per core (${((gdcmSeconds / gdcmCount) * 1000).toFixed(2)} ms/file)`);
  console.log(`fiona deid:  ${names.length} files in ${fionaSeconds.toFixed(2)} s = ${fionaRate.toFixed(0)} files/s per core (${((fionaSeconds / names.length) * 1000).toFixed(2)} ms/file, ${refused} refused)`);
  console.log(`ratio fiona/gdcmanon: ${(fionaRate / gdcmRate).toFixed(2)}x (target >= 1.0x)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
