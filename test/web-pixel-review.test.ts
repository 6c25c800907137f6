// The Pixel review page in a real browser (Debian's chromium via playwright-core): a data manager sees the
// project's waiting image counted and listed, opens it, sees the frame with the proposed mask drawn, drags a
// rectangle of their own onto it and accepts; the decision is stored with both masks and audited. A viewer
// has nothing to review. Screenshots go to test-artifacts/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDicom } from '../src/dicom/parse.js';
import { findText } from '../src/dicom/values.js';
import { DESKTOP, launchChromium, newPage, shot, signInApi, signInPage } from './support/browser.js';
import { startTestFiona, TESTDATA, type TestFiona } from './support/fiona.js';
import { storescu, waitForStudy } from './support/forwarding.js';

const ADMIN_PASSWORD = 'first start secret 43';
const PASSWORD = 'correct horse battery staple';
const PROJECT = 'WebPixels';

describe('Pixel review page in chromium', () => {
  let fiona: TestFiona;
  let browser: Browser;
  let base: string;
  let admin: Awaited<ReturnType<typeof signInApi>>;
  let reviewId: string;

  beforeAll(async () => {
    process.env.FIONA_ADMIN_PASSWORD = ADMIN_PASSWORD;
    fiona = await startTestFiona({ 'forward.workers': 0 });
    base = `http://127.0.0.1:${fiona.httpPort()}`;
    admin = await signInApi(base, 'admin', ADMIN_PASSWORD);
    const project = { name: PROJECT, participantPattern: 'px\\d{3}', events: ['baseline'], destination: { aet: 'RESEARCH', host: '127.0.0.1', port: 104 }, status: 'active' };
    expect((await admin('POST', '/api/projects', project)).status).toBe(201);
    for (const [username, role] of [['dana', 'data-manager'], ['vic', 'viewer']]) {
      expect((await admin('POST', '/api/users', { username, password: PASSWORD })).status).toBe(201);
      expect((await admin('POST', `/api/projects/${PROJECT}/members`, { username, role })).status).toBe(201);
    }
    // An instance in the quarantine that the pixel stage listed for review, with one mask proposed.
    const file = join(TESTDATA, 'burned_in/pseudophi_ct_toshiba_2_ORIGINAL.dcm');
    const parsed = parseDicom(readFileSync(file));
    const text = (tag: number) => findText(parsed.buffer, parsed.dataset, tag)!.trim();
    await storescu(fiona.dicomPort(), [file]);
    await waitForStudy(fiona, text(0x0020000d), 1, false);
    const review = await fiona.services.pixelReview.open(
      { project: PROJECT, transferId: null, studyInstanceUid: text(0x0020000d), seriesInstanceUid: text(0x0020000e), sopInstanceUid: text(0x00080018), frames: 1, atRisk: false, reason: '2 word(s) read with low confidence', proposed: [{ frame: 0, box: { x: 0, y: 0, width: 230, height: 15 }, reason: 'identity' }] },
      new Date(),
    );
    reviewId = review.id;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await fiona?.close();
  });

  it('a data manager sees the waiting image, adds a rectangle on the frame and accepts the masks', async () => {
    const page = await newPage(browser, DESKTOP);
    await signInPage(page, base, 'dana', PASSWORD);
    await page.getByRole('heading', { name: 'Assign', level: 1 }).waitFor();
    // Counted on the project's page, with the way to it.
    await page.goto(`${base}/projects/${PROJECT}`);
    await page.getByRole('link', { name: '1 image waits' }).click();
    await page.getByRole('heading', { name: 'Pixel review', level: 1 }).waitFor();
    await expect.poll(() => page.getByLabel('Project').locator('option').allTextContents()).toEqual([`${PROJECT} (1)`]);
    await page.locator('.review-item').click();
    await page.getByText('Frame 1 of 1, 394 × 552.').waitFor();
    // The proposed mask is drawn in red over the text.
    const red = await page.evaluate<number[]>(`Array.from(document.querySelector('.review-canvas').getContext('2d').getImageData(5, 5, 1, 1).data)`);
    expect(red[0]).toBeGreaterThan(red[2]);
    const canvas = page.locator('.review-canvas');
    const box = (await canvas.boundingBox())!;
    const scale = box.width / 394;
    await page.mouse.move(box.x + 100 * scale, box.y + 200 * scale);
    await page.mouse.down();
    await page.mouse.move(box.x + 160 * scale, box.y + 240 * scale, { steps: 4 });
    await page.mouse.up();
    await page.getByText('1 rectangle of yours').waitFor();
    await shot(page, 'pixel-review');
    await page.getByRole('button', { name: 'Accept masks' }).click();
    await page.getByText('Every image of WebPixels was decided.').waitFor();

    const review = (await admin('GET', `/api/projects/${PROJECT}/pixel-reviews/${reviewId}`)).json as { status: string; masks: Array<{ frame: number; box: { x: number; y: number; width: number; height: number } }>; decidedBy: string };
    expect(review.status).toBe('accepted');
    expect(review.decidedBy).toBe('dana');
    expect(review.masks).toHaveLength(2);
    const mine = review.masks[1].box;
    expect(Math.abs(mine.x - 100)).toBeLessThanOrEqual(2);
    expect(Math.abs(mine.y - 200)).toBeLessThanOrEqual(2);
    expect(Math.abs(mine.width - 60)).toBeLessThanOrEqual(3);
    const audit = (await admin('GET', `/api/audit?project=${PROJECT}&action=pixels.review.accept`)).json as unknown[];
    expect(audit).toHaveLength(1);
  });

  it('a viewer has nothing to review and cannot read a review through the API', async () => {
    const page = await newPage(browser, DESKTOP);
    await signInPage(page, base, 'vic', PASSWORD);
    await page.getByRole('heading', { name: 'Projects', level: 1 }).waitFor();
    await page.goto(`${base}/pixel-review`);
    await page.getByText('Nothing to review').waitFor();
    const vic = await signInApi(base, 'vic', PASSWORD);
    expect((await vic('GET', `/api/projects/${PROJECT}/pixel-reviews`)).status).toBe(403);
    expect((await vic('GET', `/api/projects/${PROJECT}/pixel-reviews/${reviewId}/frames/0`)).status).toBe(403);
  });
});
