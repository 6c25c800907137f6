// The coupling list and the Account page in a real browser (Debian's chromium driven by playwright-core;
// nothing is downloaded): a data manager uploads a coupling list with one good and one bad line, sees the
// bad line's number and reason and the good entry in the list; a viewer and a data-entry member see no
// upload. On Account a user creates an API token that works as a bearer token until it is revoked from
// the page, and another changes their password and signs in with the new one. Screenshots go to
// test-artifacts/.
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, PHONE, launchChromium, newPage as openPage, shot, signInApi, signInPage } from './support/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFiona, type TestFiona } from './support/fiona.js';

const ADMIN_PASSWORD = 'first start secret 42';
const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'purple walrus under the bridge';
const PROJECT = 'WebCoupling';


describe('coupling list and account pages in chromium', () => {
  let fiona: TestFiona;
  let browser: Browser;
  let base: string;
  let admin: Awaited<ReturnType<typeof signInApi>>;

  beforeAll(async () => {
    process.env.FIONA_ADMIN_PASSWORD = ADMIN_PASSWORD;
    fiona = await startTestFiona();
    base = `http://127.0.0.1:${fiona.httpPort()}`;
    admin = await signInApi(base, 'admin', ADMIN_PASSWORD);
    expect(
      (
        await admin('POST', '/api/projects', {
          name: PROJECT,
          description: 'Coupling list study',
          participantPattern: 'cpl\\d{3}',
          events: ['baseline', 'followup'],
          destination: { aet: 'RESEARCH', host: '127.0.0.1', port: 104 },
          startDate: '2024-01-01',
          endDate: '2099-12-31',
          status: 'active',
        })
      ).status,
    ).toBe(201);
    const members: [string, string][] = [['dana', 'data-manager'], ['vic', 'viewer'], ['eddy', 'data-entry'], ['tom', 'viewer'], ['paula', 'viewer']];
    for (const [username, role] of members) {
      expect((await admin('POST', '/api/users', { username, password: PASSWORD })).status).toBe(201);
      expect((await admin('POST', `/api/projects/${PROJECT}/members`, { username, role })).status).toBe(201);
    }
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await fiona?.close();
  });

  const newPage = (viewport = DESKTOP) => openPage(browser, viewport);

  const signIn = (page: Page, username: string, password = PASSWORD) => signInPage(page, base, username, password);


  const unnamedControls = (page: Page) =>
    page.evaluate<string[]>(`[...document.querySelectorAll('input, select, textarea, button, a')]
      .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.textContent.trim()))
      .map((el) => el.outerHTML)`);

  /** Toasts fade after five seconds; a screenshot waits for them so they hide nothing (checked once, below). */
  const noToasts = (page: Page) => page.locator('.toast').first().waitFor({ state: 'detached', timeout: 8000 });
  /** The same picture without the wait: the toasts are taken off as their fade would take them off. */
  const removeToasts = (page: Page) => page.evaluate("document.querySelectorAll('.toast').forEach((toast) => toast.remove())");

  const scrollWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');

  it('a data manager uploads a coupling list: the bad line is reported with its number and reason, the good entry is listed', async () => {
    const page = await newPage();
    await signIn(page, 'dana');
    await page.getByRole('heading', { name: 'Assign', level: 1 }).waitFor();
    await page.goto(`${base}/projects/${PROJECT}`);
    await page.getByRole('heading', { name: 'Coupling list', level: 2 }).waitFor();
    await page.getByText('The list is empty').waitFor();

    // Nothing chosen: said plainly, the file input gets focus.
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Choose a CSV file' }).count()).toBe(1);
    expect(await page.evaluate('document.activeElement?.type')).toBe('file');

    const csv = 'Accession;Participant;Event\nACC-1001;cpl001;baseline\nACC-1002;not-an-id;followup\n';
    await page.getByLabel('Coupling list (CSV)').setInputFiles({ name: 'coupling.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    // With the keyboard: Tab from the file input reaches Upload, Enter sends.
    await page.getByLabel('Coupling list (CSV)').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Upload');
    await page.keyboard.press('Enter');

    const result = page.locator('.upload-result');
    await result.waitFor();
    const stats = await result.locator('.stat').allTextContents();
    expect(stats).toEqual(['1imported', '1rejected', '0studies assigned now']);
    const bad = await result.getByRole('list', { name: 'Rejected lines' }).getByRole('listitem').allTextContents();
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatch(/^Line 3participant ID "not-an-id" does not match the project's pattern cpl\\d\{3\}$/);
    expect(await result.textContent()).toMatch(/will be assigned when they arrive/);

    const row = page.locator('table tr', { hasText: 'ACC-1001' });
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual(['ACC-1001', 'cpl001', 'baseline', 'not yet', expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d by dana$/)]);
    expect(await page.locator('main').textContent()).not.toContain('ACC-1002');
    expect(await page.locator('.coupling .list-count').textContent()).toBe('1 entry, 0 used');
    expect(await unnamedControls(page)).toEqual([]);
    await removeToasts(page);
    await page.evaluate('window.scrollTo(0, 0)');
    await shot(page, 'coupling-upload', true);

    // The API holds exactly the good line.
    const list = (await admin('GET', `/api/projects/${PROJECT}/coupling-list`)).json as { accessionNumber: string; participant: string; event: string; usedAt: string | null }[];
    expect(list.map((e) => [e.accessionNumber, e.participant, e.event, e.usedAt])).toEqual([['ACC-1001', 'cpl001', 'baseline', null]]);

    // On a phone: one column, no sideways scrolling.
    const phone = await newPage(PHONE);
    await signIn(phone, 'dana');
    await phone.getByRole('heading', { name: 'Assign', level: 1 }).waitFor();
    await phone.goto(`${base}/projects/${PROJECT}`);
    await phone.locator('.coupling table tr', { hasText: 'ACC-1001' }).waitFor();
    await phone.getByLabel('Coupling list (CSV)').setInputFiles({ name: 'more.csv', mimeType: 'text/csv', buffer: Buffer.from('ACC-1003,cpl002\nACC-1004,cpl003,month99\n') });
    await phone.getByRole('button', { name: 'Upload', exact: true }).click();
    await phone.locator('.upload-result').getByText('Line 2').waitFor();
    await phone.locator('.coupling table tr', { hasText: 'ACC-1003' }).waitFor();
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(PHONE.width);
    await removeToasts(phone);
    await phone.evaluate('window.scrollTo(0, 0)');
    await shot(phone, 'coupling-phone', true);
    await phone.close();
    await page.close();
  });

  it('a viewer and a data-entry member of the same project do not see the upload', async () => {
    for (const username of ['vic', 'eddy']) {
      const page = await newPage();
      await signIn(page, username);
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      await page.goto(`${base}/projects/${PROJECT}`);
      await page.getByRole('heading', { name: 'Participants', level: 2 }).waitFor();
      await page.getByRole('heading', { name: 'Imaging records', level: 2 }).waitFor();
      expect(await page.getByRole('heading', { name: 'Coupling list' }).count()).toBe(0);
      expect(await page.getByLabel('Coupling list (CSV)').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Upload' }).count()).toBe(0);
      expect(await page.locator('input[type="file"]').count()).toBe(0);
      if (username === 'vic') await shot(page, 'coupling-viewer', true);
      await page.close();
    }
  });

  it('a user creates an API token on Account; it works as a bearer token until revoked there', async () => {
    const page = await newPage();
    await signIn(page, 'tom');
    await page.getByRole('heading', { name: 'Projects', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByRole('heading', { name: 'Account', level: 1 }).waitFor();
    expect(await page.getByRole('link', { name: 'Account' }).getAttribute('aria-current')).toBe('page');
    await page.getByText('You have no API tokens.').waitFor();

    // An empty name is refused on the page.
    await page.getByRole('button', { name: 'Create token' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Give the token a name' }).count()).toBe(1);

    await page.getByLabel('Token name').fill('nightly export');
    await page.getByLabel('Token name').press('Enter');
    const secretField = page.getByLabel('New token nightly export');
    await secretField.waitFor();
    const token = await secretField.inputValue();
    expect(token.length).toBeGreaterThan(20);
    expect(await page.locator('.token-notice').textContent()).toMatch(/shows it only this once/);
    // The secret is selected, ready to copy.
    expect(await page.evaluate('document.activeElement?.selectionEnd - document.activeElement?.selectionStart')).toBe(token.length);
    const row = page.locator('table.tokens tr', { hasText: 'nightly export' });
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual([expect.stringMatching(/^nightly exportfiona_\S+…$/), expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d$/), 'never', 'active', 'Revoke']);
    expect(await row.textContent()).not.toContain(token);
    expect(await unnamedControls(page)).toEqual([]);
    await shot(page, 'account-token-created', true);

    const asToken = () => fetch(`${base}/api/projects`, { headers: { authorization: `Bearer ${token}` } });
    const ok = await asToken();
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { name: string }[]).map((p) => p.name)).toEqual([PROJECT]);

    // Hide the secret; the list now shows the token was used.
    await page.getByRole('button', { name: 'I have copied it, hide it' }).click();
    expect(await page.locator('.token-notice').count()).toBe(0);
    await page.reload();
    await expect.poll(() => page.locator('table.tokens tr', { hasText: 'nightly export' }).textContent()).toMatch(/just now.*active/);

    // Revoke, after confirming.
    let question = '';
    page.once('dialog', (dialog) => {
      question = dialog.message();
      void dialog.accept();
    });
    await page.getByRole('button', { name: 'Revoke token nightly export' }).click();
    await expect.poll(() => page.locator('table.tokens tr', { hasText: 'nightly export' }).textContent()).toMatch(/revoked/);
    expect(question).toMatch(/Revoke the token "nightly export"\?/);
    expect(await page.getByRole('button', { name: 'Revoke token nightly export' }).count()).toBe(0);
    expect((await asToken()).status).toBe(401);
    await noToasts(page);
    await page.evaluate('window.scrollTo(0, 0)');
    await shot(page, 'account-token-revoked', true);

    // A phone-sized screen: one column, no sideways scrolling; the Account link stays in the top bar.
    const phone = await newPage(PHONE);
    await signIn(phone, 'tom');
    await phone.getByRole('heading', { name: 'Projects', level: 1 }).waitFor();
    await phone.getByRole('link', { name: 'Account' }).click();
    await phone.locator('table.tokens tr', { hasText: 'nightly export' }).waitFor();
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(PHONE.width);
    await shot(phone, 'account-phone', true);
    await phone.close();
    await page.close();
  });

  it('a user changes their password on Account, is signed out, and signs in with the new one', async () => {
    const page = await newPage();
    await signIn(page, 'paula');
    await page.getByRole('heading', { name: 'Projects', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByRole('heading', { name: 'Account', level: 1 }).waitFor();
    const form = page.getByRole('form', { name: 'Change password' });

    // A wrong current password is said plainly and does not sign the user out.
    await form.getByLabel('Current password').fill('not my password at all');
    await form.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await form.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe('The current password is wrong.');
    expect(page.url()).toBe(`${base}/account`);
    await shot(page, 'account-password-wrong');

    // Too short and mismatched new passwords are caught on the page.
    await form.getByLabel('Current password').fill(PASSWORD);
    await form.getByLabel('New password', { exact: true }).fill('short');
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toMatch(/at least 12 characters/);
    await form.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await form.getByLabel('Repeat the new password').fill(`${NEW_PASSWORD}!`);
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toMatch(/differ/);

    await form.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.getByText('Your password is changed. Sign in with the new one.').waitFor();
    expect(await page.evaluate(async () => (await fetch('/api/session')).status)).toBe(401);

    // The old password no longer works; the new one does.
    await signIn(page, 'paula');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/wrong username or password/i);
    await signIn(page, 'paula', NEW_PASSWORD);
    await page.getByRole('heading', { name: 'Projects', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.close();
  });
});
