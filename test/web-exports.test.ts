// The Exports page in a real browser (Debian's chromium via playwright-core): a data manager is told why a
// layout is refused (focus goes back to it), previews the first paths, requests an export and follows it
// until the Download link appears, then has one delivered to the project's SFTP outbox (a real sshd) and
// sees it delivered; the study comes from a real Orthanc holding the project's data (its imaging record
// written directly, without forwarding). Screenshots go to test-artifacts/.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchChromium, newPage, shot, signInApi, signInPage } from './support/browser.js';
import { startTestFiona, tempDir, type TestFiona } from './support/fiona.js';
import { uniqueUid, writeStudy } from './support/forwarding.js';
import { startOrthanc, type RunningOrthanc } from './support/orthanc.js';
import { startSshd, type RunningSshd } from './support/sshd.js';

const ADMIN_PASSWORD = 'first start secret 44';
const PASSWORD = 'correct horse battery staple';
const PROJECT = 'WebExports';

describe('Exports page in chromium', () => {
  let fiona: TestFiona;
  let orthanc: RunningOrthanc;
  let sshd: RunningSshd;
  let browser: Browser;
  let base: string;
  const work = tempDir('fiona-web-exports-');

  beforeAll(async () => {
    process.env.FIONA_ADMIN_PASSWORD = ADMIN_PASSWORD;
    [orthanc, sshd] = await Promise.all([startOrthanc({ aeTitle: 'RESEARCH' }), startSshd()]);
    const repo = { host: sshd.host, port: sshd.port, username: sshd.username, privateKeyFile: sshd.clientKeyFile, hostKeySha256: sshd.hostKeySha256, remoteDir: sshd.remoteDir, projects: [PROJECT] };
    fiona = await startTestFiona({ 'forward.workers': 0, 'export.minFreeMegabytes': 1, 'export.outboxes': { repo } });
    base = `http://127.0.0.1:${fiona.httpPort()}`;
    const admin = await signInApi(base, 'admin', ADMIN_PASSWORD);
    const project = { name: PROJECT, participantPattern: 'P-\\d{3}', events: ['baseline'], destination: { aet: 'RESEARCH', host: '127.0.0.1', port: orthanc.dicomPort }, status: 'active' };
    expect((await admin('POST', '/api/projects', project)).status).toBe(201);
    expect((await admin('POST', '/api/users', { username: 'erin', password: PASSWORD })).status).toBe(201);
    expect((await admin('POST', `/api/projects/${PROJECT}/members`, { username: 'erin', role: 'data-manager' })).status).toBe(201);
    const studyUid = uniqueUid();
    for (const f of writeStudy(join(work, 'in'), { studyUid, series: [{ uid: `${studyUid}.1`, count: 2, number: 4 }] })) await orthanc.rest('/instances', { method: 'POST', body: readFileSync(f) });
    await fiona.db.kysely.insertInto('imaging_records').values({ project_name: PROJECT, research_study_uid: studyUid, participant_id: 'P-007', event_name: 'baseline', study_date: '20240101' }).execute();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await fiona?.close();
    await orthanc?.remove();
    await sshd?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('a data manager previews, exports and gets the download', async () => {
    const page = await newPage(browser, DESKTOP);
    await signInPage(page, base, 'erin', PASSWORD);
    await page.getByRole('link', { name: 'Exports' }).click();
    await page.getByRole('heading', { name: 'Exports', level: 1 }).waitFor();
    await expect.poll(() => page.getByLabel('Project').inputValue()).toBe(PROJECT);

    const layout = page.getByLabel('Layout');
    await layout.fill('../{participant}/{instanceNumber}.dcm');
    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('alert').filter({ hasText: 'may not contain . or ..' }).waitFor();
    await expect.poll(() => page.evaluate<string>("document.activeElement?.id ?? ''")).toBe(await layout.getAttribute('id'));

    await layout.fill('{participant}/{seriesNumber}/{instanceNumber:3}.dcm');
    await page.getByRole('button', { name: 'Preview paths' }).click();
    await page.getByText('P-007/4/001.dcm').waitFor();
    await page.getByText('P-007/4/002.dcm').waitFor();

    await page.getByRole('button', { name: 'Export' }).click();
    const download = page.getByRole('link', { name: 'Download' });
    await download.waitFor({ timeout: 60_000 });
    await shot(page, 'exports');
    const href = (await download.getAttribute('href'))!;
    const res = await page.request.get(`${base}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/zip');
    const erin = await signInApi(base, 'erin', PASSWORD);
    const [job] = (await erin('GET', '/api/exports')).json as Array<{ status: string; files: number }>;
    expect(job).toMatchObject({ status: 'done', files: 4 }); // two instances, manifest.json, SHA256SUMS
  });

  it('a data manager has an export delivered to the project\'s SFTP outbox and sees it delivered', async () => {
    const page = await newPage(browser, DESKTOP);
    await signInPage(page, base, 'erin', PASSWORD);
    await page.getByRole('link', { name: 'Exports' }).click();
    await page.getByRole('heading', { name: 'Exports', level: 1 }).waitFor();
    await page.getByLabel('Deliver to').selectOption('repo');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByText('Delivered to repo').waitFor({ timeout: 60_000 });
    await shot(page, 'exports-delivered');
    expect(readdirSync(sshd.remoteDir).filter((f) => f.endsWith('.zip'))).toHaveLength(1);
  });
});
