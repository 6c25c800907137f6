// The same service on PostgreSQL (the scale-out setup): a study sent with DCMTK is stored and indexed
// with the right counts, and arrives.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, type TestDatabase } from './support/databases.js';
import { runDcmtk } from './support/dcmtk.js';
import { startTestFiona, TESTDATA, type TestFiona } from './support/fiona.js';

describe('fiona serve on PostgreSQL', () => {
  let database: TestDatabase;
  let fiona: TestFiona;
  beforeAll(async () => {
    database = await createPostgresDatabase();
    fiona = await startTestFiona({ 'db.url': database.url });
  });
  afterAll(async () => {
    await fiona?.close();
    await database?.drop();
  });

  it('receives a four-series study and marks it arrived', async () => {
    const study = join(TESTDATA, 'studies/siemens_skyra_nih_epi');
    const files = readdirSync(study, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !e.name.endsWith('.txt'));
    const sent = await runDcmtk('dcmsend', ['--decompress-never', '--no-halt', '+sd', '+r', '-aec', 'FIONA', '127.0.0.1', String(fiona.dicomPort()), study]);
    expect(sent.code, sent.stderr).toBe(0);
    // Success is sent once the file is safe; the index rows follow in a batch behind it.
    await fiona.indexed();
    expect(await fiona.services.quarantine.count()).toEqual({ studies: 1, series: 4, instances: files.length });
    const [listed] = await fiona.services.quarantine.listStudyViews();
    expect(listed).toMatchObject({ seriesCount: 4, instanceCount: files.length, modalities: ['MR'] });
    expect((await fiona.services.quarantine.listSeries(listed.studyInstanceUid)).reduce((n, s) => n + s.instanceCount, 0)).toBe(files.length);
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && !(await fiona.services.quarantine.listStudyViews())[0].arrivedAt) await new Promise((r) => setTimeout(r, 200));
    expect((await fiona.services.quarantine.listStudyViews())[0].arrivedAt).not.toBeNull();
  });
});
