// A streamed zip on disk (yazl: zip64 as soon as an entry or the archive passes 4 GB): each entry is read
// from its file only when the archive reaches it, hashed (SHA-256) on the way, and the caller learns when an
// entry has been written so it can delete the source. The archive's own size and SHA-256 are taken from
// the bytes as they go to disk. A write error (full disk) fails every pending entry and finish().
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { PassThrough, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

export interface ZipEntry {
  path: string;
  bytes: number;
  sha256: string;
}

export class ZipWriter {
  readonly entries: ZipEntry[] = [];
  private readonly zip = new ZipFile();
  private readonly out: WriteStream;
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private readonly written: Promise<void>;
  private failure: Error | undefined;
  private readonly failed: Promise<never>;

  constructor(readonly file: string) {
    this.out = createWriteStream(file);
    const tap = new Transform({
      transform: (chunk: Buffer, _enc, done) => {
        this.hash.update(chunk);
        this.bytes += chunk.length;
        done(null, chunk);
      },
    });
    this.written = pipeline(this.zip.outputStream as NodeJS.ReadableStream, tap, this.out);
    this.failed = this.written.then(
      () => new Promise<never>(() => {}),
      (err: Error) => {
        this.failure = err;
        throw err;
      },
    );
    this.failed.catch(() => {});
  }

  /** Adds a file under `path` in the archive; resolves once its bytes are in the archive. */
  addFile(realPath: string, path: string, compress = false): Promise<ZipEntry> {
    if (this.failure) return Promise.reject(this.failure);
    const hash = createHash('sha256');
    let bytes = 0;
    const done = new Promise<ZipEntry>((resolve, reject) => {
      this.zip.addReadStreamLazy(path, { compress }, (cb) => {
        const source = createReadStream(realPath);
        const tap = new PassThrough();
        source.on('error', (err) => { tap.destroy(err); reject(err); });
        tap.on('data', (chunk: Buffer) => { hash.update(chunk); bytes += chunk.length; });
        tap.on('end', () => {
          const entry = { path, bytes, sha256: hash.digest('hex') };
          this.entries.push(entry);
          resolve(entry);
        });
        source.pipe(tap);
        cb(null, tap);
      });
    });
    return Promise.race([done, this.failed]);
  }

  addBuffer(buffer: Buffer, path: string): ZipEntry {
    const entry = { path, bytes: buffer.length, sha256: createHash('sha256').update(buffer).digest('hex') };
    this.zip.addBuffer(buffer, path, { compress: true });
    this.entries.push(entry);
    return entry;
  }

  /** Ends the archive and waits until it is on disk. */
  async finish(): Promise<{ bytes: number; sha256: string }> {
    this.zip.end();
    await Promise.race([this.written, this.failed]);
    return { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }

  /** Stops writing (the caller removes the file). */
  abort(): void {
    (this.zip.outputStream as unknown as PassThrough).destroy?.();
    this.out.destroy();
  }
}
