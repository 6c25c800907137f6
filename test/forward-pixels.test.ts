// Burned-in text end to end (DEID-SPEC section 7) with real peers: images with names drawn into the pixels
// go in with storescu, are assigned, and a real Orthanc — the research PACS — receives them with the names
// gone from the pixels (OCR of what arrived reads none of them). What the pixel stage cannot decide waits on
// the project's Pixel review page and leaves only after a data manager's decision.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDicom } from '../src/dicom/parse.js';
import { findText } from '../src/dicom/values.js';
import { loadCodecs } from '../src/pipeline/deid/pixels/codecs.js';
import { cropForOcr } from '../src/pipeline/deid/pixels/ocr.js';
import { normalise } from '../src/pipeline/deid/pixels/policy.js';
import { TesseractCli } from '../src/pipeline/deid/pixels/tesseract.js';
import { generateBurnedIn, SOURCES } from './support/burned-in.js';
import { decodeFrames } from './support/burned-in-check.js';
import { startTestFiona, tempDir, TESTDATA, type TestFiona } from './support/fiona.js';
import { startOrthanc, type RunningOrthanc } from './support/orthanc.js';
import { adminToken, apiCaller, orthancStudy, projectFor, waitForStudy, waitForTransfer } from './support/forwarding.js';
import { runDcmtk } from './support/dcmtk.js';

let orthanc: RunningOrthanc;
let fiona: TestFiona;
let call: ReturnType<typeof apiCaller>;
const work = tempDir('fiona-forward-pixels-');

beforeAll(async () => {
  orthanc = await startOrthanc({ aeTitle: 'RESEARCH' });
  fiona = await startTestFiona({ 'forward.retryBaseSeconds': 0.5, 'forward.retryMaxSeconds': 2, 'forward.reconcileMinutes': 0 });
  call = apiCaller(fiona, await adminToken(fiona));
  const res = await call('POST', '/api/projects', projectFor(orthanc, 'PixMain'));
  expect(res.statusCode, res.body).toBe(201);
});

afterAll(async () => {
  await fiona?.close();
  await orthanc?.remove();
  rmSync(work, { recursive: true, force: true });
});

const studyOf = (file: Buffer) => {
  const p = parseDicom(file);
  return findText(p.buffer, p.dataset, 0x0020000d)!.trim();
};

/** Sends a file in, assigns its study, and waits for its transfer to reach `status`. */
async function forward(name: string, file: Buffer, participant: string, status: 'done' | 'failed' | 'review') {
  const path = join(work, name);
  writeFileSync(path, file);
  const studyUid = studyOf(file);
  // dcmsend sends compressed data as it is (storescu would decompress it).
  const sent = await runDcmtk('dcmsend', ['-aec', 'FIONA', '-aet', 'MODALITY', '--decompress-never', '127.0.0.1', String(fiona.dicomPort()), path], { timeoutMs: 120_000 });
  expect(sent.code, sent.stderr).toBe(0);
  await waitForStudy(fiona, studyUid, 1, false);
  const res = await call('POST', `/api/studies/${studyUid}/assign`, { project: 'PixMain', participant, event: 'baseline' });
  expect(res.statusCode, res.body).toBe(202);
  return { studyUid, transfer: await waitForTransfer(call, studyUid, status, () => true, 120_000) };
}

/** The one instance the research PACS holds for a participant, as bytes. */
async function arrived(participant: string): Promise<Buffer> {
  const studies = await orthanc.rest<Array<{ ID: string; PatientMainDicomTags: Record<string, string> }>>('/studies?expand');
  const study = studies.find((s) => s.PatientMainDicomTags.PatientID === participant);
  expect(study, `no study of ${participant} in the research PACS`).toBeDefined();
  const [instance] = await orthanc.rest<Array<{ ID: string }>>(`/studies/${study!.ID}/instances`);
  return Buffer.from(await (await fetch(`${orthanc.url}/instances/${instance.ID}/file`)).arrayBuffer());
}

async function ocrWords(file: Buffer): Promise<string[]> {
  const { gray } = decodeFrames(file, await loadCodecs());
  const ocr = new TesseractCli();
  const words: string[] = [];
  for (const g of gray) {
    const full = cropForOcr(g, { x: 0, y: 0, width: g.width, height: g.height }, Math.min(2, 2000 / Math.max(g.width, g.height)) * g.height, { whole: true });
    for (const w of (await ocr.read([full.image]))[0]) words.push(normalise(w.text));
  }
  return words;
}

function dcmtkDecodes(file: Buffer, tool: string): void {
  const path = join(work, `check-${Date.now()}.dcm`);
  writeFileSync(path, file);
  const result = spawnSync(tool, [path, `${path}.out`], { encoding: 'utf8' });
  expect(result.status, `${tool}: ${result.stderr}`).toBe(0);
}

