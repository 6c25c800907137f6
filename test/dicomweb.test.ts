// DICOMweb per project, with a real DICOMweb client (the dicomweb-client npm package, on xhr2 in Node)
// against a study Fiona forwarded into a real Orthanc: QIDO answers and WADO bytes match what the research
// PACS holds; another project's member gets 404; STOW-RS lands in the quarantine through the same durable
// store as C-STORE (a copy already received by C-STORE is recognised as identical) and reaches Assign.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDicom } from '../src/dicom/parse.js';
import { findElement, findText, rawValue } from '../src/dicom/values.js';
import { instancePath } from '../src/pipeline/quarantine/layout.js';
import { startTestFiona, tempDir, type TestFiona } from './support/fiona.js';
import { startOrthanc, type RunningOrthanc } from './support/orthanc.js';
import { adminToken, apiCaller, orthancStudies, projectFor, storescu, uniqueUid, waitForStudy, waitForTransfer, writeStudy, type OrthancStudy } from './support/forwarding.js';
import { testFile } from './support/testdata.js';

const require = createRequire(import.meta.url);
(globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = require('xhr2');
const { api } = require('dicomweb-client') as { api: { DICOMwebClient: new (options: { url: string; headers?: Record<string, string> }) => DicomwebClient } };

interface DicomwebClient {
  searchForStudies(o?: { queryParams?: Record<string, string> }): Promise<Array<Record<string, { Value?: unknown[] }>>>;
  searchForSeries(o: { studyInstanceUID: string }): Promise<Array<Record<string, { Value?: unknown[] }>>>;
  searchForInstances(o: { studyInstanceUID: string; seriesInstanceUID?: string }): Promise<Array<Record<string, { Value?: unknown[] }>>>;
  retrieveInstance(o: { studyInstanceUID: string; seriesInstanceUID: string; sopInstanceUID: string }): Promise<ArrayBuffer>;
  retrieveSeries(o: { studyInstanceUID: string; seriesInstanceUID: string }): Promise<ArrayBuffer[]>;
  retrieveStudyMetadata(o: { studyInstanceUID: string }): Promise<Array<Record<string, { vr: string; Value?: unknown[]; BulkDataURI?: string }>>>;
  retrieveInstanceFrames(o: { studyInstanceUID: string; seriesInstanceUID: string; sopInstanceUID: string; frameNumbers: number[] }): Promise<ArrayBuffer[]>;
  retrieveInstanceRendered(o: { studyInstanceUID: string; seriesInstanceUID: string; sopInstanceUID: string; mediaTypes: Array<{ mediaType: string }> }): Promise<ArrayBuffer | ArrayBuffer[]>;
  storeInstances(o: { datasets: ArrayBuffer[] }): Promise<unknown>;
}

/** The dataset of a Part-10 file, without Dataset Trailing Padding (DCMTK leaves it out when it sends). */
function datasetOf(file: Buffer): Buffer {
  const dataset = file.subarray(132 + 12 + file.readUInt32LE(140));
  const padding = dataset.indexOf(Buffer.from([0xfc, 0xff, 0xfc, 0xff, 0x4f, 0x42, 0, 0]));
  return padding >= 0 ? dataset.subarray(0, padding) : dataset;
}
const value = (attr: Record<string, { Value?: unknown[] }>, tag: string) => attr[tag]?.Value?.[0];
const arrayBuffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

let orthanc: RunningOrthanc;
let fiona: TestFiona;
let call: ReturnType<typeof apiCaller>;
let base: string;
const tokens: Record<string, string> = {};
const work = tempDir('fiona-dicomweb-');
let held: OrthancStudy;

async function member(username: string, project: string, role: string): Promise<string> {
  await fiona.services.auth.createUser({ username, password: 'a long enough password 1' }, { userId: null, username: null, via: 'system' });
  const added = await call('POST', `/api/projects/${project}/members`, { username, role });
  expect(added.statusCode, added.body).toBe(201);
  return (await fiona.services.auth.createToken(username, 'dicomweb', { userId: null, username: 'test', via: 'system' })).secret;
}

const client = (project: string, who: string) => new api.DICOMwebClient({ url: `${base}/dicomweb/${project}`, headers: { Authorization: `Bearer ${tokens[who]}` } });

beforeAll(async () => {
  orthanc = await startOrthanc({ aeTitle: 'RESEARCH' });
  fiona = await startTestFiona({ 'forward.retryBaseSeconds': 0.5, 'forward.leaseSeconds': 10, 'forward.reconcileMinutes': 0, 'upload.maxFileBytes': 70_000 });
  base = `http://127.0.0.1:${fiona.httpPort()}`;
  call = apiCaller(fiona, await adminToken(fiona));
  for (const name of ['WebOne', 'WebTwo']) {
    const created = await call('POST', '/api/projects', projectFor(orthanc, name));
    expect(created.statusCode, created.body).toBe(201);
  }
  tokens.viewer = await member('dw-viewer', 'WebOne', 'viewer');
  tokens.entry = await member('dw-entry', 'WebOne', 'data-entry');
  tokens.other = await member('dw-other', 'WebTwo', 'owner');

  // A study of two series (generated) forwarded to the research PACS for WebOne.
  const studyUid = uniqueUid();
  const files = writeStudy(join(work, 'study'), { studyUid, series: [{ uid: `${studyUid}.1`, count: 3, number: 1 }, { uid: `${studyUid}.2`, count: 2, number: 2 }], patientId: 'DWPAT', patientName: 'Web^Patient' });
  await storescu(fiona.dicomPort(), files);
  await waitForStudy(fiona, studyUid, files.length, false);
  expect((await call('POST', `/api/studies/${studyUid}/assign`, { project: 'WebOne', participant: 'P-001', event: 'baseline' })).statusCode).toBe(202);
  await waitForTransfer(call, studyUid, 'done');
  held = (await orthancStudies(orthanc)).find((s) => s.PatientMainDicomTags.PatientID === 'P-001')!;
  expect(held).toBeDefined();
}, 120_000);

afterAll(async () => {
  await fiona?.close();
  await orthanc?.remove();
  rmSync(work, { recursive: true, force: true });
});

describe('QIDO-RS and WADO-RS', () => {
  it('finds the study, its series and instances as the research PACS holds them', async () => {
    const dw = client('WebOne', 'viewer');
    const studies = await dw.searchForStudies();
    expect(studies.map((s) => value(s, '0020000D'))).toEqual([held.MainDicomTags.StudyInstanceUID]);
    expect(value(studies[0], '00100020')).toBe('P-001');
    expect(value(studies[0], '00201208')).toBe(5);
    const byId = await dw.searchForStudies({ queryParams: { PatientID: 'P-00*', includefield: 'StudyDescription' } });
    expect(byId).toHaveLength(1);
    expect(await dw.searchForStudies({ queryParams: { PatientID: 'nobody' } })).toEqual([]);
    const series = await dw.searchForSeries({ studyInstanceUID: held.MainDicomTags.StudyInstanceUID });
    expect(series.map((s) => value(s, '0020000E')).sort()).toEqual(
      (await Promise.all(held.Series.map((id) => orthanc.rest<{ MainDicomTags: Record<string, string> }>(`/series/${id}`)))).map((s) => s.MainDicomTags.SeriesInstanceUID).sort(),
    );
    const instances = await dw.searchForInstances({ studyInstanceUID: held.MainDicomTags.StudyInstanceUID });
    expect(instances).toHaveLength(5);
    const paged = await dw.searchForStudies({ queryParams: { limit: '1', offset: '1' } });
    expect(paged).toEqual([]);
  });

  it('retrieves instances, metadata, frames and a rendered image that match the research PACS', async () => {
    const dw = client('WebOne', 'viewer');
    const orthancInstances = await orthanc.rest<Array<{ ID: string; MainDicomTags: Record<string, string>; ParentSeries: string }>>(`/studies/${held.ID}/instances`);
    const one = orthancInstances[0];
    const seriesUid = (await orthanc.rest<{ MainDicomTags: Record<string, string> }>(`/series/${one.ParentSeries}`)).MainDicomTags.SeriesInstanceUID;
    const ref = { studyInstanceUID: held.MainDicomTags.StudyInstanceUID, seriesInstanceUID: seriesUid, sopInstanceUID: one.MainDicomTags.SOPInstanceUID };
    const file = Buffer.from(await dw.retrieveInstance(ref));
    const pacsFile = await orthanc.rest<Buffer>(`/instances/${one.ID}/file`);
    expect(Buffer.compare(datasetOf(file), datasetOf(pacsFile))).toBe(0);

    const series = await dw.retrieveSeries({ studyInstanceUID: ref.studyInstanceUID, seriesInstanceUID: seriesUid });
    expect(series.length).toBe(orthancInstances.filter((i) => i.ParentSeries === one.ParentSeries).length);

    const metadata = await dw.retrieveStudyMetadata({ studyInstanceUID: ref.studyInstanceUID });
    expect(metadata).toHaveLength(5);
    const meta = metadata.find((m) => value(m, '00080018') === ref.sopInstanceUID)!;
    expect(value(meta, '00100020')).toBe('P-001');
    expect(meta['7FE00010'].BulkDataURI).toContain(`/instances/${ref.sopInstanceUID}/bulk/7FE00010`);
    expect(JSON.stringify(metadata)).not.toContain('DWPAT');

    const [frame] = await dw.retrieveInstanceFrames({ ...ref, frameNumbers: [1] });
    const parsed = parseDicom(pacsFile);
    expect(Buffer.compare(Buffer.from(frame), rawValue(parsed.buffer, findElement(parsed.dataset, 0x7fe00010)!))).toBe(0);

    const rendered = await dw.retrieveInstanceRendered({ ...ref, mediaTypes: [{ mediaType: 'image/png' }] });
    const png = Buffer.from([rendered].flat()[0]); // this client version hands the body over in an array
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');

    const audit = await call('GET', '/api/audit?project=WebOne&action=dicomweb.retrieve');
    expect(audit.statusCode).toBe(200);
    expect(audit.json().length).toBeGreaterThan(0);
  });

  it('answers 404 to members of another project and to studies outside the project', async () => {
    const uid = held.MainDicomTags.StudyInstanceUID;
    const other = (url: string) => fetch(`${base}${url}`, { headers: { authorization: `Bearer ${tokens.other}` } });
    expect((await other('/dicomweb/WebOne/studies')).status).toBe(404);
    expect((await other(`/dicomweb/WebOne/studies/${uid}`)).status).toBe(404);
    // Its own project's endpoint does not reach WebOne's study either, though the same PACS holds it.
    expect(await (await other('/dicomweb/WebTwo/studies')).json()).toEqual([]);
    expect((await other(`/dicomweb/WebTwo/studies/${uid}/metadata`)).status).toBe(404);
    expect((await fetch(`${base}/dicomweb/WebOne/studies`)).status).toBe(401);
  });
});

describe('STOW-RS', () => {
  it('stores into the quarantine as C-STORE does, answers per instance, and the study reaches Assign', async () => {
    const sc = testFile('secondary_capture/SC_rgb.dcm');
    // An instance received by C-STORE first; its quarantined copy (what came over the wire) is then sent by STOW.
    const pet = testFile('pet/acrin_flt_breast_pt_1.dcm');
    await storescu(fiona.dicomPort(), [pet]);
    const petSource = parseDicom(readFileSync(pet));
    const petUid = (t: number) => findText(petSource.buffer, petSource.dataset, t)!.trim();
    const ct = instancePath(fiona.dataDir, petUid(0x0020000d), petUid(0x0020000e), petUid(0x00080018));
    const viewer = await fetch(`${base}/dicomweb/WebOne/studies`, { method: 'POST', headers: { authorization: `Bearer ${tokens.viewer}`, 'content-type': 'multipart/related; type="application/dicom"; boundary=x' }, body: '--x--' });
    expect(viewer.status).toBe(403);

    const response = await client('WebOne', 'entry').storeInstances({ datasets: [arrayBuffer(readFileSync(sc)), arrayBuffer(readFileSync(ct))] });
    const answer = (typeof response === 'string' ? JSON.parse(response) : response) as Record<string, { Value: Array<Record<string, { Value: unknown[] }>> }>;
    expect(answer['00081199'].Value).toHaveLength(2);
    expect(answer['00081198']).toBeUndefined();

    const source = parseDicom(readFileSync(sc));
    const uid = (t: number) => findText(source.buffer, source.dataset, t)!.trim();
    const stored = readFileSync(instancePath(fiona.dataDir, uid(0x0020000d), uid(0x0020000e), uid(0x00080018)));
    expect(Buffer.compare(datasetOf(stored), datasetOf(readFileSync(sc)))).toBe(0);
    // The STOW copy of the C-STORE copy was recognised as the same bytes: no conflict.
    const audit = (await call('GET', '/api/audit?project=WebOne&action=dicomweb.store')).json() as Array<{ details: Record<string, number> }>;
    expect(audit[0].details).toMatchObject({ stored: 2, failed: 0, identical: 1 });
    expect((await call('GET', '/api/conflicts')).json()).toEqual([]);
    await waitForStudy(fiona, uid(0x0020000d), 1, false);
    const list = (await call('GET', '/api/studies')).json() as Array<{ studyInstanceUid: string; callingAet: string | null }>;
    expect(list.find((s) => s.studyInstanceUid === uid(0x0020000d))?.callingAet).toBe('STOW-RS');
  });

  it('refuses what is not DICOM and says so per part', async () => {
    const body = Buffer.concat([
      Buffer.from('--b\r\nContent-Type: application/dicom\r\n\r\nnot a dicom file at all\r\n--b\r\nContent-Type: application/dicom\r\n\r\n'),
      readFileSync(testFile('secondary_capture/SC_rgb_small_odd.dcm')),
      Buffer.from('\r\n--b--\r\n'),
    ]);
    const res = await fetch(`${base}/dicomweb/WebOne/studies`, { method: 'POST', headers: { authorization: `Bearer ${tokens.entry}`, 'content-type': 'multipart/related; type="application/dicom"; boundary=b' }, body });
    expect(res.status).toBe(202);
    const json = (await res.json()) as Record<string, { Value: Array<Record<string, { Value: unknown[] }>> }>;
    expect(json['00081199'].Value).toHaveLength(1);
    expect(json['00081198'].Value[0]['00081197'].Value[0]).toBe(0xc000);
    expect(String(json['00081198'].Value[0]['00000902'].Value[0])).toMatch(/not a DICOM/);
  });

  it('refuses a file over upload.maxFileBytes, keeps nothing of it, and stores the rest of the request', async () => {
    const big = readFileSync(testFile('transfer_syntax/siemens_trio_dcm_qa_ts/2.dcm'));
    expect(big.length).toBeGreaterThan(70_000);
    const small = readFileSync(testFile('secondary_capture/SC_rgb_small_odd.dcm'));
    const part = (bytes: Buffer) => [Buffer.from('--b\r\nContent-Type: application/dicom\r\n\r\n'), bytes, Buffer.from('\r\n')];
    const body = Buffer.concat([...part(big), ...part(small), Buffer.from('--b--\r\n')]);
    const res = await fetch(`${base}/dicomweb/WebOne/studies`, { method: 'POST', headers: { authorization: `Bearer ${tokens.entry}`, 'content-type': 'multipart/related; type="application/dicom"; boundary=b' }, body });
    const json = (await res.json()) as Record<string, { Value: Array<Record<string, { Value: unknown[] }>> }>;
    expect(res.status, JSON.stringify(json)).toBe(202);
    expect(String(json['00081198'].Value[0]['00000902'].Value[0])).toMatch(/larger than 70000 bytes/);
    expect(json['00081198'].Value).toHaveLength(1);
    expect(json['00081199'].Value).toHaveLength(1);
    const source = parseDicom(big);
    const uid = (t: number) => findText(source.buffer, source.dataset, t)!.trim();
    expect(await fiona.services.quarantine.getStudyView(uid(0x0020000d))).toBeFalsy();
  });
});
