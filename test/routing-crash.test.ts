// Arrival → routing survives a crash. `fiona serve` is killed (SIGKILL, injected with FIONA_TEST_FAULT)
// the moment routing of an arrived study begins: the study is marked arrived, nothing is routed yet. After
// a restart on the same data dir the study is routed as its coupling list says, without anyone sending it
// again. (Before routing was a claimed step, such a study stayed in the quarantine for good.)
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db/database.js';
import { findFreePort } from './support/dcmtk.js';
import { spawnFionaServe, tempDir } from './support/fiona.js';
import { storescu, uniqueUid, until, writeStudy, type TransferJson } from './support/forwarding.js';

const PASSWORD = 'routing crash password 7';
let child: ChildProcess | undefined;
const dataDir = tempDir('fiona-routing-crash-');

afterAll(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function session(base: string) {
  const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async (method: string, path: string, body?: unknown, contentType = 'application/json') => {
    const r = await fetch(`${base}${path}`, { method, headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': contentType } : {}) }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: r.status, json: (await r.json().catch(() => null)) as unknown };
  };
}

it('routes a study whose routing was cut off by a crash, after the restart', { timeout: 120_000 }, async () => {
  const [httpPort, dicomPort] = [await findFreePort(), await findFreePort()];
  const env = {
    FIONA_DATA_DIR: dataDir,
    FIONA_HTTP_PORT: String(httpPort),
    FIONA_HTTP_HOST: '127.0.0.1',
    FIONA_DICOM_PORT: String(dicomPort),
    FIONA_DICOM_HOST: '127.0.0.1',
    FIONA_ARRIVAL_QUIET_SECONDS: '1',
    FIONA_FORWARD_WORKERS: '0', // routing only: the transfer stays queued
    FIONA_FORWARD_LEASE_SECONDS: '2',
    FIONA_ADMIN_PASSWORD: PASSWORD,
  };
  const base = `http://127.0.0.1:${httpPort}`;
  child = await spawnFionaServe({ ...env, FIONA_TEST_FAULT: 'crash-before-routing' }, httpPort);
  let call = await session(base);
  expect((await call('POST', '/api/projects', { name: 'RouteCrash', participantPattern: 'P-\\d{3}', events: ['baseline'], destination: { aet: 'NOWHERE', host: '127.0.0.1', port: 9 }, status: 'active' })).status).toBe(201);
  const coupling = await call('POST', '/api/projects/RouteCrash/coupling-list', 'ACC-RC-1,P-001,baseline\n', 'text/csv');
  expect(coupling).toMatchObject({ status: 200, json: { imported: 1, assigned: [] } });

  const studyUid = uniqueUid();
  const dir = join(dataDir, '..', `routing-crash-src-${Date.now()}`);
  writeStudy(dir, { studyUid, accessionNumber: 'ACC-RC-1', series: [{ uid: `${studyUid}.1`, count: 2, number: 1 }] });
  const died = new Promise<NodeJS.Signals | null>((resolve) => child!.once('exit', (_code, signal) => resolve(signal)));
  try {
    await storescu(dicomPort, [dir]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  expect(await died).toBe('SIGKILL');

  // Killed between the two: the study is marked arrived, and nothing was routed.
  const db = await openDatabase(`sqlite:${join(dataDir, 'fiona.sqlite')}`);
  try {
    const study = await db.kysely.selectFrom('studies').select(['arrived_at', 'routing_status']).where('study_instance_uid', '=', studyUid).executeTakeFirstOrThrow();
    expect(study.arrived_at).not.toBeNull();
    expect(study.routing_status).toBe('running');
    expect(await db.kysely.selectFrom('transfers').selectAll().execute()).toEqual([]);
    expect(await db.kysely.selectFrom('assignments').selectAll().execute()).toEqual([]);
  } finally {
    await db.close();
  }

  child = await spawnFionaServe(env, httpPort);
  call = await session(base);
  const transfer = await until('the study routed after the restart', async () => ((await call('GET', `/api/transfers?studyInstanceUid=${studyUid}`)).json as TransferJson[])[0], 30_000, 200);
  expect(transfer).toMatchObject({ project: 'RouteCrash', participant: 'P-001', event: 'baseline', status: 'queued' });
  const studies = (await call('GET', '/api/studies')).json as Array<{ studyInstanceUid: string; routing: { status: string; attempts: number; error: string | null } }>;
  expect(studies.find((s) => s.studyInstanceUid === studyUid)?.routing).toMatchObject({ status: 'done', attempts: 2, error: null });
  child.kill('SIGTERM');
  await new Promise((r) => child!.once('close', r));
});
