// npm run bench:receive — storescu sends small (~40 KB) and large (~2 MB) generated instances over one
// association and over four at once (four storescu in parallel) to, in alternating order in each round:
// DCMTK storescp (default, and +B; --fork for four associations), Fiona (`fiona serve`, compiled, as in
// production) durable and with dicom.fsync=false (once more without fsync after BENCH_WARM_UP small instances
// untimed: a server that has been running; and once timing small×1 sent a second time: a resent study),
// floors of a receiver on our DIMSE layer in Node (bench/support/floor-scp.ts: answering Success without
// storing anything; after only the bare file operations a store that never shows a partial file needs; after
// only storescp's own file work — fresh, and warm like "fiona warm") and Orthanc (BENCH_ORTHANC=1). It also
// measures the fsync bound: storescp's time plus what one fsync of each file and its folder costs here (a loop
// that writes, links and fsyncs the same sizes, timed with and without the fsyncs). Prints the medians of
// BENCH_ROUNDS rounds (default 3), the ratios, the load average and Fiona's peak RSS, and writes a CPU
// profile of Fiona receiving (node --cpu-prof) into the output folder (BENCH_OUT, default bench-output/).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { link, open, rm, unlink } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { DCMTK_ENV, findFreePort, runDcmtk, startStorescp } from '../test/support/dcmtk.js';
import { spawnFionaServe, tempDir } from '../test/support/fiona.js';
import { generateStudy } from '../test/support/generate.js';
import { startOrthanc } from '../test/support/orthanc.js';
import { buildServer } from '../scripts/server-build.js';

const SMALL = Number(process.env.BENCH_SMALL ?? 1000);
const LARGE = Number(process.env.BENCH_LARGE ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ORTHANC = process.env.BENCH_ORTHANC === '1';
const OUT = resolve(process.env.BENCH_OUT ?? 'bench-output', `receive-${new Date().toISOString().replace(/[:.]/g, '-')}`);

interface Sample {
  files: number;
  bytes: number;
  seconds: number;
}

interface Case {
  name: string;
  /** One folder per association. */
  lanes: string[];
  files: number;
  bytes: number;
  sizes: number[];
}

// `fiona serve` runs the compiled build: made now from the sources being measured.
await buildServer();
const work = tempDir('fiona-bench-');
mkdirSync(OUT, { recursive: true });

/** Each case has its own UIDs, so a Fiona that received one case meets the next as new instances. */
function makeCase(name: string, count: number, pixelBytes: number, associations: number): Case {
  const lanes: string[] = [];
  const sizes: number[] = [];
  for (let a = 0; a < associations; a++) {
    const dir = join(work, name, String(a));
    generateStudy(dir, { count: Math.ceil(count / associations), pixelBytes, seriesCount: 4 });
    lanes.push(dir);
    for (const f of readdirSync(dir)) sizes.push(statSync(join(dir, f)).size);
  }
  return { name, lanes, files: sizes.length, bytes: sizes.reduce((a, b) => a + b, 0), sizes };
}

console.log(`generating ${SMALL} small and ${LARGE} large instances per case in ${work}`);
const cases: Case[] = [makeCase('small×1', SMALL, 39_000, 1), makeCase('small×4', SMALL, 39_000, 4), makeCase('large×1', LARGE, 2_000_000, 1), makeCase('large×4', LARGE, 2_000_000, 4)];
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 3000);
const warmUp = makeCase('warm-up', WARM_UP, 39_000, 1);

async function send(port: number, aet: string, c: Case): Promise<Sample> {
  // Every receiver starts with no dirty pages to write back, so none pays for another's writes.
  execFileSync('sync');
  const start = process.hrtime.bigint();
  const results = await Promise.all(c.lanes.map((dir) => runDcmtk('storescu', ['-aec', aet, '+sd', '127.0.0.1', String(port), dir], { timeoutMs: 900_000 })));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  for (const r of results) if (r.code !== 0) throw new Error(`storescu to ${aet} failed: ${r.stderr.slice(-500)}`);
  return { files: c.files, bytes: c.bytes, seconds };
}

