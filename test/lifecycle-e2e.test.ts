// The whole life of a project end to end with a real Orthanc as the research PACS: apply → approve →
// active → assign → a correction under four eyes (the wrong copy deleted from Orthanc through its REST API,
// late series waiting meanwhile, the study sent again under the new pseudonym) → archive (assignments
// refused) → hand-over → deletion by two admins (nothing of the project left in Fiona's database, files or
// Orthanc; the audit log kept). Every step refused to the wrong role.
import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studyDir } from '../src/pipeline/quarantine/layout.js';
import { startTestFiona, tempDir, type TestFiona } from './support/fiona.js';
import { allowFirstRelease } from '../src/projects/lifecycle-service.js';
import { startOrthanc, type RunningOrthanc } from './support/orthanc.js';
import { apiCaller, orthancInstanceCount, orthancStudies, storescu, uniqueUid, until, waitForStudy, waitForTransfer, writeStudy } from './support/forwarding.js';

let orthanc: RunningOrthanc;
let fiona: TestFiona;
const work = tempDir('fiona-lifecycle-');
type Call = ReturnType<typeof apiCaller>;
const as: Record<string, Call> = {};
const PROJECT = 'LifeCycle1';

beforeAll(async () => {
  orthanc = await startOrthanc({ aeTitle: 'LIFEPACS' });
  fiona = await startTestFiona({ 'forward.retryBaseSeconds': 0.5, 'forward.retryMaxSeconds': 2, 'forward.reconcileMinutes': 0, 'lifecycle.retentionDays': 0, 'researchPacs.orthancRest': { LIFEPACS: orthanc.url } }, undefined, {
    // The first release's dry-run gate has its own test (api-dry-run.test.ts); this life starts with no study.
    firstReleaseCheck: allowFirstRelease,
  });
  const system = { userId: null, username: 'test', via: 'system' as const };
  for (const [name, isAdmin] of [['admin', true], ['admin2', true], ['alice', false], ['dora', false], ['victor', false], ['stranger', false]] as const) {
    if (name !== 'admin') await fiona.services.auth.createUser({ username: name, password: 'correct horse battery staple', isAdmin }, system);
    as[name] = apiCaller(fiona, (await fiona.services.auth.createToken(name, 'tests', system)).secret);
  }
});

afterAll(async () => {
  await fiona?.close();
  await orthanc?.remove();
  rmSync(work, { recursive: true, force: true });
});

const patientIds = async () => (await orthancStudies(orthanc)).map((s) => s.PatientMainDicomTags.PatientID);

