// The durable write of one received instance. Success is answered only after the dataset parsed whole (checked
// as it streamed in) and the file is in its final place in the quarantine layout, fsynced with its folder in
// durable mode; its index row follows in a batch (quarantine/index-batcher.ts), and until it is committed the
// instance is found among the pending ones. Any failure before the answer leaves nothing behind. A copy of an
// instance already held never replaces it (see resend.ts).
import { randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, open as openFile, unlinkSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Audit } from '../../platform/audit/audit.js';
import type { Logger } from '../../platform/logger.js';
import { EXPLICIT_VR_LE } from '../../dicom/transfer-syntax.js';
import type { ConflictsRepository, ExistingInstance } from '../quarantine/conflicts-repository.js';
import { HeaderError, readInstanceHeader, type InstanceHeader } from '../quarantine/header.js';
import { incomingDir, instancePath } from '../quarantine/layout.js';
import type { IndexRecord } from '../quarantine/repository.js';
import { createDatasetCheck, StructureError } from './dataset-check.js';
import { fileMetaHeader } from './file-meta.js';
import { RunningDigest, settleResend, type ResendOutcome } from './resend.js';
import { HEADER_PREFIX_BYTES, spoolDataset, type Spooled } from './spool.js';
import type { TempFile } from './spare-files.js';
import { syncFolder } from './folder-sync.js';

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
  /** What a Success meant: a new instance, a copy identical to the one held, or a different copy kept apart. */
  disposition?: 'stored' | ResendOutcome;
}

/** Default cap on what a deflated dataset may inflate to (dicom.maxInflatedBytes). */
export const DEFAULT_MAX_INFLATED_BYTES = 256 * 1024 * 1024;

export interface StoreDeps {
  dataDir: string;
  /** The index behind the answer: rows queued for a batched commit, and the ones not committed yet. */
  index: { add(record: IndexRecord): void; pending(sopInstanceUid: string): IndexRecord | undefined };
  /** The quarantined copy of an instance, and where conflicting copies are recorded. */
  conflicts: Pick<ConflictsRepository, 'existingInstance' | 'recordHash' | 'findKeptCopy' | 'add'>;
  audit?: Audit;
  logger: Logger;
  /** Cap on the inflated size of a deflated dataset (default DEFAULT_MAX_INFLATED_BYTES). */
  maxInflatedBytes?: number;
  /** Deepest sequence nesting accepted (default 64). */
  maxSequenceDepth?: number;
  /** fsync file and folder before Success (see config dicom.fsync). Default true. */
  fsync?: boolean;
  now?: () => Date;
  /** Temporary files made ahead of need (spare-files.ts); without it each store creates one in incoming/. */
  spares?: { take(): Promise<TempFile> };
  /** Why the disk is too full to take instances now (undefined: it is not); answered 0xA700 before any byte is written. */
  diskFull?: () => string | undefined;
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

/** Folders known to exist, so the hot path does not ask the file system again for every instance. */
const knownFolders = new Set<string>();

async function ensureFolder(folder: string): Promise<void> {
  if (knownFolders.has(folder)) return;
  await mkdir(folder, { recursive: true });
  if (knownFolders.size > 10_000) knownFolders.clear();
  knownFolders.add(folder);
}

/** Stores of the same SOP Instance UID are decided one at a time, so two copies in flight cannot both be "first". */
const inFlight = new Map<string, Promise<void>>();

async function lockInstance(uid: string): Promise<{ waited: boolean; release: () => void }> {
  let waited = false;
  for (let held = inFlight.get(uid); held; held = inFlight.get(uid)) {
    waited = true;
    await held;
  }
  let done!: () => void;
  inFlight.set(uid, new Promise<void>((resolve) => (done = resolve)));
  return {
    waited,
    release: () => {
      inFlight.delete(uid);
      done();
    },
  };
}

function createTemp(deps: StoreDeps): Promise<TempFile> {
  if (deps.spares) return deps.spares.take();
  const path = join(incomingDir(deps.dataDir), `${randomUUID()}.part`);
  return new Promise((resolve, reject) => openFile(path, 'wx', 0o640, (err, fd) => (err ? reject(err) : resolve({ path, fd }))));
}

/**
 * Links the file into place unless something is already there (rename would silently replace it). The
 * temporary name goes behind the answer: the file is whole in its place already, and a name a crash left
 * behind is removed by recovery at start. It goes on the event loop, in the next turn (after the answer
 * went out): an unlink takes microseconds, a thread-pool round trip for it cost the event loop far more
 * here (the wake-up of a pool thread and the completion; perf of bench:receive).
 */
function placeWithoutReplacing(temp: string, finalPath: string, again = true): boolean {
  try {
    linkSync(temp, finalPath);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    // Retention removed the study's folder since it was last made here: make it again, once.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !again) throw err;
    knownFolders.delete(dirname(finalPath));
    mkdirSync(dirname(finalPath), { recursive: true });
    knownFolders.add(dirname(finalPath));
    return placeWithoutReplacing(temp, finalPath, false);
  }
  setImmediate(removeQuietly, temp);
  return true;
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Gone already, or left for recovery at the next start.
  }
}

/** An answered instance whose row is still pending, as the index would describe it. */
function pendingInstance(r: IndexRecord): ExistingInstance {
  return {
    path: r.path,
    studyInstanceUid: r.header.studyInstanceUid,
    seriesInstanceUid: r.header.seriesInstanceUid,
    sizeBytes: r.sizeBytes,
    datasetBytes: r.datasetBytes ?? null,
    contentSha256: r.contentSha256 ?? null,
  };
}