/** Seconds to write, link into place (and fsync file and folder) the case's sizes, over as many lanes as associations. */
async function writeLoop(c: Case, dir: string, sync: boolean): Promise<number> {
  mkdirSync(join(dir, 'in'), { recursive: true });
  mkdirSync(join(dir, 'q'), { recursive: true });
  const buffers = new Map(c.sizes.map((s) => [s, Buffer.alloc(s, 7)]));
  execFileSync('sync');
  const start = process.hrtime.bigint();
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < c.sizes.length; i = next++) {
      const temp = join(dir, 'in', `${i}.part`);
      const final = join(dir, 'q', `${i}.dcm`);
      const handle = await open(temp, 'w');
      await handle.write(buffers.get(c.sizes[i])!);
      await link(temp, final);
      await unlink(temp);
      if (sync) {
        const folder = await open(join(dir, 'q'), 'r');
        await Promise.all([handle.datasync(), folder.sync()]);
        await folder.close();
      }
      await handle.close();
    }
  };
  await Promise.all(Array.from({ length: c.lanes.length }, lane));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await rm(dir, { recursive: true, force: true });
  return seconds;
}

function peakRss(child: ChildProcess): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : NaN;
}

function commandExists(cmd: string): Promise<boolean> {
  return new Promise((done) => spawn('sh', ['-c', `command -v ${cmd}`], { env: DCMTK_ENV, stdio: 'ignore' }).once('close', (code) => done(code === 0)));
}

type Receiver = (round: number) => Promise<Record<string, Sample>>;
const rss: number[] = [];

function storescp(bitPreserving: boolean): Receiver {
  return async (round) => {
    const out: Record<string, Sample> = {};
    for (const c of cases) {
      const dir = join(work, `scp-${round}-${bitPreserving}-${c.name}`);
      mkdirSync(dir);
      // storescp serves one association at a time unless it forks.
      const scp = await startStorescp(dir, { aeTitle: 'STORESCP', bitPreserving, acceptAll: true, extraArgs: c.lanes.length > 1 ? ['--fork'] : [] });
      try {
        out[c.name] = await send(scp.port, 'STORESCP', c);
      } finally {
        await scp.stop();
      }
    }
    return out;
  };
}

/**
 * `warm`: the server first receives WARM_UP small instances, untimed — V8 compiles the receive path while the
 * first thousands of instances arrive (a fresh server's first 500 ran at about half its later rate here), so
 * this row shows a server that has been running, the others one just started.
 */
function fiona(env: Record<string, string>, profile = false, warm = false, resend = false): Receiver {
  return async (round) => {
    const out: Record<string, Sample> = {};
    const dataDir = join(work, `fiona-${round}-${env.FIONA_DICOM_FSYNC ?? 'true'}${profile ? '-prof' : ''}${warm ? '-warm' : ''}${resend ? '-resend' : ''}`);
    const [dicomPort, httpPort] = [await findFreePort(), await findFreePort()];
    const child = await spawnFionaServe(
      { FIONA_DATA_DIR: dataDir, FIONA_DICOM_PORT: String(dicomPort), FIONA_HTTP_PORT: String(httpPort), FIONA_HTTP_HOST: '127.0.0.1', FIONA_FORWARD_WORKERS: '0', ...env },
      httpPort,
      120_000,
      profile ? ['--cpu-prof', `--cpu-prof-dir=${OUT}`] : [],
    );
    try {
      if (warm) await send(dicomPort, 'FIONA', warmUp);
      if (resend) {
        // The same instances a second time: each is compared with the copy held (its hash made then), as when
        // a PACS sends a study again. Timed: the second sending only.
        await send(dicomPort, 'FIONA', cases[0]);
        out[cases[0].name] = await send(dicomPort, 'FIONA', cases[0]);
      }
      // Warm, only the small cases: after the warm-up's 120 MB the large ones measured the disk's write-back.
      else for (const c of cases) if (!warm || c.name.startsWith('small')) out[c.name] = await send(dicomPort, 'FIONA', c);
      rss.push(peakRss(child));
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('close', r));
    }
    return out;
  };
}

