// Sign-in, sessions with CSRF, the pause after failed sign-ins, API tokens and user accounts through the
// HTTP API, on SQLite and PostgreSQL.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeWebApp } from '../src/composition.js';
import { loadConfig } from '../src/platform/config.js';
import { openTestDb, engines } from './support/databases.js';
import { ADMIN_PASSWORD, PASSWORD, projectBody, startApi, type Api } from './support/api.js';
import { TEST_CONFIG, TEST_PASSWORD_COST } from './support/test-config.js';

describe.each(engines)('authentication on $engine', ({ create }) => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi(create);
  });
  afterAll(async () => api?.close());

  describe('sessions', () => {
    it('signs in with a cookie that is HTTP-only and SameSite=Strict, and returns a CSRF token', async () => {
      await api.user('s-alice');
      const { response, cookie, csrfToken } = await api.signIn('s-alice');
      expect(response.statusCode).toBe(200);
      expect(String(response.headers['set-cookie'])).toMatch(/^fiona_session=[\w-]{20,}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
      expect(csrfToken.length).toBeGreaterThan(20);
      expect(response.json().user).toMatchObject({ username: 's-alice', isAdmin: false });
      expect(response.json().user).not.toHaveProperty('passwordHash');
      const me = await api.call('GET', '/api/session', undefined, { cookie });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ user: { username: 's-alice' }, via: 'session', csrfToken, mayBrowseQuarantine: false });
    });

    it('hashes passwords at the configured scrypt cost (the tests\' low one); unconfigured it is 15', async () => {
      const row = await api.db.kysely.selectFrom('users').select('password_hash').where('username', '=', 's-alice').executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(new RegExp(`^scrypt\\$${TEST_PASSWORD_COST}\\$8\\$1\\$`));
      expect(loadConfig({ env: {} }).auth.passwordCost).toBe(15);
      expect(loadConfig({ env: { FIONA_AUTH_PASSWORD_COST: '16' } }).auth.passwordCost).toBe(16);
      expect(() => loadConfig({ env: { FIONA_AUTH_PASSWORD_COST: '9' } })).toThrow(/auth\.passwordCost \(FIONA_AUTH_PASSWORD_COST\)/);
    });

    it('accepts usernames in any case', async () => {
      expect((await api.signIn('S-ALICE')).response.statusCode).toBe(200);
    });

    it('refuses a wrong password or unknown user with the same 401', async () => {
      const wrong = await api.signIn('s-alice', 'not the password at all');
      const unknown = await api.signIn('nobody-here', PASSWORD);
      expect(wrong.response.statusCode).toBe(401);
      expect(unknown.response.statusCode).toBe(401);
      expect(wrong.response.json()).toEqual(unknown.response.json());
      expect(wrong.response.headers['set-cookie']).toBeUndefined();
    });

    it('needs the X-CSRF-Token header for changes made with the cookie', async () => {
      await api.user('s-admin', { isAdmin: true });
      const { cookie, csrfToken } = await api.signIn('s-admin');
      const without = await api.call('POST', '/api/projects', projectBody('CSRF1'), { cookie });
      expect(without.statusCode).toBe(403);
      expect(without.json().error).toMatch(/x-csrf-token/i);
      expect((await api.call('POST', '/api/projects', projectBody('CSRF1'), { cookie, 'x-csrf-token': 'wrong' })).statusCode).toBe(403);
      expect((await api.call('GET', '/api/projects/CSRF1', undefined, { cookie })).statusCode).toBe(404);
      expect((await api.call('POST', '/api/projects', projectBody('CSRF1'), { cookie, 'x-csrf-token': csrfToken })).statusCode).toBe(201);
      // Reads need no CSRF token.
      expect((await api.call('GET', '/api/projects/CSRF1', undefined, { cookie })).statusCode).toBe(200);
    });

    it('does not take one session\'s CSRF token for another session', async () => {
      const a = await api.signIn('s-admin');
      const b = await api.signIn('s-admin');
      expect((await api.call('POST', '/api/projects', projectBody('CSRF2'), { cookie: a.cookie, 'x-csrf-token': b.csrfToken })).statusCode).toBe(403);
    });

    it('signs out: the cookie stops working', async () => {
      const { cookie, csrfToken } = await api.signIn('s-alice');
      expect((await api.call('DELETE', '/api/session', undefined, { cookie })).statusCode).toBe(403);
      const out = await api.call('DELETE', '/api/session', undefined, { cookie, 'x-csrf-token': csrfToken });
      expect(out.statusCode).toBe(204);
      expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
      expect((await api.call('GET', '/api/session', undefined, { cookie })).statusCode).toBe(401);
    });

    it('treats an unknown cookie as not signed in', async () => {
      expect((await api.call('GET', '/api/session', undefined, { cookie: 'fiona_session=forged' })).statusCode).toBe(401);
    });

    it('pauses an account after repeated failed sign-ins, even for the right password', async () => {
      await api.user('s-target');
      for (let i = 0; i < 5; i++) expect((await api.signIn('s-target', `wrong password ${i}`)).response.statusCode).toBe(401);
      const paused = await api.signIn('s-target');
      expect(paused.response.statusCode).toBe(429);
      expect(Number(paused.response.headers['retry-after'])).toBeGreaterThan(0);
      expect(paused.response.json().error).toMatch(/try again in \d+ seconds/);
      // An admin setting a new password lifts the pause.
      expect((await api.admin.call('PATCH', '/api/users/s-target', { password: 'a brand new password' })).statusCode).toBe(200);
      expect((await api.signIn('s-target', 'a brand new password')).response.statusCode).toBe(200);
    });

    it('lets a user change their own password with the current one', async () => {
      await api.user('s-changer');
      const { cookie, csrfToken } = await api.signIn('s-changer');
      const headers = { cookie, 'x-csrf-token': csrfToken };
      expect((await api.call('POST', '/api/session/password', { currentPassword: 'wrong password!', newPassword: 'another good password' }, headers)).statusCode).toBe(401);
      expect((await api.call('POST', '/api/session/password', { currentPassword: PASSWORD, newPassword: 'short' }, headers)).json()).toMatchObject({ field: 'password' });
      expect((await api.call('POST', '/api/session/password', { currentPassword: PASSWORD, newPassword: 'another good password' }, headers)).statusCode).toBe(204);
      expect((await api.call('GET', '/api/session', undefined, { cookie })).statusCode).toBe(401);
      expect((await api.signIn('s-changer', 'another good password')).response.statusCode).toBe(200);
    });
  });

  describe('API tokens', () => {
    it('creates a token shown once, lists it by prefix, and revokes it', async () => {
      const bob = await api.user('t-bob');
      const created = await bob.call('POST', '/api/tokens', { name: 'analysis script' });
      expect(created.statusCode).toBe(201);
      const { token, id, prefix } = created.json();
      expect(token).toMatch(/^fiona_[\w-]{43}$/);
      expect(token.startsWith(prefix)).toBe(true);
      const stored = await api.db.kysely.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(stored.token_hash).not.toContain(token.slice(6));
      const list = await bob.call('GET', '/api/tokens');
      expect(list.json().map((t: { name: string }) => t.name)).toEqual(['tests', 'analysis script']);
      expect(JSON.stringify(list.json())).not.toContain(token);

      const me = await api.call('GET', '/api/session', undefined, { authorization: `Bearer ${token}` });
      expect(me.json()).toMatchObject({ user: { username: 't-bob' }, via: 'token', csrfToken: null });
      expect((await bob.call('DELETE', `/api/tokens/${id}`)).json()).toMatchObject({ id, revokedAt: expect.any(String) });
      expect((await api.call('GET', '/api/session', undefined, { authorization: `Bearer ${token}` })).statusCode).toBe(401);
    });

    it('needs no CSRF token with a bearer token', async () => {
      await api.admin.call('POST', '/api/projects', projectBody('BEARER1'));
      expect((await api.admin.call('POST', '/api/projects/BEARER1/participants', { id: 'BEA-001' })).statusCode).toBe(201);
    });

    it('refuses malformed or unknown bearer tokens, even with a valid cookie', async () => {
      const { cookie } = await api.signIn('admin', ADMIN_PASSWORD);
      for (const authorization of ['Bearer fiona_nope', 'Bearer', 'Basic YWRtaW46eA==', `Bearer ${'x'.repeat(300)}`]) {
        expect((await api.call('GET', '/api/session', undefined, { authorization, cookie })).statusCode).toBe(401);
      }
    });

    it('carries its user\'s rights, never more', async () => {
      const carol = await api.user('t-carol');
      expect((await carol.call('POST', '/api/projects', projectBody('CAROL1'))).statusCode).toBe(403);
      expect((await carol.call('GET', '/api/audit')).statusCode).toBe(403);
      expect((await carol.call('POST', '/api/tokens', { name: 'x', username: 'admin' })).statusCode).toBe(404);
    });

    it('stops working when its user is disabled, and again when enabled', async () => {
      const dave = await api.user('t-dave');
      expect((await dave.call('GET', '/api/session')).statusCode).toBe(200);
      expect((await api.admin.call('PATCH', '/api/users/t-dave', { disabled: true })).json()).toMatchObject({ disabled: true });
      expect((await dave.call('GET', '/api/session')).statusCode).toBe(401);
      expect((await api.signIn('t-dave')).response.statusCode).toBe(401);
      await api.admin.call('PATCH', '/api/users/t-dave', { disabled: false });
      expect((await dave.call('GET', '/api/session')).statusCode).toBe(200);
    });

    it('stops giving access to a project when its user loses the membership', async () => {
      const erin = await api.user('t-erin');
      await api.admin.call('POST', '/api/projects', projectBody('ERIN1', { owner: 't-erin' }));
      expect((await erin.call('GET', '/api/projects/ERIN1')).statusCode).toBe(200);
      await api.admin.call('DELETE', '/api/projects/ERIN1/members/t-erin');
      expect((await erin.call('GET', '/api/projects/ERIN1')).statusCode).toBe(404);
    });

    it('cannot be seen or revoked by another user; an admin can', async () => {
      const frank = await api.user('t-frank');
      const grace = await api.user('t-grace');
      const id = (await frank.call('POST', '/api/tokens', { name: 'mine' })).json().id as string;
      expect((await grace.call('DELETE', `/api/tokens/${id}`)).statusCode).toBe(404);
      expect((await grace.call('GET', '/api/tokens?username=t-frank')).statusCode).toBe(404);
      expect((await api.admin.call('GET', '/api/tokens?username=t-frank')).json()).toHaveLength(2);
      expect((await api.admin.call('DELETE', `/api/tokens/${id}`)).statusCode).toBe(200);
    });

    it('refuses a token without a name', async () => {
      const res = await api.admin.call('POST', '/api/tokens', { name: '  ' });
      expect(res.statusCode).toBe(422);
      expect(res.json().field).toBe('name');
    });
  });

  describe('user accounts', () => {
    it('lets admins create users, with a generated password shown once', async () => {
      const res = await api.admin.call('POST', '/api/users', { username: 'U-Heidi', isAdmin: false });
      expect(res.statusCode).toBe(201);
      expect(res.json().user).toMatchObject({ username: 'u-heidi', isAdmin: false, disabled: false });
      const password = res.json().password as string;
      expect(password).toHaveLength(20);
      expect((await api.signIn('u-heidi', password)).response.statusCode).toBe(200);
      expect((await api.admin.call('GET', '/api/users')).json().map((u: { username: string }) => u.username)).toContain('u-heidi');
      expect((await api.admin.call('GET', '/api/users/u-heidi')).json()).not.toHaveProperty('passwordHash');
    });

    it('refuses duplicates (409), bad names and weak passwords (422)', async () => {
      expect((await api.admin.call('POST', '/api/users', { username: 'u-heidi' })).statusCode).toBe(409);
      expect((await api.admin.call('POST', '/api/users', { username: 'x y' })).json()).toMatchObject({ field: 'username' });
      expect((await api.admin.call('POST', '/api/users', { username: 'u-ivan', password: 'short' })).json()).toMatchObject({ field: 'password' });
      expect((await api.admin.call('GET', '/api/users/u-ivan')).statusCode).toBe(404);
    });

    it('does not let an admin disable or demote themselves', async () => {
      expect((await api.admin.call('PATCH', '/api/users/admin', { disabled: true })).statusCode).toBe(403);
      expect((await api.admin.call('PATCH', '/api/users/admin', { isAdmin: false })).statusCode).toBe(403);
    });
  });
});

