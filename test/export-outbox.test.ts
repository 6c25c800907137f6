// The export outbox against a real OpenSSH server (Debian's openssh-server, started here on a free port):
// delivery with the host key pinned and key authentication, verified on the server by SHA-256; a wrong
// host key, an unknown client key and a file that does not match are refused with clear errors; and end to
// end, an export requested with an outbox (a real Orthanc as research PACS) lands on the server byte for
// byte, a failed delivery leaves the export done and can be delivered again, all audited.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryError, deliverToSftp, type Outbox } from '../src/pipeline/export/sftp-outbox.js';
import { runFiona, startTestFiona, tempDir, type TestFiona } from './support/fiona.js';
import { adminToken, apiCaller, projectFor, until, uniqueUid, writeStudy } from './support/forwarding.js';
import { startOrthanc, type RunningOrthanc } from './support/orthanc.js';
import { startSshd, type RunningSshd } from './support/sshd.js';

let sshd: RunningSshd;
let orthanc: RunningOrthanc;
let fiona: TestFiona;
let call: ReturnType<typeof apiCaller>;
let token: string;
const work = tempDir('fiona-outbox-');
const studyUid = uniqueUid();
// A well-formed fingerprint of some other key.
const WRONG_KEY = 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU';

const outbox = (changes: Partial<Outbox> = {}): Outbox => ({
  name: 'repo',
  host: sshd.host,
  port: sshd.port,
  username: sshd.username,
  privateKeyFile: sshd.clientKeyFile,
  hostKeySha256: sshd.hostKeySha256,
  remoteDir: sshd.remoteDir,
  projects: ['OutMain'],
  ...changes,
});

const remoteFiles = () => readdirSync(sshd.remoteDir).sort();
const clearRemote = () => {
  for (const f of readdirSync(sshd.remoteDir)) rmSync(join(sshd.remoteDir, f), { force: true });
};

beforeAll(async () => {
  [sshd, orthanc] = await Promise.all([startSshd(), startOrthanc({ aeTitle: 'RESEARCH' })]);
  const files = writeStudy(join(work, 'in'), { studyUid, series: [{ uid: `${studyUid}.1`, count: 3, number: 1 }], pixelBytes: 200_000 });
  for (const f of files) await orthanc.rest('/instances', { method: 'POST', body: readFileSync(f) });
  const { name: _r, ...repo } = outbox();
  const { name: _w, ...wrong } = outbox({ hostKeySha256: WRONG_KEY });
  fiona = await startTestFiona({ 'forward.workers': 0, 'export.minFreeMegabytes': 1, 'export.outboxes': { repo, wrongkey: wrong } });
  token = await adminToken(fiona);
  call = apiCaller(fiona, token);
  for (const name of ['OutMain', 'OutOther']) expect((await call('POST', '/api/projects', projectFor(orthanc, name))).statusCode).toBe(201);
  // The study as forwarded: the project's research record names it (forwarding itself is tested elsewhere).
  await fiona.db.kysely.insertInto('imaging_records').values({ project_name: 'OutMain', research_study_uid: studyUid, participant_id: 'P-001', event_name: 'baseline', study_date: '20240101' }).execute();
}, 60_000);

afterAll(async () => {
  await fiona?.close();
  await Promise.all([sshd?.stop(), orthanc?.remove()]);
  rmSync(work, { recursive: true, force: true });
});

describe('delivery to an SFTP server', () => {
  const local = () => {
    const file = join(work, 'payload.zip');
    if (!existsSync(file)) writeFileSync(file, Buffer.concat([Buffer.from('PK'), createHash('sha512').update('x').digest(), Buffer.alloc(3_000_000, 7)]));
    const bytes = readFileSync(file);
    return { file, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  };

  it('uploads, verifies on the server and only then gives the file its name, with a .sha256 beside it', async () => {
    clearRemote();
    const l = local();
    const done = await deliverToSftp(outbox(), l.file, 'P1-export.zip', l);
    expect(done.remotePath).toBe(join(sshd.remoteDir, 'P1-export.zip'));
    expect(done.hostKey).toBe(sshd.hostKeySha256);
    expect(remoteFiles()).toEqual(['P1-export.zip', 'P1-export.zip.sha256']);
    expect(readFileSync(join(sshd.remoteDir, 'P1-export.zip')).equals(readFileSync(l.file))).toBe(true);
    expect(readFileSync(join(sshd.remoteDir, 'P1-export.zip.sha256'), 'utf8')).toBe(`${l.sha256}  P1-export.zip\n`);
  });

  it('refuses a server whose host key is not the pinned one, sending nothing', async () => {
    clearRemote();
    const l = local();
    const err = await deliverToSftp(outbox({ hostKeySha256: WRONG_KEY }), l.file, 'P1-export.zip', l).catch((e: Error) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as Error).message).toContain(`the server's host key is ${sshd.hostKeySha256}, not the pinned ${WRONG_KEY}; refused, nothing was sent`);
    expect(remoteFiles()).toEqual([]);
  });

  it('says so when the server refuses the key, or the key file is missing', async () => {
    const l = local();
    await expect(deliverToSftp(outbox({ privateKeyFile: sshd.strangerKeyFile }), l.file, 'x.zip', l)).rejects.toThrow(`the server refused the key in ${sshd.strangerKeyFile} for ${sshd.username}`);
    await expect(deliverToSftp(outbox({ privateKeyFile: join(work, 'nope') }), l.file, 'x.zip', l)).rejects.toThrow(/cannot read the private key file .*nope: ENOENT/);
    await expect(deliverToSftp(outbox({ remoteDir: join(sshd.remoteDir, 'missing') }), l.file, 'x.zip', l)).rejects.toThrow(/the remote folder .*missing does not exist/);
    expect(remoteFiles()).toEqual([]);
  });

  it('removes an upload that does not match what was exported, and keeps no final name', async () => {
    clearRemote();
    const l = local();
    await expect(deliverToSftp(outbox(), l.file, 'P1-export.zip', { bytes: l.bytes, sha256: '0'.repeat(64) })).rejects.toThrow(/the uploaded file does not match: \d+ bytes with SHA-256 [0-9a-f]{64} on the server, \d+ bytes with 0{64} here/);
    expect(remoteFiles()).toEqual([]);
  });
});

