// The listener end to end with real senders: DCMTK's dcmsend/storescu/echoscu as the clinical side and
// storescp +B (bit preserving) as the oracle for what a received dataset must look like on disk.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { datasetOffset } from '../src/dicom/meta.js';
import { runDcmtk, startStorescp } from './support/dcmtk.js';
import { TESTDATA, runFiona, startTestFiona, tempDir, type TestFiona } from './support/fiona.js';

interface StoredFile {
  sopUid: string;
  datasetSopUid: string;
  studyUid: string;
  seriesUid: string;
  dataset: Buffer;
}

function readStored(path: string): StoredFile {
  const bytes = readFileSync(path);
  const parsed = dicomParser.parseDicom(bytes, { untilTag: 'x7fe00010' });
  const uid = (tag: string) => (parsed.string(tag) ?? '').replace(/\0/g, '').trim();
  return { sopUid: uid('x00020003'), datasetSopUid: uid('x00080018'), studyUid: uid('x0020000d'), seriesUid: uid('x0020000e'), dataset: bytes.subarray(datasetOffset(bytes)) };
}

function sendAll(port: number, aet: string, paths: string[]) {
  return runDcmtk('dcmsend', ['--decompress-never', '--no-halt', '+sd', '+r', '-aec', aet, '-aet', 'MODALITY', '127.0.0.1', String(port), ...paths], { timeoutMs: 240_000 });
}

describe('DICOM listener with DCMTK peers', () => {
  let fiona: TestFiona;
  beforeAll(async () => {
    fiona = await startTestFiona();
  });
  afterAll(async () => fiona?.close());

  it('answers C-ECHO, and rejects a wrong called AE title', async () => {
    const ok = await runDcmtk('echoscu', ['-aec', 'FIONA', '127.0.0.1', String(fiona.dicomPort())]);
    expect(ok.code).toBe(0);
    const wrong = await runDcmtk('echoscu', ['-aec', 'NOT_FIONA', '127.0.0.1', String(fiona.dicomPort())]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr + wrong.stdout).toMatch(/Called AE Title Not Recognized|reject/i);
  });

  it('stores every instance of the test data byte for byte as storescp +B does, with the right counts', async () => {
    const oracleDir = tempDir('fiona-oracle-');
    // Unique file names: the oracle keeps every copy of an instance sent twice, in the order received.
    const oracle = await startStorescp(oracleDir, { aeTitle: 'ORACLE', extraArgs: ['+uf'] });
    try {
      const sentToOracle = await sendAll(oracle.port, 'ORACLE', [TESTDATA]);
      const sentToFiona = await sendAll(fiona.dicomPort(), 'FIONA', [TESTDATA]);
      expect(sentToFiona.code, sentToFiona.stderr).toBe(sentToOracle.code);
    } finally {
      await oracle.stop();
    }
    onTestFinished(() => rmSync(oracleDir, { recursive: true, force: true }));
    // Some test files share a SOP Instance UID with other bytes. Fiona keeps the first copy it received; a
    // later copy with other bytes is kept apart as a conflict, never replacing it.
    const received = readdirSync(oracleDir)
      .map((name) => join(oracleDir, name))
      .sort((a, b) => Number(statSync(a, { bigint: true }).mtimeNs - statSync(b, { bigint: true }).mtimeNs));
    const copies = new Map<string, StoredFile[]>();
    for (const f of received.map(readStored)) copies.set(f.sopUid, [...(copies.get(f.sopUid) ?? []), f]);
    expect(copies.size).toBeGreaterThan(400);
    // Bad input is refused with a clear status, not stored: a dataset without the Study/Series UID the
    // quarantine files it under, or whose SOP Instance UID is not the one the command announced.
    const isValid = (f: StoredFile) => !!f.studyUid && !!f.seriesUid && f.sopUid === f.datasetSopUid;
    const invalid = [...copies.values()].flat().filter((f) => !isValid(f));
    expect(invalid.length).toBeLessThan(5);
    const validUids = [...copies.entries()].filter(([, list]) => list.some(isValid)).map(([uid]) => uid);

    await fiona.indexed();
    const rows = await fiona.db.kysely.selectFrom('instances').select(['sop_instance_uid', 'path', 'study_instance_uid', 'series_instance_uid', 'calling_aet']).execute();
    const bySop = new Map(rows.map((r) => [r.sop_instance_uid, r]));
    for (const bad of invalid) if (!validUids.includes(bad.sopUid)) expect(bySop.has(bad.sopUid)).toBe(false);
    expect(rows.length).toBe(validUids.length);
    const mismatched: string[] = [];
    const valid: StoredFile[] = [];
    let expectedConflicts = 0;
    for (const uid of validUids) {
      const row = bySop.get(uid);
      expect(row, `instance ${uid} not indexed`).toBeDefined();
      const stored = readStored(row!.path);
      const candidates = copies.get(uid)!.filter(isValid);
      const first = candidates[0];
      if (!first.dataset.equals(stored.dataset)) mismatched.push(uid);
      valid.push(first);
      expectedConflicts += new Set(candidates.map((c) => c.dataset.toString('base64'))).size - 1;
      expect(row!.calling_aet).toBe('MODALITY');
    }
    expect(mismatched).toEqual([]);
    const conflicts = await fiona.db.kysely.selectFrom('instance_conflicts').select(['sop_instance_uid', 'path']).execute();
    expect(conflicts.length).toBe(expectedConflicts);
    expect(readdirSync(join(fiona.dataDir, 'conflicts')).length).toBe(expectedConflicts);

    // Counts per study and series, as the oracle's files group them.
    const expectedSeries = new Map<string, number>();
    const expectedStudies = new Map<string, Set<string>>();
    for (const f of valid) {
      expectedSeries.set(f.seriesUid, (expectedSeries.get(f.seriesUid) ?? 0) + 1);
      if (!expectedStudies.has(f.studyUid)) expectedStudies.set(f.studyUid, new Set());
      expectedStudies.get(f.studyUid)!.add(f.seriesUid);
    }
    for (const [studyUid, series] of expectedStudies) {
      const study = await fiona.services.quarantine.getStudyView(studyUid);
      expect(study?.seriesCount, studyUid).toBe(series.size);
      expect(study?.instanceCount).toBe([...series].reduce((sum, s) => sum + expectedSeries.get(s)!, 0));
      for (const s of await fiona.services.quarantine.listSeries(studyUid)) expect(s.instanceCount).toBe(expectedSeries.get(s.seriesInstanceUid));
    }
    // Nothing is left half-written in the incoming folder.
    expect(readdirSync(join(fiona.dataDir, 'incoming'))).toEqual([]);
  });

  it('is idempotent when the same study is sent again', async () => {
    await fiona.indexed();
    const before = await fiona.services.quarantine.count();
    const again = await sendAll(fiona.dicomPort(), 'FIONA', [join(TESTDATA, 'studies/philips_magdeburg_fmri')]);
    expect(again.code).toBe(0);
    await fiona.indexed();
    expect(await fiona.services.quarantine.count()).toEqual(before);
  });

  it('serves several associations at once', async () => {
    const folders = ['studies/ge_mr750_nih_epi', 'studies/siemens_skyra_nih_epi', 'studies/siemens_pseudophi_tcia_body_mr', 'dicomdir'];
    const second = await startTestFiona();
    try {
      const results = await Promise.all(folders.map((f) => sendAll(second.dicomPort(), 'FIONA', [join(TESTDATA, f)])));
      for (const r of results) expect(r.stderr).not.toMatch(/Store Response.*(Failure|Error)|association (aborted|rejected)/i);
      await second.indexed();
      const counts = await second.services.quarantine.count();
      expect(counts.instances).toBeGreaterThan(300);
      const ge = (await second.db.kysely.selectFrom('instances').select('sop_instance_uid').where('path', 'like', '%').execute()).length;
      expect(ge).toBe(counts.instances);
    } finally {
      await second.close();
    }
  });

  it('lists the studies with `fiona studies --json`, without patient identity', async () => {
    const listed = await runFiona(['studies', '--json'], { FIONA_DATA_DIR: fiona.dataDir });
    expect(listed.code, listed.stderr).toBe(0);
    const studies = JSON.parse(listed.stdout) as Record<string, unknown>[];
    const counts = await fiona.services.quarantine.count();
    expect(studies.length).toBe(counts.studies);
    for (const key of ['studyInstanceUid', 'accessionNumber', 'studyDate', 'modalities', 'seriesCount', 'instanceCount', 'receivedAt']) expect(studies[0]).toHaveProperty(key);
    expect(studies[0]).not.toHaveProperty('patientName');
    expect(studies[0]).not.toHaveProperty('patientId');
    const epi = studies.find((s) => s.seriesCount === 4 && Array.isArray(s.modalities) && (s.modalities as string[]).includes('MR'));
    expect(epi).toBeDefined();
  });

  it('keeps everything across a restart', async () => {
    const before = await fiona.services.quarantine.count();
    const dataDir = fiona.dataDir;
    await fiona.close({ keepData: true });
    fiona = await startTestFiona({}, dataDir);
    expect(await fiona.services.quarantine.count()).toEqual(before);
    const ok = await runDcmtk('echoscu', ['-aec', 'FIONA', '127.0.0.1', String(fiona.dicomPort())]);
    expect(ok.code).toBe(0);
  });
});

