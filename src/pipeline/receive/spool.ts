// Writes a received dataset to a temporary file. A small instance (up to SYNC_WRITE_BYTES) is only gathered
// in memory while it streams in: once its header is parsed it is written into a spare file (made on the thread
// pool while the sender waited; created on the spot when none is ready) and linked into place on the event
// loop in one go (materialize()). A large one streams to disk in chunks as it arrives, its file taken when the
// first write is due. Either way the fsync runs on the thread pool, and the close follows behind the answer.
import { randomUUID } from 'node:crypto';
import { close, fsync, openSync, unlinkSync, writev, writevSync } from 'node:fs';
import { join } from 'node:path';
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
  /** The dataset's first bytes (up to HEADER_PREFIX_BYTES). */
  prefix: Buffer;
  /**
   * The temporary file's path. A small dataset still held in memory is written now, synchronously, into a
   * new file in the spool's folder (throws what the file system says: a full disk, a missing folder).
   */
  materialize(): string;
  /** Closes and removes the temporary file, if one was made (an instance not stored). */
  discard(): Promise<void>;
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
 * fsync (if asked) on the thread pool; the close is not waited for: nothing after the fsync depends on it. (A
 * close on the event loop measured slower under load: a call that sleeps there, briefly, costs a whole
 * scheduling delay on a busy machine.)
 */
function syncThenClose(fd: number, sync: boolean): Promise<void> {
  if (!sync) {
    close(fd, () => undefined);
    return Promise.resolve();
  }
  return new Promise<void>((resolve, reject) =>
    fsync(fd, (err) => {
      close(fd, () => undefined);
      if (err) reject(err);
      else resolve();
    }),
  );
}

/** Where a dataset is spooled: its temporary files' folder, and an open file made ahead of need for large ones. */
export interface SpoolTarget {
  /** Folder of temporary files (on the quarantine's file system, so a link into place is atomic). */
  dir: string;
  /** An open, empty file of our own, for a dataset that must go to disk while it streams. */
  open(): Promise<TempFile>;
  /** One made ahead of need and ready now, if any (a small dataset's file is otherwise created on the spot). */
  ready?(): TempFile | undefined;
}

/**
 * @param observe sees every chunk before it is written (the structure check and the hash); a throw (or a
 *   rejected promise) stops the spool and removes the file.
 * @param ended runs after the last chunk, before the last write: a throw there means a small dataset is never
 *   written at all.
 */
export async function spoolDataset(
  target: SpoolTarget,
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
  let file: TempFile | undefined;
  let fd = -1;
  const finish = (sync: boolean) => {
    const open = fd;
    fd = -1;
    return open < 0 ? Promise.resolve() : syncThenClose(open, sync);
  };
  const materialize = (): string => {
    if (file) return file.path;
    // A file create is the slow step here (0.5 ms median, several ms at the tail when the disk is busy):
    // a spare made on the thread pool while the sender waited is used when there is one.
    const spare = target.ready?.();
    const path = spare?.path ?? join(target.dir, `${randomUUID()}.part`);
    const made = spare?.fd ?? openSync(path, 'wx', 0o640);
    file = { path, fd: made };
    fd = made;
    try {
      writeAllSync(fd, pending);
    } catch (err) {
      close(fd, () => undefined);
      fd = -1;
      try {
        unlinkSync(path);
      } catch {
        // recovery removes it at the next start
      }
      throw err;
    } finally {
      pending = [];
      pendingBytes = 0;
    }
    return path;
  };
  const discard = async () => {
    await finish(false);
    if (file) await rm(file.path, { force: true }).catch(() => undefined);
  };
  const toDisk = async (buffers: Buffer[]) => {
    if (!file) {
      file = await target.open();
      fd = file.fd;
    }
    await writeAll(fd, buffers);
  };
  try {
    for await (const chunk of chunksOf(dataset)) {
      const observed = observe?.(chunk);
      if (observed) await observed;
      datasetBytes += chunk.length;
      // A copy of what is kept: the chunk may be a view into a socket buffer that is reused.
      if (prefixBytes < HEADER_PREFIX_BYTES) {
        const part = Buffer.from(chunk.subarray(0, HEADER_PREFIX_BYTES - prefixBytes));
        prefix.push(part);
        prefixBytes += part.length;
        pending.push(part.length === chunk.length ? part : chunk);
      } else {
        pending.push(chunk);
      }
      pendingBytes += chunk.length;
      if (pendingBytes >= WRITE_CHUNK_BYTES) {
        await toDisk(pending);
        pending = [];
        pendingBytes = 0;
      }
    }
    await ended?.();
    // The last write: a large rest is written on the thread pool (a dirty page cache makes a big synchronous
    // write stall the event loop for milliseconds, every association with it); a small one waits in memory
    // for materialize(), or is written on the event loop behind the chunks already on disk.
    if (pendingBytes > SYNC_WRITE_BYTES) {
      await toDisk(pending);
      pending = [];
      pendingBytes = 0;
    } else if (file && pending.length) {
      writeAllSync(fd, pending);
      pending = [];
      pendingBytes = 0;
    }
    const prefixBuffer = prefixBytes === 0 ? Buffer.alloc(0) : prefix.length === 1 ? prefix[0] : Buffer.concat(prefix, prefixBytes);
    return { datasetBytes, fileBytes: header.length + datasetBytes, prefix: prefixBuffer, materialize, discard, finish };
  } catch (err) {
    await discard();
    throw err;
  }
}
