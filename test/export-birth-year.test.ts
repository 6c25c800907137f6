// Birth year in exports (issue 11 item 3) end to end with a real Orthanc and dcm2niix: a site admin approves
// a project (audited, with the approval's reference; owners may not); assignments to it keep the birth YEAR
// of the quarantine copy (never the date, never for a project without approval); what Orthanc holds never has
// a birth date; an export with the birthYear transform writes YYYY0101 into the DICOM and PatientBirthYear
// into the NIfTI sidecars and lists the transform in its manifest; a project without approval is refused
// (422, with the reason); a correction moves the kept year with the study; stopping the approval forgets
// the kept years.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetOffset } from '../src/dicom/meta.js';
import { textElement } from '../src/dicom/encode.js';
import { parseDicom } from '../src/dicom/parse.js';
import { findElement, findText } from '../src/dicom/values.js';
import { startTestFiona, tempDir, type TestFiona } from './support/fiona.js';
import { adminToken, apiCaller, projectFor, storescu, uniqueUid, until, waitForStudy, waitForTransfer } from './support/forwarding.js';
import { generateInstance } from './support/generate.js';
import { startOrthanc, type RunningOrthanc } from './support/orthanc.js';
import { readZip } from './support/zip.js';

let orthanc: RunningOrthanc;
let fiona: TestFiona;
let call: ReturnType<typeof apiCaller>;
let token: string;
let owner: ReturnType<typeof apiCaller>;
const work = tempDir('fiona-export-birth-');
const APPROVED = 'ByApproved';
const PLAIN = 'ByPlain';
const APPROVAL = 'REK 2026/4711 birth year';

// Three studies: P-001 (born 1958-06-23) and P-003 (no birth date) in the approved project, P-002 (born
// 1962-03-04) in the other one. Generated CT slices with geometry, so dcm2niix converts them.
const studies = [
  { uid: uniqueUid(), project: APPROVED, participant: 'P-001', birthDate: '19580623', count: 3 },
  { uid: uniqueUid(), project: PLAIN, participant: 'P-002', birthDate: '19620304', count: 2 },
  { uid: uniqueUid(), project: APPROVED, participant: 'P-003', birthDate: '', count: 2 },
];

function writeSeries(dir: string, s: (typeof studies)[number]): void {
  mkdirSync(dir, { recursive: true });
  for (let i = 1; i <= s.count; i++) {
    const extra = [textElement(0x00100030, 'DA', s.birthDate), textElement(0x00200032, 'DS', `0\\0\\${i * 2}`), textElement(0x00200037, 'DS', '1\\0\\0\\0\\1\\0'), textElement(0x00280030, 'DS', '1\\1'), textElement(0x00180050, 'DS', '2')];
    writeFileSync(join(dir, `${i}.dcm`), generateInstance({ studyUid: s.uid, seriesUid: `${s.uid}.1`, sopUid: `${s.uid}.1.${i}`, pixelBytes: 2048, seriesNumber: 1, instanceNumber: i, patientId: `SRC-${s.participant}`, extra }));
  }
}


/** PatientBirthDate of a Part-10 file: undefined when absent, '' when empty. */
function birthDateOf(file: Buffer): string | undefined {
  const parsed = parseDicom(file);
  if (!findElement(parsed.dataset, 0x00100030)) return undefined;
  return (findText(parsed.buffer, parsed.dataset, 0x00100030) ?? '').trim();
}

interface AuditRow { action: string; outcome: string; project: string | null; target: string | null; details: Record<string, unknown> | null }
const auditOf = async (project: string, action: string): Promise<AuditRow[]> =>
  ((await call('GET', `/api/audit?limit=1000&project=${project}`)).json() as AuditRow[]).filter((r) => r.action === action);

beforeAll(async () => {
  orthanc = await startOrthanc({ aeTitle: 'RESEARCH' });
  fiona = await startTestFiona({ 'forward.retryBaseSeconds': 0.5, 'forward.retryMaxSeconds': 2, 'forward.reconcileMinutes': 0, 'export.minFreeMegabytes': 1, 'researchPacs.orthancRest': { RESEARCH: orthanc.url } });
  token = await adminToken(fiona);
  call = apiCaller(fiona, token);
  for (const name of [APPROVED, PLAIN]) expect((await call('POST', '/api/projects', projectFor(orthanc, name))).statusCode).toBe(201);
  const system = { userId: null, username: 'test', via: 'system' as const };
  await fiona.services.auth.createUser({ username: 'owner1', password: 'correct horse battery staple', isAdmin: false }, system);
  owner = apiCaller(fiona, (await fiona.services.auth.createToken('owner1', 'tests', system)).secret);
  for (const name of [APPROVED, PLAIN]) expect((await call('POST', `/api/projects/${name}/members`, { username: 'owner1', role: 'owner' })).statusCode).toBe(201);
  // The approval comes before the studies are assigned: years are kept at assignment.
  expect((await call('PUT', `/api/projects/${APPROVED}/birth-year-export`, { enabled: true, approval: APPROVAL })).statusCode).toBe(200);
  for (const s of studies) writeSeries(join(work, s.participant), s);
  await storescu(fiona.dicomPort(), studies.map((s) => join(work, s.participant)));
  for (const s of studies) await waitForStudy(fiona, s.uid, s.count, false);
  for (const s of studies) expect((await call('POST', `/api/studies/${s.uid}/assign`, { project: s.project, participant: s.participant, event: 'baseline' })).statusCode).toBe(202);
  for (const s of studies) await waitForTransfer(call, s.uid, 'done', undefined, 120_000);
}, 300_000);

