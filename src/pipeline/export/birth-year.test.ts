import { describe, expect, it } from 'vitest';
import { textElement } from '../../dicom/encode.js';
import { datasetOffset } from '../../dicom/meta.js';
import { parseDicom } from '../../dicom/parse.js';
import { findElement, findText } from '../../dicom/values.js';
import { generateInstance } from '../../../test/support/generate.js';
import { birthYearOf } from '../../projects/rules.js';
import { birthDateOfYear, withBirthYear } from './birth-year.js';

const instance = (birthDate?: string) => {
  return generateInstance({ studyUid: '1.2.3', seriesUid: '1.2.3.1', sopUid: '1.2.3.1.1', pixelBytes: 256, extra: birthDate === undefined ? [] : [textElement(0x00100030, 'DA', birthDate)] });
};
const birthOf = (file: Buffer) => {
  const p = parseDicom(file);
  return findElement(p.dataset, 0x00100030) ? (findText(p.buffer, p.dataset, 0x00100030) ?? '').trim() : undefined;
};

describe('birth year', () => {
  it('reads the year of a DICOM date, and nothing from what is not one', () => {
    expect(birthYearOf('19580623')).toBe(1958);
    expect(birthYearOf('1958.06.23')).toBe(1958);
    expect(birthYearOf(' 19580623 ')).toBe(1958);
    for (const bad of ['', null, undefined, '1958', '195806', '19581323', '19580600', 'abcdefgh', '17000101']) expect(birthYearOf(bad), String(bad)).toBeUndefined();
  });

  it('writes YYYY0101 in place of an empty or present PatientBirthDate, the rest unchanged', () => {
    for (const before of ['', '19580623']) {
      const src = instance(before);
      const out = withBirthYear(src, 1958);
      expect(birthOf(out)).toBe('19580101');
      const p = parseDicom(out);
      expect(findText(p.buffer, p.dataset, 0x00080018)?.trim()).toBe('1.2.3.1.1');
      expect(out.length - datasetOffset(out) - (src.length - datasetOffset(src))).toBe(8 - before.length);
    }
  });

  it('inserts PatientBirthDate where the instance has none', () => {
    const src = generateInstance({ studyUid: '1.2.3', seriesUid: '1.2.3.1', sopUid: '1.2.3.1.1', pixelBytes: 256 });
    const p = parseDicom(src);
    // The generator always writes one: cut it out.
    const el = findElement(p.dataset, 0x00100030)!;
    const without = Buffer.concat([src.subarray(0, el.start), src.subarray(el.end)]);
    // The file meta's group length is unchanged (the element is in the dataset), so the copy parses.
    expect(birthOf(without)).toBeUndefined();
    expect(birthOf(withBirthYear(without, 1962))).toBe('19620101');
  });

  it('refuses what is not a four-digit year', () => {
    expect(birthDateOfYear(2001)).toBe('20010101');
    expect(() => birthDateOfYear(58)).toThrow();
    expect(() => birthDateOfYear(1958.5)).toThrow();
  });
});
