// The export's zip, written straight to a file: stored entries (DICOM pixel data and .nii.gz barely shrink,
// and deflate was most of the CPU of an export) and deflated small text entries (manifest, sidecars), zip64
// as soon as an entry, the archive or the entry count needs it. Entries are appended in the order they are
// added, one at a time; each add resolves once its bytes are written (no fsync per entry). The SHA-256 of
// every entry and of the archive itself are taken from the bytes on their way to disk.
//
// Our own writer rather than yazl (used before): yazl computes CRC-32 in JavaScript (buffer-crc32, the
// largest item of an export's CPU profile) and pipes every entry through five streams, while the export
// usually holds a whole instance in memory already; here CRC-32 is zlib's native one and an instance is
// one writev (local header and data together). Buffered entries carry their sizes and CRC in the local
// header; entries streamed from a file use a data descriptor (PKWARE APPNOTE 4.3.9).
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, stat, type FileHandle } from 'node:fs/promises';
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  path: string;
  bytes: number;
  sha256: string;
}

interface CentralRecord {
  name: Buffer;
  method: number;
  flags: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

const U32 = 0xffffffff;
const U16 = 0xffff;
const UTF8 = 0x0800;
const DESCRIPTOR = 0x0008;
/** A file entry at or above this size is written in zip64 form (its size is only known at the end). */
const ZIP64_FILE = 0xffff0000;
/** Files larger than this are stored, whatever was asked (deflate reads the whole file into memory). */
const MAX_DEFLATE_FILE = 64 * 1024 * 1024;
const READ_CHUNK = 1024 * 1024;
/** Bytes of entries waiting to be written before producers are asked to wait (see ready()). */
const HIGH_WATER = 16 * 1024 * 1024;

interface Batched {
  record: CentralRecord;
  body: Buffer[];
  entry: ZipEntry;
  resolve(entry: ZipEntry): void;
  reject(err: Error): void;
}

function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: (Math.max(0, d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 4) | d.getDate(),
  };
}

export class ZipWriter {
  readonly entries: ZipEntry[] = [];
  private readonly central: CentralRecord[] = [];
  private readonly handle: Promise<FileHandle>;
  private readonly hash = createHash('sha256');
  private readonly stamp = dosTime(new Date());
  private offset = 0;
  private tail: Promise<unknown> = Promise.resolve();
  private failure: Error | undefined;
  private aborted = false;
  private batch: Batched[] = [];
  private batchBytes = 0;
  private waiters: { resolve(): void; reject(err: Error): void }[] = [];

  constructor(readonly file: string) {
    this.handle = open(file, 'w');
    this.handle.catch((err: Error) => (this.failure ??= err));
  }

  /**
   * Adds `data` (one buffer or its parts in order) under `path`; resolves once its bytes are in the
   * archive. Entries added while a write is under way go out together in one writev (one round trip to
   * the file system for many small instances); `ready()` tells a producer when to wait.
   */
  addBuffer(data: Buffer | Buffer[], path: string, compress = false): Promise<ZipEntry> {
    if (this.failure) return Promise.reject(this.failure);
    const parts = Array.isArray(data) ? data : [data];
    // The checksums are taken before queueing, so parallel producers hash on their own turn.
    let crc = 0;
    let size = 0;
    const sha = createHash('sha256');
    for (const p of parts) {
      crc = crc32(p, crc);
      size += p.length;
      sha.update(p);
    }
    const body = compress ? [deflateRawSync(parts.length === 1 ? parts[0] : Buffer.concat(parts))] : parts;
    const compressed = compress ? body[0].length : size;
    const entry: ZipEntry = { path, bytes: size, sha256: sha.digest('hex') };
    const name = Buffer.from(path, 'utf8');
    const record: CentralRecord = { name, method: compress ? 8 : 0, flags: UTF8, crc, compressed, size, offset: 0 };
    return new Promise<ZipEntry>((resolve, reject) => {
      this.batch.push({ record, body, entry, resolve, reject });
      this.batchBytes += compressed;
      if (this.batch.length === 1) this.queue(() => this.flushBatch()).catch((err: Error) => this.rejectWaiting(err));
    });
  }

  /** Resolves when the entries waiting to be written are below the high-water mark. */
  ready(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.batchBytes < HIGH_WATER) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private rejectWaiting(err: Error): void {
    for (const b of this.batch.splice(0)) b.reject(err);
    this.batchBytes = 0;
    for (const w of this.waiters.splice(0)) w.reject(err);
  }

