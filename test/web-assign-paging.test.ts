// The Assign page at scale, in chromium (issue 18 item 3): with more studies in the index than one page, the
// page shows the newest 100, loads the next page when the list is scrolled to its end, and a search finds a
// study older than anything loaded (the server is asked, not only the cards in the page).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, newPage, signInPage } from './support/browser.js';
import { startTestFiona, type TestFiona } from './support/fiona.js';
import type { IndexRecord } from '../src/pipeline/quarantine/repository.js';

const PASSWORD = 'paging test password 3';
const STUDIES = 230;
let fiona: TestFiona;
let browser: Browser;

function record(i: number): IndexRecord {
  const uid = `1.2.826.0.1.3680043.9.7433.4.${i}`;
  return {
    header: {
      sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
      sopInstanceUid: `${uid}.1.1`,
      studyInstanceUid: uid,
      seriesInstanceUid: `${uid}.1`,
      patient: { id: 'PAT', name: 'Doe^Jane' },
      study: { accessionNumber: `PG${String(i).padStart(5, '0')}`, description: 'CT CHEST', stationName: 'CT01', date: '20250101' },
      series: { modality: 'CT', number: '1' },
    },
    transferSyntaxUid: '1.2.840.10008.1.2.1',
    path: `/q/${uid}.dcm`,
    sizeBytes: 1000,
    callingAet: 'MODALITY',
    sourceAddress: '127.0.0.1',
    receivedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
  };
}

beforeAll(async () => {
  process.env.FIONA_ADMIN_PASSWORD = PASSWORD;
  fiona = await startTestFiona({ 'forward.workers': 0, 'arrival.quietSeconds': 3600 });
  await fiona.services.quarantine.index(Array.from({ length: STUDIES }, (_, i) => record(i)));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await fiona?.close();
});

it('shows the newest page, loads older ones on scroll, and finds an older study by search', { timeout: 60_000 }, async () => {
  const page = await newPage(browser);
  await signInPage(page, `http://127.0.0.1:${fiona.httpPort()}`, 'admin', PASSWORD);
  await page.getByRole('heading', { name: 'Assign', level: 1 }).waitFor();
  const cards = page.locator('li.study-card');
  await expect.poll(() => cards.count()).toBe(100);
  expect(await cards.first().textContent()).toContain(`PG${String(STUDIES - 1).padStart(5, '0')}`);
  // The oldest study is in none of the pages loaded; the search asks the server for it.
  await page.getByLabel('Search').fill('PG00000');
  await expect.poll(() => page.locator('li.study-card:not([hidden])').count()).toBe(1);
  expect(await page.locator('li.study-card:not([hidden])').textContent()).toContain('PG00000');
  await page.getByLabel('Search').fill('');
  // Scrolling to the end loads the next page, then the rest (each study once).
  await page.locator('.list-more').scrollIntoViewIfNeeded();
  await expect.poll(() => cards.count()).toBeGreaterThanOrEqual(200);
  await page.locator('.list-more').scrollIntoViewIfNeeded();
  await expect.poll(() => cards.count()).toBe(STUDIES);
  await expect.poll(() => page.getByRole('button', { name: 'Load older studies' }).count()).toBe(0);
});
