// What a sender on the DICOM port (no login) must not be able to do: overwrite a quarantined instance,
// get a dataset that does not parse whole acknowledged, or blow a small deflated dataset up to gigabytes.
// Real listener (fiona serve in-process), our SCU as the sender, the admin API for resolving conflicts.
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { associate } from '../src/dimse/index.js';
import { datasetOffset } from '../src/dicom/meta.js';
import { startTestFiona, type TestFiona } from './support/fiona.js';
import { generateInstance, type GeneratedInstance } from './support/generate.js';
import { projectBody } from './support/api.js';

const CT = '1.2.840.10008.5.1.4.1.1.2';
const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const DEFLATED = '1.2.840.10008.1.2.1.99';
const actor = { userId: null, username: 'test', via: 'system' as const };

const datasetOf = (spec: GeneratedInstance) => {
  const file = generateInstance(spec);
  return file.subarray(datasetOffset(file));
};

// Explicit VR little endian pieces, appended after the pixel data, where a header-only parser never looks.
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};
const tagBytes = (t: number) => Buffer.from([(t >>> 16) & 0xff, t >>> 24, t & 0xff, (t >>> 8) & 0xff]);
const longElement = (t: number, vr: string, length: number) => Buffer.concat([tagBytes(t), Buffer.from(vr, 'latin1'), Buffer.alloc(2), u32(length)]);
const item = (length: number) => Buffer.concat([tagBytes(0xfffee000), u32(length)]);
const itemEnd = Buffer.concat([tagBytes(0xfffee00d), u32(0)]);
const seqEnd = Buffer.concat([tagBytes(0xfffee0dd), u32(0)]);
const UNDEF = 0xffffffff;

