// Default deny, tested over every registered route: the list comes from the app itself (the OpenAPI
// document is generated from the routes' own declarations), so a new route is covered the moment it is
// added. Each route must refuse an anonymous request with 401, and a signed-in user without rights — a
// stranger, and the owner of another project — with 403 or 404, leaving the data untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { composeWebApp } from '../src/composition.js';
import { loadConfig } from '../src/platform/config.js';
import { silentLogger } from '../src/platform/logger.js';
import { engines } from './support/databases.js';
import { projectBody, startApi, type Api, type Caller } from './support/api.js';

interface Operation {
  method: string;
  path: string;
  permission: string;
}

function operations(doc: { paths: Record<string, Record<string, { 'x-permission': string }>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, permission: op['x-permission'] })));
}

describe.each(engines)('default deny on $engine', ({ create }) => {
  let api: Api;
  let ops: Operation[];
  let stranger: Caller;
  let neighbour: Caller;
  let victimTokenId: string;
  /** Things only the victim (and admins) may see; no response to anyone else may contain them. */
  let victimSecrets: string[] = [];
  const fill: Record<string, string> = { name: 'VICTIM1', username: 'x-victim', id: '' };

  beforeAll(async () => {
    api = await startApi(create);
    ops = operations((await api.call('GET', '/api/openapi.json')).json());
    const victim = await api.user('x-victim');
    stranger = await api.user('x-stranger');
    neighbour = await api.user('x-neighbour');
    expect((await api.admin.call('POST', '/api/projects', projectBody('VICTIM1', { participantPattern: 'V-\\d{3}', owner: 'x-victim', description: 'victim-secret-description' }))).statusCode).toBe(201);
    expect((await victim.call('POST', '/api/projects/VICTIM1/participants', { id: 'V-001' })).statusCode).toBe(201);
    expect((await victim.call('POST', '/api/projects/VICTIM1/groups', { name: 'site1' })).statusCode).toBe(201);
    // The neighbour owns a project of their own: every right there, none in VICTIM1.
    expect((await api.admin.call('POST', '/api/projects', projectBody('NEIGHBOUR1', { owner: 'x-neighbour' }))).statusCode).toBe(201);
    const victimToken = (await victim.call('GET', '/api/tokens')).json()[0];
    victimTokenId = victimToken.id;
    victimSecrets = ['victim-secret-description', victimToken.prefix, (await api.admin.call('GET', '/api/users/x-victim')).json().id];
  });
  afterAll(async () => api?.close());

  const url = (op: Operation, id = 'V-001') => op.path.replace(/\{(\w+)\}/g, (_m, key: string) => encodeURIComponent(key === 'id' ? (op.path.startsWith('/api/tokens') ? victimTokenId : id) : (fill[key] ?? 'VICTIM1')));
  const send = (op: Operation, headers: Record<string, string> = {}) =>
    api.app.inject({ method: op.method as InjectOptions['method'], url: url(op), headers, ...(['POST', 'PUT', 'PATCH'].includes(op.method) ? { payload: { username: 'x-stranger', role: 'owner', id: 'V-002', name: 'site2', status: 'archived', project: 'VICTIM1', participant: 'V-001', event: 'baseline' } } : {}) });

  it('finds the routes, each with a permission, including those the issue names', () => {
    const names = ops.map((op) => `${op.method} ${op.path}`);
    for (const required of [
      'POST /api/projects',
      'GET /api/projects',
      'GET /api/projects/{name}',
      'POST /api/projects/{name}/members',
      'POST /api/projects/{name}/participants',
      'GET /api/projects/{name}/participants',
      'GET /api/studies',
      'GET /api/audit',
      'POST /api/session',
      'GET /api/session',
      'DELETE /api/session',
      'GET /api/openapi.json',
    ]) {
      expect(names).toContain(required);
    }
    for (const op of ops) expect(op.permission, `${op.method} ${op.path}`).toMatch(/^(public|authenticated|admin|quarantine:browse|project:[a-z.]+)$/);
    expect(ops.filter((op) => op.permission === 'public').map((op) => `${op.method} ${op.path}`).sort()).toEqual(['GET /api/health', 'GET /api/openapi.json', 'POST /api/session']);
  });

  it('refuses every non-public route without credentials: 401', async () => {
    const protectedOps = ops.filter((op) => op.permission !== 'public');
    expect(protectedOps.length).toBeGreaterThan(15);
    for (const op of protectedOps) {
      const res = await send(op);
      expect(res.statusCode, `${op.method} ${op.path}`).toBe(401);
      expect(res.json().error).toBeTruthy();
    }
  });

  it('refuses every route with a revoked or forged token: 401', async () => {
    const revoked = (await stranger.call('POST', '/api/tokens', { name: 'soon gone' })).json();
    await stranger.call('DELETE', `/api/tokens/${revoked.id}`);
    for (const op of ops.filter((o) => o.permission !== 'public')) {
      expect((await send(op, { authorization: `Bearer ${revoked.token}` })).statusCode, `${op.method} ${op.path}`).toBe(401);
      expect((await send(op, { authorization: 'Bearer fiona_forgedforgedforgedforgedforgedforgedforg' })).statusCode, `${op.method} ${op.path}`).toBe(401);
    }
  });

  it('refuses every admin and project route to a user without rights, and to the owner of another project: 403 or 404', async () => {
    const guarded = ops.filter((op) => op.permission === 'admin' || op.permission.startsWith('project:'));
    expect(guarded.length).toBeGreaterThan(10);
    for (const caller of [stranger, neighbour]) {
      for (const op of guarded) {
        const res = await send(op, { authorization: `Bearer ${caller.token}` });
        expect([403, 404], `${caller.username}: ${op.method} ${op.path} gave ${res.statusCode}`).toContain(res.statusCode);
        for (const secret of victimSecrets) expect(res.body, `${op.method} ${op.path}`).not.toContain(secret);
        // A project's existence does not leak to non-members.
        if (op.permission.startsWith('project:')) expect(res.statusCode, `${op.method} ${op.path}`).toBe(404);
      }
    }
  });

  it('gives the same 404 for another project as for one that does not exist', async () => {
    const there = await stranger.call('GET', '/api/projects/VICTIM1');
    const nowhere = await stranger.call('GET', '/api/projects/NOWHERE1');
    expect(there.statusCode).toBe(404);
    expect(there.body.replace('VICTIM1', 'X')).toBe(nowhere.body.replace('NOWHERE1', 'X'));
  });

  it('lets routes open to any signed-in user show only the caller\'s own things', async () => {
    for (const op of ops.filter((o) => o.permission === 'authenticated')) {
      const res = await send(op, { authorization: `Bearer ${stranger.token}` });
      for (const secret of victimSecrets) expect(res.body, `${op.method} ${op.path}`).not.toContain(secret);
      if (op.path.includes('{')) expect(res.statusCode, `${op.method} ${op.path}`).toBeGreaterThanOrEqual(400);
    }
  });

  it('lets only admins and assigners use the quarantine routes, and never to act on another project', async () => {
    const quarantine = ops.filter((o) => o.permission === 'quarantine:browse');
    expect(quarantine.map((o) => `${o.method} ${o.path}`)).toContain('GET /api/studies');
    for (const op of quarantine) {
      expect((await send(op, { authorization: `Bearer ${stranger.token}` })).statusCode, `${op.method} ${op.path}`).toBe(403);
      // An event stream never ends for a caller who may read it; its refusal is what is tested above.
      if (op.path.endsWith('/events')) continue;
      const res = await send(op, { authorization: `Bearer ${neighbour.token}` });
      if (op.method === 'GET') for (const secret of victimSecrets) expect(res.body, `${op.method} ${op.path}`).not.toContain(secret);
      else expect(res.statusCode, `${op.method} ${op.path} gave ${res.statusCode}`).toBeGreaterThanOrEqual(400);
    }
    expect((await send(quarantine.find((o) => o.path === '/api/studies')!, { authorization: `Bearer ${neighbour.token}` })).statusCode).toBe(200);
  });

  it('left the other project untouched', async () => {
    expect((await api.admin.call('GET', '/api/projects/VICTIM1')).json()).toMatchObject({ status: 'development' });
    expect((await api.admin.call('GET', '/api/projects/VICTIM1/members')).json().map((m: { username: string }) => m.username)).toEqual(['x-victim']);
    expect((await api.admin.call('GET', '/api/projects/VICTIM1/participants')).json().map((p: { id: string }) => p.id)).toEqual(['V-001']);
    expect((await api.admin.call('GET', '/api/projects/VICTIM1/groups')).json().map((g: { name: string }) => g.name)).toEqual(['site1']);
    expect((await api.admin.call('GET', '/api/tokens?username=x-victim')).json()[0].revokedAt).toBeNull();
    expect((await api.admin.call('GET', '/api/users/x-stranger')).json().isAdmin).toBe(false);
  });

  it.each([
    ['no permission', {}, /declares no valid permission/],
    ['an unknown permission', { permission: 'everyone' }, /declares no valid permission/],
    ['an unknown project permission', { permission: { project: 'project:own' } }, /declares no valid permission/],
    ['a project permission without :name', { permission: { project: 'project:read' } }, /no :name parameter/],
  ])('refuses to start with a route that declares %s', async (_what, config, message) => {
    const { app } = await composeWebApp({ db: api.db, logger: silentLogger, config: loadConfig({ env: {} }) }, { firstAdmin: false });
    void app.register(async (plugin) => {
      plugin.get('/api/unguarded', { config: config as never }, async () => 'open');
    });
    await expect(app.ready()).rejects.toThrow(message);
    await app.close().catch(() => undefined);
  });
});
