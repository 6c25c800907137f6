// Sign-in with an LDAP directory (issue 15 item 5), against a real slapd started here with a temporary
// database: the user's own bind checks the password, a first sign-in makes an account with no project
// rights, the admin group makes a site admin (and leaving it takes that away), StartTLS with a self-signed
// certificate, filter and DN injection, and a directory that is down (a clear 503, the local admin still
// signs in). Every outcome is in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryRejectedError, DirectoryUnavailableError, LdapDirectory, escapeDnValue, type LdapConfig } from '../src/platform/auth/ldap.js';
import { loadConfig } from '../src/platform/config.js';
import { ADMIN_PASSWORD, startApi, type Api } from './support/api.js';
import { createSqliteDatabase } from './support/databases.js';
import { ADMIN_GROUP_DN, LDAP_BASE, SERVICE_DN, SERVICE_PASSWORD, removeSlapdDir, startSlapd, type RunningSlapd } from './support/slapd.js';

const ALICE = { uid: 'alice', password: 'alice directory pw 1', displayName: 'Alice Anders' };
const BOB = { uid: 'bob', password: 'bob directory pw 22', displayName: 'Bob Berg' };
const CAROL = { uid: 'carol', password: 'carol directory pw 3', displayName: 'Carol Cole' };
const DAVE = { uid: 'dave', password: 'dave directory pw 44', displayName: 'Dave Dunn' };

function directoryConfig(slapd: RunningSlapd, changes: Partial<LdapConfig> = {}): LdapConfig {
  const parsed = loadConfig({ env: {}, overrides: { 'auth.ldap': { url: slapd.url, base: `ou=people,${LDAP_BASE}`, serviceDn: SERVICE_DN, servicePassword: SERVICE_PASSWORD, groups: { base: `ou=groups,${LDAP_BASE}`, admin: [ADMIN_GROUP_DN] } } } });
  return { ...parsed.auth.ldap!, ...changes };
}

