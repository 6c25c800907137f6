// The SHA-256 of an export's zip and of its large stored entries, taken on a thread of their own. Both
// checksums cover every instance's bytes (one pass for the manifest, one for the whole file), ~100 ms of
// CPU for a 66 MB study even at SHA-NI speed — a quarter of an export's main-thread CPU, and that thread
// is the one that reads every association and answers every C-STORE, so its time is the export's time.
// The thread reads back what the writer has written (from the page cache, right behind the writer) rather
// than being sent copies: nothing is copied on the main thread, and only offsets cross between threads.
//
// One thread per process, started with the first archive and kept (unreferenced while nothing waits on
// it): starting a thread costs ~60 ms of CPU, as much as the hashing it takes over for one export. Its code
// is plain CommonJS given as a string, so it runs the same from the sources (tsx) and from dist.
import { Worker } from 'node:worker_threads';

const THREAD = `
const { parentPort } = require('node:worker_threads');
const { openSync, readSync, closeSync } = require('node:fs');
const { createHash } = require('node:crypto');
// 1 MB: both checksums read each chunk while it is still in cache (4 MB chunks: ~10 % more CPU here).
const CHUNK = 1024 * 1024;
let buffer;
const jobs = new Map();
function close(job) { if (job.fd >= 0) { try { closeSync(job.fd); } catch {} job.fd = -1; } }
// Hashes the file from where it stopped up to upTo; returns the entries whose data is now complete.
function advance(job, upTo) {
  const done = [];
  if (upTo > job.pos && job.fd < 0) job.fd = openSync(job.file, 'r');
  buffer ??= Buffer.allocUnsafe(CHUNK);
  while (job.pos < upTo) {
    const n = readSync(job.fd, buffer, 0, Math.min(CHUNK, upTo - job.pos), job.pos);
    if (n <= 0) throw new Error('the archive on disk is shorter than what was written to it');
    const start = job.pos, end = start + n, chunk = buffer.subarray(0, n);
    job.archive.update(chunk);
    while (job.ranges.length > 0 && job.ranges[0][1] < end) {
      const [id, from, length] = job.ranges.shift();
      job.active.push({ id, from, to: from + length, hash: createHash('sha256') });
    }
    for (const a of job.active) {
      const from = Math.max(a.from, start), to = Math.min(a.to, end);
      if (to > from) a.hash.update(chunk.subarray(from - start, to - start));
    }
    job.active = job.active.filter((a) => (a.to <= end ? (done.push([a.id, a.hash.digest('hex')]), false) : true));
    job.pos = end;
  }
  return done;
}
parentPort.on('message', (m) => {
  if (m.op === 'open') return void jobs.set(m.job, { file: m.file, fd: -1, pos: 0, archive: createHash('sha256'), ranges: [], active: [] });
  const job = jobs.get(m.job);
  if (!job) return;
  if (m.op === 'abort') return void (close(job), jobs.delete(m.job));
  try {
    for (const r of m.ranges ?? []) job.ranges.push(r);
    const digests = advance(job, m.upTo);
    if (m.op === 'finish') {
      close(job);
      jobs.delete(m.job);
      parentPort.postMessage({ job: m.job, digests, sha256: job.archive.digest('hex') });
    } else if (digests.length > 0) parentPort.postMessage({ job: m.job, digests });
  } catch (err) {
    close(job);
    jobs.delete(m.job);
    parentPort.postMessage({ job: m.job, error: String((err && err.message) || err) });
  }
});
`;

interface Answer {
  job: number;
  digests?: [number, string][];
  sha256?: string;
  error?: string;
}

interface Listener {
  onDigests(digests: [number, string][]): void;
  onFinished(sha256: string): void;
  onError(err: Error): void;
}

let thread: Worker | undefined;
const listeners = new Map<number, Listener>();
let nextJob = 1;
/** Requests whose answer is awaited; while there are any the thread keeps the process alive. */
let waiting = 0;

