// The test data lives in the repository (test/data, with its README and licences), so a clone alone passes
// npm test. Tests never change these files; they make altered copies in temp dirs.
import { resolve } from 'node:path';

export const TESTDATA = resolve(import.meta.dirname, '../data');

export function testFile(path: string): string {
  return resolve(TESTDATA, path);
}
