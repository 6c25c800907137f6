// The command line as an operator meets it: doctor, migrate and studies on a fresh data dir.
import { execFile } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreePort } from './support/dcmtk.js';
import { REPO_ROOT, runFiona, tempDir } from './support/fiona.js';

describe('fiona command line', () => {
  const dataDir = tempDir();
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('runs the compiled build, and --help loads nothing but the command table', async () => {
    // A module hook lists every module the command loads (the test's global setup built dist/server).
    const hooks = `export async function load(url, context, next) { if (url.startsWith('file:')) process.stderr.write('loaded ' + url + '\\n'); return next(url, context); }`;
    const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`;
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      execFile(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, 'bin/fiona.js', '--help'], { cwd: REPO_ROOT }, (err, stdout, stderr) =>
        err && typeof err.code !== 'number' ? reject(err) : resolve({ code: err ? Number(err.code) : 0, stdout, stderr }),
      );
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Usage: fiona/);
    expect(result.stdout).toMatch(/serve/);
    const loaded = [...result.stderr.matchAll(/^loaded file:\/\/(.*)$/gm)].map((m) => relative(REPO_ROOT, m[1]));
    // The compiled command table and a few small shared pieces; no TypeScript compiler, no package, not the server.
    expect(loaded.slice(0, 2)).toEqual(['bin/fiona.js', 'dist/server/main.js']);
    expect(loaded.filter((f) => !f.startsWith('dist/server/') && f !== 'bin/fiona.js')).toEqual([]);
    const bytes = loaded.reduce((sum, f) => sum + statSync(join(REPO_ROOT, f)).size, 0);
    const server = readdirSync(join(REPO_ROOT, 'dist/server')).filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + statSync(join(REPO_ROOT, 'dist/server', f)).size, 0);
    expect(bytes).toBeLessThan(server / 10);
  });

  it('doctor reports a healthy installation and exits 0', async () => {
    const env = { FIONA_DATA_DIR: dataDir, FIONA_DICOM_PORT: String(await findFreePort()), FIONA_HTTP_PORT: String(await findFreePort()) };
    const result = await runFiona(['doctor'], env);
    expect(result.stdout).toMatch(/ok {4}configuration/);
    expect(result.stdout).toMatch(/ok {4}storage: .* writable/);
    expect(result.stdout).toMatch(/ok {4}database: sqlite:/);
    expect(result.stdout).toMatch(/ok {4}storage: .* GiB free \(\d+\.\d %\)/);
    expect(result.stdout).toMatch(/ok {4}quarantine: empty/);
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });

  it('doctor names the bad key, and a port that is taken', async () => {
    const bad = await runFiona(['doctor'], { FIONA_DATA_DIR: dataDir, FIONA_DICOM_PORT: 'eleven' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/FAIL {2}configuration: .*dicom\.port \(FIONA_DICOM_PORT\)/);

    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const taken = await runFiona(['doctor'], { FIONA_DATA_DIR: dataDir, FIONA_DICOM_PORT: String(port), FIONA_HTTP_PORT: String(await findFreePort()) });
      expect(taken.code).toBe(1);
      expect(taken.stdout).toMatch(new RegExp(`FAIL {2}dicom port: ${port} is in use`));
    } finally {
      blocker.close();
    }
  });

  it('serve refuses to start with a clear message when the configuration is bad', async () => {
    const result = await runFiona(['serve'], { FIONA_DATA_DIR: dataDir, FIONA_HTTP_PORT: '99999' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/http\.port \(FIONA_HTTP_PORT\)/);
  });

  it('migrate and studies work on an empty installation', async () => {
    const migrate = await runFiona(['migrate'], { FIONA_DATA_DIR: dataDir });
    expect(migrate.code, migrate.stderr).toBe(0);
    const studies = await runFiona(['studies', '--json'], { FIONA_DATA_DIR: dataDir });
    expect(studies.code).toBe(0);
    expect(JSON.parse(studies.stdout)).toEqual([]);
  });
});