function hashingThread(): Worker {
  if (thread) return thread;
  const started = new Worker(THREAD, { eval: true });
  started.unref();
  started.on('message', (a: Answer) => {
    const l = listeners.get(a.job);
    if (!l) return;
    if (a.error) return l.onError(new Error(`hashing the archive: ${a.error}`));
    if (a.digests?.length) l.onDigests(a.digests);
    if (a.sha256) l.onFinished(a.sha256);
  });
  const lost = (err: Error) => {
    if (thread === started) thread = undefined;
    for (const l of [...listeners.values()]) l.onError(err);
  };
  started.on('error', lost);
  started.on('exit', (code) => lost(new Error(`the hashing thread exited (${code})`)));
  thread = started;
  return started;
}

function expect(n: number): void {
  const before = waiting;
  waiting += n;
  if (before === 0 && waiting > 0) thread?.ref();
  else if (before > 0 && waiting === 0) thread?.unref();
}

/** One archive's checksums on the hashing thread. Calls come in file order: the data first written, then hashed. */
export class ArchiveHasher {
  private readonly job = nextJob++;
  private readonly thread = hashingThread();
  private readonly entries = new Map<number, { resolve(sha256: string): void; reject(err: Error): void }>();
  private finished: { resolve(sha256: string): void; reject(err: Error): void } | undefined;
  private failure: Error | undefined;
  private nextEntry = 1;

  constructor(file: string) {
    listeners.set(this.job, {
      onDigests: (digests) => {
        for (const [id, sha256] of digests) {
          const e = this.entries.get(id);
          if (!e) continue;
          this.entries.delete(id);
          expect(-1);
          e.resolve(sha256);
        }
      },
      onFinished: (sha256) => this.settleFinish(undefined, sha256),
      onError: (err) => this.fail(err),
    });
    this.thread.postMessage({ op: 'open', job: this.job, file });
  }

  /**
   * The file is written up to `upTo`; `ranges` are entries' data ([start, length], at or after the previous
   * upTo) whose SHA-256 is wanted: each promise resolves with its entry's checksum.
   */
  written(upTo: number, ranges: [number, number][] = []): Promise<string>[] {
    const promises: Promise<string>[] = [];
    const sent: [number, number, number][] = [];
    for (const [start, length] of ranges) {
      const id = this.nextEntry++;
      promises.push(
        new Promise<string>((resolve, reject) => {
          if (this.failure) return reject(this.failure);
          this.entries.set(id, { resolve, reject });
          expect(1);
        }),
      );
      sent.push([id, start, length]);
    }
    if (!this.failure) this.thread.postMessage({ op: 'advance', job: this.job, upTo, ranges: sent });
    return promises;
  }

  /** The file is complete at `upTo`: its SHA-256 (every entry's checksum is in by then too). */
  finish(upTo: number): Promise<string> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<string>((resolve, reject) => {
      this.finished = { resolve, reject };
      expect(1);
      this.thread.postMessage({ op: 'finish', job: this.job, upTo });
    });
  }

  /** Stops hashing this archive (the writer failed or gave up): what waits fails with `reason`. */
  abort(reason: Error = new Error('the archive was abandoned')): void {
    this.fail(reason);
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    listeners.delete(this.job);
    try {
      this.thread.postMessage({ op: 'abort', job: this.job });
    } catch {
      // The thread is gone already; nothing of this archive is left there.
    }
    for (const e of this.entries.values()) {
      expect(-1);
      e.reject(err);
    }
    this.entries.clear();
    this.settleFinish(err);
  }

  private settleFinish(err: Error | undefined, sha256 = ''): void {
    const f = this.finished;
    if (!err) listeners.delete(this.job);
    if (!f) return;
    this.finished = undefined;
    expect(-1);
    if (err) f.reject(err);
    else f.resolve(sha256);
  }
}
