// Exports end to end with real peers: studies forwarded (de-identified) into a real Orthanc, then exported
// through the API — read back with C-GET into a zip in the project's layout (compared byte for byte with
// what Orthanc holds), NIfTI through dcm2niix (header checked, equal to dcm2niix run by hand on the same
// files), resumable download, permissions across projects and roles, audit, bad input, the PACS going away.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetOffset } from '../src/dicom/meta.js';
import { parseDicom } from '../src/dicom/parse.js';
import { findText } from '../src/dicom/values.js';
import { runFiona, startTestFiona, tempDir, TESTDATA, type TestFiona } from './support/fiona.js';
import { startOrthanc, type RunningOrthanc } from './support/orthanc.js';
import { adminToken, apiCaller, projectFor, storescu, uniqueUid, until, waitForStudy, waitForTransfer, writeStudy } from './support/forwarding.js';
import { readZip } from './support/zip.js';

const MR = join(TESTDATA, 'studies/siemens_pseudophi_tcia_body_mr');

let orthanc: RunningOrthanc;
let fiona: TestFiona;
let call: ReturnType<typeof apiCaller>;
const work = tempDir('fiona-export-');

interface ExportJson { id: string; status: string; progress: number; files: number; bytes: number; sha256: string | null; error: string | null; instancesTotal: number }


async function runExport(project: string, body: Record<string, unknown>, as = call): Promise<ExportJson> {
  const res = await as('POST', `/api/projects/${project}/exports`, body);
  expect(res.statusCode, res.body).toBe(202);
  const id = (res.json() as ExportJson).id;
  return until(`export ${id} ends`, async () => {
    const job = (await as('GET', `/api/exports/${id}`)).json() as ExportJson;
    return job.status === 'done' || job.status === 'failed' ? job : undefined;
  }, 120_000, 300);
}

async function download(id: string, headers: Record<string, string> = {}) {
  return fiona.http.inject({ method: 'GET', url: `/api/exports/${id}/download`, headers: { authorization: `Bearer ${token}`, ...headers } });
}

const sopOf = (file: Buffer) => {
  const parsed = parseDicom(file);
  return findText(parsed.buffer, parsed.dataset, 0x00080018)!.trim();
};

let token: string;
const ctStudy = uniqueUid();

beforeAll(async () => {
  orthanc = await startOrthanc({ aeTitle: 'RESEARCH' });
  fiona = await startTestFiona({ 'forward.retryBaseSeconds': 0.5, 'forward.retryMaxSeconds': 2, 'forward.reconcileMinutes': 0, 'export.leaseSeconds': 10, 'export.minFreeMegabytes': 1 });
  token = await adminToken(fiona);
  call = apiCaller(fiona, token);
  for (const name of ['ExpMain', 'ExpOther']) expect((await call('POST', '/api/projects', projectFor(orthanc, name))).statusCode).toBe(201);

  // One real MR series and a generated CT study with two series, forwarded de-identified to the PACS.
  const ctFiles = writeStudy(join(work, 'ct'), { studyUid: ctStudy, series: [{ uid: `${ctStudy}.1`, count: 3, number: 1 }, { uid: `${ctStudy}.2`, count: 2, number: 2 }], patientId: 'CT-SRC', studyDate: '20240301' });
  // Ten slices of the real MR series keep the forwarding (pixel and header stages) short on a loaded machine.
  const mrDir = join(work, 'mr');
  mkdirSync(mrDir, { recursive: true });
  for (const f of readdirSync(MR).filter((n) => n.endsWith('.dcm')).sort().slice(0, 10)) writeFileSync(join(mrDir, f), readFileSync(join(MR, f)));
  const mrFirst = parseDicom(readFileSync(join(mrDir, readdirSync(mrDir)[0])));
  const mrStudy = findText(mrFirst.buffer, mrFirst.dataset, 0x0020000d)!.trim();
  await storescu(fiona.dicomPort(), [mrDir, join(work, 'ct')]);
  await waitForStudy(fiona, mrStudy, 10, false);
  await waitForStudy(fiona, ctStudy, ctFiles.length, false);
  for (const [uid, participant, event] of [[mrStudy, 'P-001', 'baseline'], [ctStudy, 'P-002', 'followup']]) {
    expect((await call('POST', `/api/studies/${uid}/assign`, { project: 'ExpMain', participant, event })).statusCode).toBe(202);
  }
  await waitForTransfer(call, mrStudy, 'done', undefined, 240_000);
  await waitForTransfer(call, ctStudy, 'done', undefined, 240_000);
}, 600_000);

afterAll(async () => {
  await fiona?.close();
  await orthanc?.remove();
  rmSync(work, { recursive: true, force: true });
});

