// Upload and the viewer in a real browser (Debian's chromium via playwright-core). Upload: a zip (two DICOM
// files and a text file) and a CD's folder with its DICOMDIR are checked in the page, the DICOM files sent
// by STOW-RS and listed per file (stored; the DICOMDIR and non-DICOM files skipped), and the studies reach
// the Assign list. Viewer: a study Fiona forwarded to a real Orthanc opens from the project page and its
// image is drawn on the canvas. Screenshots go to test-artifacts/.
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDicom } from '../src/dicom/parse.js';
import { findText } from '../src/dicom/values.js';
import { DESKTOP, launchChromium, newPage, shot, signInApi, signInPage } from './support/browser.js';
import { startTestFiona, tempDir, TESTDATA, type TestFiona } from './support/fiona.js';
import { startOrthanc, type RunningOrthanc } from './support/orthanc.js';
import { storescu, uniqueUid, until, waitForStudy, writeStudy } from './support/forwarding.js';
import { tiledTiff } from './support/tiff.js';

const ADMIN_PASSWORD = 'first start secret 44';
const PROJECT = 'WebUpload';
const CD = join(TESTDATA, 'dicomdir/TINY_ALPHA');

const studyOf = (path: string) => {
  const parsed = parseDicom(readFileSync(path));
  return findText(parsed.buffer, parsed.dataset, 0x0020000d)!.trim();
};

