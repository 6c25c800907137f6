// Writes a received dataset to its temporary file. A small instance is gathered in memory (bounded by
// WRITE_CHUNK_BYTES) and written with one synchronous call, which costs less than the thread-pool round
// trips of open/write/close; a large one streams to disk in chunks as it arrives. Either way the fsync
// runs on the thread pool, so the caller can parse the header meanwhile.
import { closeSync, fsync, openSync, writevSync } from 'node:fs';
import { open, rm, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';

/**
 * The stream's chunks one by one, as they were pushed. `for await` over a Readable reads in paused mode,
 * where each read() concatenates everything buffered into a new Buffer — a copy of most of every small
 * instance (the profile of bench:receive showed it). In flowing mode each chunk comes as it is; the stream
 * is paused while more than a write's worth waits, so back-pressure still reaches the socket.
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
    if (queued >= WRITE_CHUNK_BYTES) stream.pause();
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
        if (queued < WRITE_CHUNK_BYTES && stream.isPaused() && !failure) stream.resume();
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
/** Writes are gathered up to this size, so a large instance costs few system calls. */
export const WRITE_CHUNK_BYTES = 256 * 1024;

export interface Spooled {
  /** Bytes of the dataset (without the meta header). */
  datasetBytes: number;
  /** The file's size. */
  fileBytes: number;
  /** The dataset's first bytes (up to HEADER_PREFIX_BYTES). */
  prefix: Buffer;
  /**
   * Makes the file durable (fsync, if asked) and closes it. Called by the store after it has renamed the
   * file into place, so the fsync of the file and of its new folder can share one journal commit.
   */
  finish(sync: boolean): Promise<void>;
}

function fsyncAndClose(fd: number, sync: boolean): Promise<void> {
  if (fd < 0) return Promise.resolve();
  if (!sync) {
    closeSync(fd);
    return Promise.resolve();
  }
  return new Promise<void>((resolve, reject) =>
    fsync(fd, (err) => {
      try {
        closeSync(fd);
      } catch {
        // the fsync error is the one worth reporting
      }
      if (err) reject(err);
      else resolve();
    }),
  );
}

/**
 * @param observe sees every chunk before it is written (the structure check and the hash); a throw (or a
 *   rejected promise) stops the spool and removes the file.
 * @param ended runs after the last chunk, before the last write: a throw there means a small dataset is never
 *   written at all.
 */
export async function spoolDataset(
  path: string,
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
  let handle: FileHandle | undefined;
  try {
    for await (const chunk of chunksOf(dataset)) {
      const observed = observe?.(chunk);
      if (observed) await observed;
      datasetBytes += chunk.length;
      if (prefixBytes < HEADER_PREFIX_BYTES) {
        // A copy: the chunk may be a view into a socket buffer that is reused.
        const part = Buffer.from(chunk.subarray(0, HEADER_PREFIX_BYTES - prefixBytes));
        prefix.push(part);
        prefixBytes += part.length;
        pending.push(part.length === chunk.length ? part : chunk);
      } else {
        pending.push(chunk);
      }
      pendingBytes += chunk.length;
      if (pendingBytes >= WRITE_CHUNK_BYTES) {
        handle ??= await open(path, 'wx', 0o640);
        await handle.writev(pending);
        pending = [];
        pendingBytes = 0;
      }
    }
    await ended?.();
    let finish: (sync: boolean) => Promise<void>;
    if (handle) {
      if (pending.length) await handle.writev(pending);
      const opened = handle;
      finish = (sync) => (sync ? opened.sync() : Promise.resolve()).finally(() => opened.close());
    } else {
      let fd = openSync(path, 'wx', 0o640);
      try {
        writevSync(fd, pending);
      } catch (err) {
        closeSync(fd);
        throw err;
      }
      finish = (sync) => {
        const open = fd;
        fd = -1;
        return fsyncAndClose(open, sync);
      };
    }
    return { datasetBytes, fileBytes: header.length + datasetBytes, prefix: Buffer.concat(prefix), finish };
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await rm(path, { force: true }).catch(() => undefined);
    throw err;
  }
}