describe('export as a zip in the project layout', () => {
  const layout = '{participant}/{event}/{modality}/{seriesNumber}_{seriesDescription}/{instanceNumber:3}.dcm';

  it('previews the first paths without retrieving anything', async () => {
    const res = await call('POST', '/api/projects/ExpMain/exports/preview', { layout, filter: { participants: ['P-002'] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().paths).toEqual([1, 2, 3].map((n) => `P-002/followup/CT/1_none/00${n}.dcm`).concat([1, 2].map((n) => `P-002/followup/CT/2_none/00${n}.dcm`)));
  });

  it('writes every instance the PACS holds, byte for byte, with a manifest, and downloads in ranges', async () => {
    const job = await runExport('ExpMain', { format: 'zip', layout, transforms: { replaceInIds: [{ from: '-', to: '_' }] } });
    expect(job.status, job.error ?? '').toBe('done');
    const res = await download(job.id);
    expect(res.statusCode).toBe(200);
    const body = res.rawPayload;
    expect(createHash('sha256').update(body).digest('hex')).toBe(job.sha256);
    expect(res.headers['x-content-sha256']).toBe(job.sha256);
    const entries = await readZip(body);
    const dicom = [...entries.keys()].filter((p) => p.endsWith('.dcm')).sort();
    const orthancIds = await orthanc.rest<string[]>('/instances');
    expect(dicom).toHaveLength(orthancIds.length);
    expect(dicom.filter((p) => p.startsWith('P_002/followup/CT/1_none/'))).toEqual(['001', '002', '003'].map((n) => `P_002/followup/CT/1_none/${n}.dcm`));
    expect(dicom.every((p) => /^P_00[12]\/(baseline|followup)\/(MR|CT)\/\d+_[^/]+\/\d{3}\.dcm$/.test(p))).toBe(true);
    // Each file is the instance Orthanc holds, byte for byte after the file meta.
    for (const id of orthancIds) {
      const theirs = await orthanc.rest<Buffer>(`/instances/${id}/file`);
      const sop = sopOf(theirs);
      const ours = [...entries.entries()].find(([p, b]) => p.endsWith('.dcm') && sopOf(b) === sop);
      expect(ours, sop).toBeDefined();
      expect(ours![1].subarray(datasetOffset(ours![1])).equals(theirs.subarray(datasetOffset(theirs)))).toBe(true);
    }
    const sums = entries.get('SHA256SUMS')!.toString().trim().split('\n');
    expect(sums).toHaveLength(entries.size - 1); // every entry but SHA256SUMS itself, manifest.json included
    for (const line of sums) {
      const [hash, path] = line.split('  ');
      expect(createHash('sha256').update(entries.get(path)!).digest('hex')).toBe(hash);
    }
    const manifest = JSON.parse(entries.get('manifest.json')!.toString());
    expect(manifest.instances).toBe(orthancIds.length);

    const part = await download(job.id, { range: 'bytes=100-1099' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-1099/${body.length}`);
    expect(part.rawPayload.equals(body.subarray(100, 1100))).toBe(true);
    expect((await download(job.id, { range: `bytes=${body.length}-` })).statusCode).toBe(416);

    const audit = (await call('GET', `/api/audit?project=ExpMain&limit=500`)).json() as Array<{ action: string; target: string }>;
    expect(audit.filter((a) => a.target === job.id).map((a) => a.action)).toEqual(expect.arrayContaining(['export.create', 'export.done', 'export.download']));
  });

  it('refuses layouts that escape the folder and unknown fields, naming the field', async () => {
    for (const bad of ['../{participant}/{instanceNumber}.dcm', '/abs/{instanceNumber}.dcm', '{participant}/{patientName}/{instanceNumber}.dcm']) {
      const res = await call('POST', '/api/projects/ExpMain/exports', { layout: bad });
      expect(res.statusCode, bad).toBe(422);
      expect(res.json().field).toBe('layout');
    }
  });
});

describe('NIfTI through dcm2niix', () => {
  it('converts the MR series like dcm2niix run by hand on the same files, keeping DICOM where it cannot', async () => {
    const job = await runExport('ExpMain', { format: 'nifti', layout: '{participant}/{event}/{modality}/{seriesNumber}_{seriesDescription}/{instanceNumber}.dcm', transforms: { cleanSeriesDescription: true } });
    expect(job.status, job.error ?? '').toBe('done');
    const entries = await readZip((await download(job.id)).rawPayload);
    const nifti = [...entries.keys()].filter((p) => p.endsWith('.nii.gz'));
    const mrNifti = nifti.filter((p) => p.startsWith('P-001/baseline/MR/'));
    expect(mrNifti).toHaveLength(1);
    const header = gunzipSync(entries.get(mrNifti[0])!);
    expect(header.readInt32LE(0)).toBe(348); // sizeof_hdr of NIfTI-1
    expect(header.toString('latin1', 344, 347)).toBe('n+1');
    expect(entries.has(mrNifti[0].replace(/\.nii\.gz$/, '.json'))).toBe(true);
    expect([...entries.keys()].some((p) => p.startsWith('P-001/') && p.endsWith('.dcm'))).toBe(false);

    // dcm2niix by hand on the DICOM files the zip export holds for the same series.
    const zipJob = await runExport('ExpMain', { format: 'zip', filter: { participants: ['P-001'] } });
    const dicom = await readZip((await download(zipJob.id)).rawPayload);
    const byHand = join(work, 'by-hand');
    mkdirSync(join(byHand, 'in'), { recursive: true });
    for (const [p, b] of dicom) if (p.endsWith('.dcm')) writeFileSync(join(byHand, 'in', p.replace(/\//g, '_')), b);
    execFileSync('dcm2niix', ['-z', 'y', '-b', 'y', '-ba', 'y', '-f', 'x', '-o', byHand, join(byHand, 'in')], { stdio: 'ignore' });
    expect(gunzipSync(readFileSync(join(byHand, 'x.nii.gz'))).equals(header)).toBe(true);

    // Every CT series either converted or kept as DICOM with dcm2niix's reason in the manifest.
    const manifest = JSON.parse(entries.get('manifest.json')!.toString()) as { unconverted: Array<{ path: string; reason: string }> };
    for (const series of ['P-002/followup/CT/1_none', 'P-002/followup/CT/2_none']) {
      const converted = nifti.some((p) => p.startsWith(`${series}/`));
      const kept = [...entries.keys()].some((p) => p.startsWith(`${series}/`) && p.endsWith('.dcm'));
      expect(converted !== kept, series).toBe(true);
      if (kept) expect(manifest.unconverted.find((u) => u.path === series)?.reason).toBeTruthy();
    }
  });
});

describe('fiona export', () => {
  it('writes the zip of the selected participant in the given layout, and audits it', async () => {
    const out = join(work, 'cli.zip');
    const result = await runFiona(['export', '--project', 'ExpMain', '--participant', 'P-002', '--layout', '{participant}/{seriesNumber}/{instanceNumber}.dcm', '--out', out], { FIONA_DATA_DIR: fiona.dataDir, FIONA_LOG_LEVEL: 'silent' });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/cli\.zip: 7 files, \d+ bytes, sha256 [0-9a-f]{64}/);
    const entries = await readZip(readFileSync(out));
    expect([...entries.keys()].sort()).toEqual(['P-002/1/1.dcm', 'P-002/1/2.dcm', 'P-002/1/3.dcm', 'P-002/2/1.dcm', 'P-002/2/2.dcm', 'SHA256SUMS', 'manifest.json']);
    const audit = (await call('GET', '/api/audit?project=ExpMain&limit=500')).json() as Array<{ action: string; actor: { via: string } }>;
    expect(audit.some((a) => a.action === 'export.done' && JSON.stringify(a).includes('"cli"'))).toBe(true);
  });
});

describe('who may export', () => {
  it('lets members with data:export export their projects only, and audits a denial', async () => {
    const users: Record<string, ReturnType<typeof apiCaller>> = {};
    for (const [username, project, role] of [['exp-dm', 'ExpOther', 'data-manager'], ['exp-viewer', 'ExpMain', 'viewer']]) {
      await fiona.services.auth.createUser({ username, password: 'correct horse battery staple', isAdmin: false }, { userId: null, username: 'test', via: 'system' });
      users[username] = apiCaller(fiona, (await fiona.services.auth.createToken(username, 'tests', { userId: null, username: 'test', via: 'system' })).secret);
      expect((await call('POST', `/api/projects/${project}/members`, { username, role })).statusCode).toBe(201);
    }
    expect((await users['exp-dm']('POST', '/api/projects/ExpMain/exports', {})).statusCode).toBe(404);
    expect((await users['exp-viewer']('POST', '/api/projects/ExpMain/exports', {})).statusCode).toBe(403);
    const mine = (await call('GET', '/api/exports?project=ExpMain')).json() as ExportJson[];
    expect(mine.length).toBeGreaterThan(0);
    expect((await users['exp-dm']('GET', `/api/exports/${mine[0].id}`)).statusCode).toBe(404);
    expect((await users['exp-dm']('GET', '/api/exports')).json()).toEqual([]);
    expect((await users['exp-viewer']('GET', `/api/exports/${mine[0].id}/download`)).statusCode).toBe(403);
    // Nothing of ExpMain is in ExpOther's research record, so its export finds nothing.
    const other = await runExport('ExpOther', {}, users['exp-dm']);
    expect(other.status).toBe('failed');
    expect(other.error).toMatch(/nothing matches/);
  });
});

describe('a research PACS that goes away', () => {
  it('fails the export with a clear error and leaves no partial file', async () => {
    await orthanc.stop();
    try {
      const job = await runExport('ExpMain', { format: 'zip' });
      expect(job.status).toBe('failed');
      expect(job.error).toMatch(/research PACS RESEARCH at 127\.0\.0\.1:\d+: cannot connect/);
      expect(readdirSync(join(fiona.dataDir, 'exports')).filter((f) => f.includes(job.id))).toEqual([]);
    } finally {
      await orthanc.restart();
    }
  });
});