describe('listener policy', () => {
  it('refuses calling AEs outside the allow-list', async () => {
    const fiona = await startTestFiona({ 'dicom.allowedCallingAets': ['PACS1'] });
    try {
      const refused = await runDcmtk('echoscu', ['-aet', 'INTRUDER', '-aec', 'FIONA', '127.0.0.1', String(fiona.dicomPort())]);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr + refused.stdout).toMatch(/Calling AE Title Not Recognized|reject/i);
      const allowed = await runDcmtk('echoscu', ['-aet', 'PACS1', '-aec', 'FIONA', '127.0.0.1', String(fiona.dicomPort())]);
      expect(allowed.code).toBe(0);
    } finally {
      await fiona.close();
    }
  });

  it('stops start-up with a clear error when the data dir is not writable or the port is taken', async () => {
    const blocker = tempDir();
    const file = join(blocker, 'a-file');
    rmSync(file, { force: true });
    await import('node:fs/promises').then((fs) => fs.writeFile(file, 'x'));
    await expect(startTestFiona({}, join(file, 'data'))).rejects.toThrow(/not writable/);
    const first = await startTestFiona();
    try {
      await expect(startTestFiona({ 'dicom.port': first.dicomPort() })).rejects.toThrow(/DICOM port \d+ is already in use/);
    } finally {
      await first.close();
    }
    expect(existsSync(file)).toBe(true);
    rmSync(blocker, { recursive: true, force: true });
  });
});
