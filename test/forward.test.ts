// Routing and forwarding end to end with real peers: storescu sends into Fiona, studies are assigned
// (through the API, a coupling list, an auto-ID rule, a remembered assignment, a derived study UID) and a
// real Orthanc — the research PACS — ends up holding the de-identified studies. Also: the PACS going down
// in the middle of a transfer.
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDicom } from '../src/dicom/parse.js';
import { findText } from '../src/dicom/values.js';
import { startTestFiona, tempDir, TESTDATA, type TestFiona } from './support/fiona.js';
import { startOrthanc, type RunningOrthanc } from './support/orthanc.js';
import {
  adminToken,
  apiCaller,
  orthancInstanceCount,
  orthancStudies,
  orthancStudy,
  projectFor,
  storescu,
  transferOf,
  uniqueUid,
  until,
  waitForStudy,
  waitForTransfer,
  writeStudy,
} from './support/forwarding.js';

const PSEUDO_PHI = join(TESTDATA, 'studies/siemens_pseudophi_tcia_body_mr');
const UID = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$/;

let orthanc: RunningOrthanc;
let fiona: TestFiona;
let call: ReturnType<typeof apiCaller>;
const work = tempDir('fiona-forward-');

beforeAll(async () => {
  orthanc = await startOrthanc({ aeTitle: 'RESEARCH' });
  fiona = await startTestFiona({ 'forward.retryBaseSeconds': 0.5, 'forward.retryMaxSeconds': 2, 'forward.leaseSeconds': 10, 'forward.reconcileMinutes': 0 });
  call = apiCaller(fiona, await adminToken(fiona));
  for (const [name, extra] of [
    ['FwdMain', {}],
    ['FwdQA', { participantPattern: 'QA-\\d{3}', autoIdRule: { field: 'PatientID', pattern: 'PHANTOM_(QA-\\d{3})', event: 'baseline' } }],
  ] as const) {
    const res = await call('POST', '/api/projects', projectFor(orthanc, name, extra));
    expect(res.statusCode, res.body).toBe(201);
  }
});

afterAll(async () => {
  await fiona?.close();
  await orthanc?.remove();
  rmSync(work, { recursive: true, force: true });
});

/** Identifying values of the source files, which must not appear in anything the PACS holds. */
function sourceIdentity(dir: string): string[] {
  const values = new Set<string>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.dcm'))) {
    const parsed = parseDicom(readFileSync(join(dir, f)));
    for (const tag of [0x00100010, 0x00100020, 0x00080050, 0x0020000d, 0x0020000e, 0x00080018, 0x00080090, 0x00101040, 0x00102154, 0x00100030]) {
      const v = findText(parsed.buffer, parsed.dataset, tag)?.trim();
      if (v && v.length >= 4) values.add(v);
    }
  }
  return [...values];
}

