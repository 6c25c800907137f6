// Several `fiona serve` processes on one PostgreSQL database and one quarantine folder (issue 18), with a
// real Orthanc as research PACS: A = receiver + web, B = worker, C = receiver + worker. A study sent to
// either receiver arrives once, is routed once and forwarded once; an SSE client on A sees a study that C
// received (the live updates cross nodes over LISTEN/NOTIFY); a worker killed (SIGKILL) in the middle of a
// transfer is taken over by the other with exact counts in Orthanc; a node older than the database schema
// stops, and one refuses to start, with a message saying so. SQLite refuses a second `fiona serve`.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { findFreePort } from './support/dcmtk.js';
import { createPostgresDatabase, type TestDatabase } from './support/databases.js';
import { REPO_ROOT, runFiona, spawnFionaServe, tempDir } from './support/fiona.js';
import { startOrthanc, type RunningOrthanc } from './support/orthanc.js';
import { orthancInstanceCount, orthancStudies, projectFor, storescu, uniqueUid, until, writeStudy, type TransferJson } from './support/forwarding.js';

const PASSWORD = 'multi node password 18';
const dataDir = tempDir('fiona-nodes-');
const children = new Set<ChildProcess>();
let orthanc: RunningOrthanc | undefined;
let database: TestDatabase | undefined;
let client: pg.Client | undefined;

interface Node {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `fiona serve --role …`; ready when its log says "node started" (a worker has no HTTP to ask). */
async function startNode(role: string, env: Record<string, string>): Promise<Node> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/fiona.js'), 'serve', '--role', role], { env: { ...process.env, FIONA_LOG_LEVEL: 'info', ...env }, cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  await until(`node ${role} started`, async () => {
    if (child.exitCode !== null) throw new Error(`fiona serve --role ${role} exited: ${output}`);
    return output.includes('"msg":"node started"');
  }, 30_000, 100);
  return { child, output: () => output, exited };
}

