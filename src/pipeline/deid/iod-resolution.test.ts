// PS3.15's X/Z/D choices resolved by the attribute's type in the instance's IOD (issue 19): Type 1 gets a
// dummy, Type 2 is present and empty, Type 3 and attributes in no module of the IOD are removed; sequences
// alike at every depth; where the spec decides, the spec wins.
import { describe, expect, it } from 'vitest';
import { deidentify } from './index.js';
import { Reader, fixtureContext, instance, sq, t } from '../../../test/deid-fixtures.js';
import { DUMMY_TEXT, resolveChoice } from './engine.js';
import type { NewElement } from '../../dicom/encode.js';

const S = '1.2.840.10008.5.1.4.1.1.';
const CT = `${S}2`;
const ENHANCED_MR = `${S}4.1`;
const CR = `${S}1`;
const SR = `${S}88.33`;
const RT_STRUCT = `${S}481.3`;

const run = (sopClass: string, extra: NewElement[]) => {
  const result = deidentify(instance([t(0x00080016, 'UI', sopClass), ...extra]), fixtureContext());
  return { out: new Reader(result.output), report: result.report };
};
const ref = (uid: string) => [t(0x00081150, 'UI', '1.2.840.10008.3.1.2.3.3'), t(0x00081155, 'UI', uid)];

