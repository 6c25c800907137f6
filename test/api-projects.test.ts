// Projects, members with each role, data access groups and participants through the HTTP API, on SQLite
// and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from './support/databases.js';
import { dateOffsetDays } from '../src/pipeline/deid/dates.js';
import { projectBody, startApi, TEST_KEY, type Api, type Caller } from './support/api.js';

describe.each(engines)('projects API on $engine', ({ create }) => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi(create);
  });
  afterAll(async () => api?.close());

  describe('creating a project', () => {
    it('creates it with all its settings, camelCase, and shows it', async () => {
      const res = await api.admin.call('POST', '/api/projects', projectBody('CREATE1', { description: 'a study', deidOptions: { preserveWeekday: true }, status: 'active' }));
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        name: 'CREATE1',
        description: 'a study',
        rekNumber: '2024/1234',
        startDate: '2024-01-01',
        endDate: '2099-12-31',
        principalInvestigator: 'Dr. Pi',
        participantPattern: 'CRE-\\d{3}',
        events: ['baseline', 'followup'],
        destination: { aet: 'RPACS', host: 'pacs.example.org', port: 104, dicomwebUrl: null },
        status: 'active',
        acceptsAssignments: true,
      });
      expect(res.json().deidOptions).toMatchObject({ preserveWeekday: true, retainUids: false, cleanPixelData: true });
      const shown = await api.admin.call('GET', '/api/projects/CREATE1');
      expect(shown.statusCode).toBe(200);
      expect(shown.json().name).toBe('CREATE1');
    });

    it('refuses a duplicate name, also in another case (409)', async () => {
      expect((await api.admin.call('POST', '/api/projects', projectBody('DUPL1'))).statusCode).toBe(201);
      for (const name of ['DUPL1', 'dupl1']) {
        const res = await api.admin.call('POST', '/api/projects', projectBody(name));
        expect(res.statusCode).toBe(409);
        expect(res.json()).toMatchObject({ field: 'name' });
      }
    });

    it.each([
      ['a short name', { name: 'ABCD' }, 422, 'name'],
      ['a long name', { name: 'X'.repeat(21) }, 422, 'name'],
      ['a name with a slash', { name: 'AB/CDE' }, 422, 'name'],
      ['a pattern that does not compile', { participantPattern: 'P(\\d' }, 422, 'participantPattern'],
      ['a pattern that matches nothing at all', { participantPattern: '.*' }, 422, 'participantPattern'],
      ['no pattern', { participantPattern: undefined }, 400, 'participantPattern'],
      ['no events', { events: [] }, 422, 'events'],
      ['events not a list', { events: 'a,b' }, 400, 'events'],
      ['a bad event name', { events: ['ok', '\\bad'] }, 422, 'events[1]'],
      ['an impossible date', { startDate: '2024-02-30' }, 422, 'startDate'],
      ['an end before the start', { startDate: '2025-01-01', endDate: '2024-01-01' }, 422, 'endDate'],
      ['a long AE title', { destination: { aet: 'A_TITLE_THAT_IS_TOO_LONG', host: 'h', port: 104 } }, 422, 'destination.aet'],
      ['a port out of range', { destination: { aet: 'A', host: 'h', port: 0 } }, 422, 'destination.port'],
      ['a port that is text', { destination: { aet: 'A', host: 'h', port: '104' } }, 400, 'destination.port'],
      ['an unknown status', { status: 'closed' }, 400, 'status'],
      ['an unknown de-identification option', { deidOptions: { retainEverything: true } }, 422, 'deidOptions.retainEverything'],
      ['an unknown field', { colour: 'blue' }, 400, 'colour'],
      ['an unknown owner', { owner: 'nobody' }, 422, 'owner'],
    ])('refuses %s with %i naming the field, creating nothing', async (_what, changes, status, field) => {
      const body = projectBody('BADPROJ', changes);
      const res = await api.admin.call('POST', '/api/projects', body);
      expect(res.statusCode).toBe(status);
      expect(res.json().field).toBe(field);
      expect(res.json().error).toContain(field);
      expect((await api.admin.call('GET', `/api/projects/${String(body.name)}`)).statusCode).toBe(404);
    });

    it('refuses a body that is not JSON (400)', async () => {
      const res = await api.app.inject({ method: 'POST', url: '/api/projects', headers: { authorization: `Bearer ${api.admin.token}`, 'content-type': 'application/json' }, payload: '{"name":' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toBeTruthy();
    });

    it('shows a project whose REK approval has ended as not accepting assignments', async () => {
      const res = await api.admin.call('POST', '/api/projects', projectBody('EXPIRED1', { startDate: '2020-01-01', endDate: '2021-01-01' }));
      expect(res.json()).toMatchObject({ acceptsAssignments: false, assignmentsBlockedBecause: expect.stringMatching(/ended on 2021-01-01/) });
    });

    it('lets admins change settings, not the name, and not drop events', async () => {
      await api.admin.call('POST', '/api/projects', projectBody('CHANGE1'));
      // The first release waits for a dry run, through PATCH too, and nothing of the refused PATCH is applied.
      const held = await api.admin.call('PATCH', '/api/projects/CHANGE1', { status: 'active', events: ['baseline', 'followup', 'year2'] });
      expect(held.statusCode).toBe(409);
      expect(held.json().error).toContain('run a dry run of one study first');
      expect((await api.admin.call('GET', '/api/projects/CHANGE1')).json()).toMatchObject({ status: 'development', events: ['baseline', 'followup'] });
      // The audit row a dry run leaves (test/api-dry-run.test.ts runs a real one).
      await api.services.audit.record({ action: 'deid.dry-run', actor: { userId: null, username: 'admin', via: 'session' }, project: 'CHANGE1', target: '1.2.3' });
      const ok = await api.admin.call('PATCH', '/api/projects/CHANGE1', { status: 'active', events: ['baseline', 'followup', 'year2'], destination: { port: 11112 } });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ status: 'active', events: ['baseline', 'followup', 'year2'], destination: { aet: 'RPACS', port: 11112 } });
      expect((await api.admin.call('PATCH', '/api/projects/CHANGE1', { events: ['baseline'] })).json()).toMatchObject({ field: 'events' });
      expect((await api.admin.call('PATCH', '/api/projects/CHANGE1', { name: 'OTHER1' })).statusCode).toBe(400);
      expect((await api.admin.call('PATCH', '/api/projects/NOSUCH1', { status: 'active' })).statusCode).toBe(404);
    });
  });

  describe('members with each role', () => {
    let owner: Caller, manager: Caller, entry: Caller, viewer: Caller, outsider: Caller;
    beforeAll(async () => {
      [owner, manager, entry, viewer, outsider] = await Promise.all(['r-owner', 'r-manager', 'r-entry', 'r-viewer', 'r-outsider'].map((n) => api.user(n)));
      expect((await api.admin.call('POST', '/api/projects', projectBody('ROLES1', { participantPattern: 'R\\d{3}', owner: 'r-owner' }))).statusCode).toBe(201);
      // The owner manages the members.
      for (const [user, role] of [[manager, 'data-manager'], [entry, 'data-entry'], [viewer, 'viewer']] as const) {
        const res = await owner.call('POST', '/api/projects/ROLES1/members', { username: user.username, role });
        expect(res.statusCode).toBe(201);
        expect(res.json()).toMatchObject({ username: user.username, role, dataAccessGroup: null });
      }
    });

    it('lists the members with their roles', async () => {
      const res = await viewer.call('GET', '/api/projects/ROLES1/members');
      expect(res.statusCode).toBe(200);
      expect(res.json().map((m: { username: string; role: string }) => `${m.username}:${m.role}`).sort()).toEqual(['r-entry:data-entry', 'r-manager:data-manager', 'r-owner:owner', 'r-viewer:viewer']);
    });

    it('refuses duplicate members, unknown roles and unknown users', async () => {
      expect((await owner.call('POST', '/api/projects/ROLES1/members', { username: 'r-viewer', role: 'viewer' })).statusCode).toBe(409);
      const role = await owner.call('POST', '/api/projects/ROLES1/members', { username: 'r-outsider', role: 'superuser' });
      expect(role.statusCode).toBe(422);
      expect(role.json()).toMatchObject({ field: 'role', error: expect.stringContaining('owner, data-manager, data-entry, viewer') });
      expect((await owner.call('POST', '/api/projects/ROLES1/members', { username: 'nobody', role: 'viewer' })).json()).toMatchObject({ field: 'username' });
      expect((await owner.call('GET', '/api/projects/ROLES1/members')).json()).toHaveLength(4);
    });

    it('lets every member read the project, and shows each their role', async () => {
      for (const [user, role] of [[owner, 'owner'], [manager, 'data-manager'], [entry, 'data-entry'], [viewer, 'viewer']] as const) {
        const res = await user.call('GET', '/api/projects/ROLES1');
        expect(res.statusCode).toBe(200);
        expect(res.json().myRole).toBe(role);
        const list = await user.call('GET', '/api/projects');
        expect(list.json().map((p: { name: string }) => p.name)).toEqual(['ROLES1']);
      }
    });

    it('hides the project from non-members (404) and lists nothing for them', async () => {
      expect((await outsider.call('GET', '/api/projects/ROLES1')).statusCode).toBe(404);
      expect((await outsider.call('GET', '/api/projects/ROLES1/participants')).statusCode).toBe(404);
      expect((await outsider.call('GET', '/api/projects')).json()).toEqual([]);
    });

    it('lets owners and data managers register participants, not data entry or viewers', async () => {
      expect((await owner.call('POST', '/api/projects/ROLES1/participants', { id: 'R001' })).statusCode).toBe(201);
      expect((await manager.call('POST', '/api/projects/ROLES1/participants', { id: 'R002' })).statusCode).toBe(201);
      expect((await entry.call('POST', '/api/projects/ROLES1/participants', { id: 'R003' })).statusCode).toBe(403);
      expect((await viewer.call('POST', '/api/projects/ROLES1/participants', { id: 'R004' })).statusCode).toBe(403);
      for (const user of [owner, manager, entry, viewer]) {
        const res = await user.call('GET', '/api/projects/ROLES1/participants');
        expect(res.statusCode).toBe(200);
        expect(res.json().map((p: { id: string }) => p.id)).toEqual(['R001', 'R002']);
      }
    });

    it('lets only owners manage members and groups', async () => {
      for (const user of [manager, entry, viewer]) {
        expect((await user.call('POST', '/api/projects/ROLES1/members', { username: 'r-outsider', role: 'viewer' })).statusCode).toBe(403);
        expect((await user.call('POST', '/api/projects/ROLES1/groups', { name: 'site9' })).statusCode).toBe(403);
        expect((await user.call('PATCH', '/api/projects/ROLES1/members/r-viewer', { role: 'owner' })).statusCode).toBe(403);
        expect((await user.call('DELETE', '/api/projects/ROLES1/members/r-viewer')).statusCode).toBe(403);
      }
    });

    it('lets only admins create or change projects', async () => {
      for (const user of [owner, manager, entry, viewer]) {
        expect((await user.call('POST', '/api/projects', projectBody('NOTMINE1'))).statusCode).toBe(403);
        expect((await user.call('PATCH', '/api/projects/ROLES1', { status: 'active' })).statusCode).toBe(403);
      }
    });

    it('lets owners, data managers and data entry browse the quarantine; not viewers or outsiders', async () => {
      for (const user of [owner, manager, entry]) expect((await user.call('GET', '/api/studies')).statusCode).toBe(200);
      for (const user of [viewer, outsider]) expect((await user.call('GET', '/api/studies')).statusCode).toBe(403);
    });

    it('changes roles, and a removed member loses access at once, tokens included', async () => {
      const temp = await api.user('r-temp');
      await owner.call('POST', '/api/projects/ROLES1/members', { username: 'r-temp', role: 'viewer' });
      expect((await temp.call('POST', '/api/projects/ROLES1/participants', { id: 'R010' })).statusCode).toBe(403);
      const changed = await owner.call('PATCH', '/api/projects/ROLES1/members/r-temp', { role: 'data-manager' });
      expect(changed.json()).toMatchObject({ role: 'data-manager' });
      expect((await temp.call('POST', '/api/projects/ROLES1/participants', { id: 'R010' })).statusCode).toBe(201);
      expect((await owner.call('DELETE', '/api/projects/ROLES1/members/r-temp')).statusCode).toBe(204);
      expect((await temp.call('GET', '/api/projects/ROLES1')).statusCode).toBe(404);
      expect((await temp.call('GET', '/api/studies')).statusCode).toBe(403);
      expect((await owner.call('DELETE', '/api/projects/ROLES1/members/r-temp')).statusCode).toBe(404);
    });

    it('keeps an owner: the last owner cannot leave or step down, an admin may remove them', async () => {
      expect((await owner.call('DELETE', '/api/projects/ROLES1/members/r-owner')).statusCode).toBe(403);
      expect((await owner.call('PATCH', '/api/projects/ROLES1/members/r-owner', { role: 'viewer' })).statusCode).toBe(403);
      await api.admin.call('POST', '/api/projects', projectBody('ORPHAN1', { owner: 'r-outsider' }));
      expect((await api.admin.call('DELETE', '/api/projects/ORPHAN1/members/r-outsider')).statusCode).toBe(204);
    });
  });

  describe('participants', () => {
    let manager: Caller;
    beforeAll(async () => {
      manager = await api.user('p-manager');
      await api.admin.call('POST', '/api/projects', projectBody('PART1', { participantPattern: 'PART1-\\d{4}' }));
      await api.admin.call('POST', '/api/projects/PART1/members', { username: 'p-manager', role: 'data-manager' });
    });

    it('accepts an ID that matches the pattern and gives it a date offset, kept internal', async () => {
      const res = await manager.call('POST', '/api/projects/PART1/participants', { id: 'PART1-0001' });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({ id: 'PART1-0001', dataAccessGroup: null, createdAt: expect.any(String), createdBy: 'p-manager' });
      const row = await api.db.kysely.selectFrom('participants').selectAll().where('participant_id', '=', 'PART1-0001').executeTakeFirstOrThrow();
      expect(Number(row.date_offset_days)).toBe(dateOffsetDays(TEST_KEY, 'PART1', 'PART1-0001'));
      expect(Number(row.date_offset_days)).toBeLessThan(0);
      const shown = await manager.call('GET', '/api/projects/PART1/participants/PART1-0001');
      expect(shown.statusCode).toBe(200);
      expect(shown.json()).not.toHaveProperty('dateOffsetDays');
    });

    it.each(['PART1-001', 'part1-0001', 'PART1-00012', 'X PART1-0001', ''])('refuses %j with 422 and the reason', async (id) => {
      const res = await manager.call('POST', '/api/projects/PART1/participants', { id });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ field: 'id' });
      if (id) expect(res.json().error).toContain('does not match the project\'s participant ID pattern PART1-\\d{4}');
    });

    it('refuses a duplicate (409) and a missing ID (400)', async () => {
      expect((await manager.call('POST', '/api/projects/PART1/participants', { id: 'PART1-0002' })).statusCode).toBe(201);
      expect((await manager.call('POST', '/api/projects/PART1/participants', { id: 'PART1-0002' })).statusCode).toBe(409);
      expect((await manager.call('POST', '/api/projects/PART1/participants', {})).json()).toMatchObject({ field: 'id' });
      expect((await manager.call('GET', '/api/projects/PART1/participants/PART1-9999')).statusCode).toBe(404);
    });

    it('takes no new participants in an archived project', async () => {
      await api.admin.call('POST', '/api/projects', projectBody('ARCH1', { participantPattern: 'A\\d', status: 'archived' }));
      expect((await api.admin.call('POST', '/api/projects/ARCH1/participants', { id: 'A1' })).statusCode).toBe(422);
    });
  });

  describe('data access groups', () => {
    let site1: Caller, all: Caller;
    beforeAll(async () => {
      [site1, all] = await Promise.all([api.user('g-site1'), api.user('g-all')]);
      await api.admin.call('POST', '/api/projects', projectBody('MULTI1', { participantPattern: 'M\\d{3}', owner: 'g-all' }));
      for (const name of ['site1', 'site2']) expect((await all.call('POST', '/api/projects/MULTI1/groups', { name })).statusCode).toBe(201);
      expect((await all.call('POST', '/api/projects/MULTI1/groups', { name: 'site1' })).statusCode).toBe(409);
      expect((await all.call('POST', '/api/projects/MULTI1/members', { username: 'g-site1', role: 'data-manager', dataAccessGroup: 'site1' })).statusCode).toBe(201);
      expect((await all.call('POST', '/api/projects/MULTI1/members', { username: 'g-site1', role: 'viewer', dataAccessGroup: 'site3' })).statusCode).toBe(422);
    });

    it('puts a grouped member\'s participants in their group, and shows them only those', async () => {
      const mine = await site1.call('POST', '/api/projects/MULTI1/participants', { id: 'M001' });
      expect(mine.json()).toMatchObject({ dataAccessGroup: 'site1' });
      expect((await all.call('POST', '/api/projects/MULTI1/participants', { id: 'M002', dataAccessGroup: 'site2' })).json()).toMatchObject({ dataAccessGroup: 'site2' });
      expect((await all.call('POST', '/api/projects/MULTI1/participants', { id: 'M003' })).json()).toMatchObject({ dataAccessGroup: null });
      expect((await site1.call('GET', '/api/projects/MULTI1/participants')).json().map((p: { id: string }) => p.id)).toEqual(['M001']);
      expect((await all.call('GET', '/api/projects/MULTI1/participants')).json().map((p: { id: string }) => p.id)).toEqual(['M001', 'M002', 'M003']);
      expect((await api.admin.call('GET', '/api/projects/MULTI1/participants')).json()).toHaveLength(3);
      expect((await site1.call('GET', '/api/projects/MULTI1/participants/M002')).statusCode).toBe(404);
      expect((await site1.call('GET', '/api/projects/MULTI1/participants/M001')).statusCode).toBe(200);
    });

    it('refuses a grouped member registering into another group (403) and unknown groups (422)', async () => {
      expect((await site1.call('POST', '/api/projects/MULTI1/participants', { id: 'M010', dataAccessGroup: 'site2' })).statusCode).toBe(403);
      expect((await all.call('POST', '/api/projects/MULTI1/participants', { id: 'M011', dataAccessGroup: 'site9' })).json()).toMatchObject({ field: 'dataAccessGroup' });
    });

    it('lists the groups to members', async () => {
      expect((await site1.call('GET', '/api/projects/MULTI1/groups')).json().map((g: { name: string }) => g.name)).toEqual(['site1', 'site2']);
    });
  });
});
