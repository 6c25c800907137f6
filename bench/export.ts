// npm run bench:export — a 500-instance study in a real Orthanc (the research PACS):
//  1. Fiona's DICOM zip export (C-GET series by series, streamed zip with manifest) against Orthanc's own
//     GET /studies/{id}/archive of the same study, saved to disk (target: Fiona at least as fast, >= 1.0x);
//  2. Fiona's NIfTI export against DCMTK getscu (C-GET) plus dcm2niix run by hand (target: <= 1.2x its time).
// Both in the same run, alternating, best of BENCH_EXPORT_ROUNDS (default 2). Also Fiona's zip export with one
// C-GET association at a time (how it ran before retrieval went parallel), for the ratio of that change.
// Orthanc runs with TCP_NODELAY=1 as DCMTK peers should; BENCH_EXPORT_PACS_NAGLE=1 leaves Nagle's
// algorithm on in the PACS (DCMTK's default) to show what that costs C-GET.
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { runDcmtk } from '../test/support/dcmtk.js';
import { startTestFiona, tempDir } from '../test/support/fiona.js';
import { generateStudy } from '../test/support/generate.js';
import { startOrthanc } from '../test/support/orthanc.js';
import { adminToken, apiCaller, projectFor } from '../test/support/forwarding.js';
import { runExport } from '../src/pipeline/export/run-export.js';
import { imagingRecordsRepository } from '../src/pipeline/forward/imaging-records-repository.js';

const COUNT = Number(process.env.BENCH_EXPORT_COUNT ?? 500);
const PIXEL_BYTES = Number(process.env.BENCH_EXPORT_PIXEL_BYTES ?? 128 * 1024);
const ROUNDS = Number(process.env.BENCH_EXPORT_ROUNDS ?? 2);

