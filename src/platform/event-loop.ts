// How long the event loop was held up: a sampling histogram (perf_hooks.monitorEventLoopDelay) read by
// GET /api/health. Figures cover the current window and the one before it, so a stall shows for at least
// one whole window after it happened.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface EventLoopDelay {
  /** Median, 99th percentile and largest delay in milliseconds over the last one or two windows. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  windowSeconds: number;
}

export class EventLoopMonitor {
  private readonly histogram: IntervalHistogram;
  private previous: Omit<EventLoopDelay, 'windowSeconds'> = { p50Ms: 0, p99Ms: 0, maxMs: 0 };
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: { resolutionMs?: number; windowSeconds?: number } = {}) {
    this.histogram = monitorEventLoopDelay({ resolution: options.resolutionMs ?? 10 });
  }

  start(): void {
    if (this.timer) return;
    this.histogram.enable();
    this.timer = setInterval(() => {
      this.previous = this.current();
      this.histogram.reset();
    }, (this.options.windowSeconds ?? 60) * 1000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.histogram.disable();
  }

  private current(): Omit<EventLoopDelay, 'windowSeconds'> {
    const h = this.histogram;
    // The histogram's minimum is 1 ns and its values nanoseconds; with no samples yet, count is 0.
    if (h.count === 0) return { p50Ms: 0, p99Ms: 0, maxMs: 0 };
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    return { p50Ms: ms(h.percentile(50)), p99Ms: ms(h.percentile(99)), maxMs: ms(h.max) };
  }

  read(): EventLoopDelay {
    const now = this.current();
    return {
      p50Ms: Math.max(now.p50Ms, this.previous.p50Ms),
      p99Ms: Math.max(now.p99Ms, this.previous.p99Ms),
      maxMs: Math.max(now.maxMs, this.previous.maxMs),
      windowSeconds: this.options.windowSeconds ?? 60,
    };
  }
}
