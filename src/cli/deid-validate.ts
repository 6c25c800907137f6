// `fiona deid --validate`: dciodvfy (dicom3tools) on every source and its de-identified output, two at a time;
// an error the output has and its source had not is reported and makes the exit code 1. New warnings are
// counted, not failures. A site checks its own data this way, as the test suite checks the test data.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareValidity, mapLimited, validatableSource } from '../dicom/dciodvfy.js';

export const DCIODVFY_MISSING = 'fiona deid --validate needs dciodvfy, which is not installed here (Debian/Ubuntu: apt-get install dicom3tools)';

export interface WrittenInstance {
  /** The source as the user named it (relative to the input). */
  file: string;
  sourcePath: string;
  outputPath: string;
}

export interface ValidationSummary {
  compared: number;
  invalid: Array<{ file: string; errors: string[] }>;
  unchecked: Array<{ file: string; reason: string }>;
  newWarnings: number;
}

export async function validateOutputs(written: WrittenInstance[]): Promise<ValidationSummary> {
  const temp = mkdtempSync(join(tmpdir(), 'fiona-deid-validate-'));
  try {
    const results = await mapLimited(written.map((w, index) => ({ w, index })), 2, async ({ w, index }) => {
      const bytes = readFileSync(w.sourcePath);
      const checkable = validatableSource(bytes);
      let source = w.sourcePath;
      if (checkable !== bytes) {
        source = join(temp, `${index}.dcm`); // a deflated source, inflated so dciodvfy can read it
        writeFileSync(source, checkable);
      }
      return { w, result: await compareValidity(source, w.outputPath) };
    });
    const summary: ValidationSummary = { compared: 0, invalid: [], unchecked: [], newWarnings: 0 };
    for (const { w, result } of results) {
      if (result.unchecked) summary.unchecked.push({ file: w.file, reason: result.unchecked });
      else summary.compared++;
      if (result.newErrors.length) summary.invalid.push({ file: w.file, errors: result.newErrors });
      summary.newWarnings += result.newWarnings.length;
    }
    return summary;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
