// Fuzzing the DICOM port: mutated datasets (sent as C-STOREs by our SCU) and mutated PDU streams (raw sockets),
// all derived from the test data with a seeded PRNG, to a real Fiona on loopback. After each batch the
// service must still answer C-ECHO and /api/health; at the end no association is left, memory is back near
// its baseline and the quarantine holds only whole files, each indexed (conflict copies each with their row).
//
// FUZZ_CASES (default 10,000), FUZZ_SECONDS (time budget, default 90; a run takes about 20 s on an idle machine) and FUZZ_SEED change the run; a longer
// one: FUZZ_CASES=200000 FUZZ_SECONDS=1200 npx vitest run test/receive-fuzz.test.ts
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetOffset } from '../src/dicom/meta.js';
import { parseDicom, metaString } from '../src/dicom/parse.js';
import { encodeAssociateRq } from '../src/dimse/associate-pdu.js';
import { CommandField, DATASET_PRESENT, NO_DATASET, encodeCommand } from '../src/dimse/command.js';
import { associate, type ScuAssociation } from '../src/dimse/index.js';
import { encodeReleaseRq, pDataHeader } from '../src/dimse/pdu-encode.js';
import { SUPPORTED_TRANSFER_SYNTAXES } from '../src/pipeline/receive/policy.js';
import { conflictsRepository } from '../src/pipeline/quarantine/conflicts-repository.js';
import { TESTDATA, startTestFiona, type TestFiona } from './support/fiona.js';

const CASES = Number(process.env.FUZZ_CASES ?? 10_000);
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 90);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const BATCH = 1000;
const DATASET_SHARE = 0.6;
const VERIFICATION = '1.2.840.10008.1.1';
const IMPLICIT_LE = '1.2.840.10008.1.2';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** mulberry32: small, seeded, good enough to pick mutations. */
function prng(seed: number): { next(): number; int(n: number): number } {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n) };
}
type Random = ReturnType<typeof prng>;

interface Seed {
  sopClassUid: string;
  sopInstanceUid: string;
  transferSyntaxUid: string;
  dataset: Buffer;
}

