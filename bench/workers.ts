// npm run bench:workers — forwarding throughput with one worker process against two (issue 18 item 4), on
// one PostgreSQL database and one quarantine folder, into a real Orthanc. A receiver + web node takes the
// studies while no worker runs (they arrive and wait for routing); then N `fiona serve --role worker`
// processes start, and the time from the first transfer queued to the last one done is measured. Rounds alternate
// 1 and 2 workers, each with new studies; prints medians and the ratio (target ≥ 1.7× with two).
// BENCH_WORKERS_STUDIES (4), BENCH_WORKERS_INSTANCES (60 per study), BENCH_WORKERS_ROUNDS (2).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { findFreePort } from '../test/support/dcmtk.js';
import { createPostgresDatabase } from '../test/support/databases.js';
import { REPO_ROOT, spawnFionaServe, tempDir } from '../test/support/fiona.js';
import { startOrthanc } from '../test/support/orthanc.js';
import { projectFor, storescu, uniqueUid, until, writeStudy } from '../test/support/forwarding.js';

const STUDIES = Number(process.env.BENCH_WORKERS_STUDIES ?? 4);
const INSTANCES = Number(process.env.BENCH_WORKERS_INSTANCES ?? 60);
const ROUNDS = Number(process.env.BENCH_WORKERS_ROUNDS ?? 2);
const PASSWORD = 'bench workers password 1';

async function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/fiona.js'), 'serve', '--role', 'worker'], { env: { ...process.env, ...env, FIONA_LOG_LEVEL: 'info' }, cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString().slice(0, 10_000)));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  await until('a worker to start', async () => {
    if (child.exitCode !== null) throw new Error(`worker exited: ${output}`);
    return output.includes('"msg":"node started"');
  }, 60_000, 50);
  return child;
}

async function main(): Promise<void> {
  const dataDir = tempDir('fiona-bench-workers-');
  const orthanc = await startOrthanc({ aeTitle: 'RESEARCH' });
  const database = await createPostgresDatabase();
  const client = new pg.Client({ connectionString: database.url });
  const [httpPort, dicomPort] = [await findFreePort(), await findFreePort()];
  const env = { FIONA_DATA_DIR: dataDir, FIONA_DB_URL: database.url, FIONA_HTTP_HOST: '127.0.0.1', FIONA_DICOM_HOST: '127.0.0.1', FIONA_ARRIVAL_QUIET_SECONDS: '1', FIONA_ADMIN_PASSWORD: PASSWORD, FIONA_FORWARD_RECONCILE_MINUTES: '0' };
  const receiver = await spawnFionaServe({ ...env, FIONA_ROLES: 'receiver,web', FIONA_HTTP_PORT: String(httpPort), FIONA_DICOM_PORT: String(dicomPort) }, httpPort, 60_000);
  const workers: ChildProcess[] = [];
  try {
    await client.connect();
    const base = `http://127.0.0.1:${httpPort}`;
    const signIn = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const post = (path: string, body: string, type = 'application/json') => fetch(`${base}${path}`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': type }, body });
    if ((await post('/api/projects', JSON.stringify(projectFor(orthanc, 'BenchWorkers')))).status !== 201) throw new Error('cannot create the project');
    const lines: string[] = [];
    for (let r = 0; r < ROUNDS * 2 + 1; r++) for (let s = 0; s < STUDIES; s++) lines.push(`BW-${r}-${s},P-${String(r * 100 + s).padStart(3, '0')},baseline`);
    if ((await post('/api/projects/BenchWorkers/coupling-list', lines.join('\n'), 'text/csv')).status !== 200) throw new Error('cannot upload the coupling list');

    const run = async (round: number, count: number): Promise<number> => {
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
      workers.push(...(await Promise.all(Array.from({ length: count }, () => startWorker({ ...env, FIONA_HTTP_PORT: '0', FIONA_DICOM_PORT: '0' })))));
      await until('every transfer done', async () => (await client.query(`select count(*)::int as n from transfers where status = 'done' and study_instance_uid = any($1)`, [uids])).rows[0].n === STUDIES, 600_000, 100);
      // From the first transfer queued (routing, on a worker) to the last one done: process start-up is not counted.
      const span = await client.query(`select min(created_at) as first, max(finished_at) as last from transfers where study_instance_uid = any($1)`, [uids]);
      const seconds = (Date.parse(span.rows[0].last) - Date.parse(span.rows[0].first)) / 1000;
      for (const w of workers.splice(0)) {
        w.kill('SIGTERM');
        await new Promise((r) => w.once('exit', r));
      }
      console.log(`round ${round}: ${count} worker(s), ${STUDIES * INSTANCES} instances in ${seconds.toFixed(1)} s (${((STUDIES * INSTANCES) / seconds).toFixed(1)} instances/s)`);
      return seconds;
    };

    // A warm-up round (Orthanc's first stores, the page cache), not counted.
    await run(0, 1);
    const one: number[] = [];
    const two: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      one.push(await run(1 + r * 2, 1));
      two.push(await run(2 + r * 2, 2));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(`\n${cpus().length} cores; one worker ${median(one).toFixed(1)} s, two workers ${median(two).toFixed(1)} s: two are ${(median(one) / median(two)).toFixed(2)}× one (target ≥ 1.7×)`);
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

await main();
