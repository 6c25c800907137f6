// Parser and writer: offsets, syntaxes, sequences, and verbatim copies of what is not edited.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseDicom, parseDataset, DicomParseError } from './parse.js';
import { EditSet } from './edits.js';
import { writeDataset, encodeDataset } from './write.js';
import { textElement } from './encode.js';
import { findElement, textValue } from './values.js';
import { EXPLICIT_BE, EXPLICIT_LE, IMPLICIT_LE } from './transfer-syntax.js';
import { isValidUid } from './uid.js';
import { testFile } from '../../test/support/testdata.js';

const ts = testFile('tricky');

function rewrite(bytes: Buffer, edit?: (p: ReturnType<typeof parseDicom>, e: EditSet) => void): { before: ReturnType<typeof parseDicom>; after: Buffer } {
  const before = parseDicom(bytes);
  const edits = new EditSet();
  edit?.(before, edits);
  const out: Uint8Array[] = [];
  writeDataset(before.buffer, before.dataset, edits, out);
  return { before, after: Buffer.concat(out) };
}

describe('parseDicom', () => {
  it('reads the same values in explicit LE, implicit LE and explicit BE', () => {
    for (const name of ['MR_small.dcm', 'MR_small_implicit.dcm', 'MR_small_bigendian.dcm']) {
      const parsed = parseDicom(readFileSync(`${ts}/transfer_syntax/${name}`));
      expect(textValue(parsed.buffer, findElement(parsed.dataset, 0x00100010)!), name).toBe('CompressedSamples^MR1');
      expect(findElement(parsed.dataset, 0x00280010)!.vr, name).toBe('US');
    }
  });

  it('inflates deflated datasets', () => {
    const parsed = parseDicom(readFileSync(`${ts}/transfer_syntax/image_dfl.dcm`));
    expect(parsed.buffer).not.toBe(parsed.metaBuffer);
    expect(findElement(parsed.dataset, 0x7fe00010)).toBeDefined();
  });

  it('parses UN-encoded undefined-length sequences; keeps unknown defined-length private values as bytes', () => {
    // An implicit-VR private element of defined length has no VR to tell a sequence: kept whole (DCMTK does the same).
    const priv = parseDicom(readFileSync(`${ts}/private_and_sequences/priv_SQ.dcm`));
    expect(priv.dataset.elements.find((e) => e.tag === 0x3f031001)).toMatchObject({ vr: 'UN', length: 166 });
    const un = parseDicom(readFileSync(`${ts}/private_and_sequences/UN_sequence.dcm`));
    expect(un.dataset.elements.some((e) => e.vr === 'UN' && e.items)).toBe(true);
  });

  it('skips encapsulated pixel data as raw fragments', () => {
    const parsed = parseDicom(readFileSync(`${ts}/transfer_syntax/MR_small_RLE.dcm`));
    const px = findElement(parsed.dataset, 0x7fe00010)!;
    expect(px.encapsulated).toBe(true);
    const next = parsed.dataset.elements[parsed.dataset.elements.indexOf(px) + 1];
    expect(next.tag).toBe(0xfffcfffc);
    expect(next.start).toBe(px.end);
  });

  it('throws DicomParseError with an offset on truncated input', () => {
    expect(() => parseDicom(readFileSync(`${ts}/broken/MR_truncated.dcm`))).toThrow(DicomParseError);
    expect(() => parseDicom(Buffer.from('plain text file'))).toThrow(/not a DICOM file/);
  });
});

describe('writeDataset', () => {
  it('copies an unedited dataset verbatim', () => {
    for (const name of ['transfer_syntax/MR_small_bigendian.dcm', 'private_and_sequences/nested_priv_SQ.dcm', 'charset/chrSQEncoding.dcm', 'transfer_syntax/JPEG2000.dcm']) {
      const bytes = readFileSync(`${ts}/${name}`);
      const { before, after } = rewrite(bytes);
      const last = before.dataset.elements.at(-1)!;
      expect(after.equals(before.buffer.subarray(before.datasetStart, last.end)), name).toBe(true);
    }
  });

  it('re-encodes an edit inside a sequence and recomputes defined lengths, in every syntax', () => {
    for (const syntax of [EXPLICIT_LE, IMPLICIT_LE, EXPLICIT_BE]) {
      const bytes = encodeDataset([{ tag: 0x00081140, vr: 'SQ', items: [[textElement(0x00081155, 'UI', '1.2.3'), textElement(0x00081160, 'IS', '1')]] }, textElement(0x00100010, 'PN', 'A^B')], syntax);
      const dataset = parseDataset(bytes, syntax);
      const edits = new EditSet();
      const item = dataset.elements[0].items![0].dataset;
      edits.replace(item, item.elements[0], Buffer.from('1.2.3.4.5.6\0', 'latin1'));
      edits.insert(dataset, textElement(0x00100020, 'LO', 'ID'));
      const out: Uint8Array[] = [];
      writeDataset(bytes, dataset, edits, out);
      const again = parseDataset(Buffer.concat(out), syntax);
      expect(textValue(Buffer.concat(out), again.elements[0].items![0].dataset.elements[0])).toBe('1.2.3.4.5.6');
      expect(again.elements.map((e) => e.tag)).toEqual([0x00081140, 0x00100010, 0x00100020]);
    }
  });
});

describe('UIDs', () => {
  it('validates UIDs', () => {
    expect(isValidUid('1.2.840.10008.1.2')).toBe(true);
    expect(isValidUid('1.2.03')).toBe(false);
    expect(isValidUid('1.2.a')).toBe(false);
    expect(isValidUid(`1.${'2'.repeat(63)}`)).toBe(false);
  });
});
