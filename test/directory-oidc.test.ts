// Sign-in with OpenID Connect (issue 15 item 5), against a real provider (oidc-provider from npm) started here:
// in chromium from the sign-in page's "Sign in with …" button through the provider's login and consent pages
// back to Fiona, signed in; then, driven by fetch with a cookie jar per browser, the admin claim, the
// account made once, the audit rows, a replayed or foreign callback, a username that is taken, the user
// cancelling at the provider, where the browser goes afterwards, and a provider that is down.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OidcClient, ProviderUnavailableError } from '../src/platform/auth/oidc.js';
import { startApi, type Api } from './support/api.js';
import { launchChromium, newPage, shot } from './support/browser.js';
import { createSqliteDatabase } from './support/databases.js';
import { findFreePort } from './support/dcmtk.js';
import { CLIENT_ID, CLIENT_SECRET, startOidcProvider, type RunningProvider } from './support/oidc-provider.js';

/** A browser without a browser: cookies per host (ports share them, as in browsers), redirects followed by hand. */
class Jar {
  private readonly cookies = new Map<string, Map<string, string>>();

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const host = new URL(url).hostname;
    const jar = this.cookies.get(host) ?? new Map<string, string>();
    this.cookies.set(host, jar);
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair.split('=');
      if (/max-age=0\b/i.test(line) || value.join('=') === '') jar.delete(name.trim());
      else jar.set(name.trim(), value.join('='));
    }
    return res;
  }

  get(host: string, name: string): string | undefined {
    return this.cookies.get(host)?.get(name);
  }

  /** Follows redirects until a page answers or `stop` says so; returns the last URL and its response. */
  async follow(url: string, stop: (url: string) => boolean = () => false, init?: RequestInit): Promise<{ url: string; res: Response }> {
    let res = await this.fetch(url, init);
    for (let hops = 0; res.status >= 300 && res.status < 400 && hops < 20; hops++) {
      url = new URL(res.headers.get('location')!, url).href;
      if (stop(url)) return { url, res };
      res = await this.fetch(url);
    }
    return { url, res };
  }
}

/** Submits the first form of an HTML page of the provider (its dev login and consent pages). */
async function submitForm(jar: Jar, pageUrl: string, html: string, fields: Record<string, string>) {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
  expect(action, html.slice(0, 500)).toBeDefined();
  return jar.follow(new URL(action!.replaceAll('&amp;', '&'), pageUrl).href, (u) => u.includes('/api/auth/oidc/callback'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ prompt: prompt!, ...fields }).toString(),
  });
}

