// Whole-slide images (issue 16 item 4): a tiled TIFF uploaded for a project is converted to DICOM VL Whole
// Slide Microscopy by the real OrthancWSIDicomizer (Debian orthanc-wsi), lands in the quarantine through the
// durable store, is assigned and forwarded de-identified to a real Orthanc. A file that is not a slide is
// refused with the reason and leaves nothing behind; the wrong role, strangers and a project whose approval
// has ended are refused; every upload
// is in the audit log.
import { readdirSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incomingDir } from '../src/pipeline/quarantine/layout.js';
import { allowFirstRelease } from '../src/projects/lifecycle-service.js';
import { startTestFiona, tempDir, type TestFiona } from './support/fiona.js';
import { startOrthanc, type RunningOrthanc } from './support/orthanc.js';
import { orthancStudies, projectFor, until, waitForTransfer, apiCaller } from './support/forwarding.js';
import { tiledTiff } from './support/tiff.js';

const WSI = '1.2.840.10008.5.1.4.1.1.77.1.6';
const PROJECT = 'SlideOne';
let fiona: TestFiona;
let orthanc: RunningOrthanc;
const work = tempDir('fiona-slides-');
const as: Record<string, ReturnType<typeof apiCaller>> = {};

const upload = (who: string, body: Buffer, project = PROJECT) => as[who]('POST', `/api/projects/${project}/slides`, body as unknown as string, 'application/octet-stream');

beforeAll(async () => {
  orthanc = await startOrthanc({ aeTitle: 'SLIDEPACS' });
  fiona = await startTestFiona({ 'forward.retryBaseSeconds': 0.5, 'forward.retryMaxSeconds': 2, 'forward.reconcileMinutes': 0 }, undefined, { firstReleaseCheck: allowFirstRelease });
  const system = { userId: null, username: 'test', via: 'system' as const };
  for (const u of ['erin', 'vic', 'sam']) await fiona.services.auth.createUser({ username: u, password: 'correct horse battery staple', isAdmin: false }, system);
  for (const u of ['admin', 'erin', 'vic', 'sam']) as[u] = apiCaller(fiona, (await fiona.services.auth.createToken(u, 'tests', system)).secret);
  expect((await as.admin('POST', '/api/projects', projectFor(orthanc, PROJECT, { deidOptions: { cleanPixelData: false } }))).statusCode).toBe(201);
  expect((await as.admin('POST', `/api/projects/${PROJECT}/members`, { username: 'erin', role: 'data-entry' })).statusCode).toBe(201);
  expect((await as.admin('POST', `/api/projects/${PROJECT}/members`, { username: 'vic', role: 'viewer' })).statusCode).toBe(201);
  expect((await as.admin('POST', '/api/projects', projectFor(orthanc, 'SlideOld1', { startDate: '2020-01-01', endDate: '2025-01-01' }))).statusCode).toBe(201);
  expect((await as.admin('POST', '/api/projects/SlideOld1/members', { username: 'erin', role: 'data-entry' })).statusCode).toBe(201);
}, 60_000);

afterAll(async () => {
  await fiona?.close();
  await orthanc?.remove();
  rmSync(work, { recursive: true, force: true });
});

describe('whole-slide images', () => {
  let studyUid: string;

  it('converts a tiled TIFF into DICOM WSI instances in the quarantine', async () => {
    const res = await upload('erin', tiledTiff(1024, 768));
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as { studyInstanceUid: string; instances: number; stored: number; failed: string[] };
    expect(body.instances).toBeGreaterThanOrEqual(1);
    expect(body).toMatchObject({ stored: body.instances, failed: [] });
    studyUid = body.studyInstanceUid;
    await fiona.indexed();
    const instances = await fiona.services.quarantine.listInstances(studyUid);
    expect(instances).toHaveLength(body.instances);
    expect(new Set(instances.map((i) => i.sopClassUid))).toEqual(new Set([WSI]));
    const audit = (await as.admin('GET', `/api/audit?project=${PROJECT}&action=upload.slide`)).json() as Array<{ actor: { username: string }; target: string; details: { stored: number } }>;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: { username: 'erin' }, target: studyUid, details: { stored: body.instances } });
  });

  it('is assigned and forwarded de-identified like any study', async () => {
    expect((await as.erin('POST', `/api/studies/${studyUid}/assign`, { project: PROJECT, participant: 'P-007', event: 'baseline' })).statusCode).toBe(202);
    await waitForTransfer(as.admin, studyUid, 'done');
    const [study] = await until('the slide in Orthanc', async () => {
      const all = await orthancStudies(orthanc);
      return all.length ? all : undefined;
    });
    expect(study.PatientMainDicomTags.PatientID).toBe('P-007');
    const [first] = await orthanc.rest<Array<{ ID: string }>>(`/studies/${study.ID}/instances`);
    const tags = await orthanc.rest<Record<string, string>>(`/instances/${first.ID}/simplified-tags`);
    expect(tags.SOPClassUID).toBe(WSI);
    expect(tags.PatientIdentityRemoved).toBe('YES');
  });

  it('refuses what is not a slide, the wrong role and strangers, leaving nothing behind', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const refused = await upload('erin', png);
    expect(refused.statusCode).toBe(415);
    expect(refused.json().error).toMatch(/not a whole-slide image/);
    const broken = Buffer.concat([Buffer.from('II*\0', 'latin1'), Buffer.alloc(64)]);
    const unreadable = await upload('erin', broken);
    expect(unreadable.statusCode).toBe(422);
    expect(unreadable.json().error).toMatch(/could not be converted/);
    expect((await upload('vic', tiledTiff(256, 256))).statusCode).toBe(403);
    expect((await upload('sam', tiledTiff(256, 256))).statusCode).toBe(404);
    const ended = await upload('erin', tiledTiff(256, 256), 'SlideOld1');
    expect(ended.statusCode).toBe(422);
    expect(ended.json().error).toBe("SlideOld1 takes no new studies: the project's REK approval ended on 2025-01-01");
    expect(readdirSync(incomingDir(fiona.dataDir)).filter((f) => f.startsWith('slide-'))).toEqual([]);
    const failed = (await as.admin('GET', `/api/audit?project=${PROJECT}&action=upload.slide`)).json() as Array<{ outcome: string }>;
    expect(failed.filter((a) => a.outcome === 'failed')).toHaveLength(2);
  });
});
