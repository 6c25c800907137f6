// The durable write of one received instance. Success is answered only after the file is fsynced, moved
// into the quarantine layout and its index row committed; any failure leaves nothing behind.
import { randomUUID } from 'node:crypto';
import { renameSync } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Logger } from '../../platform/logger.js';
import { HeaderError, readInstanceHeader, type InstanceHeader } from '../quarantine/header.js';
import { incomingDir, instancePath } from '../quarantine/layout.js';
import type { IndexRecord } from '../quarantine/repository.js';
import { fileMetaHeader } from './file-meta.js';
import { HEADER_PREFIX_BYTES, spoolDataset } from './spool.js';

export const Status = {
  Success: 0x0000,
  OutOfResources: 0xa700,
  DataSetDoesNotMatchSopClass: 0xa900,
  CannotUnderstand: 0xc000,
  ProcessingFailure: 0x0110,
} as const;


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
    const spooled = await spoolDataset(temp, fileMetaHeader({ ...received, sourceAeTitle: received.callingAet }), received.dataset);
    const size = spooled.datasetBytes;

    let header: InstanceHeader;
    try {
      header = readInstanceHeader(spooled.prefix, received.transferSyntaxUid, size <= HEADER_PREFIX_BYTES);
      if (header.sopInstanceUid !== received.sopInstanceUid) {
        throw new Refusal(Status.CannotUnderstand, `SOP Instance UID of the dataset differs from the C-STORE command's`);
      }
      if (header.sopClassUid !== received.sopClassUid) {
        throw new Refusal(Status.DataSetDoesNotMatchSopClass, `SOP Class UID of the dataset differs from the C-STORE command's`);
      }
      finalPath = instancePath(deps.dataDir, header.studyInstanceUid, header.seriesInstanceUid, header.sopInstanceUid);
      await ensureFolder(dirname(finalPath));
    } catch (err) {
      await spooled.finish(false).catch(() => undefined);
      if (err instanceof HeaderError) throw new Refusal(Status.CannotUnderstand, err.message);
      throw err;
    }
    // Renamed first, then the file and its folder are fsynced together: both land in one journal commit
    // instead of two. Until both are done nothing is acknowledged; recovery at start indexes an
    // unacknowledged file left by a crash only if it parses whole (quarantine/recovery.ts).
    renameSync(temp, finalPath);
    moved = true;
    const sync = deps.fsync !== false;
    await Promise.all([
      spooled.finish(sync),
      sync ? fsyncDirectory(dirname(finalPath)) : undefined,
      deps.index({
        header,
        transferSyntaxUid: received.transferSyntaxUid,
        path: finalPath,
        sizeBytes: spooled.fileBytes,
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
