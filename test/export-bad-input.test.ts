// Exports under bad conditions, with a real Orthanc as research PACS: more exports at once than a project may
// run (refused with a clear message, other projects unaffected), too little free disk to start, a disk that
// fills up mid-export (a real 1 MB tmpfs: the export fails saying so and leaves no partial file and no work
// folder; a DICOM zip export needs no work folder unless an instance is above the memory limit), and expiry
// (files removed, audited).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportWorker } from '../src/pipeline/export/export-worker.js';
import { exportsRepository } from '../src/pipeline/export/exports-repository.js';
import { exportFile, exportsDir } from '../src/pipeline/export/exports-service.js';
import { runExport, type ExportRunInput } from '../src/pipeline/export/run-export.js';
import { imagingRecordsRepository } from '../src/pipeline/forward/imaging-records-repository.js';
import { silentLogger } from '../src/platform/logger.js';
import { startTestFiona, tempDir, type TestFiona } from './support/fiona.js';
import { adminToken, apiCaller, projectFor, uniqueUid, writeStudy } from './support/forwarding.js';
import { startOrthanc, type RunningOrthanc } from './support/orthanc.js';

let orthanc: RunningOrthanc;
let fiona: TestFiona;
let call: ReturnType<typeof apiCaller>;
let token: string;
const work = tempDir('fiona-export-bad-');
const small = join(work, 'small-disk');
const studyUid = uniqueUid();

beforeAll(async () => {
  orthanc = await startOrthanc({ aeTitle: 'RESEARCH' });
  // About 2 MB of pixels in two series: more than the 1 MB disk below holds.
  const files = writeStudy(join(work, 'in'), { studyUid, series: [{ uid: `${studyUid}.1`, count: 3, number: 1 }, { uid: `${studyUid}.2`, count: 2, number: 2 }], pixelBytes: 400_000 });
  for (const f of files) await orthanc.rest('/instances', { method: 'POST', body: readFileSync(f) });
  // No export worker: requested exports stay queued, as when two large ones are running.
  fiona = await startTestFiona({ 'forward.workers': 0, 'export.workers': 0, 'export.maxActivePerProject': 2, 'export.minFreeMegabytes': 1 });
  token = await adminToken(fiona);
  call = apiCaller(fiona, token);
  for (const name of ['BadMain', 'BadOther']) expect((await call('POST', '/api/projects', projectFor(orthanc, name))).statusCode).toBe(201);
  await fiona.db.kysely.insertInto('imaging_records').values({ project_name: 'BadMain', research_study_uid: studyUid, participant_id: 'P-001', event_name: 'baseline', study_date: '20240101' }).execute();
  mkdirSync(small);
  // A real small file system (we run as root): writes past 1 MB fail with ENOSPC.
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', small]);
}, 60_000);

afterAll(async () => {
  if (existsSync(small)) execFileSync('umount', [small]);
  await fiona?.close();
  await orthanc?.remove();
  rmSync(work, { recursive: true, force: true });
});

async function input(changes: Partial<ExportRunInput>): Promise<ExportRunInput> {
  return {
    id: 'bad',
    project: 'BadMain',
    destination: { aet: 'RESEARCH', host: '127.0.0.1', port: orthanc.dicomPort },
    callingAet: 'FIONA',
    spec: { format: 'zip', layout: '{participant}/{seriesNumber}/{instanceNumber}.dcm', filter: {}, transforms: {} },
    records: await imagingRecordsRepository(fiona.db).list('BadMain'),
    workDir: join(work, 'run.work'),
    outFile: join(work, 'run.zip'),
    ...changes,
  };
}

describe('more exports than a project may run at once', () => {
  it('refuses the third with a clear message; another project is not affected', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await call('POST', '/api/projects/BadMain/exports', {});
      expect(res.statusCode, res.body).toBe(202);
      ids.push(res.json().id as string);
    }
    const third = await call('POST', '/api/projects/BadMain/exports', {});
    expect(third.statusCode).toBe(409);
    expect(third.body).toContain('BadMain already has 2 exports queued or running (at most 2 at once); wait for one to end or cancel one');
    const other = await call('POST', '/api/projects/BadOther/exports', {});
    expect(other.statusCode).toBe(202);
    // Cancelling one makes room again.
    expect((await fiona.http.inject({ method: 'DELETE', url: `/api/exports/${ids[0]}`, headers: { authorization: `Bearer ${token}` } })).json()).toEqual({ outcome: 'cancelled' });
    expect((await call('POST', '/api/projects/BadMain/exports', {})).statusCode).toBe(202);
  });
});

