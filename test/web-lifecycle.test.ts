// Apply and Requests in a real browser (Debian's chromium via playwright-core): a user applies on the Apply
// page (a refused field is named and focused), a site admin approves on Requests with the research PACS,
// and the applicant sees the application approved and owns the new project in development.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newPage, shot, signInApi, signInPage } from './support/browser.js';
import { startTestFiona, type TestFiona } from './support/fiona.js';

const ADMIN_PASSWORD = 'first start secret 42';
const PASSWORD = 'correct horse battery staple';

describe('Apply and Requests pages in chromium', () => {
  let fiona: TestFiona;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    process.env.FIONA_ADMIN_PASSWORD = ADMIN_PASSWORD;
    fiona = await startTestFiona();
    base = `http://127.0.0.1:${fiona.httpPort()}`;
    const admin = await signInApi(base, 'admin', ADMIN_PASSWORD);
    expect((await admin('POST', '/api/users', { username: 'rita', password: PASSWORD })).status).toBe(201);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await fiona?.close();
  });

  it('takes an application from a user and an approval from an admin', async () => {
    const page = await newPage(browser);
    await signInPage(page, base, 'rita', PASSWORD);
    await page.getByRole('link', { name: 'Apply' }).click();
    await page.getByRole('heading', { name: 'Apply for a project', level: 1 }).waitFor();
    await page.getByLabel('Project name').fill('WebLife1');
    await page.getByLabel('Ethics approval (REK) number').fill('REK 42');
    await page.getByLabel('Approval from').fill('2026-01-01');
    await page.getByLabel('Approval until').fill('2099-12-31');
    await page.getByLabel('Principal investigator').fill('Dr. Pi');
    await page.getByLabel('Expected volume').fill('20 MR');
    await page.getByLabel('Participant ID pattern').fill('WL-\\d{3}');
    await page.getByLabel('Description').fill('Test cohort');
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    // Without the agreement: refused, said, and the checkbox takes focus.
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'end-user agreement' }).count()).toBe(1);
    expect(await page.evaluate('document.activeElement?.name')).toBe('agreementAccepted');
    await page.getByLabel('I accept the end-user agreement').check();
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.getByRole('cell', { name: 'pending' }).waitFor();
    await shot(page, 'lifecycle-apply');

    const adminPage = await newPage(browser);
    await signInPage(adminPage, base, 'admin', ADMIN_PASSWORD);
    await adminPage.getByRole('link', { name: 'Requests' }).click();
    const card = adminPage.getByRole('article', { name: 'Application for WebLife1' });
    await card.waitFor();
    await card.getByLabel('Research PACS AE title').fill('RESEARCH');
    await card.getByLabel('Research PACS host').fill('127.0.0.1');
    await card.getByRole('button', { name: 'Approve' }).click();
    await adminPage.getByText('No application waits.').waitFor();
    await shot(adminPage, 'lifecycle-requests');

    await page.reload();
    await page.getByRole('cell', { name: 'approved' }).waitFor();
    const rita = await signInApi(base, 'rita', PASSWORD);
    expect((await rita('GET', '/api/projects/WebLife1')).json).toMatchObject({ status: 'development', myRole: 'owner', rekNumber: 'REK 42' });
  });
});
