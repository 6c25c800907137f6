// Corrections and an ended ethics approval in a real browser (Debian's chromium), with a real Orthanc: a
// data manager asks on the project page to move a study to another participant, with a reason; she is not
// offered her own correction to decide (four eyes); the owner approves it on Requests; the wrong copy
// leaves Orthanc and the study arrives under the new participant. On Assign, a project whose approval has
// ended is named with the reason and what helps, and cannot be chosen.
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowFirstRelease } from '../src/projects/lifecycle-service.js';
import { launchChromium, newPage, shot, signInApi, signInPage } from './support/browser.js';
import { startTestFiona, tempDir, type TestFiona } from './support/fiona.js';
import { startOrthanc, type RunningOrthanc } from './support/orthanc.js';
import { orthancStudies, projectFor, storescu, uniqueUid, until, waitForStudy, writeStudy } from './support/forwarding.js';

const ADMIN_PASSWORD = 'first start secret 42';
const PASSWORD = 'correct horse battery staple';
const PROJECT = 'WebCorr1';
const ENDED = 'WebEnded1';

describe('corrections and an ended approval in chromium', () => {
  let fiona: TestFiona;
  let orthanc: RunningOrthanc;
  let browser: Browser;
  let base: string;
  let admin: Awaited<ReturnType<typeof signInApi>>;
  const work = tempDir('fiona-webcorr-');
  const assigned = uniqueUid();
  const waiting = uniqueUid();

  beforeAll(async () => {
    process.env.FIONA_ADMIN_PASSWORD = ADMIN_PASSWORD;
    orthanc = await startOrthanc({ aeTitle: 'CORRPACS' });
    fiona = await startTestFiona({ 'forward.retryBaseSeconds': 0.5, 'forward.retryMaxSeconds': 2, 'forward.reconcileMinutes': 0, 'researchPacs.orthancRest': { CORRPACS: orthanc.url } }, undefined, { firstReleaseCheck: allowFirstRelease });
    base = `http://127.0.0.1:${fiona.httpPort()}`;
    admin = await signInApi(base, 'admin', ADMIN_PASSWORD);
    for (const u of ['alice', 'dora']) expect((await admin('POST', '/api/users', { username: u, password: PASSWORD })).status).toBe(201);
    expect((await admin('POST', '/api/projects', projectFor(orthanc, PROJECT, { owner: 'alice' }))).status).toBe(201);
    expect((await admin('POST', '/api/projects', projectFor(orthanc, ENDED, { owner: 'alice', startDate: '2020-01-01', endDate: '2025-01-01' }))).status).toBe(201);
    for (const p of [PROJECT, ENDED]) expect((await admin('POST', `/api/projects/${p}/members`, { username: 'dora', role: 'data-manager' })).status).toBe(201);
    await storescu(fiona.dicomPort(), writeStudy(join(work, 'a'), { studyUid: assigned, series: [{ uid: `${assigned}.1`, count: 2, number: 1 }], accessionNumber: 'ACC-CORR-1' }));
    await storescu(fiona.dicomPort(), writeStudy(join(work, 'b'), { studyUid: waiting, series: [{ uid: `${waiting}.1`, count: 1, number: 1 }], accessionNumber: 'ACC-WAIT-2' }));
    await waitForStudy(fiona, assigned, 2);
    await waitForStudy(fiona, waiting, 1);
    expect((await admin('POST', `/api/studies/${assigned}/assign`, { project: PROJECT, participant: 'P-001', event: 'baseline' })).status).toBe(202);
    await until('the first copy in Orthanc', async () => (await orthancStudies(orthanc)).some((s) => s.PatientMainDicomTags.PatientID === 'P-001'));
    await until('the transfer to be done', async () => ((await admin('GET', `/api/transfers?studyInstanceUid=${assigned}`)).json as Array<{ status: string }>)[0]?.status === 'done');
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await fiona?.close();
    await orthanc?.remove();
    rmSync(work, { recursive: true, force: true });
  });

  it('says on Assign why a project whose ethics approval ended takes no studies', async () => {
    const page = await newPage(browser);
    await signInPage(page, base, 'dora', PASSWORD);
    await page.getByRole('heading', { name: 'Assign', level: 1 }).waitFor();
    const card = page.locator('.study-card', { hasText: 'ACC-WAIT-2' });
    await card.waitFor({ timeout: 15_000 });
    await card.getByRole('button', { name: 'Assign study ACC-WAIT-2' }).click();
    const note = card.locator('.field-msg.bad');
    await expect.poll(() => note.first().textContent()).toContain(`${ENDED} takes no new studies: the project's REK approval ended on 2025-01-01.`);
    expect(await note.first().textContent()).toMatch(/a site admin enters the new end date/);
    expect(await card.getByRole('option', { name: new RegExp(ENDED) }).isDisabled()).toBe(true);
    expect(await card.getByRole('option', { name: PROJECT, exact: true }).isDisabled()).toBe(false);
    await shot(page, 'assign-approval-ended');
    await page.close();
  });

  it('takes a correction on the project page and leaves the decision to someone else', async () => {
    const page = await newPage(browser);
    await signInPage(page, base, 'dora', PASSWORD);
    await page.getByRole('heading', { name: 'Assign', level: 1 }).waitFor();
    await page.goto(`${base}/projects/${PROJECT}`);
    const form = page.getByRole('form', { name: 'Ask for a correction' });
    await form.waitFor();
    await form.getByRole('button', { name: 'Ask for the correction' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe('Choose the study to correct.');
    await form.getByLabel('Study', { exact: true }).selectOption(assigned);
    await form.getByLabel('New participant').fill('P-002');
    await form.getByRole('button', { name: 'Ask for the correction' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe('Say why the study must be corrected.');
    await form.getByLabel('Reason').fill('the referral names another patient');
    await form.getByRole('button', { name: 'Ask for the correction' }).click();
    const row = page.locator('table tr', { hasText: assigned });
    await expect.poll(() => row.textContent()).toMatch(/P-001 · baseline.*P-002 · baseline.*the referral names another patient.*dora.*waits for a decision/);
    await shot(page, 'project-correction-asked', true);
    // Four eyes: her own correction is not hers to decide.
    await page.goto(`${base}/requests`);
    await page.getByRole('heading', { name: 'Requests', level: 1 }).waitFor();
    await expect.poll(() => page.getByRole('region', { name: 'Corrections' }).textContent()).toContain('No correction waits for you.');
    await page.close();
  });

  it('is approved by the owner on Requests: the wrong copy leaves Orthanc, the study comes back as P-002', async () => {
    const page = await newPage(browser);
    await signInPage(page, base, 'alice', PASSWORD);
    await page.getByRole('heading', { name: 'Assign', level: 1 }).waitFor();
    await page.goto(`${base}/projects/${PROJECT}`);
    await page.getByRole('link', { name: '1 correction waits for you on Requests' }).click();
    const card = page.getByRole('article', { name: `Correction in ${PROJECT}` });
    await card.waitFor();
    expect(await card.textContent()).toContain('dora asks');
    await card.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Corrections' }).textContent()).toContain('No correction waits for you.');
    await until('the study under P-002 only', async () => {
      const ids = (await orthancStudies(orthanc)).map((s) => s.PatientMainDicomTags.PatientID);
      return ids.length === 1 && ids[0] === 'P-002';
    }, 60_000);
    await page.goto(`${base}/projects/${PROJECT}`);
    await expect.poll(() => page.locator('table tr', { hasText: assigned }).textContent()).toMatch(/approved by alice/);
    await shot(page, 'project-correction-approved', true);
    await page.close();
  });
});
