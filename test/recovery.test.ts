// Start-up recovery after an unclean stop: a complete file that reached the quarantine without its index
// row is indexed; a torn one (never acknowledged) is moved aside, not indexed; temporary files go. And with
// the index behind the answer: `fiona serve` killed (SIGKILL) after answering but before committing any
// row loses no answered instance, and resends meanwhile are still recognised.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { instancePath } from '../src/pipeline/quarantine/layout.js';
import { findFreePort, runDcmtk } from './support/dcmtk.js';
import { runFiona, spawnFionaServe, startTestFiona, tempDir, type TestFiona } from './support/fiona.js';
import { generateInstance, generateStudy } from './support/generate.js';

describe('recovery at start', () => {
  let fiona: TestFiona | undefined;
  let child: ChildProcess | undefined;
  const dirs: string[] = [];
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await fiona?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('indexes whole orphans, moves torn ones aside and removes temporary files', async () => {
    const dataDir = tempDir();
    const whole = generateInstance({ studyUid: '1.2.3.70', seriesUid: '1.2.3.70.1', sopUid: '1.2.3.70.1.1', pixelBytes: 600_000 });
    const torn = generateInstance({ studyUid: '1.2.3.71', seriesUid: '1.2.3.71.1', sopUid: '1.2.3.71.1.1', pixelBytes: 600_000 });
    const wholePath = instancePath(dataDir, '1.2.3.70', '1.2.3.70.1', '1.2.3.70.1.1');
    const tornPath = instancePath(dataDir, '1.2.3.71', '1.2.3.71.1', '1.2.3.71.1.1');
    for (const [path, bytes] of [
      [wholePath, whole],
      [tornPath, torn.subarray(0, torn.length - 1000)],
    ] as const) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, bytes);
    }
    mkdirSync(join(dataDir, 'incoming'), { recursive: true });
    writeFileSync(join(dataDir, 'incoming', 'left-behind.part'), 'half an instance');

    fiona = await startTestFiona({}, dataDir);
    expect(await fiona.services.quarantine.getStudyView('1.2.3.70')).toMatchObject({ instanceCount: 1, seriesCount: 1 });
    expect(await fiona.services.quarantine.getStudyView('1.2.3.71')).toBeUndefined();
    expect(await fiona.services.quarantine.count()).toMatchObject({ instances: 1 });
    expect(existsSync(tornPath)).toBe(false);
    expect(readdirSync(join(dataDir, 'damaged'))).toHaveLength(1);
    expect(readdirSync(join(dataDir, 'incoming'))).toEqual([]);
  });

  it('loses no answered instance when killed after Success but before the index commit', { timeout: 120_000 }, async () => {
    const dataDir = tempDir('fiona-kill-');
    const source = tempDir('fiona-kill-src-');
    dirs.push(dataDir, source);
    const [httpPort, dicomPort] = [await findFreePort(), await findFreePort()];
    const env = { FIONA_DATA_DIR: dataDir, FIONA_HTTP_PORT: String(httpPort), FIONA_HTTP_HOST: '127.0.0.1', FIONA_DICOM_PORT: String(dicomPort), FIONA_DICOM_HOST: '127.0.0.1', FIONA_FORWARD_WORKERS: '0', FIONA_ADMIN_PASSWORD: 'recovery-test-password' };
    const study = generateStudy(join(source, 'study'), { count: 12, pixelBytes: 20_000, seriesCount: 2 });
    const send = (files: string[]) => runDcmtk('storescu', ['-aec', 'FIONA', '127.0.0.1', String(dicomPort), ...files], { timeoutMs: 60_000 });

    child = await spawnFionaServe({ ...env, FIONA_TEST_FAULT: 'hold-index' }, httpPort);
    const sent = await send(study.files);
    expect(sent.code, sent.stderr).toBe(0);
    // While the rows are pending, resends are still recognised: the same bytes change nothing, other bytes
    // under a held UID are kept apart as a conflict.
    const other = join(source, 'other.dcm');
    writeFileSync(other, generateInstance({ studyUid: study.studyUid, seriesUid: `${study.studyUid}.1`, sopUid: study.sopUids[0], pixelBytes: 30_000 }));
    const resent = await send([study.files[0], study.files[1], other]);
    expect(resent.code, resent.stderr).toBe(0);
    expect(readdirSync(join(dataDir, 'conflicts'))).toHaveLength(1);
    // Every instance was answered, none is in the index yet: the gap the kill falls into is real.
    const before = await runFiona(['studies', '--json'], env);
    expect(JSON.parse(before.stdout)).toEqual([]);

    const died = new Promise<NodeJS.Signals | null>((resolve) => child!.once('exit', (_code, signal) => resolve(signal)));
    child.kill('SIGKILL');
    expect(await died).toBe('SIGKILL');

    child = await spawnFionaServe(env, httpPort);
    const after = await runFiona(['studies', '--json'], env);
    const listed = JSON.parse(after.stdout) as Array<{ studyInstanceUid: string; instanceCount: number; seriesCount: number }>;
    expect(listed).toMatchObject([{ studyInstanceUid: study.studyUid, instanceCount: 12, seriesCount: 2 }]);
    const exited = new Promise((resolve) => child!.once('close', resolve));
    child.kill('SIGTERM');
    await exited;
  });
});
