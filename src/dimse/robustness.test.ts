import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDcmtk, startStorescp } from '../../test/support/dcmtk.js';
import { encodeAssociateRq } from './associate-pdu.js';
import { CommandField, DATASET_PRESENT, encodeCommand } from './command.js';
import { pDataHeader } from './pdu-encode.js';
import { associate } from './scu.js';
import { startTestScp, type TestScp } from './test-scp.js';
import { APPLICATION_CONTEXT_NAME, SopClass, TransferSyntax } from './uids.js';
import { writeLargeInstance } from '../../test/support/generate.js';
import { testFile } from '../../test/support/testdata.js';

const CT = testFile('ct/CT_small.dcm');
const verification = [{ abstractSyntax: SopClass.Verification, transferSyntaxes: [TransferSyntax.ImplicitVRLittleEndian] }];
const ct = [{ abstractSyntax: SopClass.CtImageStorage, transferSyntaxes: [TransferSyntax.ExplicitVRLittleEndian] }];

/** An established raw association (A-ASSOCIATE-AC received); `closed` resolves with what the server sent after. */
function rawAssociation(port: number, localAddress = '127.0.0.1'): Promise<{ socket: Socket; closed: Promise<Buffer> }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress });
    const after: Buffer[] = [];
    let established = false;
    const closed = new Promise<Buffer>((done) => socket.on('close', () => done(Buffer.concat(after))));
    socket.on('error', () => {});
    socket.on('data', (d: Buffer) => {
      if (established) return void after.push(d);
      established = true;
      if (d[0] !== 0x02) return reject(new Error(`association not accepted (PDU type ${d[0]})`));
      resolve({ socket, closed });
    });
    socket.write(associateRq());
  });
}

function pData(command: boolean, last: boolean, fragment: Buffer): Buffer {
  return Buffer.concat([pDataHeader(1, command, last, fragment.length), fragment]);
}

const within = <T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> => Promise.race([promise, sleep(ms).then(() => 'timeout' as const)]);

/** Collects everything the server sends until it closes the connection. */
function rawExchange(port: number, send: (s: Socket) => void): Promise<Buffer> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1', () => send(s));
    const parts: Buffer[] = [];
    s.on('data', (d: Buffer) => parts.push(d));
    s.on('error', () => {});
    s.on('close', () => resolve(Buffer.concat(parts)));
  });
}

function associateRq(calledAet = 'FIONA'): Buffer {
  return encodeAssociateRq({
    calledAet, callingAet: 'RAW', applicationContext: APPLICATION_CONTEXT_NAME,
    contexts: [{ id: 1, abstractSyntax: SopClass.CtImageStorage, transferSyntaxes: [TransferSyntax.ExplicitVRLittleEndian] }],
    userInfo: { maxLength: 16384, roles: [] },
  });
}

async function echoWorks(port: number): Promise<void> {
  const r = await runDcmtk('echoscu', ['-aec', 'FIONA', '127.0.0.1', String(port)]);
  expect(r.code, r.stderr).toBe(0);
}