/** The held copy of an instance: answered and pending, or in the index. */
function heldCopy(deps: StoreDeps, sopInstanceUid: string): Promise<ExistingInstance | undefined> {
  const pending = deps.index.pending(sopInstanceUid);
  return pending ? Promise.resolve(pendingInstance(pending)) : deps.conflicts.existingInstance(sopInstanceUid);
}

/** A held copy's hash, computed once: kept in its pending record (committed with its row) and in the index. */
function recordHash(deps: StoreDeps, sopInstanceUid: string, datasetBytes: number, contentSha256: string): Promise<void> {
  const pending = deps.index.pending(sopInstanceUid);
  if (pending) Object.assign(pending, { datasetBytes, contentSha256 });
  return deps.conflicts.recordHash(sopInstanceUid, datasetBytes, contentSha256);
}

export async function storeInstance(deps: StoreDeps, received: ReceivedInstance): Promise<StoreOutcome> {
  const full = deps.diskFull?.();
  if (full) {
    // The DIMSE layer reads and drops the rest of the dataset; the sender may try again later.
    deps.logger.warn({ sopInstanceUid: received.sopInstanceUid, callingAet: received.callingAet, reason: full }, 'instance refused: disk full');
    return { status: Status.OutOfResources, errorComment: `Out of resources: ${full}`.slice(0, 64) };
  }
  let temp = '';
  let finalPath: string | undefined;
  let placed = false;
  let spooled: Spooled | undefined;
  const check = createDatasetCheck({
    transferSyntaxUid: received.transferSyntaxUid,
    maxInflatedBytes: deps.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES,
    maxDepth: deps.maxSequenceDepth,
    prefixBytes: HEADER_PREFIX_BYTES,
  });
  // The command names the instance before its bytes arrive: if the quarantine has no copy (the usual case),
  // hashing stops as soon as the look-up says so; a resend is hashed as it streams, never read again.
  const digest = new RunningDigest();
  const earlyLookup = heldCopy(deps, received.sopInstanceUid).then(
    (existing) => {
      if (!existing) digest.drop();
      return existing;
    },
    () => undefined,
  );
  try {
    const file = await createTemp(deps);
    temp = file.path;
    spooled = await spoolDataset(file, fileMetaHeader({ ...received, sourceAeTitle: received.callingAet }), received.dataset, (chunk) => {
      digest.update(chunk);
      return check.write(chunk);
    }, () => check.end());
    const size = spooled.datasetBytes;

    let header: InstanceHeader;
    try {
      header = check.inflated
        ? readInstanceHeader(check.inflated.prefix, EXPLICIT_VR_LE, check.inflated.bytes <= HEADER_PREFIX_BYTES)
        : readInstanceHeader(spooled.prefix(check.headerBytes()), received.transferSyntaxUid, size <= HEADER_PREFIX_BYTES);
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
    const sync = deps.fsync !== false;
    const receivedAt = (deps.now?.() ?? new Date()).toISOString();
    const lock = await lockInstance(header.sopInstanceUid);
    try {
      let existing: ExistingInstance | undefined = lock.waited ? await heldCopy(deps, header.sopInstanceUid) : await earlyLookup;
      // Linked first, then the file and its folder are fsynced together: both land in one journal commit
      // instead of two, and the folder's fsync is shared with the instances linked into it meanwhile
      // (folder-sync.ts). Until both are done nothing is acknowledged. The index row is queued after that and
      // committed behind the answer; recovery at start indexes a file whose row a crash lost (and an
      // unacknowledged one only if it parses whole, quarantine/recovery.ts).
      if (!existing && placeWithoutReplacing(temp, finalPath)) {
        placed = true;
        await Promise.all([spooled.finish(sync), sync ? syncFolder(dirname(finalPath)) : undefined]);
        deps.index.add({
            header,
            transferSyntaxUid: received.transferSyntaxUid,
            path: finalPath,
            sizeBytes: spooled.fileBytes,
            datasetBytes: size,
            contentSha256: digest.value(),
            callingAet: received.callingAet,
            sourceAddress: received.sourceAddress,
          receivedAt,
        });
        return { status: Status.Success, header, disposition: 'stored' };
      }
      // A file is there without a row: another process is indexing it, or a crash left it for recovery.
      existing ??= { path: finalPath, studyInstanceUid: header.studyInstanceUid, seriesInstanceUid: header.seriesInstanceUid, sizeBytes: 0, datasetBytes: null, contentSha256: null };
      const disposition = await settleResend(
        { dataDir: deps.dataDir, conflicts: { ...deps.conflicts, recordHash: (sop, bytes, sha) => recordHash(deps, sop, bytes, sha) }, audit: deps.audit, logger: deps.logger, fsync: sync, fsyncDirectory: syncFolder },
        existing,
        { temp, spooled, header, transferSyntaxUid: received.transferSyntaxUid, callingAet: received.callingAet, sourceAddress: received.sourceAddress, receivedAt, digest },
      );
      return { status: Status.Success, header, disposition };
    } finally {
      lock.release();
    }
  } catch (caught) {
    await spooled?.finish(false).catch(() => undefined);
    if (temp) await rm(temp, { force: true }).catch(() => undefined);
    // A file that never got its index row goes again (it was linked by this store, so it is this copy).
    if (placed && finalPath) await rm(finalPath, { force: true }).catch(() => undefined);
    // A dataset that does not parse whole: its own words say where (an ErrorComment holds 64 characters).
    const err = caught instanceof StructureError ? new Refusal(Status.CannotUnderstand, caught.message) : caught;
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
