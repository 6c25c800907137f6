// SQLite serves one `fiona serve` process: a second one on the same database file would run a second
// listener, arrival watcher and set of workers over a file that only one machine can lock safely, and two
// processes writing it wait on each other's locks. So `fiona serve` on SQLite holds a lock file beside the
// database (`<file>.serve.lock`, holding host and pid) and a second one stops with a message naming it.
// The command line (fiona user, project …) does not take it: it shares the file as SQLite allows.
// Node has no flock(); the file is created exclusively (O_EXCL) and a lock whose process is gone (same host,
// no such pid) is stale and taken over, so a kill -9 does not leave the database locked.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';

export class ServeLockError extends Error {}

export interface ServeLock {
  path: string;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function takeServeLock(databaseFile: string): ServeLock {
  const path = `${databaseFile}.serve.lock`;
  const me = { host: hostname(), pid: process.pid, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(path, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      return {
        path,
        release: () => {
          // Only our own lock: a stale-lock takeover by another process must not be undone by us.
          try {
            if ((JSON.parse(readFileSync(path, 'utf8')) as { pid?: number }).pid === process.pid) rmSync(path, { force: true });
          } catch {
            // already gone
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new ServeLockError(`cannot create the SQLite serve lock ${path}: ${(err as Error).message}`);
    }
    let holder: { host?: string; pid?: number; since?: string } = {};
    try {
      holder = JSON.parse(readFileSync(path, 'utf8')) as typeof holder;
    } catch {
      // Half-written by a process that died at once, or removed meanwhile: treated as stale.
    }
    const ours = holder.host === me.host;
    if (holder.pid && (!ours || alive(holder.pid))) {
      throw new ServeLockError(
        `another fiona serve (pid ${holder.pid} on ${holder.host ?? 'unknown host'}, since ${holder.since ?? '?'}) already uses the SQLite database ${databaseFile}; ` +
          `SQLite serves one process. Stop it, or use PostgreSQL (db.url / FIONA_DB_URL=postgres://…) to run several processes with --role. ` +
          `(Lock file: ${path}; remove it only if that process is gone.)`,
      );
    }
    rmSync(path, { force: true });
  }
  throw new ServeLockError(`cannot take the SQLite serve lock ${path}: other processes keep taking it`);
}