describe('a project\'s life with a real research PACS', () => {
  const studyUid = uniqueUid();
  let correctionId: string;

  it('is applied for, approved by an admin and released', async () => {
    const applied = await as.alice('POST', '/api/applications', { name: PROJECT, rekNumber: 'REK 1', startDate: '2026-01-01', endDate: '2099-12-31', principalInvestigator: 'Dr. Pi', description: 'x', modalities: ['CT'], expectedVolume: '10 studies', participantPattern: 'P-\\d{3}', events: ['baseline', 'followup'], agreementAccepted: true });
    expect(applied.statusCode, applied.body).toBe(201);
    const approved = await as.admin('POST', `/api/applications/${applied.json().id}/approve`, { destination: { aet: orthanc.aeTitle, host: '127.0.0.1', port: orthanc.dicomPort } });
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await as.admin('POST', `/api/projects/${PROJECT}/status`, { status: 'active' })).statusCode).toBe(200);
    // The owner (the applicant) builds the team.
    expect((await as.alice('POST', `/api/projects/${PROJECT}/members`, { username: 'dora', role: 'data-manager' })).statusCode).toBe(201);
    expect((await as.alice('POST', `/api/projects/${PROJECT}/members`, { username: 'victor', role: 'viewer' })).statusCode).toBe(201);
  });

  it('forwards an assigned study', async () => {
    await storescu(fiona.dicomPort(), writeStudy(join(work, 'first'), { studyUid, series: [{ uid: `${studyUid}.1`, count: 3, number: 1 }], patientId: 'HOSP123', patientName: 'Doe^Jane' }));
    await waitForStudy(fiona, studyUid, 3);
    expect((await as.dora('POST', `/api/studies/${studyUid}/assign`, { project: PROJECT, participant: 'P-001', event: 'baseline' })).statusCode).toBe(202);
    await waitForTransfer(as.admin, studyUid, 'done');
    expect(await patientIds()).toEqual(['P-001']);
  });

  it('takes a correction only from a data manager, and lets late series wait while it waits', async () => {
    const body = { studyInstanceUid: studyUid, participant: 'P-002', reason: 'the wrong patient was picked' };
    expect((await as.victor('POST', `/api/projects/${PROJECT}/corrections`, body)).statusCode).toBe(403);
    expect((await as.stranger('POST', `/api/projects/${PROJECT}/corrections`, body)).statusCode).toBe(404);
    expect((await as.dora('POST', `/api/projects/${PROJECT}/corrections`, { ...body, participant: 'nope' })).statusCode).toBe(422);
    const asked = await as.dora('POST', `/api/projects/${PROJECT}/corrections`, body);
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({ status: 'pending', from: { participant: 'P-001', event: 'baseline' }, to: { participant: 'P-002', event: 'baseline' }, requestedBy: 'dora' });
    correctionId = asked.json().id;
    expect((await as.dora('POST', `/api/projects/${PROJECT}/corrections`, body)).statusCode).toBe(409);

    // A late series arrives and is routed, but waits: nothing more reaches the PACS.
    const before = (await fiona.services.quarantine.getStudyView(studyUid))!.routing!.routedAt!;
    await storescu(fiona.dicomPort(), writeStudy(join(work, 'late'), { studyUid, series: [{ uid: `${studyUid}.2`, count: 2, number: 2 }], patientId: 'HOSP123', patientName: 'Doe^Jane' }));
    await until('the late series to be routed', async () => {
      const r = (await fiona.services.quarantine.getStudyView(studyUid))?.routing;
      return !!r && r.status === 'done' && !!r.routedAt && r.routedAt > before;
    });
    const [held] = await orthancStudies(orthanc);
    expect(await orthancInstanceCount(orthanc, held)).toBe(3);
  });

  it('is decided by an owner or admin, never by the person who asked', async () => {
    expect((await as.dora('POST', `/api/corrections/${correctionId}/approve`, {})).statusCode).toBe(403);
    expect((await as.victor('POST', `/api/corrections/${correctionId}/approve`, {})).statusCode).toBe(403);
    expect((await as.stranger('POST', `/api/corrections/${correctionId}/approve`, {})).statusCode).toBe(404);
    const approved = await as.alice('POST', `/api/corrections/${correctionId}/approve`, { reason: 'checked against the referral' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: 'alice', report: { pacsInstancesDeleted: 3, pacsDeletedBy: 'fiona' } });
    expect((await as.admin('POST', `/api/corrections/${correctionId}/reject`, { reason: 'late' })).statusCode).toBe(409);
    // The old copy is gone; the whole study (late series too) is there under the new pseudonym.
    await waitForTransfer(as.admin, studyUid, 'done', (t) => t.participant === 'P-002' && t.instancesConfirmed === 5);
    expect(await patientIds()).toEqual(['P-002']);
    const [now] = await orthancStudies(orthanc);
    expect(await orthancInstanceCount(orthanc, now)).toBe(5);
  });

  it('is archived: read-only, and handed over with the copy\'s checksum', async () => {
    expect((await as.alice('POST', `/api/projects/${PROJECT}/status`, { status: 'archived', reason: 'done' })).statusCode).toBe(403);
    expect((await as.admin('POST', `/api/projects/${PROJECT}/status`, { status: 'archived', reason: 'ethics approval ended' })).statusCode).toBe(200);
    const other = uniqueUid();
    await storescu(fiona.dicomPort(), writeStudy(join(work, 'after'), { studyUid: other, series: [{ uid: `${other}.1`, count: 1, number: 1 }] }));
    await waitForStudy(fiona, other, 1, false);
    const refused = await as.dora('POST', `/api/studies/${other}/assign`, { project: PROJECT, participant: 'P-003', event: 'baseline' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatch(/archived/);
    expect((await as.dora('POST', `/api/projects/${PROJECT}/corrections`, { studyInstanceUid: studyUid, remove: true, reason: 'x' })).statusCode).toBe(422);
    const sha256 = createHash('sha256').update('the final export').digest('hex');
    expect((await as.admin('POST', `/api/projects/${PROJECT}/status`, { status: 'handed-over', handover: { sha256, confirmedBy: 'Dr. Pi' } })).statusCode).toBe(200);
  });

  it('is deleted by two admins: nothing of it left in Fiona or Orthanc, the audit log kept', async () => {
    expect((await as.alice('POST', `/api/projects/${PROJECT}/status`, { status: 'deleted', reason: 'retention over' })).statusCode).toBe(403);
    expect((await as.admin('POST', `/api/projects/${PROJECT}/status`, { status: 'deleted', reason: 'retention over' })).json().status).toBe('deletion-requested');
    expect((await as.admin('POST', `/api/projects/${PROJECT}/status`, { status: 'deleted' })).statusCode).toBe(403);
    const deleted = await as.admin2('POST', `/api/projects/${PROJECT}/status`, { status: 'deleted' });
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(deleted.json().deletion.report).toMatchObject({ studies: 1, participants: 2, quarantineStudiesRemoved: 1, pacs: { deletedBy: 'fiona', studies: 1, instances: 5, notDeleted: [] } });

    expect(await orthancStudies(orthanc)).toEqual([]);
    const k = fiona.db.kysely;
    for (const table of ['projects', 'assignments', 'participants', 'transfers', 'imaging_records', 'corrections', 'project_members'] as const) {
      const column = table === 'projects' ? 'name' : 'project_name';
      const rows = await k.selectFrom(table).select(k.fn.countAll<number>().as('n')).where(column, '=', PROJECT).executeTakeFirstOrThrow();
      expect(Number(rows.n), table).toBe(0);
    }
    expect(await fiona.services.quarantine.getStudyView(studyUid)).toBeUndefined();
    expect(existsSync(studyDir(fiona.dataDir, studyUid))).toBe(false);

    const trail = (await as.admin('GET', `/api/projects/${PROJECT}/trail`)).json() as Array<{ who: string; text: string }>;
    const lines = trail.map((t) => `${t.who}: ${t.text}`);
    expect(lines).toContain(`dora: asked to correct study ${studyUid} from participant P-001, event baseline to participant P-002, event baseline (reason: the wrong patient was picked)`);
    expect(lines).toContain(`alice: approved the correction of study ${studyUid} asked for by dora; research PACS copy deleted (fiona, 3 instances)`);
    expect(lines).toContain('admin2: deleted the project: 1 studies, 2 participants, 1 quarantine studies; research PACS: 1 studies (5 instances) deleted, 0 left to delete by hand');
  });
});
