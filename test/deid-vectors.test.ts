// DEID-SPEC section 8: the 30 test vectors, with the spec's test key. T26/T27 are pixel cleaning (a later issue).
import { describe, expect, it } from 'vitest';
import { deidentify, dateOffsetDays, newUid, legacyUid, accessionHash } from '../src/pipeline/deid/index.js';
import { Reader, ROOT, STUDY_UID, TEST_KEY, bin, fixtureContext, instance, sq, t } from './deid-fixtures.js';

const run = (extra: Parameters<typeof instance>[0] = [], ctx = fixtureContext(), ts?: string): Reader => new Reader(deidentify(instance(extra, ts), ctx).output);
const UID_PATTERN = /^1\.3\.6\.1\.4\.1\.45037\.(0|[1-9][0-9]*)$/;
const T1 = '1.3.6.1.4.1.45037.272955618456947061999242293163166576894';

describe('DEID-SPEC test vectors', () => {
  it('fixture: offset for (MMIVTEST, MMIV_0001) is -635 days', () => {
    expect(dateOffsetDays(TEST_KEY, 'MMIVTEST', 'MMIV_0001')).toBe(-635);
  });

  it('T1: StudyInstanceUID maps to the keyed, valid UID', () => {
    expect(newUid(TEST_KEY, 'MMIVTEST', STUDY_UID, ROOT)).toBe(T1);
    const out = run();
    expect(out.text(0x0020000d)).toBe(T1);
    expect(T1).toHaveLength(57);
    expect(T1).toMatch(UID_PATTERN);
  });

  it('T2: padding is ignored', () => {
    expect(newUid(TEST_KEY, 'MMIVTEST', `${STUDY_UID}\0`, ROOT)).toBe(T1);
    const out = run([bin(0x0020000d, 'UI', Buffer.from(`${STUDY_UID}\0\0`, 'latin1'))]);
    expect(out.text(0x0020000d)).toBe(T1);
  });

  it('T3: another project gets another UID', () => {
    expect(newUid(TEST_KEY, 'OTHERPRJ', STUDY_UID, ROOT)).toBe('1.3.6.1.4.1.45037.280802502008530824949239736661419626511');
    expect(run([], fixtureContext({ projectName: 'OTHERPRJ' })).text(0x0020000d)).toBe('1.3.6.1.4.1.45037.280802502008530824949239736661419626511');
  });

  it('T4: references stay consistent across files', () => {
    const sop = '1.2.826.0.1.3680043.2.1125.1.1.10.101';
    const expected = '1.3.6.1.4.1.45037.173925087752947063399922409052615123463';
    const a = run([t(0x00080018, 'UI', sop)]);
    const b = run([t(0x00080018, 'UI', '1.2.826.0.1.3680043.2.1125.1.1.10.102'), sq(0x00081140, [t(0x00081150, 'UI', '1.2.840.10008.5.1.4.1.1.2'), t(0x00081155, 'UI', sop)])]);
    expect(a.text(0x00080018)).toBe(expected);
    expect(b.text(0x00081140, 0, 0x00081155)).toBe(expected);
  });

  it('T5: class and syntax UIDs are unchanged', () => {
    const out = run([sq(0x00081140, [t(0x00081150, 'UI', '1.2.840.10008.5.1.4.1.1.4'), t(0x00081155, 'UI', '1.2.3.4')])]);
    expect(out.text(0x00080016)).toBe('1.2.840.10008.5.1.4.1.1.2');
    expect(out.meta(0x00020010)).toBe('1.2.840.10008.1.2.1');
    expect(out.text(0x00081140, 0, 0x00081150)).toBe('1.2.840.10008.5.1.4.1.1.4');
  });

  it('T6: 10,000 random UIDs give valid UIDs without collisions', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const parts = Array.from({ length: 3 + (i % 8) }, () => String(Math.floor(Math.random() * 1e9)));
      const uid = newUid(TEST_KEY, 'MMIVTEST', `1.2.${parts.join('.')}.${i}`, ROOT);
      expect(uid.length).toBeLessThanOrEqual(64);
      expect(uid).toMatch(UID_PATTERN);
      seen.add(uid);
    }
    expect(seen.size).toBe(10_000);
  });

  it('T7: StudyDate shifts by -635 days and 0028,0303 = MODIFIED is added', () => {
    const out = run([t(0x00080020, 'DA', '20240229')]);
    expect(out.text(0x00080020)).toBe('20220604');
    expect(out.text(0x00280303)).toBe('MODIFIED');
  });

  it('T8: DT keeps time, fraction and offset', () => {
    expect(run([t(0x0008002a, 'DT', '20240229101530.123456+0100')]).text(0x0008002a)).toBe('20220604101530.123456+0100');
  });

  it('T9: YYYY and YYYYMM precision is kept', () => {
    expect(run([t(0x0008002a, 'DT', '2024')]).text(0x0008002a)).toBe('2022');
    expect(run([t(0x0008002a, 'DT', '202402')]).text(0x0008002a)).toBe('202205');
  });

  it('T10: offsets differ by participant and by project', () => {
    const p2 = fixtureContext({ participantId: 'MMIV_0002', dateOffsetDays: dateOffsetDays(TEST_KEY, 'MMIVTEST', 'MMIV_0002') });
    const other = fixtureContext({ projectName: 'OTHERPRJ', dateOffsetDays: dateOffsetDays(TEST_KEY, 'OTHERPRJ', 'MMIV_0001') });
    expect(p2.dateOffsetDays).toBe(-567);
    expect(other.dateOffsetDays).toBe(-56);
    expect(run([t(0x00080020, 'DA', '20240229')], p2).text(0x00080020)).toBe('20220811');
    expect(run([t(0x00080020, 'DA', '20240229')], other).text(0x00080020)).toBe('20240104');
  });

  it('T11: intervals between studies are kept', () => {
    const a = run([t(0x00080020, 'DA', '20240101')]).text(0x00080020)!;
    const b = run([t(0x00080020, 'DA', '20240301')]).text(0x00080020)!;
    expect([a, b]).toEqual(['20220406', '20220605']);
    const days = (Date.parse(`${b.slice(0, 4)}-${b.slice(4, 6)}-${b.slice(6)}`) - Date.parse(`${a.slice(0, 4)}-${a.slice(4, 6)}-${a.slice(6)}`)) / 86_400_000;
    expect(days).toBe(60);
  });

  it('T12: a nested DA the table does not name is shifted at depth 2', () => {
    const out = run([sq(0x0040a730, [t(0x0040a040, 'CS', 'CONTAINER'), sq(0x0040a730, [t(0x0040a040, 'CS', 'DATE'), t(0x0040a121, 'DA', '20240101')])])]);
    expect(out.text(0x0040a730, 0, 0x0040a730, 0, 0x0040a121)).toBe('20220406');
    const unnamed = run([sq(0x00081140, [sq(0x00081140, [t(0x00189151, 'DT', '20240101120000')])])]);
    expect(unnamed.text(0x00081140, 0, 0x00081140, 0, 0x00189151)).toBe('20220406120000');
  });

  it('T13: TM is kept; TimezoneOffsetFromUTC is removed', () => {
    const out = run([t(0x00080030, 'TM', '101530.123'), t(0x00080201, 'SH', '+0100')]);
    expect(out.text(0x00080030)).toBe('101530.123');
    expect(out.element(0x00080201)).toBeUndefined();
  });

  it('T14: birth date emptied; PatientAge computed before removal', () => {
    const out = run([t(0x00100030, 'DA', '19700115'), t(0x00080020, 'DA', '20240229')]);
    expect(out.element(0x00100030)).toBeDefined();
    expect(out.text(0x00100030)).toBe('');
    expect(out.text(0x00101010)).toBe('054Y');
  });

  it('T15: name and ID become the pseudonym, also as ClinicalTrialSubjectID', () => {
    const out = run();
    expect(out.text(0x00100010)).toBe('MMIV_0001');
    expect(out.text(0x00100020)).toBe('MMIV_0001');
    expect(out.text(0x00120040)).toBe('MMIV_0001');
  });

  it('T16: other IDs, addresses, operators, physicians and station name are absent', () => {
    const out = run([
      sq(0x00101002, [t(0x00100020, 'LO', 'OTHER1'), t(0x00100021, 'LO', 'HOSP')]),
      t(0x00101000, 'LO', 'OTHER2'),
      t(0x00101040, 'LO', '1 Main Street'),
      t(0x00080081, 'ST', 'Hospital Road 1'),
      t(0x00081070, 'PN', 'Op^Erator'),
      t(0x00081050, 'PN', 'Perf^Ormer'),
      t(0x00321032, 'PN', 'Req^Uester'),
      t(0x00081010, 'SH', 'STATION1'),
    ]);
    for (const tag of [0x00101002, 0x00101000, 0x00101040, 0x00080081, 0x00081050, 0x00321032, 0x00081010]) expect(out.element(tag)).toBeUndefined();
    expect(out.text(0x00081070) ?? '').toBe(''); // Operators' Name: X/Z/D -> empty (Type 2) or absent
  });

  it('T17: nested PN is empty, never the original or "Re-Mapped"', () => {
    const out = run([sq(0x0040a730, [t(0x00100010, 'PN', 'Doe^Jane'), t(0x0040a123, 'PN', 'Smith^J')])]);
    for (const tag of [0x00100010, 0x0040a123]) {
      const value = out.text(0x0040a730, 0, tag) ?? '';
      expect(value).toBe('');
      expect(value).not.toBe('Re-Mapped');
    }
  });

  it('T18: private blocks are removed (Retain Safe Private off)', () => {
    const out = run([t(0x00090010, 'LO', 'SECTRA_Ident_01'), t(0x00091001, 'LO', 'ACC123456'), t(0x00290010, 'LO', 'ACME PRIVATE'), t(0x00291010, 'LO', 'Jane Doe 19700115')]);
    for (const tag of [0x00090010, 0x00091001, 0x00290010, 0x00291010]) expect(out.element(tag)).toBeUndefined();
  });

  it('T19: Retain Safe Private keeps only the allow-listed element and its creator, byte for byte', () => {
    const csa = Buffer.from('SV10\x04\x03\x02\x01binary-csa-bytes', 'latin1');
    const input = instance([t(0x00290010, 'LO', 'SIEMENS CSA HEADER'), bin(0x00291010, 'OB', csa), bin(0x00291020, 'OB', csa), t(0x00090010, 'LO', 'SECTRA_Ident_01'), t(0x00091001, 'LO', 'X')]);
    const ctx = fixtureContext({ options: { retainSafePrivate: [{ creator: 'SIEMENS CSA HEADER', group: 0x0029, element: 0x10 }] } });
    const out = new Reader(deidentify(input, ctx).output);
    expect(out.text(0x00290010)).toBe('SIEMENS CSA HEADER');
    const kept = out.element(0x00291010)!;
    expect(out.parsed.buffer.subarray(kept.valueOffset, kept.valueOffset + kept.length).equals(csa)).toBe(true);
    for (const tag of [0x00291020, 0x00090010, 0x00091001]) expect(out.element(tag)).toBeUndefined();
  });

  it('T20: accession number empty by default; keyed 16 digits in FIONA-compat', () => {
    expect(run([t(0x00080050, 'SH', 'ACC123456')]).text(0x00080050)).toBe('');
    const compat = run([t(0x00080050, 'SH', 'ACC123456')], fixtureContext({ options: { fionaCompat: true } })).text(0x00080050);
    expect(compat).toBe('2860077838924299');
    expect(accessionHash(TEST_KEY, 'MMIVTEST', 'ACC123456')).toBe('2860077838924299');
    expect(compat).not.toBe('9813203433051213');
    // The project's accession option wins over the FIONA-compat default, either way.
    expect(run([t(0x00080050, 'SH', 'ACC123456')], fixtureContext({ options: { fionaCompat: true, accessionNumber: 'empty' } })).text(0x00080050)).toBe('');
    expect(run([t(0x00080050, 'SH', 'ACC123456')], fixtureContext({ options: { accessionNumber: 'hmac' } })).text(0x00080050)).toBe('2860077838924299');
  });

  it('T21: name tokens cleaned out of StudyDescription; ImageComments removed', () => {
    const out = run([t(0x00081030, 'LO', 'CT THORAX Jane Doe follow-up'), t(0x00204000, 'LT', 'Jane was calm')]);
    expect(out.text(0x00081030)).toBe('CT THORAX follow-up');
    expect(out.element(0x00204000)).toBeUndefined();
  });

  it('T22: event and project encoding with FIONA-compat on', () => {
    const out = run([t(0x00080090, 'PN', 'Ref^Doctor'), t(0x00080080, 'LO', 'Haukeland')], fixtureContext({ options: { fionaCompat: true } }));
    expect(out.text(0x00120050)).toBe('baseline');
    expect(out.text(0x00120051)).toBe('baseline');
    expect(out.text(0x00080090)).toBe('EventName:baseline');
    for (const tag of [0x00120020, 0x00120021, 0x00080080]) expect(out.text(tag)).toBe('MMIVTEST');
    expect(out.text(0x00120010)).not.toBe('');
  });

  it('T23: de-identification marks and method codes', () => {
    const out = run();
    expect(out.text(0x00120062)).toBe('YES');
    const codes = out.element(0x00120064)!;
    expect(codes.items!.length).toBeGreaterThan(0);
    const allowed = ['113100', '113101', '113103', '113104', '113105', '113107', '113108', '113109', '113111'];
    codes.items!.forEach((_, i) => {
      const value = out.text(0x00120064, i, 0x00080100)!;
      expect(allowed).toContain(value);
      expect(value.length).toBeLessThanOrEqual(16);
      expect(out.text(0x00120064, i, 0x00080102)).toBe('DCM');
      expect(out.text(0x00120064, i, 0x00080104)).not.toBe('');
    });
    expect(out.text(0x00120063)!.length).toBeLessThanOrEqual(64);
  });

  it('T24: file meta: 0002,0003 is the new SOP Instance UID, 0002,0016 our AE title', () => {
    const out = run();
    expect(out.meta(0x00020003)).toBe(out.text(0x00080018));
    expect(out.meta(0x00020016)).toBe('FIONA');
  });

  it('T25: icon, overlay and curve data removed', () => {
    const out = run([sq(0x00880200, [t(0x00280010, 'US', 'xx')]), bin(0x60003000, 'OW', [1, 2, 3, 4]), t(0x60000022, 'LO', 'Jane'), bin(0x50003000, 'OW', [1, 2])]);
    for (const tag of [0x00880200, 0x60003000, 0x60000022, 0x50003000]) expect(out.element(tag)).toBeUndefined();
  });

  // T26 and T27 (burned-in text masked in every frame; a JPEG-baseline SC written uncompressed) are in
  // test/burned-in.test.ts, with the pixel stage they need.

  // T28 (single file vs directory input) is in test/deid-cli.test.ts.

  it('T29: legacy UIDs for the project-keyed tags, with a conformance warning', () => {
    expect(legacyUid(STUDY_UID, 'MMIVTEST')).toBe('1.3.6.1.4.1.45037.327849442730258711723240144225154553244385215');
    expect(legacyUid(`${STUDY_UID}.10\0`, 'MMIVTEST')).toBe('1.3.6.1.4.1.45037.339706268573227617071607534510909560957058222');
    expect(legacyUid(STUDY_UID, 'MMIVTEST', 'hex')).toBe('1.3.6.1.4.1.45037.d278e94e27dacf8711723cea144c25bf455324438521f');
    const input = instance([t(0x0020000d, 'UI', STUDY_UID), t(0x0020000e, 'UI', `${STUDY_UID}.10`), t(0x00080014, 'UI', '1.3.6.1.4.1.5962.3')]);
    const result = deidentify(input, fixtureContext({ options: { legacyUids: 'decimal' } }));
    const out = new Reader(result.output);
    expect(out.text(0x0020000d)).toBe('1.3.6.1.4.1.45037.327849442730258711723240144225154553244385215');
    expect(out.text(0x0020000e)).toBe('1.3.6.1.4.1.45037.339706268573227617071607534510909560957058222');
    expect(out.text(0x00080014)).toMatch(UID_PATTERN); // other UIDs: the conformant keyed mapping
    expect(result.report.warnings.join(' ')).toMatch(/legacy UIDs \(non-conformant/);
    const hex = new Reader(deidentify(input, fixtureContext({ options: { legacyUids: 'hex' } })).output);
    expect(hex.text(0x0020000d)).toBe('1.3.6.1.4.1.45037.d278e94e27dacf8711723cea144c25bf455324438521f');
  });

  describe('T30: idempotence', () => {
    const source = instance([
      t(0x00080020, 'DA', '20240229'),
      t(0x00080050, 'SH', 'ACC123456'),
      t(0x00081030, 'LO', 'CT THORAX Jane Doe follow-up'),
      t(0x00100030, 'DA', '19700115'),
      sq(0x00081140, [t(0x00081150, 'UI', '1.2.840.10008.5.1.4.1.1.2'), t(0x00081155, 'UI', '1.2.3.4.5')]),
    ]);

    it('same project: the second run changes nothing, dates are not shifted twice', () => {
      for (const options of [{}, { fionaCompat: true }]) {
        const first = deidentify(source, fixtureContext({ options })).output;
        const second = deidentify(first, fixtureContext({ options }));
        expect(second.report.alreadyDeidentified).toBe(true);
        expect(second.output.equals(first)).toBe(true);
        expect(new Reader(second.output).text(0x00080020)).toBe('20220604');
      }
    });

    it('other project: UIDs remapped, dates kept, no PHI reappears', () => {
      const first = deidentify(source, fixtureContext()).output;
      const second = new Reader(deidentify(first, fixtureContext({ projectName: 'OTHERPRJ' })).output);
      const firstReader = new Reader(first);
      expect(second.text(0x00080020)).toBe('20220604');
      expect(second.text(0x0020000d)).toMatch(UID_PATTERN);
      expect(second.text(0x0020000d)).not.toBe(firstReader.text(0x0020000d));
      expect(second.text(0x00120020)).toBe('OTHERPRJ');
      const text = second.parsed.buffer.toString('latin1');
      for (const phi of ['Doe', 'Jane', 'PAT001', 'ACC123456', '19700115']) expect(text).not.toContain(phi);
    });
  });
});
