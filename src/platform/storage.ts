// Checks on the data directory, so an unwritable one stops start-up with a message that says so.
import { mkdir, rm, writeFile, statfs } from 'node:fs/promises';
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
