// Helpers for routing/forwarding tests: a Fiona with an API token, a project pointing at a test Orthanc,
// sending with storescu, waiting for transfers, and reading back what Orthanc holds.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { runDcmtk } from './dcmtk.js';
import type { TestFiona } from './fiona.js';
import { generateInstance } from './generate.js';
import type { RunningOrthanc } from './orthanc.js';

export interface TransferJson {
  id: string;
  studyInstanceUid: string;
  project: string;
  participant: string;
  event: string;
  status: string;
  instancesToSend: number;
  instancesSent: number;
  instancesConfirmed: number;
  instancesRefused: number;
  attempts: number;
  error: string | null;
}

export async function adminToken(fiona: TestFiona): Promise<string> {
  return (await fiona.services.auth.createToken('admin', 'tests', { userId: null, username: 'test', via: 'system' })).secret;
}

export function apiCaller(fiona: TestFiona, token: string) {
  return (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown, contentType?: string): Promise<LightMyRequestResponse> =>
    fiona.http.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, ...(contentType ? { 'content-type': contentType } : {}) },
      ...(payload === undefined ? {} : { payload: payload as string }),
    });
}

export function projectFor(orthanc: RunningOrthanc, name: string, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    participantPattern: 'P-\\d{3}',
    events: ['baseline', 'followup'],
    destination: { aet: orthanc.aeTitle, host: '127.0.0.1', port: orthanc.dicomPort },
    status: 'active',
    ...changes,
  };
}

export async function storescu(port: number, paths: string[], aet = 'FIONA'): Promise<void> {
  const result = await runDcmtk('storescu', ['-aec', aet, '-aet', 'MODALITY', '+sd', '+r', '127.0.0.1', String(port), ...paths], { timeoutMs: 300_000 });
  if (result.code !== 0) throw new Error(`storescu failed: ${result.stderr.slice(-1000)}`);
}

export async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 60_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
}

export async function waitForStudy(fiona: TestFiona, uid: string, instances: number, arrived = true): Promise<void> {
  await until(`study ${uid} with ${instances} instances`, async () => {
    const s = await fiona.services.quarantine.getStudyView(uid);
    return !!s && s.instanceCount === instances && (!arrived || s.arrivedAt !== null);
  });
}

export async function transferOf(call: ReturnType<typeof apiCaller>, studyUid: string): Promise<TransferJson | undefined> {
  const res = await call('GET', `/api/transfers?studyInstanceUid=${encodeURIComponent(studyUid)}`);
  expect(res.statusCode).toBe(200);
  return (res.json() as TransferJson[])[0];
}

export async function waitForTransfer(call: ReturnType<typeof apiCaller>, studyUid: string, status: string, check: (t: TransferJson) => boolean = () => true, timeoutMs = 90_000): Promise<TransferJson> {
  return until(`transfer of ${studyUid} to be ${status}`, async () => {
    const t = await transferOf(call, studyUid);
    return t && t.status === status && check(t) ? t : undefined;
  }, timeoutMs);
}

/** Writes generated instances (small CT) with the given identity into dir. */
export function writeStudy(dir: string, spec: { studyUid: string; series: Array<{ uid: string; count: number; number: number }>; accessionNumber?: string; studyDate?: string; patientId?: string; patientName?: string; pixelBytes?: number }): string[] {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const s of spec.series) {
    for (let i = 1; i <= s.count; i++) {
      const file = join(dir, `${s.number}-${i}.dcm`);
      writeFileSync(file, generateInstance({ studyUid: spec.studyUid, seriesUid: s.uid, sopUid: `${s.uid}.${i}`, pixelBytes: spec.pixelBytes ?? 2048, accessionNumber: spec.accessionNumber, studyDate: spec.studyDate, patientId: spec.patientId, patientName: spec.patientName, seriesNumber: s.number, instanceNumber: i }));
      files.push(file);
    }
  }
  return files;
}

export interface OrthancStudy {
  ID: string;
  MainDicomTags: Record<string, string>;
  PatientMainDicomTags: Record<string, string>;
  Series: string[];
}

export async function orthancStudies(orthanc: RunningOrthanc): Promise<OrthancStudy[]> {
  return orthanc.rest<OrthancStudy[]>('/studies?expand');
}

export async function orthancStudy(orthanc: RunningOrthanc, studyUid: string): Promise<OrthancStudy | undefined> {
  return (await orthancStudies(orthanc)).find((s) => s.MainDicomTags.StudyInstanceUID === studyUid);
}

export async function orthancInstanceCount(orthanc: RunningOrthanc, study: OrthancStudy): Promise<number> {
  return (await orthanc.rest<unknown[]>(`/studies/${study.ID}/instances`)).length;
}

export function uniqueUid(): string {
  return `1.2.826.0.1.3680043.9.7433.2.${Date.now()}${Math.floor(Math.random() * 1e6)}`;
}
