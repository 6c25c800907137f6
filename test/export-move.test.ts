// Exports from a research PACS read with C-MOVE (for a PACS without C-GET), against a real Orthanc that
// knows Fiona's export AE as a modality: the instances arrive on Fiona's separate C-MOVE receiver, land in
// the zip byte for byte and never in the quarantine; the receiver refuses instances no export asked for;
// a PACS that does not know the export AE fails the export with a clear error.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { datasetOffset } from '../src/dicom/meta.js';
import { findFreePort, runDcmtk } from './support/dcmtk.js';
import { startTestFiona, tempDir, type TestFiona } from './support/fiona.js';
import { adminToken, apiCaller, projectFor, until, uniqueUid, writeStudy } from './support/forwarding.js';
import { startOrthanc, type RunningOrthanc } from './support/orthanc.js';

let orthanc: RunningOrthanc;
let fiona: TestFiona;
let call: ReturnType<typeof apiCaller>;
let token: string;
let movePort: number;
const work = tempDir('fiona-export-move-');
const studyUid = uniqueUid();
let files: string[];

interface ExportJson { id: string; status: string; error: string | null }

async function entriesOf(buffer: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z))));
  const out = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) =>
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        const parts: Buffer[] = [];
        stream.on('data', (c: Buffer) => parts.push(c));
        stream.on('end', () => {
          out.set(entry.fileName, Buffer.concat(parts));
          zip.readEntry();
        });
      }),
    );
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  return out;
}

async function runExport(): Promise<ExportJson> {
  const res = await call('POST', '/api/projects/MoveMain/exports', { format: 'zip', layout: '{participant}/{seriesNumber}/{instanceNumber}.dcm' });
  expect(res.statusCode, res.body).toBe(202);
  const id = (res.json() as ExportJson).id;
  return until(`export ${id} ends`, async () => {
    const job = (await call('GET', `/api/exports/${id}`)).json() as ExportJson;
    return job.status === 'done' || job.status === 'failed' ? job : undefined;
  }, 60_000, 200);
}

beforeAll(async () => {
  movePort = await findFreePort();
  fiona = await startTestFiona({ 'forward.workers': 0, 'export.minFreeMegabytes': 1, 'export.move': { aet: 'FIONA_EXPORT', host: '127.0.0.1', port: movePort, pacs: ['RESEARCH'] } });
  // Orthanc knows Fiona as the one asking (FIONA) and as the move destination (FIONA_EXPORT on its own port).
  orthanc = await startOrthanc({ aeTitle: 'RESEARCH', modalities: { fiona: ['FIONA', '127.0.0.1', fiona.dicomPort()], fionaexport: ['FIONA_EXPORT', '127.0.0.1', movePort] } });
  files = writeStudy(join(work, 'in'), { studyUid, series: [{ uid: `${studyUid}.1`, count: 3, number: 1 }, { uid: `${studyUid}.2`, count: 2, number: 2 }], pixelBytes: 100_000 });
  for (const f of files) await orthanc.rest('/instances', { method: 'POST', body: readFileSync(f) });
  token = await adminToken(fiona);
  call = apiCaller(fiona, token);
  expect((await call('POST', '/api/projects', projectFor(orthanc, 'MoveMain'))).statusCode).toBe(201);
  await fiona.db.kysely.insertInto('imaging_records').values({ project_name: 'MoveMain', research_study_uid: studyUid, participant_id: 'P-001', event_name: 'baseline', study_date: '20240101' }).execute();
}, 60_000);

afterAll(async () => {
  await fiona?.close();
  await orthanc?.remove();
  rmSync(work, { recursive: true, force: true });
});

const quarantined = async () => Number((await fiona.db.kysely.selectFrom('instances').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);

describe('export with C-MOVE', () => {
  it('moves the study to the export AE, writes the zip byte for byte, and nothing reaches the quarantine', async () => {
    const job = await runExport();
    expect(job.status, job.error ?? '').toBe('done');
    const res = await fiona.http.inject({ method: 'GET', url: `/api/exports/${job.id}/download`, headers: { authorization: `Bearer ${token}` } });
    const entries = await entriesOf(res.rawPayload);
    expect([...entries.keys()].filter((p) => p.endsWith('.dcm')).sort()).toEqual(['P-001/1/1.dcm', 'P-001/1/2.dcm', 'P-001/1/3.dcm', 'P-001/2/1.dcm', 'P-001/2/2.dcm']);
    for (const id of await orthanc.rest<string[]>('/instances')) {
      const theirs = await orthanc.rest<Buffer>(`/instances/${id}/file`);
      const tags = await orthanc.rest<{ SeriesNumber: string; InstanceNumber: string }>(`/instances/${id}/simplified-tags`);
      const ours = entries.get(`P-001/${tags.SeriesNumber.trim()}/${tags.InstanceNumber.trim()}.dcm`)!;
      expect(ours.subarray(datasetOffset(ours)).equals(theirs.subarray(datasetOffset(theirs)))).toBe(true);
    }
    expect(await quarantined()).toBe(0);
  });

  it('refuses instances no export asked for', async () => {
    const sent = await runDcmtk('storescu', ['-v', '-aec', 'FIONA_EXPORT', '-aet', 'INTRUDER', '127.0.0.1', String(movePort), files[0]], { timeoutMs: 30_000 });
    expect(`${sent.stdout}\n${sent.stderr}`).toMatch(/Received Store Response \(Unknown Status: 0x124\)/);
    expect(await quarantined()).toBe(0);
  });

  it('fails clearly when the PACS does not know the export AE', async () => {
    await orthanc.rest('/modalities/fionaexport', { method: 'DELETE' });
    try {
      const job = await runExport();
      expect(job.status).toBe('failed');
      expect(job.error).toMatch(/research PACS RESEARCH at 127\.0\.0\.1:\d+ answered C-MOVE of series .* to FIONA_EXPORT with status 0x(a801|c000) \(0 sent, 0 failed\); is FIONA_EXPORT \(Fiona's export AE\) among the PACS's known destinations\?/);
    } finally {
      await orthanc.rest('/modalities/fionaexport', { method: 'PUT', body: JSON.stringify({ AET: 'FIONA_EXPORT', Host: '127.0.0.1', Port: movePort }) });
    }
  });
});