describe('disk space', () => {
  it('does not start without the configured free space', async () => {
    const run = await input({ id: 'nospace', minFreeBytes: Number.MAX_SAFE_INTEGER });
    await expect(runExport(run, () => {})).rejects.toThrow(/^only \d+ MB free in the export folder; at least \d+ MB are needed to start$/);
    expect(existsSync(run.outFile)).toBe(false);
    expect(existsSync(`${run.outFile}.part`)).toBe(false);
  });

  it('fails when the disk fills up while the zip is written, removing the partial zip', async () => {
    const run = await input({ id: 'fullzip', outFile: join(small, 'full.zip'), workDir: join(work, 'fullzip.work') });
    await expect(runExport(run, () => {})).rejects.toThrow('the disk is full; the partial export was removed');
    expect(readdirSync(small)).toEqual([]);
    expect(existsSync(run.workDir)).toBe(false);
  });

  it('fails when the disk fills up while a NIfTI export takes series into its work folder, removing what was retrieved', async () => {
    const run = await input({ id: 'fullwork', spec: { format: 'nifti', layout: '{participant}/{seriesNumber}/{instanceNumber}.dcm', filter: {}, transforms: {} }, outFile: join(work, 'fullwork.zip'), workDir: join(small, 'fullwork.work') });
    await expect(runExport(run, () => {})).rejects.toThrow('the disk is full; the partial export was removed');
    expect(readdirSync(small)).toEqual([]);
    expect(existsSync(`${run.outFile}.part`)).toBe(false);
  });

  it('a DICOM zip export writes instances straight into the archive: a full work disk does not matter', async () => {
    const run = await input({ id: 'direct', outFile: join(work, 'direct.zip'), workDir: join(small, 'direct.work') });
    const outcome = await runExport(run, () => {});
    expect(outcome.instances).toBe(5);
    expect(existsSync(run.outFile)).toBe(true);
    expect(readdirSync(small)).toEqual([]);
  });

  it('an instance above the memory limit goes through a spill file, removed once archived: five 400 KB instances pass a 1 MB work disk', async () => {
    const run = await input({ id: 'spill', instanceMemoryLimit: 64 * 1024, outFile: join(work, 'spill.zip'), workDir: join(small, 'spill.work') });
    const outcome = await runExport(run, () => {});
    expect(outcome.instances).toBe(5);
    expect(outcome.bytes).toBeGreaterThan(2_000_000);
    expect(readdirSync(small)).toEqual([]);
  });

  it('still exports normally on a disk with room (the study itself is fine)', async () => {
    const run = await input({ id: 'fine', outFile: join(work, 'fine.zip'), workDir: join(work, 'fine.work') });
    const outcome = await runExport(run, () => {});
    expect(outcome.instances).toBe(5);
    expect(existsSync(run.outFile)).toBe(true);
  });
});

describe('expiry', () => {
  it('removes the file of an export whose time is up, marks it expired and audits it', async () => {
    const exports = exportsRepository(fiona.db);
    // The queued exports of the tests above would be claimed first.
    await fiona.db.kysely.updateTable('exports').set({ status: 'cancelled' }).where('status', 'in', ['queued', 'running']).execute();
    const job = await exports.create({ project: 'BadMain', requestedBy: null, requestedByName: 'test', spec: { format: 'zip', layout: '{instanceNumber}.dcm', filter: {}, transforms: {} } }, new Date());
    const claimed = await exports.claim('expiry-test', 60_000, new Date());
    expect(claimed?.id).toBe(job.id);
    mkdirSync(exportsDir(fiona.dataDir), { recursive: true });
    writeFileSync(exportFile(fiona.dataDir, job.id), 'zip');
    expect(await exports.finish(job.id, 'expiry-test', { status: 'done', error: null, files: 1, bytes: 3, sha256: 'x', expiresAt: new Date(Date.now() - 1000).toISOString() }, new Date())).toBe(true);
    const worker = new ExportWorker(
      { exports, records: imagingRecordsRepository(fiona.db), projects: { find: async () => undefined }, audit: fiona.services.audit, logger: silentLogger, dataDir: fiona.dataDir, callingAet: 'FIONA', outboxes: {} },
      { concurrency: 1, leaseMs: 60_000, expiryMs: 1000, minFreeBytes: 0, maxAttempts: 1 },
    );
    expect(await worker.expire()).toBeGreaterThanOrEqual(1);
    expect(existsSync(exportFile(fiona.dataDir, job.id))).toBe(false);
    expect((await exports.get(job.id))?.status).toBe('expired');
    const audit = (await call('GET', '/api/audit?project=BadMain&limit=200')).json() as Array<{ action: string; target: string }>;
    expect(audit.some((a) => a.action === 'export.expired' && a.target === job.id)).toBe(true);
  });
});
