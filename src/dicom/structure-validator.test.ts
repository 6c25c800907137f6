// The streaming structure check agrees with the whole-buffer parser on every file of the test data (fed in
// random chunk sizes), and refuses the hostile shapes a sender can make.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TESTDATA } from '../../test/support/testdata.js';
import { parseDicom } from './parse.js';
import { StructureError, StructureValidator } from './structure-validator.js';
import { EXPLICIT_BE, EXPLICIT_LE, IMPLICIT_LE, isDeflated, syntaxOf, type Syntax } from './transfer-syntax.js';

function feed(bytes: Buffer, syntax: Syntax, chunk: (i: number) => number, maxDepth?: number): string | undefined {
  const v = new StructureValidator(syntax, maxDepth);
  try {
    let off = 0;
    for (let i = 0; off < bytes.length; i++) {
      const n = Math.max(1, chunk(i));
      v.push(bytes.subarray(off, off + n));
      off += n;
    }
    v.finish();
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(StructureError);
    return (err as Error).message;
  }
}

/** Seeded PRNG (mulberry32), so a failure can be replayed. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Little helpers to write explicit VR little endian by hand.
const u16 = (n: number) => Buffer.from([n & 0xff, n >> 8]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};
const tag = (t: number) => Buffer.concat([u16(t >>> 16), u16(t & 0xffff)]);
const short = (t: number, vr: string, value: Buffer) => Buffer.concat([tag(t), Buffer.from(vr, 'latin1'), u16(value.length), value]);
const long = (t: number, vr: string, length: number, value = Buffer.alloc(0)) => Buffer.concat([tag(t), Buffer.from(vr, 'latin1'), u16(0), u32(length), value]);
const item = (length: number) => Buffer.concat([tag(0xfffee000), u32(length)]);
const itemEnd = Buffer.concat([tag(0xfffee00d), u32(0)]);
const seqEnd = Buffer.concat([tag(0xfffee0dd), u32(0)]);
const UNDEF = 0xffffffff;
const uid = short(0x00080018, 'UI', Buffer.from('1.2.3.4\0', 'latin1'));

describe('StructureValidator', () => {
  it('agrees with parseDicom on every file of the test data, in any chunking', () => {
    const files = readdirSync(TESTDATA, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !/\.(md|txt|json)$/i.test(e.name));
    const random = prng(12);
    let compared = 0;
    for (const entry of files) {
      const path = join(entry.parentPath, entry.name);
      const bytes = readFileSync(path);
      let parsed: ReturnType<typeof parseDicom>;
      let dataset: Buffer;
      let syntax: Syntax;
      try {
        parsed = parseDicom(bytes);
      } catch {
        parsed = undefined as never;
      }
      if (parsed) {
        dataset = parsed.buffer.subarray(parsed.datasetStart);
        syntax = parsed.dataset.syntax;
      } else {
        // Refused by the parser: the validator must refuse the same dataset bytes (when they are findable).
        const meta = bytes.length > 132 && bytes.toString('latin1', 128, 132) === 'DICM';
        if (!meta) continue;
        const offset = 144 + bytes.readUInt32LE(140);
        if (offset > bytes.length) continue;
        const ts = /1\.2\.840\.10008\.1\.2(\.\d+)*/.exec(bytes.toString('latin1', 132, offset))?.[0] ?? '';
        if (isDeflated(ts)) continue;
        dataset = bytes.subarray(offset);
        syntax = syntaxOf(ts);
      }
      const whole = feed(dataset, syntax, () => dataset.length);
      const pieces = feed(dataset, syntax, () => Math.floor(random() * 700));
      expect(pieces, path).toBe(whole);
      expect(whole === undefined, `${path}: ${whole}`).toBe(!!parsed);
      compared++;
    }
    expect(compared).toBeGreaterThan(400);
  });

  it('accepts sequences, undefined-length items, encapsulated pixel data and trailing padding, byte by byte', () => {
    const ds = Buffer.concat([
      uid,
      long(0x00081140, 'SQ', UNDEF),
      item(UNDEF),
      uid,
      itemEnd,
      item(uid.length),
      uid,
      seqEnd,
      long(0x00082112, 'SQ', 8 + uid.length, Buffer.concat([item(uid.length), uid])),
      long(0x7fe00010, 'OB', UNDEF),
      item(4),
      Buffer.alloc(4),
      item(6),
      Buffer.alloc(6),
      seqEnd,
      Buffer.alloc(6),
    ]);
    expect(feed(ds, EXPLICIT_LE, () => 1)).toBeUndefined();
    expect(feed(ds, EXPLICIT_LE, () => ds.length)).toBeUndefined();
  });

  it('reads implicit VR and big endian', () => {
    const implicit = Buffer.concat([tag(0x00080018), u32(8), Buffer.from('1.2.3.4\0'), tag(0x00081140), u32(UNDEF), item(UNDEF), itemEnd, seqEnd]);
    expect(feed(implicit, IMPLICIT_LE, () => 3)).toBeUndefined();
    const be = Buffer.from([0x00, 0x08, 0x00, 0x18, 0x55, 0x49, 0x00, 0x08, ...Buffer.from('1.2.3.4\0')]);
    expect(feed(be, EXPLICIT_BE, () => 5)).toBeUndefined();
    expect(feed(be.subarray(0, 12), EXPLICIT_BE, () => 5)).toMatch(/truncated/);
  });

  it('refuses truncation, values past their item, undefined-length UT, unterminated sequences and stray delimiters', () => {
    const cases: Record<string, Buffer> = {
      'truncated value': Buffer.concat([uid, short(0x00100010, 'PN', Buffer.from('Doe^Jane')).subarray(0, 12)]),
      'truncated header': Buffer.concat([uid, Buffer.from([0x10, 0x00, 0x10])]),
      'value past its item': Buffer.concat([long(0x00081140, 'SQ', UNDEF), item(10), short(0x00100010, 'PN', Buffer.from('Doe^Jane^X')), seqEnd]),
      'item past its sequence': Buffer.concat([long(0x00081140, 'SQ', 8), item(16), uid]),
      'undefined-length UT': Buffer.concat([uid, long(0x00081030, 'UT', UNDEF), Buffer.from('text'), seqEnd]),
      'unterminated sequence': Buffer.concat([uid, long(0x00081140, 'SQ', UNDEF), item(UNDEF), uid, itemEnd]),
      'unterminated item': Buffer.concat([uid, long(0x00081140, 'SQ', UNDEF), item(UNDEF), uid]),
      'stray item delimiter': Buffer.concat([uid, itemEnd]),
      'sequence delimiter in a dataset': Buffer.concat([uid, seqEnd]),
      'bad fragment': Buffer.concat([long(0x7fe00010, 'OB', UNDEF), item(UNDEF)]),
      'unterminated pixel fragments': Buffer.concat([long(0x7fe00010, 'OB', UNDEF), item(2), Buffer.alloc(2)]),
      'invalid VR': Buffer.concat([tag(0x00100010), Buffer.from([0x01, 0x02]), u16(0)]),
      'junk after padding': Buffer.concat([uid, Buffer.alloc(8), Buffer.from([1])]),
    };
    for (const [name, bytes] of Object.entries(cases)) {
      expect(feed(bytes, EXPLICIT_LE, () => bytes.length), name).toBeTruthy();
      expect(feed(bytes, EXPLICIT_LE, () => 1), name).toBeTruthy();
    }
  });

  it('bounds nesting: 10,000 levels are refused at level 65, in constant memory', () => {
    const levels = 10_000;
    const open = Buffer.concat([long(0x00081140, 'SQ', UNDEF), item(UNDEF)]);
    const close = Buffer.concat([itemEnd, seqEnd]);
    const deep = Buffer.concat([...Array<Buffer>(levels).fill(open), ...Array<Buffer>(levels).fill(close)]);
    expect(feed(deep, EXPLICIT_LE, () => 4096)).toMatch(/nested deeper than 64/);
    const ok = Buffer.concat([...Array<Buffer>(64).fill(open), ...Array<Buffer>(64).fill(close)]);
    expect(feed(ok, EXPLICIT_LE, () => 4096)).toBeUndefined();
    expect(feed(ok, EXPLICIT_LE, () => 4096, 10)).toMatch(/nested deeper than 10/);
  });

  it('checks a deflated file of the test data after inflating it', () => {
    const bytes = readFileSync(join(TESTDATA, 'tricky/transfer_syntax/image_dfl.dcm'));
    const inflated = inflateRawSync(bytes.subarray(144 + bytes.readUInt32LE(140)));
    expect(feed(inflated, EXPLICIT_LE, () => 1000)).toBeUndefined();
  });

  it('tells where the header of the dataset\'s own Pixel Data ends, not of an icon image inside a sequence', () => {
    // An Icon Image Sequence (0088,0200) whose item holds pixel data, then the dataset's own pixel data.
    const icon = Buffer.concat([short(0x00280010, 'US', u16(1)), long(0x7fe00010, 'OB', 2, Buffer.from([1, 2]))]);
    const before = Buffer.concat([uid, long(0x00880200, 'SQ', UNDEF), item(icon.length), icon, seqEnd]);
    const pixels = long(0x7fe00010, 'OW', 4, Buffer.from([9, 9, 9, 9]));
    const dataset = Buffer.concat([before, pixels]);
    for (const size of [1, 5, 12, dataset.length]) {
      const v = new StructureValidator(EXPLICIT_LE);
      for (let off = 0; off < dataset.length; off += size) v.push(dataset.subarray(off, off + size));
      v.finish();
      expect(v.pixelDataHeaderEnd, `chunks of ${size}`).toBe(before.length + 12);
    }
    const none = new StructureValidator(EXPLICIT_LE);
    none.push(before);
    none.finish();
    expect(none.pixelDataHeaderEnd).toBe(-1);
  });
});
