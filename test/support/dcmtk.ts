// Spawning DCMTK tools as real peers in tests. TCP_NODELAY=1 is always set: Debian's DCMTK leaves Nagle on
// otherwise and every small message then waits ~40 ms for a delayed ACK.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';

export interface DcmtkResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export const DCMTK_ENV = { ...process.env, TCP_NODELAY: '1' };

/** A port that was free a moment ago (the OS picks it); prefer listening on 0 where the code allows it. */
function probePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = address && typeof address === 'object' ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Ports this process has handed out. The probe's port is free again the moment it closes, and the kernel may
 * offer it to the very next probe: two asks in a row (a peer's DICOM and HTTP port) once got the same port,
 * and Orthanc failed to bind its second listener in a fresh-clone run.
 */
const handedOut = new Set<number>();

/** A free port on 127.0.0.1, never one this process has handed out before. */
export async function findFreePort(): Promise<number> {
  for (;;) {
    const port = await probePort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

/** Runs a DCMTK tool to completion; on timeout the tool is killed and code is null. */
export function runDcmtk(tool: string, args: string[], opts: { timeoutMs?: number; cwd?: string } = {}): Promise<DcmtkResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env: DCMTK_ENV, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`peer exited with code ${child.exitCode} before listening`));
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve();
      });
      s.once('error', () => {
        s.destroy();
        if (Date.now() > deadline) reject(new Error(`peer did not listen on ${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

export interface StorescpOptions {
  aeTitle?: string;
  /** Store datasets bit for bit (+B), the oracle for byte comparisons. Default true. */
  bitPreserving?: boolean;
  maxPdu?: number;
  /** Accept every syntax including compressed ones (+xa). Default true. */
  acceptAll?: boolean;
  extraArgs?: string[];
}

export interface RunningStorescp {
  port: number;
  stop(): Promise<void>;
  output(): string;
}

/** Starts storescp writing into dir (which must exist); the port is found free just before. */
export async function startStorescp(dir: string, opts: StorescpOptions = {}): Promise<RunningStorescp> {
  const port = await findFreePort();
  const args = ['--aetitle', opts.aeTitle ?? 'STORESCP', '--output-directory', dir];
  if (opts.bitPreserving ?? true) args.push('+B');
  if (opts.acceptAll ?? true) args.push('+xa');
  if (opts.maxPdu) args.push('--max-pdu', String(opts.maxPdu));
  args.push(...(opts.extraArgs ?? []), String(port));
  const child = spawn('storescp', args, { env: DCMTK_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  await waitForPort(port, child, 10_000);
  return {
    port,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('close', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
