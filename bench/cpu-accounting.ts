// CPU time of processes and of the whole machine from /proc (Linux), for benchmarks that must show what
// shares the cores with the code they measure: a ratio on a 2-core machine means little without it.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/** Clock ticks per second of /proc's utime/stime (USER_HZ; 100 on every Linux this runs on). */
const HZ = 100;

/** User + system CPU seconds a process (all its threads) has used so far; undefined when it is gone. */
export function processCpuSeconds(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces; fields count from after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / HZ;
  } catch {
    return undefined;
  }
}

/** User + system CPU seconds this process's main thread (the event loop) has used so far. */
export function mainThreadCpuSeconds(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / HZ;
}

/** The machine's busy and total CPU seconds so far (all cores; busy = not idle and not waiting on I/O). */
export function machineCpuSeconds(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = v;
  const busy = user + nice + system + irq + softirq + steal;
  return { busy: busy / HZ, total: (busy + idle + iowait) / HZ };
}

/** The 1-minute load average, for printing beside every measurement. */
export function load1(): number {
  return loadavg()[0];
}

/** CPU seconds per named group of processes between two samples; processes that appeared count from zero. */
export class CpuLedger {
  private readonly start = new Map<number, number>();
  private readonly last = new Map<number, { group: string; seconds: number }>();

  /** Reads every pid now; the first read of a pid is its starting point unless `fromZero` (started during the span). */
  sample(groups: Record<string, Array<number | undefined>>, fromZero = false): void {
    for (const [group, pids] of Object.entries(groups)) {
      for (const pid of pids) {
        const seconds = processCpuSeconds(pid);
        if (pid === undefined || seconds === undefined) continue;
        if (!this.start.has(pid)) this.start.set(pid, fromZero ? 0 : seconds);
        this.last.set(pid, { group, seconds });
      }
    }
  }

  /** CPU seconds per group between each pid's first and last sample. */
  totals(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [pid, { group, seconds }] of this.last) out.set(group, (out.get(group) ?? 0) + seconds - (this.start.get(pid) ?? seconds));
    return out;
  }
}
