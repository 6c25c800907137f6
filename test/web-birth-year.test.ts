// Birth year in exports in a real browser (Debian's chromium via playwright-core): a site admin allows it on
// the project page (refused without the approval's reference) and stops it again (after a confirmation); a
// data manager sees the Birth year transform on the Exports page only for the approved project. No PACS is
// needed: nothing is exported here (test/export-birth-year.test.ts does that against Orthanc).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchChromium, newPage, shot, signInApi, signInPage } from './support/browser.js';
import { startTestFiona, type TestFiona } from './support/fiona.js';

const ADMIN_PASSWORD = 'first start secret 44';
const PASSWORD = 'correct horse battery staple';

describe('birth year in exports in chromium', () => {
  let fiona: TestFiona;
  let browser: Browser;
  let base: string;
  let admin: Awaited<ReturnType<typeof signInApi>>;

  beforeAll(async () => {
    process.env.FIONA_ADMIN_PASSWORD = ADMIN_PASSWORD;
    fiona = await startTestFiona({ 'forward.workers': 0, 'export.workers': 0 });
    base = `http://127.0.0.1:${fiona.httpPort()}`;
    admin = await signInApi(base, 'admin', ADMIN_PASSWORD);
    for (const name of ['WebYears', 'WebNoYears']) {
      expect((await admin('POST', '/api/projects', { name, participantPattern: 'P-\\d{3}', events: ['baseline'], destination: { aet: 'RESEARCH', host: '127.0.0.1', port: 104 }, status: 'active' })).status).toBe(201);
    }
    expect((await admin('POST', '/api/users', { username: 'dana', password: PASSWORD })).status).toBe(201);
    for (const name of ['WebNoYears', 'WebYears']) expect((await admin('POST', `/api/projects/${name}/members`, { username: 'dana', role: 'data-manager' })).status).toBe(201);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await fiona?.close();
  });

  it('a site admin allows it with the approval reference and stops it again', async () => {
    const page = await newPage(browser, DESKTOP);
    await signInPage(page, base, 'admin', ADMIN_PASSWORD);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.goto(`${base}/projects/WebYears`);
    const section = page.getByRole('form', { name: 'Birth year in exports' });
    await section.getByRole('button', { name: 'Allow birth years in exports' }).click();
    await section.getByRole('alert').filter({ hasText: 'Give the approval' }).waitFor();
    await section.getByLabel('Approval').fill('REK 2026/777');
    await section.getByRole('button', { name: 'Allow birth years in exports' }).click();
    await section.getByText('Allowed (approval REK 2026/777').waitFor();
    await shot(page, 'project-birth-year');
    expect(((await admin('GET', '/api/projects/WebYears')).json as { birthYearInExport: { approval: string } }).birthYearInExport.approval).toBe('REK 2026/777');

    // The data manager's Exports page offers the transform for this project only.
    const dana = await newPage(browser, DESKTOP);
    await signInPage(dana, base, 'dana', PASSWORD);
    await dana.getByRole('link', { name: 'Exports' }).click();
    await dana.getByRole('heading', { name: 'Exports', level: 1 }).waitFor();
    await dana.getByLabel('Project').selectOption('WebYears');
    await dana.getByLabel(/Birth year back/).waitFor();
    await dana.getByLabel('Project').selectOption('WebNoYears');
    await expect.poll(() => dana.getByLabel(/Birth year back/).count()).toBe(0);

    page.once('dialog', (d) => void d.accept());
    await section.getByRole('button', { name: 'Stop birth years in exports' }).click();
    await section.getByText('Not allowed.').waitFor();
    expect(((await admin('GET', '/api/projects/WebYears')).json as { birthYearInExport: unknown }).birthYearInExport).toBeNull();
    const audit = (await admin('GET', '/api/audit?project=WebYears&action=project.birth-year-export')).json as Array<{ details: { enabled: boolean } }>;
    expect(audit.map((r) => r.details.enabled).sort()).toEqual([false, true]);
  });
});