interface ExportJson { id: string; status: string; sha256: string | null; bytes: number; error: string | null; delivery: { outbox: string; status: string; error: string | null; remotePath: string | null; deliveredAt: string | null } | null }

describe('exports with an outbox', () => {
  const waitDelivery = (id: string) =>
    until(`delivery of ${id} ends`, async () => {
      const job = (await call('GET', `/api/exports/${id}`)).json() as ExportJson;
      return job.delivery && (job.delivery.status === 'delivered' || job.delivery.status === 'failed') ? job : undefined;
    }, 60_000, 200);

  it('lists only the outboxes a project may use, and refuses another by name', async () => {
    expect(((await call('GET', '/api/projects/OutMain/outboxes')).json() as Array<{ name: string }>).map((o) => o.name).sort()).toEqual(['repo', 'wrongkey']);
    expect((await call('GET', '/api/projects/OutOther/outboxes')).json()).toEqual([]);
    const res = await call('POST', '/api/projects/OutOther/exports', { outbox: 'repo' });
    expect(res.statusCode).toBe(422);
    expect(res.json().field).toBe('outbox');
    expect(res.body).toMatch(/OutOther may not deliver to an outbox named repo; no outbox is configured for it/);
  });

  it('delivers the finished zip byte for byte, audited; a wrong host key fails the delivery only, and it can be delivered again', async () => {
    clearRemote();
    // "wrongkey" is the same server with another fingerprint pinned (a server whose key changed).
    const res = await call('POST', '/api/projects/OutMain/exports', { format: 'zip', outbox: 'wrongkey' });
    expect(res.statusCode, res.body).toBe(202);
    const failed = await waitDelivery((res.json() as ExportJson).id);
    expect(failed.status).toBe('done');
    expect(failed.delivery).toMatchObject({ outbox: 'wrongkey', status: 'failed', remotePath: null });
    expect(failed.delivery!.error).toContain(`not the pinned ${WRONG_KEY}; refused, nothing was sent`);
    expect(remoteFiles()).toEqual([]);
    expect((await fiona.http.inject({ method: 'GET', url: `/api/exports/${failed.id}/download`, headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);

    const again = await call('POST', `/api/exports/${failed.id}/deliveries`, { outbox: 'repo' });
    expect(again.statusCode, again.body).toBe(202);
    const delivered = await waitDelivery(failed.id);
    expect(delivered.delivery).toMatchObject({ outbox: 'repo', status: 'delivered', error: null });
    const name = `OutMain-export-${failed.id}.zip`;
    expect(delivered.delivery!.remotePath).toBe(join(sshd.remoteDir, name));
    expect(remoteFiles()).toEqual([name, `${name}.sha256`]);
    const there = readFileSync(join(sshd.remoteDir, name));
    expect(there.length).toBe(delivered.bytes);
    expect(createHash('sha256').update(there).digest('hex')).toBe(delivered.sha256);

    const audit = (await call('GET', '/api/audit?project=OutMain&limit=200')).json() as Array<{ action: string; target: string; details: Record<string, unknown> }>;
    const mine = audit.filter((a) => a.target === failed.id);
    expect(mine.find((a) => a.action === 'export.delivery.failed')?.details.outbox).toBe('wrongkey');
    expect(mine.find((a) => a.action === 'export.deliver')?.details.outbox).toBe('repo');
    expect(mine.find((a) => a.action === 'export.delivered')?.details).toMatchObject({ outbox: 'repo', sha256: delivered.sha256, hostKey: sshd.hostKeySha256 });
  });

  it('refuses to deliver an export that has not finished, or to an unknown outbox', async () => {
    const jobs = (await call('GET', '/api/exports?project=OutMain')).json() as ExportJson[];
    expect((await call('POST', `/api/exports/${jobs[0].id}/deliveries`, { outbox: 'elsewhere' })).statusCode).toBe(422);
    expect((await call('POST', `/api/exports/${uniqueUid()}/deliveries`, { outbox: 'repo' })).statusCode).toBe(404);
  });
});

describe('fiona export --outbox', () => {
  it('writes the zip and delivers it, verified on the server', async () => {
    clearRemote();
    const { name: _n, ...repo } = outbox();
    const config = join(work, 'cli-config.json');
    writeFileSync(config, JSON.stringify({ export: { outboxes: { repo } } }));
    const out = join(work, 'cli.zip');
    const result = await runFiona(['export', '--project', 'OutMain', '--out', out, '--outbox', 'repo'], { FIONA_CONFIG: config, FIONA_DATA_DIR: fiona.dataDir, FIONA_LOG_LEVEL: 'silent' });
    expect(result.code, result.stderr).toBe(0);
    const delivered = /delivered to repo: (\S+) \(sha256 verified on the server\)/.exec(result.stdout);
    expect(delivered, result.stdout).not.toBeNull();
    expect(readFileSync(delivered![1]).equals(readFileSync(out))).toBe(true);
  });
});
