// Leases: a worker holds a claimed row only as long as it keeps renewing, so a crashed worker's work is
// taken over by another once its lease runs out. keepLease renews at a third of the lease and reports a
// lost lease (another worker took over, or the database was unreachable for too long).
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';

/** A worker identity that is unique per process and readable in the table: host:pid:random. */
export function workerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export interface LeaseKeeper {
  /** True once a renewal found the lease gone. */
  readonly lost: boolean;
  stop(): void;
}

export function keepLease(renew: () => Promise<boolean>, leaseMs: number, onLost: () => void): LeaseKeeper {
  let lost = false;
  let busy = false;
  const timer = setInterval(() => {
    if (busy || lost) return;
    busy = true;
    renew()
      .then((held) => {
        if (!held) {
          lost = true;
          onLost();
        }
      })
      .catch(() => {
        // A failed renewal is retried at the next tick; the lease still has two thirds left.
      })
      .finally(() => (busy = false));
  }, Math.max(500, Math.floor(leaseMs / 3)));
  timer.unref();
  return {
    get lost() {
      return lost;
    },
    stop: () => clearInterval(timer),
  };
}
