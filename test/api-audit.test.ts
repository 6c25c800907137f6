// The audit log: a row for every action on protected data, readable by admins only; and the quarantine
// list, which never shows the patient's identity. On SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../src/platform/audit/audit.js';
import { engines } from './support/databases.js';
import { ADMIN_PASSWORD, projectBody, startApi, type Api, type Caller } from './support/api.js';

interface Row {
  action: string;
  outcome: string;
  actor: { username: string | null; via: string; tokenId?: string | null };
  project: string | null;
  target: string | null;
  sourceAddress: string | null;
  details: Record<string, unknown> | null;
}

describe.each(engines)('audit log on $engine', ({ create }) => {
  let api: Api;
  let owner: Caller;
  beforeAll(async () => {
    api = await startApi(create);
    owner = await api.user('a-owner');
  });
  afterAll(async () => api?.close());

  const rows = async (query = ''): Promise<Row[]> => (await api.admin.call('GET', `/api/audit?limit=1000${query}`)).json();
  const find = async (action: string, match: Partial<Row> = {}) => (await rows(`&action=${action}`)).find((r) => Object.entries(match).every(([k, v]) => JSON.stringify(r[k as keyof Row]) === JSON.stringify(v)));

  it('records sign-ins, failed ones too, with where they came from', async () => {
    await api.signIn('admin', ADMIN_PASSWORD);
    await api.signIn('admin', 'not the right one');
    const ok = await find('session.create', { outcome: 'ok' });
    expect(ok).toMatchObject({ actor: { username: 'admin', via: 'session' }, sourceAddress: '127.0.0.1' });
    expect(await find('session.create', { outcome: 'failed' })).toMatchObject({ actor: { username: 'admin' }, details: { reason: 'wrong password' } });
  });

  it('records sign-out', async () => {
    const { cookie, csrfToken } = await api.signIn('a-owner');
    await api.call('DELETE', '/api/session', undefined, { cookie, 'x-csrf-token': csrfToken });
    expect(await find('session.delete')).toMatchObject({ actor: { username: 'a-owner', via: 'session' } });
  });

  it('records token use, creation and revocation', async () => {
    await owner.call('GET', '/api/projects');
    const use = (await rows('&action=token.use')).find((r) => r.actor.username === 'a-owner' && r.details?.route === '/api/projects');
    expect(use).toMatchObject({ actor: { via: 'token', tokenId: expect.any(String) }, details: { method: 'GET' }, sourceAddress: '127.0.0.1' });
    const created = (await owner.call('POST', '/api/tokens', { name: 'audited' })).json();
    expect(await find('token.create', { target: created.id })).toMatchObject({ actor: { username: 'a-owner' }, details: { user: 'a-owner', name: 'audited' } });
    await owner.call('DELETE', `/api/tokens/${created.id}`);
    expect(await find('token.revoke', { target: created.id })).toBeDefined();
  });

  it('records project creation and changes, membership changes and groups', async () => {
    await api.admin.call('POST', '/api/projects', projectBody('AUDIT1', { participantPattern: 'AU\\d+', owner: 'a-owner' }));
    await api.admin.call('PATCH', '/api/projects/AUDIT1', { status: 'active' });
    await api.user('a-member');
    await owner.call('POST', '/api/projects/AUDIT1/members', { username: 'a-member', role: 'viewer' });
    await owner.call('PATCH', '/api/projects/AUDIT1/members/a-member', { role: 'data-entry' });
    await owner.call('DELETE', '/api/projects/AUDIT1/members/a-member');
    await owner.call('POST', '/api/projects/AUDIT1/groups', { name: 'north' });
    expect(await find('project.create', { project: 'AUDIT1' })).toMatchObject({ actor: { username: 'admin', via: 'token' }, details: { owner: 'a-owner' } });
    // A status change takes the lifecycle's path (issue 17): its own action, from and to.
    expect(await find('project.status', { project: 'AUDIT1' })).toMatchObject({ actor: { username: 'admin' }, details: { from: 'development', to: 'active' } });
    expect(await find('member.add', { project: 'AUDIT1', target: 'a-member' })).toMatchObject({ actor: { username: 'a-owner' }, details: { role: 'viewer' } });
    expect(await find('member.update', { project: 'AUDIT1', target: 'a-member' })).toMatchObject({ details: { role: 'data-entry' } });
    expect(await find('member.remove', { project: 'AUDIT1', target: 'a-member' })).toMatchObject({ details: { role: 'data-entry' } });
    expect(await find('group.create', { project: 'AUDIT1', target: 'north' })).toBeDefined();
  });

  it('records participants added and participant lists read', async () => {
    await owner.call('POST', '/api/projects/AUDIT1/participants', { id: 'AU1' });
    await owner.call('GET', '/api/projects/AUDIT1/participants');
    expect(await find('participant.add', { project: 'AUDIT1', target: 'AU1' })).toMatchObject({ actor: { username: 'a-owner', via: 'token' }, sourceAddress: '127.0.0.1' });
    expect(await find('participant.list', { project: 'AUDIT1' })).toMatchObject({ details: { count: 1 } });
  });

  it('records user accounts created and changed, and refused access', async () => {
    await api.admin.call('POST', '/api/users', { username: 'a-new' });
    await api.admin.call('PATCH', '/api/users/a-new', { disabled: true });
    expect(await find('user.create', { target: 'a-new' })).toBeDefined();
    expect(await find('user.update', { target: 'a-new' })).toMatchObject({ details: { disabled: true, passwordChanged: false } });
    const viewer = await api.user('a-viewer');
    await owner.call('POST', '/api/projects/AUDIT1/members', { username: 'a-viewer', role: 'viewer' });
    await viewer.call('POST', '/api/projects/AUDIT1/participants', { id: 'AU2' });
    expect(await find('access.denied', { project: 'AUDIT1' })).toMatchObject({ outcome: 'denied', actor: { username: 'a-viewer' }, details: { permission: 'project:participants.manage' } });
  });

  it('gives other areas a port to record their actions (assign, export, deletion)', async () => {
    await createAuditLog(api.db).record({ action: 'study.assign', actor: { userId: null, username: 'a-owner', via: 'session', sourceAddress: '10.0.0.9' }, project: 'AUDIT1', target: '1.2.3', details: { participant: 'AU1', event: 'baseline' } });
    expect(await find('study.assign', { target: '1.2.3' })).toMatchObject({ outcome: 'ok', project: 'AUDIT1', sourceAddress: '10.0.0.9', details: { participant: 'AU1' } });
  });

  it('filters by project, user and time, newest first', async () => {
    const audit1 = await rows('&project=AUDIT1');
    expect(audit1.length).toBeGreaterThan(5);
    expect(audit1.every((r) => r.project === 'AUDIT1')).toBe(true);
    const ids = audit1.map((r) => (r as unknown as { id: number }).id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    expect((await rows('&username=a-viewer')).every((r) => r.actor.username === 'a-viewer')).toBe(true);
    expect(await rows('&since=2999-01-01T00:00:00Z')).toEqual([]);
    expect((await api.admin.call('GET', '/api/audit?since=yesterday')).statusCode).toBe(400);
    expect((await api.admin.call('GET', '/api/audit?limit=2')).json()).toHaveLength(2);
  });

  it('is readable by admins only', async () => {
    expect((await owner.call('GET', '/api/audit')).statusCode).toBe(403);
    expect((await api.call('GET', '/api/audit')).statusCode).toBe(401);
  });
});

describe.each(engines)('the quarantine list on $engine', ({ create }) => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi(create);
    const now = new Date().toISOString();
    await api.db.kysely
      .insertInto('studies')
      .values({
        study_instance_uid: '1.2.826.0.1.3680043.2.1125.1',
        patient_id: '01017012345',
        patient_name: 'Nordmann^Kari',
        patient_birth_date: '19700101',
        patient_sex: 'F',
        accession_number: 'ACC0001',
        study_date: '20261127',
        study_time: '101500',
        study_description: 'MR Brain',
        modalities: 'MR\\SR',
        station_name: 'MR1',
        institution_name: 'Haukeland',
        calling_aet: 'MODALITY',
        series_count: 2,
        instance_count: 10,
        first_received_at: now,
        last_received_at: now,
        arrived_at: now,
      })
      .execute();
  });
  afterAll(async () => api?.close());

  it('shows what the original showed, and never the patient\'s identity', async () => {
    const assigner = await api.user('q-entry');
    await api.admin.call('POST', '/api/projects', projectBody('QUAR1'));
    await api.admin.call('POST', '/api/projects/QUAR1/members', { username: 'q-entry', role: 'data-entry' });
    const res = await assigner.call('GET', '/api/studies');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toHaveLength(1);
    expect(res.json()[0]).toMatchObject({ studyInstanceUid: '1.2.826.0.1.3680043.2.1125.1', accessionNumber: 'ACC0001', studyDate: '20261127', studyDescription: 'MR Brain', modalities: ['MR', 'SR'], stationName: 'MR1', institutionName: 'Haukeland', seriesCount: 2, instanceCount: 10 });
    for (const key of ['patientName', 'patientId', 'patientBirthDate', 'patientSex']) expect(res.json()[0]).not.toHaveProperty(key);
    for (const secret of ['01017012345', 'Nordmann', '19700101']) expect(res.body).not.toContain(secret);
    expect((await api.admin.call('GET', '/api/studies?search=acc0001')).json()).toHaveLength(1);
    expect((await api.admin.call('GET', '/api/studies?search=nordmann')).json()).toHaveLength(0);
    expect((await api.admin.call('GET', '/api/audit?action=studies.list')).json()[0]).toMatchObject({ actor: { username: 'admin' } });
  });
});
