import { createReadStream, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort, startStorescp, type RunningStorescp } from '../../test/support/dcmtk.js';
import { associate } from './scu.js';
import { decodeIdentifier, encodeIdentifier } from './identifier.js';
import { startTestScp, type TestScp } from './test-scp.js';
import { SopClass, TransferSyntax, UNCOMPRESSED_TRANSFER_SYNTAXES } from './uids.js';
import { testFile } from '../../test/support/testdata.js';

const CT = testFile('ct/CT_small.dcm');
const CT_INSTANCE = '1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322';

function datasetOf(file: Buffer): Buffer {
  return file.subarray(144 + file.readUInt32LE(140));
}

const contexts = [
  { abstractSyntax: SopClass.Verification, transferSyntaxes: [TransferSyntax.ImplicitVRLittleEndian] },
  { abstractSyntax: SopClass.CtImageStorage, transferSyntaxes: [TransferSyntax.ExplicitVRLittleEndian] },
];

describe('SCU against storescp', () => {
  let dir: string;
  let storescp: RunningStorescp;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fiona-scu-'));
    storescp = await startStorescp(dir, { maxPdu: 16384 });
  });
  afterAll(async () => {
    await storescp.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('echoes, stores a streamed and a buffered dataset, and releases', async () => {
    const a = await associate({ host: '127.0.0.1', port: storescp.port, callingAet: 'FIONA', calledAet: 'STORESCP', contexts });
    expect(await a.echo()).toBe(0);
    const ctx = a.contextFor(SopClass.CtImageStorage, TransferSyntax.ExplicitVRLittleEndian)!;
    expect(ctx.transferSyntax).toBe(TransferSyntax.ExplicitVRLittleEndian);
    const wire = datasetOf(readFileSync(CT));
    // A stream that starts inside the file's dataset: the byte offset skips preamble and meta.
    const stream = createReadStream(CT, { start: 144 + readFileSync(CT).readUInt32LE(140), highWaterMark: 7000 });
    const first = await a.store({ contextId: ctx.id, sopClassUid: SopClass.CtImageStorage, sopInstanceUid: CT_INSTANCE, dataset: stream });
    expect(first.status).toBe(0);
    await a.release();
    const files = readdirSync(dir);
    expect(files.length).toBe(1);
    expect(datasetOf(readFileSync(join(dir, files[0]))).equals(wire)).toBe(true);

    const b = await associate({ host: '127.0.0.1', port: storescp.port, callingAet: 'FIONA', calledAet: 'STORESCP', contexts });
    const second = await b.store({ contextId: ctx.id, sopClassUid: SopClass.CtImageStorage, sopInstanceUid: CT_INSTANCE, dataset: wire });
    expect(second.status).toBe(0);
    await b.release();
  });

  it('explains a refused connection', async () => {
    const port = await findFreePort();
    await expect(associate({ host: '127.0.0.1', port, callingAet: 'FIONA', calledAet: 'X', contexts })).rejects.toThrow(/connection refused/);
  });
});

describe('SCU against our own SCP', () => {
  let dir: string;
  let scp: TestScp;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fiona-scu-own-'));
    scp = await startTestScp(dir, {}, { maxPduLength: 16384 });
  });
  afterAll(async () => {
    await scp.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores many instances on one association with matching bytes', async () => {
    const a = await associate({
      host: '127.0.0.1', port: scp.port, callingAet: 'SCU', calledAet: 'FIONA',
      contexts: [...contexts, { abstractSyntax: SopClass.MrImageStorage, transferSyntaxes: [...UNCOMPRESSED_TRANSFER_SYNTAXES] }],
    });
    expect(a.acceptedContexts()).toHaveLength(3);
    expect(await a.echo()).toBe(0);
    const ctx = a.contextFor(SopClass.CtImageStorage)!;
    const wire = datasetOf(readFileSync(CT));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        a.store({ contextId: ctx.id, sopClassUid: SopClass.CtImageStorage, sopInstanceUid: `1.2.3.${i}`, dataset: wire }),
      ),
    );
    expect(results.every((r) => r.status === 0)).toBe(true);
    await a.release();
    for (let i = 0; i < 20; i++) expect(readFileSync(join(dir, `1.2.3.${i}.bin`)).equals(wire)).toBe(true);
    expect(scp.stored.map((s) => s.messageId)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
  });

  it('explains a rejection', async () => {
    await expect(
      associate({ host: '127.0.0.1', port: scp.port, callingAet: 'SCU', calledAet: 'WRONG', contexts }),
    ).rejects.toThrow(/rejected \(permanent\): called AE title not recognized/);
  });

  it('reports a handler failure as a failed status with a comment', async () => {
    const failing = await startTestScp(dir, {
      store: async (req) => {
        req.dataset.resume();
        throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
      },
    });
    const a = await associate({ host: '127.0.0.1', port: failing.port, callingAet: 'SCU', calledAet: 'FIONA', contexts });
    const ctx = a.contextFor(SopClass.CtImageStorage)!;
    const r = await a.store({ contextId: ctx.id, sopClassUid: SopClass.CtImageStorage, sopInstanceUid: '1.2.3', dataset: datasetOf(readFileSync(CT)) });
    expect(r).toEqual({ status: 0xa700, errorComment: 'Out of resources' });
    const other = await startTestScp(dir, { store: async () => { throw new Error('nope'); } });
    const b = await associate({ host: '127.0.0.1', port: other.port, callingAet: 'SCU', calledAet: 'FIONA', contexts });
    const r2 = await b.store({ contextId: ctx.id, sopClassUid: SopClass.CtImageStorage, sopInstanceUid: '1.2.3', dataset: datasetOf(readFileSync(CT)) });
    expect(r2).toEqual({ status: 0xc000, errorComment: 'nope' });
    expect(await b.echo()).toBe(0);
    await a.release();
    await b.release();
    await failing.close();
    await other.close();
  });
});

describe('C-FIND between our SCU and SCP', () => {
  it('sends the identifier and returns the pending matches', async () => {
    const queries: string[] = [];
    const scp = await startTestScp(tmpdir(), {
      *find(req) {
        const q = decodeIdentifier(req.identifier, req.transferSyntaxUid !== TransferSyntax.ImplicitVRLittleEndian);
        queries.push(q.map((e) => `${e.tag.toString(16)}=${e.value}`).join(','));
        for (const uid of ['1.1', '1.2']) {
          yield encodeIdentifier([{ tag: 0x00080052, vr: 'CS', value: 'STUDY' }, { tag: 0x0020000d, vr: 'UI', value: uid }], false);
        }
      },
    });
    const a = await associate({
      host: '127.0.0.1', port: scp.port, callingAet: 'SCU', calledAet: 'FIONA',
      contexts: [{ abstractSyntax: SopClass.StudyRootFind, transferSyntaxes: [TransferSyntax.ImplicitVRLittleEndian] }],
    });
    const ctx = a.contextFor(SopClass.StudyRootFind)!;
    const identifier = encodeIdentifier([{ tag: 0x00080052, vr: 'CS', value: 'STUDY' }, { tag: 0x00100020, vr: 'LO', value: 'P1' }, { tag: 0x0020000d, vr: 'UI', value: '' }], false);
    const result = await a.find({ contextId: ctx.id, sopClassUid: SopClass.StudyRootFind, identifier });
    expect(queries).toEqual(['80052=STUDY,100020=P1,20000d=']);
    expect(result.status).toBe(0);
    expect(result.matches.map((m) => decodeIdentifier(m, false).find((e) => e.tag === 0x0020000d)?.value)).toEqual(['1.1', '1.2']);
    await a.release();
    await scp.close();
  });
});
