// Starts a real Fiona service in the test process (listener on a free port, HTTP on a free port, a temp
// data dir), or as a child process for crash tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { loadConfig, type FionaConfig } from '../../src/platform/config.js';
import { silentLogger } from '../../src/platform/logger.js';
import { startService, type Service } from '../../src/service.js';
import type { ComposeOptions } from '../../src/composition.js';
import { TEST_CONFIG, TEST_ENV } from './test-config.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export { TESTDATA } from './testdata.js';

export function tempDir(prefix = 'fiona-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface TestFiona extends Service {
  config: FionaConfig;
  dataDir: string;
  /** Stops the service and removes its data dir (unless keepData). */
  close(options?: { keepData?: boolean }): Promise<void>;
}

export async function startTestFiona(overrides: Record<string, unknown> = {}, givenDataDir?: string, options: ComposeOptions = {}): Promise<TestFiona> {
  const dataDir = givenDataDir ?? tempDir();
  const config = loadConfig({
    env: {},
    file: undefined,
    overrides: { dataDir, 'dicom.port': 0, 'dicom.host': '127.0.0.1', 'http.port': 0, 'http.host': '127.0.0.1', 'log.level': 'silent', 'arrival.quietSeconds': 1, ...TEST_CONFIG, ...overrides },
  });
  let service: Service;
  try {
    service = await startService(config, silentLogger, options);
  } catch (err) {
    if (!givenDataDir) rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    ...service,
    config,
    dataDir,
    close: async (options = {}) => {
      await service.stop();
      if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `node bin/fiona.js <args>` with the given environment, to completion. */
export function runFiona(args: string[], env: Record<string, string>, input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/fiona.js'), ...args], { env: { ...process.env, ...TEST_ENV, ...env }, cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/** `fiona serve` as a child process; resolves once /api/health answers 200. */
export async function spawnFionaServe(env: Record<string, string>, httpPort: number, timeoutMs = 30_000, nodeArgs: string[] = []): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...nodeArgs, join(REPO_ROOT, 'bin/fiona.js'), 'serve'], { env: { ...process.env, FIONA_LOG_LEVEL: 'warn', ...TEST_ENV, ...env }, cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`fiona serve exited (${child.exitCode}): ${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${httpPort}/api/health`);
      if (res.status === 200) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`fiona serve did not become healthy: ${output}`);
}
