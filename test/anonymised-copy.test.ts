// An anonymised copy of an archived project (issue 17 item 3) with a real Orthanc as the research PACS:
// two participants' studies are forwarded, the project archived, and a site admin copies it into a new
// project. The copy is in Orthanc under new participant IDs (random, matching the new pattern), new UIDs and
// other dates, with the same number of instances; no row of Fiona's database names an old value together
// with a new one; nothing of the copy's work files is left; the wrong role and a project that is not
// archived are refused. A site admin makes a second copy from the project's page in chromium.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newPage, shot, signInPage } from './support/browser.js';
import { allowFirstRelease } from '../src/projects/lifecycle-service.js';
import { startTestFiona, tempDir, type TestFiona } from './support/fiona.js';
import { startOrthanc, type RunningOrthanc } from './support/orthanc.js';
import { findFreePort } from './support/dcmtk.js';
import { apiCaller, orthancStudies, projectFor, storescu, uniqueUid, waitForStudy, waitForTransfer, writeStudy, type OrthancStudy } from './support/forwarding.js';

let orthanc: RunningOrthanc;
let fiona: TestFiona;
let browser: Browser | undefined;
const ADMIN_PASSWORD = 'first start secret 42';
const work = tempDir('fiona-copy-');
const as: Record<string, ReturnType<typeof apiCaller>> = {};
const SOURCE = 'CopySource1';
const COPY = 'CopyTarget1';
const studies = [
  { uid: uniqueUid(), participant: 'P-001', patientId: 'HOSP1', date: '20240315', series: 2 },
  { uid: uniqueUid(), participant: 'P-002', patientId: 'HOSP2', date: '20240410', series: 1 },
];

interface InstanceTags {
  PatientID: string;
  PatientName: string;
  StudyInstanceUID: string;
  SeriesInstanceUID: string;
  SOPInstanceUID: string;
  StudyDate: string;
  ClinicalTrialProtocolID?: string;
}

async function instancesOf(study: OrthancStudy): Promise<InstanceTags[]> {
  const ids = await orthanc.rest<Array<{ ID: string }>>(`/studies/${study.ID}/instances`);
  return Promise.all(ids.map(async (i) => orthanc.rest<InstanceTags>(`/instances/${i.ID}/simplified-tags`)));
}

