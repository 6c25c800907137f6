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
import { imagingRecordsRepository } from '../src/pipeline/forward/imaging-records-repository.js';
import type { IndexRecord } from '../src/pipeline/quarantine/repository.js';

/** A quarantine study of one CT instance, indexed as the receive stage would. */
function quarantineStudy(uid: string, accessionNumber: string): IndexRecord {
  return {
    header: { sopClassUid: '1.2.840.10008.5.1.4.1.1.2', sopInstanceUid: `${uid}.1.1`, studyInstanceUid: uid, seriesInstanceUid: `${uid}.1`, patient: {}, study: { accessionNumber }, series: { modality: 'CT' } },
    transferSyntaxUid: '1.2.840.10008.1.2.1',
    path: `/q/${uid}.dcm`,
    sizeBytes: 10,
    callingAet: 'M',
    sourceAddress: '127.0.0.1',
    receivedAt: new Date().toISOString(),
  } as IndexRecord;
}

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
    expect(ops.filter((op) => op.permission === 'public').map((op) => `${op.method} ${op.path}`).sort()).toEqual(['GET /api/auth/oidc/callback', 'GET /api/auth/oidc/login', 'GET /api/auth/providers', 'GET /api/health', 'GET /api/openapi.json', 'POST /api/session']);
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

  it('limits a member of one data access group to its participants on every route: transfers, resend, coupling list, imaging record, the 409 message', async () => {
    // VICTIM1 gets a second group; a participant in each, a study assigned to each, an imaging record and a
    // coupling entry for each. x-site1 is data entry in site1 only; x-site1dm a data manager in site1 only.
    expect((await api.admin.call('POST', '/api/projects/VICTIM1/groups', { name: 'site2' })).statusCode).toBe(201);
    for (const [id, group] of [['V-011', 'site1'], ['V-012', 'site2']]) expect((await api.admin.call('POST', '/api/projects/VICTIM1/participants', { id, dataAccessGroup: group })).statusCode).toBe(201);
    const site1 = await api.user('x-site1');
    const site1dm = await api.user('x-site1dm');
    expect((await api.admin.call('POST', '/api/projects/VICTIM1/members', { username: 'x-site1', role: 'data-entry', dataAccessGroup: 'site1' })).statusCode).toBe(201);
    expect((await api.admin.call('POST', '/api/projects/VICTIM1/members', { username: 'x-site1dm', role: 'data-manager', dataAccessGroup: 'site1' })).statusCode).toBe(201);
    await api.services.quarantine.index([quarantineStudy('9.1.11', 'ACC-S1'), quarantineStudy('9.1.12', 'ACC-S2')]);
    const t1 = (await api.admin.call('POST', '/api/studies/9.1.11/assign', { project: 'VICTIM1', participant: 'V-011', event: 'baseline' })).json().transferId as string;
    const t2 = (await api.admin.call('POST', '/api/studies/9.1.12/assign', { project: 'VICTIM1', participant: 'V-012', event: 'baseline' })).json().transferId as string;
    expect(t1 && t2).toBeTruthy();
    const records = imagingRecordsRepository(api.db);
    for (const [uid, participant] of [['9.9.11', 'V-011'], ['9.9.12', 'V-012']]) {
      await records.save({ project: 'VICTIM1', researchStudyUid: uid, participant, event: 'baseline', modalities: ['CT'], studyDate: null, seriesCount: 1, instancesSent: 1, pacsSeries: null, pacsInstances: null, checkedAt: null, transferredAt: null });
    }
    const upload = (caller: Caller, csv: string) => api.app.inject({ method: 'POST', url: '/api/projects/VICTIM1/coupling-list', headers: { authorization: `Bearer ${caller.token}`, 'content-type': 'text/csv' }, payload: csv });
    expect((await upload(api.admin, 'ACC-C1,V-011\nACC-C2,V-012\n')).json()).toMatchObject({ imported: 2 });
    /** What site1 must never learn: site2's participant, transfer and research study. */
    const site2Secrets = ['V-012', t2, '9.9.12'];

    // What site1 may see, it sees.
    const as = (caller: Caller, method: InjectOptions['method'], path: string, payload?: unknown) => caller.call(method, path, payload);
    expect((await as(site1, 'GET', '/api/transfers')).json().map((t: { id: string }) => t.id)).toEqual([t1]);
    expect((await as(api.admin, 'GET', '/api/transfers?project=VICTIM1')).json().map((t: { id: string }) => t.id).sort()).toEqual([t1, t2].sort());
    expect((await as(site1, 'GET', `/api/transfers/${t1}`)).statusCode).toBe(200);
    expect((await as(site1, 'GET', `/api/transfers/${t2}`)).statusCode).toBe(404);
    expect((await as(site1, 'GET', '/api/projects/VICTIM1/studies')).json().map((r: { researchStudyUid: string }) => r.researchStudyUid)).toEqual(['9.9.11']);
    expect((await as(site1, 'GET', '/api/projects/VICTIM1/coupling-list')).json().map((e: { accessionNumber: string }) => e.accessionNumber)).toEqual(['ACC-C1']);
    // Resending: one transfer of the other group is not found; a whole project resends only the group's.
    expect((await as(site1, 'POST', `/api/transfers/${t2}/resend`)).statusCode).toBe(404);
    expect((await as(site1, 'POST', `/api/transfers/${t1}/resend`)).statusCode).toBe(202);
    expect((await as(site1, 'POST', '/api/projects/VICTIM1/resend', {})).json()).toEqual({ resent: 1, transfers: [t1] });
    // A study of the other group: 409, without naming its participant.
    const conflict = await as(site1, 'POST', '/api/studies/9.1.12/assign', { project: 'VICTIM1', participant: 'V-011', event: 'baseline' });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error).toMatch(/another data access group/);
    // A data manager of site1 uploading a list: the other group's entry and participant are refused, unnamed.
    const dm = (await upload(site1dm, 'ACC-C2,V-011\nACC-C3,V-012\nACC-C4,V-013\n')).json();
    expect(dm).toMatchObject({ imported: 1, rejected: 2 });
    expect(dm.errors[0].error).toMatch(/already coupled to a participant of another data access group/);
    expect(dm.errors[1].error).toMatch(/not in your data access group/);
    expect((await as(api.admin, 'GET', '/api/projects/VICTIM1/participants/V-013')).json().dataAccessGroup).toBe('site1');

    // And every route, called by site1 about site2's things, tells nothing of them.
    const site2Fill = (op: Operation) =>
      op.path.replace(/\{(\w+)\}/g, (_m, key: string) => encodeURIComponent(key === 'id' ? (op.path.startsWith('/api/transfers') ? t2 : op.path.startsWith('/api/tokens') ? victimTokenId : 'V-012') : key === 'studyInstanceUid' ? '9.1.12' : (fill[key] ?? 'VICTIM1')));
    for (const caller of [site1, site1dm]) {
      for (const op of ops) {
        if (op.path.endsWith('/events')) continue;
        const url = site2Fill(op);
        const res = await api.app.inject({
          method: op.method as InjectOptions['method'],
          url,
          headers: { authorization: `Bearer ${caller.token}` },
          ...(['POST', 'PUT', 'PATCH'].includes(op.method) ? { payload: { project: 'VICTIM1', participant: 'V-011', event: 'baseline', id: 'V-014', name: 'site3' } } : {}),
        });
        // A "not found" may repeat what the caller asked for; nothing else of site2.
        for (const secret of site2Secrets.filter((x) => !url.includes(encodeURIComponent(x)))) expect(res.body, `${caller.username}: ${op.method} ${op.path}`).not.toContain(secret);
      }
    }
    expect((await as(api.admin, 'GET', `/api/transfers/${t2}`)).json().participant).toBe('V-012');
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
