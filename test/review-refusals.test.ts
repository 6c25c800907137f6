// Refusals a person can act on (issue 10 item 3) end to end with real peers: a study of three instances goes
// in with storescu; one is clean and reaches a real Orthanc, one carries the patient's name in a private tag
// the project allow-lists, one the patient ID in ManufacturerModelName. The verifier refuses those two; the
// transfer waits for review; the Review page (chromium) lists them per study with tag path and reason and never
// the value; a viewer gets 403 on every decision. The data manager takes the private tag off the allow-list and
// excludes the other instance on the page, resends, and the first arrives in Orthanc without the private tag;
// every decision is audited. Then the Dry run page: a data manager sees the before-values, a viewer is refused.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textElement } from '../src/dicom/encode.js';
import { DESKTOP, launchChromium, newPage, shot, signInApi, signInPage } from './support/browser.js';
import { startTestFiona, tempDir, type TestFiona } from './support/fiona.js';
import { startOrthanc, type RunningOrthanc } from './support/orthanc.js';
import { adminToken, apiCaller, orthancInstanceCount, orthancStudies, projectFor, storescu, uniqueUid, waitForStudy, waitForTransfer } from './support/forwarding.js';
import { generateInstance } from './support/generate.js';

const PROJECT = 'RefuseMain';
const PASSWORD = 'correct horse battery staple';
const ADMIN_PASSWORD = 'first start secret 45';
const PRIVATE_TAG = '0029,ACME NOTES,10';
const STUDY = uniqueUid();
const SERIES = `${STUDY}.1`;
const [CLEAN, PRIVATE, MODEL] = [`${SERIES}.1`, `${SERIES}.2`, `${SERIES}.3`];
/** A presentation state, which the project drops (dropPresentationStates): excluded, never a refusal. */
const STATE = `${STUDY}.2.1`;

interface RefusalJson {
  id: string;
  sopInstanceUid: string;
  code: string;
  reason: string;
  places: Array<{ tagPath: string; privateTag: string | null }>;
  status: string;
  decidedBy: string | null;
}
interface RefusalsJson {
  open: number;
  studies: Array<{ studyInstanceUid: string; participant: string | null; transferStatus: string | null; open: number; refusals: RefusalJson[] }>;
}

let orthanc: RunningOrthanc;
let fiona: TestFiona;
let browser: Browser;
let base: string;
let call: ReturnType<typeof apiCaller>;
const work = tempDir('fiona-refusals-');

beforeAll(async () => {
  process.env.FIONA_ADMIN_PASSWORD = ADMIN_PASSWORD;
  [orthanc, browser] = await Promise.all([startOrthanc({ aeTitle: 'RESEARCH' }), launchChromium()]);
  fiona = await startTestFiona({ 'forward.retryBaseSeconds': 0.5, 'forward.retryMaxSeconds': 2, 'forward.reconcileMinutes': 0 });
  base = `http://127.0.0.1:${fiona.httpPort()}`;
  call = apiCaller(fiona, await adminToken(fiona));
  const created = await call('POST', '/api/projects', projectFor(orthanc, PROJECT, { deidOptions: { retainSafePrivate: true, safePrivateAllowList: [PRIVATE_TAG], dropPresentationStates: true } }));
  expect(created.statusCode, created.body).toBe(201);
  expect((await call('POST', `/api/projects/${PROJECT}/groups`, { name: 'west' })).statusCode).toBe(201);
  for (const [username, role, dataAccessGroup] of [['dana', 'data-manager'], ['vic', 'viewer'], ['gina', 'data-manager', 'west']]) {
    expect((await call('POST', '/api/users', { username, password: PASSWORD })).statusCode).toBe(201);
    expect((await call('POST', `/api/projects/${PROJECT}/members`, { username, role, ...(dataAccessGroup ? { dataAccessGroup } : {}) })).statusCode).toBe(201);
  }
  const files = [
    generateInstance({ studyUid: STUDY, seriesUid: SERIES, sopUid: CLEAN, pixelBytes: 2048, instanceNumber: 1 }),
    generateInstance({ studyUid: STUDY, seriesUid: SERIES, sopUid: PRIVATE, pixelBytes: 2048, instanceNumber: 2, extra: [textElement(0x00290010, 'LO', 'ACME NOTES'), textElement(0x00291010, 'LO', 'Jane Doe follow-up')] }),
    generateInstance({ studyUid: STUDY, seriesUid: SERIES, sopUid: MODEL, pixelBytes: 2048, instanceNumber: 3, extra: [textElement(0x00081090, 'LO', 'PAT001 scanner')] }),
    generateInstance({ studyUid: STUDY, seriesUid: `${STUDY}.2`, sopUid: STATE, pixelBytes: 2048, seriesNumber: 2, sopClassUid: '1.2.840.10008.5.1.4.1.1.11.1' }),
  ].map((bytes, i) => {
    const path = join(work, `${i + 1}.dcm`);
    writeFileSync(path, bytes);
    return path;
  });
  await storescu(fiona.dicomPort(), files);
  await waitForStudy(fiona, STUDY, 4, false);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await fiona?.close();
  await orthanc?.remove();
  rmSync(work, { recursive: true, force: true });
});

