// An incremental structural check of a dataset, fed the same chunks that are written to disk, so a received
// instance is known to parse whole before it is acknowledged — without reading it again and without holding
// it in memory. It walks element headers, value lengths, sequences and items (defined and undefined length),
// delimiters and the fragments of encapsulated pixel data; it never decodes values or pixels. It accepts what
// parseDicom (dicom/parse.ts) accepts, and refuses: truncation anywhere, values running past their item or
// sequence, undefined lengths on VRs that cannot have them (UT, OB other than pixel data, …), unterminated
// sequences and items, stray delimiters, invalid explicit VR codes and nesting deeper than a bound.
//
// Why not parseDicom itself: it needs the whole dataset in one buffer. This is a byte-driven state machine
// with a fixed stack: no allocation per element or per chunk, O(1) work for a value whatever its size.
import { dictionaryVr } from './dictionary.js';
import { ITEM, ITEM_DELIMITER, PIXEL_DATA, SEQUENCE_DELIMITER, formatTag } from './tag.js';
import type { Syntax } from './transfer-syntax.js';

export class StructureError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} (at byte ${offset})`);
  }
}

/** Sequences nested deeper than this are refused (PS3.5 sets no limit; real data stays below 10). */
export const DEFAULT_MAX_DEPTH = 64;

const UNDEFINED = 0xffffffff;

// Frame kinds on the stack.
const TOP = 0; // the dataset itself: ends with the stream
const ITEM_DATASET = 1; // the dataset of an item: ends at its length or at an item delimiter
const SEQUENCE = 2; // items: end at the sequence's length or at a sequence delimiter
const FRAGMENTS = 3; // encapsulated pixel data: items of raw bytes up to a sequence delimiter

// What the next bytes are.
const HEADER = 0; // an element, item or delimiter header (what kind depends on the frame)
const SKIP = 1; // value bytes
const ZEROS = 2; // trailing padding: zero bytes to the end of the frame (or of the stream)

/** 0 = not a VR, 1 = 16-bit length, 2 = reserved + 32-bit length; indexed by the two VR bytes. */
const VR_CLASS = new Uint8Array(65536);
for (const vr of ['AE', 'AS', 'AT', 'CS', 'DA', 'DS', 'DT', 'FD', 'FL', 'IS', 'LO', 'LT', 'PN', 'SH', 'SL', 'SS', 'ST', 'TM', 'UI', 'UL', 'US']) VR_CLASS[(vr.charCodeAt(0) << 8) | vr.charCodeAt(1)] = 1;
for (const vr of ['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']) VR_CLASS[(vr.charCodeAt(0) << 8) | vr.charCodeAt(1)] = 2;
const VR_SQ = (0x53 << 8) | 0x51;
const VR_UN = (0x55 << 8) | 0x4e;

/** Unknown but well-formed VR codes (two upper-case letters) are read with a 16-bit length, as parse.ts does. */
function vrClass(a: number, b: number): number {
  const known = VR_CLASS[(a << 8) | b];
  if (known) return known;
  return a >= 0x41 && a <= 0x5a && b >= 0x41 && b <= 0x5a ? 1 : 0;
}

export class StructureValidator {
  private readonly kind: Uint8Array;
  /** Absolute end offset of each frame, or -1 when it ends at a delimiter (or the stream). */
  private readonly end: Float64Array;
  /** Nearest defined end at or above each frame: nothing inside may go past it. */
  private readonly limit: Float64Array;
  private readonly explicit: Uint8Array;
  private readonly little: Uint8Array;
  private top = 0;
  private sequences = 0;
  private pos = 0;
  private mode = HEADER;
  private skip = 0;
  private readonly header = Buffer.alloc(12);
  private fill = 0;
  /** Where the current header's bytes are: the chunk itself, or `header` when it spans chunks. */
  private hb: Uint8Array = this.header;
  private ho = 0;
  private failed: StructureError | undefined;
  private pixelHeaderEnd = -1;

  constructor(
    syntax: Syntax,
    private readonly maxDepth = DEFAULT_MAX_DEPTH,
  ) {
    const size = maxDepth * 2 + 4;
    this.kind = new Uint8Array(size);
    this.end = new Float64Array(size);
    this.limit = new Float64Array(size);
    this.explicit = new Uint8Array(size);
    this.little = new Uint8Array(size);
    this.kind[0] = TOP;
    this.end[0] = -1;
    this.limit[0] = -1;
    this.explicit[0] = syntax.explicit ? 1 : 0;
    this.little[0] = syntax.littleEndian ? 1 : 0;
  }

  /** Bytes seen so far. */
  get offset(): number {
    return this.pos;
  }

  /**
   * Where the header of the dataset's own Pixel Data element ends (-1 until it was read): a reader that stops
   * at the pixel data needs no byte past it.
   */
  get pixelDataHeaderEnd(): number {
    return this.pixelHeaderEnd;
  }

  /** Feeds the next bytes; throws a StructureError at the first byte that cannot belong to a whole dataset. */
  push(chunk: Uint8Array): void {
    if (this.failed) throw this.failed;
    try {
      this.consume(chunk);
    } catch (err) {
      this.failed = err instanceof StructureError ? err : new StructureError(String(err), this.pos);
      throw this.failed;
    }
  }

  /** The stream ended: throws unless every sequence, item and value is complete. */
  finish(): void {
    if (this.failed) throw this.failed;
    if (this.top === 0 && this.mode === ZEROS) return;
    this.hb = this.header;
    this.ho = 0;
    if (this.top === 0 && this.mode === HEADER && (this.fill === 0 || this.headerIsZero(this.fill))) return;
    const what = this.mode === SKIP ? `a value (${this.skip} bytes missing)` : this.top === 0 ? 'an element header' : this.kind[this.top] === FRAGMENTS ? 'encapsulated pixel data' : this.kind[this.top] === SEQUENCE ? 'a sequence' : 'an item';
    this.failed = new StructureError(`dataset is truncated: it ends inside ${what}`, this.pos);
    throw this.failed;
  }

  private consume(chunk: Uint8Array): void {
    let off = 0;
    const length = chunk.length;
    while (off < length) {
      if (this.mode === SKIP) {
        const n = Math.min(this.skip, length - off);
        this.skip -= n;
        this.pos += n;
        off += n;
        if (this.skip === 0) this.valueDone();
        continue;
      }
      if (this.mode === ZEROS) {
        const frameEnd = this.end[this.top];
        const stop = frameEnd < 0 ? length : Math.min(length, off + (frameEnd - this.pos));
        for (let i = off; i < stop; i++) if (chunk[i] !== 0) throw new StructureError('unexpected bytes after the last element', this.pos + (i - off));
        this.pos += stop - off;
        off = stop;
        if (frameEnd >= 0 && this.pos === frameEnd) this.valueDone();
        continue;
      }
      // HEADER: gather 8 bytes (12 for an explicit VR with a 32-bit length), then act on them.
      if (this.fill === 0) {
        const limit = this.limit[this.top];
        if (limit >= 0 && limit - this.pos < 8) {
          // Fewer bytes left than a header: zero padding at the end of a defined-length item (as parse.ts allows).
          if (this.kind[this.top] !== ITEM_DATASET || this.end[this.top] !== limit) throw new StructureError(this.kind[this.top] === SEQUENCE ? 'truncated sequence' : 'truncated element header', this.pos);
          this.mode = ZEROS;
          continue;
        }
      }
      if (this.fill === 0 && length - off >= 12) {
        // The whole header is in this chunk: read it where it is, without copying.
        this.hb = chunk;
        this.ho = off;
        const headerLength = this.needsLongHeader() ? 12 : 8;
        off += headerLength;
        this.onHeader(headerLength);
        continue;
      }
      this.hb = this.header;
      this.ho = 0;
      const need = this.fill >= 8 && this.needsLongHeader() ? 12 : 8;
      const n = Math.min(need - this.fill, length - off);
      for (let i = 0; i < n; i++) this.header[this.fill + i] = chunk[off + i];
      this.fill += n;
      off += n;
      if (this.fill < need) continue;
      if (need === 8 && this.needsLongHeader()) continue; // read the 4 more bytes first
      const headerLength = this.fill;
      this.fill = 0;
      this.onHeader(headerLength);
    }
  }

  private needsLongHeader(): boolean {
    const k = this.kind[this.top];
    if ((k !== TOP && k !== ITEM_DATASET) || !this.explicit[this.top]) return false;
    const tag = this.tagAt(0);
    if (tag === ITEM_DELIMITER || tag === ITEM || tag === SEQUENCE_DELIMITER) return false;
    return vrClass(this.hb[this.ho + 4], this.hb[this.ho + 5]) === 2;
  }

  private headerIsZero(n: number): boolean {
    for (let i = 0; i < n; i++) if (this.hb[this.ho + i] !== 0) return false;
    return true;
  }

  private u16(offset: number): number {
    const h = this.hb;
    const at = this.ho + offset;
    return this.little[this.top] ? h[at] | (h[at + 1] << 8) : (h[at] << 8) | h[at + 1];
  }

  private u32(offset: number): number {
    const h = this.hb;
    const at = this.ho + offset;
    return this.little[this.top] ? (h[at] | (h[at + 1] << 8) | (h[at + 2] << 16)) + h[at + 3] * 0x1000000 : h[at] * 0x1000000 + ((h[at + 1] << 16) | (h[at + 2] << 8) | h[at + 3]);
  }

  private tagAt(at: number): number {
    return ((this.u16(at) << 16) | this.u16(at + 2)) >>> 0;
  }

  private onHeader(headerLength: number): void {
    const start = this.pos;
    this.pos += headerLength;
    const k = this.kind[this.top];
    const limit = this.limit[this.top];
    if (limit >= 0 && this.pos > limit) throw new StructureError('truncated element header', start);
    const tag = this.tagAt(0);
    if (k === SEQUENCE) return this.onItemHeader(tag, start);
    if (k === FRAGMENTS) return this.onFragmentHeader(tag, start);
    if (tag === ITEM_DELIMITER) {
      if (k !== ITEM_DATASET || this.end[this.top] >= 0) throw new StructureError('item delimiter outside an undefined-length item', start);
      this.pop();
      return;
    }
    if (tag === ITEM || tag === SEQUENCE_DELIMITER) throw new StructureError(`unexpected ${formatTag(tag)} in a dataset`, start);
    if (tag === 0 && this.headerIsZero(headerLength) && (k === TOP || this.end[this.top] >= 0)) {
      // Trailing zero padding after the last element (some writers pad to a block size).
      this.pos = start;
      this.mode = ZEROS;
      this.consumeZeroHeader(headerLength, this.end[this.top]);
      return;
    }
    let length: number;
    let sequence = false;
    let unSequence = false;
    if (this.explicit[this.top]) {
      const a = this.hb[this.ho + 4];
      const b = this.hb[this.ho + 5];
      const cls = vrClass(a, b);
      if (cls === 0) throw new StructureError(`invalid VR bytes ${a},${b} for ${formatTag(tag)}`, start);
      length = cls === 2 ? this.u32(8) : this.u16(6);
      const code = (a << 8) | b;
      sequence = code === VR_SQ;
      unSequence = code === VR_UN;
    } else {
      length = this.u32(4);
      sequence = length !== UNDEFINED ? dictionaryVr(tag) === 'SQ' : true;
    }
    if (tag === PIXEL_DATA && this.top === 0 && this.pixelHeaderEnd < 0) this.pixelHeaderEnd = this.pos;
    if (length === UNDEFINED) {
      if (tag === PIXEL_DATA) return this.open(FRAGMENTS, -1, this.explicit[this.top], this.little[this.top], start);
      if (sequence) return this.open(SEQUENCE, -1, this.explicit[this.top], this.little[this.top], start);
      // An explicit UN of undefined length is a sequence in implicit VR little endian (PS3.5 6.2.2).
      if (unSequence) return this.open(SEQUENCE, -1, 0, 1, start);
      throw new StructureError(`undefined length for ${formatTag(tag)}, which is not a sequence or pixel data`, start);
    }
    if (limit >= 0 && this.pos + length > limit) throw new StructureError(`value of ${formatTag(tag)} runs past the end of its item (${length} bytes)`, start);
    if (sequence) {
      this.open(SEQUENCE, this.pos + length, this.explicit[this.top], this.little[this.top], start);
      return;
    }
    this.startSkip(length);
  }

  private consumeZeroHeader(headerLength: number, frameEnd: number): void {
    this.pos += headerLength;
    if (frameEnd >= 0 && this.pos >= frameEnd) {
      this.pos = frameEnd;
      this.valueDone();
    }
  }

  private onItemHeader(tag: number, start: number): void {
    const length = this.u32(4);
    if (tag === SEQUENCE_DELIMITER) {
      if (this.end[this.top] >= 0) throw new StructureError('sequence delimiter in a defined-length sequence', start);
      this.pop();
      return;
    }
    if (tag !== ITEM) throw new StructureError(`expected an item, found ${formatTag(tag)}`, start);
    if (length === UNDEFINED) return this.open(ITEM_DATASET, -1, this.explicit[this.top], this.little[this.top], start);
    const limit = this.limit[this.top];
    if (limit >= 0 && this.pos + length > limit) throw new StructureError('item runs past its sequence', start);
    this.open(ITEM_DATASET, this.pos + length, this.explicit[this.top], this.little[this.top], start);
  }

  private onFragmentHeader(tag: number, start: number): void {
    const length = this.u32(4);
    if (tag === SEQUENCE_DELIMITER) {
      this.pop();
      return;
    }
    if (tag !== ITEM || length === UNDEFINED) throw new StructureError('bad fragment in encapsulated pixel data', start);
    const limit = this.limit[this.top];
    if (limit >= 0 && this.pos + length > limit) throw new StructureError('pixel data fragment runs past its item', start);
    this.startSkip(length);
  }

  private open(kind: number, end: number, explicit: number, little: number, start: number): void {
    if (kind === SEQUENCE && this.sequences >= this.maxDepth) throw new StructureError(`sequences nested deeper than ${this.maxDepth} levels`, start);
    if (this.top + 1 >= this.kind.length) throw new StructureError('nesting too deep', start);
    const parentLimit = this.limit[this.top];
    const t = ++this.top;
    if (kind === SEQUENCE) this.sequences++;
    this.kind[t] = kind;
    this.end[t] = end;
    this.limit[t] = end >= 0 ? end : parentLimit;
    this.explicit[t] = explicit;
    this.little[t] = little;
    this.mode = HEADER;
    if (end >= 0 && this.pos === end) this.closeFinished();
  }

  private pop(): void {
    if (this.kind[this.top] === SEQUENCE) this.sequences--;
    this.top--;
    this.mode = HEADER;
    this.closeFinished();
  }

  private startSkip(length: number): void {
    if (length === 0) return this.valueDone();
    this.skip = length;
    this.mode = SKIP;
  }

  private valueDone(): void {
    this.mode = HEADER;
    this.closeFinished();
  }

  /** Closes every defined-length frame that ends exactly here. */
  private closeFinished(): void {
    while (this.top > 0 && this.end[this.top] >= 0 && this.pos === this.end[this.top]) {
      if (this.kind[this.top] === SEQUENCE) this.sequences--;
      this.top--;
    }
    this.mode = HEADER;
  }
}
