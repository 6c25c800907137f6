// The dry run (issue 10) through the HTTP API on SQLite and PostgreSQL: a quarantine study de-identified for a
// project without sending, per tag before and after. Before-values go to a data manager (and admins) only;
// viewers and data entry get 403. The source's patient name appears only in the before column. Every run is
// audited without values, and a project's first release waits for one.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from './support/databases.js';
import { projectBody, startApi, type Api, type Caller } from './support/api.js';
import { instance, STUDY_UID, t } from './deid-fixtures.js';
import type { IndexRecord } from '../src/pipeline/quarantine/repository.js';

const PROJECT = 'DRYRUN';
const SOP_UID = '1.2.826.0.1.3680043.2.1125.1.1.10.101';
const SERIES_UID = '1.2.826.0.1.3680043.2.1125.1.1.10';

interface Tag {
  path: string;
  name: string;
  before: string | null;
  after: string | null;
  action: string;
}

describe.each(engines)('dry run on $engine', ({ create }) => {
  let api: Api;
  let dana: Caller;
  let vic: Caller;
  let eddie: Caller;
  const dir = mkdtempSync(join(tmpdir(), 'fiona-dry-run-'));
  const body = { studyInstanceUid: STUDY_UID, participant: 'DRY-001', event: 'baseline' };

  beforeAll(async () => {
    api = await startApi(create);
    expect((await api.admin.call('POST', '/api/projects', projectBody(PROJECT))).statusCode).toBe(201);
    [dana, vic, eddie] = await Promise.all([api.user('dana'), api.user('vic'), api.user('eddie')]);
    for (const [who, role] of [[dana, 'data-manager'], [vic, 'viewer'], [eddie, 'data-entry']] as const) {
      expect((await api.admin.call('POST', `/api/projects/${PROJECT}/members`, { username: who.username, role })).statusCode).toBe(201);
    }
    // One CT instance in the quarantine, indexed as the receive stage would after storing it.
    const path = join(dir, 'ct.dcm');
    const bytes = instance([t(0x00100030, 'DA', '19700101'), t(0x00081030, 'LO', 'Head CT for Jane Doe'), t(0x00080020, 'DA', '20240312')]);
    writeFileSync(path, bytes);
    await api.services.quarantine.index([
      {
        header: { sopClassUid: '1.2.840.10008.5.1.4.1.1.2', sopInstanceUid: SOP_UID, studyInstanceUid: STUDY_UID, seriesInstanceUid: SERIES_UID, patient: { name: 'Doe^Jane', id: 'PAT001' }, study: {}, series: { modality: 'CT' } },
        transferSyntaxUid: '1.2.840.10008.1.2.1',
        path,
        sizeBytes: bytes.length,
        callingAet: 'MODALITY',
        sourceAddress: '127.0.0.1',
        receivedAt: new Date().toISOString(),
      } as IndexRecord,
    ]);
  });
  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses the first release before a dry run, saying what to do', async () => {
    const held = await api.admin.call('POST', `/api/projects/${PROJECT}/status`, { status: 'active' });
    expect(held.statusCode).toBe(409);
    expect(held.json().error).toContain('run a dry run of one study first');
    expect((await api.admin.call('GET', `/api/projects/${PROJECT}`)).json().status).toBe('development');
  });

  it('is refused to viewers and data entry (403), and checks the participant against the pattern', async () => {
    expect((await vic.call('POST', `/api/projects/${PROJECT}/dry-run`, body)).statusCode).toBe(403);
    expect((await eddie.call('POST', `/api/projects/${PROJECT}/dry-run`, body)).statusCode).toBe(403);
    const bad = await dana.call('POST', `/api/projects/${PROJECT}/dry-run`, { ...body, participant: 'Jane' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().field).toBe('participant');
    expect((await dana.call('POST', `/api/projects/${PROJECT}/dry-run`, { ...body, studyInstanceUid: '1.2.3.4' })).statusCode).toBe(404);
    // None of these refusals counts as a dry run.
    expect((await api.admin.call('GET', `/api/audit?action=deid.dry-run`)).json()).toEqual([]);
  });

  it('shows a data manager each tag before and after; the patient name only before', async () => {
    const res = await dana.call('POST', `/api/projects/${PROJECT}/dry-run`, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toContain('no-store');
    const answer = res.json();
    expect(answer).toMatchObject({ project: PROJECT, studyInstanceUid: STUDY_UID, instancesInStudy: 1, instanceCap: 20 });
    expect(answer.instances).toHaveLength(1);
    const [one] = answer.instances;
    expect(one.verdict).toEqual({ kind: 'clean' });
    const byName = new Map<string, Tag>((one.tags as Tag[]).map((tag) => [tag.name, tag]));
    const name = byName.get('PatientName')!;
    expect(name.before).toBe('Doe^Jane');
    expect(name.after).not.toContain('Doe');
    expect(name.after).toBe('DRY-001');
    expect(['replaced', 'emptied']).toContain(name.action);
    expect(byName.get('PatientBirthDate')).toMatchObject({ before: '19700101' });
    expect(byName.get('StudyDate')!.after).not.toBe('20240312');
    // No after-value anywhere carries the source's identifying values.
    for (const tag of one.tags as Tag[]) {
      for (const value of ['Doe', 'Jane', 'PAT001', '19700101']) expect(tag.after ?? '', tag.path).not.toContain(value);
    }
    const description = byName.get('StudyDescription')!;
    expect(description.before).toBe('Head CT for Jane Doe');
    expect(['removed', 'emptied', 'replaced']).toContain(description.action);
    // The admin sees the same (site admins review every project).
    expect((await api.admin.call('POST', `/api/projects/${PROJECT}/dry-run`, body)).statusCode).toBe(200);
    // With the study UID alone, an unassigned study is refused, naming what is missing.
    const bare = await api.admin.call('POST', `/api/projects/${PROJECT}/dry-run`, { studyInstanceUid: STUDY_UID });
    expect(bare.statusCode, bare.body).toBe(422);
    expect(bare.body).toMatch(/participant: .*not assigned/);
  });

  it('audits each run without identifying values', async () => {
    const rows = (await api.admin.call('GET', `/api/audit?action=deid.dry-run`)).json() as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'deid.dry-run', project: PROJECT, target: STUDY_UID })]));
    const text = JSON.stringify(rows);
    expect(text).toContain('dana');
    for (const value of ['Doe', 'Jane', 'PAT001', '19700101']) expect(text).not.toContain(value);
  });

  it('lets the project go active after the dry run', async () => {
    const ok = await api.admin.call('POST', `/api/projects/${PROJECT}/status`, { status: 'active' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await api.admin.call('GET', `/api/projects/${PROJECT}`)).json().status).toBe('active');
  });

  it('takes the participant and event of the study\'s assignment when the request names only the study', async () => {
    const assigned = await api.admin.call('POST', `/api/studies/${STUDY_UID}/assign`, { project: PROJECT, participant: 'DRY-002', event: 'baseline' });
    expect(assigned.statusCode, assigned.body).toBeLessThan(300);
    const res = await dana.call('POST', `/api/projects/${PROJECT}/dry-run`, { studyInstanceUid: STUDY_UID });
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json() as { participant: string; event: string; instances: Array<{ tags: Array<{ name: string; after: string | null }> }> };
    expect(answer).toMatchObject({ participant: 'DRY-002', event: 'baseline' });
    expect(answer.instances[0].tags.find((tag) => tag.name === 'PatientName')?.after).toBe('DRY-002');
  });
});
