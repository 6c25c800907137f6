// GET /api/studies at scale (issue 18 item 3): the Assign list's filters and keyset paging through the API,
// on PostgreSQL (the repository test runs both engines): every study exactly once across pages, newest
// first; filters combine; a malformed cursor is refused naming the parameter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase } from './support/databases.js';
import { projectBody, startApi, type Api } from './support/api.js';
import type { IndexRecord } from '../src/pipeline/quarantine/repository.js';

const STUDIES = 250;

function record(i: number): IndexRecord {
  const uid = `1.2.826.0.1.3680043.9.7433.3.${i}`;
  return {
    header: {
      sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
      sopInstanceUid: `${uid}.1.1`,
      studyInstanceUid: uid,
      seriesInstanceUid: `${uid}.1`,
      patient: { id: 'PAT', name: 'Doe^Jane' },
      study: { accessionNumber: `ACC-${i}`, description: i % 2 ? 'MR KNEE' : 'CT CHEST', stationName: i % 2 ? 'MRI-3T' : 'CT01', date: `2025${String((i % 12) + 1).padStart(2, '0')}15` },
      series: { modality: i % 2 ? 'MR' : 'CT', number: '1' },
    },
    transferSyntaxUid: '1.2.840.10008.1.2.1',
    path: `/q/${uid}.dcm`,
    sizeBytes: 1000,
    callingAet: 'MODALITY',
    sourceAddress: '127.0.0.1',
    // Pairs share a time, so the cursor's tie-break on the UID is exercised.
    receivedAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 2) * 60_000).toISOString(),
  };
}

type StudyJson = { studyInstanceUid: string; lastReceivedAt: string; accessionNumber: string; modalities: string[] };

describe('GET /api/studies: filters and pages in the database', () => {
  let api: Api;
  const list = async (query: string) => {
    const res = await api.admin.call('GET', `/api/studies?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as StudyJson[];
  };
  beforeAll(async () => {
    api = await startApi(createPostgresDatabase);
    await api.services.quarantine.index(Array.from({ length: STUDIES }, (_, i) => record(i)));
    expect((await api.admin.call('POST', '/api/projects', projectBody('LIST1'))).statusCode).toBe(201);
    expect((await api.admin.call('POST', `/api/studies/${record(7).header.studyInstanceUid}/assign`, { project: 'LIST1', participant: 'LIS-007', event: 'baseline' })).statusCode).toBe(202);
  }, 60_000);
  afterAll(async () => api?.close());

  it('pages newest first by cursor, each study once', async () => {
    const seen: StudyJson[] = [];
    let before = '';
    for (;;) {
      const page = await list(`limit=40${before ? `&before=${encodeURIComponent(before)}` : ''}`);
      seen.push(...page);
      if (page.length < 40) break;
      const last = page.at(-1)!;
      before = `${last.lastReceivedAt}|${last.studyInstanceUid}`;
    }
    expect(seen).toHaveLength(STUDIES);
    expect(new Set(seen.map((s) => s.studyInstanceUid)).size).toBe(STUDIES);
    for (let i = 1; i < seen.length; i++) expect(seen[i - 1].lastReceivedAt >= seen[i].lastReceivedAt).toBe(true);
    expect(seen[0].accessionNumber).toMatch(/^ACC-24[89]$/);
  });

  it('filters by accession, date range, modality, description, station and assignment', async () => {
    expect((await list('accession=ACC-42')).map((s) => s.accessionNumber)).toEqual(['ACC-42']);
    const mrJune = await list('modality=MR&dateFrom=20250601&dateTo=20250630&limit=500');
    expect(mrJune.length).toBeGreaterThan(0);
    expect(mrJune.every((s) => s.modalities.includes('MR') && Number(s.accessionNumber.slice(4)) % 12 === 5)).toBe(true);
    expect((await list('description=knee&station=ct01'))).toEqual([]);
    expect((await list('assigned=true')).map((s) => s.accessionNumber)).toEqual(['ACC-7']);
    expect(await list('assigned=false&limit=500')).toHaveLength(STUDIES - 1);
  });

  it('refuses a malformed cursor, naming it', async () => {
    const res = await api.admin.call('GET', '/api/studies?before=yesterday');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('before');
  });
});
