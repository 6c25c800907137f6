// fsync of a folder, shared by the instances linked into it about the same time (group commit). An fsync
// covers every entry made in the folder before it started, so a store whose link came after the running
// fsync began waits for the next one, and every store waiting then shares that one: with several
// associations sending one series, N instances cost far fewer than N folder fsyncs. Success for each
// instance still waits for an fsync that began after its own link.
import { closeSync, fstatSync, fsync, openSync, statSync } from 'node:fs';
import { sep } from 'node:path';

/**
 * Folders kept open for their fsyncs: opening and closing a folder around each fsync cost two more thread-pool
 * round trips per instance. A kept descriptor is used only while the path still names the same folder (its
 * inode is compared with a stat on the event loop, a few microseconds): a folder removed by retention and
 * made again is opened anew, so the fsync always covers the folder the file was linked into.
 */
const MAX_OPEN_FOLDERS = 64;

interface FolderHandle {
  fd: number;
  ino: number;
  users: number;
  retired: boolean;
  closed: boolean;
}

const handles = new Map<string, FolderHandle>();

function retire(path: string, handle: FolderHandle): void {
  if (handles.get(path) === handle) handles.delete(path);
  handle.retired = true;
  closeIfDone(handle);
}

/** Closes a retired folder once no fsync uses it (exactly once: a closed number may be reused at once). */
function closeIfDone(handle: FolderHandle): void {
  if (!handle.retired || handle.users > 0 || handle.closed) return;
  handle.closed = true;
  closeQuietly(handle.fd);
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // nothing to do: the descriptor is gone either way
  }
}

function acquire(path: string): FolderHandle {
  const ino = statSync(path).ino;
  let handle = handles.get(path);
  if (handle && handle.ino !== ino) {
    retire(path, handle);
    handle = undefined;
  }
  if (handle) {
    // Most recently used last, so the oldest is the first to go when too many are open.
    handles.delete(path);
  } else {
    const fd = openSync(path, 'r');
    handle = { fd, ino: fstatSync(fd).ino, users: 0, retired: false, closed: false };
  }
  handles.set(path, handle);
  for (const [oldPath, old] of handles) {
    if (handles.size <= MAX_OPEN_FOLDERS) break;
    retire(oldPath, old);
  }
  handle.users++;
  return handle;
}

/** Closes the kept folders under `root` (at stop: an open folder keeps its file system busy); a later fsync opens again. */
export function closeFolders(root: string): void {
  const prefix = root.endsWith(sep) ? root : root + sep;
  for (const [path, handle] of [...handles]) if (path === root || path.startsWith(prefix)) retire(path, handle);
}

function fsyncFolder(path: string): Promise<void> {
  let handle: FolderHandle;
  try {
    handle = acquire(path);
  } catch (err) {
    return Promise.reject(err as Error);
  }
  return new Promise<void>((resolve, reject) =>
    fsync(handle.fd, (err) => {
      handle.users--;
      if (err) retire(path, handle);
      else closeIfDone(handle);
      if (err) reject(err);
      else resolve();
    }),
  );
}

interface FolderState {
  running: Promise<void> | undefined;
  /** The fsync that starts when the running one ends, shared by all who asked meanwhile. */
  next: Promise<void> | undefined;
}

/** A shared-fsync function over `fsync` (the real one by default; tests count the calls). */
export function createFolderSync(fsync: (path: string) => Promise<void> = fsyncFolder): (path: string) => Promise<void> {
  const folders = new Map<string, FolderState>();

  const start = (path: string, state: FolderState): Promise<void> => {
    const run: Promise<void> = fsync(path).finally(() => {
      if (state.running === run) state.running = undefined;
      if (!state.running && !state.next && folders.get(path) === state) folders.delete(path);
    });
    state.running = run;
    return run;
  };

  /** Resolves once an fsync of the folder that began after this call has finished. */
  return (path) => {
    let state = folders.get(path);
    if (!state) {
      state = { running: undefined, next: undefined };
      folders.set(path, state);
    }
    const s = state;
    if (!s.running) return start(path, s);
    s.next ??= s.running
      .catch(() => undefined)
      .then(() => {
        s.next = undefined;
        return start(path, s);
      });
    return s.next;
  };
}

export const syncFolder = createFolderSync();