/** Small instances of the test data in syntaxes the listener takes (a spread of modalities and encodings). */
function corpus(): Seed[] {
  const seeds: Seed[] = [];
  const seen = new Set<string>();
  const files = readdirSync(TESTDATA, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !/\.(md|txt|json)$/i.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((p) => statSync(p).size < 40_000)
    .sort();
  for (const path of files) {
    const bytes = readFileSync(path);
    try {
      const parsed = parseDicom(bytes);
      const sopClassUid = metaString(parsed, 0x00020002);
      const sopInstanceUid = metaString(parsed, 0x00020003);
      const ts = parsed.transferSyntaxUid;
      if (!sopClassUid || !sopInstanceUid || !SUPPORTED_TRANSFER_SYNTAXES.has(ts) || parsed.transferSyntaxGuessed) continue;
      const key = `${sopClassUid} ${ts} ${bytes.length >> 12}`;
      if (seen.has(key)) continue;
      seen.add(key);
      seeds.push({ sopClassUid, sopInstanceUid, transferSyntaxUid: ts, dataset: bytes.subarray(datasetOffset(bytes)) });
    } catch {
      // not a whole Part-10 file: not a seed
    }
  }
  return seeds;
}

/** One mutation of `bytes`; positions favour the first bytes, where headers and lengths are. */
function mutate(r: Random, bytes: Buffer, other: Buffer): Buffer {
  const at = () => (r.next() < 0.7 ? r.int(Math.min(bytes.length, 600)) : r.int(bytes.length));
  const out = Buffer.from(bytes);
  switch (r.int(10)) {
    case 0: // bit flips
      for (let i = r.int(8) + 1; i > 0; i--) out[at()] ^= 1 << r.int(8);
      return out;
    case 1: // a length field set to undefined / huge / zero
      {
        const p = at() & ~1;
        if (p + 4 <= out.length) out.writeUInt32LE([0xffffffff, 0x7fffffff, 0, r.int(1 << 20)][r.int(4)], p);
      }
      return out;
    case 2: // random bytes overwritten
      for (let i = r.int(16) + 1; i > 0; i--) out[at()] = r.int(256);
      return out;
    case 3: // truncated
      return out.subarray(0, at());
    case 4: { // bytes inserted
      const p = at();
      const junk = Buffer.alloc(r.int(64) + 1).map(() => r.int(256));
      return Buffer.concat([out.subarray(0, p), junk, out.subarray(p)]);
    }
    case 5: { // a range deleted
      const p = at();
      return Buffer.concat([out.subarray(0, p), out.subarray(Math.min(out.length, p + r.int(64) + 1))]);
    }
    case 6: { // a range duplicated
      const p = at();
      const q = Math.min(out.length, p + r.int(256) + 1);
      return Buffer.concat([out.subarray(0, q), out.subarray(p, q), out.subarray(q)]);
    }
    case 7: // spliced with another input
      return Buffer.concat([out.subarray(0, at()), other.subarray(r.int(other.length))]);
    case 8: // junk appended
      return Buffer.concat([out, Buffer.alloc(r.int(32) + 1).map(() => r.int(256))]);
    default: // item and delimiter tags planted
      {
        const p = at() & ~1;
        const tags = [0xfffee000, 0xfffee00d, 0xfffee0dd];
        if (p + 8 <= out.length) {
          out.writeUInt16LE(0xfffe, p);
          out.writeUInt16LE(tags[r.int(3)] & 0xffff, p + 2);
          out.writeUInt32LE(r.next() < 0.5 ? 0xffffffff : r.int(4096), p + 4);
        }
      }
      return out;
  }
}

function pData(contextId: number, command: boolean, last: boolean, fragment: Buffer): Buffer {
  return Buffer.concat([pDataHeader(contextId, command, last, fragment.length), fragment]);
}

/** A whole, valid conversation: associate, C-ECHO and/or C-STORE, release. */
function validStream(r: Random, seed: Seed): Buffer {
  const parts = [
    encodeAssociateRq({
      calledAet: 'FIONA',
      callingAet: 'FUZZER',
      applicationContext: '1.2.840.10008.3.1.1.1',
      contexts: [
        { id: 1, abstractSyntax: VERIFICATION, transferSyntaxes: [IMPLICIT_LE] },
        { id: 3, abstractSyntax: seed.sopClassUid, transferSyntaxes: [seed.transferSyntaxUid] },
      ],
      userInfo: { maxLength: 16384, roles: [] },
    }),
  ];
  if (r.next() < 0.5) parts.push(pData(1, true, true, encodeCommand({ commandField: CommandField.CEchoRq, commandDataSetType: NO_DATASET, messageId: 1, affectedSopClassUid: VERIFICATION })));
  if (r.next() < 0.7) {
    parts.push(pData(3, true, true, encodeCommand({ commandField: CommandField.CStoreRq, commandDataSetType: DATASET_PRESENT, messageId: 2, affectedSopClassUid: seed.sopClassUid, affectedSopInstanceUid: seed.sopInstanceUid, priority: 0 })));
    const data = seed.dataset.subarray(0, Math.min(seed.dataset.length, 8000));
    const half = data.length >> 1 & ~1;
    parts.push(pData(3, false, false, data.subarray(0, half)), pData(3, false, true, data.subarray(half)));
  }
  parts.push(encodeReleaseRq());
  return Buffer.concat(parts);
}

type PduOutcome = 'accepted' | 'rejected' | 'released' | 'aborted' | 'answered' | 'closed' | 'hung';

/** Sends a (mutated) stream on a raw socket; most half-close at once, some wait for the server to act alone. */
function rawCase(port: number, bytes: Buffer, hold: boolean, r: Random): Promise<PduOutcome> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const replies: number[] = [];
    let first = true;
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('hung');
    }, 8000);
    socket.on('error', () => {});
    socket.on('data', (d: Buffer) => {
      if (first) replies.push(d[0]);
      first = false;
      if (d.includes(0x07)) replies.push(0x07);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const t = replies[0];
      resolve(replies.includes(0x07) && t !== 0x02 ? 'aborted' : t === 0x02 ? 'accepted' : t === 0x03 ? 'rejected' : t === 0x06 ? 'released' : t !== undefined ? 'answered' : 'closed');
    });
    socket.on('connect', () => {
      // In one write, or split at a random point (a PDU across TCP segments).
      const cut = r.int(bytes.length + 1);
      socket.write(bytes.subarray(0, cut));
      socket.write(bytes.subarray(cut));
      if (!hold) socket.end();
    });
  });
}

