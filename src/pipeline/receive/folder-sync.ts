// fsync of a folder, shared by the instances linked into it about the same time (group commit). An fsync
// covers every entry made in the folder before it started, so a store whose link came after the running
// fsync began waits for the next one, and every store waiting then shares that one: with several
// associations sending one series, N instances cost far fewer than N folder fsyncs. Success for each
// instance still waits for an fsync that began after its own link.
import { closeSync, fsync, openSync } from 'node:fs';

/**
 * One thread-pool round trip per folder fsync: the open and close of a folder take microseconds on the event
 * loop, and each of them on the thread pool was a round trip on the answer's path (three in a row before).
 * The folder is opened afresh each time, so a folder removed and made again is never synced by an old handle.
 */
function fsyncFolder(path: string): Promise<void> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    return Promise.reject(err);
  }
  return new Promise((resolve, reject) =>
    fsync(fd, (err) => {
      try {
        closeSync(fd);
      } catch {
        // Synced (or not, and the fsync's error says so); a failing close of a folder adds nothing.
      }
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
