// Temporary files created ahead of need. Creating a file is the slowest step of storing a small instance
// here (the profile of bench:receive: ~2 ms per create on the shared disk, a fifth of the time per instance,
// and storescp pays it once where Fiona paid create, link and unlink in a row). A sender waits for each
// answer before it sends the next instance, so a create on the thread pool while the network round trip
// runs costs the sender nothing: a few empty files are kept open, and each store takes one.
//
// They live in their own folder (not incoming/, which holds only instances under way) and are empty until
// taken. Recovery at start removes what a crash left; stop() removes the rest. A spare older than
// MAX_AGE_MS is not used: with several receivers on one folder (PostgreSQL), another node's recovery
// removes files of this kind older than its minimum age, and a spare it removed could not be linked.
import { randomUUID } from 'node:crypto';
import { close, open, unlink } from 'node:fs';
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

function discard(file: TempFile): Promise<void> {
  return new Promise((resolve) => close(file.fd, () => unlink(file.path, () => resolve())));
}

export class SpareFiles {
  private ready: Array<TempFile & { at: number }> = [];
  private making = 0;
  private stopped = false;

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
    this.refill();
    return spare ? Promise.resolve({ path: spare.path, fd: spare.fd }) : create(this.dir);
  }

  private refill(): void {
    while (!this.stopped && this.ready.length + this.making < this.depth) {
      this.making++;
      create(this.dir).then(
        (file) => {
          this.making--;
          if (this.stopped) void discard(file);
          else this.ready.push({ ...file, at: Date.now() });
        },
        // A full disk or a missing folder: the store that needs a file meets the error itself.
        () => this.making--,
      );
    }
  }

  /** Removes the spares (at stop); later takes make a file each. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.ready.splice(0).map(discard));
  }
}
