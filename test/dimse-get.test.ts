// C-GET against a real Orthanc: what comes back over the association is the dataset Orthanc holds, byte for
// byte, and a query that names nothing ends with no sub-operations.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getInstances, type RetrievedInstance } from '../src/dimse/scu-get.js';
import { startOrthanc, type RunningOrthanc } from './support/orthanc.js';
import { testFile } from './support/testdata.js';

const CT = testFile('ct/CT_small.dcm');
const PET = testFile('pet/acrin_flt_breast_pt_1.dcm');

/** The dataset after the preamble and the file meta group, without Dataset Trailing Padding (FFFC,FFFC),
 *  which DCMTK (inside Orthanc) leaves out when it sends an instance. */
function datasetOf(file: Buffer): Buffer {
  const metaLength = file.readUInt32LE(132 + 8);
  const dataset = file.subarray(132 + 12 + metaLength);
  const padding = dataset.indexOf(Buffer.from([0xfc, 0xff, 0xfc, 0xff, 0x4f, 0x42, 0, 0]));
  return padding >= 0 ? dataset.subarray(0, padding) : dataset;
}

describe('C-GET SCU', () => {
  let orthanc: RunningOrthanc;
  beforeAll(async () => {
    orthanc = await startOrthanc();
    for (const path of [CT, PET]) await orthanc.rest('/instances', { method: 'POST', body: readFileSync(path) });
  }, 60_000);
  afterAll(async () => orthanc?.remove());

  it('retrieves a study as stored and reports the sub-operations', async () => {
    const tags = await orthanc.rest<Array<string>>('/instances');
    const instances = await Promise.all(tags.map((id) => orthanc.rest<Record<string, string>>(`/instances/${id}/simplified-tags`)));
    const ct = instances.find((t) => t.SOPClassUID === '1.2.840.10008.5.1.4.1.1.2')!;
    const got: RetrievedInstance[] = [];
    const outcome = await getInstances(
      { host: '127.0.0.1', port: orthanc.dicomPort, callingAet: 'FIONA', calledAet: orthanc.aeTitle, sopClasses: [ct.SOPClassUID] },
      { level: 'STUDY', studyInstanceUid: ct.StudyInstanceUID },
      async (instance) => void got.push(instance),
    );
    expect(outcome).toMatchObject({ status: 0, completed: 1, failed: 0 });
    expect(got).toHaveLength(1);
    expect(got[0].sopInstanceUid).toBe(ct.SOPInstanceUID);
    const held = await orthanc.rest<Buffer>(`/instances/${tags[instances.indexOf(ct)]}/file`);
    expect(got[0].transferSyntaxUid).toBe('1.2.840.10008.1.2.1');
    expect(Buffer.compare(got[0].dataset, datasetOf(held))).toBe(0);
  });

  it('ends cleanly when nothing matches', async () => {
    const got: RetrievedInstance[] = [];
    const outcome = await getInstances(
      { host: '127.0.0.1', port: orthanc.dicomPort, callingAet: 'FIONA', calledAet: orthanc.aeTitle, sopClasses: ['1.2.840.10008.5.1.4.1.1.2'] },
      { level: 'STUDY', studyInstanceUid: '1.2.3.4.5.6.7.8.9' },
      async (instance) => void got.push(instance),
    );
    expect(got).toHaveLength(0);
    expect(outcome.completed).toBe(0);
  });
});
