// Receive throughput of our SCP (durable writes: fsync per instance) against DCMTK storescp, same sender
// (storescu, one association per run). Usage: node bin/run-ts.js bench/dimse.ts [runs] [drain|write|fsync]
import { createWriteStream, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDimseServer } from '../src/dimse/index.js';
import { writeLargeInstance } from '../test/support/generate.js';
import { runDcmtk, startStorescp } from '../test/support/dcmtk.js';
import { testFile } from '../test/support/testdata.js';

const runs = Number(process.argv[2] ?? 3);
/** drain: protocol only; write: to disk without fsync; fsync: durable (the receiver's real case). */
const mode = process.argv[3] ?? 'fsync';
const work = mkdtempSync(join(tmpdir(), 'fiona-bench-dimse-'));

const bigDir = join(work, 'big');
await import('node:fs').then((fs) => fs.mkdirSync(bigDir));
for (let i = 0; i < 20; i++) writeLargeInstance(join(bigDir, `${i}.dcm`), 5 * 1024 * 1024, `1.2.826.0.1.3680043.2.1125.99.2.${i}`);

const workloads = [
  { name: 'GE EPI study, 300 small instances', path: testFile('studies/ge_mr750_nih_epi') },
  { name: '20 generated 5 MB instances', path: bigDir },
];

function sizeOf(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) n += statSync(join(e.parentPath, e.name)).size;
  return n;
}

async function timeSend(port: number, aec: string, path: string): Promise<number> {
  const t0 = performance.now();
  const r = await runDcmtk('storescu', ['+sd', '+r', '--scan-pattern', '*.dcm', '-aec', aec, '127.0.0.1', String(port), path], { timeoutMs: 300_000 });
  if (r.code !== 0) throw new Error(`storescu failed: ${r.stderr}`);
  return performance.now() - t0;
}

const oursDir = join(work, 'ours');
await import('node:fs').then((fs) => fs.mkdirSync(oursDir));
const server = createDimseServer({
  aeTitle: 'FIONA', maxPduLength: 131072, maxAssociations: 4, idleTimeoutMs: 60_000,
  handlers: {
    presentationContext: (p) => ({ accept: true, transferSyntax: p.transferSyntaxes[0] }),
    async store(req) {
      if (mode === 'drain') {
        for await (const _chunk of req.dataset) { /* discard */ }
        return { status: 0 };
      }
      if (mode.startsWith('stream')) {
        // flush: fsync before close (Node >= 20.10), the durable variant of a plain pipeline.
        await pipeline(req.dataset, createWriteStream(join(oursDir, req.sopInstanceUid), { flush: mode === 'stream-fsync' }));
        return { status: 0 };
      }
      const fh = await open(join(oursDir, req.sopInstanceUid), 'w');
      try {
        for await (const chunk of req.dataset) await fh.write(chunk as Buffer);
        if (mode === 'fsync') await fh.sync();
      } finally {
        await fh.close();
      }
      return { status: 0 };
    },
  },
});
await server.listen(0, '127.0.0.1');
const dcmtkDir = join(work, 'dcmtk');
await import('node:fs').then((fs) => fs.mkdirSync(dcmtkDir));
const storescp = await startStorescp(dcmtkDir, { bitPreserving: true, maxPdu: 131072 });

for (const w of workloads) {
  const mb = sizeOf(w.path) / 1e6;
  let best = { ours: Infinity, dcmtk: Infinity };
  for (let i = 0; i < runs; i++) {
    best = {
      dcmtk: Math.min(best.dcmtk, await timeSend(storescp.port, 'STORESCP', w.path)),
      ours: Math.min(best.ours, await timeSend(server.port(), 'FIONA', w.path)),
    };
  }
  console.log(
    `${w.name}: storescp ${(mb / (best.dcmtk / 1000)).toFixed(1)} MB/s (${best.dcmtk.toFixed(0)} ms), ` +
      `fiona ${(mb / (best.ours / 1000)).toFixed(1)} MB/s (${best.ours.toFixed(0)} ms) -> ratio ${(best.dcmtk / best.ours).toFixed(2)}x`,
  );
}
await storescp.stop();
await server.close();
rmSync(work, { recursive: true, force: true });
