// Forwarding with several de-identification threads in one process (deid.threads): instances are prepared
// on the pool while others are on the wire. The research PACS (a real Orthanc) must still receive every
// instance once, in the study's order, and the transfer's counts must add up across several progress batches.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFiona, tempDir, type TestFiona } from './support/fiona.js';
import { startOrthanc, type RunningOrthanc } from './support/orthanc.js';
import { adminToken, apiCaller, orthancInstanceCount, orthancStudies, projectFor, storescu, uniqueUid, waitForStudy, waitForTransfer, writeStudy } from './support/forwarding.js';

let orthanc: RunningOrthanc;
let fiona: TestFiona;
let call: ReturnType<typeof apiCaller>;
const work = tempDir('fiona-forward-pipeline-');

beforeAll(async () => {
  orthanc = await startOrthanc({ aeTitle: 'RESEARCH' });
  fiona = await startTestFiona({ 'deid.threads': 3, 'forward.retryBaseSeconds': 0.5, 'forward.retryMaxSeconds': 2, 'forward.reconcileMinutes': 0 });
  call = apiCaller(fiona, await adminToken(fiona));
  expect((await call('POST', '/api/projects', projectFor(orthanc, 'Pipelined'))).statusCode).toBe(201);
});

afterAll(async () => {
  await fiona?.close();
  await orthanc?.remove();
  rmSync(work, { recursive: true, force: true });
});

describe('forwarding with three de-identification threads', () => {
  it('sends every instance once, in the order the quarantine lists them, and counts them all', { timeout: 360_000 }, async () => {
    const studyUid = uniqueUid();
    // Two series of 55: more than two progress batches (50) and a remainder, and a series boundary.
    const series = [
      { uid: `${studyUid}.1`, count: 55, number: 1 },
      { uid: `${studyUid}.2`, count: 55, number: 2 },
    ];
    writeStudy(join(work, 'study'), { studyUid, series, accessionNumber: 'PIPE1', pixelBytes: 16 * 1024 });
    await storescu(fiona.dicomPort(), [join(work, 'study')]);
    await waitForStudy(fiona, studyUid, 110);
    expect((await call('POST', `/api/studies/${studyUid}/assign`, { project: 'Pipelined', participant: 'P-001', event: 'baseline' })).statusCode).toBe(202);
    const t = await waitForTransfer(call, studyUid, 'done', () => true, 300_000);
    expect(t).toMatchObject({ instancesToSend: 110, instancesSent: 110, instancesConfirmed: 110 });

    const held = (await orthancStudies(orthanc)).find((s) => s.PatientMainDicomTags.PatientID === 'P-001')!;
    expect(held.Series).toHaveLength(2);
    expect(await orthancInstanceCount(orthanc, held)).toBe(110);

    // The order the PACS stored them in (its change log), as (series number, instance number) — kept by the
    // de-identification — against the quarantine's order of the source instances (`<series uid>.<n>`).
    const changes = await orthanc.rest<{ Changes: Array<{ ChangeType: string; ID: string; Seq: number }> }>('/changes?since=0&limit=10000');
    const stored = changes.Changes.filter((c) => c.ChangeType === 'NewInstance').sort((a, b) => a.Seq - b.Seq);
    expect(stored).toHaveLength(110);
    const arrived: string[] = [];
    for (const c of stored) {
      const tags = await orthanc.rest<Record<string, string>>(`/instances/${c.ID}/simplified-tags`);
      arrived.push(`${Number(tags.SeriesNumber)}/${Number(tags.InstanceNumber)}`);
    }
    const listed = (await fiona.services.quarantine.listInstances(studyUid)).map((i) => {
      const number = series.find((s) => i.seriesInstanceUid === s.uid)!.number;
      return `${number}/${Number(i.sopInstanceUid.slice(i.sopInstanceUid.lastIndexOf('.') + 1))}`;
    });
    expect(new Set(arrived).size).toBe(110);
    expect(arrived).toEqual(listed);
  });
});