afterAll(async () => {
  await fiona?.close();
  await orthanc?.remove();
  rmSync(work, { recursive: true, force: true });
});

describe('the project option', () => {
  it('is set by a site admin only, with the approval reference, and audited', async () => {
    const byOwner = await owner('PUT', `/api/projects/${PLAIN}/birth-year-export`, { enabled: true, approval: 'REK 1' });
    expect(byOwner.statusCode).toBe(403);
    const noReference = await call('PUT', `/api/projects/${PLAIN}/birth-year-export`, { enabled: true });
    expect(noReference.statusCode).toBe(422);
    expect(noReference.json()).toMatchObject({ field: 'approval' });
    expect(noReference.json().error).toMatch(/approval/);
    const project = (await call('GET', `/api/projects/${APPROVED}`)).json();
    expect(project.birthYearInExport).toMatchObject({ approval: APPROVAL, setBy: 'admin' });
    expect((await call('GET', `/api/projects/${PLAIN}`)).json().birthYearInExport).toBeNull();
    const rows = await auditOf(APPROVED, 'project.birth-year-export');
    expect(rows).toHaveLength(1);
    expect(rows[0].details).toMatchObject({ enabled: true, approval: APPROVAL });
    expect(await auditOf(PLAIN, 'project.birth-year-export')).toHaveLength(0);
  });
});

describe('at assignment', () => {
  it('keeps only the birth year, only for the approved project, and audits it without the value', async () => {
    const rows = await fiona.db.kysely.selectFrom('participants').selectAll().orderBy('participant_id').execute();
    const year = (id: string) => rows.find((r) => r.participant_id === id)?.birth_year;
    expect(year('P-001')).toBe(1958);
    expect(year('P-002')).toBeNull(); // not approved: nothing kept
    expect(year('P-003')).toBeNull(); // no birth date in the study
    // Nothing anywhere in the participants or projects rows is a birth date.
    const stored = JSON.stringify([rows, await fiona.db.kysely.selectFrom('projects').selectAll().execute()]);
    for (const s of studies.filter((x) => x.birthDate)) expect(stored).not.toContain(s.birthDate);
    const audit = await auditOf(APPROVED, 'participant.birth-year');
    expect(audit.map((r) => [r.target, r.details?.outcome]).sort()).toEqual([['P-001', 'stored'], ['P-003', 'absent']]);
    expect(JSON.stringify(audit)).not.toContain('1958');
    expect(await auditOf(PLAIN, 'participant.birth-year')).toHaveLength(0);
    // The project's trail in words says it too (for a data protection officer).
    const trail = ((await call('GET', `/api/projects/${APPROVED}/trail`)).json() as Array<{ text: string }>).map((l) => l.text);
    expect(trail).toContain(`allowed birth years in the project's exports (approval ${APPROVAL})`);
    expect(trail.some((t) => t.startsWith('kept the birth year of participant P-001'))).toBe(true);
  });

  it('the de-identified data in Orthanc has no birth date', async () => {
    const ids = await orthanc.rest<string[]>('/instances');
    expect(ids).toHaveLength(studies.reduce((n, s) => n + s.count, 0));
    for (const id of ids) {
      const birth = birthDateOf(await orthanc.rest<Buffer>(`/instances/${id}/file`));
      expect(birth === undefined || birth === '').toBe(true);
    }
  });
});

