// The research PACS as the export's source, against a real Orthanc: C-FIND of series and instances, and
// C-GET with Fiona as storage SCP on the same association, each file the PACS's instance byte for byte.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetOffset } from '../src/dicom/meta.js';
import { openCatalogue, retrieveSeries } from '../src/pipeline/export/source.js';
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

    const got = await retrieveSeries(destination(), 'FIONA', { studyUid, seriesUid: series[0].seriesUid, sopClassUids: instances.map((i) => i.sopClassUid) }, (uid) => join(work, `${uid}.dcm`));
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
    const instances = await catalogue.instances(studyUid, `${studyUid}.1`);
    await catalogue.close();
    const wanted = instances.slice(0, 2).map((i) => i.sopInstanceUid);
    const got = await retrieveSeries(destination(), 'FIONA', { studyUid, seriesUid: `${studyUid}.1`, sopClassUids: instances.map((i) => i.sopClassUid), sopInstanceUids: wanted }, (uid) => join(work, `part-${uid}.dcm`));
    expect(got.map((g) => g.sopInstanceUid).sort()).toEqual([...wanted].sort());
  });

    it('fails clearly when the PACS is not there', async () => {
    await expect(retrieveSeries({ aet: 'RESEARCH', host: '127.0.0.1', port: 1 }, 'FIONA', { studyUid, seriesUid: '1.2', sopClassUids: ['1.2.840.10008.5.1.4.1.1.2'] }, () => join(work, 'x'))).rejects.toThrow(/research PACS RESEARCH at 127.0.0.1:1: cannot connect/);
  });
});