describe('Upload and viewer pages in chromium', () => {
  let fiona: TestFiona;
  let orthanc: RunningOrthanc;
  let browser: Browser;
  let base: string;
  let admin: Awaited<ReturnType<typeof signInApi>>;
  const work = tempDir('fiona-web-upload-');

  beforeAll(async () => {
    process.env.FIONA_ADMIN_PASSWORD = ADMIN_PASSWORD;
    orthanc = await startOrthanc({ aeTitle: 'RESEARCH' });
    fiona = await startTestFiona({ 'forward.retryBaseSeconds': 0.5, 'forward.reconcileMinutes': 0 });
    base = `http://127.0.0.1:${fiona.httpPort()}`;
    admin = await signInApi(base, 'admin', ADMIN_PASSWORD);
    const project = { name: PROJECT, participantPattern: 'P-\\d{3}', events: ['baseline'], destination: { aet: orthanc.aeTitle, host: '127.0.0.1', port: orthanc.dicomPort }, status: 'active' };
    expect((await admin('POST', '/api/projects', project)).status).toBe(201);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await fiona?.close();
    await orthanc?.remove();
    rmSync(work, { recursive: true, force: true });
  });

  it('uploads a zip and a CD folder with its DICOMDIR into the quarantine, per file, and the studies reach Assign', async () => {
    const sc = join(TESTDATA, 'secondary_capture/SC_rgb.dcm');
    const pet = join(TESTDATA, 'pet/acrin_flt_breast_pt_2.dcm');
    const zip = join(work, 'cd-export.zip');
    writeFileSync(zip, zipSync({ 'a/SC_rgb.dcm': readFileSync(sc), 'b/pet.dcm': readFileSync(pet), 'notes.txt': Buffer.from('not an image') }));

    const page = await newPage(browser, DESKTOP);
    await signInPage(page, base, 'admin', ADMIN_PASSWORD);
    await page.getByRole('heading', { name: 'Assign', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Upload' }).click();
    await page.getByRole('heading', { name: 'Upload', level: 1 }).waitFor();

    await page.getByLabel('Files or zips').setInputFiles(zip);
    await page.getByText('2 DICOM files of 3 files').waitFor();
    await page.getByRole('button', { name: 'Send 2 files' }).click();
    await page.getByText('2 stored, 0 failed, 1 skipped').waitFor();
    const row = (name: string) => page.locator('tr', { hasText: name });
    await expect(row('notes.txt').textContent()).resolves.toContain('not DICOM: skipped');
    await expect(row('SC_rgb.dcm').textContent()).resolves.toContain('stored in the quarantine');

    const cdFiles = readdirSync(join(CD, 'PT000000/ST000000/SE000000'));
    await page.getByLabel('A folder (a CD with its DICOMDIR)').setInputFiles(CD);
    await page.getByRole('button', { name: `Send ${cdFiles.length} files` }).waitFor();
    await expect(row('DICOMDIR').textContent()).resolves.toContain('DICOMDIR (the index of a CD): skipped');
    await page.getByRole('button', { name: `Send ${cdFiles.length} files` }).click();
    await page.getByText(`${2 + cdFiles.length} stored, 0 failed, 3 skipped`).waitFor({ timeout: 60_000 }); // notes.txt, README, DICOMDIR
    await shot(page, 'upload-done', true);

    const cdStudy = studyOf(join(CD, 'PT000000/ST000000/SE000000', cdFiles[0]));
    for (const uid of [studyOf(sc), studyOf(pet)]) await waitForStudy(fiona, uid, 1, false);
    await waitForStudy(fiona, cdStudy, cdFiles.length, false);
    await page.getByRole('link', { name: 'Assign' }).click();
    await page.getByRole('heading', { name: 'Assign', level: 1 }).waitFor();
    const studies = (await admin('GET', '/api/studies')).json as Array<{ studyInstanceUid: string; instanceCount: number }>;
    expect(studies.find((s) => s.studyInstanceUid === cdStudy)?.instanceCount).toBe(cdFiles.length);
  }, 120_000);

  it('converts a whole-slide image (TIFF) on the way and lists it with its result', async () => {
    const slide = join(work, 'biopsy.svs');
    writeFileSync(slide, tiledTiff(768, 512));
    const page = await newPage(browser, DESKTOP);
    await signInPage(page, base, 'admin', ADMIN_PASSWORD);
    await page.getByRole('heading', { name: 'Assign', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Upload' }).click();
    await page.getByLabel('Files or zips').setInputFiles(slide);
    await page.getByText('0 DICOM files and 1 whole-slide image of 1 file').waitFor();
    await page.getByRole('button', { name: 'Send 1 file' }).click();
    await page.getByText('1 stored, 0 failed, 0 skipped').waitFor({ timeout: 30_000 });
    expect(await page.locator('tr', { hasText: 'biopsy.svs' }).textContent()).toMatch(/whole-slide image converted to DICOM: \d+ instances stored in the quarantine/);
    const audit = (await admin('GET', '/api/audit?action=upload.slide')).json as Array<{ target: string; outcome: string }>;
    expect(audit.filter((a) => a.outcome === 'ok')).toHaveLength(1);
    await waitForStudy(fiona, audit[0].target, 1, false);
    await page.close();
  });

  it('opens a forwarded study from the project page and draws its image', async () => {
    const studyUid = uniqueUid();
    const files = writeStudy(join(work, 'study'), { studyUid, series: [{ uid: `${studyUid}.1`, count: 3, number: 1 }], patientId: 'VIEWPAT' });
    await storescu(fiona.dicomPort(), files);
    await waitForStudy(fiona, studyUid, files.length, false);
    expect((await admin('POST', `/api/studies/${studyUid}/assign`, { project: PROJECT, participant: 'P-007', event: 'baseline' })).status).toBe(202);
    await until('transfer done', async () => {
      const list = (await admin('GET', `/api/transfers?project=${PROJECT}`)).json as Array<{ studyInstanceUid: string; status: string }>;
      return list.find((t) => t.studyInstanceUid === studyUid && t.status === 'done');
    }, 90_000);

    const page = await newPage(browser, DESKTOP);
    await signInPage(page, base, 'admin', ADMIN_PASSWORD);
    await page.getByRole('heading', { name: 'Assign', level: 1 }).waitFor();
    await page.goto(`${base}/projects/${PROJECT}`);
    await page.getByRole('link', { name: 'Open the viewer' }).click();
    await page.getByRole('heading', { name: 'Viewer', level: 1 }).waitFor();
    await page.getByRole('link', { name: /P-007/ }).click();
    await page.getByText('Image 1 of 3').waitFor({ timeout: 30_000 });
    // The canvas holds the drawn image: its size is the image's, and not every pixel is black.
    const painted = await page.evaluate<{ width: number; lit: number }>(`(() => {
      const c = document.querySelector('canvas.viewer-canvas');
      const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let lit = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] > 0) lit++;
      return { width: c.width, lit };
    })()`);
    expect(painted.width).toBeGreaterThan(0);
    expect(painted.lit).toBeGreaterThan(0);
    await page.getByLabel('Image', { exact: true }).fill('2');
    await page.getByText('Image 3 of 3').waitFor();
    await shot(page, 'viewer-study');
  }, 150_000);
});
