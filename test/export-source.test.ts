// The research PACS as the export's source, against a real Orthanc: C-FIND of series and instances, and
// C-GET with Fiona as storage SCP on the same association, each file the PACS's instance byte for byte.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetOffset } from '../src/dicom/meta.js';
import { associate, encodeIdentifier, SopClass, Status, TransferSyntax } from '../src/dimse/index.js';
import { openCatalogue, retrieveSeries, sopClassesOf } from '../src/pipeline/export/source.js';
import { tempDir } from './support/fiona.js';
import { uniqueUid, writeStudy } from './support/forwarding.js';
import { startOrthanc, type RunningOrthanc } from './support/orthanc.js';

let orthanc: RunningOrthanc;
const work = tempDir('fiona-export-source-');
const studyUid = uniqueUid();

beforeAll(async () => {
  orthanc = await startOrthanc({ aeTitle: 'RESEARCH' });
  const files = writeStudy(join(work, 'in'), { studyUid, series: [{ uid: `${studyUid}.1`, count: 3, number: 1 }, { uid: `${studyUid}.2`, count: 2, number: 2 }], pixelBytes: 300_000 });
  for (const f of files) await orthanc.rest('/instances', { method: 'POST', body: readFileSync(f) });
});

afterAll(async () => {
  await orthanc?.remove();
  rmSync(work, { recursive: true, force: true });
});

const destination = () => ({ aet: 'RESEARCH', host: '127.0.0.1', port: orthanc.dicomPort });

describe('export source', () => {
  it('lists series and instances and retrieves a series with C-GET, byte for byte', async () => {
    const catalogue = await openCatalogue(destination(), 'FIONA');
    const series = (await catalogue.series(studyUid)).sort((a, b) => a.seriesNumber.localeCompare(b.seriesNumber));
    expect(series.map((s) => [s.seriesNumber, s.modality])).toEqual([['1', 'CT'], ['2', 'CT']]);
    const instances = await catalogue.instances(studyUid, series[0].seriesUid);
    await catalogue.close();
    expect(instances.map((i) => i.instanceNumber).sort()).toEqual(['1', '2', '3']);
    // The classes come from the study (SOPClassesInStudy), not from each instance (Orthanc reads the files for that).
    expect(series[0].sopClassUids).toEqual(['1.2.840.10008.5.1.4.1.1.2']);
    expect(instances.every((i) => i.sopClassUid === undefined)).toBe(true);

    const got = await retrieveSeries(destination(), 'FIONA', { studyUid, seriesUid: series[0].seriesUid, sopClassUids: sopClassesOf(series[0], instances) }, (uid) => join(work, `${uid}.dcm`));
    expect(got.map((g) => g.sopInstanceUid).sort()).toEqual(instances.map((i) => i.sopInstanceUid).sort());
    for (const g of got) {
      const ours = readFileSync(g.file);
      expect(ours.length).toBe(g.bytes);
      const id = (await orthanc.rest<Array<{ ID: string }>>('/tools/lookup', { method: 'POST', body: g.sopInstanceUid }))[0].ID;
      const theirs = await orthanc.rest<Buffer>(`/instances/${id}/file`);
      expect(ours.subarray(datasetOffset(ours)).equals(theirs.subarray(datasetOffset(theirs)))).toBe(true);
    }
  });

  it('retrieves the listed instances of a series only (IMAGE level, a list of UIDs), for reading a long series in parts', async () => {
    const catalogue = await openCatalogue(destination(), 'FIONA');
    // Without the study asked first, each instance's class is asked.
    const instances = await catalogue.instances(studyUid, `${studyUid}.1`);
    await catalogue.close();
    expect(instances.map((i) => i.sopClassUid)).toEqual(instances.map(() => '1.2.840.10008.5.1.4.1.1.2'));
    const wanted = instances.slice(0, 2).map((i) => i.sopInstanceUid);
    const got = await retrieveSeries(destination(), 'FIONA', { studyUid, seriesUid: `${studyUid}.1`, sopClassUids: sopClassesOf({}, instances), sopInstanceUids: wanted }, (uid) => join(work, `part-${uid}.dcm`));
    expect(got.map((g) => g.sopInstanceUid).sort()).toEqual([...wanted].sort());
  });

    it('reads the PACS\'s answer when our side refuses the sub-operations (Orthanc appends the failed UIDs to its command)', async () => {
    const ct = '1.2.840.10008.5.1.4.1.1.2';
    const association = await associate({ host: '127.0.0.1', port: orthanc.dicomPort, callingAet: 'FIONA', calledAet: 'RESEARCH', contexts: [{ abstractSyntax: SopClass.StudyRootGet, transferSyntaxes: [TransferSyntax.ImplicitVRLittleEndian] }, { abstractSyntax: ct, transferSyntaxes: [TransferSyntax.ExplicitVRLittleEndian] }], roles: [{ sopClassUid: ct, scu: false, scp: true }] });
    const identifier = encodeIdentifier([{ tag: 0x00080052, vr: 'CS', value: 'SERIES' }, { tag: 0x0020000d, vr: 'UI', value: studyUid }, { tag: 0x0020000e, vr: 'UI', value: `${studyUid}.1` }], false);
    const result = await association.get({
      contextId: association.contextFor(SopClass.StudyRootGet)!.id,
      sopClassUid: SopClass.StudyRootGet,
      identifier,
      onStore: async (store) => {
        store.dataset.resume();
        return { status: Status.OutOfResources, errorComment: 'disk full' };
      },
    });
    expect(result).toMatchObject({ completed: 0, failed: 3 });
    expect(result.status).not.toBe(Status.Success);
    await association.release();
  });

    it('fails clearly when the PACS is not there', async () => {
    await expect(retrieveSeries({ aet: 'RESEARCH', host: '127.0.0.1', port: 1 }, 'FIONA', { studyUid, seriesUid: '1.2', sopClassUids: ['1.2.840.10008.5.1.4.1.1.2'] }, () => join(work, 'x'))).rejects.toThrow(/research PACS RESEARCH at 127.0.0.1:1: cannot connect/);
  });
});