beforeAll(async () => {
  process.env.FIONA_ADMIN_PASSWORD = ADMIN_PASSWORD;
  orthanc = await startOrthanc({ aeTitle: 'COPYPACS' });
  fiona = await startTestFiona({ 'forward.retryBaseSeconds': 0.5, 'forward.retryMaxSeconds': 2, 'forward.reconcileMinutes': 0, 'researchPacs.orthancRest': { COPYPACS: orthanc.url } }, undefined, { firstReleaseCheck: allowFirstRelease });
  const system = { userId: null, username: 'test', via: 'system' as const };
  await fiona.services.auth.createUser({ username: 'olivia', password: 'correct horse battery staple', isAdmin: false }, system);
  for (const name of ['admin', 'olivia']) as[name] = apiCaller(fiona, (await fiona.services.auth.createToken(name, 'tests', system)).secret);
  expect((await as.admin('POST', '/api/projects', projectFor(orthanc, SOURCE, { owner: 'olivia' }))).statusCode).toBe(201);
  for (const s of studies) {
    const series = Array.from({ length: s.series }, (_, i) => ({ uid: `${s.uid}.${i + 1}`, count: 2, number: i + 1 }));
    await storescu(fiona.dicomPort(), writeStudy(join(work, s.participant), { studyUid: s.uid, series, patientId: s.patientId, patientName: 'Doe^Jane', studyDate: s.date }));
    await waitForStudy(fiona, s.uid, s.series * 2);
    expect((await as.admin('POST', `/api/studies/${s.uid}/assign`, { project: SOURCE, participant: s.participant, event: 'baseline' })).statusCode).toBe(202);
    await waitForTransfer(as.admin, s.uid, 'done');
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await fiona?.close();
  await orthanc?.remove();
  rmSync(work, { recursive: true, force: true });
});

describe('an anonymised copy of an archived project', () => {
  const originals: InstanceTags[] = [];
  const copies: InstanceTags[] = [];

  it('is refused while the project is open, and to anyone but a site admin', async () => {
    const open = await as.admin('POST', `/api/projects/${SOURCE}/anonymised-copy`, { newName: COPY });
    expect(open.statusCode, open.body).toBe(422);
    expect(open.json().error).toMatch(/archived/);
    expect((await as.admin('POST', `/api/projects/${SOURCE}/status`, { status: 'archived', reason: 'study over' })).statusCode).toBe(200);
    expect((await as.olivia('POST', `/api/projects/${SOURCE}/anonymised-copy`, { newName: COPY })).statusCode).toBe(403);
    // A pattern without room for two new IDs changes nothing.
    const tight = await as.admin('POST', `/api/projects/${SOURCE}/anonymised-copy`, { newName: COPY, participantPattern: 'X' });
    expect(tight.statusCode, tight.body).toBe(422);
    expect((await as.admin('GET', `/api/projects/${COPY}`)).statusCode).toBe(404);
  });

  it('lands in the research PACS under new participant IDs, UIDs and dates', async () => {
    for (const study of await orthancStudies(orthanc)) originals.push(...(await instancesOf(study)));
    expect(originals).toHaveLength(6);
    const made = await as.admin('POST', `/api/projects/${SOURCE}/anonymised-copy`, { newName: COPY, participantPattern: 'A[0-9]{6}', owner: 'olivia' });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toEqual({ project: COPY, status: 'active', participants: 2, studies: 2, series: 3, instances: 6, notFound: 0, refused: [] });

    const before = new Set(originals.map((o) => o.StudyInstanceUID));
    const all = await orthancStudies(orthanc);
    expect(all).toHaveLength(4);
    for (const study of all.filter((s) => !before.has(s.MainDicomTags.StudyInstanceUID))) copies.push(...(await instancesOf(study)));
    expect(copies).toHaveLength(6);

    const oldIds = new Set(originals.map((o) => o.PatientID));
    expect([...oldIds].sort()).toEqual(['P-001', 'P-002']);
    const newIds = new Set(copies.map((c) => c.PatientID));
    expect(newIds.size).toBe(2);
    for (const c of copies) {
      expect(c.PatientID).toMatch(/^A[0-9]{6}$/);
      expect(c.PatientName).toBe(c.PatientID);
      expect(c.ClinicalTrialProtocolID).toBe(COPY);
    }
    for (const key of ['StudyInstanceUID', 'SeriesInstanceUID', 'SOPInstanceUID'] as const) {
      const old = new Set(originals.map((o) => o[key]));
      expect(copies.filter((c) => old.has(c[key])), key).toEqual([]);
      expect(new Set(copies.map((c) => c[key])).size, key).toBe(new Set(originals.map((o) => o[key])).size);
    }
    // Dates moved again: no copied study keeps an original's date (offsets are never 0).
    const oldDates = new Set(originals.map((o) => o.StudyDate));
    for (const c of copies) {
      expect(c.StudyDate).toMatch(/^\d{8}$/);
      expect(oldDates.has(c.StudyDate)).toBe(false);
    }

    // The new project holds the copy: its participants, and imaging records naming only new values.
    const records = (await as.olivia('GET', `/api/projects/${COPY}/studies`)).json() as Array<{ researchStudyUid: string; participant: string; pacsInstances: number }>;
    expect(records.map((r) => r.participant).sort()).toEqual([...newIds].sort());
    expect(new Set(records.map((r) => r.researchStudyUid))).toEqual(new Set(copies.map((c) => c.StudyInstanceUID)));
    expect(records.reduce((n, r) => n + r.pacsInstances, 0)).toBe(6);
  });

  it('leaves no table linking the copy to the original, and no work files', async () => {
    const oldValues = [...new Set(originals.flatMap((o) => [o.PatientID, o.StudyInstanceUID, o.SeriesInstanceUID, o.SOPInstanceUID]))];
    const newValues = [...new Set(copies.flatMap((c) => [c.PatientID, c.StudyInstanceUID, c.SeriesInstanceUID, c.SOPInstanceUID]))];
    const tables = fiona.db.kysely.introspection ? (await fiona.db.kysely.introspection.getTables()).map((t) => t.name) : [];
    expect(tables).toContain('imaging_records');
    let rows = 0;
    let newSeen = 0;
    for (const table of tables) {
      for (const row of await fiona.db.kysely.selectFrom(table as 'projects').selectAll().execute()) {
        rows++;
        const text = JSON.stringify(row);
        const hasNew = newValues.some((v) => text.includes(v));
        if (hasNew) newSeen++;
        if (hasNew) expect(oldValues.filter((v) => text.includes(v)), `${table}: ${text}`).toEqual([]);
      }
    }
    expect(rows).toBeGreaterThan(0);
    expect(newSeen).toBeGreaterThan(0); // the scan does see the copy's rows
    const copiesDir = join(fiona.dataDir, 'copies');
    expect(existsSync(copiesDir) ? readdirSync(copiesDir) : []).toEqual([]);
  });

  it('is in the audit trail of both projects, in words and without participant IDs or UIDs', async () => {
    const source = ((await as.admin('GET', `/api/projects/${SOURCE}/trail`)).json() as Array<{ who: string; text: string }>).map((t) => `${t.who}: ${t.text}`);
    expect(source).toContain(`admin: made an anonymised copy of the project into ${COPY} (2 participants, 2 studies, 6 instances; no coupling list kept)`);
    const trail = (await as.admin('GET', `/api/projects/${COPY}/trail`)).json() as Array<{ text: string }>;
    expect(trail.map((t) => t.text)).toContain(`made this project as an anonymised copy of ${SOURCE} (2 participants, 2 studies, 6 instances; no coupling list kept)`);
    const audit = JSON.stringify((await as.admin('GET', `/api/audit?project=${SOURCE}`)).json());
    for (const c of copies) expect(audit).not.toContain(c.PatientID);
  });

  it('is undone when the copy\'s research PACS cannot be reached: no project, a failed audit row', async () => {
    const closedPort = await findFreePort();
    const failed = await as.admin('POST', `/api/projects/${SOURCE}/anonymised-copy`, { newName: 'CopyBroken1', destination: { aet: 'NOWHERE', host: '127.0.0.1', port: closedPort } });
    expect(failed.statusCode, failed.body).toBe(502);
    expect(failed.json().error).toMatch(/the copy failed and was undone \(0 studies deleted from the research PACS; project CopyBroken1 removed\)/);
    expect((await as.admin('GET', '/api/projects/CopyBroken1')).statusCode).toBe(404);
    expect(await fiona.db.kysely.selectFrom('participants').select('participant_id').where('project_name', '=', 'CopyBroken1').execute()).toEqual([]);
    const trail = (await as.admin('GET', `/api/projects/${SOURCE}/trail`)).json() as Array<{ outcome: string; text: string }>;
    expect(trail.filter((t) => t.outcome === 'failed').map((t) => t.text)).toEqual([expect.stringMatching(/^tried to make an anonymised copy CopyBroken1, which failed and was undone: /)]);
  });

  it('refuses a name that is taken, changing nothing', async () => {
    const again = await as.admin('POST', `/api/projects/${SOURCE}/anonymised-copy`, { newName: COPY });
    expect(again.statusCode).toBe(409);
    expect(await orthancStudies(orthanc)).toHaveLength(4);
  });

  it('is made by a site admin from the archived project\'s page', async () => {
    browser = await launchChromium();
    const page = await newPage(browser);
    await signInPage(page, `http://127.0.0.1:${fiona.httpPort()}`, 'admin', ADMIN_PASSWORD);
    await page.getByRole('heading', { name: 'Assign', level: 1 }).waitFor();
    await page.goto(`http://127.0.0.1:${fiona.httpPort()}/projects/${SOURCE}`);
    const form = page.getByRole('form', { name: 'Make an anonymised copy' });
    await form.getByRole('button', { name: 'Make the anonymised copy' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe('Name the new project.');
    await form.getByLabel('New project name').fill('CopyTarget2');
    await form.getByRole('button', { name: 'Make the anonymised copy' }).click();
    await page.getByRole('status').filter({ hasText: 'Copied into CopyTarget2 (active): 2 participants, 2 studies, 6 images.' }).waitFor({ timeout: 30_000 });
    await shot(page, 'project-anonymised-copy');
    await page.getByRole('link', { name: 'Open CopyTarget2' }).click();
    await page.getByRole('heading', { name: /CopyTarget2/, level: 1 }).waitFor();
    const studies = await orthancStudies(orthanc);
    expect(studies).toHaveLength(6);
    const third = studies.filter((s) => /^C\d{8}$/.test(s.PatientMainDicomTags.PatientID));
    expect(third).toHaveLength(2);
  });
});
