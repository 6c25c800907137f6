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

  it('stops with a message that names the key of a bad value', () => {
    expect(() => loadConfig({ env: { FIONA_DICOM_PORT: 'eleven' } })).toThrow(ConfigError);
    expect(() => loadConfig({ env: { FIONA_DICOM_PORT: 'eleven' } })).toThrow(/dicom\.port \(FIONA_DICOM_PORT\)/);
    expect(() => loadConfig({ env: { FIONA_DICOM_AET: 'A_TITLE_THAT_IS_TOO_LONG' } })).toThrow(/dicom\.aet/);
    expect(() => loadConfig({ env: {}, overrides: { 'http.bogus': 1 } })).toThrow(/http/);
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
