// Section 7's word decisions: header-seeded identity in the forms it is drawn in, the safe list, and the
// rules for screened frames and at-risk instances.
import { describe, expect, it } from 'vitest';
import { encodeDataset } from '../../../dicom/write.js';
import { textElement } from '../../../dicom/encode.js';
import { parseDataset } from '../../../dicom/parse.js';
import { EXPLICIT_LE } from '../../../dicom/transfer-syntax.js';
import { dateForms, identityTerms, isSafe, maskInAtRisk, maskInScreened, matchesIdentity } from './policy.js';

const header = encodeDataset(
  [
    textElement(0x00080020, 'DA', '20120309'),
    textElement(0x00080050, 'SH', 'ACC123456'),
    textElement(0x00080080, 'LO', 'Haukeland University Hospital'),
    textElement(0x00100010, 'PN', 'KAUFMAN^SCOTT'),
    textElement(0x00100020, 'LO', 'PAT001'),
    textElement(0x00100030, 'DA', '19430722'),
  ],
  EXPLICIT_LE,
);
const terms = identityTerms(header, parseDataset(header, EXPLICIT_LE));
const word = (text: string, confidence = 90) => ({ text, confidence, box: { x: 0, y: 0, width: 10, height: 10 } });

describe('identity in the pixels', () => {
  it('knows a date in the forms devices draw it', () => {
    expect(dateForms('19700115')).toEqual(expect.arrayContaining(['19700115', '15011970', '01151970', '150170', '15JAN1970', '15JAN70']));
  });

  it('matches name parts, IDs, accession, birth and study dates (any punctuation), institution words', () => {
    for (const text of ['KAUFMAN', 'kaufman,', 'SCOTT', 'PAT001', 'ACC123456', '07.22.1943', '1943-07-22', '22/07/1943', '03.09.2012', '09.03.2012', 'DOB:07.22.1943', 'Haukeland']) {
      expect(matchesIdentity(text, terms), text).toBe(true);
    }
    expect(matchesIdentity('KAUFMAM', terms)).toBe(true); // one misread letter in a long value
    for (const text of ['CHEST', 'PA', '2011', 'KAUF', 'SCAN']) expect(matchesIdentity(text, terms), text).toBe(false);
  });

  it("tolerates OCR's usual confusions in small text (0/O/D, 1/I/l, 5/S, 8/B, 7/T) and two misreads in a long value", () => {
    for (const text of ['O7.22.I943', '1S43-O7-22', 'PATOO1', 'ACCI23456', 'KAUFMAM', '07.22.1948', '1543-07-2Z', 'DOB:O7/22/1943']) {
      expect(matchesIdentity(text, terms), text).toBe(true);
    }
    expect(matchesIdentity('15390227', terms)).toBe(false); // another date
    for (const text of ['CHEST', 'SCAN', 'LOOB', '2011', '0722', 'ACC99']) expect(matchesIdentity(text, terms), text).toBe(false);
  });

  it('matches vendor-overlay forms: the whole name with ^ or a comma, values glued to a label and misread once', () => {
    const short = encodeDataset([textElement(0x00100010, 'PN', 'LI^BO'), textElement(0x00100020, 'LO', '17726291'), textElement(0x00080050, 'SH', 'A827713')], EXPLICIT_LE);
    const t = identityTerms(short, parseDataset(short, EXPLICIT_LE));
    for (const text of ['LI^BO', 'Name:LI^BO', 'LI,BO', 'BO LI', 'ID:17726291', 'PID:1772629l', 'MRN17726Z91', 'Acc#:A827713', 'ACC:A8Z7713']) expect(matchesIdentity(text, t), text).toBe(true);
    for (const text of ['BOLD', 'ID:12345678', 'Acc#:B123456', 'PORTABLE']) expect(matchesIdentity(text, t), text).toBe(false);
  });
});

describe('masking rules', () => {
  it('keeps orientation markers, units and short scale numbers', () => {
    for (const text of ['L', 'R', 'cm', 'HU', 'mAs', '10', '125']) expect(isSafe(text), text).toBe(true);
    for (const text of ['1943', 'SCOTT', 'CHEST']) expect(isSafe(text), text).toBe(false);
  });

  it('at-risk instances: every word of 2+ characters with confidence >= 20, identity at any confidence', () => {
    expect(maskInAtRisk(word('AB', 20), terms)).toBe(true);
    expect(maskInAtRisk(word('AB', 19), terms)).toBe(false);
    expect(maskInAtRisk(word('KAUFMAN', 1), terms)).toBe(true);
    expect(maskInAtRisk(word('cm', 99), terms)).toBe(false);
  });

  it('screened frames: words of 3+ characters or 4+ digit runs, surer for short words; identity always', () => {
    expect(maskInScreened(word('CHEST', 60), terms)).toBe(true);
    expect(maskInScreened(word('fer', 68), terms)).toBe(false); // anatomy read as letters
    expect(maskInScreened(word('fer', 85), terms)).toBe(true);
    expect(maskInScreened(word('20240101', 55), terms)).toBe(true);
    expect(maskInScreened(word('SCOTT', 2), terms)).toBe(true);
    expect(maskInScreened(word('ab', 99), terms)).toBe(false);
    expect(maskInScreened(word('fer', 10), terms, true)).toBe(true); // plainly text, or at risk: any read
  });
});
