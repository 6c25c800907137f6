// A project's life through the HTTP API, on SQLite and PostgreSQL: apply → decide (approve, ask for
// changes, decline) → development → active → archived (read-only) → handed-over → deleted by two admins,
// each step refused to the wrong person, and the trail in words kept after the deletion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from './support/databases.js';
import { startApi, type Api, type Caller } from './support/api.js';

function form(name: string, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    rekNumber: 'REK 2026/77',
    startDate: '2026-01-01',
    endDate: '2099-12-31',
    principalInvestigator: 'Dr. Pi',
    description: 'Brain MR of a cohort',
    modalities: ['MR', 'CT'],
    expectedVolume: '200 participants, 2 MR each',
    participantPattern: 'LIF-\\d{3}',
    events: ['baseline', 'followup'],
    agreementAccepted: true,
    ...changes,
  };
}
const destination = { aet: 'RPACS', host: 'pacs.example.org', port: 104 };

describe.each(engines)('project lifecycle API on $engine', ({ create }) => {
  let api: Api;
  let alice: Caller;
  let bob: Caller;
  let admin2: Caller;
  beforeAll(async () => {
    // The first-release port (the de-identification dry run of issue 10 plugs in here): refuses DRYRUN1.
    const firstReleaseCheck = async (project: string) => (project === 'DRYRUN1' ? { allowed: false as const, reason: 'the dry run has not been reviewed' } : { allowed: true as const });
    api = await startApi(create, { config: { 'lifecycle.retentionDays': 0 }, compose: { firstReleaseCheck } });
    alice = await api.user('alice');
    bob = await api.user('bob');
    admin2 = await api.user('admin2', { isAdmin: true });
  });
  afterAll(async () => api?.close());

  it('refuses a bad form naming the field, and an application without the agreement', async () => {
    for (const [changes, field] of [
      [{ name: 'abc' }, 'name'],
      [{ endDate: '2025-01-01' }, 'endDate'],
      [{ modalities: ['mri'] }, 'modalities[0]'],
      [{ participantPattern: '.*' }, 'participantPattern'],
      [{ agreementAccepted: false }, 'agreementAccepted'],
      [{ principalInvestigator: ' ' }, 'principalInvestigator'],
    ] as const) {
      const res = await alice.call('POST', '/api/applications', form('BADFORM1', changes));
      expect(res.statusCode, JSON.stringify(changes)).toBe(422);
      expect(res.json().field).toBe(field);
    }
    expect((await api.call('POST', '/api/applications', form('ANON1'))).statusCode).toBe(401);
    expect((await alice.call('GET', '/api/applications')).json()).toEqual([]);
  });

  it('runs a whole life: apply, changes asked, approve, activate, archive, hand over, delete with two admins', async () => {
    const applied = await alice.call('POST', '/api/applications', form('LIFE1', { name: 'LIFE1' }));
    expect(applied.statusCode).toBe(201);
    const id = applied.json().id as string;
    expect(applied.json()).toMatchObject({ applicant: 'alice', status: 'pending' });
    // The same name again, by anyone, is refused while the application is open.
    expect((await bob.call('POST', '/api/applications', form('life1'))).statusCode).toBe(409);
    // Applicants see only their own; only admins decide.
    expect((await bob.call('GET', '/api/applications')).json()).toEqual([]);
    expect((await api.admin.call('GET', '/api/applications')).json().map((a: { id: string }) => a.id)).toContain(id);
    expect((await alice.call('POST', `/api/applications/${id}/approve`, { destination })).statusCode).toBe(403);

    expect((await api.admin.call('POST', `/api/applications/${id}/request-changes`, { reason: ' ' })).statusCode).toBe(422);
    const asked = await api.admin.call('POST', `/api/applications/${id}/request-changes`, { reason: 'name the scanner' });
    expect(asked.json()).toMatchObject({ status: 'changes-requested', reason: 'name the scanner', decidedBy: 'admin' });
    expect((await bob.call('PUT', `/api/applications/${id}`, form('LIFE1'))).statusCode).toBe(404);
    const again = await alice.call('PUT', `/api/applications/${id}`, form('LIFE1', { description: 'Brain MR on the 3T Prisma' }));
    expect(again.json()).toMatchObject({ status: 'pending' });

    const approved = await api.admin.call('POST', `/api/applications/${id}/approve`, { destination, reason: 'REK checked' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().project).toEqual({ name: 'LIFE1', status: 'development' });
    expect((await api.admin.call('POST', `/api/applications/${id}/approve`, { destination })).statusCode).toBe(409);
    // The applicant owns it; the project carries the form.
    const shown = await alice.call('GET', '/api/projects/LIFE1');
    expect(shown.json()).toMatchObject({ myRole: 'owner', status: 'development', rekNumber: 'REK 2026/77', description: 'Brain MR on the 3T Prisma', participantPattern: 'LIF-\\d{3}' });
    expect((await bob.call('GET', '/api/projects/LIFE1/lifecycle')).statusCode).toBe(404);

    // Only admins move it; owners may not.
    expect((await alice.call('POST', '/api/projects/LIFE1/status', { status: 'active' })).statusCode).toBe(403);
    expect((await api.admin.call('POST', '/api/projects/LIFE1/status', { status: 'handed-over' })).statusCode).toBe(422);
    expect((await api.admin.call('POST', '/api/projects/LIFE1/status', { status: 'deleted' })).statusCode).toBe(422);
    expect((await api.admin.call('POST', '/api/projects/LIFE1/status', { status: 'active' })).json()).toEqual({ status: 'active' });
    expect((await api.admin.call('POST', '/api/projects/LIFE1/status', { status: 'archived' })).statusCode).toBe(422); // no reason
    expect((await api.admin.call('POST', '/api/projects/LIFE1/status', { status: 'archived', reason: 'ethics approval ended' })).json()).toEqual({ status: 'archived' });

    // Archived: read-only.
    const p = await alice.call('GET', '/api/projects/LIFE1');
    expect(p.json()).toMatchObject({ status: 'archived', acceptsAssignments: false });
    expect((await alice.call('POST', '/api/projects/LIFE1/participants', { id: 'LIF-001' })).statusCode).toBe(422);

    // Hand-over needs the checksum and the PI's confirmation.
    expect((await api.admin.call('POST', '/api/projects/LIFE1/status', { status: 'handed-over', handover: { sha256: 'abc', confirmedBy: 'Dr. Pi' } })).json().field).toBe('handover.sha256');
    const sha256 = 'a'.repeat(64);
    expect((await api.admin.call('POST', '/api/projects/LIFE1/status', { status: 'handed-over', handover: { sha256, confirmedBy: 'Dr. Pi, e-mail of 2026-12-01' } })).json()).toEqual({ status: 'handed-over' });

    // Deletion: one admin asks, the same one cannot confirm, a second one does.
    const asked2 = await api.admin.call('POST', '/api/projects/LIFE1/status', { status: 'deleted', reason: 'retention over' });
    expect(asked2.json()).toMatchObject({ status: 'deletion-requested', deletion: { requestedBy: 'admin', confirmedBy: null } });
    expect((await api.admin.call('POST', '/api/projects/LIFE1/status', { status: 'deleted' })).statusCode).toBe(403);
    expect((await alice.call('POST', '/api/projects/LIFE1/status', { status: 'deleted' })).statusCode).toBe(403);
    const deleted = await admin2.call('POST', '/api/projects/LIFE1/status', { status: 'deleted' });
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json()).toMatchObject({ status: 'deleted', deletion: { requestedBy: 'admin', confirmedBy: 'admin2', report: { studies: 0, participants: 0, pacs: { studies: 0 } } } });
    expect((await api.admin.call('GET', '/api/projects/LIFE1')).statusCode).toBe(404);
    expect((await alice.call('GET', '/api/projects')).json()).toEqual([]);

    // The trail stays, in words, in order.
    const trail = (await api.admin.call('GET', '/api/projects/LIFE1/trail')).json() as Array<{ who: string; action: string; text: string }>;
    const lines = trail.map((t) => `${t.who}: ${t.text}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^alice: applied for the project \(ethics approval REK 2026\/77/),
        'admin: asked alice for changes to the application (reason: name the scanner)',
        'admin: approved the application of alice (reason: REK checked)',
        'admin: created the project in status development with owner alice',
        'admin: moved the project from development to active',
        'admin: moved the project from active to archived (reason: ethics approval ended)',
        `admin: moved the project from archived to handed-over; final copy sha256 ${sha256}, receipt confirmed by Dr. Pi, e-mail of 2026-12-01`,
        'admin: asked for the project\'s deletion (reason: retention over)',
        'admin2: confirmed the deletion asked for by admin',
      ]),
    );
    expect(trail.findIndex((t) => t.action === 'application.submit')).toBeLessThan(trail.findIndex((t) => t.action === 'project.delete'));
    expect((await alice.call('GET', '/api/projects/LIFE1/trail')).statusCode).toBe(403);
  });

  it('takes requests for access to a project, decided by its owners, without telling who asks which projects exist', async () => {
    const owner = await api.user('owen');
    expect((await api.admin.call('POST', '/api/projects', { name: 'ACCESS1', participantPattern: 'A-\\d+', events: ['e1'], destination, owner: 'owen' })).statusCode).toBe(201);
    const asked = await bob.call('POST', '/api/projects/ACCESS1/access-requests', { message: 'I read the MR' });
    const unknown = await bob.call('POST', '/api/projects/NOSUCH99/access-requests', { message: 'I read the MR' });
    expect([asked.statusCode, unknown.statusCode]).toEqual([202, 202]);
    expect(unknown.json()).toEqual(asked.json());
    expect((await bob.call('GET', '/api/projects/ACCESS1/access-requests')).statusCode).toBe(404);
    const list = (await owner.call('GET', '/api/projects/ACCESS1/access-requests')).json() as Array<{ id: string; username: string; message: string }>;
    expect(list).toEqual([expect.objectContaining({ username: 'bob', message: 'I read the MR', status: 'pending' })]);
    expect((await owner.call('POST', `/api/projects/ACCESS1/access-requests/${list[0].id}/approve`, { role: 'superuser' })).statusCode).toBe(422);
    expect((await owner.call('POST', `/api/projects/ACCESS1/access-requests/${list[0].id}/approve`, { role: 'viewer' })).json()).toMatchObject({ status: 'approved', role: 'viewer', decidedBy: 'owen' });
    expect((await bob.call('GET', '/api/projects/ACCESS1')).json().myRole).toBe('viewer');
    // A member asking again changes nothing.
    await bob.call('POST', '/api/projects/ACCESS1/access-requests', {});
    expect((await owner.call('GET', '/api/projects/ACCESS1/access-requests')).json()).toHaveLength(1);
    await alice.call('POST', '/api/projects/ACCESS1/access-requests', {});
    const second = ((await owner.call('GET', '/api/projects/ACCESS1/access-requests')).json() as Array<{ id: string; username: string }>).find((r) => r.username === 'alice')!;
    expect((await bob.call('POST', `/api/projects/ACCESS1/access-requests/${second.id}/decline`, { reason: 'no' })).statusCode).toBe(403);
    expect((await owner.call('POST', `/api/projects/ACCESS1/access-requests/${second.id}/decline`, { reason: 'not in the study team' })).json()).toMatchObject({ status: 'declined', reason: 'not in the study team' });
    expect((await alice.call('GET', '/api/projects/ACCESS1')).statusCode).toBe(404);
  });

  it('declines with a reason and holds the first release while the check refuses', async () => {
    const res = await bob.call('POST', '/api/applications', form('DECL1'));
    const declined = await api.admin.call('POST', `/api/applications/${res.json().id}/decline`, { reason: 'no ethics approval attached' });
    expect(declined.json()).toMatchObject({ status: 'declined', reason: 'no ethics approval attached' });
    expect((await api.admin.call('GET', '/api/projects/DECL1')).statusCode).toBe(404);
    // The name is free again.
    expect((await bob.call('POST', '/api/applications', form('DECL1'))).statusCode).toBe(201);

    const dry = await bob.call('POST', '/api/applications', form('DRYRUN1'));
    await api.admin.call('POST', `/api/applications/${dry.json().id}/approve`, { destination });
    const held = await api.admin.call('POST', '/api/projects/DRYRUN1/status', { status: 'active' });
    expect(held.statusCode).toBe(409);
    expect(held.json().error).toContain('the dry run has not been reviewed');
    expect((await bob.call('GET', '/api/projects/DRYRUN1')).json().status).toBe('development');
    const lifecycle = (await bob.call('GET', '/api/projects/DRYRUN1/lifecycle')).json();
    expect(lifecycle).toMatchObject({ status: 'development', deletion: null, approvalWarning: null });
    expect(lifecycle.history).toEqual([expect.objectContaining({ from: null, to: 'development', by: 'admin' })]);
  });
});
