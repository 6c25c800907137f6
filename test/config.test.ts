import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, hasRole, loadConfig } from '../src/platform/config.js';

describe('configuration', () => {
  it('works with no configuration at all', () => {
    const config = loadConfig({ env: {} });
    expect(config.dataDir).toBe('./data');
    expect(config.dicom.aet).toBe('FIONA');
    expect(config.dicom.port).toBe(11112);
    expect(config.http.port).toBe(8080);
    expect(config.arrival.quietSeconds).toBe(16);
  });

  it('takes FIONA_* variables over the defaults', () => {
    const config = loadConfig({
      env: { FIONA_DATA_DIR: '/tmp/x', FIONA_DICOM_PORT: '4242', FIONA_DICOM_AET: 'GATE', FIONA_HTTP_PORT: '9000', FIONA_DB_URL: 'postgres://a@b/c', FIONA_DICOM_ALLOWED_CALLING_AETS: 'A, B' },
    });
    expect(config).toMatchObject({ dataDir: '/tmp/x', dicom: { port: 4242, aet: 'GATE', allowedCallingAets: ['A', 'B'] }, http: { port: 9000 }, db: { url: 'postgres://a@b/c' } });
  });

  it('sizes the de-identification threads per process: FIONA_DEID_THREADS, 0 (one per core but one) by default', () => {
    expect(loadConfig({ env: {} }).deid.threads).toBe(0);
    expect(loadConfig({ env: { FIONA_DEID_THREADS: '1' } }).deid.threads).toBe(1);
    expect(() => loadConfig({ env: { FIONA_DEID_THREADS: '-1' } })).toThrow(/deid\.threads/);
  });

  it('stops with a message that names the key of a bad value', () => {
    expect(() => loadConfig({ env: { FIONA_DICOM_PORT: 'eleven' } })).toThrow(ConfigError);
    expect(() => loadConfig({ env: { FIONA_DICOM_PORT: 'eleven' } })).toThrow(/dicom\.port \(FIONA_DICOM_PORT\)/);
    expect(() => loadConfig({ env: { FIONA_DICOM_AET: 'A_TITLE_THAT_IS_TOO_LONG' } })).toThrow(/dicom\.aet/);
    expect(() => loadConfig({ env: {}, overrides: { 'http.bogus': 1 } })).toThrow(/http/);
  });

  it('checks the directory sign-in settings and names the key', () => {
    expect(loadConfig({ env: {} }).auth).toEqual({ passwordCost: 15 });
    const ldap = { url: 'ldap://dc1.hospital.local', base: 'dc=hospital,dc=local', serviceDn: 'cn=svc' };
    const file = join(mkdtempSync(join(tmpdir(), 'fiona-config-')), 'fiona.config.json');
    writeFileSync(file, JSON.stringify({ auth: { ldap: { ...ldap, servicePassword: 'from the file' } } }));
    const config = loadConfig({ file, env: { FIONA_AUTH_LDAP_SERVICE_PASSWORD: 'from the environment' } });
    expect(config.auth.ldap).toMatchObject({ filter: '(uid={username})', startTls: false, servicePassword: 'from the environment', groups: { admin: [] } });
    expect(() => loadConfig({ env: {}, overrides: { 'auth.ldap': { url: 'ldap://x' } } })).toThrow(/auth\.ldap\.base: give bindDn/);
    expect(() => loadConfig({ env: {}, overrides: { 'auth.ldap': { url: 'ldap://x', bindDn: 'uid=fixed,dc=x' } } })).toThrow(/auth\.ldap\.bindDn: must contain \{username\}/);
    expect(() => loadConfig({ env: {}, overrides: { 'auth.ldap': { url: 'ldaps://x', base: 'dc=x', startTls: true } } })).toThrow(/auth\.ldap\.startTls/);
    expect(() => loadConfig({ env: {}, overrides: { 'auth.ldap': { url: 'ldap://x', base: 'dc=x', serviceDn: 'cn=svc' } } })).toThrow(/auth\.ldap\.servicePassword/);
    const oidc = { issuer: 'https://sso.hospital.org/realms/staff', clientId: 'fiona', redirectUri: 'https://fiona.hospital.org/api/auth/oidc/callback' };
    writeFileSync(file, JSON.stringify({ auth: { oidc } }));
    expect(loadConfig({ file, env: { FIONA_AUTH_OIDC_CLIENT_SECRET: 'shh' } }).auth.oidc).toMatchObject({ name: 'hospital account', clientSecret: 'shh', scopes: ['openid', 'profile', 'email'], usernameClaim: 'preferred_username' });
    expect(() => loadConfig({ env: {}, overrides: { 'auth.oidc': { ...oidc, issuer: 'http://sso.hospital.org' } } })).toThrow(/auth\.oidc\.issuer: https/);
    expect(loadConfig({ env: {}, overrides: { 'auth.oidc': { ...oidc, issuer: 'http://127.0.0.1:9000' } } }).auth.oidc?.issuer).toBe('http://127.0.0.1:9000');
    expect(() => loadConfig({ env: {}, overrides: { 'auth.oidc': { ...oidc, redirectUri: 'https://fiona.hospital.org/elsewhere' } } })).toThrow(/auth\.oidc\.redirectUri/);
    expect(() => loadConfig({ env: {}, overrides: { 'auth.oidc': { ...oidc, scopes: ['profile'] } } })).toThrow(/auth\.oidc\.scopes: must include openid/);
  });

  it('keeps mail off by default and reads the SMTP settings from FIONA_MAIL_*', () => {
    expect(loadConfig({ env: {} }).mail).toMatchObject({ enabled: false, port: 587, secure: false });
    const mail = loadConfig({ env: { FIONA_MAIL_ENABLED: 'true', FIONA_MAIL_HOST: 'smtp.example.org', FIONA_MAIL_PORT: '465', FIONA_MAIL_SECURE: 'yes', FIONA_MAIL_USER: 'fiona', FIONA_MAIL_PASSWORD: 'secret' } }).mail;
    expect(mail).toMatchObject({ enabled: true, host: 'smtp.example.org', port: 465, secure: true, user: 'fiona', password: 'secret' });
    expect(() => loadConfig({ env: { FIONA_MAIL_USER: 'fiona' } })).toThrow(/mail\.password/);
  });

  it('reads the roles of fiona serve from FIONA_ROLES as a comma list, all by default, and names a bad one', () => {
    const all = loadConfig({ env: {} });
    expect(all.roles).toEqual(['all']);
    expect(['receiver', 'worker', 'web'].every((r) => hasRole(all, r as 'web'))).toBe(true);
    const split = loadConfig({ env: { FIONA_ROLES: 'receiver, web' } });
    expect(split.roles).toEqual(['receiver', 'web']);
    expect([hasRole(split, 'receiver'), hasRole(split, 'web'), hasRole(split, 'worker')]).toEqual([true, true, false]);
    expect(loadConfig({ env: {}, overrides: { roles: 'worker' } }).roles).toEqual(['worker']);
    expect(() => loadConfig({ env: { FIONA_ROLES: 'receiver,cook' } })).toThrow(/roles\.1: .*'receiver' \| 'worker' \| 'web', received 'cook'/);
  });
});
