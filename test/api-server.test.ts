// The API through a real listening server and fetch(): cookie sign-in, CSRF, bearer tokens, OpenAPI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { composeWebApp } from '../src/composition.js';
import { loadConfig } from '../src/platform/config.js';
import { silentLogger } from '../src/platform/logger.js';
import { engines, openTestDb } from './support/databases.js';
import { projectBody } from './support/api.js';

describe.each(engines)('a listening server on $engine', ({ create }) => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    db = await openTestDb(create);
    ({ app } = await composeWebApp({ db, logger: silentLogger, config: loadConfig({ env: {} }) }, { firstAdmin: { password: 'listening server 1' }, dateOffsetDays: () => -42 }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('signs in with a cookie, changes with the CSRF token, issues a token that works without one', async () => {
    expect((await fetch(`${base}/api/projects`)).status).toBe(401);
    const signIn = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'listening server 1' }) });
    expect(signIn.status).toBe(200);
    const setCookie = signIn.headers.getSetCookie();
    expect(setCookie[0]).toMatch(/HttpOnly; SameSite=Strict/);
    const cookie = setCookie[0].split(';')[0];
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };

    const json = { 'content-type': 'application/json' };
    expect((await fetch(`${base}/api/projects`, { method: 'POST', headers: { ...json, cookie }, body: JSON.stringify(projectBody('SERVER1')) })).status).toBe(403);
    const created = await fetch(`${base}/api/projects`, { method: 'POST', headers: { ...json, cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify(projectBody('SERVER1')) });
    expect(created.status).toBe(201);

    const token = (await (await fetch(`${base}/api/tokens`, { method: 'POST', headers: { ...json, cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify({ name: 'server test' }) })).json()) as { token: string };
    const participant = await fetch(`${base}/api/projects/SERVER1/participants`, { method: 'POST', headers: { ...json, authorization: `Bearer ${token.token}` }, body: JSON.stringify({ id: 'SER-123' }) });
    expect(participant.status).toBe(201);
    const bad = await fetch(`${base}/api/projects/SERVER1/participants`, { method: 'POST', headers: { ...json, authorization: `Bearer ${token.token}` }, body: JSON.stringify({ id: 'nope' }) });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ field: 'id', error: expect.stringContaining('does not match') });
  });

  it('serves the OpenAPI document', async () => {
    const res = await fetch(`${base}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { 'x-permission': string; requestBody?: unknown }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/projects/{name}/participants'].post['x-permission']).toBe('project:participants.manage');
    expect(doc.paths['/api/projects'].post.requestBody).toMatchObject({ content: { 'application/json': { schema: { type: 'object', required: expect.arrayContaining(['name', 'participantPattern', 'events', 'destination']) } } } });
  });

  it('documents DICOMweb per project in the OpenAPI document, with its media types and permissions', async () => {
    type Operation = { 'x-permission': string; parameters: Array<{ name: string; in: string }>; requestBody?: { content: Record<string, unknown> }; responses: Record<string, { content?: Record<string, unknown> }> };
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, Operation>> };
    const dicomweb = Object.keys(doc.paths).filter((p) => p.startsWith('/dicomweb/'));
    expect(dicomweb).toEqual(expect.arrayContaining(['/dicomweb/{name}/studies', '/dicomweb/{name}/studies/{study}/series', '/dicomweb/{name}/studies/{study}/metadata', '/dicomweb/{name}/studies/{study}/series/{series}/instances/{instance}/frames/{frames}', '/dicomweb/{name}/studies/{study}/series/{series}/instances/{instance}/rendered']));
    const qido = doc.paths['/dicomweb/{name}/studies'].get;
    expect(qido['x-permission']).toBe('project:data.read');
    expect(qido.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(expect.arrayContaining(['path:name', 'query:includefield', 'query:limit', 'query:offset']));
    expect(Object.keys(qido.responses['200'].content ?? {})).toEqual(['application/dicom+json']);
    const stow = doc.paths['/dicomweb/{name}/studies'].post;
    expect(stow['x-permission']).toBe('project:studies.assign');
    expect(Object.keys(stow.requestBody?.content ?? {})).toEqual(['multipart/related; type="application/dicom"']);
    expect(Object.keys(stow.responses)).toEqual(expect.arrayContaining(['200', '202', '409']));
    expect(Object.keys(doc.paths['/dicomweb/{name}/studies/{study}'].get.responses['200'].content ?? {})).toEqual(['multipart/related; type="application/dicom"']);
    expect(Object.keys(doc.paths['/dicomweb/{name}/studies/{study}/series/{series}/instances/{instance}/rendered'].get.responses['200'].content ?? {})).toEqual(['image/png']);
  });
});
