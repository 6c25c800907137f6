// A real Orthanc (Debian package) as the research PACS: its own storage in a temp dir, free ports, no
// plugins, REST on localhost without authentication. TCP_NODELAY=1 as for every DCMTK tool (Orthanc's DICOM
// side is DCMTK, which leaves Nagle's algorithm on otherwise: each C-GET/C-MOVE sub-operation then waits
// on delayed acknowledgements, 3-4x slower here); `env` can say otherwise.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from './dcmtk.js';

export interface RunningOrthanc {
  aeTitle: string;
  dicomPort: number;
  httpPort: number;
  url: string;
  storageDir: string;
  /** The running process's id (benchmarks read its CPU time from /proc). */
  pid(): number | undefined;
  /** Stops the process; the storage stays until remove(). */
  stop(): Promise<void>;
  /** Kills the process at once (SIGKILL): open associations break, as when the PACS host fails. */
  kill(): Promise<void>;
  /** Starts it again on the same ports and storage (for "PACS was down" tests). */
  restart(): Promise<void>;
  remove(): Promise<void>;
  rest<T = unknown>(path: string, init?: RequestInit): Promise<T>;
}

export async function startOrthanc(options: { aeTitle?: string; acceptedTransferSyntaxes?: string[]; env?: Record<string, string>; modalities?: Record<string, [string, string, number]> } = {}): Promise<RunningOrthanc> {
  const storageDir = mkdtempSync(join(tmpdir(), 'fiona-orthanc-'));
  const aeTitle = options.aeTitle ?? 'ORTHANC';
  const dicomPort = await findFreePort();
  const httpPort = await findFreePort();
  const configFile = join(storageDir, 'orthanc.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      Name: 'fiona-test',
      StorageDirectory: join(storageDir, 'db'),
      IndexDirectory: join(storageDir, 'db'),
      DicomAet: aeTitle,
      DicomPort: dicomPort,
      HttpPort: httpPort,
      HttpBindAddress: '127.0.0.1',
      DicomBindAddress: '127.0.0.1',
      RemoteAccessAllowed: false,
      AuthenticationEnabled: false,
      DicomCheckCalledAet: true,
      UnknownSopClassAccepted: true,
      Plugins: [],
      StorageCompression: false,
      SaveJobs: false,
      DicomAlwaysAllowEcho: true,
      DicomAlwaysAllowStore: true,
      DicomAlwaysAllowFind: true,
      // C-GET without registering the caller as a modality (Fiona's DICOMweb reads through it).
      DicomAlwaysAllowGet: true,
      // Answer C-FIND with every match, for reconciliation.
      LimitFindResults: 0,
      LimitFindInstances: 0,
      ...(options.acceptedTransferSyntaxes ? { AcceptedTransferSyntaxes: options.acceptedTransferSyntaxes } : {}),
      // Peers Orthanc may C-MOVE to (AE title, host, port), by name.
      ...(options.modalities ? { DicomModalities: options.modalities } : {}),
    }),
  );
  const url = `http://127.0.0.1:${httpPort}`;
  let child: ReturnType<typeof spawn> | undefined;
  let output = '';

  const launch = async () => {
    output = '';
    child = spawn('Orthanc', [configFile], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TCP_NODELAY: '1', ...options.env } });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`Orthanc exited (${child.exitCode}): ${output.slice(-2000)}`);
      try {
        // Bounded: a port taken meanwhile by a peer that never answers HTTP must not stall the start.
        const res = await fetch(`${url}/system`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) return;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGKILL');
    throw new Error(`Orthanc did not start: ${output.slice(-2000)}`);
  };

  const stop = () =>
    new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null) return resolve();
      const timer = setTimeout(() => child?.kill('SIGKILL'), 10_000);
      child.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });

  const kill = () =>
    new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null) return resolve();
      child.once('close', () => resolve());
      child.kill('SIGKILL');
    });

  await launch();
  return {
    aeTitle,
    dicomPort,
    httpPort,
    url,
    storageDir,
    pid: () => child?.pid,
    stop,
    kill,
    restart: launch,
    remove: async () => {
      await stop();
      rmSync(storageDir, { recursive: true, force: true });
    },
    rest: async <T>(path: string, init?: RequestInit): Promise<T> => {
      const res = await fetch(`${url}${path}`, init);
      if (!res.ok) throw new Error(`Orthanc ${init?.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
      const type = res.headers.get('content-type') ?? '';
      return (type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer())) as T;
    },
  };
}
