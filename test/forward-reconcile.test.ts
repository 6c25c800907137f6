// The scheduled check of the research PACS: after an instance goes missing there (deleted by someone),
// the project's imaging record says so at the next check, and resending the transfer makes it whole again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startTestFiona, tempDir, type TestFiona } from './support/fiona.js';
import { adminToken, apiCaller, orthancInstanceCount, orthancStudies, projectFor, storescu, uniqueUid, until, waitForStudy, waitForTransfer, writeStudy } from './support/forwarding.js';
import { startOrthanc, type RunningOrthanc } from './support/orthanc.js';

interface ImagingRecord {
  researchStudyUid: string;
  instancesSent: number;
  pacsInstances: number | null;
  check: 'ok' | 'mismatch' | 'unchecked';
  checkedAt: string | null;
}

let orthanc: RunningOrthanc;
let fiona: TestFiona;
let call: ReturnType<typeof apiCaller>;
const work = tempDir('fiona-reconcile-');

beforeAll(async () => {
  orthanc = await startOrthanc({ aeTitle: 'RECONCILE' });
  // A check every 1.5 s instead of every hour.
  fiona = await startTestFiona({ 'forward.reconcileMinutes': 0.025, 'forward.retryBaseSeconds': 0.5, 'forward.retryMaxSeconds': 2 });
  call = apiCaller(fiona, await adminToken(fiona));
  expect((await call('POST', '/api/projects', projectFor(orthanc, 'Reconcile'))).statusCode).toBe(201);
});

afterAll(async () => {
  await fiona?.close();
  await orthanc?.remove();
  rmSync(work, { recursive: true, force: true });
});

const records = async () => (await call('GET', '/api/projects/Reconcile/studies')).json() as ImagingRecord[];

describe('scheduled reconciliation', () => {
  it('notices an instance missing from the research PACS, and a resend restores it', { timeout: 150_000 }, async () => {
    const studyUid = uniqueUid();
    writeStudy(join(work, 'study'), { studyUid, series: [{ uid: `${studyUid}.1`, count: 5, number: 1 }], accessionNumber: 'REC1' });
    await storescu(fiona.dicomPort(), [join(work, 'study')]);
    // Arrived before it is assigned, so nothing but the schedule looks at the PACS afterwards.
    await waitForStudy(fiona, studyUid, 5, true);
    expect((await call('POST', `/api/studies/${studyUid}/assign`, { project: 'Reconcile', participant: 'P-301', event: 'baseline' })).statusCode).toBe(202);
    const done = await waitForTransfer(call, studyUid, 'done');
    expect(done.instancesConfirmed).toBe(5);

    const held = (await orthancStudies(orthanc)).find((s) => s.PatientMainDicomTags.PatientID === 'P-301')!;
    const instances = await orthanc.rest<Array<{ ID: string }>>(`/studies/${held.ID}/instances`);
    await orthanc.rest(`/instances/${instances[0].ID}`, { method: 'DELETE' });

    const mismatch = await until('the next check to see the gap', async () => {
      const [record] = await records();
      return record?.check === 'mismatch' ? record : undefined;
    });
    expect(mismatch).toMatchObject({ instancesSent: 5, pacsInstances: 4 });

    expect((await call('POST', `/api/transfers/${done.id}/resend`)).statusCode).toBeLessThan(300);
    await until('the resent study to be whole in the PACS', async () => ((await orthancInstanceCount(orthanc, held)) === 5 ? true : undefined));
    const ok = await until('the next check to be ok', async () => {
      const [record] = await records();
      return record?.check === 'ok' && record.pacsInstances === 5 ? record : undefined;
    });
    expect(ok.checkedAt).not.toBeNull();
  });
});
