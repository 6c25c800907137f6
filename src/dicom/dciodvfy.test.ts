// The dciodvfy oracle: it reads dciodvfy's findings, keeps what says which rule is broken and where, and
// notices a new error in a copy that lost a required attribute (run against the real dciodvfy).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareValidity, dciodvfyAvailable, newErrors, normaliseMessage, parseDciodvfyOutput, runDciodvfy, validatableSource } from './dciodvfy.js';
import { parseDicom } from './parse.js';
import { EditSet } from './edits.js';
import { writeDataset } from './write.js';
import { findElement } from './values.js';
import { datasetOffset } from './meta.js';
import { TESTDATA } from '../../test/support/testdata.js';

describe('dciodvfy oracle', () => {
  it('reads the IOD, errors and warnings', () => {
    const report = parseDciodvfyOutput('CTImage\nWarning - Value is zero for value 1 of attribute <Patient\'s Weight>\nError - Missing attribute Type 2 Required Element=<KVP> Module=<CTImage>\n');
    expect(report.iod).toBe('CTImage');
    expect(report.errors).toEqual(['Error - Missing attribute Type 2 Required Element=<KVP> Module=<CTImage>']);
    expect(report.warnings).toHaveLength(1);
  });

  it('normalises values, UIDs and item numbers, and keeps attribute and module names', () => {
    expect(normaliseMessage('Error - Value invalid for this VR - (0x0020,0x000d) UI Study Instance UID  UI [1] = <05fa> - Character invalid for this VR = \'f\' (0x66)'))
      .toBe(normaliseMessage('Error - Value invalid for this VR - (0x0020,0x000d) UI Study Instance UID  UI [1] = <1.2a> - Character invalid for this VR = \'a\' (0x61)'));
    expect(normaliseMessage('Error - x in Per-frame Functional Groups Sequence Item #9')).toBe('Error - x in Per-frame Functional Groups Sequence Item #n');
    expect(normaliseMessage('Error - not listed but have IMAGE ReferencedSOPInstanceUID 0')).toBe(normaliseMessage('Error - not listed but have IMAGE ReferencedSOPInstanceUID 1.3.6.1.4.1.45037.7'));
    const kvp = 'Error - Missing attribute Type 2 Required Element=<KVP> Module=<CTImage>';
    expect(normaliseMessage(kvp)).toBe(kvp);
    expect(normaliseMessage(kvp)).not.toBe(normaliseMessage('Error - Missing attribute Type 2 Required Element=<SliceThickness> Module=<ImagePlane>'));
  });

  it('counts errors with their multiplicity', () => {
    const e = 'Error - Missing attribute Type 1 Required Element=<CodeValue> Module=<CodeSequenceMacro>';
    expect(newErrors({ errors: [e], warnings: [] }, { errors: [e, e], warnings: [] })).toEqual([e]);
    expect(newErrors({ errors: [e, e], warnings: [] }, { errors: [e], warnings: [] })).toEqual([]);
  });

  it('finds the error a copy without a Type 2 attribute has, and none in an identical copy', async () => {
    expect(dciodvfyAvailable(), 'dciodvfy missing: run scripts/install-system-deps.sh (dicom3tools)').toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'fiona-dciodvfy-'));
    try {
      const source = join(TESTDATA, 'ct/CT_small.dcm');
      const bytes = readFileSync(source);
      const parsed = parseDicom(bytes);
      const edits = new EditSet();
      edits.remove(parsed.dataset, findElement(parsed.dataset, 0x00180060)!); // KVP, Type 2 in the CT Image module
      const chunks: Uint8Array[] = [bytes.subarray(0, datasetOffset(bytes))];
      writeDataset(parsed.buffer, parsed.dataset, edits, chunks);
      writeFileSync(join(dir, 'broken.dcm'), Buffer.concat(chunks));
      writeFileSync(join(dir, 'same.dcm'), bytes);
      const broken = await compareValidity(source, join(dir, 'broken.dcm'));
      expect(broken.newErrors).toEqual(['Error - Missing attribute Type 2 Required Element=<KVP> Module=<CTImage>']);
      expect((await compareValidity(source, join(dir, 'same.dcm'))).newErrors).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives dciodvfy a deflated source inflated, so it can read it', async () => {
    const deflated = readFileSync(join(TESTDATA, 'tricky/transfer_syntax/image_dfl.dcm'));
    const readable = validatableSource(deflated);
    expect(readable).not.toBe(deflated);
    expect(parseDicom(readable).transferSyntaxUid).toBe('1.2.840.10008.1.2.1');
    const dir = mkdtempSync(join(tmpdir(), 'fiona-dciodvfy-'));
    try {
      writeFileSync(join(dir, 'inflated.dcm'), readable);
      writeFileSync(join(dir, 'deflated.dcm'), deflated);
      expect((await runDciodvfy(join(dir, 'deflated.dcm'))).errors).toContain('Error - Dicom dataset read failed');
      expect((await runDciodvfy(join(dir, 'inflated.dcm'))).errors).not.toContain('Error - Dicom dataset read failed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
