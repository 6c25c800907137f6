// The tag inventory's pure parts: paths with nesting and private creators, flags, caps, CSV safety.
import { describe, expect, it } from 'vitest';
import { parseDicom } from '../../dicom/parse.js';
import { bin, instance, sq, t } from '../../../test/deid-fixtures.js';
import { DISTINCT_CAP, InventoryAccumulator, PATHS_PER_INSTANCE, VALUE_CHARS, csvCell, flagNames, flagsOf, inventoryCsv, inventoryRows, isNationalId, observeTags } from './inventory.js';

const observe = (bytes: Buffer) => {
  const parsed = parseDicom(bytes);
  return observeTags(parsed.buffer, parsed.dataset);
};

describe('tag inventory', () => {
  it('names paths with sequence nesting and private creators, with VR and shown values', () => {
    const tags = observe(instance([
      sq(0x0040a730, [t(0x0040a160, 'UT', 'first')], [t(0x0040a160, 'UT', 'second')]),
      t(0x00290010, 'LO', 'SIEMENS CSA HEADER'), bin(0x00291010, 'OB', [1, 2, 3, 4]),
      bin(0x00280010, 'US', [0, 2]),
    ]));
    const byPath = new Map(tags.map((o) => [o.path, o]));
    expect(byPath.get('(0040,A730)')?.vr).toBe('SQ');
    expect(tags.filter((o) => o.path === '(0040,A730) > (0040,A160)').map((o) => o.value)).toEqual(['first', 'second']);
    expect(byPath.get('(0040,A730) > (0040,A160)')?.name).toBe('ContentSequence > TextValue');
    expect(byPath.get('(0029,"SIEMENS CSA HEADER",10)')).toMatchObject({ vr: 'OB', value: null });
    expect(flagNames(byPath.get('(0029,"SIEMENS CSA HEADER",10)')!.flags)).toEqual(['private']);
    expect(byPath.get('(0028,0010)')?.value).toBe('512');
  });

  it('flags names, dates, identifiers (digit runs, valid national IDs, e-mail, phone) and free text', () => {
    const f = (vr: string, value: string) => flagNames(flagsOf(vr, value, false));
    expect(f('PN', '')).toEqual(['person-name']);
    expect(f('LO', 'Doe^Jane')).toEqual(['person-name']);
    expect(f('LO', 'scan of 15.01.1970')).toEqual(['date']);
    expect(f('DA', '20240101')).toEqual(['date']);
    expect(f('LO', 'order 1234567')).toEqual(['id']);
    expect(f('LO', 'jane@example.org')).toEqual(['id']);
    expect(f('SH', '+47 555 12 345')).toEqual(['id']);
    expect(f('DS', '1234567')).toEqual([]); // a measurement, not an identifier
    expect(f('UI', '1.2.840.10008.5.1.4.1.1.2')).toEqual([]);
    expect(f('LT', 'x')).toEqual(['free-text']);
    expect(f('LO', 'patient moved during the scan')).toEqual(['free-text']);
    expect(isNationalId('01010112345')).toBe(false);
    expect(isNationalId('15076500565')).toBe(true); // check digits valid (made up for this test)
    expect(f('CS', '150765 00565')).toEqual(['id']);
  });

  it('stays bounded: values cut, binary shown as ?, distinct values and paths per instance capped', () => {
    const [huge] = observe(instance([t(0x00081030, 'LO', `${'x'.repeat(60)}\x01\x02${'y'.repeat(200)}`)])).filter((o) => o.path === '(0008,1030)');
    expect(huge.value!.length).toBe(VALUE_CHARS);
    expect(huge.value).toContain('??');
    const acc = new InventoryAccumulator();
    for (let i = 0; i < DISTINCT_CAP + 10; i++) acc.add([{ path: '(0018,0050)', name: 'SliceThickness', vr: 'DS', value: String(i), flags: 0 }]);
    const [row] = inventoryRows(acc);
    expect(row).toMatchObject({ instances: DISTINCT_CAP + 10, distinctValues: DISTINCT_CAP, distinctCapped: true });
    expect(row.samples).toHaveLength(5);
    const many = Array.from({ length: 3000 }, (_, i) => t((0x00110000 | (0x1000 + i)) >>> 0, 'LO', 'v'));
    expect(observe(instance([t(0x00110010, 'LO', 'ACME'), ...many])).length).toBe(PATHS_PER_INSTANCE);
  });

  it('counts a path once per instance however many items carry it', () => {
    const acc = new InventoryAccumulator();
    const one = observe(instance([sq(0x00081140, [t(0x00081155, 'UI', '1.2.3')], [t(0x00081155, 'UI', '1.2.4')])]));
    acc.add(one);
    acc.add(one);
    const row = inventoryRows(acc).find((r) => r.path === '(0008,1140) > (0008,1155)')!;
    expect(row).toMatchObject({ instances: 2, distinctValues: 2, samples: ['1.2.3', '1.2.4'] });
  });

  it('writes CSV that spreadsheets do not run', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    for (const bad of ['+1', '-2', '@SUM(A1)']) expect(csvCell(bad).startsWith(`"'`)).toBe(true);
    expect(csvCell(12)).toBe('"12"');
    const acc = new InventoryAccumulator();
    acc.add([{ path: '(0008,1030)', name: 'StudyDescription', vr: 'LO', value: '=cmd|calc', flags: 0 }]);
    expect(inventoryCsv(inventoryRows(acc)).split('\r\n')[1]).toBe(`"(0008,1030)","StudyDescription","LO","1","1","false","","'=cmd|calc"`);
  });
});