describe('assign through the API', () => {
  let researchStudyUid: string;

  it('sends the de-identified study to the research PACS and records it', async () => {
    const files = readdirSync(PSEUDO_PHI).filter((n) => n.endsWith('.dcm'));
    const source = parseDicom(readFileSync(join(PSEUDO_PHI, files[0])));
    const studyUid = findText(source.buffer, source.dataset, 0x0020000d)!.trim();
    await storescu(fiona.dicomPort(), [PSEUDO_PHI]);
    await waitForStudy(fiona, studyUid, files.length, false);

    const bad = await call('POST', `/api/studies/${studyUid}/assign`, { project: 'FwdMain', participant: 'X-1', event: 'baseline' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatch(/pattern/);
    const badEvent = await call('POST', `/api/studies/${studyUid}/assign`, { project: 'FwdMain', participant: 'P-001', event: 'week 99' });
    expect(badEvent.statusCode).toBe(422);

    const res = await call('POST', `/api/studies/${studyUid}/assign`, { project: 'FwdMain', participant: 'P-001', event: 'baseline' });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().transferId).toMatch(/^[0-9a-f-]{36}$/);

    const done = await waitForTransfer(call, studyUid, 'done');
    expect(done).toMatchObject({ project: 'FwdMain', participant: 'P-001', event: 'baseline', instancesToSend: files.length, instancesSent: files.length, instancesConfirmed: files.length, error: null });

    const studies = await orthancStudies(orthanc);
    const held = studies.find((s) => s.PatientMainDicomTags.PatientID === 'P-001')!;
    expect(held).toBeDefined();
    researchStudyUid = held.MainDicomTags.StudyInstanceUID;
    expect(researchStudyUid).toMatch(/^1\.3\.6\.1\.4\.1\.45037\.\d+$/);
    expect(await orthancInstanceCount(orthanc, held)).toBe(files.length);

    const identifying = sourceIdentity(PSEUDO_PHI);
    expect(identifying.length).toBeGreaterThan(5);
    const instances = await orthanc.rest<Array<{ ID: string }>>(`/studies/${held.ID}/instances`);
    for (const instance of instances.slice(0, 8)) {
      const bytes = await orthanc.rest<Buffer>(`/instances/${instance.ID}/file`);
      const text = bytes.toString('latin1');
      for (const value of identifying) expect(text.includes(value), `"${value}" leaked`).toBe(false);
      const parsed = parseDicom(bytes);
      const tag = (t: number) => findText(parsed.buffer, parsed.dataset, t)?.trim();
      expect(tag(0x00100020)).toBe('P-001');
      expect(tag(0x00100010)).toBe('P-001');
      expect(tag(0x00120050)).toBe('baseline');
      expect(tag(0x00080090)).toBe('EventName:baseline');
      expect(tag(0x00120020)).toBe('FwdMain');
      expect(tag(0x00120062)).toBe('YES');
      for (const t of [0x0020000d, 0x0020000e, 0x00080018]) {
        const uid = tag(t)!;
        expect(uid).toMatch(UID);
        expect(uid.length).toBeLessThanOrEqual(64);
      }
    }

    const record = await call('GET', '/api/projects/FwdMain/studies');
    expect(record.statusCode).toBe(200);
    expect(record.json()).toEqual([expect.objectContaining({ researchStudyUid, participant: 'P-001', event: 'baseline', modalities: ['MR'], instancesSent: files.length, pacsInstances: files.length, check: 'ok' })]);
    expect(record.json()[0].studyDate).not.toBe(findText(source.buffer, source.dataset, 0x00080020)?.trim());

    const audit = await call('GET', '/api/audit?project=FwdMain&limit=100');
    const actions = (audit.json() as Array<{ action: string }>).map((a) => a.action);
    for (const action of ['study.assign', 'transfer.queued', 'transfer.running', 'transfer.done']) expect(actions).toContain(action);
    // Every instance now goes through the pixel stage too (screen, and OCR where text may be): minutes on a loaded machine.
  }, 240_000);

  it('forwards a derived series (our study UID) into the original research study', async () => {
    const dir = join(work, 'derived');
    const seriesUid = uniqueUid();
    const before = (await orthancStudy(orthanc, researchStudyUid))!;
    // Made on a workstation from the research copy: its dates are the research (already shifted) dates.
    const researchDate = before.MainDicomTags.StudyDate;
    expect(researchDate).toMatch(/^\d{8}$/);
    writeStudy(dir, { studyUid: researchStudyUid, series: [{ uid: seriesUid, count: 3, number: 901 }], patientId: 'P-001', patientName: 'P-001', accessionNumber: '', studyDate: researchDate });
    const instancesBefore = await orthancInstanceCount(orthanc, before);
    await storescu(fiona.dicomPort(), [dir]);
    const t = await waitForTransfer(call, researchStudyUid, 'done');
    expect(t).toMatchObject({ participant: 'P-001', event: 'baseline', instancesSent: 3, instancesConfirmed: 3 });
    const after = (await orthancStudy(orthanc, researchStudyUid))!;
    expect(after.Series.length).toBe(before.Series.length + 1);
    expect(after.ID).toBe(before.ID);
    expect(await orthancInstanceCount(orthanc, after)).toBe(instancesBefore + 3);
    expect((await orthancStudies(orthanc)).filter((s) => s.PatientMainDicomTags.PatientID === 'P-001')).toHaveLength(1);
    // Dates are not shifted a second time.
    const newSeries = after.Series.find((id) => !before.Series.includes(id))!;
    const [instance] = await orthanc.rest<Array<{ ID: string }>>(`/series/${newSeries}/instances`);
    const tags = await orthanc.rest<Record<string, string>>(`/instances/${instance.ID}/simplified-tags`);
    expect(tags.StudyDate).toBe(researchDate);
  });
});

describe('late series, coupling lists and auto-ID', () => {
  it('forwards a series that arrives after the assignment without another click', async () => {
    const studyUid = uniqueUid();
    const [s1, s2] = [`${studyUid}.1`, `${studyUid}.2`];
    writeStudy(join(work, 'late-1'), { studyUid, series: [{ uid: s1, count: 4, number: 1 }], accessionNumber: 'LATE1' });
    writeStudy(join(work, 'late-2'), { studyUid, series: [{ uid: s2, count: 3, number: 2 }], accessionNumber: 'LATE1' });
    await storescu(fiona.dicomPort(), [join(work, 'late-1')]);
    await waitForStudy(fiona, studyUid, 4);
    expect((await call('POST', `/api/studies/${studyUid}/assign`, { project: 'FwdMain', participant: 'P-002', event: 'followup' })).statusCode).toBe(202);
    await waitForTransfer(call, studyUid, 'done', (t) => t.instancesConfirmed === 4);
    await storescu(fiona.dicomPort(), [join(work, 'late-2')]);
    const t = await waitForTransfer(call, studyUid, 'done', (x) => x.instancesConfirmed === 7);
    expect(t).toMatchObject({ participant: 'P-002', event: 'followup', instancesToSend: 7, instancesSent: 7 });
    const held = (await orthancStudies(orthanc)).find((s) => s.PatientMainDicomTags.PatientID === 'P-002')!;
    expect(held.Series).toHaveLength(2);
    expect(await orthancInstanceCount(orthanc, held)).toBe(7);
  });

  it('couples by accession number, before and after the study arrives, and reports bad rows per line', async () => {
    const early = uniqueUid();
    const late = uniqueUid();
    writeStudy(join(work, 'cl-late'), { studyUid: late, series: [{ uid: `${late}.1`, count: 2, number: 1 }], accessionNumber: 'CL-AFTER' });
    await storescu(fiona.dicomPort(), [join(work, 'cl-late')]);
    await waitForStudy(fiona, late, 2);
    expect(await transferOf(call, late)).toBeUndefined();

    const csv = ['accession;participant;event', 'CL-BEFORE;P-010;baseline', 'CL-AFTER;P-011;followup', 'CL-BAD1;nope;baseline', 'CL-BAD2;P-012;week 7', 'CL-BEFORE;P-013;baseline', ''].join('\n');
    const res = await call('POST', '/api/projects/FwdMain/coupling-list', csv, 'text/csv');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.imported).toBe(2);
    expect(report.errors.map((e: { line: number }) => e.line)).toEqual([4, 5, 6]);
    expect(report.errors[0].error).toMatch(/pattern/);
    expect(report.errors[1].error).toMatch(/unknown event/);
    expect(report.errors[2].error).toMatch(/line 2/);
    expect(report.assigned).toEqual([{ accessionNumber: 'CL-AFTER', transferId: expect.any(String) }]);
    await waitForTransfer(call, late, 'done');
    expect(await transferOf(call, late)).toMatchObject({ participant: 'P-011', event: 'followup' });

    writeStudy(join(work, 'cl-early'), { studyUid: early, series: [{ uid: `${early}.1`, count: 2, number: 1 }], accessionNumber: 'CL-BEFORE' });
    await storescu(fiona.dicomPort(), [join(work, 'cl-early')]);
    const t = await waitForTransfer(call, early, 'done');
    expect(t).toMatchObject({ participant: 'P-010', event: 'baseline', instancesConfirmed: 2 });
    const list = (await call('GET', '/api/projects/FwdMain/coupling-list')).json() as Array<{ accessionNumber: string; usedAt: string | null }>;
    expect(list.every((e) => e.usedAt !== null)).toBe(true);
  });

  it('assigns by the project\'s auto-ID rule, and shows the rule in the projects API', async () => {
    const project = (await call('GET', '/api/projects/FwdQA')).json();
    expect(project.autoIdRule).toEqual({ field: 'PatientID', pattern: 'PHANTOM_(QA-\\d{3})', event: 'baseline' });
    const bad = await call('PATCH', '/api/projects/FwdQA', { autoIdRule: { field: 'PatientID', pattern: 'PHANTOM_QA', event: 'baseline' } });
    expect(bad.statusCode).toBe(422);
    const studyUid = uniqueUid();
    writeStudy(join(work, 'qa'), { studyUid, series: [{ uid: `${studyUid}.1`, count: 2, number: 1 }], patientId: 'PHANTOM_QA-042', patientName: 'QA^PHANTOM' });
    await storescu(fiona.dicomPort(), [join(work, 'qa')]);
    const t = await waitForTransfer(call, studyUid, 'done');
    expect(t).toMatchObject({ project: 'FwdQA', participant: 'QA-042', event: 'baseline', instancesConfirmed: 2 });
  });
});

