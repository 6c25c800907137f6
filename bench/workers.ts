// npm run bench:workers — forwarding throughput with one worker process against two (issue 18 item 4), on
// one PostgreSQL database and one quarantine folder, into a real Orthanc. A receiver + web node takes the
// studies while no worker runs (they arrive and wait for routing); then N `fiona serve --role worker`
// processes start, each with its own de-identification threads (BENCH_WORKERS_THREADS, 1: one worker is one
// core of de-identification, two are two), and the time from the first transfer queued to the last one done
// is measured. Rounds alternate 1 and 2 workers after a warm-up, each with new studies; prints every round,
// the medians and their ratio (target ≥ 1.7× with two), the load average, and the CPU time each party used
// during the rounds (/proc): the workers, Orthanc, PostgreSQL's backends of this database, the receiver, and
// everything else on the machine — so that the reader sees what shares the cores, and the bound the
// measured CPU puts on two workers.
// BENCH_WORKERS_STUDIES (8), BENCH_WORKERS_INSTANCES (120 per study), BENCH_WORKERS_ROUNDS (3 of each),
// BENCH_WORKERS_THREADS (1), BENCH_WORKERS_COUNTS ("1,2": the worker counts the rounds alternate over),
// BENCH_WORKERS_PROFILE (a folder: each worker writes a --cpu-prof profile there, and PostgreSQL logs every
// statement of the bench database to its server log; the workers' logs are kept there too).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { findFreePort } from '../test/support/dcmtk.js';
import { createPostgresDatabase } from '../test/support/databases.js';
import { REPO_ROOT, spawnFionaServe, tempDir } from '../test/support/fiona.js';
import { startOrthanc } from '../test/support/orthanc.js';
import { projectFor, storescu, uniqueUid, until, writeStudy } from '../test/support/forwarding.js';
import { CpuLedger, load1, machineCpuSeconds } from './cpu-accounting.js';

const STUDIES = Number(process.env.BENCH_WORKERS_STUDIES ?? 8);
const INSTANCES = Number(process.env.BENCH_WORKERS_INSTANCES ?? 120);
const ROUNDS = Number(process.env.BENCH_WORKERS_ROUNDS ?? 3);
const THREADS = process.env.BENCH_WORKERS_THREADS ?? '1';
const COUNTS = (process.env.BENCH_WORKERS_COUNTS ?? '1,2').split(',').map(Number);
const PROFILE = process.env.BENCH_WORKERS_PROFILE ? resolve(process.env.BENCH_WORKERS_PROFILE) : undefined;
const PASSWORD = 'bench workers password 1';
const TOTAL = STUDIES * INSTANCES;

interface Round {
  workers: number;
  seconds: number;
  load: [number, number];
  /** CPU seconds per party during the timed span. */
  cpu: Map<string, number>;
  /** Seconds the whole machine was busy (all cores) and could have been (cores × span). */
  machine: { busy: number; total: number };
  /** Database transactions committed (each statement outside a transaction is one). */
  commits: number;
}

