// Writes src/pipeline/deid/iod-types.generated.ts (attribute types per IOD) from GDCM's machine-readable
// PS3.3, and with --vendor first refreshes the trimmed copy in the repository from the installed GDCM:
//   node bin/run-ts.js scripts/gen-iod-types.ts [--vendor [/usr/share/gdcm-3.0/XML/Part3.xml]]
// Why a committed table and a vendored XML: the table is reviewable as a diff when the source or the SOP
// class and functional group lists (src/pipeline/deid/iod-sources.ts) change, and a clone builds and tests
// without GDCM's XML installed.
import { readFileSync, writeFileSync } from 'node:fs';
import { renderIodTypes, trimPart3 } from '../src/pipeline/deid/iod-codegen.js';

export const VENDORED_PART3 = 'scripts/dicom-standard/gdcm-part3.xml';
export const SYSTEM_PART3 = '/usr/share/gdcm-3.0/XML/Part3.xml';

const vendor = process.argv.indexOf('--vendor');
if (vendor >= 0) {
  const source = process.argv[vendor + 1] ?? SYSTEM_PART3;
  writeFileSync(VENDORED_PART3, trimPart3(readFileSync(source, 'utf8')));
  console.log(`wrote ${VENDORED_PART3} from ${source}`);
}
writeFileSync('src/pipeline/deid/iod-types.generated.ts', renderIodTypes(readFileSync(VENDORED_PART3, 'utf8')));
console.log('wrote src/pipeline/deid/iod-types.generated.ts');