describe('PS3.15 choices resolved per IOD', () => {
  it('resolves a choice by type: 1 -> D, 2 -> Z, 3 or absent -> X', () => {
    expect(resolveChoice('X/Z/D', 1)).toBe('dummy');
    expect(resolveChoice('X/Z', 1)).toBe('dummy'); // Z allows a dummy value
    expect(resolveChoice('X/Z/D', 2)).toBe('empty');
    expect(resolveChoice('X/D', 2)).toBe('dummy');
    expect(resolveChoice('X/Z/D', 3)).toBe('remove');
    expect(resolveChoice('X/Z', undefined)).toBe('remove');
    expect(resolveChoice('Z/D', undefined)).toBe('empty');
    expect(resolveChoice('empty', 1)).toBe('dummy');
  });

  it('CT: Type 3 choice sequences are removed, not left with zero items; Type 2 text stays, empty', () => {
    const { out, report } = run(CT, [
      sq(0x00081110, ref('1.2.3.4.5')), // Referenced Study Sequence, X/Z, Type 3
      sq(0x00081111, ref('1.2.3.4.6')), // Referenced PPS Sequence, X/Z/D, Type 3 in General Series
      t(0x00201040, 'LO', 'OM Jane'), // Position Reference Indicator: unlisted LO, Type 2
      t(0x00081070, 'PN', 'Op^Erator'), // Operators' Name, X/Z/D, Type 3
    ]);
    expect(report.iod).toBe('CT Image');
    expect(out.element(0x00081110)).toBeUndefined();
    expect(out.element(0x00081111)).toBeUndefined();
    expect(out.element(0x00201040)).toBeDefined();
    expect(out.text(0x00201040)).toBe('');
    expect(out.element(0x00081070)).toBeUndefined();
  });

  it('Enhanced MR: a Type 1C choice sequence keeps one cleaned item; Acquisition Context is emptied (the spec)', () => {
    const { out } = run(ENHANCED_MR, [
      sq(0x00081111, ref('1.2.3.4.6'), ref('1.2.3.4.7')), // Referenced PPS Sequence: 1C in MR Series
      sq(0x00400555, [t(0x0040a040, 'CS', 'TEXT'), t(0x0040a160, 'UT', 'Jane Doe was nervous')]),
    ]);
    const pps = out.element(0x00081111)!;
    expect(pps.items).toHaveLength(1);
    expect(out.text(0x00081111, 0, 0x00081155)).toMatch(/^1\.3\.6\.1\.4\.1\.45037\.\d+$/);
    expect(out.element(0x00400555)?.items).toHaveLength(0);
  });

  it('Enhanced MR: Type 1 attributes inside functional groups stay (cleaned); the rest of the rules still apply there', () => {
    const frame = [
      sq(0x00289145, [t(0x00281052, 'DS', '0'), t(0x00281053, 'DS', '1'), t(0x00281054, 'LO', 'US')]), // Pixel Value Transformation
      sq(0x00189042, [t(0x00189043, 'CS', 'MULTICOIL'), sq(0x00189045, [t(0x00189047, 'SH', 'HEA;HEP'), t(0x00189048, 'CS', 'YES')])]),
      sq(0x00209111, [t(0x00209056, 'SH', '1'), t(0x00209057, 'UL', '\x01\x00\x00\x00'), t(0x00209158, 'LT', 'Jane Doe frame')]),
    ];
    const { out } = run(ENHANCED_MR, [sq(0x52009230, frame, frame)]);
    for (const item of [0, 1]) {
      expect(out.text(0x52009230, item, 0x00289145, 0, 0x00281054)).toBe('US');
      expect(out.text(0x52009230, item, 0x00189042, 0, 0x00189045, 0, 0x00189047)).toBe('HEA;HEP');
      expect(out.text(0x52009230, item, 0x00209111, 0, 0x00209056)).toBe('1'); // Stack ID: In-Stack Position needs it
      expect(out.element(0x52009230, item, 0x00209111, 0, 0x00209158)).toBeUndefined(); // Frame Comments: X
    }
  });

  it('CR: Modality LUT Type inside its sequence is not removed', () => {
    const { out } = run(CR, [sq(0x00283000, [t(0x00283002, 'US', '\x00\x01\x00\x00\x10\x00'), t(0x00283004, 'LO', 'OD')])]);
    expect(out.text(0x00283000, 0, 0x00283004)).toBe('OD');
  });

  it('a Type 1 text value is cleaned, and a dummy replaces it when nothing is left', () => {
    const { out } = run(CR, [sq(0x00283000, [t(0x00283004, 'LO', 'Doe Jane')])]);
    expect(out.text(0x00283000, 0, 0x00283004)).toBe(DUMMY_TEXT);
  });

  it('SR: Type 1 person names get the dummy, never the name; nested PN elsewhere stays empty', () => {
    const { out } = run(SR, [
      sq(0x0040a073, [t(0x0040a075, 'PN', 'Smith^John'), t(0x0040a030, 'DT', '20240101120000')]),
      sq(0x0040a730, [t(0x0040a010, 'CS', 'HAS OBS CONTEXT'), t(0x0040a040, 'CS', 'PNAME'), t(0x0040a123, 'PN', 'Smith^J')]),
    ]);
    expect(out.text(0x0040a073, 0, 0x0040a075)).toBe(DUMMY_TEXT);
    expect(out.text(0x0040a730, 0, 0x0040a123)).toBe(DUMMY_TEXT);
    const ct = run(CT, [sq(0x0040a730, [t(0x0040a123, 'PN', 'Smith^J')])]).out; // no content tree in a CT image
    expect(ct.text(0x0040a730, 0, 0x0040a123) ?? '').toBe('');
  });

  it('a profile X on an attribute the IOD makes Type 2 there empties it; elsewhere it is removed', () => {
    const request = [t(0x0020000d, 'UI', '1.2.3.4.8'), t(0x00401001, 'SH', 'RP123'), t(0x00321060, 'LO', 'CT HEAD')];
    const { out } = run(`${S}88.11`, [sq(0x0040a370, request)]); // Basic Text SR: Referenced Request Sequence
    expect(out.element(0x0040a370, 0, 0x00401001)).toBeDefined(); // Requested Procedure ID: Type 2 here
    expect(out.text(0x0040a370, 0, 0x00401001)).toBe('');
    expect(run(CT, [t(0x00401001, 'SH', 'RP123')]).out.element(0x00401001)).toBeUndefined();
  });

  it('RT Structure Set: Operators\' Name is Type 2 in RT Series, so it stays, empty', () => {
    const { out } = run(RT_STRUCT, [t(0x00081070, 'PN', 'Op^Erator')]);
    expect(out.element(0x00081070)).toBeDefined();
    expect(out.text(0x00081070)).toBe('');
  });

  it('an unparseable date is emptied where the IOD requires it, removed elsewhere', () => {
    const plan = run(`${S}481.5`, [t(0x300a0006, 'DA', 'garbage'), t(0x00181012, 'DA', 'garbage')]).out; // RT Plan Date: Type 2
    expect(plan.element(0x300a0006)).toBeDefined();
    expect(plan.text(0x300a0006)).toBe('');
    expect(plan.element(0x00181012)).toBeUndefined(); // Date of Secondary Capture: in no module of RT Plan
    expect(run(CT, [t(0x300a0006, 'DA', 'garbage')]).out.element(0x300a0006)).toBeUndefined();
  });

  it('InstitutionName brings General Equipment, so an empty Manufacturer comes with it', () => {
    const { out } = run(`${S}7`, []); // SC: General Equipment is optional
    expect(out.text(0x00080080)).toBe('MMIVTEST');
    expect(out.element(0x00080070)).toBeDefined();
    expect(out.text(0x00080070)).toBe('');
    expect(run(CT, [t(0x00080070, 'LO', 'ACME')]).out.text(0x00080070)).toBe('ACME');
  });

  it('an unknown SOP class resolves against the union of all IODs', () => {
    const { out, report } = run('1.2.840.10008.5.1.4.1.1.130', [t(0x00201040, 'LO', 'XY'), sq(0x00081110, ref('1.2.3.4.5'))]);
    expect(report.iod).toBe('any composite IOD');
    expect(out.text(0x00201040)).toBe('');
    expect(out.element(0x00081110)).toBeUndefined();
  });
});
