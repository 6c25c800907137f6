// Vendor-style annotation blocks on large frames (issue 9): a 2040x1510 CR (MONOCHROME1, RLE), a 1600x1400
// CR written as MONOCHROME2 at 12 bits, a 512x512 CT, each with 3-6 line blocks in two to four corners
// ("Name: DOE^JANE", "ID:12345678", dates and times, the institution) at 1.5-4 % of the frame height, and the
// real pseudo-PHI files of test/data. Every drawn identifying word of 16 px and more has its box masked and OCR of the output
// reads none of them; no pixel outside the masks changes; MONOCHROME1 stays MONOCHROME1 with its masks
// black on screen (DCMTK's rendering, not only Fiona's); the output decodes in DCMTK. Recall per size,
// corner and style over many seeds is bench:pixels-vendor; this is its small honest sibling.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDicom } from '../src/dicom/parse.js';
import { findText } from '../src/dicom/values.js';
import { loadCodecs } from '../src/pipeline/deid/pixels/codecs.js';
import { readPixelModule } from '../src/pipeline/deid/pixels/pixel-module.js';
import { normalise } from '../src/pipeline/deid/pixels/policy.js';
import { runPixelStage } from '../src/pipeline/deid/pixels/stage.js';
import { TesseractCli } from '../src/pipeline/deid/pixels/tesseract.js';
import { deidentify } from '../src/pipeline/deid/index.js';
import { generateVendorOverlay, LARGE_SOURCES } from './support/burned-in.js';
import { decodeFrames, evaluate, ocrLeftovers } from './support/burned-in-check.js';
import { TESTDATA } from './support/testdata.js';

