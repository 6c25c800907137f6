// Checks on the data directory, so an unwritable one stops start-up with a message that says so, and who
// may read it (data at rest: owner only, or owner and group).
import { chmod, lstat, mkdir, readdir, rm, writeFile, statfs } from 'node:fs/promises';
import { isMainThread } from 'node:worker_threads';
import { join, resolve } from 'node:path';

export class StorageError extends Error {}

export async function assertWritableDir(dir: string): Promise<void> {
  const probe = join(dir, `.fiona-write-probe-${process.pid}`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(probe, 'ok');
    await rm(probe, { force: true });
  } catch (err) {
    throw new StorageError(`data directory ${resolve(dir)} is not writable (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

/** Free and total bytes of the file system holding `dir` (free: what an unprivileged writer may still use). */
export async function diskSpace(dir: string): Promise<{ freeBytes: number; totalBytes: number }> {
  const stats = await statfs(dir);
  return { freeBytes: Number(stats.bavail) * Number(stats.bsize), totalBytes: Number(stats.blocks) * Number(stats.bsize) };
}

/**
 * Who may read the data dir: its owner only (directories 0700, files 0600), or with
 * `storage.groupReadable` also its group (0750, 0640; e.g. a backup user). Quarantined files hold patient
 * data; the database and the secret key are no less sensitive.
 */
export function dataModes(groupReadable: boolean): { dir: number; file: number; umask: number } {
  return groupReadable ? { dir: 0o750, file: 0o640, umask: 0o027 } : { dir: 0o700, file: 0o600, umask: 0o077 };
}

/** The files in the data dir that are not folders of received data (SQLite database and its journals, secret key). */
const DATA_FILES = ['fiona.sqlite', 'fiona.sqlite-wal', 'fiona.sqlite-shm', 'secret.key'];
/** Folders of received data, walked by the check. */
const DATA_FOLDERS = ['quarantine', 'incoming', 'conflicts', 'damaged'];

/**
 * Before anything is written: the process's umask, so that every file and folder it creates (received
 * files, the SQLite database and its journals) gets the data modes, and the data dir itself (created if
 * absent, its mode and that of the database and key files set). Files received earlier keep their mode:
 * `fiona doctor` lists them.
 */
export async function secureDataDir(dataDir: string, groupReadable: boolean): Promise<void> {
  const modes = dataModes(groupReadable);
  if (isMainThread) process.umask(modes.umask);
  await mkdir(dataDir, { recursive: true, mode: modes.dir });
  await chmod(dataDir, modes.dir);
  for (const name of DATA_FILES) {
    await chmod(join(dataDir, name), modes.file).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }
}

export interface PermissionProblem {
  path: string;
  mode: string;
  expected: string;
}

/** Files and folders in the data dir that others (or, without groupReadable, the group) may read; the first `limit` of them and how many were looked at. */
export async function dataPermissionProblems(dataDir: string, groupReadable: boolean, limit = 20, maxEntries = 200_000): Promise<{ problems: PermissionProblem[]; found: number; checked: number }> {
  const modes = dataModes(groupReadable);
  const problems: PermissionProblem[] = [];
  let found = 0;
  let checked = 0;
  const octal = (mode: number) => (mode & 0o777).toString(8).padStart(4, '0');
  const check = async (path: string, allowed: number): Promise<boolean> => {
    let stats;
    try {
      stats = await lstat(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
    checked++;
    if (stats.mode & 0o777 & ~allowed) {
      found++;
      if (problems.length < limit) problems.push({ path, mode: octal(stats.mode), expected: octal(allowed) });
    }
    return stats.isDirectory();
  };
  await check(dataDir, modes.dir);
  for (const name of DATA_FILES) await check(join(dataDir, name), modes.file);
  const walk = async (dir: string): Promise<void> => {
    if (!(await check(dir, modes.dir))) return;
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (checked >= maxEntries) return;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else await check(path, modes.file);
    }
  };
  for (const folder of DATA_FOLDERS) await walk(join(dataDir, folder));
  return { problems, found, checked };
}
