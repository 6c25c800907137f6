// Bad input at the listener gets a clear status and changes nothing else: corrupt datasets, UIDs that
// disagree with the command, the broken files of the test data, associations aborted mid-instance, a full
// disk, and a receiver killed with SIGKILL in the middle of a large send.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { associate } from '../src/dimse/index.js';
import { databaseUrl, loadConfig } from '../src/platform/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { datasetOffset } from '../src/dicom/meta.js';
import { findFreePort, runDcmtk } from './support/dcmtk.js';
import { TESTDATA, spawnFionaServe, startTestFiona, tempDir, type TestFiona } from './support/fiona.js';
import { generateInstance, generateStudy } from './support/generate.js';

const CT = '1.2.840.10008.5.1.4.1.1.2';
const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const IMPLICIT_LE = '1.2.840.10008.1.2';

function quarantineFiles(dataDir: string): string[] {
  return readdirSync(join(dataDir, 'quarantine'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

async function connect(fiona: TestFiona, transferSyntaxes = [EXPLICIT_LE, IMPLICIT_LE]) {
  return associate({ host: '127.0.0.1', port: fiona.dicomPort(), callingAet: 'TESTSCU', calledAet: 'FIONA', contexts: [{ abstractSyntax: CT, transferSyntaxes }] });
}

describe('bad input at the listener', () => {
  let fiona: TestFiona;
  beforeAll(async () => {
    fiona = await startTestFiona();
  });
  afterAll(async () => fiona?.close());

  it('refuses at negotiation what it does not store: a non-storage class and an unknown transfer syntax', async () => {
    const association = await associate({
      host: '127.0.0.1',
      port: fiona.dicomPort(),
      callingAet: 'TESTSCU',
      calledAet: 'FIONA',
      contexts: [
        { abstractSyntax: '1.2.840.10008.5.1.4.1.2.2.1', transferSyntaxes: [IMPLICIT_LE] }, // study-root C-FIND
        { abstractSyntax: CT, transferSyntaxes: ['1.2.826.0.1.3680043.9.7433.0.1'] }, // no such syntax
        { abstractSyntax: CT, transferSyntaxes: [EXPLICIT_LE] },
      ],
    });
    const accepted = association.acceptedContexts();
    await association.release();
    expect(accepted).toEqual([expect.objectContaining({ abstractSyntax: CT, transferSyntax: EXPLICIT_LE })]);
  });

  it('answers a dataset that does not parse with a failure and keeps nothing', async () => {
    const association = await connect(fiona);
    const context = association.contextFor(CT)!;
    const garbage = Buffer.from([0x08, 0x00, 0x16, 0x00, 0x55, 0x49, 0xff, 0xff, 1, 2, 3]);
    const result = await association.store({ contextId: context.id, sopClassUid: CT, sopInstanceUid: '1.2.3.4.5', dataset: garbage });
    expect(result.status).toBeGreaterThanOrEqual(0xa000);
    expect(result.errorComment).toBeTruthy();
    await association.release();
    expect(await fiona.services.quarantine.count()).toEqual({ studies: 0, series: 0, instances: 0 });
    expect(quarantineFiles(fiona.dataDir)).toEqual([]);
    expect(readdirSync(join(fiona.dataDir, 'incoming'))).toEqual([]);
  });

  it('refuses a dataset whose SOP Instance UID is not the command’s', async () => {
    const file = generateInstance({ studyUid: '1.2.3.1', seriesUid: '1.2.3.1.1', sopUid: '1.2.3.1.1.1', pixelBytes: 1000 });
    const association = await connect(fiona);
    const result = await association.store({ contextId: association.contextFor(CT)!.id, sopClassUid: CT, sopInstanceUid: '1.2.3.1.1.999', dataset: file.subarray(datasetOffset(file)) });
    await association.release();
    expect(result.status).toBe(0xc000);
    expect(result.errorComment).toMatch(/SOP Instance UID/);
    expect((await fiona.services.quarantine.count()).instances).toBe(0);
  });

  it('sends the broken files of the test data: each is refused or stored whole, never half', async () => {
    const brokenDir = join(TESTDATA, 'tricky/broken');
    const association = await connect(fiona);
    const context = association.contextFor(CT)!;
    const outcomes: Record<string, number> = {};
    for (const name of readdirSync(brokenDir)) {
      const bytes = readFileSync(join(brokenDir, name));
      let dataset: Buffer;
      try {
        dataset = bytes.subarray(datasetOffset(bytes));
      } catch {
        dataset = bytes; // no meta group: send the bytes as they are
      }
      const result = await association.store({ contextId: context.id, sopClassUid: CT, sopInstanceUid: `1.2.826.0.1.3680043.9.7433.99.${Object.keys(outcomes).length + 1}`, dataset });
      outcomes[name] = result.status;
    }
    await association.release();
    expect(Object.keys(outcomes)).toHaveLength(14);
    // None of them carries the SOP Instance UID the command announced, so every one is refused.
    for (const [name, status] of Object.entries(outcomes)) expect(status, name).not.toBe(0);
    expect((await fiona.services.quarantine.count()).instances).toBe(0);
    expect(readdirSync(join(fiona.dataDir, 'incoming'))).toEqual([]);
    const echo = await runDcmtk('echoscu', ['-aec', 'FIONA', '127.0.0.1', String(fiona.dicomPort())]);
    expect(echo.code).toBe(0);
  });

  it('drops an instance whose association is aborted mid-instance, and keeps serving', async () => {
    const file = generateInstance({ studyUid: '1.2.3.2', seriesUid: '1.2.3.2.1', sopUid: '1.2.3.2.1.1', pixelBytes: 4_000_000 });
    const dataset = file.subarray(datasetOffset(file));
    const association = await connect(fiona);
    let sent = 0;
    const source = new Readable({
      read() {
        if (sent >= dataset.length / 2) {
          // Half the instance is on the wire: now the sender dies.
          setTimeout(() => association.abort(), 50);
          return;
        }
        const chunk = dataset.subarray(sent, sent + 64 * 1024);
        sent += chunk.length;
        this.push(chunk);
      },
    });
    await association.store({ contextId: association.contextFor(CT)!.id, sopClassUid: CT, sopInstanceUid: '1.2.3.2.1.1', dataset: source }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 500));
    expect((await fiona.services.quarantine.count()).instances).toBe(0);
    expect(quarantineFiles(fiona.dataDir)).toEqual([]);
    expect(readdirSync(join(fiona.dataDir, 'incoming'))).toEqual([]);
    const echo = await runDcmtk('echoscu', ['-aec', 'FIONA', '127.0.0.1', String(fiona.dicomPort())]);
    expect(echo.code).toBe(0);
  });
});

describe('a full disk', () => {
  const mountPoint = tempDir('fiona-full-');
  let fiona: TestFiona | undefined;
  beforeAll(() => {
    // A real small file system (tmpfs), so the kernel itself answers ENOSPC.
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mountPoint]);
  });
  afterAll(async () => {
    await fiona?.close({ keepData: true });
    execFileSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  it('answers Out of Resources (0xA700), keeps nothing partial, and keeps running', async () => {
    const dbDir = tempDir();
    fiona = await startTestFiona({ 'db.url': `sqlite:${join(dbDir, 'fiona.sqlite')}` }, join(mountPoint, 'data'));
    const association = await connect(fiona);
    const statuses: number[] = [];
    for (let i = 1; i <= 12; i++) {
      const file = generateInstance({ studyUid: '1.2.3.3', seriesUid: '1.2.3.3.1', sopUid: `1.2.3.3.1.${i}`, pixelBytes: 500_000 });
      const result = await association.store({ contextId: association.contextFor(CT)!.id, sopClassUid: CT, sopInstanceUid: `1.2.3.3.1.${i}`, dataset: file.subarray(datasetOffset(file)) });
      statuses.push(result.status);
    }
    await association.release();
    expect(statuses.filter((s) => s === 0).length).toBeGreaterThan(0);
    expect(statuses).toContain(0xa700);
    const stored = statuses.filter((s) => s === 0).length;
    await fiona.indexed();
    expect((await fiona.services.quarantine.count()).instances).toBe(stored);
    expect(quarantineFiles(fiona.dataDir)).toHaveLength(stored);
    expect(readdirSync(join(fiona.dataDir, 'incoming'))).toEqual([]);
    const echo = await runDcmtk('echoscu', ['-aec', 'FIONA', '127.0.0.1', String(fiona.dicomPort())]);
    expect(echo.code).toBe(0);
    rmSync(dbDir, { recursive: true, force: true });
  });
});

describe('kill -9 during a large send', () => {
  it('loses no instance that was acknowledged', async () => {
    const work = tempDir();
    const source = join(work, 'source');
    const { sopUids, files } = generateStudy(source, { count: 600, pixelBytes: 200_000, seriesCount: 2 });
    const dataDir = join(work, 'data');
    mkdirSync(dataDir);
    const dicomPort = await findFreePort();
    const httpPort = await findFreePort();
    const env = { FIONA_DATA_DIR: dataDir, FIONA_DICOM_PORT: String(dicomPort), FIONA_HTTP_PORT: String(httpPort), FIONA_HTTP_HOST: '127.0.0.1' };
    const server = await spawnFionaServe(env, httpPort);
    // storescu -v prints each file it sends and each response, so its log says what was acknowledged.
    const sending = runDcmtk('storescu', ['-v', '-aec', 'FIONA', '127.0.0.1', String(dicomPort), ...files], { timeoutMs: 120_000 });
    // Kill once some instances are in, wherever the sender is: fast or slow machines alike.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && quarantineFiles(dataDir).length < 40) await new Promise((r) => setTimeout(r, 10));
    server.kill('SIGKILL');
    const log = await sending;
    const acknowledged = new Set<string>();
    let current: string | undefined;
    for (const line of (log.stdout + log.stderr).split('\n')) {
      const sendingFile = /Sending file: (.*)$/.exec(line);
      if (sendingFile) current = sendingFile[1].trim();
      if (/Received Store Response \(Success\)/.test(line) && current) acknowledged.add(sopUids[files.indexOf(current)]);
    }
    expect(acknowledged.size).toBeGreaterThan(5);
    expect(acknowledged.size).toBeLessThan(600);
    // Restart (recovery runs before the listener opens) and compare the index with the sender's log.
    const restartedPort = await findFreePort();
    const restarted = await spawnFionaServe({ ...env, FIONA_HTTP_PORT: String(restartedPort) }, restartedPort);
    restarted.kill('SIGTERM');
    await new Promise((r) => restarted.once('close', r));
    const db = await openDatabase(databaseUrl(loadConfig({ env: { FIONA_DATA_DIR: dataDir } })));
    const indexed = new Set((await db.kysely.selectFrom('instances').select('sop_instance_uid').execute()).map((r) => r.sop_instance_uid));
    await db.close();
    const lost = [...acknowledged].filter((uid) => !indexed.has(uid));
    expect(lost).toEqual([]);
    expect(readdirSync(join(dataDir, 'incoming'))).toEqual([]);
    rmSync(work, { recursive: true, force: true });
  });
});