describe.each(engines)('password spraying on $engine', ({ create }) => {
  it('pauses an address after 20 failed sign-ins, whichever usernames it tried', async () => {
    const api = await startApi(create);
    try {
      await api.user('spray-target');
      for (let i = 0; i < 20; i++) expect((await api.signIn(`guess-${i}`, 'Winter2026!!')).response.statusCode).toBe(401);
      const paused = await api.signIn('spray-target');
      expect(paused.response.statusCode).toBe(429);
      expect(paused.response.json().error).toMatch(/from your address/);
      // Other clients and bearer tokens are not affected.
      expect((await api.app.inject({ method: 'POST', url: '/api/session', remoteAddress: '10.1.2.3', payload: { username: 'spray-target', password: PASSWORD } })).statusCode).toBe(200);
      expect((await api.admin.call('GET', '/api/session')).statusCode).toBe(200);
    } finally {
      await api.close();
    }
  });
});

describe.each(engines)('first start on $engine', ({ create }) => {
  it('creates "admin" with a random password printed once to the log', async () => {
    const db = await openTestDb(create);
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    try {
      const env = process.env.FIONA_ADMIN_PASSWORD;
      delete process.env.FIONA_ADMIN_PASSWORD;
      const { app } = await composeWebApp({ db, logger, config: loadConfig({ env: {}, overrides: TEST_CONFIG }) });
      if (env !== undefined) process.env.FIONA_ADMIN_PASSWORD = env;
      const line = lines.find((l) => l.includes('created user \\"admin\\"'));
      expect(line).toBeDefined();
      const password = /with password (\S+) /.exec(line!)![1];
      const signIn = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'admin', password } });
      expect(signIn.statusCode).toBe(200);
      expect(signIn.json().user.isAdmin).toBe(true);
      await app.close();
      // The second start creates nothing and prints no password.
      lines.length = 0;
      const { app: again } = await composeWebApp({ db, logger, config: loadConfig({ env: {}, overrides: TEST_CONFIG }) });
      expect(lines.join('')).not.toContain('password');
      await again.close();
    } finally {
      await db.drop();
    }
  });

  it('takes FIONA_ADMIN_PASSWORD when set', async () => {
    const db = await openTestDb(create);
    const before = process.env.FIONA_ADMIN_PASSWORD;
    process.env.FIONA_ADMIN_PASSWORD = 'from the environment 1';
    try {
      const { app } = await composeWebApp({ db, logger: pino({ level: 'silent' }), config: loadConfig({ env: {}, overrides: TEST_CONFIG }) });
      expect((await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'admin', password: 'from the environment 1' } })).statusCode).toBe(200);
      await app.close();
    } finally {
      if (before === undefined) delete process.env.FIONA_ADMIN_PASSWORD;
      else process.env.FIONA_ADMIN_PASSWORD = before;
      await db.drop();
    }
  });
});