/**
 * Our DIMSE layer answering Success without storing, after the bare file operations of a store that never
 * shows a partial file, or after only storescp's own (bench/support/floor-scp.ts). `warm`: like "fiona warm",
 * after WARM_UP small instances untimed and for the small cases only, so a warm Fiona meets warm floors.
 */
function floorReceiver(mode: 'nothing' | 'files' | 'direct', warm = false): Receiver {
  return async (round) => {
    const out: Record<string, Sample> = {};
    const port = await findFreePort();
    const folder = join(work, `floor-${round}-${mode}${warm ? '-warm' : ''}`);
    const child = spawn(process.execPath, ['bin/run-ts.js', 'bench/support/floor-scp.ts', String(port), mode, folder], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((ready, fail) => {
        child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && ready());
        child.once('exit', (code) => fail(new Error(`floor SCP exited (${code})`)));
      });
      if (warm) await send(port, 'FLOOR', warmUp);
      for (const c of cases) if (!warm || c.name.startsWith('small')) out[c.name] = await send(port, 'FLOOR', c);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('close', r));
    }
    return out;
  };
}

async function orthancReceiver(): Promise<Record<string, Sample>> {
  const out: Record<string, Sample> = {};
  const orthanc = await startOrthanc({ aeTitle: 'ORTHANC' });
  try {
    for (const c of cases) out[c.name] = await send(orthanc.dicomPort, 'ORTHANC', c);
  } finally {
    await orthanc.stop();
    await orthanc.remove();
  }
  return out;
}

const receivers: Record<string, Receiver> = {
  storescp: storescp(false),
  'storescp +B': storescp(true),
  'fiona durable': fiona({}),
  'fiona no fsync': fiona({ FIONA_DICOM_FSYNC: 'false' }),
  'fiona warm': fiona({ FIONA_DICOM_FSYNC: 'false' }, false, true),
  'fiona resend': fiona({ FIONA_DICOM_FSYNC: 'false' }, false, false, true),
  'node floor': floorReceiver('nothing'),
  'node + files': floorReceiver('files'),
  'node floor warm': floorReceiver('nothing', true),
  'node files warm': floorReceiver('files', true),
  'node scp warm': floorReceiver('direct', true),
};
if (ORTHANC && (await commandExists('Orthanc'))) receivers.orthanc = () => orthancReceiver();