describe('burned-in text on its way to the research PACS', () => {
  it('a CT with the patient\'s name and birth date in its pixels arrives without them', async () => {
    const source = readFileSync(join(TESTDATA, 'burned_in/pseudophi_ct_toshiba_2_ORIGINAL.dcm'));
    const before = await ocrWords(source);
    expect(before.some((w) => w.includes('KAUFMAN'))).toBe(true); // the test means something
    const { transfer } = await forward('toshiba.dcm', source, 'P-101', 'done');
    expect(transfer.instancesConfirmed).toBe(1);
    const out = await arrived('P-101');
    const after = await ocrWords(out);
    for (const name of ['KAUFMAN', 'SCOTT', '07221943', '1943']) expect(after.some((w) => w.includes(name)), `${name} in ${after.join(' ')}`).toBe(false);
    const dump = spawnSync('dcmdump', ['-q', '-'], { input: out, encoding: 'utf8' }).stdout;
    expect(dump).toMatch(/\(0028,0301\) CS \[NO\]/);
    expect(dump).toMatch(/\[113101\]/);
    // Only the text rows changed: the image below is the source's, value for value.
    const a = decodeFrames(source, await loadCodecs()).frames[0];
    const b = decodeFrames(out, await loadCodecs()).frames[0];
    let changedBelow = 0;
    for (let i = 40 * a.width; i < a.data.length; i++) if (a.data[i] !== b.data[i]) changedBelow++;
    expect(changedBelow).toBe(0);
  }, 240_000);

  it('a generated CR (MONOCHROME1, RLE) arrives in RLE, still MONOCHROME1, decodable by DCMTK, its drawn words gone', async () => {
    const [image] = await generateBurnedIn(1, 7, SOURCES.filter((s) => s.name === 'cr-mono1'));
    await forward('cr.dcm', image.file, 'P-102', 'done');
    const out = await arrived('P-102');
    const parsed = parseDicom(out);
    expect(parsed.transferSyntaxUid).toBe('1.2.840.10008.1.2.5');
    expect(findText(parsed.buffer, parsed.dataset, 0x00280004)).toBe('MONOCHROME1');
    dcmtkDecodes(out, 'dcmdrle');
    const left = await ocrWords(out);
    for (const w of image.words.map((x) => normalise(x.text)).filter((t) => t.length >= 4)) expect(left.some((f) => f.includes(w)), `${w} still readable`).toBe(false);
  }, 240_000);

  it('pixels that cannot be decoded wait on the Pixel review page; declaring the series safe lets them go', async () => {
    const source = Buffer.from(readFileSync(join(TESTDATA, 'tricky/transfer_syntax/MR_small_jp2klossless.dcm')));
    const soc = source.indexOf(Buffer.from([0xff, 0x4f, 0xff, 0x51]));
    source.fill(0xff, soc + 8, soc + 40); // a JPEG 2000 header no decoder can read (same length)
    const { transfer } = await forward('broken-j2k.dcm', source, 'P-103', 'review');
    expect(transfer.error).toMatch(/1 of 1 instances wait for pixel review/);
    expect(await orthancStudy(orthanc, transfer.studyInstanceUid)).toBeUndefined();
    const listed = (await call('GET', '/api/projects/PixMain/pixel-reviews')).json() as { pending: number; reviews: Array<{ id: string; reason: string; sopInstanceUid: string }> };
    const review = listed.reviews.find((r) => r.reason.includes('cannot be decoded'));
    expect(review, JSON.stringify(listed)).toBeDefined();
    expect(listed.pending).toBeGreaterThanOrEqual(1);
    expect(((await call('GET', '/api/pixel-reviews/counts')).json() as Record<string, number>).PixMain).toBe(listed.pending);
    const safe = await call('POST', `/api/projects/PixMain/pixel-reviews/${review!.id}/safe-series`);
    expect(safe.statusCode, safe.body).toBe(200);
    expect(safe.json().status).toBe('safe');
    const done = await waitForTransfer(call, transfer.studyInstanceUid, 'done', () => true, 60_000);
    expect(done.instancesConfirmed).toBe(1);
    const audit = (await call('GET', '/api/audit?project=PixMain&action=pixels.series.safe&limit=5')).json() as unknown[];
    expect(audit).toHaveLength(1);
  }, 240_000);

  it('a data manager accepts the proposed masks with a rectangle of their own, and that rectangle arrives filled', async () => {
    const [image] = await generateBurnedIn(1, 11, SOURCES.filter((s) => s.name === 'mr-body'));
    const parsed = parseDicom(image.file);
    const text = (tag: number) => findText(parsed.buffer, parsed.dataset, tag)!.trim();
    // The instance is already listed for review (as the stage lists what it cannot decide), so it is held.
    await fiona.services.pixelReview.open({ project: 'PixMain', transferId: null, studyInstanceUid: text(0x0020000d), seriesInstanceUid: text(0x0020000e), sopInstanceUid: text(0x00080018), frames: 1, atRisk: true, reason: 'test: waits for a person', proposed: [] }, new Date());
    const { transfer } = await forward('mr.dcm', image.file, 'P-104', 'review');
    expect(transfer.error).toMatch(/wait for pixel review/);
    const listed = (await call('GET', '/api/projects/PixMain/pixel-reviews')).json() as { reviews: Array<{ id: string; sopInstanceUid: string }> };
    const review = listed.reviews.find((r) => r.sopInstanceUid === text(0x00080018))!;
    const frame = await call('GET', `/api/projects/PixMain/pixel-reviews/${review.id}/frames/0`);
    expect(frame.statusCode).toBe(200);
    expect(frame.headers['content-type']).toBe('image/png');
    const accepted = await call('POST', `/api/projects/PixMain/pixel-reviews/${review.id}/accept`, { add: [{ frame: 0, x: 100, y: 100, width: 40, height: 30 }] });
    expect(accepted.statusCode, accepted.body).toBe(200);
    await waitForTransfer(call, transfer.studyInstanceUid, 'done', () => true, 60_000);
    const out = decodeFrames(await arrived('P-104'), await loadCodecs()).frames[0];
    const source = decodeFrames(image.file, await loadCodecs()).frames[0];
    for (let y = 100; y < 130; y++) for (let x = 100; x < 140; x++) expect(out.data[y * out.width + x]).toBe(0);
    expect(out.data[10 * out.width + 200]).toBe(source.data[10 * source.width + 200]);
  }, 240_000);
});

mkdirSync(work, { recursive: true });
