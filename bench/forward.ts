// npm run bench:forward — a 500-instance study: time from the assign call to the transfer being confirmed
// by the research PACS (de-identify every instance, C-STORE over one association, C-FIND reconciliation),
// against storescu sending the same original files straight to the same Orthanc in the same run. Prints
// both times and the ratio (target: at most 1.5x the direct send).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { runDcmtk } from '../test/support/dcmtk.js';
import { startTestFiona, tempDir } from '../test/support/fiona.js';
import { generateStudy } from '../test/support/generate.js';
import { startOrthanc } from '../test/support/orthanc.js';
import { adminToken, apiCaller, projectFor, storescu, waitForStudy } from '../test/support/forwarding.js';

const COUNT = Number(process.env.BENCH_FORWARD_COUNT ?? 500);
const PIXEL_BYTES = Number(process.env.BENCH_FORWARD_PIXEL_BYTES ?? 128 * 1024);

async function main(): Promise<void> {
  const work = tempDir('fiona-bench-forward-');
  const orthanc = await startOrthanc({ aeTitle: 'RESEARCH' });
  const fiona = await startTestFiona({ 'forward.reconcileMinutes': 0 });
  try {
    const source = join(work, 'study');
    const { studyUid } = generateStudy(source, { count: COUNT, pixelBytes: PIXEL_BYTES, seriesCount: 4, accessionNumber: 'BENCH1' });
    const call = apiCaller(fiona, await adminToken(fiona));
    const created = await call('POST', '/api/projects', projectFor(orthanc, 'BenchFwd'));
    if (created.statusCode !== 201) throw new Error(`cannot create the project: ${created.body}`);
    await storescu(fiona.dicomPort(), [source]);
    await waitForStudy(fiona, studyUid, COUNT, false);

    // Warm Orthanc up once with a different study so neither run pays its first-store costs.
    const warm = join(work, 'warm');
    generateStudy(warm, { count: 20, pixelBytes: PIXEL_BYTES });
    await runDcmtk('storescu', ['-aec', orthanc.aeTitle, '+sd', '127.0.0.1', String(orthanc.dicomPort), warm]);

    let start = process.hrtime.bigint();
    const direct = await runDcmtk('storescu', ['-aec', orthanc.aeTitle, '+sd', '127.0.0.1', String(orthanc.dicomPort), source], { timeoutMs: 600_000 });
    const directSeconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (direct.code !== 0) throw new Error(`storescu to Orthanc failed: ${direct.stderr.slice(-500)}`);

    start = process.hrtime.bigint();
    const assigned = await call('POST', `/api/studies/${studyUid}/assign`, { project: 'BenchFwd', participant: 'P-001', event: 'baseline' });
    if (assigned.statusCode !== 202) throw new Error(`assign failed: ${assigned.body}`);
    const id = (assigned.json() as { transferId: string }).transferId;
    for (;;) {
      const t = await fiona.services.transfers.get(id);
      if (t?.status === 'done') {
        if (t.instancesConfirmed !== COUNT) throw new Error(`confirmed ${t.instancesConfirmed} of ${COUNT}`);
        break;
      }
      if (t?.status === 'failed') throw new Error(`transfer failed: ${t.error}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const forwardSeconds = Number(process.hrtime.bigint() - start) / 1e9;
    const mb = (COUNT * PIXEL_BYTES) / 1e6;
    console.log(`study: ${COUNT} instances, ~${mb.toFixed(0)} MB of pixels`);
    console.log(`storescu -> Orthanc (originals):               ${directSeconds.toFixed(2)} s  (${(COUNT / directSeconds).toFixed(0)} instances/s)`);
    console.log(`Fiona assign -> confirmed (de-identify+send+check): ${forwardSeconds.toFixed(2)} s  (${(COUNT / forwardSeconds).toFixed(0)} instances/s)`);
    const ratio = forwardSeconds / directSeconds;
    console.log(`ratio Fiona / direct: ${ratio.toFixed(2)}x (target <= 1.5x) ${ratio <= 1.5 ? 'OK' : 'ABOVE TARGET'}`);
  } finally {
    await fiona.close();
    await orthanc.remove();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  console.error(err);
  process.exit(1);
});
