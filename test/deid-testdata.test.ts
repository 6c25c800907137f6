// Every instance of test/data that parses is de-identified; DCMTK reads every output without error;
// neither the verifier nor an independent scan of `dcmdump +U8` text finds the source's identifying values;
// and dciodvfy (dicom3tools) finds no error in an output that it did not find in its source: the output is
// as valid as its source (PS3.15's choices resolved per IOD). New warnings are listed, never a failure.
// Every file gets every check. The in-process work (de-identify, verify) runs first over all files; then
// batches of files go through the external tools in two lanes (the machines have two cores). One dcmdump
// call dumps a whole batch (test/support/dcmdump-batch.ts: a batch DCMTK is not silent about is split down
// to single files, which run as before). dciodvfy reads one file per call; it runs per file from a small
// shell (test/support/dciodvfy-batch.ts), since forking from the big test process costs more than dciodvfy.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { deidentify, DeidRefusal, verify } from '../src/pipeline/deid/index.js';
import { looksLikeDicom } from '../src/dicom/parse.js';
import { compareValidity, dciodvfyAvailable, mapLimited, normaliseMessage, validatableSource, type ValidityComparison } from '../src/dicom/dciodvfy.js';
import { fixtureContext } from './deid-fixtures.js';
import { TESTDATA } from './support/testdata.js';
import { startDciodvfyRunner } from './support/dciodvfy-batch.js';
import { dumpBatched, runTool as run, type DumpRun as Run } from './support/dcmdump-batch.js';

const testdata = TESTDATA;

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Identifying attributes, read from DCMTK's dump of the source (not from our parser). */
const IDENTIFYING = ['0010,0010', '0010,0020', '0010,1000', '0008,0050', '0010,0030', '0010,1040', '0010,2154', '0008,0080', '0008,0090', '0008,1050', '0008,1070', '0008,1048', '0008,1060', '0032,1032', '0010,1001'];

/** `dcmdump +U8` text; raw bytes when DCMTK cannot convert the file's character set (ISO 2022 samples). */
async function dump(path: string): Promise<Run> {
  const utf8 = await run('dcmdump', ['+U8', '-q', '+L', path]);
  if (utf8.status === 0) return utf8;
  return run('dcmdump', ['-q', '+L', path]);
}

function identifyingValues(text: string): string[] {
  const values = new Set<string>();
  for (const line of text.split('\n')) {
    const m = /^\s*\(([0-9a-f]{4},[0-9a-f]{4})\) \w\w \[(.*)\]/i.exec(line);
    if (!m || !IDENTIFYING.includes(m[1].toLowerCase())) continue;
    for (const v of m[2].split('\\')) if (v.trim().length >= 4 && !/^[-*\s]+$/.test(v)) values.add(v.trim());
  }
  return [...values];
}

/** Values in the output dump, minus vocabulary lines (code strings, codes, manufacturer) and pixel data. */
function outputValues(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s*\((7fe0,0010|0008,0070|0008,1090|0008,0104|0008,0100)\)|^\s*\([0-9a-f,]+\) (CS|AS) /i.test(line))
    .map((line) => /\[(.*)\]/.exec(line)?.[1] ?? '')
    .join('\n');
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Files per dcmdump call: a batch's dump (pixel data in hex with +L) stays a few tens of MB at most. */
const BATCH = 24;

interface Case {
  name: string;
  file: string;
  /** The de-identified output. */
  out: string;
  /** What dciodvfy reads for the source: the file, or its deflated dataset inflated. */
  source: string;
}

