// npm run bench:receive — storescu sends 2,000 small (~40 KB) and 200 large (~2 MB) generated instances to
// Fiona and, in the same run, to DCMTK storescp (default and +B) and Orthanc; prints files/s, MB/s, the
// ratios and Fiona's peak RSS. Fiona runs as `fiona serve` (durable write: fsync + index commit per
// instance before Success), exactly as in production.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DCMTK_ENV, findFreePort, runDcmtk, startStorescp } from '../test/support/dcmtk.js';
import { spawnFionaServe, tempDir } from '../test/support/fiona.js';
import { generateStudy } from '../test/support/generate.js';
import { startOrthanc } from '../test/support/orthanc.js';

const SMALL = Number(process.env.BENCH_SMALL ?? 2000);
const LARGE = Number(process.env.BENCH_LARGE ?? 200);

interface Sample {
  files: number;
  bytes: number;
  seconds: number;
}

function folderBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
}

async function send(port: number, aet: string, dir: string, files: number): Promise<Sample> {
  const bytes = folderBytes(dir);
  // Every receiver starts with no dirty pages to write back (generating the sets and the runs before
  // leave hundreds of MB), so none pays for another's writes.
  execFileSync('sync');
  const start = process.hrtime.bigint();
  const result = await runDcmtk('storescu', ['-aec', aet, '+sd', '127.0.0.1', String(port), dir], { timeoutMs: 600_000 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.code !== 0) throw new Error(`storescu to ${aet} failed: ${result.stderr.slice(-500)}`);
  return { files, bytes, seconds };
}

function peakRss(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) * 1024 : NaN;
}

function commandExists(cmd: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', `command -v ${cmd}`], { env: DCMTK_ENV, stdio: 'ignore' });
    child.once('close', (code) => resolve(code === 0));
  });
}

const work = tempDir('fiona-bench-');
const sets = {
  small: { dir: join(work, 'small'), count: SMALL, pixelBytes: 39_000 },
  large: { dir: join(work, 'large'), count: LARGE, pixelBytes: 2_000_000 },
};
console.log(`generating ${SMALL} small and ${LARGE} large instances in ${work}`);
for (const set of Object.values(sets)) generateStudy(set.dir, { count: set.count, pixelBytes: set.pixelBytes, seriesCount: 4 });

const results: Record<string, Record<string, Sample>> = {};
let fionaRss: Record<string, number> = {};

async function runStorescp(name: string, bitPreserving: boolean) {
  results[name] = {};
  for (const [setName, set] of Object.entries(sets)) {
    const out = join(work, `${name}-${setName}`);
    mkdirSync(out);
    const scp = await startStorescp(out, { aeTitle: 'STORESCP', bitPreserving, acceptAll: true });
    try {
      results[name][setName] = await send(scp.port, 'STORESCP', set.dir, set.count);
    } finally {
      await scp.stop();
    }
  }
}

async function runFiona(name: string, extraEnv: Record<string, string>) {
  results[name] = {};
  for (const [setName, set] of Object.entries(sets)) {
    const dataDir = join(work, `fiona-${setName}`);
    const dicomPort = await findFreePort();
    const httpPort = await findFreePort();
    const child = await spawnFionaServe({ FIONA_DATA_DIR: dataDir, FIONA_DICOM_PORT: String(dicomPort), FIONA_HTTP_PORT: String(httpPort), FIONA_HTTP_HOST: '127.0.0.1', ...extraEnv }, httpPort);
    try {
      results[name][setName] = await send(dicomPort, 'FIONA', set.dir, set.count);
      if (name === 'fiona') fionaRss = { ...fionaRss, [setName]: peakRss(child) };
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('close', r));
    }
  }
}

async function runOrthanc() {
  if (!(await commandExists('Orthanc'))) return;
  results.orthanc = {};
  for (const [setName, set] of Object.entries(sets)) {
    const orthanc = await startOrthanc({ aeTitle: 'ORTHANC' });
    try {
      results.orthanc[setName] = await send(orthanc.dicomPort, 'ORTHANC', set.dir, set.count);
    } finally {
      await orthanc.stop();
      removeLater.push(() => orthanc.remove());
    }
  }
}

// What the runs wrote stays until the end: deleting hundreds of MB between runs makes the file system
// discard blocks while the next receiver is measured.
const removeLater: (() => Promise<void>)[] = [];
try {
  await runStorescp('storescp', false);
  await runStorescp('storescp +B', true);
  await runFiona('fiona', {});
  await runFiona('fiona (no fsync)', { FIONA_DICOM_FSYNC: 'false' });
  await runOrthanc();
} finally {
  for (const remove of removeLater) await remove();
  rmSync(work, { recursive: true, force: true });
}

const rate = (s: Sample) => s.files / s.seconds;
const mbps = (s: Sample) => s.bytes / 1e6 / s.seconds;
console.log('\nreceiver          set    files/s     MB/s');
for (const [name, bySet] of Object.entries(results)) {
  for (const [setName, s] of Object.entries(bySet)) console.log(`${name.padEnd(17)} ${setName.padEnd(6)} ${rate(s).toFixed(0).padStart(7)} ${mbps(s).toFixed(0).padStart(8)}`);
}
console.log('\nratios (files/s, Fiona / reference); Fiona fsyncs every file and its folder before Success, storescp and Orthanc do not');
for (const fiona of ['fiona', 'fiona (no fsync)']) {
  for (const ref of ['storescp', 'storescp +B', 'orthanc']) {
    if (!results[ref]) continue;
    const parts = Object.keys(sets).map((setName) => `${setName} ${(rate(results[fiona][setName]) / rate(results[ref][setName])).toFixed(2)}x`);
    console.log(`${fiona.padEnd(16)} / ${ref.padEnd(12)} ${parts.join('   ')}`);
  }
}
console.log(`\nFiona peak RSS: small set ${(fionaRss.small / 2 ** 20).toFixed(0)} MiB, large set ${(fionaRss.large / 2 ** 20).toFixed(0)} MiB`);