async function seconds(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function main(): Promise<void> {
  const work = tempDir('fiona-bench-export-');
  const nagle = process.env.BENCH_EXPORT_PACS_NAGLE === '1';
  const orthanc = await startOrthanc({ aeTitle: 'RESEARCH', env: nagle ? { TCP_NODELAY: '0' } : {} });
  const fiona = await startTestFiona({ 'forward.workers': 0, 'export.workers': 0, 'export.minFreeMegabytes': 1 });
  try {
    const source = join(work, 'study');
    const { studyUid } = generateStudy(source, { count: COUNT, pixelBytes: PIXEL_BYTES, seriesCount: 4 });
    const stored = await runDcmtk('storescu', ['-aec', orthanc.aeTitle, '+sd', '127.0.0.1', String(orthanc.dicomPort), source], { timeoutMs: 600_000 });
    if (stored.code !== 0) throw new Error(`storescu to Orthanc failed: ${stored.stderr.slice(-500)}`);
    const call = apiCaller(fiona, await adminToken(fiona));
    if ((await call('POST', '/api/projects', projectFor(orthanc, 'BenchExp'))).statusCode !== 201) throw new Error('cannot create the project');
    await fiona.db.kysely.insertInto('imaging_records').values({ project_name: 'BenchExp', research_study_uid: studyUid, participant_id: 'P-001', event_name: 'baseline', study_date: '20240101' }).execute();
    const [orthancId] = (await orthanc.rest<Array<{ ID: string }>>('/tools/lookup', { method: 'POST', body: studyUid })).map((r) => r.ID);
    const actor = { userId: null, username: null, via: 'cli' as const };
    const layout = '{participant}/{event}/{modality}/{seriesNumber}_{seriesDescription}/{instanceNumber:4}.dcm';

    const best = { fiona: Infinity, serial: Infinity, orthanc: Infinity, nifti: Infinity, byHand: Infinity };
    const records = await imagingRecordsRepository(fiona.db).list('BenchExp');
    const destination = { aet: orthanc.aeTitle, host: '127.0.0.1', port: orthanc.dicomPort };
    let bytes = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const zip = join(work, `fiona-${round}.zip`);
      best.fiona = Math.min(best.fiona, await seconds(async () => (bytes = (await fiona.services.exports.runNow('BenchExp', { format: 'zip', layout, filter: {}, transforms: {} }, zip, actor)).bytes)));
      rmSync(zip, { force: true });
      best.serial = Math.min(best.serial, await seconds(() =>
        runExport({ id: `serial-${round}`, project: 'BenchExp', destination, callingAet: 'FIONA', spec: { format: 'zip', layout, filter: {}, transforms: {} }, records, workDir: join(work, `serial-${round}.work`), outFile: zip, parallelRetrievals: 1 }, () => {}),
      ));
      rmSync(zip, { force: true });
      const archive = join(work, `orthanc-${round}.zip`);
      best.orthanc = Math.min(best.orthanc, await seconds(async () => {
        const res = await fetch(`${orthanc.url}/studies/${orthancId}/archive`);
        if (!res.ok || !res.body) throw new Error(`Orthanc archive: ${res.status}`);
        await pipeline(Readable.fromWeb(res.body as never), createWriteStream(archive));
      }));
      rmSync(archive, { force: true });

      const nifti = join(work, `fiona-${round}-nifti.zip`);
      best.nifti = Math.min(best.nifti, await seconds(() => fiona.services.exports.runNow('BenchExp', { format: 'nifti', layout, filter: {}, transforms: {} }, nifti, actor)));
      rmSync(nifti, { force: true });
      const hand = join(work, `hand-${round}`);
      mkdirSync(join(hand, 'out'), { recursive: true });
      best.byHand = Math.min(best.byHand, await seconds(async () => {
        const got = await runDcmtk('getscu', ['-aec', orthanc.aeTitle, '-aet', 'FIONA', '-S', '-k', 'QueryRetrieveLevel=STUDY', '-k', `StudyInstanceUID=${studyUid}`, '-od', hand, '127.0.0.1', String(orthanc.dicomPort)], { timeoutMs: 600_000 });
        if (got.code !== 0) throw new Error(`getscu failed: ${got.stderr.slice(-500)}`);
        execFileSync('dcm2niix', ['-z', 'y', '-b', 'y', '-ba', 'y', '-f', '%s_%d', '-o', join(hand, 'out'), hand], { stdio: 'ignore' });
      }));
      rmSync(hand, { recursive: true, force: true });
    }
    const load = execFileSync('cat', ['/proc/loadavg']).toString().split(' ').slice(0, 3).join(' ');
    console.log(`study: ${COUNT} instances in 4 series, ~${((COUNT * PIXEL_BYTES) / 1e6).toFixed(0)} MB of pixels; zip ${(bytes / 1e6).toFixed(0)} MB; best of ${ROUNDS}; load average ${load}; PACS ${nagle ? 'with Nagle (DCMTK default)' : 'TCP_NODELAY=1'}`);
    console.log(`Fiona DICOM zip export:             ${best.fiona.toFixed(2)} s`);
    console.log(`  one C-GET association at a time:  ${best.serial.toFixed(2)} s (parallel retrieval ${(best.serial / best.fiona).toFixed(2)}x faster)`);
    console.log(`Orthanc /studies/{id}/archive:      ${best.orthanc.toFixed(2)} s`);
    const zipRatio = best.orthanc / best.fiona;
    console.log(`speed Fiona / Orthanc: ${zipRatio.toFixed(2)}x (target >= 1.0x) ${zipRatio >= 1 ? 'OK' : 'BELOW TARGET'}`);
    console.log(`Fiona NIfTI export:                 ${best.nifti.toFixed(2)} s`);
    console.log(`getscu + dcm2niix by hand:          ${best.byHand.toFixed(2)} s`);
    const niftiRatio = best.nifti / best.byHand;
    console.log(`time Fiona / by hand: ${niftiRatio.toFixed(2)}x (target <= 1.2x) ${niftiRatio <= 1.2 ? 'OK' : 'ABOVE TARGET'}`);
  } finally {
    await fiona.close();
    await orthanc.remove();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