describe('de-identifying every file of the shared test data', () => {
  it('de-identifies what parses, DCMTK reads it back, no identifying value survives, dciodvfy finds no new error', async () => {
    expect(dciodvfyAvailable(), 'dciodvfy missing: run scripts/install-system-deps.sh (Debian package dicom3tools)').toBe(true);
    const work = mkdtempSync(join(tmpdir(), 'fiona-deid-testdata-'));
    const refused: string[] = [];
    const compared: Array<ValidityComparison & { name: string }> = [];
    try {
      // In process, every file: de-identify, verify, and write the output (and an inflated deflated source).
      const cases: Case[] = [];
      allFiles(testdata).forEach((file, index) => {
        const bytes = readFileSync(file);
        if (!looksLikeDicom(bytes)) return;
        const name = relative(testdata, file);
        let output: Buffer;
        try {
          output = deidentify(bytes, fixtureContext()).output;
        } catch (err) {
          // Only unreadable files and instances without their required UIDs may be refused.
          expect(err, name).toBeInstanceOf(DeidRefusal);
          expect(['unparseable', 'missing-uid'], `${name}: ${(err as Error).message}`).toContain((err as DeidRefusal).code);
          refused.push(name);
          return;
        }
        const out = join(work, `${index}.dcm`);
        writeFileSync(out, output);
        expect(verify(bytes, output, { allow: ['MMIV_0001', 'MMIVTEST', 'baseline'] }).hits, name).toEqual([]);
        // dciodvfy cannot read deflate: a deflated source is checked inflated.
        const checkable = validatableSource(bytes);
        const source = checkable === bytes ? file : join(work, `${index}-source.dcm`);
        if (source !== file) writeFileSync(source, checkable);
        cases.push({ name, file, out, source });
      });

      const batches: Case[][] = [];
      for (let i = 0; i < cases.length; i += BATCH) batches.push(cases.slice(i, i + BATCH));
      await mapLimited(batches, 2, async (batch) => {
        // DCMTK reads every output back without a word; its dump (UTF-8 where it can convert) is scanned below.
        const outputDumps = await dumpBatched(
          batch.map((c) => c.out),
          ['+U8', '-q', '+L'],
          async (out) => {
            const name = batch.find((c) => c.out === out)!.name;
            const outputDump = await run('dcmdump', ['+U8', '-q', '+L', out]);
            if (outputDump.status === 0 && !outputDump.stderr) return outputDump.stdout;
            const check = await run('dcmdump', ['-q', out]);
            expect(check.status, `${name}: ${check.stderr}`).toBe(0);
            expect(check.stderr, name).toBe('');
            return (await run('dcmdump', ['-q', '+L', out])).stdout;
          },
          BATCH,
        );
        const sourceDumps = await dumpBatched(
          batch.map((c) => c.file),
          ['+U8', '-q', '+L'],
          async (file) => (await dump(file)).stdout,
          BATCH,
        );
        batch.forEach(({ name }, i) => {
          const sourceValues = identifyingValues(sourceDumps[i]).filter((v) => !['MMIV_0001', 'MMIVTEST'].includes(v));
          const text = outputValues(outputDumps[i]);
          for (const value of sourceValues) {
            const found = new RegExp(`(?<![A-Za-z0-9])${escape(value)}(?![A-Za-z0-9])`, 'i').test(text);
            expect(found, `${name}: "${value}" found in the dcmdump of the output`).toBe(false);
          }
        });

        // dciodvfy on source and output, one file per call (it reads no more), started by a small shell.
        const dciodvfy = startDciodvfyRunner();
        try {
          for (const { name, source, out } of batch) compared.push({ name, ...(await compareValidity(source, out, dciodvfy.run)) });
        } finally {
          await dciodvfy.close();
        }
      });
      const warnings = new Map<string, number>();
      for (const c of compared) for (const w of c.newWarnings) warnings.set(normaliseMessage(w), (warnings.get(normaliseMessage(w)) ?? 0) + 1);
      const unchecked = compared.filter((c) => c.unchecked).map((c) => `${c.name}: ${c.unchecked}`);
      console.log(`dciodvfy: ${compared.length} outputs compared with their sources; not comparable: ${unchecked.length ? unchecked.join('; ') : 'none'}`);
      console.log(`dciodvfy warnings new in outputs (not failures):\n${[...warnings].map(([w, n]) => `  ${n} x ${w}`).join('\n') || '  none'}`);
      const failures = compared.filter((c) => c.newErrors.length > 0).map((c) => `${c.name}: ${c.newErrors.join(' | ')}`);
      expect(failures, 'errors dciodvfy finds in the output but not in the source').toEqual([]);
      expect(compared.length - unchecked.length).toBeGreaterThan(500);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    expect(refused.length).toBeLessThan(40);
  }, 600_000);
});