const refusals = async (status = 'waiting') => {
  const res = await call('GET', `/api/projects/${PROJECT}/review/refusals?status=${status}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as RefusalsJson;
};
const inOrthanc = async () => {
  const study = (await orthancStudies(orthanc))[0];
  return study ? orthancInstanceCount(orthanc, study) : 0;
};

describe('Refusals a data manager acts on', () => {
  it('a refused instance waits for review with its tag path and reason, never the value; the clean one goes', async () => {
    expect((await call('POST', `/api/studies/${STUDY}/assign`, { project: PROJECT, participant: 'P-001', event: 'baseline' })).statusCode).toBe(202);
    const transfer = await waitForTransfer(call, STUDY, 'review', undefined, 60_000);
    expect(transfer).toMatchObject({ instancesToSend: 4, instancesRefused: 2, instancesConfirmed: 1 });
    expect(transfer.error).toMatch(/^2 of 4 instances wait for review \(Review page of RefuseMain\): de-identification refused \(verifier-hit\)/);
    expect(transfer.error).not.toMatch(/Jane|Doe|PAT001/);
    expect(await inOrthanc()).toBe(1);

    const listed = await refusals();
    expect(listed.open).toBe(2);
    expect(listed.studies).toHaveLength(1);
    expect(listed.studies[0]).toMatchObject({ studyInstanceUid: STUDY, participant: 'P-001', transferStatus: 'review', open: 2 });
    const bySop = new Map(listed.studies[0].refusals.map((r) => [r.sopInstanceUid, r]));
    expect(bySop.get(PRIVATE)).toMatchObject({ code: 'verifier-hit', status: 'open', places: [{ tagPath: '(0029,1010)', privateTag: PRIVATE_TAG }] });
    expect(bySop.get(MODEL)).toMatchObject({ code: 'verifier-hit', status: 'open', places: [{ tagPath: '(0008,1090) ManufacturerModelName', privateTag: null }] });
    expect(bySop.get(MODEL)!.reason).toContain('(0008,1090) ManufacturerModelName');
    expect(bySop.has(STATE)).toBe(false); // dropped by the project's option: settled, nothing to decide
    expect(JSON.stringify(listed)).not.toMatch(/Jane|Doe|PAT001/);
    // Counted for whoever may review the project.
    expect((await call('GET', '/api/review/refusals/counts')).json()).toMatchObject({ [PROJECT]: 2 });
  }, 90_000);

  it('a viewer may neither read nor decide nor resend (403); another data access group sees nothing (404)', async () => {
    const vic = await signInApi(base, 'vic', PASSWORD);
    const id = (await refusals()).studies[0].refusals[0].id;
    expect((await vic('GET', `/api/projects/${PROJECT}/review/refusals`)).status).toBe(403);
    expect((await vic('POST', `/api/projects/${PROJECT}/review/refusals/${id}/decision`, { decision: { kind: 'exclude' } })).status).toBe(403);
    expect((await vic('POST', `/api/projects/${PROJECT}/review/refusals/studies/${STUDY}/decision`, { decision: { kind: 'option', changes: { keepOverlays: true } } })).status).toBe(403);
    expect((await vic('POST', `/api/projects/${PROJECT}/review/refusals/resend`, { studyInstanceUid: STUDY })).status).toBe(403);
    expect((await vic('GET', '/api/review/refusals/counts')).json).toEqual({});
    expect((await refusals()).open).toBe(2);
    // A data manager of another data access group sees nothing of P-001's study and cannot decide on it.
    const gina = await signInApi(base, 'gina', PASSWORD);
    expect((await gina('GET', `/api/projects/${PROJECT}/review/refusals`)).json).toEqual({ open: 0, studies: [] });
    expect((await gina('POST', `/api/projects/${PROJECT}/review/refusals/${id}/decision`, { decision: { kind: 'exclude' } })).status).toBe(404);
    expect((await gina('POST', `/api/projects/${PROJECT}/review/refusals/resend`, { studyInstanceUid: STUDY })).status).toBe(404);
    expect((await refusals()).open).toBe(2);
    const dana = await signInApi(base, 'dana', PASSWORD);
    // A decision the options refuse changes nothing (422 naming the option).
    const bad = await dana('POST', `/api/projects/${PROJECT}/review/refusals/${id}/decision`, { decision: { kind: 'option', changes: { retainDeviceIdentity: false } } });
    expect(bad.status).toBe(422);
    expect((await refusals()).open).toBe(2);
  });

  it('on the Review page the data manager takes the private tag off the allow-list, excludes the other and resends; the instance reaches Orthanc', async () => {
    const page = await newPage(browser, DESKTOP);
    await signInPage(page, base, 'dana', PASSWORD);
    await page.getByRole('heading', { name: 'Assign', level: 1 }).waitFor();
    // Counted on the project's page, with the way to the Review page.
    await page.goto(`${base}/projects/${PROJECT}`);
    await page.getByRole('link', { name: '2 refused instances wait' }).click();
    await page.getByRole('heading', { name: 'Review', level: 1 }).waitFor();
    await page.getByText('2 instances wait for a decision in 1 study.').waitFor();
    const group = page.getByRole('group', { name: 'Refusals in the study of P-001 · baseline' });
    await group.getByRole('cell', { name: '(0008,1090) ManufacturerModelName' }).first().waitFor();
    await group.getByText('waiting for review').waitFor();
    expect(await page.locator('.refusals').textContent()).not.toMatch(/Jane|Doe|PAT001/);
    await shot(page, 'review-refusals');

    // An option for the whole study (every decision kind goes through the page): Keep Overlays stays off.
    await group.getByLabel('Option').selectOption('keepOverlays');
    await group.getByLabel('Value').selectOption('false');
    await group.getByRole('button', { name: 'Change option' }).click();
    await expect.poll(() => group.getByText('options changed (keepOverlays: false) by dana; resend to apply').count()).toBe(2);
    await page.getByRole('button', { name: `Exclude instance ${MODEL}` }).click();
    await page.getByText('excluded by dana').waitFor();
    await page.getByRole('button', { name: `Take ${PRIVATE_TAG} off the allow-list` }).click();
    await page.getByText(`${PRIVATE_TAG} taken off the allow-list by dana; resend to apply`).waitFor();
    expect(((await call('GET', `/api/projects/${PROJECT}`)).json() as { deidOptions: { safePrivateAllowList: string[] } }).deidOptions.safePrivateAllowList).toEqual([]);
    await page.getByRole('button', { name: 'Resend study' }).click();

    const done = await waitForTransfer(call, STUDY, 'done', undefined, 60_000);
    expect(done).toMatchObject({ instancesToSend: 4, instancesRefused: 0, instancesConfirmed: 2 });
    expect(await inOrthanc()).toBe(2);
    await page.reload();
    await page.getByText(`Nothing refused waits in ${PROJECT}.`).waitFor();

    // The research copy of the once refused instance has no private tag and no trace of the name.
    const ids = await orthanc.rest<string[]>('/instances');
    const tags = await Promise.all(ids.map((id) => orthanc.rest<Record<string, unknown>>(`/instances/${id}/tags?short`)));
    expect(tags).toHaveLength(2);
    for (const t of tags) {
      expect(Object.keys(t).some((k) => k.toLowerCase().startsWith('0029,'))).toBe(false);
      expect(JSON.stringify(t)).not.toMatch(/Jane|PAT001/);
    }
    const all = new Map((await refusals('all')).studies[0].refusals.map((r) => [r.sopInstanceUid, r]));
    expect(all.get(PRIVATE)).toMatchObject({ status: 'resolved', decidedBy: 'dana' });
    expect(all.get(MODEL)).toMatchObject({ status: 'excluded', decidedBy: 'dana' });

    const audit = async (action: string) => (await call('GET', `/api/audit?project=${PROJECT}&action=${action}`)).json() as Array<{ actor: { username: string }; target: string; details: Record<string, unknown> }>;
    expect(await audit('review.refusal.exclude')).toMatchObject([{ actor: { username: 'dana' }, target: STUDY, details: { instances: [MODEL] } }]);
    expect(await audit('review.refusal.private-tag')).toMatchObject([{ actor: { username: 'dana' }, details: { decision: { privateTag: PRIVATE_TAG, allow: false }, changes: { safePrivateAllowList: [] } } }]);
    expect(await audit('review.refusal.option')).toMatchObject([{ actor: { username: 'dana' }, target: STUDY, details: { study: STUDY, changes: { keepOverlays: false }, count: 2 } }]);
    expect(await audit('review.refusal.resend')).toMatchObject([{ actor: { username: 'dana' }, target: STUDY }]);
    expect((await audit('project.update')).filter((a) => a.actor.username === 'dana')).toHaveLength(2);
    expect((await audit('transfer.review')).length).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('the Dry run page shows a data manager each tag before and after; a viewer is refused', async () => {
    const page = await newPage(browser, DESKTOP);
    await signInPage(page, base, 'dana', PASSWORD);
    await page.getByRole('heading', { name: 'Assign', level: 1 }).waitFor();
    await page.goto(`${base}/review?project=${PROJECT}`);
    await page.getByRole('link', { name: 'Dry run a study' }).click();
    await page.getByRole('heading', { name: `Dry run · ${PROJECT}`, level: 1 }).waitFor();
    await expect.poll(() => page.getByLabel('Study Instance UID').inputValue()).toBe(STUDY);
    await page.getByRole('button', { name: 'Run dry run' }).click();
    await page.getByText('De-identified for P-001 · baseline: 4 instances; 2 clean.').waitFor();
    const model = page.getByRole('region', { name: `Instance ${MODEL}` });
    await model.getByText('Verdict: refused (verifier-hit)').waitFor();
    await page.getByRole('region', { name: `Instance ${STATE}` }).getByText('Verdict: refused (dropped-by-option)').waitFor();
    const clean = page.getByRole('region', { name: `Instance ${CLEAN}` });
    await clean.getByText('Verdict: clean: would be sent').waitFor();
    const nameRow = clean.getByRole('row').filter({ hasText: 'PatientName' });
    expect(await nameRow.textContent()).toContain('Doe^Jane');
    expect(await nameRow.textContent()).toContain('P-001');
    await shot(page, 'dry-run');
    const runs = (await call('GET', `/api/audit?project=${PROJECT}&action=deid.dry-run`)).json() as Array<{ actor: { username: string }; details: Record<string, unknown> }>;
    expect(runs).toMatchObject([{ actor: { username: 'dana' }, details: { instances: 4, clean: 2, refused: 2 } }]);
    expect(JSON.stringify(runs)).not.toMatch(/Jane|PAT001/);

    const viewer = await newPage(browser, DESKTOP);
    await signInPage(viewer, base, 'vic', PASSWORD);
    await viewer.getByRole('heading', { name: 'Projects', level: 1 }).waitFor();
    await viewer.goto(`${base}/projects/${PROJECT}/dry-run`);
    await viewer.getByLabel('Study Instance UID').fill(STUDY);
    await viewer.getByRole('button', { name: 'Run dry run' }).click();
    await viewer.getByRole('alert').getByText('Only the project’s data managers and owners run dry runs').waitFor();
    expect(await viewer.locator('body').textContent()).not.toContain('Doe^Jane');
    expect(((await call('GET', `/api/audit?project=${PROJECT}&action=deid.dry-run`)).json() as unknown[]).length).toBe(1);
  }, 90_000);
});
