// The durable write of one received instance. Success is answered only after the file is fsynced, moved
// into the quarantine layout and its index row committed; any failure leaves nothing behind.
import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Logger } from '../../platform/logger.js';
import { HeaderError, readInstanceHeader, type InstanceHeader } from '../quarantine/header.js';
import { incomingDir, instancePath } from '../quarantine/layout.js';
import type { IndexRecord } from '../quarantine/repository.js';
import { fileMetaHeader } from './file-meta.js';

export const Status = {
  Success: 0x0000,
  OutOfResources: 0xa700,
  DataSetDoesNotMatchSopClass: 0xa900,
  CannotUnderstand: 0xc000,
  ProcessingFailure: 0x0110,
} as const;

/** Bytes of each dataset kept in memory for the header parse; the rest only flows through to disk. */
export const HEADER_PREFIX_BYTES = 256 * 1024;
/** Writes are gathered up to this size, so a large instance costs few system calls. */
const WRITE_CHUNK_BYTES = 256 * 1024;

export interface ReceivedInstance {
  sopClassUid: string;
  sopInstanceUid: string;
  transferSyntaxUid: string;
  callingAet: string;
  sourceAddress: string;
  dataset: Readable;
}

export interface StoreOutcome {
  status: number;
  errorComment?: string;
  header?: InstanceHeader;
}

export interface StoreDeps {
  dataDir: string;
  index: (record: IndexRecord) => Promise<void>;
  /** Whether an instance already has an index row (to keep an earlier copy when a resend fails). */
  isIndexed?: (sopInstanceUid: string) => Promise<boolean>;
  logger: Logger;
  /** fsync file and folder before Success (see config dicom.fsync). Default true. */
  fsync?: boolean;
  now?: () => Date;
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const RESOURCE_ERRORS = new Set(['ENOSPC', 'EDQUOT', 'EMFILE', 'ENFILE', 'ENOMEM', 'EROFS', 'EACCES', 'EPERM', 'EIO']);

async function fsyncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Folders known to exist, so the hot path does not ask the file system again for every instance. */
const knownFolders = new Set<string>();

async function ensureFolder(folder: string): Promise<void> {
  if (knownFolders.has(folder)) return;
  await mkdir(folder, { recursive: true });
  if (knownFolders.size > 10_000) knownFolders.clear();
  knownFolders.add(folder);
}

export async function storeInstance(deps: StoreDeps, received: ReceivedInstance): Promise<StoreOutcome> {
  const temp = join(incomingDir(deps.dataDir), `${randomUUID()}.part`);
  let finalPath: string | undefined;
  let moved = false;
  try {
    const handle = await open(temp, 'wx', 0o640);
    let size = 0;
    let metaBytes = 0;
    const prefix: Buffer[] = [];
    let prefixBytes = 0;
    let synced: Promise<void>;
    try {
      const meta = fileMetaHeader({ ...received, sourceAeTitle: received.callingAet });
      metaBytes = meta.length;
      let pending: Buffer[] = [meta];
      let pendingBytes = meta.length;
      for await (const chunk of received.dataset as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (prefixBytes < HEADER_PREFIX_BYTES) {
          const part = chunk.subarray(0, HEADER_PREFIX_BYTES - prefixBytes);
          // Copy: the chunk may be a view into a socket buffer that is reused.
          prefix.push(Buffer.from(part));
          prefixBytes += part.length;
        }
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= WRITE_CHUNK_BYTES) {
          await handle.writev(pending);
          pending = [];
          pendingBytes = 0;
        }
      }
      if (pending.length) await handle.writev(pending);
      // The fsync runs on the thread pool while the header is parsed and the folder made ready.
      synced = (deps.fsync === false ? Promise.resolve() : handle.sync()).finally(() => handle.close());
    } catch (err) {
      await handle.close();
      throw err;
    }

    let header: InstanceHeader;
    try {
      header = readInstanceHeader(Buffer.concat(prefix), received.transferSyntaxUid, size <= HEADER_PREFIX_BYTES);
      if (header.sopInstanceUid !== received.sopInstanceUid) {
        throw new Refusal(Status.CannotUnderstand, `SOP Instance UID of the dataset differs from the C-STORE command's`);
      }
      if (header.sopClassUid !== received.sopClassUid) {
        throw new Refusal(Status.DataSetDoesNotMatchSopClass, `SOP Class UID of the dataset differs from the C-STORE command's`);
      }
      finalPath = instancePath(deps.dataDir, header.studyInstanceUid, header.seriesInstanceUid, header.sopInstanceUid);
      await ensureFolder(dirname(finalPath));
    } catch (err) {
      await synced.catch(() => undefined);
      if (err instanceof HeaderError) throw new Refusal(Status.CannotUnderstand, err.message);
      throw err;
    }
    await synced;
    await rename(temp, finalPath);
    moved = true;

    // The folder's fsync (making the rename durable) and the index commit are independent; both must be
    // done before the sender hears Success.
    await Promise.all([
      deps.fsync === false ? undefined : fsyncDirectory(dirname(finalPath)),
      deps.index({
        header,
        transferSyntaxUid: received.transferSyntaxUid,
        path: finalPath,
        sizeBytes: metaBytes + size,
        callingAet: received.callingAet,
        sourceAddress: received.sourceAddress,
        receivedAt: (deps.now?.() ?? new Date()).toISOString(),
      }),
    ]);
    return { status: Status.Success, header };
  } catch (err) {
    if (!moved) await rm(temp, { force: true }).catch(() => undefined);
    // A file that never got its index row goes again, unless it is the copy an earlier send indexed.
    else if (finalPath && !(await deps.isIndexed?.(received.sopInstanceUid).catch(() => true))) await rm(finalPath, { force: true }).catch(() => undefined);
    if (err instanceof Refusal) {
      deps.logger.warn({ sopInstanceUid: received.sopInstanceUid, callingAet: received.callingAet, reason: err.message }, 'instance refused');
      return { status: err.status, errorComment: err.message.slice(0, 64) };
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (code && RESOURCE_ERRORS.has(code)) {
      deps.logger.error({ sopInstanceUid: received.sopInstanceUid, code }, 'instance not stored: out of resources');
      return { status: Status.OutOfResources, errorComment: `Out of resources (${code})` };
    }
    if (code === 'ERR_STREAM_PREMATURE_CLOSE' || (err as Error).name === 'AbortError' || received.dataset.destroyed) {
      deps.logger.warn({ sopInstanceUid: received.sopInstanceUid, reason: (err as Error).message }, 'instance abandoned: association ended mid-instance');
      return { status: Status.ProcessingFailure, errorComment: 'association ended mid-instance' };
    }
    deps.logger.error({ sopInstanceUid: received.sopInstanceUid, err }, 'instance not stored');
    return { status: Status.ProcessingFailure, errorComment: `Processing failure: ${(err as Error).message}`.slice(0, 64) };
  }
}
