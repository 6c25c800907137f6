// Event-loop stalls of this process, for tests that bound the work done between two turns of the loop.
// monitorEventLoopDelay gives the delays as the service reports them; they are wall-clock, so on a machine
// shared by other busy processes a stall may be time this process simply did not get a core. A 5 ms tick
// therefore also records the process's CPU time during each stall: the part of a stall that was this
// process's own work. That counts all its threads (GC, the thread pool, worker threads), which on two cores
// can exceed the stall itself; the main thread cannot use more CPU than the wall time of the gap, so the
// smaller of the two is the bound for the main thread's work (Node 20 has no per-thread CPU clock).
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface LoopStalls {
  /** Largest delay seen by monitorEventLoopDelay, ms. */
  maxDelayMs: number;
  p99DelayMs: number;
  samples: number;
  /** Largest gap between two ticks, ms (wall), and the most main-thread CPU a gap can have held: min(wall, process CPU). */
  maxGapMs: number;
  maxGapCpuMs: number;
}

export function sampleLoop(): { stop(): LoopStalls } {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let maxGapMs = 0;
  let maxGapCpuMs = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    lastCpu = process.cpuUsage();
    maxGapMs = Math.max(maxGapMs, now - last);
    maxGapCpuMs = Math.max(maxGapCpuMs, Math.min(now - last, (cpu.user + cpu.system) / 1000));
    last = now;
  }, 5);
  return {
    stop() {
      clearInterval(tick);
      histogram.disable();
      return { maxDelayMs: histogram.max / 1e6, p99DelayMs: histogram.percentile(99) / 1e6, samples: histogram.count, maxGapMs, maxGapCpuMs };
    },
  };
}
