// Data at rest (issue 12, item 10): the data dir is its owner's alone (folders 0700, files 0600: received
// instances, the SQLite database and its journals), or also its group's with storage.groupReadable (0750,
// 0640); start-up tightens a data dir made before, and `fiona doctor` names anything readable by more.
import { chmodSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDcmtk } from './support/dcmtk.js';
import { runFiona, startTestFiona, tempDir } from './support/fiona.js';
import { generateStudy } from './support/generate.js';

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

/** Every file and folder below `dir`, with its mode. */
function modes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    out.set(path, mode(path));
  }
  return out;
}

describe('data at rest', () => {
  const work = tempDir();
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const ports = { FIONA_DICOM_PORT: '0', FIONA_HTTP_PORT: '0' };

  it('keeps received instances, the database and the data dir readable by the owner only, and doctor says so', async () => {
    const dataDir = join(work, 'owner-only');
    // A data dir left open by an earlier version.
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const { files } = generateStudy(join(work, 'study'), { count: 3, pixelBytes: 2_000 });
    const fiona = await startTestFiona({}, dataDir);
    try {
      const sent = await runDcmtk('storescu', ['-aec', 'FIONA', '127.0.0.1', String(fiona.dicomPort()), ...files], { timeoutMs: 60_000 });
      expect(sent.code, sent.stderr).toBe(0);
    } finally {
      await fiona.close({ keepData: true });
    }
    expect(mode(dataDir)).toBe('700');
    const all = modes(dataDir);
    const received = [...all.keys()].filter((p) => p.endsWith('.dcm'));
    expect(received).toHaveLength(3);
    expect(all.get(join(dataDir, 'fiona.sqlite'))).toBe('600');
    for (const [path, m] of all) expect(m, path).toBe(statSync(path).isDirectory() ? '700' : '600');

    const doctor = await runFiona(['doctor'], { FIONA_DATA_DIR: dataDir, ...ports });
    expect(doctor.stdout).toMatch(/ok {4}permissions: \d+ files and folders readable by its owner only/);
    // One file opened up by hand: doctor names it and fails.
    chmodSync(received[0], 0o644);
    const bad = await runFiona(['doctor'], { FIONA_DATA_DIR: dataDir, ...ports });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`FAIL  permissions: 1 of`);
    expect(bad.stdout).toContain(`${received[0]} is 0644, should be at most 0600`);
    expect(bad.stdout).toContain(`chmod -R go-rwx ${dataDir}`);
  }, 120_000);

  it('lets the group read with storage.groupReadable: folders 0750, files 0640', async () => {
    const dataDir = join(work, 'group');
    const migrate = await runFiona(['migrate'], { FIONA_DATA_DIR: dataDir, FIONA_STORAGE_GROUP_READABLE: 'true' });
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(mode(dataDir)).toBe('750');
    expect(mode(join(dataDir, 'fiona.sqlite'))).toBe('640');
    const doctor = await runFiona(['doctor'], { FIONA_DATA_DIR: dataDir, FIONA_STORAGE_GROUP_READABLE: 'true', ...ports });
    expect(doctor.stdout).toMatch(/ok {4}permissions: .* readable by its owner and group only \(folders 750, files 640\)/);
    // The same dir is too open for an owner-only setting.
    const strict = await runFiona(['doctor'], { FIONA_DATA_DIR: dataDir, ...ports });
    expect(strict.stdout).toMatch(/FAIL {2}permissions: .* is 0750, should be at most 0700/);
  }, 120_000);
});
