// Writes a received dataset to its temporary file, already open (receive/spare-files.ts makes them ahead of
// need). A small instance is gathered in memory (bounded by WRITE_CHUNK_BYTES) and written with one
// synchronous call, which costs less than a thread-pool round trip; a large one streams to disk in chunks
// as it arrives. Either way the fsync runs on the thread pool, and the close follows on the event loop.
import { closeSync, fsync, writev, writevSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { TempFile } from './spare-files.js';

/**
 * The stream's chunks one by one, as they were pushed. `for await` over a Readable reads in paused mode,
 * where each read() concatenates everything buffered into a new Buffer — a copy of most of every small
 * instance (the profile of bench:receive showed it). In flowing mode each chunk comes as it is; the stream
 * is paused while more than QUEUE_BYTES wait, so back-pressure still reaches the socket.
 */
async function* chunksOf(stream: Readable): AsyncGenerator<Buffer> {
  const queue: Buffer[] = [];
  let queued = 0;
  let ended = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const signal = () => {
    wake?.();
    wake = undefined;
  };
  const onData = (chunk: Buffer) => {
    queue.push(chunk);
    queued += chunk.length;
    if (queued >= QUEUE_BYTES) stream.pause();
    signal();
  };
  const onEnd = () => {
    ended = true;
    signal();
  };
  const onError = (err: Error) => {
    failure ??= err;
    signal();
  };
  const onClose = () => {
    if (!ended) failure ??= Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
    signal();
  };
  stream.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  if (stream.destroyed) onClose();
  try {
    for (;;) {
      const chunk = queue.shift();
      if (chunk) {
        queued -= chunk.length;
        if (queued < QUEUE_BYTES && stream.isPaused() && !failure) stream.resume();
        yield chunk;
      } else if (failure) throw failure;
      else if (ended) return;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    stream.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
    if (!ended) stream.destroy();
  }
}

/** Bytes of each dataset kept in memory for the header parse; the rest only flows through to disk. */
export const HEADER_PREFIX_BYTES = 256 * 1024;
/**
 * Writes are gathered up to this size, so a large instance costs few thread-pool round trips (with 256 KB
 * writes a 2 MB instance spent 4.6 ms in its eight writes here, with 1 MB writes 1.5 ms).
 */
export const WRITE_CHUNK_BYTES = 1024 * 1024;
/**
 * What may wait while a write is on the thread pool: two writes' worth, so the socket keeps flowing while
 * the disk takes one (with one write's worth the receive stalled at every write).
 */
const QUEUE_BYTES = 2 * WRITE_CHUNK_BYTES;
/** A rest this small is written on the event loop (cheaper than a thread-pool round trip); more goes to the pool. */
const SYNC_WRITE_BYTES = 64 * 1024;

export interface Spooled {
  /** Bytes of the dataset (without the meta header). */
  datasetBytes: number;
  /** The file's size. */
  fileBytes: number;
  /**
   * The dataset's first `bytes` bytes (all it kept, up to HEADER_PREFIX_BYTES, without `bytes`): a view of the
   * first chunk when that holds them, a copy only otherwise. The header reader needs the bytes before the pixel
   * data, usually a few KB in the first chunk; a copy of the whole kept prefix was ~40 KB of fresh memory per
   * small instance (a fresh server's first 1,000 small instances took 13 minor page faults each with it, 9
   * without).
   */
  prefix(bytes?: number): Buffer;
  /**
   * Makes the file durable (fsync, if asked) and closes it. Called by the store after it has renamed the
   * file into place, so the fsync of the file and of its new folder can share one journal commit.
   */
  finish(sync: boolean): Promise<void>;
}

function writeAll(fd: number, buffers: Buffer[]): Promise<void> {
  return new Promise((resolve, reject) =>
    writev(fd, buffers, (err, written) => {
      if (err) return reject(err);
      const total = buffers.reduce((n, b) => n + b.length, 0);
      if (written === total) return resolve();
      // A short write (rare: a full disk answers with an error): write what is left.
      let skip = written;
      const rest: Buffer[] = [];
      for (const b of buffers) {
        if (skip >= b.length) skip -= b.length;
        else {
          rest.push(skip ? b.subarray(skip) : b);
          skip = 0;
        }
      }
      writeAll(fd, rest).then(resolve, reject);
    }),
  );
}

function writeAllSync(fd: number, buffers: Buffer[]): void {
  let rest = buffers;
  for (;;) {
    let skip = writevSync(fd, rest);
    const next: Buffer[] = [];
    for (const b of rest) {
      if (skip >= b.length) skip -= b.length;
      else {
        next.push(skip ? b.subarray(skip) : b);
        skip = 0;
      }
    }
    if (!next.length) return;
    rest = next;
  }
}

/**
 * fsync (if asked) on the thread pool; the close runs on the event loop (microseconds, where a thread-pool
 * round trip cost far more here): after the fsync, or without one in the next turn of the loop, behind the
 * answer the caller is about to send.
 */
function syncThenClose(fd: number, sync: boolean): Promise<void> {
  if (!sync) {
    setImmediate(closeQuietly, fd);
    return Promise.resolve();
  }
  return new Promise<void>((resolve, reject) =>
    fsync(fd, (err) => {
      closeQuietly(fd);
      if (err) reject(err);
      else resolve();
    }),
  );
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // The data was written (and fsynced, if asked) before; a failing close adds nothing to report.
  }
}

/**
 * @param observe sees every chunk before it is written (the structure check and the hash); a throw (or a
 *   rejected promise) stops the spool and removes the file.
 * @param ended runs after the last chunk, before the last write: a throw there means a small dataset is never
 *   written at all.
 */
export async function spoolDataset(
  file: TempFile,
  header: Buffer,
  dataset: Readable,
  observe?: (chunk: Buffer) => void | Promise<void>,
  ended?: () => Promise<void>,
): Promise<Spooled> {
  const prefix: Buffer[] = [];
  let prefixBytes = 0;
  let datasetBytes = 0;
  let pending: Buffer[] = [header];
  let pendingBytes = header.length;
  let fd = file.fd;
  const finish = (sync: boolean) => {
    const open = fd;
    fd = -1;
    return open < 0 ? Promise.resolve() : syncThenClose(open, sync);
  };
  try {
    for await (const chunk of chunksOf(dataset)) {
      const observed = observe?.(chunk);
      if (observed) await observed;
      datasetBytes += chunk.length;
      if (prefixBytes < HEADER_PREFIX_BYTES) {
        // Views, copied at the end only if the header reader needs bytes from more than one: Node gives every
        // socket read a buffer of its own (never reused), so a view stays valid.
        const part = chunk.subarray(0, HEADER_PREFIX_BYTES - prefixBytes);
        prefix.push(part);
        prefixBytes += part.length;
      }
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= WRITE_CHUNK_BYTES) {
        await writeAll(fd, pending);
        pending = [];
        pendingBytes = 0;
      }
    }
    await ended?.();
    // The last write: a large rest is written on the thread pool (a dirty page cache makes a big synchronous
    // write stall the event loop for milliseconds, every association with it).
    if (pendingBytes > SYNC_WRITE_BYTES) await writeAll(fd, pending);
    else if (pending.length) writeAllSync(fd, pending);
    const kept = (bytes = prefixBytes): Buffer => {
      const n = Math.min(bytes, prefixBytes);
      if (n === 0) return Buffer.alloc(0);
      return prefix[0].length >= n ? prefix[0].subarray(0, n) : Buffer.concat(prefix, n);
    };
    return { datasetBytes, fileBytes: header.length + datasetBytes, prefix: kept, finish };
  } catch (err) {
    await finish(false);
    await rm(file.path, { force: true }).catch(() => undefined);
    throw err;
  }
}