describe('fuzzing the DICOM port', () => {
  let fiona: TestFiona;
  beforeAll(async () => {
    fiona = await startTestFiona({
      'dicom.fsync': false,
      'forward.workers': 0,
      'arrival.quietSeconds': 3600,
      'dicom.maxAssociations': 64,
      'dicom.maxAssociationsPerAddress': 48,
      'dicom.pduTimeoutSeconds': 0.5,
      'dicom.idleTimeoutSeconds': 1,
    });
  });
  afterAll(async () => fiona?.close());

  it(`survives ${CASES} mutated datasets and PDU streams`, async () => {
    const seeds = corpus();
    expect(seeds.length).toBeGreaterThan(10);
    const r = prng(SEED);
    const counts: Record<string, number> = {};
    const count = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
    const contexts = [...new Map(seeds.map((s) => [`${s.sopClassUid} ${s.transferSyntaxUid}`, { abstractSyntax: s.sopClassUid, transferSyntaxes: [s.transferSyntaxUid] }])).values()];
    const open = () => associate({ host: '127.0.0.1', port: fiona.dicomPort(), callingAet: 'FUZZER', calledAet: 'FIONA', contexts });
    const deadline = Date.now() + SECONDS * 1000;
    let sent = 0;
    let baseline = 0;
    let association: ScuAssociation | undefined;

    const checkAlive = async () => {
      const echo = await associate({ host: '127.0.0.1', port: fiona.dicomPort(), callingAet: 'PROBE', calledAet: 'FIONA', contexts: [{ abstractSyntax: VERIFICATION, transferSyntaxes: [IMPLICIT_LE] }] });
      expect(await echo.echo()).toBe(0);
      await echo.release();
      expect((await fetch(`http://127.0.0.1:${fiona.httpPort()}/api/health`)).status).toBe(200);
    };

    const phase = { datasets: 0, pdus: 0, checks: 0 };
    while (sent < CASES && Date.now() < deadline) {
      let t0 = Date.now();
      const datasets = Math.round(BATCH * DATASET_SHARE);
      for (let i = 0; i < datasets; i++) {
        association ??= await open();
        // Only classes the listener accepts (a DICOMDIR, say, is not a storage class).
        const usable = seeds.filter((s) => association!.contextFor(s.sopClassUid, s.transferSyntaxUid));
        const seed = usable[r.int(usable.length)];
        const bytes = mutate(r, seed.dataset, seeds[r.int(seeds.length)].dataset);
        const context = association.contextFor(seed.sopClassUid, seed.transferSyntaxUid)!;
        try {
          const result = await association.store({ contextId: context.id, sopClassUid: seed.sopClassUid, sopInstanceUid: seed.sopInstanceUid, dataset: bytes });
          count(result.status === 0 ? 'dataset: success' : `dataset: 0x${result.status.toString(16).padStart(4, '0')}`);
        } catch (err) {
          if (process.env.FUZZ_DEBUG) console.log('lost', (err as Error).message);
          count('dataset: association lost');
          association.abort();
          association = undefined;
        }
        sent++;
      }
      // Released before the PDU phase, in which it would sit idle past the idle timeout.
      await association?.release().catch(() => association?.abort());
      association = undefined;
      phase.datasets += Date.now() - t0;
      t0 = Date.now();
      // PDU streams on raw sockets, 32 at a time (a pool, so cases that wait for a server timeout overlap).
      let streams = BATCH - datasets;
      const worker = async () => {
        while (streams > 0) {
          streams--;
          const seed = seeds[r.int(seeds.length)];
          const valid = validStream(r, seed);
          const bytes = r.next() < 0.05 ? valid : mutate(r, valid, validStream(r, seeds[r.int(seeds.length)]));
          count(`pdu: ${await rawCase(fiona.dicomPort(), bytes, r.next() < 0.01, r)}`);
          sent++;
        }
      };
      await Promise.all(Array.from({ length: 32 }, worker));
      phase.pdus += Date.now() - t0;
      t0 = Date.now();
      await checkAlive();
      phase.checks += Date.now() - t0;
      if (baseline === 0) {
        gc();
        baseline = process.memoryUsage().heapUsed;
      }
    }

    for (let i = 0; i < 200 && fiona.listener!.activeAssociations() > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    for (let i = 0; i < 100 && readdirSync(join(fiona.dataDir, 'incoming')).length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    gc();
    const heap = process.memoryUsage().heapUsed;
    console.log(`fuzz: ${sent} cases (seed ${SEED}, ${seeds.length} seed instances) in ${((Date.now() - deadline) / 1000 + SECONDS).toFixed(1)} s; heap ${(baseline / 2 ** 20).toFixed(0)} -> ${(heap / 2 ** 20).toFixed(0)} MiB`);
    console.log(`fuzz time (ms): ${JSON.stringify(phase)}`);
    console.log(JSON.stringify(Object.fromEntries(Object.entries(counts).sort()), null, 1));

    expect(sent).toBeGreaterThanOrEqual(CASES);
    expect(counts['pdu: hung'] ?? 0).toBe(0);
    expect(counts['dataset: association lost'] ?? 0).toBe(0);
    expect(counts['dataset: success']).toBeGreaterThan(0);
    expect(Object.keys(counts).some((k) => /^dataset: 0xc/.test(k))).toBe(true);
    expect(fiona.listener!.activeAssociations()).toBe(0);
    expect(heap - baseline).toBeLessThan(32 * 2 ** 20);
    await checkAlive();

    // Nothing half-written: no temporary file, every quarantine file indexed and whole, every conflict file recorded.
    expect(readdirSync(join(fiona.dataDir, 'incoming'))).toEqual([]);
    const files = readdirSync(join(fiona.dataDir, 'quarantine'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));
    const indexed = new Set((await fiona.db.kysely.selectFrom('instances').select('path').execute()).map((row) => row.path));
    expect(new Set(files)).toEqual(indexed);
    for (const file of files) expect(() => parseDicom(readFileSync(file)), file).not.toThrow();
    const conflictFiles = readdirSync(join(fiona.dataDir, 'conflicts')).map((name) => join(fiona.dataDir, 'conflicts', name));
    expect(new Set(conflictFiles)).toEqual(await conflictsRepository(fiona.db).keptPaths());
  }, (SECONDS + 60) * 1000);
});
