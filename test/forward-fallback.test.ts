// A research PACS that refuses an instance's own transfer syntax: uncompressed instances go in explicit VR
// little endian instead (the same values, re-encoded headers); compressed ones, which would need decoding,
// are refused with a reason a person can read.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetOffset } from '../src/dicom/meta.js';
import { parseDicom } from '../src/dicom/parse.js';
import { findElement, findText } from '../src/dicom/values.js';
import { EXPLICIT_VR_BE, EXPLICIT_VR_LE } from '../src/dicom/transfer-syntax.js';
import { runDcmtk } from './support/dcmtk.js';
import { startTestFiona, TESTDATA, type TestFiona } from './support/fiona.js';
import { adminToken, apiCaller, orthancStudies, projectFor, waitForStudy, waitForTransfer } from './support/forwarding.js';
import { startOrthanc, type RunningOrthanc } from './support/orthanc.js';

const SYNTAXES = join(TESTDATA, 'tricky/transfer_syntax');
let orthanc: RunningOrthanc;
let fiona: TestFiona;
let call: ReturnType<typeof apiCaller>;

beforeAll(async () => {
  orthanc = await startOrthanc({ aeTitle: 'STRICTPACS', acceptedTransferSyntaxes: [EXPLICIT_VR_LE] });
  fiona = await startTestFiona({ 'forward.retryBaseSeconds': 0.5, 'forward.retryMaxSeconds': 2, 'forward.reconcileMinutes': 0 });
  call = apiCaller(fiona, await adminToken(fiona));
  expect((await call('POST', '/api/projects', projectFor(orthanc, 'Fallback'))).statusCode).toBe(201);
});

afterAll(async () => {
  await fiona?.close();
  await orthanc?.remove();
});

function studyOf(path: string): string {
  const parsed = parseDicom(readFileSync(path));
  return findText(parsed.buffer, parsed.dataset, 0x0020000d)!.trim();
}

function pixelBytes(file: Buffer): string {
  const parsed = parseDicom(file);
  const el = findElement(parsed.dataset, 0x7fe00010)!;
  return parsed.buffer.subarray(el.valueOffset, el.valueOffset + el.length).toString('hex');
}

describe('transfer syntax fallback', () => {
  it('sends a big endian instance as explicit VR little endian when the PACS refuses big endian', async () => {
    const file = join(SYNTAXES, 'MR_small_bigendian.dcm');
    // -xb proposes explicit big endian first, so Fiona keeps the instance as it came.
    const sent = await runDcmtk('storescu', ['-xb', '-aec', 'FIONA', '127.0.0.1', String(fiona.dicomPort()), file]);
    expect(sent.code, sent.stderr).toBe(0);
    const studyUid = studyOf(file);
    await waitForStudy(fiona, studyUid, 1, false);
    const stored = await fiona.db.kysely.selectFrom('instances').select('transfer_syntax_uid').where('study_instance_uid', '=', studyUid).executeTakeFirstOrThrow();
    expect(stored.transfer_syntax_uid).toBe(EXPLICIT_VR_BE);

    expect((await call('POST', `/api/studies/${studyUid}/assign`, { project: 'Fallback', participant: 'P-101', event: 'baseline' })).statusCode).toBe(202);
    const done = await waitForTransfer(call, studyUid, 'done');
    expect(done.instancesConfirmed).toBe(1);

    const study = (await orthancStudies(orthanc)).find((s) => s.PatientMainDicomTags.PatientID === 'P-101')!;
    const [instance] = await orthanc.rest<Array<{ ID: string }>>(`/studies/${study.ID}/instances`);
    expect(await orthanc.rest<Buffer>(`/instances/${instance.ID}/metadata/TransferSyntax`).then(String)).toBe(EXPLICIT_VR_LE);
    // The pixels arrive as the explicit little endian copy of the same image holds them.
    const held = await orthanc.rest<Buffer>(`/instances/${instance.ID}/file`);
    const reference = readFileSync(join(SYNTAXES, 'MR_small.dcm'));
    expect(pixelBytes(held)).toBe(pixelBytes(reference));
    expect(held.length - datasetOffset(held)).toBeGreaterThan(0);
  });

  it('refuses a compressed instance the PACS will not take, with the reason', async () => {
    const file = join(SYNTAXES, 'emri_small_RLE.dcm');
    const sent = await runDcmtk('dcmsend', ['--decompress-never', '-aec', 'FIONA', '127.0.0.1', String(fiona.dicomPort()), file]);
    expect(sent.code, sent.stderr).toBe(0);
    const studyUid = studyOf(file);
    await waitForStudy(fiona, studyUid, 1, false);
    expect((await call('POST', `/api/studies/${studyUid}/assign`, { project: 'Fallback', participant: 'P-102', event: 'baseline' })).statusCode).toBe(202);
    const failed = await waitForTransfer(call, studyUid, 'failed');
    expect(failed.error).toMatch(/does not accept .* in transfer syntax 1\.2\.840\.10008\.1\.2\.5/);
    expect((await orthancStudies(orthanc)).some((s) => s.PatientMainDicomTags.PatientID === 'P-102')).toBe(false);
  });
});