const samples: Record<string, Record<string, number[]>> = {};
const fsyncCost: Record<string, number[]> = {};
const loads: number[] = [];
const record = (name: string, set: string, seconds: number) => ((samples[name] ??= {})[set] ??= []).push(seconds);
try {
  for (let round = 0; round < ROUNDS; round++) {
    // Alternating order: each round starts with a different receiver, so drift in the machine's load
    // falls on all of them.
    const names = Object.keys(receivers);
    const order = [...names.slice(round % names.length), ...names.slice(0, round % names.length)];
    for (const name of order) {
      loads.push(loadavg()[0]);
      const result = await receivers[name](round);
      for (const [set, s] of Object.entries(result)) record(name, set, s.seconds);
      process.stdout.write(`round ${round + 1} ${name}: ${Object.entries(result).map(([set, s]) => `${set} ${(s.files / s.seconds).toFixed(0)} files/s`).join(', ')}\n`);
    }
    for (const c of cases) {
      const withSync = await writeLoop(c, join(work, 'loop'), true);
      const without = await writeLoop(c, join(work, 'loop'), false);
      (fsyncCost[c.name] ??= []).push(Math.max(0, withSync - without));
    }
    for (const dir of readdirSync(work)) if (dir.startsWith('scp-') || dir.startsWith('fiona-') || dir.startsWith('floor-')) rmSync(join(work, dir), { recursive: true, force: true });
  }
  // One more Fiona run, not timed, for the CPU profile of the receive path.
  await fiona({}, true)(ROUNDS);
  for (const f of readdirSync(OUT)) if (f.endsWith('.cpuprofile')) renameSync(join(OUT, f), join(OUT, `fiona-serve-${f}`));
} finally {
  rmSync(work, { recursive: true, force: true });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const byName = Object.fromEntries(cases.map((c) => [c.name, c]));
// A receiver that did not take a case (the warm server takes only the small ones) reads NaN, printed as —.
const rate = (name: string, set: string) => (samples[name][set] ? byName[set].files / median(samples[name][set]) : NaN);
const mbps = (name: string, set: string) => (samples[name][set] ? byName[set].bytes / 1e6 / median(samples[name][set]) : NaN);
const fixed = (x: number, digits: number) => (Number.isNaN(x) ? '—' : x.toFixed(digits));
// The bound: storescp's time plus the fsync cost of the same files.
for (const c of cases) samples['fsync bound'] = { ...samples['fsync bound'], [c.name]: samples.storescp[c.name].map((s, i) => s + fsyncCost[c.name][i]) };

console.log(`\nmedians of ${ROUNDS} alternating rounds; load average (1 min) during the runs ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} on ${(await import('node:os')).availableParallelism()} cores`);
console.log(`${'receiver'.padEnd(16)} ${cases.map((c) => `${c.name.padStart(9)} files/s     MB/s`).join('  ')}`);
for (const name of Object.keys(samples)) console.log(`${name.padEnd(16)} ${cases.map((c) => `${fixed(rate(name, c.name), 0).padStart(17)} ${fixed(mbps(name, c.name), 1).padStart(8)}`).join('  ')}`);
console.log('\nratios (files/s, Fiona / reference)');
const ratio = (a: string, b: string) => cases.map((c) => `${c.name} ${fixed(rate(a, c.name) / rate(b, c.name), 2)}×`).join('   ');
console.log(`fiona no fsync / storescp      ${ratio('fiona no fsync', 'storescp')}`);
console.log(`fiona no fsync / storescp +B   ${ratio('fiona no fsync', 'storescp +B')}`);
console.log(`fiona warm     / storescp      ${ratio('fiona warm', 'storescp')}   (no fsync, after ${WARM_UP} small instances untimed)`);
console.log(`fiona resend   / no fsync      ${ratio('fiona resend', 'fiona no fsync')}   (small×1 sent again: each compared with the copy held)`);
console.log(`fiona durable  / fsync bound   ${ratio('fiona durable', 'fsync bound')}`);
console.log(`fiona durable  / storescp      ${ratio('fiona durable', 'storescp')}`);
console.log(`node floor     / storescp      ${ratio('node floor', 'storescp')}   (our DIMSE layer storing nothing)`);
console.log(`node + files   / storescp      ${ratio('node + files', 'storescp')}   (and the bare file operations: create, write, link, unlink, close)`);
console.log(`fiona no fsync / node + files  ${ratio('fiona no fsync', 'node + files')}`);
console.log(`node floor warm / storescp     ${ratio('node floor warm', 'storescp')}   (warm, as "fiona warm")`);
console.log(`node files warm / storescp     ${ratio('node files warm', 'storescp')}`);
console.log(`node scp warm  / storescp      ${ratio('node scp warm', 'storescp')}   (and only storescp's own file work: create under the final name, write, close)`);
console.log(`fiona warm     / node files warm ${ratio('fiona warm', 'node files warm')}`);
if (samples.orthanc) console.log(`fiona durable  / orthanc       ${ratio('fiona durable', 'orthanc')}`);
console.log(`fsync of file and folder here: ${cases.map((c) => `${c.name} ${((median(fsyncCost[c.name]) / c.files) * 1000).toFixed(2)} ms/file`).join(', ')}`);
console.log(`Fiona peak RSS (per serve run): ${(Math.max(...rss) / 2 ** 20).toFixed(0)} MiB`);
console.log(`CPU profile of Fiona receiving every case: ${OUT}`);
