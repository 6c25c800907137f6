// The web app in a real browser (Debian's chromium driven by playwright-core; nothing is downloaded):
// a researcher signs in, watches a study sent with storescu appear on Assign without reloading, finds
// it by accession number, is refused an invalid participant ID with the reason, assigns it to a new
// participant, and sees the transfer reach "done" in a real Orthanc. A member of another project sees
// neither that project nor its participants. Screenshots of the main pages go to test-artifacts/.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, PHONE, launchChromium, newPage as openPage, shot, signInApi, signInPage } from './support/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDcmtk } from './support/dcmtk.js';
import { startTestFiona, tempDir, type TestFiona } from './support/fiona.js';
import { generateStudy } from './support/generate.js';
import { startOrthanc, type RunningOrthanc } from './support/orthanc.js';

const ADMIN_PASSWORD = 'first start secret 42';
const PASSWORD = 'correct horse battery staple';


describe('the web app in chromium', () => {
  let fiona: TestFiona;
  let orthanc: RunningOrthanc;
  let browser: Browser;
  let base: string;
  let studyDir: string;
  const accession = `WEB${String(Date.now()).slice(-9)}`;
  let study: { studyUid: string; files: string[] };
  let second: { studyUid: string; files: string[] };
  const secondAccession = accession.replace('WEB', 'LAT');

  beforeAll(async () => {
    process.env.FIONA_ADMIN_PASSWORD = ADMIN_PASSWORD;
    [fiona, orthanc] = await Promise.all([startTestFiona(), startOrthanc({ aeTitle: 'RESEARCH' })]);
    base = `http://127.0.0.1:${fiona.httpPort()}`;
    const admin = await signInApi(base, 'admin', ADMIN_PASSWORD);
    const project = (name: string, pattern: string, destination: { aet: string; host: string; port: number }) =>
      admin('POST', '/api/projects', { name, description: `${name} study`, participantPattern: pattern, events: ['baseline', 'followup'], destination, startDate: '2024-01-01', endDate: '2099-12-31', status: 'active' });
    expect((await project('WebThorax', 'thx\\d{3}', { aet: orthanc.aeTitle, host: '127.0.0.1', port: orthanc.dicomPort })).status).toBe(201);
    expect((await project('WebHidden', 'hid\\d{4}', { aet: 'ELSEWHERE', host: '127.0.0.1', port: 104 })).status).toBe(201);
    for (const username of ['rita', 'otto']) expect((await admin('POST', '/api/users', { username, password: PASSWORD })).status).toBe(201);
    expect((await admin('POST', '/api/projects/WebThorax/members', { username: 'rita', role: 'data-manager' })).status).toBe(201);
    expect((await admin('POST', '/api/projects/WebHidden/members', { username: 'otto', role: 'owner' })).status).toBe(201);
    expect((await admin('POST', '/api/projects/WebHidden/participants', { id: 'hid0042' })).status).toBe(201);
    studyDir = tempDir('fiona-web-study-');
    study = generateStudy(studyDir, { count: 6, pixelBytes: 4096, seriesCount: 2, accessionNumber: accession });
    second = generateStudy(join(studyDir, 'second'), { count: 2, pixelBytes: 1024, accessionNumber: secondAccession });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await fiona?.close();
    await orthanc?.remove();
    if (studyDir) rmSync(studyDir, { recursive: true, force: true });
  });

  const newPage = (viewport = DESKTOP) => openPage(browser, viewport);

  const signIn = (page: Page, username: string, password = PASSWORD) => signInPage(page, base, username, password);


  it('signs in (a wrong password is said plainly), shows a study as it arrives, finds it, refuses a bad ID, assigns it, and the transfer reaches done in Orthanc', async () => {
    const page = await newPage();
    await page.goto(`${base}/assign`);
    await expect.poll(() => page.url()).toContain('/sign-in');
    await shot(page, 'sign-in');
    await signIn(page, 'rita', 'not the password');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/wrong username or password/i);
    await signIn(page, 'rita');
    await page.getByRole('heading', { name: 'Assign', level: 1 }).waitFor();
    await page.locator('.live-on').waitFor();

    // A study sent now appears without a reload, its accession number as text, the patient never.
    const sent = await runDcmtk('storescu', ['-aec', fiona.config.dicom.aet, '-aet', 'MODALITY', '127.0.0.1', String(fiona.dicomPort()), ...study.files]);
    expect(sent.code, sent.stderr).toBe(0);
    const card = page.locator('.study-card', { hasText: accession });
    await card.waitFor({ timeout: 15_000 });
    await expect.poll(() => card.textContent(), { timeout: 15_000 }).toMatch(/2 series · 6 images/);
    expect(await card.textContent()).toContain(study.studyUid);
    await expect.poll(() => card.locator('.arrived').textContent(), { timeout: 15_000 }).toMatch(/^Arrived/);
    const text = await page.locator('main').textContent();
    expect(text).not.toMatch(/Doe|Jane|PAT001/);
    await shot(page, 'assign-list');

    // Search by accession number: only that study stays.
    await page.getByLabel('Search').fill(accession);
    await expect.poll(() => page.locator('.study-card:visible').count()).toBe(1);
    await page.getByLabel('Search').fill('no-such-accession-xyz');
    await expect.poll(() => page.locator('.study-card:visible').count()).toBe(0);
    await page.getByLabel('Search').fill(accession);

    // Select it: Project, Participant, Event, Assign. A bad ID is refused on the page, with the rule.
    await card.getByRole('button', { name: `Assign study ${accession}` }).click();
    await card.getByLabel('Project').selectOption('WebThorax');
    await card.getByLabel('Participant').fill('thx12');
    await expect.poll(() => card.locator('.field-msg').textContent()).toMatch(/does not follow.*thx\\d\{3\}/);
    await card.getByLabel('Event').selectOption('baseline');
    await card.getByRole('button', { name: 'Assign', exact: true }).click();
    await expect.poll(() => card.getByRole('alert').textContent()).toMatch(/Not assigned: the participant ID must follow WebThorax's rule/);
    await shot(page, 'assign-refused');
    // Every control on the page has an accessible name.
    const unnamed = await page.evaluate<string[]>(`[...document.querySelectorAll('input, select, textarea, button')]
      .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.textContent.trim()))
      .map((el) => el.outerHTML)`);
    expect(unnamed).toEqual([]);
    const admin = await signInApi(base, 'admin', ADMIN_PASSWORD);
    expect(((await admin('GET', '/api/projects/WebThorax/participants')).json as unknown[]).length).toBe(0);

    await card.getByLabel('Participant').fill('thx123');
    await expect.poll(() => card.locator('.field-msg').textContent()).toMatch(/New participant/);
    await card.getByRole('button', { name: 'Assign', exact: true }).click();
    await expect.poll(() => card.locator('.transfer-line').textContent()).toMatch(/queued|running|done/);
    await expect.poll(() => card.locator('.transfer-line .status').textContent(), { timeout: 90_000, interval: 500 }).toBe('done');
    await shot(page, 'assign-done');

    // Orthanc holds the study under the participant ID.
    const found = await orthanc.rest<string[]>('/tools/find', { method: 'POST', body: JSON.stringify({ Level: 'Instance', Query: { PatientID: 'thx123' } }) });
    expect(found.length).toBe(6);

    // A later study from the same station, with the same description: the page suggests the project.
    const again = await runDcmtk('storescu', ['-aec', fiona.config.dicom.aet, '-aet', 'MODALITY', '127.0.0.1', String(fiona.dicomPort()), ...second.files]);
    expect(again.code, again.stderr).toBe(0);
    await page.getByLabel('Search').fill('');
    const next = page.locator('.study-card', { hasText: secondAccession });
    await next.waitFor({ timeout: 15_000 });
    await next.getByRole('button', { name: `Assign study ${secondAccession}` }).click();
    await expect.poll(() => next.locator('.suggestion').textContent()).toMatch(/Our learning machine thinks this belongs to WebThorax/);
    await shot(page, 'assign-suggestion');
    await next.getByRole('button', { name: 'Use WebThorax' }).click();
    expect(await next.getByLabel('Project').inputValue()).toBe('WebThorax');
    await next.getByRole('button', { name: 'Cancel' }).click();

    // The transfers and project pages.
    await page.getByRole('link', { name: 'Transfers' }).click();
    await page.getByRole('heading', { name: /^Done \(1\)$/ }).waitFor();
    expect(await page.locator('table.transfers').textContent()).toMatch(/WebThorax.*thx123.*baseline/);
    await shot(page, 'transfers', true);
    await page.getByRole('link', { name: 'Projects' }).click();
    await page.getByRole('link', { name: 'WebThorax' }).click();
    await page.getByRole('heading', { name: /WebThorax/, level: 1 }).waitFor();
    await page.getByRole('cell', { name: 'thx123' }).first().waitFor();
    await shot(page, 'project', true);

    // A phone-sized screen gets the same page in one column.
    const phone = await newPage(PHONE);
    await signIn(phone, 'rita');
    await phone.getByRole('heading', { name: 'Assign', level: 1 }).waitFor();
    await phone.locator('.study-card', { hasText: accession }).waitFor();
    expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await shot(phone, 'assign-phone');
    await phone.close();

    // Sign out.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const after = await page.evaluate(async () => (await fetch('/api/session')).status);
    expect(after).toBe(401);
    await page.close();
  });

  it('a member of another project sees neither this project nor its participants', async () => {
    const page = await newPage();
    await signIn(page, 'otto');
    await page.getByRole('heading', { name: 'Assign', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Projects' }).click();
    await page.getByRole('link', { name: 'WebHidden' }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain('WebThorax');
    await shot(page, 'projects-other-member');
    await page.goto(`${base}/projects/WebThorax`);
    await page.getByRole('heading', { name: 'Project not found' }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain('thx123');
    // On Assign, only the user's own project is offered.
    await page.getByRole('link', { name: 'Assign' }).click();
    // With the keyboard: Enter opens the study, its only project is chosen, the Participant field has focus; Escape closes.
    const card = page.locator('.study-card').first();
    await card.getByRole('button', { name: /^Assign study/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate('document.activeElement?.name')).toBe('participant');
    const options = await card.getByLabel('Project').locator('option').allTextContents();
    expect(options.filter((o) => o.startsWith('Web'))).toEqual(['WebHidden']);
    await page.keyboard.press('Escape');
    await expect.poll(() => card.locator('.assign-panel').isHidden()).toBe(true);
    await expect.poll(() => page.evaluate('document.activeElement?.getAttribute("aria-expanded")')).toBe('false');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.close();
  });
});