describe('LDAP sign-in against slapd', () => {
  let slapd: RunningSlapd;
  let tlsSlapd: RunningSlapd;
  let api: Api;

  beforeAll(async () => {
    [slapd, tlsSlapd] = await Promise.all([startSlapd({ people: [ALICE, BOB, CAROL, DAVE], admins: ['bob'] }), startSlapd({ people: [ALICE], admins: ['alice'], tls: true })]);
    api = await startApi(createSqliteDatabase, {
      config: { 'auth.ldap': { url: slapd.url, base: `ou=people,${LDAP_BASE}`, serviceDn: SERVICE_DN, servicePassword: SERVICE_PASSWORD, groups: { base: `ou=groups,${LDAP_BASE}`, admin: [ADMIN_GROUP_DN.toUpperCase()] } } },
    });
  }, 30_000);

  afterAll(async () => {
    await api?.close();
    await Promise.all([slapd?.stop(), tlsSlapd?.stop()]);
    if (slapd) removeSlapdDir(slapd);
    if (tlsSlapd) removeSlapdDir(tlsSlapd);
  });

  it('a first sign-in makes an account from the directory, with no project rights and no site role', async () => {
    expect(await api.services.auth.findUser('alice')).toBeUndefined();
    const { response, cookie, csrfToken } = await api.signIn('Alice', ALICE.password);
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({ username: 'alice', displayName: 'Alice Anders', isAdmin: false, authSource: 'ldap' });
    const user = await api.services.auth.getUser('alice');
    expect(user).toMatchObject({ authSource: 'ldap', hasPassword: false, isAdmin: false });
    // The session works like a local one; no project is visible; admin routes are refused.
    const projects = await api.call('GET', '/api/projects', undefined, { cookie });
    expect(projects.statusCode).toBe(200);
    expect(projects.json()).toEqual([]);
    expect((await api.call('GET', '/api/users', undefined, { cookie })).statusCode).toBe(403);
    const session = await api.call('GET', '/api/session', undefined, { cookie });
    expect(session.json()).toMatchObject({ user: { username: 'alice' }, csrfToken });
    // Audited: the account made at first sign-in, and the session with how it was proved.
    const made = await api.services.audit.list({ action: 'user.create', username: undefined });
    expect(made.find((e) => e.target === 'alice')?.details).toMatchObject({ source: 'ldap', firstSignIn: true, isAdmin: false, dn: `uid=alice,ou=people,${LDAP_BASE}` });
    const signIns = await api.services.audit.list({ action: 'session.create', username: 'alice' });
    expect(signIns[0]).toMatchObject({ outcome: 'ok', details: { method: 'ldap' } });
    // A second sign-in uses the same account.
    expect((await api.signIn('alice', ALICE.password)).response.statusCode).toBe(200);
    expect((await api.services.auth.listUsers()).filter((u) => u.username === 'alice')).toHaveLength(1);
  });

  it('the admin group makes a site admin; leaving it takes the role away at the next sign-in', async () => {
    const first = await api.signIn('bob', BOB.password);
    expect(first.response.statusCode).toBe(200);
    expect(first.response.json().user).toMatchObject({ username: 'bob', isAdmin: true });
    expect((await api.call('GET', '/api/users', undefined, { cookie: first.cookie })).statusCode).toBe(200);
    await slapd.modify(`dn: ${ADMIN_GROUP_DN}\nchangetype: modify\nadd: member\nmember: uid=carol,ou=people,${LDAP_BASE}\n-\ndelete: member\nmember: uid=bob,ou=people,${LDAP_BASE}\n`);
    const again = await api.signIn('bob', BOB.password);
    expect(again.response.json().user).toMatchObject({ username: 'bob', isAdmin: false });
    const updates = await api.services.audit.list({ action: 'user.update' });
    expect(updates.find((e) => e.target === 'bob')?.details).toMatchObject({ isAdmin: false, source: 'ldap' });
    expect((await api.signIn('carol', CAROL.password)).response.json().user).toMatchObject({ isAdmin: true });
  });

  it('a wrong password, an unknown user and an empty password are refused alike and audited', async () => {
    const wrong = await api.signIn('alice', 'not alices password');
    expect(wrong.response.statusCode).toBe(401);
    expect(wrong.response.json().error).toBe('wrong username or password');
    const unknown = await api.signIn('mallory', 'whatever password 1');
    expect(unknown.response.statusCode).toBe(401);
    expect(unknown.response.json().error).toBe('wrong username or password');
    expect(await api.services.auth.findUser('mallory')).toBeUndefined();
    expect((await api.signIn('alice', '')).response.statusCode).toBe(400);
    const failed = (await api.services.audit.list({ action: 'session.create' })).filter((e) => e.outcome === 'failed');
    expect(failed.find((e) => e.actor.username === 'alice')?.details).toMatchObject({ method: 'ldap', reason: 'directory: wrong password' });
    expect(failed.find((e) => e.actor.username === 'mallory')?.details).toMatchObject({ method: 'ldap', reason: 'directory: no such user' });
  });

  it('a directory password is changed in the directory, not in Fiona', async () => {
    const { cookie, csrfToken } = await api.signIn('alice', ALICE.password);
    const res = await api.call('POST', '/api/session/password', { currentPassword: ALICE.password, newPassword: 'a brand new password 9' }, { cookie, 'x-csrf-token': csrfToken });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toContain('change it there');
    const reset = await api.admin.call('PATCH', '/api/users/alice', { password: 'a brand new password 9' });
    expect(reset.statusCode).toBe(422);
    expect((await api.signIn('alice', ALICE.password)).response.statusCode).toBe(200);
  });

  it('a local account with the same name as a directory user keeps its local password, never the directory one', async () => {
    expect((await api.admin.call('POST', '/api/users', { username: 'dave', password: 'kept here only 5 secret' })).statusCode).toBe(201);
    expect((await api.signIn('dave', 'kept here only 5 secret')).response.json().user).toMatchObject({ username: 'dave', authSource: 'local' });
    expect((await api.signIn('dave', DAVE.password)).response.statusCode).toBe(401);
  });

  it('bind DN template mode, filter and DN injection, and a service account with a wrong password', async () => {
    const direct = new LdapDirectory(directoryConfig(slapd, { bindDn: `uid={username},ou=people,${LDAP_BASE}`, serviceDn: undefined, servicePassword: undefined }));
    const found = await direct.authenticate('alice', ALICE.password);
    expect(found).toMatchObject({ dn: `uid=alice,ou=people,${LDAP_BASE}`, displayName: 'Alice Anders', isAdmin: false });
    await expect(direct.authenticate('alice', 'wrong password here')).rejects.toBeInstanceOf(DirectoryRejectedError);
    // An unauthenticated bind (DN, empty password) "succeeds" on LDAP servers: never sent.
    await expect(direct.authenticate('alice', '')).rejects.toBeInstanceOf(DirectoryRejectedError);
    // A DN injected through the username is escaped into a value that names nobody.
    expect(escapeDnValue('x,ou=services')).toBe('x\\,ou\\=services');
    await expect(direct.authenticate('fiona,ou=services', SERVICE_PASSWORD)).rejects.toBeInstanceOf(DirectoryRejectedError);
    // Search mode: a wildcard in the username matches nobody (RFC 4515 escaping), not everybody.
    const search = new LdapDirectory(directoryConfig(slapd));
    await expect(search.authenticate('*', ALICE.password)).rejects.toThrow('no such user');
    await expect(search.authenticate('al*', ALICE.password)).rejects.toThrow('no such user');
    const badService = new LdapDirectory(directoryConfig(slapd, { servicePassword: 'wrong service pw' }));
    await expect(badService.authenticate('alice', ALICE.password)).rejects.toThrow(/service account cannot bind/);
    // What fiona doctor says.
    expect(await search.check()).toBe(`${slapd.url} reachable, service account binds`);
    expect(await direct.check()).toBe(`${slapd.url} reachable`);
    await expect(badService.check()).rejects.toBeInstanceOf(DirectoryUnavailableError);
  });

  it('StartTLS with the directory certificate checked against the configured CA', async () => {
    const base = directoryConfig(tlsSlapd, { startTls: true, tlsCaFile: tlsSlapd.caFile, groups: { base: `ou=groups,${LDAP_BASE}`, filter: '(|(member={dn})(uniqueMember={dn}))', admin: [ADMIN_GROUP_DN] } });
    const found = await new LdapDirectory(base).authenticate('alice', ALICE.password);
    expect(found).toMatchObject({ displayName: 'Alice Anders', isAdmin: true });
    // Without the CA the self-signed certificate is not trusted: nothing is sent, the directory is "unavailable".
    const untrusted = new LdapDirectory({ ...base, tlsCaFile: undefined });
    await expect(untrusted.authenticate('alice', ALICE.password)).rejects.toBeInstanceOf(DirectoryUnavailableError);
  });

  it('with the directory down: directory users get a clear 503, the local admin still signs in', async () => {
    await slapd.stop();
    await expect(new LdapDirectory(directoryConfig(slapd)).check()).rejects.toBeInstanceOf(DirectoryUnavailableError);
    const down = await api.signIn('alice', ALICE.password);
    expect(down.response.statusCode).toBe(503);
    expect(down.response.json().error).toMatch(/^the directory \(ldap:\/\/127\.0\.0\.1:\d+\) cannot be reached.*local accounts still can/);
    const admin = await api.signIn('admin', ADMIN_PASSWORD);
    expect(admin.response.statusCode).toBe(200);
    const failed = (await api.services.audit.list({ action: 'session.create', username: 'alice' })).find((e) => e.outcome === 'failed');
    expect(String(failed?.details?.reason)).toMatch(/^directory unavailable/);
  });
});
