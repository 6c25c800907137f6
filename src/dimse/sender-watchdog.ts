// Slow senders: a peer that trickles bytes keeps the idle timer happy and can hold an association slot for
// ever (a byte every 50 s; 32 such peers hold every slot). Two rules the idle timer cannot express:
//   - a PDU must arrive whole within pduTimeoutMs of its first byte: trickled bytes do not extend it;
//   - while a PDU or a message is under way, the peer must send at least minBytesPerSecond, measured over
//     windows of rateWindowMs.
// Time during which we hold the peer back (back-pressure, a handler at work) does not count against it.
// One coarse timer per association; the data path only counts bytes.

export interface WatchdogOptions {
  pduTimeoutMs: number;
  minBytesPerSecond: number;
  /** 0 turns the rate rule off. */
  rateWindowMs: number;
}

export interface WatchdogProbe {
  /** A PDU has started and is not complete. */
  inPdu(): boolean;
  /** PDUs completed so far (any progress resets the PDU clock). */
  completedPdus(): number;
  /** A DIMSE message is partly received. */
  inMessage(): boolean;
  /** We are holding the peer back (paused socket, held reader, handler at work). */
  holdingBack(): boolean;
  onTooSlow(reason: string): void;
}

export class SenderWatchdog {
  private timer: NodeJS.Timeout | undefined;
  private bytes = 0;
  private lastTick = Date.now();
  private pduSince: number | undefined;
  private pdusSeen = 0;
  private windowStart: number | undefined;
  private windowBytes = 0;

  constructor(
    private readonly options: WatchdogOptions,
    private readonly probe: WatchdogProbe,
  ) {
    const shortest = Math.min(options.pduTimeoutMs, options.rateWindowMs > 0 ? options.rateWindowMs : Infinity);
    const tick = Math.max(50, Math.min(1000, shortest / 4));
    this.timer = setInterval(() => this.check(), tick);
    this.timer.unref();
  }

  /** Called for every chunk the socket delivers, after the reader consumed it. */
  received(length: number): void {
    this.bytes += length;
    const now = Date.now();
    const completed = this.probe.completedPdus();
    if (completed !== this.pdusSeen) {
      this.pdusSeen = completed;
      this.pduSince = this.probe.inPdu() ? now : undefined;
    } else if (this.pduSince === undefined && this.probe.inPdu()) {
      this.pduSince = now;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private check(): void {
    const now = Date.now();
    const elapsed = now - this.lastTick;
    this.lastTick = now;
    if (this.probe.holdingBack()) {
      // Our side is the slow one: move the clocks on, so the peer is not blamed for this time.
      if (this.pduSince !== undefined) this.pduSince += elapsed;
      if (this.windowStart !== undefined) this.windowStart += elapsed;
      return;
    }
    if (this.probe.completedPdus() !== this.pdusSeen) {
      this.pdusSeen = this.probe.completedPdus();
      this.pduSince = this.probe.inPdu() ? now : undefined;
    }
    if (this.pduSince !== undefined && this.probe.inPdu() && now - this.pduSince > this.options.pduTimeoutMs) {
      return this.trip(`a PDU did not arrive whole within ${this.options.pduTimeoutMs} ms`);
    }
    if (this.options.rateWindowMs <= 0) return;
    const underWay = this.probe.inPdu() || this.probe.inMessage();
    if (!underWay) {
      this.windowStart = undefined;
      return;
    }
    if (this.windowStart === undefined) {
      this.windowStart = now;
      this.windowBytes = this.bytes;
      return;
    }
    const span = now - this.windowStart;
    if (span < this.options.rateWindowMs) return;
    const rate = ((this.bytes - this.windowBytes) * 1000) / span;
    if (rate < this.options.minBytesPerSecond) return this.trip(`sender below ${this.options.minBytesPerSecond} bytes/s (${rate.toFixed(0)} bytes/s over ${span} ms)`);
    this.windowStart = now;
    this.windowBytes = this.bytes;
  }

  private trip(reason: string): void {
    this.stop();
    this.probe.onTooSlow(reason);
  }
}
