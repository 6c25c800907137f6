// Tokens and sessions (issue 12, item 9): tokens may expire; an admin's password reset revokes the user's
// tokens, and so does a self-change on request; a token mints tokens only when created for it (and never
// longer-lived than itself); cookies are Secure over HTTPS (own TLS, or a trusted proxy's
// X-Forwarded-Proto); the JSON API says no-store and nosniff.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteDatabase } from './support/databases.js';
import { PASSWORD, startApi, type Api } from './support/api.js';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('API tokens', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi(createSqliteDatabase);
  });
  afterAll(async () => api?.close());

  it('stops a token at its expiry', async () => {
    await api.user('tk-expiring');
    const { cookie, csrfToken } = await api.signIn('tk-expiring');
    const created = (await api.call('POST', '/api/tokens', { name: 'a week', expiresInDays: 7 }, { cookie, 'x-csrf-token': csrfToken })).json();
    expect(Date.parse(created.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect((await api.call('GET', '/api/session', undefined, bearer(created.token))).statusCode).toBe(200);
    // A week later (the row says so; nothing else changes).
    await api.db.kysely.updateTable('api_tokens').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', created.id).execute();
    const expired = await api.call('GET', '/api/session', undefined, bearer(created.token));
    expect(expired.statusCode).toBe(401);
  });

  it('lets a token create tokens only when it was created for that, and never longer-lived than itself', async () => {
    await api.user('tk-minter');
    const { cookie, csrfToken } = await api.signIn('tk-minter');
    const plain = (await api.call('POST', '/api/tokens', { name: 'plain' }, { cookie, 'x-csrf-token': csrfToken })).json();
    expect(plain.mayCreateTokens).toBe(false);
    const refused = await api.call('POST', '/api/tokens', { name: 'child' }, bearer(plain.token));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatch(/may not create tokens/);
    const minter = (await api.call('POST', '/api/tokens', { name: 'ci minter', mayCreateTokens: true, expiresInDays: 2 }, { cookie, 'x-csrf-token': csrfToken })).json();
    expect(minter).toMatchObject({ mayCreateTokens: true });
    const child = await api.call('POST', '/api/tokens', { name: 'child', expiresInDays: 30 }, bearer(minter.token));
    expect(child.statusCode).toBe(201);
    expect(child.json().expiresAt).toBe(minter.expiresAt);
    expect(child.json().mayCreateTokens).toBe(false);
    expect((await api.call('POST', '/api/tokens', { name: 'grandchild' }, bearer(child.json().token))).statusCode).toBe(403);
  });

  it('revokes all of a user\'s tokens when an admin sets a new password', async () => {
    const u = await api.user('tk-reset');
    expect((await u.call('GET', '/api/session')).statusCode).toBe(200);
    expect((await api.admin.call('PATCH', '/api/users/tk-reset', { password: 'lantern orbit tulip 93' })).statusCode).toBe(200);
    expect((await u.call('GET', '/api/session')).statusCode).toBe(401);
    expect((await api.admin.call('GET', '/api/tokens?username=tk-reset')).json().every((t: { revokedAt: string | null }) => t.revokedAt !== null)).toBe(true);
  });

  it('keeps tokens on a self-change of password, and revokes them when asked to', async () => {
    const u = await api.user('tk-self');
    const change = async (currentPassword: string, newPassword: string, revokeTokens?: boolean) => {
      const { cookie, csrfToken } = await api.signIn('tk-self', currentPassword);
      return api.call('POST', '/api/session/password', { currentPassword, newPassword, ...(revokeTokens === undefined ? {} : { revokeTokens }) }, { cookie, 'x-csrf-token': csrfToken });
    };
    expect((await change(PASSWORD, 'marble canyon fox 17')).statusCode).toBe(204);
    expect((await u.call('GET', '/api/session')).statusCode).toBe(200);
    expect((await change('marble canyon fox 17', 'velvet harbour kite 58', true)).statusCode).toBe(204);
    expect((await u.call('GET', '/api/session')).statusCode).toBe(401);
  });

  it('marks every JSON API answer no-store and nosniff, errors included', async () => {
    for (const res of [await api.admin.call('GET', '/api/projects'), await api.call('GET', '/api/health'), await api.call('GET', '/api/projects')]) {
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});

describe('Secure cookies', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fiona-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cookieOf = (setCookie: string | string[] | undefined) => String(setCookie ?? '');

  it('are Secure when Fiona serves HTTPS itself', async () => {
    const api = await startApi(createSqliteDatabase, { config: { 'http.tlsCert': join(dir, 'cert.pem'), 'http.tlsKey': join(dir, 'key.pem') } });
    try {
      await api.app.listen({ port: 0, host: '127.0.0.1' });
      const port = (api.app.server.address() as { port: number }).port;
      await api.user('tls-user');
      const setCookie = await new Promise<string>((resolve, reject) => {
        const body = JSON.stringify({ username: 'tls-user', password: PASSWORD });
        const req = request({ host: '127.0.0.1', port, path: '/api/session', method: 'POST', rejectUnauthorized: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve(cookieOf(res.headers['set-cookie'])) : reject(new Error(`status ${res.statusCode}`))));
        });
        req.on('error', reject);
        req.end(body);
      });
      expect(setCookie).toMatch(/fiona_session=[^;]+;.*HttpOnly/);
      expect(setCookie).toMatch(/; Secure/);
    } finally {
      await api.close();
    }
  });

  it('are Secure behind a trusted proxy that says https, and not when an untrusted client says so', async () => {
    for (const [trustProxy, secure] of [[['127.0.0.1'], true], [[], false]] as const) {
      const api = await startApi(createSqliteDatabase, { config: { 'http.trustProxy': trustProxy } });
      try {
        await api.user('proxy-user');
        const res = await api.call('POST', '/api/session', { username: 'proxy-user', password: PASSWORD }, { 'x-forwarded-proto': 'https' });
        expect(res.statusCode).toBe(200);
        expect(/; Secure/.test(cookieOf(res.headers['set-cookie'])), `trustProxy ${JSON.stringify(trustProxy)}`).toBe(secure);
      } finally {
        await api.close();
      }
    }
  });
});
