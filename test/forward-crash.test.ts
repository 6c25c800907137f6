// Fiona killed (SIGKILL) in the middle of a transfer: after a restart on the same data dir the transfer's
// lease runs out, the new process takes it over and finishes it; the research PACS ends up with every
// instance exactly once.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import { findFreePort } from './support/dcmtk.js';
import { spawnFionaServe, tempDir } from './support/fiona.js';
import { startOrthanc, type RunningOrthanc } from './support/orthanc.js';
import { orthancInstanceCount, orthancStudies, projectFor, storescu, uniqueUid, until, writeStudy, type TransferJson } from './support/forwarding.js';

const PASSWORD = 'crash test password 42';
let orthanc: RunningOrthanc | undefined;
let child: ChildProcess | undefined;
const dataDir = tempDir('fiona-crash-');

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await orthanc?.remove();
  rmSync(dataDir, { recursive: true, force: true });
});

async function session(base: string) {
  const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${base}${path}`, { method, headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    return { status: r.status, json: (await r.json().catch(() => null)) as unknown };
  };
}

it('resumes a transfer after Fiona is killed in the middle of it', { timeout: 240_000 }, async () => {
  orthanc = await startOrthanc({ aeTitle: 'RESEARCH' });
  const [httpPort, dicomPort] = [await findFreePort(), await findFreePort()];
  const env = {
    FIONA_DATA_DIR: dataDir,
    FIONA_HTTP_PORT: String(httpPort),
    FIONA_HTTP_HOST: '127.0.0.1',
    FIONA_DICOM_PORT: String(dicomPort),
    FIONA_DICOM_HOST: '127.0.0.1',
    FIONA_ARRIVAL_QUIET_SECONDS: '1',
    FIONA_FORWARD_LEASE_SECONDS: '3',
    FIONA_FORWARD_RETRY_BASE_SECONDS: '0.5',
    FIONA_ADMIN_PASSWORD: PASSWORD,
  };
  const base = `http://127.0.0.1:${httpPort}`;
  child = await spawnFionaServe(env, httpPort);
  let call = await session(base);
  expect((await call('POST', '/api/projects', projectFor(orthanc, 'CrashTest'))).status).toBe(201);

  const count = 200;
  const studyUid = uniqueUid();
  const dir = join(dataDir, '..', `crash-src-${Date.now()}`);
  writeStudy(dir, { studyUid, series: [{ uid: `${studyUid}.1`, count: 100, number: 1 }, { uid: `${studyUid}.2`, count: 100, number: 2 }], pixelBytes: 256 * 1024 });
  try {
    await storescu(dicomPort, [dir]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await until('the study in the quarantine', async () => {
    const list = (await call('GET', '/api/studies')).json as Array<{ studyInstanceUid: string; instanceCount: number }>;
    return list.some((s) => s.studyInstanceUid === studyUid && s.instanceCount === count);
  });
  const assigned = await call('POST', `/api/studies/${studyUid}/assign`, { project: 'CrashTest', participant: 'P-100', event: 'baseline' });
  expect(assigned.status).toBe(202);
  const transfer = async () => ((await call('GET', `/api/transfers?studyInstanceUid=${studyUid}`)).json as TransferJson[])[0];
  const midway = await until('part of the study sent', async () => {
    const t = await transfer();
    return t && t.status === 'running' && t.instancesSent >= 50 ? t : undefined;
  }, 120_000, 50);
  child.kill('SIGKILL');
  await new Promise((r) => child!.once('close', r));
  expect(midway.instancesSent).toBeLessThan(count);

  child = await spawnFionaServe(env, httpPort);
  call = await session(base);
  const done = await until('the transfer to finish after the restart', async () => {
    const t = await transfer();
    return t && t.status === 'done' ? t : undefined;
  }, 180_000, 250);
  expect(done).toMatchObject({ instancesToSend: count, instancesSent: count, instancesConfirmed: count, error: null });
  expect(done.attempts).toBeGreaterThanOrEqual(2);
  const held = (await orthancStudies(orthanc)).find((s) => s.PatientMainDicomTags.PatientID === 'P-100')!;
  expect(held.Series).toHaveLength(2);
  expect(await orthancInstanceCount(orthanc, held)).toBe(count);
  child.kill('SIGTERM');
  await new Promise((r) => child!.once('close', r));
});
