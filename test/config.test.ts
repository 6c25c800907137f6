import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/platform/config.js';

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

  it('keeps mail off by default and reads the SMTP settings from FIONA_MAIL_*', () => {
    expect(loadConfig({ env: {} }).mail).toMatchObject({ enabled: false, port: 587, secure: false });
    const mail = loadConfig({ env: { FIONA_MAIL_ENABLED: 'true', FIONA_MAIL_HOST: 'smtp.example.org', FIONA_MAIL_PORT: '465', FIONA_MAIL_SECURE: 'yes', FIONA_MAIL_USER: 'fiona', FIONA_MAIL_PASSWORD: 'secret' } }).mail;
    expect(mail).toMatchObject({ enabled: true, host: 'smtp.example.org', port: 465, secure: true, user: 'fiona', password: 'secret' });
    expect(() => loadConfig({ env: { FIONA_MAIL_USER: 'fiona' } })).toThrow(/mail\.password/);
  });
});
