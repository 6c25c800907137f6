// Temporary files created ahead of need. A store takes an open, empty file at once instead of creating one
// while the sender waits for its answer; the taken spare is replaced in the next turn of the event loop,
// when that answer has gone out and the sender is busy with its next instance.
//
// They live in their own folder (not incoming/, which holds only instances under way) and are empty until
// taken. Recovery at start removes what a crash left; stop() removes the rest. A spare older than
// MAX_AGE_MS is not used: with several receivers on one folder (PostgreSQL), another node's recovery
// removes files of this kind older than its minimum age, and a spare it removed could not be linked.
import { randomUUID } from 'node:crypto';
import { close, open, openSync, unlink } from 'node:fs';
import { join } from 'node:path';

export interface TempFile {
  path: string;
  fd: number;
}

const MAX_AGE_MS = 60_000;

function create(dir: string): Promise<TempFile> {
  const path = join(dir, `${randomUUID()}.part`);
  return new Promise((resolve, reject) => open(path, 'wx', 0o640, (err, fd) => (err ? reject(err) : resolve({ path, fd }))));
}

function createNow(dir: string): TempFile {
  const path = join(dir, `${randomUUID()}.part`);
  return { path, fd: openSync(path, 'wx', 0o640) };
}

function discard(file: TempFile): Promise<void> {
  return new Promise((resolve) => close(file.fd, () => unlink(file.path, () => resolve())));
}

export class SpareFiles {
  private ready: Array<TempFile & { at: number }> = [];
  private stopped = false;
  private refillQueued = false;

  constructor(
    private readonly dir: string,
    private readonly depth = 4,
  ) {}

  /** An open, empty file of our own (a spare, or made now when none is ready). */
  take(): Promise<TempFile> {
    let spare = this.ready.shift();
    while (spare && Date.now() - spare.at > MAX_AGE_MS) {
      void discard(spare);
      spare = this.ready.shift();
    }
    if (!spare) return create(this.dir).finally(() => this.refillSoon());
    this.refillSoon();
    return Promise.resolve({ path: spare.path, fd: spare.fd });
  }

  /**
   * The refill waits for the next turn of the event loop, when the answer of the store that took the spare
   * has gone out and the sender is busy with its next instance, and creates the files there, synchronously:
   * an open handed to the thread pool cost the event loop ~0.1 ms here (the wake-up of a pool thread, in the
   * profile of bench:receive), a create on the event loop ~0.03 ms.
   */
  private refillSoon(): void {
    if (this.refillQueued || this.stopped) return;
    this.refillQueued = true;
    setImmediate(() => {
      this.refillQueued = false;
      this.refill();
    });
  }

  private refill(): void {
    while (!this.stopped && this.ready.length < this.depth) {
      try {
        this.ready.push({ ...createNow(this.dir), at: Date.now() });
      } catch {
        // A full disk or a missing folder: the store that needs a file meets the error itself.
        return;
      }
    }
  }

  /** Removes the spares (at stop); later takes make a file each. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.ready.splice(0).map(discard));
  }
}