function quarantineFiles(dataDir: string): string[] {
  return readdirSync(join(dataDir, 'quarantine'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

async function store(fiona: TestFiona, sopUid: string, dataset: Buffer, syntax = EXPLICIT_LE) {
  const association = await associate({ host: '127.0.0.1', port: fiona.dicomPort(), callingAet: 'HOSTILE', calledAet: 'FIONA', contexts: [{ abstractSyntax: CT, transferSyntaxes: [syntax] }] });
  try {
    return await association.store({ contextId: association.contextFor(CT)!.id, sopClassUid: CT, sopInstanceUid: sopUid, dataset });
  } finally {
    await association.release();
  }
}

describe('parse before Success', () => {
  let fiona: TestFiona;
  beforeAll(async () => {
    fiona = await startTestFiona({ 'dicom.maxInflatedBytes': 4 * 1024 * 1024, 'forward.workers': 0 });
  });
  afterAll(async () => fiona?.close());

  it('refuses datasets that do not parse whole — even past the header, beyond the pixel data — and keeps nothing', async () => {
    const base = (n: number, pixelBytes = 2000) => datasetOf({ studyUid: '1.2.3.10', seriesUid: '1.2.3.10.1', sopUid: `1.2.3.10.1.${n}`, pixelBytes });
    const open = Buffer.concat([longElement(0x7fe11001, 'SQ', UNDEF), item(UNDEF)]);
    const close = Buffer.concat([itemEnd, seqEnd]);
    const cases: Array<[string, Buffer]> = [
      ['truncated large instance', base(1, 1_000_000).subarray(0, -1000)],
      ['value past the end', Buffer.concat([base(2), longElement(0x7fe11000, 'OB', 5000), Buffer.alloc(100)])],
      ['undefined-length UT', Buffer.concat([base(3), longElement(0x7fe11000, 'UT', UNDEF), Buffer.from('hello world!'), seqEnd])],
      ['unterminated sequence', Buffer.concat([base(4), open, longElement(0x7fe11000, 'OB', 2), Buffer.alloc(2)])],
      ['10,000 nesting levels', Buffer.concat([base(5), ...Array<Buffer>(10_000).fill(open), ...Array<Buffer>(10_000).fill(close)])],
    ];
    for (const [name, dataset] of cases) {
      const sop = /1\.2\.3\.10\.1\.\d/.exec(dataset.toString('latin1', 0, 2000))![0];
      const result = await store(fiona, sop, dataset);
      expect(result.status, name).toBe(0xc000);
      expect(result.errorComment, name).toMatch(/truncated|past the end|undefined length|nested deeper/);
    }
    // A whole one of the same shapes is stored (the check refuses the broken, not the unusual).
    const nested = Buffer.concat([base(6), ...Array<Buffer>(20).fill(open), ...Array<Buffer>(20).fill(close)]);
    expect((await store(fiona, '1.2.3.10.1.6', nested)).status).toBe(0);
    await fiona.indexed();
    expect((await fiona.services.quarantine.count()).instances).toBe(1);
    expect(quarantineFiles(fiona.dataDir)).toHaveLength(1);
    expect(readdirSync(join(fiona.dataDir, 'incoming'))).toEqual([]);
  });

  it('inflates a deflated dataset as a stream and refuses one that inflates beyond the cap', async () => {
    const whole = datasetOf({ studyUid: '1.2.3.11', seriesUid: '1.2.3.11.1', sopUid: '1.2.3.11.1.1', pixelBytes: 2000 });
    expect((await store(fiona, '1.2.3.11.1.1', deflateRawSync(whole), DEFLATED)).status).toBe(0);
    // 32 MiB of zeros deflate to ~32 KB: a bomb for a receiver that inflates what it gets in memory.
    const bomb = Buffer.concat([datasetOf({ studyUid: '1.2.3.11', seriesUid: '1.2.3.11.1', sopUid: '1.2.3.11.1.2', pixelBytes: 2000 }), longElement(0x7fe11000, 'OB', 32 * 1024 * 1024), Buffer.alloc(32 * 1024 * 1024)]);
    const deflated = deflateRawSync(bomb);
    expect(deflated.length).toBeLessThan(100_000);
    const refused = await store(fiona, '1.2.3.11.1.2', deflated, DEFLATED);
    expect(refused.status).toBe(0xc000);
    expect(refused.errorComment).toMatch(/inflates beyond 4194304 bytes/);
    // A deflated stream cut short does not inflate whole.
    expect((await store(fiona, '1.2.3.11.1.3', deflateRawSync(datasetOf({ studyUid: '1.2.3.11', seriesUid: '1.2.3.11.1', sopUid: '1.2.3.11.1.3', pixelBytes: 2000 })).subarray(0, -20), DEFLATED)).status).toBe(0xc000);
    expect(quarantineFiles(fiona.dataDir).filter((f) => f.includes('1.2.3.11.1.'))).toHaveLength(1);
    expect(readdirSync(join(fiona.dataDir, 'incoming'))).toEqual([]);
  });
});

describe('no silent overwrite', () => {
  let fiona: TestFiona;
  let token: string;
  const api = async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const response = await fiona.http.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload: payload as object } : {}) });
    return { status: response.statusCode, body: response.json() as Record<string, unknown> & Array<Record<string, unknown>> };
  };
  const study = '1.2.3.20';
  const first = { studyUid: study, seriesUid: `${study}.1`, sopUid: `${study}.1.1`, pixelBytes: 300_000, patientName: 'Hostile^Sender', patientId: 'SECRET-ID-77' };

  beforeAll(async () => {
    fiona = await startTestFiona({ 'forward.workers': 0, 'arrival.quietSeconds': 0.3 });
    token = (await fiona.services.auth.createToken('admin', 'tests', actor)).secret;
  });
  afterAll(async () => fiona?.close());

  const waitArrived = async (uid: string) => {
    for (let i = 0; i < 100 && !(await fiona.services.quarantine.getStudy(uid))?.arrivedAt; i++) await new Promise((r) => setTimeout(r, 50));
    return (await fiona.services.quarantine.getStudy(uid))!;
  };

  it('acknowledges an identical copy and changes nothing; keeps a different copy or a moved UID apart, never re-routing', async () => {
    expect((await store(fiona, first.sopUid, datasetOf(first))).status).toBe(0);
    const arrived = await waitArrived(study);
    expect(arrived.arrivedAt).toBeTruthy();
    const created = await api('POST', '/api/projects', projectBody('HOSTILE1'));
    expect(created.status).toBe(201);
    const assigned = await api('POST', `/api/studies/${study}/assign`, { project: 'HOSTILE1', participant: 'HOS-001', event: 'baseline' });
    expect(assigned.status).toBe(202);
    const transferBefore = await fiona.db.kysely.selectFrom('transfers').selectAll().execute();
    const path = quarantineFiles(fiona.dataDir)[0];
    const original = readFileSync(path);

    // Identical bytes, another calling AE: Success, nothing changes.
    expect((await store(fiona, first.sopUid, datasetOf(first))).status).toBe(0);
    // Different content under the same UID (same study), twice: kept apart once.
    const changed = datasetOf({ ...first, instanceNumber: 2 });
    expect((await store(fiona, first.sopUid, changed)).status).toBe(0);
    expect((await store(fiona, first.sopUid, changed)).status).toBe(0);
    // A truncated copy under the good UID is refused outright.
    expect((await store(fiona, first.sopUid, datasetOf(first).subarray(0, -500))).status).toBe(0xc000);
    // The UID moved to another study: a conflict too, and no file in that study's folder.
    expect((await store(fiona, first.sopUid, datasetOf({ ...first, studyUid: '1.2.3.21', seriesUid: '1.2.3.21.1' }))).status).toBe(0);

    await new Promise((r) => setTimeout(r, 700)); // more than the quiet period: a re-opened study would arrive again
    expect(readFileSync(path).equals(original)).toBe(true);
    expect(quarantineFiles(fiona.dataDir)).toEqual([path]);
    expect(await fiona.services.quarantine.getStudy('1.2.3.21')).toBeUndefined();
    const after = (await fiona.services.quarantine.getStudy(study))!;
    expect(after.arrivedAt).toBe(arrived.arrivedAt);
    expect(after.lastReceivedAt).toBe(arrived.lastReceivedAt);
    expect(after.instanceCount).toBe(1);
    expect(await fiona.db.kysely.selectFrom('transfers').selectAll().execute()).toEqual(transferBefore);
    expect(readdirSync(join(fiona.dataDir, 'conflicts'))).toHaveLength(2);
    expect(readdirSync(join(fiona.dataDir, 'incoming'))).toEqual([]);

    const listed = await api('GET', '/api/conflicts?status=open');
    expect(listed.status).toBe(200);
    expect(listed.body).toHaveLength(2);
    const text = JSON.stringify(listed.body);
    expect(text).not.toContain('Hostile');
    expect(text).not.toContain('SECRET-ID-77');
    const moved = listed.body.find((c) => !c.sameStudy)!;
    expect(moved).toMatchObject({ existing: { studyInstanceUid: study, assignedTo: ['HOSTILE1'] }, incoming: { studyInstanceUid: '1.2.3.21', assignedTo: [] } });
    const sameStudy = listed.body.find((c) => c.sameStudy)!;
    expect(sameStudy).toMatchObject({ existing: { instanceNumber: '1', accessionNumber: 'ACC0001' }, incoming: { instanceNumber: '2' } });

    // Only site admins see or resolve them.
    await fiona.services.auth.createUser({ username: 'someone', password: 'correct horse battery staple', isAdmin: false }, actor);
    const userToken = (await fiona.services.auth.createToken('someone', 'tests', actor)).secret;
    expect((await fiona.http.inject({ method: 'GET', url: '/api/conflicts', headers: { authorization: `Bearer ${userToken}` } })).statusCode).toBe(403);

    // Taking the new copy of an assigned study must be explicit, and re-queues only that study's transfer.
    const refused = await api('POST', `/api/conflicts/${sameStudy.id}/resolve`, { action: 'take-new' });
    expect(refused.status).toBe(409);
    expect(readFileSync(path).equals(original)).toBe(true);
    const taken = await api('POST', `/api/conflicts/${sameStudy.id}/resolve`, { action: 'take-new', confirmAssigned: true });
    expect(taken.status).toBe(200);
    expect(taken.body.requeued).toEqual([transferBefore[0].id]);
    expect(readFileSync(path).subarray(datasetOffset(readFileSync(path))).equals(changed)).toBe(true);
    expect((await fiona.services.quarantine.getStudy(study))!.arrivedAt).toBe(arrived.arrivedAt);
    expect((await api('POST', `/api/conflicts/${sameStudy.id}/resolve`, { action: 'keep-first' })).status).toBe(409);

    // Keep first: the other copy goes.
    const kept = await api('POST', `/api/conflicts/${moved.id}/resolve`, { action: 'keep-first' });
    expect(kept.status).toBe(200);
    expect(readdirSync(join(fiona.dataDir, 'conflicts'))).toEqual([]);

    // Keep both: the other copy stays as a version, and a resend of it changes nothing more.
    const third = datasetOf({ ...first, instanceNumber: 3 });
    expect((await store(fiona, first.sopUid, third)).status).toBe(0);
    const [open] = (await api('GET', '/api/conflicts?status=open')).body;
    expect((await api('POST', `/api/conflicts/${open.id}/resolve`, { action: 'keep-both' })).status).toBe(200);
    expect((await store(fiona, first.sopUid, third)).status).toBe(0);
    expect((await api('GET', '/api/conflicts?status=open')).body).toEqual([]);
    expect(readdirSync(join(fiona.dataDir, 'conflicts'))).toHaveLength(1);

    const audit = (await api('GET', '/api/audit?action=conflict.resolve')).body;
    expect(audit.map((a) => (a.details as { resolution: string }).resolution).sort()).toEqual(['kept-both', 'kept-first', 'took-new']);
    expect((await api('GET', '/api/audit?action=instance.conflict')).body).toHaveLength(3);
  });

  it('removes, at start, a conflict file that never got its row (it was never acknowledged)', async () => {
    const stray = join(fiona.dataDir, 'conflicts', 'stray.dcm');
    writeFileSync(stray, 'half');
    const dataDir = fiona.dataDir;
    await fiona.close({ keepData: true });
    fiona = await startTestFiona({ 'forward.workers': 0 }, dataDir);
    expect(existsSync(stray)).toBe(false);
    expect(readdirSync(join(dataDir, 'conflicts'))).toHaveLength(1);
  });
});