async function session(base: string) {
  const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const call = async (method: string, path: string, body?: unknown, contentType = 'application/json') => {
    const r = await fetch(`${base}${path}`, { method, headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': contentType } : {}) }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: r.status, json: (await r.json().catch(() => null)) as unknown };
  };
  return { call, cookie };
}

/** Server-sent `study` events from GET /api/events, as they come. */
function sseStudies(base: string, cookie: string) {
  const seen: Array<{ studyInstanceUid: string; instanceCount: number; arrivedAt: string | null }> = [];
  const abort = new AbortController();
  const done = (async () => {
    const res = await fetch(`${base}/api/events`, { headers: { cookie }, signal: abort.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let text = '';
    for (;;) {
      const { value, done: end } = await reader.read();
      if (end) return;
      text += Buffer.from(value).toString();
      let cut: number;
      while ((cut = text.indexOf('\n\n')) >= 0) {
        const block = text.slice(0, cut);
        text = text.slice(cut + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (block.includes('event: study') && data) seen.push(JSON.parse(data.slice(6)));
      }
    }
  })().catch(() => undefined);
  return { seen, close: () => (abort.abort(), done) };
}

let a: Node;
let b: Node;
let c: Node;
let base = '';
let cDicomPort = 0;
let aDicomPort = 0;
let call: Awaited<ReturnType<typeof session>>['call'];
let cookie = '';

const transfersOf = async (uid: string) => (await call('GET', `/api/transfers?studyInstanceUid=${uid}`)).json as TransferJson[];
const heldFor = async (participant: string) => (await orthancStudies(orthanc!)).filter((s) => s.PatientMainDicomTags.PatientID === participant);

beforeAll(async () => {
  [orthanc, database] = await Promise.all([startOrthanc({ aeTitle: 'RESEARCH' }), createPostgresDatabase()]);
  client = new pg.Client({ connectionString: database.url });
  const [httpPort, dicomA, dicomC] = [await findFreePort(), await findFreePort(), await findFreePort()];
  aDicomPort = dicomA;
  cDicomPort = dicomC;
  base = `http://127.0.0.1:${httpPort}`;
  const env = {
    FIONA_DATA_DIR: dataDir,
    FIONA_DB_URL: database.url,
    FIONA_HTTP_HOST: '127.0.0.1',
    FIONA_DICOM_HOST: '127.0.0.1',
    FIONA_ARRIVAL_QUIET_SECONDS: '1',
    FIONA_FORWARD_LEASE_SECONDS: '3',
    FIONA_FORWARD_RETRY_BASE_SECONDS: '0.5',
    FIONA_HEALTH_CHECK_SECONDS: '1',
    FIONA_ADMIN_PASSWORD: PASSWORD,
  };
  // A first, alone: it migrates the new database (the others then find it current).
  a = await startNode('receiver,web', { ...env, FIONA_HTTP_PORT: String(httpPort), FIONA_DICOM_PORT: String(dicomA) });
  [b, c] = await Promise.all([startNode('worker', { ...env, FIONA_HTTP_PORT: '0', FIONA_DICOM_PORT: '0' }), startNode('receiver,worker', { ...env, FIONA_HTTP_PORT: '0', FIONA_DICOM_PORT: String(dicomC) })]);
  await client.connect();
  ({ call, cookie } = await session(base));
  expect((await call('POST', '/api/projects', projectFor(orthanc, 'Nodes'))).status).toBe(201);
  const coupling = await call('POST', '/api/projects/Nodes/coupling-list', 'ACC-N-1,P-001,baseline\nACC-N-2,P-002,baseline\nACC-N-3,P-003,baseline\n', 'text/csv');
  expect(coupling).toMatchObject({ status: 200, json: { imported: 3 } });
}, 60_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all([...children].map((child) => (child.exitCode === null && child.signalCode === null ? new Promise((r) => child.once('exit', r)) : undefined)));
  await client?.end();
  await orthanc?.remove();
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function send(port: number, accession: string, count: number, pixelBytes = 2048): Promise<string> {
  const studyUid = uniqueUid();
  const dir = join(dataDir, '..', `nodes-src-${accession}-${Date.now()}`);
  writeStudy(dir, { studyUid, accessionNumber: accession, series: [{ uid: `${studyUid}.1`, count, number: 1 }], pixelBytes });
  try {
    await storescu(port, [dir]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return studyUid;
}

describe('three nodes on one PostgreSQL database and one quarantine folder', () => {
  it('forwards a study sent to either receiver exactly once, and the web node sees what the other received', { timeout: 40_000 }, async () => {
    const events = sseStudies(base, cookie);
    await until('the event stream to open', async () => (await client!.query(`select count(*)::int as n from pg_stat_activity where query ilike 'LISTEN fiona_events%'`)).rows[0].n >= 3);
    const [viaA, viaC] = await Promise.all([send(aDicomPort, 'ACC-N-1', 12), send(cDicomPort, 'ACC-N-2', 12)]);
    for (const [uid, participant] of [[viaA, 'P-001'], [viaC, 'P-002']] as const) {
      const done = await until(`the transfer of ${participant}`, async () => {
        const list = await transfersOf(uid);
        return list.length > 0 && list.every((t) => t.status === 'done') ? list : undefined;
      }, 30_000, 100);
      expect(done).toHaveLength(1);
      expect(done[0]).toMatchObject({ instancesToSend: 12, instancesSent: 12, instancesConfirmed: 12, attempts: 1, error: null });
      const held = await heldFor(participant);
      expect(held).toHaveLength(1);
      expect(await orthancInstanceCount(orthanc!, held[0])).toBe(12);
    }
    // Arrival and routing happened once per study, across three nodes that all watch for them.
    const studies = await client!.query(`select study_instance_uid, routing_status, routing_attempts from studies where study_instance_uid in ($1, $2) order by study_instance_uid`, [viaA, viaC]);
    expect(studies.rows.map((r) => [r.routing_status, r.routing_attempts])).toEqual([['done', 1], ['done', 1]]);
    const sent = await client!.query(`select count(*)::int as n from transfer_instances ti join transfers t on t.id = ti.transfer_id where t.study_instance_uid in ($1, $2)`, [viaA, viaC]);
    expect(sent.rows[0].n).toBe(24);
    // A never indexed C's study: an update about it before it arrived can only have come from C.
    await until('the web node to hear of the study C received', async () => events.seen.some((s) => s.studyInstanceUid === viaC && s.arrivedAt === null));
    await until('the web node to hear that it arrived', async () => events.seen.some((s) => s.studyInstanceUid === viaC && s.arrivedAt !== null && s.instanceCount === 12));
    await events.close();
  });

  it('takes over the transfer of a worker killed in the middle of it; Orthanc holds every instance once', { timeout: 45_000 }, async () => {
    const count = 80;
    const uid = await send(aDicomPort, 'ACC-N-3', count, 128 * 1024);
    const running = await until('a worker in the middle of the transfer', async () => {
      const r = await client!.query(`select id, lease_owner, instances_sent from transfers where study_instance_uid = $1 and status = 'running'`, [uid]);
      const row = r.rows[0] as { lease_owner: string; instances_sent: number } | undefined;
      return row && row.instances_sent >= 5 && row.instances_sent < count ? row : undefined;
    }, 30_000, 25);
    const pid = Number(running.lease_owner.split(':')[1]);
    const victim = [b, c].find((n) => n.child.pid === pid)!;
    expect(victim).toBeDefined();
    const survivor = victim === b ? c : b;
    victim.child.kill('SIGKILL');
    expect((await victim.exited).signal).toBe('SIGKILL');
    const done = await until('the other worker to finish the transfer', async () => {
      const list = await transfersOf(uid);
      return list.length === 1 && list[0].status === 'done' ? list[0] : undefined;
    }, 35_000, 200);
    expect(done).toMatchObject({ instancesToSend: count, instancesSent: count, instancesConfirmed: count, error: null });
    expect(done.attempts).toBeGreaterThanOrEqual(2);
    const finisher = await client!.query(`select count(*)::int as n from transfers where study_instance_uid = $1`, [uid]);
    expect(finisher.rows[0].n).toBe(1);
    expect(survivor.child.exitCode).toBeNull();
    const held = await heldFor('P-003');
    expect(held).toHaveLength(1);
    expect(await orthancInstanceCount(orthanc!, held[0])).toBe(count);
  });

  it('stops a node that is older than the database schema, and refuses to start one', { timeout: 20_000 }, async () => {
    // Another node "upgraded" the database: a migration this code does not know.
    await client!.query(`insert into kysely_migration (name, timestamp) values ('2099-01-01T0000-from-the-future', now()::text)`);
    const { code } = await a.exited;
    expect(code).toBe(78);
    expect(a.output()).toContain('newer schema (2099-01-01T0000-from-the-future)');
    const late = await runFiona(['serve', '--role', 'worker'], { FIONA_DATA_DIR: dataDir, FIONA_DB_URL: database!.url, FIONA_LOG_LEVEL: 'warn' });
    expect(late.code).toBe(1);
    expect(late.stderr).toMatch(/newer schema .* than this Fiona knows .*Upgrade this node/);
  });
});

it('SQLite: a second fiona serve on the same database stops with a message naming the cause', { timeout: 30_000 }, async () => {
  const dir = tempDir('fiona-sqlite-two-');
  const [httpPort, dicomPort] = [await findFreePort(), await findFreePort()];
  const env = { FIONA_DATA_DIR: dir, FIONA_HTTP_HOST: '127.0.0.1', FIONA_DICOM_HOST: '127.0.0.1', FIONA_ADMIN_PASSWORD: PASSWORD };
  const first = await spawnFionaServe({ ...env, FIONA_HTTP_PORT: String(httpPort), FIONA_DICOM_PORT: String(dicomPort) }, httpPort);
  children.add(first);
  try {
    const second = await runFiona(['serve', '--role', 'worker'], { ...env, FIONA_HTTP_PORT: '0', FIONA_DICOM_PORT: '0', FIONA_LOG_LEVEL: 'warn' });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`another fiona serve (pid ${first.pid} on`);
    expect(second.stderr).toContain('SQLite serves one process');
    // The command line still shares the file, and the first keeps serving.
    expect((await runFiona(['migrate'], env)).code).toBe(0);
    expect((await fetch(`http://127.0.0.1:${httpPort}/api/health`)).status).toBe(200);
  } finally {
    first.kill('SIGTERM');
    await new Promise((r) => first.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
});