describe('the birthYear export transform', () => {
  it('writes the year into the DICOM and the NIfTI sidecars of an approved project, and lists it in the manifest', async () => {
    const res = await call('POST', `/api/projects/${APPROVED}/exports`, { format: 'both', layout: '{participant}/{modality}/{instanceNumber:3}.dcm', transforms: { birthYear: true } });
    expect(res.statusCode, res.body).toBe(202);
    const id = res.json().id as string;
    const job = await until(`export ${id} ends`, async () => {
      const j = (await call('GET', `/api/exports/${id}`)).json();
      return j.status === 'done' || j.status === 'failed' ? j : undefined;
    }, 60_000, 200);
    expect(job.status, job.error ?? '').toBe('done');
    const entries = await readZip((await fiona.http.inject({ method: 'GET', url: `/api/exports/${id}/download`, headers: { authorization: `Bearer ${token}` } })).rawPayload);
    const dicom = [...entries.keys()].filter((p) => p.endsWith('.dcm')).sort();
    expect(dicom).toEqual(['P-001/CT/001.dcm', 'P-001/CT/002.dcm', 'P-001/CT/003.dcm', 'P-003/CT/001.dcm', 'P-003/CT/002.dcm']);
    const sopOf = (b: Buffer) => {
      const parsed = parseDicom(b);
      return findText(parsed.buffer, parsed.dataset, 0x00080018)!.trim();
    };
    const held = new Map<string, Buffer>();
    for (const oid of await orthanc.rest<string[]>('/instances')) {
      const file = await orthanc.rest<Buffer>(`/instances/${oid}/file`);
      held.set(sopOf(file), file);
    }
    // The dataset without its PatientBirthDate element.
    const withoutBirthDate = (b: Buffer) => {
      const parsed = parseDicom(b);
      const el = findElement(parsed.dataset, 0x00100030)!;
      return Buffer.concat([parsed.buffer.subarray(datasetOffset(b), el.start), parsed.buffer.subarray(el.end)]);
    };
    for (const p of dicom) {
      const file = entries.get(p)!;
      expect(birthDateOf(file), p).toBe(p.startsWith('P-001/') ? '19580101' : '');
      // Everything else is what Orthanc holds: the same instance with only PatientBirthDate changed.
      const theirs = held.get(sopOf(file));
      expect(theirs, p).toBeDefined();
      expect(withoutBirthDate(file).equals(withoutBirthDate(theirs!)), p).toBe(true);
    }
    const sidecars = [...entries.keys()].filter((p) => p.endsWith('.json') && p !== 'manifest.json').sort();
    expect(sidecars.map((p) => p.split('/')[0])).toEqual(['P-001', 'P-003']);
    for (const p of sidecars) {
      const sidecar = JSON.parse(entries.get(p)!.toString());
      if (p.startsWith('P-001/')) expect(sidecar.PatientBirthYear).toBe(1958);
      else expect(sidecar).not.toHaveProperty('PatientBirthYear');
      expect(sidecar).not.toHaveProperty('PatientBirthDate');
    }
    const manifest = JSON.parse(entries.get('manifest.json')!.toString());
    expect(manifest.transforms).toEqual({ birthYear: true });
    expect(manifest.birthYear.participantsWithoutYear).toEqual(['P-003']);
    const created = (await auditOf(APPROVED, 'export.create')).find((r) => r.target === id);
    expect(created?.details).toMatchObject({ transforms: { birthYear: true } });
  });

  it('is refused, with the reason, for a project without approval (request, preview, saved layout)', async () => {
    for (const url of [`/api/projects/${PLAIN}/exports`, `/api/projects/${PLAIN}/exports/preview`]) {
      const res = await call('POST', url, { format: 'zip', transforms: { birthYear: true } });
      expect(res.statusCode, url).toBe(422);
      expect(res.json().field).toBe('transforms.birthYear');
      expect(res.json().error).toMatch(/ByPlain is not approved to export birth years/);
    }
    const layout = await call('POST', `/api/projects/${PLAIN}/export-layouts`, { template: '{participant}/{instanceNumber}.dcm', transforms: { birthYear: true } });
    expect(layout.statusCode).toBe(422);
    // The same request without the transform is accepted.
    expect((await call('POST', `/api/projects/${PLAIN}/exports/preview`, { format: 'zip' })).statusCode).toBe(200);
  });

  it('a correction forgets the year kept for the participant the study is taken from, and keeps it for the new one', async () => {
    const study = studies[0];
    const asked = await owner('POST', `/api/projects/${APPROVED}/corrections`, { studyInstanceUid: study.uid, participant: 'P-004', reason: 'wrong participant' });
    expect(asked.statusCode, asked.body).toBe(201);
    const approved = await call('POST', `/api/corrections/${asked.json().id}/approve`, { reason: 'checked' });
    expect(approved.statusCode, approved.body).toBe(200);
    const rows = await fiona.db.kysely.selectFrom('participants').select(['participant_id', 'birth_year']).where('project_name', '=', APPROVED).orderBy('participant_id').execute();
    expect(rows.map((r) => [r.participant_id, r.birth_year])).toEqual([['P-001', null], ['P-003', null], ['P-004', 1958]]);
    const audit = await auditOf(APPROVED, 'participant.birth-year');
    expect(audit.filter((r) => r.target === 'P-001').map((r) => r.details?.outcome).sort()).toEqual(['forgotten', 'stored']);
    expect(audit.find((r) => r.target === 'P-004')?.details?.outcome).toBe('stored');
  });

  it('stopping the approval forgets the kept years and refuses the transform again', async () => {
    const res = await call('PUT', `/api/projects/${APPROVED}/birth-year-export`, { enabled: false });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().birthYearInExport).toBeNull();
    const kept = await fiona.db.kysely.selectFrom('participants').select('birth_year').where('project_name', '=', APPROVED).where('birth_year', 'is not', null).execute();
    expect(kept).toHaveLength(0);
    const last = (await auditOf(APPROVED, 'project.birth-year-export')).find((r) => r.details?.enabled === false);
    expect(last?.details).toMatchObject({ enabled: false, previous: APPROVAL, birthYearsForgotten: 1 });
    expect((await call('POST', `/api/projects/${APPROVED}/exports/preview`, { format: 'zip', transforms: { birthYear: true } })).statusCode).toBe(422);
  });
});
