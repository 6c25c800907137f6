// The attribute type table is what the vendored PS3.3 XML gives, the vendored XML is what the installed GDCM
// ships (trimmed), and lookups answer as PS3.3 says, at the top level, in sequences and in functional groups.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderIodTypes, trimPart3 } from './iod-codegen.js';
import { iodTypesFor } from './iod-types.js';

const repo = resolve(import.meta.dirname, '../../..');
const vendored = readFileSync(resolve(repo, 'scripts/dicom-standard/gdcm-part3.xml'), 'utf8');
const SYSTEM_PART3 = '/usr/share/gdcm-3.0/XML/Part3.xml'; // Debian libgdcm3.0, installed with libgdcm-tools
const S = '1.2.840.10008.5.1.4.1.1.';

describe('attribute types per IOD', () => {
  it('iod-types.generated.ts is up to date (run scripts/gen-iod-types.ts)', () => {
    expect(readFileSync(resolve(repo, 'src/pipeline/deid/iod-types.generated.ts'), 'utf8')).toBe(renderIodTypes(vendored));
  });

  it("the vendored XML is the installed GDCM's Part3.xml, trimmed (run scripts/gen-iod-types.ts --vendor)", () => {
    expect(existsSync(SYSTEM_PART3), `${SYSTEM_PART3} missing: run scripts/install-system-deps.sh (libgdcm-tools)`).toBe(true);
    expect(trimPart3(readFileSync(SYSTEM_PART3, 'utf8'))).toBe(vendored);
  });

  it('knows types at the top level, per IOD', () => {
    const ct = iodTypesFor(`${S}2`).root;
    expect(iodTypesFor(`${S}2`).name).toBe('CT Image');
    expect(ct.typeOf(0x00201040)).toBe(2); // Position Reference Indicator (Frame of Reference)
    expect(ct.typeOf(0x00081110)).toBe(3); // Referenced Study Sequence (General Study)
    expect(ct.typeOf(0x00081070)).toBe(3); // Operators' Name (General Series)
    expect(ct.typeOf(0x00400555)).toBeUndefined(); // Acquisition Context: no module of the CT Image IOD
    expect(iodTypesFor(`${S}4.1`).root.typeOf(0x00400555)).toBe(2); // but Type 2 in Enhanced MR
    expect(iodTypesFor(`${S}481.3`).root.typeOf(0x00081070)).toBe(2); // RT Series, added after the 2008 edition
  });

  it('knows types inside sequences, macros included', () => {
    const cr = iodTypesFor(`${S}1`).root;
    expect(cr.itemsOf(0x00283000)?.typeOf(0x00283004)).toBe(1); // Modality LUT Sequence > Modality LUT Type
    const sr = iodTypesFor(`${S}88.33`).root;
    expect(sr.itemsOf(0x0040a073)?.typeOf(0x0040a075)).toBe(1); // Verifying Observer Sequence > Name
    // Content Sequence items hold content items, and so do theirs (the macro includes itself).
    expect(sr.itemsOf(0x0040a730)?.itemsOf(0x0040a730)?.itemsOf(0x0040a730)?.typeOf(0x0040a123)).toBe(1);
  });

  it('knows the functional group macros of enhanced objects', () => {
    const mr = iodTypesFor(`${S}4.1`).root;
    for (const groups of [0x52009229, 0x52009230]) {
      const item = mr.itemsOf(groups);
      expect(item?.itemsOf(0x00289145)?.typeOf(0x00281054)).toBe(1); // Pixel Value Transformation > Rescale Type
      expect(item?.itemsOf(0x00189042)?.itemsOf(0x00189045)?.typeOf(0x00189047)).toBe(1); // MR Receive Coil > Multi-Coil Element Name
      expect(item?.itemsOf(0x00209111)?.typeOf(0x00209057)).toBe(1); // Frame Content > In-Stack Position Number (1C)
    }
    // CT macros are not MR functional groups.
    expect(mr.itemsOf(0x52009230)?.typeOf(0x00189301)).toBeUndefined(); // CT Acquisition Type Sequence
    expect(iodTypesFor(`${S}2.1`).root.itemsOf(0x52009230)?.typeOf(0x00189301)).toBe(1);
  });

  it('falls back to the union of all IODs for a SOP class it does not know', () => {
    const unknown = iodTypesFor('1.2.840.10008.5.1.4.1.1.130'); // Enhanced PET: after the 2008 edition
    expect(unknown.iod).toBe('composite');
    expect(unknown.root.typeOf(0x00201040)).toBe(2);
    expect(unknown.root.typeOf(0x00081111)).toBe(1); // Referenced PPS Sequence: 1C in MR Series
    expect(unknown.root.itemsOf(0x52009230)?.itemsOf(0x00289145)?.typeOf(0x00281054)).toBe(1);
  });
});