describe('SCP robustness', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fiona-robust-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rejects associations over the limit as transient, and frees the slot on release', async () => {
    const scp = await startTestScp(dir, {}, { maxAssociations: 1 });
    const held = await associate({ host: '127.0.0.1', port: scp.port, callingAet: 'SCU', calledAet: 'FIONA', contexts: verification });
    const r = await runDcmtk('echoscu', ['-aec', 'FIONA', '127.0.0.1', String(scp.port)]);
    expect(r.code).not.toBe(0);
    expect(r.stderr + r.stdout).toMatch(/Rejected Transient[\s\S]*Local Limit Exceeded/i);
    await held.release();
    for (let i = 0; i < 50 && scp.server.activeAssociations() > 0; i++) await sleep(20);
    await echoWorks(scp.port);
    await scp.close();
  });

  it('errors the dataset stream when the peer aborts mid-instance and keeps serving', async () => {
    const seen: string[] = [];
    const scp: TestScp = await startTestScp(dir, {
      store: async (req) => {
        try {
          for await (const _chunk of req.dataset) { /* consume */ }
          seen.push('complete');
        } catch (err) {
          seen.push((err as Error).message);
          throw err;
        }
        return { status: 0 };
      },
    });
    const a = await associate({ host: '127.0.0.1', port: scp.port, callingAet: 'SCU', calledAet: 'FIONA', contexts: ct });
    const partial = new Readable({ read() {} });
    partial.push(Buffer.alloc(200_000, 1));
    const storing = a.store({ contextId: a.contextFor(SopClass.CtImageStorage)!.id, sopClassUid: SopClass.CtImageStorage, sopInstanceUid: '1.2.3', dataset: partial });
    storing.catch(() => {});
    for (let i = 0; i < 100 && seen.length === 0 && scp.stored.length === 0; i++) {
      await sleep(10);
      if (i === 5) a.abort();
    }
    await expect(storing).rejects.toThrow();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/association aborted mid-instance/);
    expect(scp.aborts.length).toBe(1);
    await echoWorks(scp.port);
    await scp.close();
  });

  it('aborts on garbage, unknown PDU types and oversized PDUs, and keeps serving', async () => {
    const scp = await startTestScp(dir, {}, { maxPduLength: 16384 });
    const abortPdu = (reply: Buffer) => reply.length >= 10 && reply[0] === 0x07;

    expect(abortPdu(await rawExchange(scp.port, (s) => s.write(Buffer.from('GET / HTTP/1.1\r\n\r\n'))))).toBe(true);
    expect(abortPdu(await rawExchange(scp.port, (s) => s.write(Buffer.from([0x04, 0, 0xff, 0xff, 0xff, 0xff]))))).toBe(true);

    // Established first, then a P-DATA-TF far over the 16 KiB we announced.
    const reply = await rawExchange(scp.port, (s) => {
      s.write(associateRq());
      s.once('data', () => s.write(Buffer.from([0x04, 0, 0x00, 0x10, 0x00, 0x00, 0, 0x0f, 0xff, 0xfa, 1, 0])));
    });
    expect(reply[0]).toBe(0x02);
    expect(reply[reply.length - 10]).toBe(0x07);

    // A PDV whose length overruns its PDU.
    const overrun = await rawExchange(scp.port, (s) => {
      s.write(associateRq());
      s.once('data', () => s.write(Buffer.from([0x04, 0, 0, 0, 0, 8, 0, 0, 0, 100, 1, 3, 0, 0])));
    });
    expect(overrun[overrun.length - 10]).toBe(0x07);

    await echoWorks(scp.port);
    expect(scp.server.activeAssociations()).toBeLessThanOrEqual(1);
    await scp.close();
  });

  it('drops a connection that never sends an A-ASSOCIATE-RQ (ARTIM) and an idle association', async () => {
    const scp = await startTestScp(dir, {}, { artimTimeoutMs: 200, idleTimeoutMs: 300 });
    const started = Date.now();
    await rawExchange(scp.port, () => {});
    expect(Date.now() - started).toBeLessThan(2000);
    const a = await associate({ host: '127.0.0.1', port: scp.port, callingAet: 'SCU', calledAet: 'FIONA', contexts: verification });
    await sleep(700);
    await expect(a.echo()).rejects.toThrow(/abort|closed/);
    await scp.close();
  });

  describe('slow senders', () => {
    it('aborts a PDU trickled a byte at a time, though each byte resets the idle timer', async () => {
      const scp = await startTestScp(dir, {}, { idleTimeoutMs: 300, pduTimeoutMs: 500 });
      const { socket, closed } = await rawAssociation(scp.port);
      // A P-DATA-TF of 4 KiB holding one command fragment, whose bytes then come one every 100 ms.
      socket.write(Buffer.from([0x04, 0, 0, 0, 0x10, 0, 0, 0, 0x0f, 0xfa, 1, 0x01]));
      const trickle = setInterval(() => socket.writable && socket.write(Buffer.from([0])), 100);
      const started = Date.now();
      const reply = await within(closed, 4000);
      clearInterval(trickle);
      socket.destroy();
      expect(reply).not.toBe('timeout');
      expect((reply as Buffer)[0]).toBe(0x07); // A-ABORT
      expect(Date.now() - started).toBeLessThan(2500);
      for (let i = 0; i < 50 && scp.server.activeAssociations() > 0; i++) await sleep(20);
      expect(scp.server.activeAssociations()).toBe(0);
      await echoWorks(scp.port);
      await scp.close();
    });

    it('aborts a message sent in whole but tiny PDUs below the minimum rate', async () => {
      const scp = await startTestScp(dir, {}, { idleTimeoutMs: 300, pduTimeoutMs: 5000, minBytesPerSecond: 2000, rateWindowMs: 400 });
      const { socket, closed } = await rawAssociation(scp.port);
      const command = encodeCommand({ commandField: CommandField.CStoreRq, commandDataSetType: DATASET_PRESENT, messageId: 1, affectedSopClassUid: SopClass.CtImageStorage, affectedSopInstanceUid: '1.2.3.4', priority: 0 });
      socket.write(pData(true, true, command));
      // Two bytes of dataset every 50 ms, each in its own complete PDU: about 280 bytes/s on the wire.
      const trickle = setInterval(() => socket.writable && socket.write(pData(false, false, Buffer.from([8, 0]))), 50);
      const reply = await within(closed, 4000);
      clearInterval(trickle);
      socket.destroy();
      expect(reply).not.toBe('timeout');
      expect((reply as Buffer).includes(0x07)).toBe(true);
      expect(scp.aborts.some((e) => /association aborted|slow/.test(e.message))).toBe(true);
      await scp.close();
    });

    it('does not blame a sender for time it was held back by back-pressure', async () => {
      const big = join(dir, 'held.dcm');
      writeLargeInstance(big, 8 * 1024 * 1024);
      const scp = await startTestScp(
        dir,
        {
          store: async (req) => {
            for await (const _chunk of req.dataset) await sleep(20); // far slower than the sender
            return { status: 0 };
          },
        },
        { pduTimeoutMs: 300, minBytesPerSecond: 100_000, rateWindowMs: 200 },
      );
      const r = await runDcmtk('storescu', ['-aec', 'FIONA', '127.0.0.1', String(scp.port), big], { timeoutMs: 60_000 });
      expect(r.code, r.stderr).toBe(0);
      expect(scp.aborts).toEqual([]);
      await scp.close();
    });

    it('limits associations per calling address, so one sender cannot take every slot', async () => {
      const scp = await startTestScp(dir, {}, { maxAssociations: 4, maxAssociationsPerAddress: 2 });
      const held = [await rawAssociation(scp.port), await rawAssociation(scp.port)];
      const refused = await runDcmtk('echoscu', ['-aec', 'FIONA', '127.0.0.1', String(scp.port)]);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr + refused.stdout).toMatch(/Rejected Transient[\s\S]*Local Limit Exceeded/i);
      // Another address (still loopback) gets its own share.
      const other = await rawAssociation(scp.port, '127.0.0.2');
      for (const a of [...held, other]) a.socket.destroy();
      for (let i = 0; i < 50 && scp.server.activeAssociations() > 0; i++) await sleep(20);
      await echoWorks(scp.port);
      await scp.close();
    });
  });

  it('keeps memory bounded while a slow handler reads a 20 MB instance (back-pressure)', async () => {
    const big = join(dir, 'big.dcm');
    writeLargeInstance(big, 20 * 1024 * 1024);
    let maxBuffered = 0;
    let bytes = 0;
    const scp = await startTestScp(dir, {
      store: async (req) => {
        for await (const chunk of req.dataset) {
          bytes += (chunk as Buffer).length;
          // A slow consumer (about 10 MB/s): without back-pressure the stream's buffer would grow
          // towards the whole instance while storescu sends at full speed.
          await sleep(5);
          maxBuffered = Math.max(maxBuffered, req.dataset.readableLength);
        }
        return { status: 0 };
      },
    });
    const r = await runDcmtk('storescu', ['-xs', '-aec', 'FIONA', '127.0.0.1', String(scp.port), big], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(bytes).toBeGreaterThan(20_000_000);
    expect(maxBuffered).toBeGreaterThan(0);
    // High-water mark (256 KiB) plus about one socket read; the instance is 20 MB.
    expect(maxBuffered).toBeLessThanOrEqual(384 * 1024);
    await scp.close();
  });

  it('receives a whole study from storescu identical to storescp +B', async () => {
    const study = testFile('studies/philips_magdeburg_fmri');
    const ours = mkdtempSync(join(tmpdir(), 'fiona-study-'));
    const theirs = mkdtempSync(join(tmpdir(), 'fiona-study-oracle-'));
    const scp = await startTestScp(ours);
    const oracle = await startStorescp(theirs);
    try {
      for (const [port, aec] of [[scp.port, 'FIONA'], [oracle.port, 'STORESCP']] as const) {
        const r = await runDcmtk('storescu', ['+sd', '-aec', aec, '127.0.0.1', String(port), study, CT], { timeoutMs: 60_000 });
        expect(r.code, r.stderr).toBe(0);
      }
      const oracleFiles = readdirSync(theirs);
      expect(oracleFiles.length).toBe(28);
      expect(readdirSync(ours).length).toBe(28);
      for (const name of oracleFiles) {
        const file = readFileSync(join(theirs, name));
        const dataset = file.subarray(144 + file.readUInt32LE(140));
        const uid = name.replace(/^[A-Z]{2}\./, '');
        expect(readFileSync(join(ours, `${uid}.bin`)).equals(dataset), name).toBe(true);
      }
    } finally {
      await oracle.stop();
      await scp.close();
      rmSync(ours, { recursive: true, force: true });
      rmSync(theirs, { recursive: true, force: true });
    }
  });
});
