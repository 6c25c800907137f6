// Engine behaviour beyond the spec vectors: bad input, byte-for-byte preservation, determinism, at-risk.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { deidentify, DeidRefusal } from './index.js';
import { parseDicom } from '../../dicom/parse.js';
import { findElement } from '../../dicom/values.js';
import { PIXEL_DATA } from '../../dicom/tag.js';
import { Reader, bin, fixtureContext, instance, sq, t } from '../../../test/deid-fixtures.js';
import { TESTDATA } from '../../../test/support/testdata.js';

const testdata = TESTDATA;

function refusal(fn: () => unknown): DeidRefusal {
  try {
    fn();
  } catch (err) {
    if (err instanceof DeidRefusal) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

function pixelBytes(bytes: Uint8Array): Buffer {
  const parsed = parseDicom(bytes);
  const el = findElement(parsed.dataset, PIXEL_DATA)!;
  return parsed.buffer.subarray(el.valueOffset, el.end);
}

describe('deidentify', () => {
  it('refuses a corrupt file with a reason', () => {
    const good = instance([t(0x00081030, 'LO', 'x'.repeat(40))]);
    const cut = good.subarray(0, good.length - 20);
    expect(refusal(() => deidentify(cut, fixtureContext())).code).toBe('unparseable');
    expect(refusal(() => deidentify(Buffer.from('hello, not DICOM at all'), fixtureContext())).reason).toMatch(/not a readable DICOM/);
  });

  it('refuses an instance without SOP Instance UID', () => {
    const r = refusal(() => deidentify(instance([], undefined, [0x00080018]), fixtureContext()));
    expect(r.code).toBe('missing-uid');
    expect(r.reason).toMatch(/SOP Instance UID \(0008,0018\)/);
  });

  it('refuses a pseudonym that breaks the project rule, and a zero offset', () => {
    expect(refusal(() => deidentify(instance(), fixtureContext({ options: { participantIdPattern: 'MMIV_\\d{4}' }, participantId: 'Jane' }))).code).toBe('invalid-context');
    expect(refusal(() => deidentify(instance(), fixtureContext({ dateOffsetDays: 0 }))).code).toBe('invalid-context');
  });

  it('refuses when an identifying value survives in a kept value', () => {
    const r = refusal(() => deidentify(instance([t(0x00081090, 'LO', 'PAT001 scanner')]), fixtureContext()));
    expect(r.code).toBe('verifier-hit');
    expect(r.reason).toMatch(/"PAT001" in \(0008,1090\) ManufacturerModelName/);
    // What logs, transfer errors and pages show names the place, never the value.
    expect(r.redactedReason).toMatch(/\(0008,1090\) ManufacturerModelName/);
    expect(r.redactedReason).not.toContain('PAT001');
    expect(r.places).toEqual([{ tagPath: '(0008,1090) ManufacturerModelName', privateTag: null }]);
  });

  it('names a refused private element by its allow-list entry (gggg,CREATOR,ee), never its value', () => {
    const source = instance([t(0x00290010, 'LO', 'ACME NOTES'), t(0x00291010, 'LO', 'Jane Doe follow-up')]);
    // Removed when not allow-listed: nothing to refuse.
    expect(() => deidentify(source, fixtureContext())).not.toThrow();
    const r = refusal(() => deidentify(source, fixtureContext({ options: { retainSafePrivate: [{ group: 0x0029, creator: 'ACME NOTES', element: 0x10 }] } })));
    expect(r.code).toBe('verifier-hit');
    expect(r.places).toEqual([{ tagPath: '(0029,1010)', privateTag: '0029,ACME NOTES,10' }]);
    expect(JSON.stringify(r.places) + r.redactedReason).not.toMatch(/Jane|Doe/);
  });

  it('drops presentation states when the project says so', () => {
    const pr = instance([t(0x00080016, 'UI', '1.2.840.10008.5.1.4.1.1.11.1')]);
    expect(refusal(() => deidentify(pr, fixtureContext({ options: { dropPresentationStates: true } }))).code).toBe('dropped-by-option');
  });

  it('keeps pixel data byte for byte, in every transfer syntax of the round-trip set', () => {
    for (const name of ['MR_small.dcm', 'MR_small_implicit.dcm', 'MR_small_bigendian.dcm', 'MR_small_RLE.dcm', 'MR_small_jp2klossless.dcm']) {
      const source = readFileSync(`${testdata}/tricky/transfer_syntax/${name}`);
      const { output } = deidentify(source, fixtureContext());
      expect(pixelBytes(output).equals(pixelBytes(source)), name).toBe(true);
      expect(new Reader(output).meta(0x00020010)).toBe(parseDicom(source).transferSyntaxUid);
    }
  });

  it('writes deflated input as explicit VR little endian with matching meta', () => {
    const { output, report } = deidentify(readFileSync(`${testdata}/tricky/transfer_syntax/image_dfl.dcm`), fixtureContext());
    expect(new Reader(output).meta(0x00020010)).toBe('1.2.840.10008.1.2.1');
    expect(report.warnings.join()).toMatch(/deflated/);
  });

  it('gives the same output across runs', () => {
    const source = readFileSync(`${testdata}/studies/siemens_pseudophi_tcia_body_mr/1-01.dcm`);
    const a = deidentify(source, fixtureContext()).output;
    const b = deidentify(Buffer.from(source), fixtureContext()).output;
    expect(a.equals(b)).toBe(true);
  });

  it('keeps untouched elements and undefined-length sequences as they were', () => {
    const source = instance([t(0x00180050, 'DS', '1.25 '), sq(0x00081140, [t(0x00081155, 'UI', '1.2.3')])]);
    const out = new Reader(deidentify(source, fixtureContext()).output);
    expect(out.text(0x00180050)).toBe('1.25');
    expect(out.text(0x00081140, 0, 0x00081155)).toMatch(/^1\.3\.6\.1\.4\.1\.45037\./);
  });

  it('detects at-risk instances for the pixel stage', () => {
    const sc = deidentify(instance([t(0x00080016, 'UI', '1.2.840.10008.5.1.4.1.1.7'), t(0x00280301, 'CS', 'YES')]), fixtureContext()).report;
    expect(sc.atRisk).toBe(true);
    expect(sc.atRiskReasons).toEqual(['BurnedInAnnotation is YES', 'secondary capture SOP class (1.2.840.10008.5.1.4.1.1.7)']);
    expect(deidentify(instance([t(0x00080008, 'CS', 'DERIVED\\SECONDARY\\SCREEN SAVE')]), fixtureContext()).report.atRisk).toBe(true);
    expect(deidentify(instance(), fixtureContext()).report.atRisk).toBe(false);
    expect(deidentify(readFileSync(`${testdata}/us/US1_UNCR.dcm`), fixtureContext()).report.atRisk).toBe(true);
  });

  it('removes unlisted free text and reports it for allow-list review', () => {
    const { output, report } = deidentify(instance([t(0x00189004, 'CS', 'RESEARCH'), t(0x00181020, 'LO', 'syngo MR E11'), t(0x00181401, 'LO', 'CODE1')]), fixtureContext());
    const out = new Reader(output);
    expect(out.text(0x00181020)).toBe('syngo MR E11');
    expect(out.text(0x00189004)).toBe('RESEARCH');
    expect(report.audit.some((a) => a.tagPath.startsWith('(0018,1401)'))).toBe(true);
  });

  it('cleans SR TEXT values and empties person names at depth', () => {
    const out = new Reader(deidentify(instance([t(0x00100030, 'DA', '19700115'), sq(0x0040a730, [t(0x0040a040, 'CS', 'TEXT'), t(0x0040a160, 'UT', 'Jane Doe, born 15.01.1970, tel +47 555 12 345'), t(0x0040a123, 'PN', 'Doe^Jane')])]), fixtureContext()).output);
    expect(out.text(0x0040a730, 0, 0x0040a160)).toBe('born, tel');
    expect(out.text(0x0040a730, 0, 0x0040a123)).toBe('');
  });

  it('keeps an allow-listed private value byte for byte and still shifts its dates', () => {
    const options = { retainSafePrivate: [{ creator: 'ACME 1', group: 0x0011, element: 0x10 }, { creator: 'ACME 1', group: 0x0011, element: 0x11 }] };
    const out = new Reader(deidentify(instance([t(0x00110010, 'LO', 'ACME 1'), bin(0x00111010, 'OB', [1, 2, 3, 0]), t(0x00111011, 'DA', '20240101')]), fixtureContext({ options })).output);
    const el = out.element(0x00111010)!;
    expect([...out.parsed.buffer.subarray(el.valueOffset, el.valueOffset + el.length)]).toEqual([1, 2, 3, 0]);
    expect(out.text(0x00111011)).toBe('20220406');
  });

  it('cleans patient characteristics instead of refusing (spec section 1, revised)', () => {
    // A phantom whose characteristic attributes carry its name and ID: before, the verifier refused it.
    const source = instance([
      t(0x00100010, 'PN', 'ACR^PHANTOM'), t(0x00100020, 'LO', 'ACRPH2019'),
      t(0x00100040, 'CS', 'PHANTOM'), t(0x00102201, 'LO', 'ACRPH2019 water'), t(0x00101010, 'AS', '045Y'),
      t(0x00101030, 'DS', '70'), t(0x00102160, 'SH', 'ACR PHANTOM'), t(0x001021a0, 'CS', 'NO'),
      t(0x00102203, 'CS', 'ALTERED'), t(0x00102298, 'CS', 'OWNER'), t(0x00102292, 'LO', 'Beagle'),
    ]);
    const { output, report } = deidentify(source, fixtureContext());
    const out = new Reader(output);
    expect(out.text(0x00100040)).toBe(''); // kept attribute, identifying value: emptied
    expect(out.text(0x00102201)).toBe('');
    expect(out.text(0x00101010)).toBe('045Y'); // research needs these: kept
    expect(out.text(0x00101030)).toBe('70');
    expect(out.text(0x00102292)).toBe('Beagle');
    for (const gone of [0x00102160, 0x001021a0, 0x00102203, 0x00102298]) expect(out.element(gone), gone.toString(16)).toBeUndefined();
    expect(report.audit.filter((a) => /identifying value; emptied/.test(a.reason)).map((a) => a.tagPath.slice(0, 11))).toEqual(['(0010,0040)', '(0010,2201)']);
  });
});