const work = mkdtempSync(join(tmpdir(), 'fiona-vendor-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** DCMTK's own rendering of the first frame (dcm2pnm decodes RLE itself): 8-bit PGM, min-max window. */
function dcmtkRender(file: Buffer, name: string): { width: number; height: number; data: Buffer } {
  const path = join(work, `${name}.dcm`);
  writeFileSync(path, file);
  const result = spawnSync('dcm2pnm', ['--write-raw-pnm', '--min-max-window', path, `${path}.pgm`], { encoding: 'utf8' });
  expect(result.status, `dcm2pnm ${name}: ${result.stderr}`).toBe(0);
  const pgm = readFileSync(`${path}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  return { width: Number(header[1]), height: Number(header[2]), data: pgm.subarray(header[0].length) };
}

describe('vendor annotation blocks on large frames', () => {
  it('lose every identifying word, change nothing else, keep MONOCHROME1, and decode in DCMTK', async () => {
    const codecs = await loadCodecs();
    const sources = ['cr-full-mono1', 'cr-chest-mono2-12bit', 'ct-512'].map((n) => LARGE_SOURCES.find((s) => s.name === n)!);
    const images = await generateVendorOverlay(sources.length, 3, sources);
    const ocr = new TesseractCli();
    let checked = 0;
    for (const image of images) {
      const e = await evaluate(image, codecs);
      expect(e.outcome, `${image.name}: ${e.reason ?? ''}`).toBe('clean');
      // Glyphs of 16 px and more, the vendor sizes this work is about. Smaller ones (1.5-3 % of a 512-pixel CT)
      // are measured in bench:pixels-vendor (89.5 % under 20 px on fresh seeds); here a 12 px name on the CT is
      // still missed, a known gap, not asserted away silently.
      const identifying = image.words.filter((w) => w.identifying && w.visible && w.box.height >= 16);
      checked += identifying.length;
      expect(identifying.filter((w) => e.kept.includes(w)).map((w) => `${w.text} ${w.box.height}px ${w.corner} ${w.style}`), image.name).toEqual([]);
      expect(e.changedOutside, image.name).toBe(0);
      const after = decodeFrames(e.output!, codecs);
      expect(await ocrLeftovers(after.gray, identifying, ocr), image.name).toEqual([]);
      const parsed = parseDicom(e.output!);
      const photometric = findText(parsed.buffer, parsed.dataset, 0x00280004);
      const rendered = dcmtkRender(e.output!, image.name);
      expect([rendered.width, rendered.height]).toEqual([after.frames[0].width, after.frames[0].height]);
      if (image.source === 'cr-full-mono1') {
        expect([photometric, parsed.transferSyntaxUid]).toEqual(['MONOCHROME1', '1.2.840.10008.1.2.5']);
        // Masked MONOCHROME1 pixels hold the largest value: black on screen, in DCMTK's rendering too.
        for (const w of identifying.filter((x) => x.frame === 0)) {
          const centre = rendered.data[(w.box.y + (w.box.height >> 1)) * rendered.width + w.box.x + (w.box.width >> 1)];
          expect(centre, w.text).toBeLessThan(8);
        }
      }
      if (image.source === 'cr-chest-mono2-12bit') expect([photometric, readPixelModule(parsed.buffer, parsed.dataset)?.bitsStored]).toEqual(['MONOCHROME2', 12]);
    }
    expect(checked).toBeGreaterThanOrEqual(15);
  }, 240_000);

  it('small corner blocks on a 512-pixel CT (8-13 px glyphs, lines read in part, blocks reaching above the border band) lose every identifying word', async () => {
    // Seed 3 of the CT alone: the bottom-right block's 8 px name line lies above the 15 % band and reads as
    // two-letter pieces; the ID line under it reads as nothing. Main kept the name (and, in the fourth image,
    // a 7 px and a 13 px ID): lines are now read and masked at their full extent, and a masked line takes its block.
    const codecs = await loadCodecs();
    const images = await generateVendorOverlay(4, 3, [LARGE_SOURCES.find((s) => s.name === 'ct-512')!]);
    let small = 0;
    for (const image of images) {
      const e = await evaluate(image, codecs);
      expect(e.outcome, `${image.name}: ${e.reason ?? ''}`).toBe('clean');
      const identifying = image.words.filter((w) => w.identifying && w.visible);
      small += identifying.filter((w) => w.box.height < 16).length;
      expect(identifying.filter((w) => e.kept.includes(w)).map((w) => `${w.text} ${w.box.height}px ${w.corner} ${w.style}`), image.name).toEqual([]);
      expect(e.changedOutside, image.name).toBe(0);
    }
    expect(small).toBeGreaterThanOrEqual(80);
  }, 240_000);

  it('the real pseudo-PHI CR (2140x1760) and CT of test/data come out without the drawn name and birth date', async () => {
    const codecs = await loadCodecs();
    const ocr = new TesseractCli();
    const cases: Array<[string, string[]]> = [
      ['burned_in/pseudophi_cr_fuji_rle_0_ORIGINAL_compressed.dcm', ['DAVIDSON', 'DOUGLAS', '06161976']],
      ['burned_in/pseudophi_ct_toshiba_2_ORIGINAL.dcm', ['KAUFMAN', 'SCOTT', '07221943']],
    ];
    for (const [file, drawn] of cases) {
      const input = readFileSync(join(TESTDATA, file));
      const before = decodeFrames(input, codecs);
      // The source really shows them (so the check below can fail).
      const read = async (gray: typeof before.gray) => {
        const { cropForOcr } = await import('../src/pipeline/deid/pixels/ocr.js');
        const g = gray[0];
        const top = { x: 0, y: 0, width: g.width, height: Math.round(g.height * 0.2) };
        const [words] = await ocr.read([cropForOcr(g, top, Math.min(2, 1500 / g.width) * top.height).image]);
        return words.map((w) => normalise(w.text)).join(' ');
      };
      const seen = await read(before.gray);
      expect(drawn.some((d) => seen.includes(d)), `${file} source: ${seen}`).toBe(true);
      const stage = await runPixelStage(input, {});
      expect(stage.kind, file).toBe('edits');
      if (stage.kind !== 'edits') continue;
      expect(stage.edits?.report.outcome, file).toBe('clean');
      const output = deidentify(input, { projectName: 'MMIVTEST', participantId: 'MMIV_0001', eventName: 'baseline', dateOffsetDays: -635, key: Buffer.from('fiona-test-key-0001'), uidRoot: '1.3.6.1.4.1.45037', aeTitle: 'FIONA' }, stage.edits).output;
      const left = await read(decodeFrames(output, codecs).gray);
      for (const d of drawn) expect(left, file).not.toContain(d);
      dcmtkRender(output, file.split('/').pop()!);
    }
  }, 180_000);
});