  private async flushBatch(): Promise<void> {
    while (this.batch.length > 0) {
      const taken: Batched[] = [];
      const parts: Buffer[] = [];
      let bytes = 0;
      // Bounded writev: at most 512 buffers or 16 MB at once.
      let n = 0;
      for (; n < this.batch.length && parts.length < 512 && bytes < HIGH_WATER; n++) {
        const b = this.batch[n];
        b.record.offset = this.offset + bytes;
        const head = this.localHeader(b.record, false);
        parts.push(head, b.record.name, ...b.body);
        bytes += head.length + b.record.name.length + b.record.compressed;
        this.batchBytes -= b.record.compressed;
        taken.push(b);
      }
      this.batch.splice(0, n);
      try {
        await this.write(parts);
      } catch (err) {
        for (const b of taken) b.reject(err as Error);
        throw err;
      }
      for (const b of taken) {
        this.central.push(b.record);
        this.entries.push(b.entry);
        b.resolve(b.entry);
      }
      if (this.batchBytes < HIGH_WATER) for (const w of this.waiters.splice(0)) w.resolve();
    }
  }

  /** Adds a file's content under `path`, read when the archive reaches it (small files may be deflated). */
  async addFile(realPath: string, path: string, compress = false): Promise<ZipEntry> {
    const { size } = await stat(realPath);
    if (compress && size <= MAX_DEFLATE_FILE) return this.addBuffer(await readFile(realPath), path, true);
    return this.queue(async () => {
      const name = Buffer.from(path, 'utf8');
      const zip64 = size >= ZIP64_FILE;
      const record: CentralRecord = { name, method: 0, flags: UTF8 | DESCRIPTOR, crc: 0, compressed: 0, size: 0, offset: this.offset };
      const extra = zip64 ? zip64Extra([0, 0]) : Buffer.alloc(0);
      await this.write([this.localHeader(record, zip64, extra.length), name, extra]);
      const sha: Hash = createHash('sha256');
      let crc = 0;
      let bytes = 0;
      for await (const chunk of createReadStream(realPath, { highWaterMark: READ_CHUNK })) {
        const b = chunk as Buffer;
        crc = crc32(b, crc);
        sha.update(b);
        bytes += b.length;
        await this.write([b]);
      }
      record.crc = crc;
      record.size = bytes;
      record.compressed = bytes;
      const descriptor = Buffer.alloc(zip64 ? 24 : 16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      if (zip64) {
        descriptor.writeBigUInt64LE(BigInt(bytes), 8);
        descriptor.writeBigUInt64LE(BigInt(bytes), 16);
      } else {
        if (bytes >= U32) throw new Error(`${realPath} grew past 4 GB while being archived`);
        descriptor.writeUInt32LE(bytes, 8);
        descriptor.writeUInt32LE(bytes, 12);
      }
      await this.write([descriptor]);
      this.central.push(record);
      const entry = { path, bytes, sha256: sha.digest('hex') };
      this.entries.push(entry);
      return entry;
    });
  }

  /** Writes the central directory, closes the file; the archive's size and SHA-256. */
  async finish(): Promise<{ bytes: number; sha256: string }> {
    await this.queue(async () => {
      const start = this.offset;
      const parts: Buffer[] = [];
      for (const r of this.central) parts.push(...this.centralHeader(r));
      await this.write([Buffer.concat(parts)]);
      const size = this.offset - start;
      const count = this.central.length;
      const tail: Buffer[] = [];
      if (count >= U16 || start >= U32 || size >= U32) {
        const at = this.offset;
        const record = Buffer.alloc(56);
        record.writeUInt32LE(0x06064b50, 0);
        record.writeBigUInt64LE(44n, 4);
        record.writeUInt16LE(45 | (3 << 8), 12);
        record.writeUInt16LE(45, 14);
        record.writeBigUInt64LE(BigInt(count), 24);
        record.writeBigUInt64LE(BigInt(count), 32);
        record.writeBigUInt64LE(BigInt(size), 40);
        record.writeBigUInt64LE(BigInt(start), 48);
        const locator = Buffer.alloc(20);
        locator.writeUInt32LE(0x07064b50, 0);
        locator.writeBigUInt64LE(BigInt(at), 8);
        locator.writeUInt32LE(1, 16);
        tail.push(record, locator);
      }
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(Math.min(count, U16), 8);
      end.writeUInt16LE(Math.min(count, U16), 10);
      end.writeUInt32LE(Math.min(size, U32), 12);
      end.writeUInt32LE(Math.min(start, U32), 16);
      tail.push(end);
      await this.write(tail);
      await (await this.handle).close();
    });
    return { bytes: this.offset, sha256: this.hash.digest('hex') };
  }

  /** Stops writing and closes the file (the caller removes it). */
  abort(): void {
    this.aborted = true;
    this.failure ??= new Error('the archive was abandoned');
    this.rejectWaiting(this.failure);
    void this.tail.then(() => this.handle).then((h) => h.close()).catch(() => {});
  }

  /** Runs one archive step after the previous ones; after a failure nothing more is written. */
  private queue<T>(step: () => Promise<T>): Promise<T> {
    const run = this.tail.then(async () => {
      if (this.failure) throw this.failure;
      try {
        return await step();
      } catch (err) {
        this.failure ??= err as Error;
        throw err;
      }
    });
    this.tail = run.catch(() => {});
    return run;
  }

  private async write(parts: Buffer[]): Promise<void> {
    if (this.aborted) throw this.failure!;
    const handle = await this.handle;
    let pending = parts.filter((p) => p.length > 0);
    while (pending.length > 0) {
      const { bytesWritten } = await handle.writev(pending);
      let left = bytesWritten;
      const rest: Buffer[] = [];
      for (const p of pending) {
        if (left >= p.length) {
          this.hash.update(p);
          left -= p.length;
        } else {
          if (left > 0) this.hash.update(p.subarray(0, left));
          rest.push(p.subarray(left));
          left = 0;
        }
      }
      this.offset += bytesWritten;
      pending = rest;
    }
  }

  private localHeader(r: CentralRecord, zip64: boolean, extraLength = 0): Buffer {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(zip64 ? 45 : 20, 4);
    h.writeUInt16LE(r.flags, 6);
    h.writeUInt16LE(r.method, 8);
    h.writeUInt16LE(this.stamp.time, 10);
    h.writeUInt16LE(this.stamp.date, 12);
    // With a data descriptor, CRC and sizes follow the data (zip64: 0xFFFFFFFF here, zeros in the extra field).
    const later = (r.flags & DESCRIPTOR) !== 0;
    h.writeUInt32LE(later ? 0 : r.crc, 14);
    h.writeUInt32LE(zip64 ? U32 : later ? 0 : r.compressed, 18);
    h.writeUInt32LE(zip64 ? U32 : later ? 0 : r.size, 22);
    h.writeUInt16LE(r.name.length, 26);
    h.writeUInt16LE(extraLength, 28);
    return h;
  }

  private centralHeader(r: CentralRecord): Buffer[] {
    const big: number[] = [];
    if (r.size >= U32) big.push(r.size);
    if (r.compressed >= U32) big.push(r.compressed);
    if (r.offset >= U32) big.push(r.offset);
    const extra = big.length > 0 ? zip64Extra(big) : Buffer.alloc(0);
    const h = Buffer.alloc(46);
    h.writeUInt32LE(0x02014b50, 0);
    h.writeUInt16LE(45 | (3 << 8), 4); // made by: UNIX, spec 4.5
    h.writeUInt16LE(big.length > 0 || r.size >= ZIP64_FILE ? 45 : 20, 6);
    h.writeUInt16LE(r.flags, 8);
    h.writeUInt16LE(r.method, 10);
    h.writeUInt16LE(this.stamp.time, 12);
    h.writeUInt16LE(this.stamp.date, 14);
    h.writeUInt32LE(r.crc, 16);
    h.writeUInt32LE(Math.min(r.compressed, U32), 20);
    h.writeUInt32LE(Math.min(r.size, U32), 24);
    h.writeUInt16LE(r.name.length, 28);
    h.writeUInt16LE(extra.length, 30);
    h.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    h.writeUInt32LE(Math.min(r.offset, U32), 42);
    return [h, r.name, extra];
  }
}

/** The zip64 extended information field with the given 8-byte values (PKWARE APPNOTE 4.5.3). */
function zip64Extra(values: number[]): Buffer {
  const b = Buffer.alloc(4 + values.length * 8);
  b.writeUInt16LE(0x0001, 0);
  b.writeUInt16LE(values.length * 8, 2);
  values.forEach((v, i) => b.writeBigUInt64LE(BigInt(v), 4 + i * 8));
  return b;
}