describe('the research PACS goes down during a transfer', () => {
  it('fails with a clear error, retries until it answers, and completes with nothing lost or duplicated', { timeout: 240_000 }, async () => {
    const studyUid = uniqueUid();
    const count = 120;
    writeStudy(join(work, 'outage'), { studyUid, series: [{ uid: `${studyUid}.1`, count, number: 1 }], pixelBytes: 256 * 1024, accessionNumber: 'OUTAGE' });
    await storescu(fiona.dicomPort(), [join(work, 'outage')]);
    await waitForStudy(fiona, studyUid, count);
    expect((await call('POST', `/api/studies/${studyUid}/assign`, { project: 'FwdMain', participant: 'P-020', event: 'baseline' })).statusCode).toBe(202);
    await until('the transfer to be under way', async () => (await transferOf(call, studyUid))?.status === 'running', 30_000, 20);
    await new Promise((r) => setTimeout(r, 400));
    await orthanc.kill();
    const failed = await waitForTransfer(call, studyUid, 'failed', () => true, 60_000);
    expect(failed.error).toMatch(/research PACS RESEARCH at 127\.0\.0\.1:\d+/);
    expect(failed.error).toMatch(/connection|refused|closed/);
    await new Promise((r) => setTimeout(r, 1500)); // a retry or two against the closed port
    const stillFailed = await transferOf(call, studyUid);
    expect(stillFailed!.status === 'failed' || stillFailed!.status === 'running').toBe(true);
    await orthanc.restart();
    const done = await waitForTransfer(call, studyUid, 'done', () => true, 120_000);
    expect(done).toMatchObject({ instancesToSend: count, instancesSent: count, instancesConfirmed: count, error: null });
    expect(done.attempts).toBeGreaterThanOrEqual(1);
    const held = (await orthancStudies(orthanc)).find((s) => s.PatientMainDicomTags.PatientID === 'P-020')!;
    expect(await orthancInstanceCount(orthanc, held)).toBe(count);
    const audit = (await call('GET', '/api/audit?project=FwdMain&action=transfer.failed&limit=50')).json() as Array<{ target: string }>;
    expect(audit.some((a) => a.target === done.id)).toBe(true);
  });
});

describe('project options', () => {
  it('refuses options the engine does not implement rather than storing and ignoring them', async () => {
    const unsupported = await call('PATCH', '/api/projects/FwdMain', { deidOptions: { retainUids: true } });
    expect(unsupported.statusCode).toBe(422);
    expect(unsupported.json().field).toBe('deidOptions.retainUids');
  });
});

