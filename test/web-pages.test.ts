// The web app's pages and its event stream through app.inject(): the shell is served at every page path
// with strict security headers, assets are served with their types, the OpenAPI document lists only the
// API, and the live stream is closed to anonymous callers and to users without quarantine rights.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteDatabase } from './support/databases.js';
import { startApi, type Api } from './support/api.js';

describe('web pages', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi(createSqliteDatabase);
  });
  afterAll(async () => api?.close());

  it('serves the shell at every page path with a content security policy', async () => {
    for (const url of ['/', '/sign-in', '/assign', '/transfers', '/projects', '/projects/Anything', '/users']) {
      const res = await api.call('GET', url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['content-security-policy']).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
      expect(res.body).toContain('<script type="module" src="/app/main.js">');
    }
    const etag = (await api.call('GET', '/')).headers.etag as string;
    expect((await api.call('GET', '/', undefined, { 'if-none-match': etag })).statusCode).toBe(304);
  });

  it('serves the client modules and stylesheet, and nothing else', async () => {
    const js = await api.call('GET', '/app/main.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect((await api.call('GET', '/app/styles.css')).headers['content-type']).toMatch(/^text\/css/);
    expect((await api.call('GET', '/app/..%2Fplugins%2Fweb-pages.ts')).statusCode).toBe(404);
    expect((await api.call('GET', '/app/nothing.js')).statusCode).toBe(404);
  });

  it('documents the API and DICOMweb, not the pages', async () => {
    const doc = (await api.call('GET', '/api/openapi.json')).json() as { paths: Record<string, Record<string, { 'x-permission': string }>> };
    expect(Object.keys(doc.paths).filter((p) => !p.startsWith('/api/') && !p.startsWith('/dicomweb/'))).toEqual([]);
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/dicomweb/'))).toBe(true);
    expect(doc.paths['/api/events'].get['x-permission']).toBe('quarantine:browse');
  });

  it('keeps the event stream from anonymous callers and from users who may not browse the quarantine', async () => {
    expect((await api.call('GET', '/api/events')).statusCode).toBe(401);
    const viewer = await api.user('vera');
    expect((await viewer.call('GET', '/api/events')).statusCode).toBe(403);
  });
});