async function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const nodeArgs = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, join(REPO_ROOT, 'bin/fiona.js'), 'serve', '--role', 'worker'], { env: { ...process.env, ...env, FIONA_LOG_LEVEL: 'info' }, cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-200_000)));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  if (PROFILE) child.once('exit', () => writeFileSync(join(PROFILE, `worker-${child.pid}.log`), output));
  await until('a worker to start', async () => {
    if (child.exitCode !== null) throw new Error(`worker exited: ${output}`);
    return output.includes('"msg":"node started"');
  }, 60_000, 50);
  return child;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const dataDir = tempDir('fiona-bench-workers-');
  const orthanc = await startOrthanc({ aeTitle: 'RESEARCH' });
  const database = await createPostgresDatabase();
  const dbName = database.url.slice(database.url.lastIndexOf('/') + 1);
  const client = new pg.Client({ connectionString: database.url });
  const [httpPort, dicomPort] = [await findFreePort(), await findFreePort()];
  const env = { FIONA_DATA_DIR: dataDir, FIONA_DB_URL: database.url, FIONA_HTTP_HOST: '127.0.0.1', FIONA_DICOM_HOST: '127.0.0.1', FIONA_ARRIVAL_QUIET_SECONDS: '1', FIONA_ADMIN_PASSWORD: PASSWORD, FIONA_FORWARD_RECONCILE_MINUTES: '0' };
  const receiver = await spawnFionaServe({ ...env, FIONA_ROLES: 'receiver,web', FIONA_HTTP_PORT: String(httpPort), FIONA_DICOM_PORT: String(dicomPort) }, httpPort, 60_000);
  const workers: ChildProcess[] = [];
  try {
    await client.connect();
    if (PROFILE) {
      mkdirSync(PROFILE, { recursive: true });
      await client.query(`alter database ${dbName} set log_min_duration_statement = 0`);
    }
    const base = `http://127.0.0.1:${httpPort}`;
    const signIn = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const post = (path: string, body: string, type = 'application/json') => fetch(`${base}${path}`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': type }, body });
    if ((await post('/api/projects', JSON.stringify(projectFor(orthanc, 'BenchWorkers')))).status !== 201) throw new Error('cannot create the project');
    const rounds = 1 + ROUNDS * COUNTS.length;
    const lines: string[] = [];
    // The project's participant pattern is P-\d{3}: one participant per study, numbered across the rounds.
    if (rounds * STUDIES > 1000) throw new Error(`at most 1000 studies in all (${rounds} rounds × ${STUDIES})`);
    for (let r = 0; r < rounds; r++) for (let s = 0; s < STUDIES; s++) lines.push(`BW-${r}-${s},P-${String(r * STUDIES + s).padStart(3, '0')},baseline`);
    if ((await post('/api/projects/BenchWorkers/coupling-list', lines.join('\n'), 'text/csv')).status !== 200) throw new Error('cannot upload the coupling list');

    const commits = async () => (await client.query(`select xact_commit::float8 as n from pg_stat_database where datname = $1`, [dbName])).rows[0].n as number;
    const backends = async () => (await client.query(`select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [dbName])).rows.map((r) => r.pid as number);

    const run = async (round: number, count: number): Promise<Round> => {
      const uids: string[] = [];
      for (let s = 0; s < STUDIES; s++) {
        const studyUid = uniqueUid();
        const dir = join(dataDir, '..', `bench-workers-src-${round}-${s}-${Date.now()}`);
        writeStudy(dir, { studyUid, accessionNumber: `BW-${round}-${s}`, series: [{ uid: `${studyUid}.1`, count: INSTANCES, number: 1 }], pixelBytes: 128 * 1024 });
        await storescu(dicomPort, [dir]);
        rmSync(dir, { recursive: true, force: true });
        uids.push(studyUid);
      }
      await until('the studies to arrive', async () => (await client.query(`select count(*)::int as n from studies where arrived_at is not null and study_instance_uid = any($1)`, [uids])).rows[0].n === STUDIES, 120_000, 200);
      // PostgreSQL's statistics reach pg_stat_database within a second of a transaction's end.
      await new Promise((r) => setTimeout(r, 1100));
      const commitsBefore = await commits();
      workers.push(...(await Promise.all(Array.from({ length: count }, () => startWorker({ ...env, FIONA_HTTP_PORT: '0', FIONA_DICOM_PORT: '0', FIONA_DEID_THREADS: THREADS })))));
      // CPU is counted from here (the workers have started; routing and the transfers have not).
      const ledger = new CpuLedger();
      const groups = async () => ({ workers: workers.map((w) => w.pid), orthanc: [orthanc.pid()], postgres: await backends(), receiver: [receiver.pid] });
      ledger.sample(await groups());
      const machineBefore = machineCpuSeconds();
      const benchBefore = process.cpuUsage();
      const loadBefore = load1();
      const finished = await until('every transfer done', async () => {
        // Backends that appear later count from zero; sampling as it goes keeps those that close early.
        ledger.sample(await groups(), true);
        const { rows } = await client.query(
          `select (select count(*)::int from studies where routing_status = 'done' and study_instance_uid = any($1)) as routed,
                  (select count(*)::int from transfers where study_instance_uid = any($1)) as queued,
                  (select count(*)::int from transfers where status = 'done' and study_instance_uid = any($1)) as done`,
          [uids],
        );
        if (rows[0].done === STUDIES) return 'done';
        return rows[0].routed === STUDIES && rows[0].queued < STUDIES ? `routing queued ${rows[0].queued} transfers for ${STUDIES} studies` : false;
      }, 1_800_000, 250);
      if (finished !== 'done') throw new Error(finished);
      ledger.sample(await groups(), true);
      const machineAfter = machineCpuSeconds();
      const bench = process.cpuUsage(benchBefore);
      const loadAfter = load1();
      // From the first transfer queued (routing, on a worker) to the last one done: process start-up is not counted.
      const span = await client.query(`select min(created_at) as first, max(finished_at) as last from transfers where study_instance_uid = any($1)`, [uids]);
      const seconds = (Date.parse(span.rows[0].last) - Date.parse(span.rows[0].first)) / 1000;
      for (const w of workers.splice(0)) {
        w.kill('SIGTERM');
        await new Promise((r) => w.once('exit', r));
      }
      await new Promise((r) => setTimeout(r, 1100));
      const cpu = ledger.totals();
      cpu.set('bench', (bench.user + bench.system) / 1e6);
      const machine = { busy: machineAfter.busy - machineBefore.busy, total: machineAfter.total - machineBefore.total };
      const result: Round = { workers: count, seconds, load: [loadBefore, loadAfter], cpu, machine, commits: (await commits()) - commitsBefore };
      console.log(`round ${round}: ${count} worker(s), ${TOTAL} instances in ${seconds.toFixed(1)} s (${(TOTAL / seconds).toFixed(1)}/s), load ${loadBefore.toFixed(1)}→${loadAfter.toFixed(1)}; ${describeCpu(result)}; ${(result.commits / TOTAL).toFixed(2)} DB commits per instance`);
      return result;
    };

    console.log(`${availableParallelism()} cores; ${STUDIES} studies × ${INSTANCES} CT instances (128 KiB pixels) per round; ${THREADS} de-identification thread(s) per worker`);
    // A warm-up round (Orthanc's first stores, the page cache), not counted.
    await run(0, COUNTS[0]);
    const results = new Map<number, Round[]>(COUNTS.map((c) => [c, []]));
    for (let r = 0; r < ROUNDS; r++) for (const [i, c] of COUNTS.entries()) results.get(c)!.push(await run(1 + r * COUNTS.length + i, c));
    summarise(results);
  } finally {
    for (const w of workers) w.kill('SIGKILL');
    receiver.kill('SIGTERM');
    await new Promise((r) => receiver.once('exit', r));
    await client.end();
    await orthanc.remove();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** "workers 9.1 s CPU (0.9 cores), orthanc …, others 3.2 s": each party's CPU and its average share of a core. */
function describeCpu(r: Round): string {
  const parts = [...r.cpu].map(([name, s]) => `${name} ${s.toFixed(1)} s (${(s / r.seconds).toFixed(2)})`);
  const ours = [...r.cpu.values()].reduce((a, b) => a + b, 0);
  parts.push(`rest of the machine ${Math.max(0, r.machine.busy - ours).toFixed(1)} s (${(Math.max(0, r.machine.busy - ours) / r.seconds).toFixed(2)})`);
  return `CPU s (cores): ${parts.join(', ')}`;
}

function summarise(results: Map<number, Round[]>): void {
  const cores = availableParallelism();
  console.log('');
  const medians = new Map<number, number>();
  for (const [count, rounds] of results) {
    const m = median(rounds.map((r) => r.seconds));
    medians.set(count, m);
    const cpuPer = (name: string) => median(rounds.map((r) => ((r.cpu.get(name) ?? 0) * 1000) / TOTAL));
    const rest = median(rounds.map((r) => Math.max(0, r.machine.busy - [...r.cpu.values()].reduce((a, b) => a + b, 0)) / r.seconds));
    console.log(
      `${count} worker(s): median ${m.toFixed(1)} s (${rounds.map((r) => r.seconds.toFixed(1)).join(', ')}), ${(TOTAL / m).toFixed(1)} instances/s; ` +
        `CPU ms per instance: workers ${cpuPer('workers').toFixed(1)}, orthanc ${cpuPer('orthanc').toFixed(1)}, postgres ${cpuPer('postgres').toFixed(1)}, receiver ${cpuPer('receiver').toFixed(1)}; ` +
        `the rest of the machine used ${rest.toFixed(2)} cores; load ${Math.min(...rounds.map((r) => r.load[0])).toFixed(1)}–${Math.max(...rounds.map((r) => r.load[1])).toFixed(1)}`,
    );
  }
  const [a, b] = COUNTS;
  if (a === undefined || b === undefined) return;
  const ratio = medians.get(a)! / medians.get(b)!;
  console.log(`\n${b} workers are ${ratio.toFixed(2)}× ${a} (target ≥ 1.7× for 2 against 1)`);
  // The bound: every instance costs the CPU of all parties of the one-worker rounds (not this script's polling); on `cores` cores no
  // number of workers forwards faster than cores / (CPU per instance), and with the rest of the machine's use
  // during the two-worker rounds taken off, slower still.
  const ones = results.get(a)!;
  const cpuPerInstance = median(ones.map((r) => [...r.cpu].filter(([name]) => name !== 'bench').reduce((x, [, y]) => x + y, 0) / TOTAL));
  const bestSeconds = (TOTAL * cpuPerInstance) / cores;
  const restTwo = median(results.get(b)!.map((r) => Math.max(0, r.machine.busy - [...r.cpu.values()].reduce((x, y) => x + y, 0)) / r.seconds));
  const bestLoaded = (TOTAL * cpuPerInstance) / Math.max(0.1, cores - restTwo);
  console.log(
    `bound on ${cores} cores: all parties use ${(cpuPerInstance * 1000).toFixed(1)} ms CPU per instance, so ${TOTAL} instances need at least ${bestSeconds.toFixed(1)} s ` +
      `(${(medians.get(a)! / bestSeconds).toFixed(2)}× one worker's median) with the cores to ourselves, ${bestLoaded.toFixed(1)} s (${(medians.get(a)! / bestLoaded).toFixed(2)}×) ` +
      `with the ${restTwo.toFixed(2)} cores the rest of the machine used during the two-worker rounds`,
  );
}

await main();
