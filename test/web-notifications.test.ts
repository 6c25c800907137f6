// The Account page's e-mail notifications in a real browser (Debian's chromium driven by playwright-core):
// a member sees their own projects only, saving without an address is refused with a message, and an
// address, the digest and per-project choices saved on the page are what the API then answers (and
// survive a reload). Mail stays off here (the default): the page says so and keeps the choices.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchChromium, newPage, shot, signInApi, signInPage } from './support/browser.js';
import { startTestFiona, type TestFiona } from './support/fiona.js';

const ADMIN_PASSWORD = 'first start secret 42';
const PASSWORD = 'correct horse battery staple';

describe('notification settings on the Account page in chromium', () => {
  let fiona: TestFiona;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    process.env.FIONA_ADMIN_PASSWORD = ADMIN_PASSWORD;
    fiona = await startTestFiona();
    base = `http://127.0.0.1:${fiona.httpPort()}`;
    const admin = await signInApi(base, 'admin', ADMIN_PASSWORD);
    for (const name of ['MailWeb1', 'MailWeb2']) {
      const project = { name, description: 'Notifications', participantPattern: 'n\\d{3}', events: ['baseline'], destination: { aet: 'RESEARCH', host: '127.0.0.1', port: 104 }, status: 'active' };
      expect((await admin('POST', '/api/projects', project)).status).toBe(201);
    }
    expect((await admin('POST', '/api/users', { username: 'nina', password: PASSWORD })).status).toBe(201);
    expect((await admin('POST', '/api/projects/MailWeb1/members', { username: 'nina', role: 'data-manager' })).status).toBe(201);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await fiona?.close();
  });

  it('a member saves an address, the digest and per-project choices', { timeout: 30_000 }, async () => {
    const page = await newPage(browser, DESKTOP);
    await signInPage(page, base, 'nina', PASSWORD);
    await page.getByRole('heading', { name: 'Assign', level: 1 }).waitFor();
    await page.goto(`${base}/account`);
    const card = page.getByRole('region', { name: 'E-mail notifications' });
    await card.getByText('does not send e-mail yet').waitFor();
    // Her one project, not the other.
    await card.getByRole('checkbox', { name: 'MailWeb1: A study arrived for the project' }).waitFor();
    expect(await card.getByRole('checkbox', { name: /^MailWeb2:/ }).count()).toBe(0);

    await card.getByRole('checkbox', { name: 'MailWeb1: A study arrived for the project' }).check();
    await card.getByRole('button', { name: 'Save notifications' }).click();
    await card.getByRole('alert').getByText('give an e-mail address').waitFor();

    await card.getByLabel('E-mail address').fill('nina@example.org');
    await card.getByRole('checkbox', { name: 'MailWeb1: Pixel review waiting' }).check();
    await card.getByRole('checkbox', { name: /daily digest/ }).check();
    await card.getByRole('button', { name: 'Save notifications' }).click();
    await page.getByText('Notification settings saved.').waitFor();
    await shot(page, 'account-notifications', true);

    const nina = await signInApi(base, 'nina', PASSWORD);
    const saved = (await nina('GET', '/api/account/notifications')).json as { email: string; digest: boolean; projects: Array<{ project: string; kinds: string[] }> };
    expect(saved).toMatchObject({ email: 'nina@example.org', digest: true, projects: [{ project: 'MailWeb1', kinds: ['study-arrived', 'pixel-review'] }] });

    await page.reload();
    await card.getByRole('checkbox', { name: 'MailWeb1: Pixel review waiting' }).waitFor();
    expect(await card.getByRole('checkbox', { name: 'MailWeb1: Pixel review waiting' }).isChecked()).toBe(true);
    expect(await card.getByRole('checkbox', { name: 'MailWeb1: Transfer failed' }).count()).toBe(0);
    expect(await card.getByRole('checkbox', { name: 'MailWeb1: A transfer failed' }).isChecked()).toBe(false);
    expect(await card.getByLabel('E-mail address').inputValue()).toBe('nina@example.org');
    await page.close();

    // Mail is off (the default): an event she chose queues nothing.
    await fiona.services.audit.record({ action: 'transfer.done', actor: { userId: null, username: null, via: 'system' }, project: 'MailWeb1', target: 't-1', details: { sent: 1, confirmed: 1 } });
    await fiona.services.notifications.settled();
    expect(await fiona.db.kysely.selectFrom('mail_outbox').selectAll().execute()).toEqual([]);
  });
});