describe('OpenID Connect sign-in against oidc-provider', () => {
  let provider: RunningProvider;
  let api: Api;
  let base: string;
  let browser: Browser;

  /** The flow up to the provider sending the browser back: the callback URL, not yet opened. */
  async function toCallback(jar: Jar, login: string, returnTo?: string): Promise<string> {
    const start = await jar.follow(`${base}/api/auth/oidc/login${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`);
    expect(start.url.startsWith(provider.issuer)).toBe(true);
    const loginPage = await start.res.text();
    let step = await submitForm(jar, start.url, loginPage, { login, password: 'any password' });
    if (!step.url.includes('/api/auth/oidc/callback')) step = await submitForm(jar, step.url, await step.res.text(), {});
    expect(step.url).toContain('/api/auth/oidc/callback');
    return step.url;
  }

  async function signIn(login: string, returnTo?: string) {
    const jar = new Jar();
    const callback = await toCallback(jar, login, returnTo);
    const res = await jar.fetch(callback);
    return { jar, res, location: res.headers.get('location') ?? '', cookie: jar.get('127.0.0.1', 'fiona_session') };
  }

  beforeAll(async () => {
    const port = await findFreePort();
    base = `http://127.0.0.1:${port}`;
    const redirectUri = `${base}/api/auth/oidc/callback`;
    provider = await startOidcProvider({
      redirectUri,
      accounts: {
        'sub-anna': { preferred_username: 'anna.a', name: 'Anna Amsel', groups: ['radiology'] },
        'sub-boss': { preferred_username: 'boss', name: 'Berit Boss', groups: ['radiology', 'fiona-admins'] },
        'sub-clash': { preferred_username: 'carla', name: 'Another Carla' },
        'sub-odd': { preferred_username: 'Not A Username!', name: 'Odd' },
      },
    });
    api = await startApi(createSqliteDatabase, {
      config: {
        'auth.oidc': { name: 'Hospital SSO', issuer: provider.issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri, scopes: ['openid', 'profile', 'groups'], adminClaim: 'groups', adminValues: ['fiona-admins'] },
      },
    });
    await api.app.listen({ port, host: '127.0.0.1' });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await provider?.stop();
  });

  it('in chromium: the sign-in page offers the provider; its login and consent lead back into Fiona, signed in', async () => {
    const page = await newPage(browser);
    await page.goto(`${base}/sign-in`);
    const button = page.getByRole('link', { name: 'Sign in with Hospital SSO' });
    await button.click();
    await page.waitForURL((u) => u.href.startsWith(provider.issuer));
    await page.locator('input[name=login]').fill('sub-anna');
    await page.locator('input[name=password]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((u) => u.href.startsWith(base) && !u.pathname.startsWith('/api/') && u.pathname !== '/sign-in' && u.pathname !== '/');
    await expect.poll(() => page.locator('.who-name').getAttribute('title')).toBe('anna.a');
    expect(await page.locator('.who-name').textContent()).toContain('Anna Amsel');
    await shot(page, 'oidc-signed-in');
    const user = await api.services.auth.getUser('anna.a');
    expect(user).toMatchObject({ authSource: 'oidc', hasPassword: false, isAdmin: false, displayName: 'Anna Amsel' });
    // The cookie session works like any other: the page's own API calls succeed; no project is visible.
    const projects = await page.evaluate(async () => (await fetch('/api/projects')).json());
    expect(projects).toEqual([]);
    // Their password is the provider's: the Account page says so instead of offering a change.
    await page.goto(`${base}/account`);
    await page.getByText('change your password there').waitFor();
    expect(await page.getByRole('heading', { name: 'Change password' }).count()).toBe(0);
    await page.close();
    // A sign-in that came back refused is said in words on the sign-in page (a fresh browser context: signed out).
    const signedOut = await newPage(browser);
    await signedOut.goto(`${base}/sign-in?signInError=conflict`);
    await expect.poll(() => signedOut.getByRole('alert').textContent()).toContain('A Fiona account with your username already exists');
    await shot(signedOut, 'oidc-sign-in-refused');
    await signedOut.close();
  });

  it('the admin claim makes a site admin; a second sign-in uses the same account; all of it is audited', async () => {
    const first = await signIn('sub-boss', '/users');
    expect(first.res.status).toBe(302);
    expect(first.location).toBe('/users');
    expect(first.cookie).toBeTruthy();
    const session = await fetch(`${base}/api/session`, { headers: { cookie: `fiona_session=${first.cookie}` } });
    expect(await session.json()).toMatchObject({ user: { username: 'boss', isAdmin: true, authSource: 'oidc' }, via: 'session' });
    // The sign-in cookie is cleared once used.
    expect(first.jar.get('127.0.0.1', 'fiona_oidc')).toBeUndefined();
    const again = await signIn('sub-boss');
    expect(again.location).toBe('/');
    expect((await api.services.auth.listUsers()).filter((u) => u.username === 'boss')).toHaveLength(1);
    const made = (await api.services.audit.list({ action: 'user.create' })).find((e) => e.target === 'boss');
    expect(made?.details).toMatchObject({ source: 'oidc', firstSignIn: true, isAdmin: true });
    const sessions = (await api.services.audit.list({ action: 'session.create', username: 'boss' })).filter((e) => e.outcome === 'ok');
    expect(sessions).toHaveLength(2);
    expect(sessions[0].details).toMatchObject({ method: 'oidc' });
  });

  it('a callback opened twice, or in another browser, signs nobody in', async () => {
    const jar = new Jar();
    const callback = await toCallback(jar, 'sub-anna');
    // Another browser (no sign-in cookie) with the same callback URL.
    const stranger = await new Jar().fetch(callback);
    expect(stranger.headers.get('location')).toBe('/sign-in?signInError=expired');
    expect(stranger.headers.getSetCookie().some((c) => c.startsWith('fiona_session=') && !c.startsWith('fiona_session=;'))).toBe(false);
    // The state was taken by that attempt: the right browser cannot use it either afterwards; a fresh one works.
    expect((await jar.fetch(callback)).headers.get('location')).toBe('/sign-in?signInError=expired');
    const fresh = await signIn('sub-anna');
    expect(fresh.location).toBe('/');
    const failed = (await api.services.audit.list({ action: 'session.create' })).filter((e) => e.outcome === 'failed' && e.details?.method === 'oidc');
    expect(failed.map((e) => e.details?.reason)).toEqual(expect.arrayContaining(['begun in another browser', 'unknown or used state']));
  });

  it('a username taken by a local account, or unusable, is refused, not joined', async () => {
    expect((await api.admin.call('POST', '/api/users', { username: 'carla', password: 'local secret of hers 7' })).statusCode).toBe(201);
    const clash = await signIn('sub-clash');
    expect(clash.location).toBe('/sign-in?signInError=conflict');
    expect(clash.cookie).toBeUndefined();
    expect(await api.services.auth.getUser('carla')).toMatchObject({ authSource: 'local', displayName: null });
    const odd = await signIn('sub-odd');
    expect(odd.location).toBe('/sign-in?signInError=username');
    // No usable username claim at all (an account the provider knows nothing about).
    expect((await signIn('sub-nobody')).location).toBe('/sign-in?signInError=username');
    const reasons = (await api.services.audit.list({ action: 'session.create' })).filter((e) => e.outcome === 'failed').map((e) => e.details?.reason);
    expect(reasons).toEqual(expect.arrayContaining(['username taken', 'no usable username']));
  });

  it('cancelling at the provider comes back refused; returnTo only goes to paths on this site', async () => {
    const jar = new Jar();
    const start = await jar.follow(`${base}/api/auth/oidc/login`);
    const abort = /href="([^"]*abort[^"]*)"/.exec(await start.res.text())?.[1];
    expect(abort).toBeDefined();
    const back = await jar.follow(new URL(abort!, start.url).href, (u) => u.includes('/api/auth/oidc/callback'));
    expect(back.url).toContain('error=access_denied');
    expect((await jar.fetch(back.url)).headers.get('location')).toBe('/sign-in?signInError=rejected');
    for (const evil of ['//evil.example.org/x', 'https://evil.example.org/', '/\\evil.example.org']) {
      expect((await signIn('sub-anna', evil)).location).toBe('/');
    }
  });

  it('fiona doctor reads the provider\'s discovery document', async () => {
    const client = new OidcClient({ name: 'x', issuer: provider.issuer, clientId: CLIENT_ID, redirectUri: `${base}/api/auth/oidc/callback`, scopes: ['openid'], usernameClaim: 'preferred_username', adminValues: [] });
    expect(await client.check()).toBe(`${provider.issuer}: authorization ${provider.issuer}/auth, PKCE S256 supported`);
  });

  it('the providers route says what the sign-in page offers', async () => {
    const res = await api.call('GET', '/api/auth/providers');
    expect(res.json()).toEqual({ ldap: false, oidc: { name: 'Hospital SSO', loginUrl: '/api/auth/oidc/login' } });
  });

  it('a provider that is down: back to the sign-in page with a reason, and a clear error from the client', async () => {
    const jar = new Jar();
    const callback = await toCallback(jar, 'sub-anna');
    await provider.stop();
    const res = await jar.fetch(callback);
    expect(res.headers.get('location')).toBe('/sign-in?signInError=unavailable');
    const failed = (await api.services.audit.list({ action: 'session.create' })).find((e) => e.outcome === 'failed' && String(e.details?.reason).startsWith('provider unavailable'));
    expect(failed).toBeDefined();
    // Discovery against a provider that does not answer.
    const nowhere = new OidcClient({ name: 'x', issuer: `http://127.0.0.1:${provider.port}`, clientId: 'x', redirectUri: `${base}/api/auth/oidc/callback`, scopes: ['openid'], usernameClaim: 'preferred_username', adminValues: [] });
    await expect(nowhere.begin()).rejects.toBeInstanceOf(ProviderUnavailableError);
    await expect(nowhere.check()).rejects.toBeInstanceOf(ProviderUnavailableError);
    await provider.start();
  });
});
